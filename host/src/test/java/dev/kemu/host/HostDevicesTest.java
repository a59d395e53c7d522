package dev.kemu.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.KernelVersion;
import dev.kemu.kernel.Kernels;
import dev.kemu.kernel.Syscalls;
import dev.kemu.kernel.spi.KernelProvider;
import dev.kemu.kernel.spi.KernelVariant;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.FileSystemTypes;
import dev.kemu.vfs.Mman;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.ramfs.RamfsType;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Devices, FIFOs and mappings: the host's kernel and the emulated 6.18 give the same answers. */
@Timeout(30)
class HostDevicesTest {
    private HostSyscalls host;
    private Kernel emulated;

    @BeforeAll
    static void onLinuxX8664() {
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                "the host backend runs only on Linux x86-64");
    }

    /** The core's 6.18 defaults, with no plugin: what a 6.x host is compared against. */
    private static final KernelProvider DEFAULTS = new KernelProvider() {
        @Override
        public String id() {
            return "defaults";
        }

        @Override
        public String description() {
            return "6.18 defaults";
        }

        @Override
        public List<KernelVariant> variants() {
            return List.of(new KernelVariant("6.18", "defaults"));
        }

        @Override
        public boolean covers(KernelVersion v) {
            return v.major() == 6 && v.minor() == 18 && v.suffix().isEmpty();
        }

        @Override
        public Module module(KernelVersion version) {
            return new AbstractModule() {
            };
        }
    };

    @BeforeEach
    void open() throws Exception {
        host = HostSyscalls.open(null, 500);
        emulated = Kernels.of(List.of(DEFAULTS), FileSystemTypes.of(new RamfsType())).boot("6.18",
                BootOptions.standard().withRoot("ramfs", null));
    }

    @AfterEach
    void close() {
        host.close();
    }

    /** splice 5045 bytes from /dev/zero into a pipe, then read them: "count zeros?". */
    private static String spliceFromZero(Syscalls s) {
        Task t = s.newTask();
        long zero = s.open(t, "/dev/zero", Fcntl.O_RDONLY, 0);
        int[] p = new int[2];
        assertEquals(0, s.pipe2(t, p, 0));
        long n = s.splice(t, (int) zero, null, p[1], null, 5045, 0);
        UserBuffer buf = UserBuffer.of(filled(5045));
        long r = s.read(t, p[0], buf, 5045);
        return n + " " + r + " " + java.util.Arrays.equals(buf.toByteArray(), new byte[5045]);
    }

    private static byte[] filled(int n) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) 0x55);
        return b;
    }

    @Test
    void splice_devZeroIntoPipe_hostAndEmulatedAgree() {
        java.util.regex.Matcher v = java.util.regex.Pattern.compile("(\\d+)\\.(\\d+)").matcher(host.release());
        assumeTrue(v.find() && Integer.parseInt(v.group(1)) * 1000 + Integer.parseInt(v.group(2)) >= 6007,
                "splice from /dev/zero needs 6.7+ on the host");
        assertEquals("5045 5045 true", spliceFromZero(host));
        assertEquals(spliceFromZero(host), spliceFromZero(emulated));
    }

    @Test
    void fstat_devZero_hostAndEmulatedAgree() {
        for (Syscalls s : List.<Syscalls>of(host, emulated)) {
            Task t = s.newTask();
            long fd = s.open(t, "/dev/zero", Fcntl.O_RDONLY, 0);
            var st = s.fstat(t, (int) fd).stat();
            assertEquals(StatMode.S_IFCHR | 0666, st.mode(), s.release());
            assertEquals(0x105, st.rdev(), s.release());
        }
    }

    /** mkfifo, a non-blocking writer with no reader, a non-blocking reader, then the writer again. */
    private static String fifo(Syscalls s) {
        Task t = s.newTask();
        long mk = s.mknod(t, "fifo", StatMode.S_IFIFO | 0644, 0);
        long w1 = s.open(t, "fifo", Fcntl.O_WRONLY | Fcntl.O_NONBLOCK, 0);
        long r = s.open(t, "fifo", Fcntl.O_RDONLY | Fcntl.O_NONBLOCK, 0);
        long w2 = s.open(t, "fifo", Fcntl.O_WRONLY | Fcntl.O_NONBLOCK, 0);
        long mode = s.newfstatat(t, Fcntl.AT_FDCWD, "fifo", 0).stat().mode();
        long again = s.mknod(t, "fifo", StatMode.S_IFIFO | 0644, 0);
        return String.join(" ", name(mk), name(w1), r >= 0 ? "fd" : name(r), w2 >= 0 ? "fd" : name(w2),
                Long.toOctalString(mode), name(again));
    }

    private static String name(long r) {
        return r < 0 ? Errno.of(r).name() : Long.toString(r);
    }

    @Test
    void mknodFifo_hostAndEmulatedAgree() {
        String onHost = fifo(host);
        assertEquals("0 ENXIO fd fd 10644 EEXIST", onHost);
        assertEquals(onHost, fifo(emulated));
    }

    @Test
    void mmap_fileOnHost_givesAHostAddressAndMunmapOnlyOwnRanges() {
        Task t = host.newTask();
        long fd = host.open(t, "f", Fcntl.O_RDWR | Fcntl.O_CREAT, 0644);
        assertEquals(5, host.write(t, (int) fd, UserBuffer.of("hello".getBytes()), 5));
        long addr = host.mmap(t, 0x1000_0000L, 4096, Mman.PROT_READ, Mman.MAP_SHARED | Mman.MAP_FIXED, (int) fd, 0);
        assertTrue(addr > 0, () -> name(addr));
        assertEquals(0, host.msync(t, addr, 4096, Mman.MS_SYNC));
        assertEquals(Errno.EACCES.neg(), host.munmap(t, 0x1000_0000L, 4096), "not mapped by this backend");
        assertEquals(0, host.munmap(t, addr, 4096));
        int[] p = new int[2];
        assertEquals(0, host.pipe2(t, p, 0));
        assertEquals(Errno.ENODEV.neg(), host.mmap(t, 0, 4096, Mman.PROT_READ, Mman.MAP_PRIVATE, p[0], 0));
        Task e = emulated.newTask();
        int[] q = new int[2];
        assertEquals(0, emulated.pipe2(e, q, 0));
        assertEquals(Errno.ENODEV.neg(), emulated.mmap(e, 0, 4096, Mman.PROT_READ, Mman.MAP_PRIVATE, q[0], 0));
    }
}
