package dev.kemu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.VfsBehaviour;
import dev.kemu.vfs.VfsSyscalls;
import dev.kemu.vfs.spi.FileOperations.SpliceRead;
import dev.kemu.vfs.spi.FileOperations.SpliceWrite;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * splice to and from {@code /proc/sys} files on every version band ({@code fs/proc/proc_sysctl.c:proc_sys_file_operations}):
 * from 5.10 the files have {@code splice_read} and {@code iter_file_splice_write} (4bd6a7353ee1), before they have
 * neither and {@code default_file_splice_read}/{@code default_file_splice_write} go through read and write. The
 * methods arrived in the pull that removed the fallbacks, so splice works on every release; LTP's splice06 is the
 * program.
 */
class SysctlSpliceVersionTest {
    private static final Kernels KERNELS = Kernels.discover();
    private Kernel k;
    private Task t;

    private void boot(String version) throws Exception {
        k = KERNELS.boot(version, BootOptions.standard().withRoot("ramfs", null));
        t = k.newTask();
    }

    @AfterEach
    void shutdown() {
        if (k != null) {
            k.shutdown();
        }
    }

    private int open(String path, int flags) {
        long fd = k.open(t, path, flags, 0);
        assertTrue(fd >= 0, () -> "open " + path + ": " + Errno.of(fd));
        return (int) fd;
    }

    private int[] pipe() {
        int[] p = new int[2];
        assertEquals(0, k.pipe2(t, p, 0));
        return p;
    }

    private String read(int fd, int n) {
        UserBuffer buf = UserBuffer.allocate(n);
        long r = k.read(t, fd, buf, n);
        return r < 0 ? Errno.of(r).name() : new String(buf.read(0, (int) r), StandardCharsets.ISO_8859_1);
    }

    private String readFile(String path) {
        int fd = open(path, Fcntl.O_RDONLY);
        String s = read(fd, 1024);
        k.close(t, fd);
        return s;
    }

    private long spliceIn(String path, String text) {
        int fd = open(path, Fcntl.O_WRONLY);
        int[] p = pipe();
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(b.length, k.write(t, p[1], UserBuffer.of(b), b.length));
        return k.splice(t, p[0], null, fd, null, 100, 0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"3.10", "4.19", "5.4", "5.8", "5.10", "6.18"})
    void splice_fromDomainnameIntoAPipe_givesTheValueAndANewline(String version) throws Exception {
        boot(version);
        int fd = open("/proc/sys/kernel/domainname", Fcntl.O_RDONLY);
        int[] p = pipe();
        assertEquals(7, k.splice(t, fd, null, p[1], null, 100, 0));
        assertEquals("(none)\n", read(p[0], 100));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"3.10", "4.19", "5.4", "5.8", "5.10", "6.18"})
    void splice_fromAPipeIntoDomainname_setsIt(String version) throws Exception {
        boot(version);
        assertEquals(8, spliceIn("/proc/sys/kernel/domainname", "LTP_TEST"));
        assertEquals("LTP_TEST\n", readFile("/proc/sys/kernel/domainname"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"3.10", "4.19", "5.4", "5.8", "5.10", "6.18"})
    void splice_fromAPipeIntoPipeMaxSize_setsIt(String version) throws Exception {
        boot(version);
        assertEquals(4, spliceIn("/proc/sys/fs/pipe-max-size", "4096"));
        assertEquals("4096\n", readFile("/proc/sys/fs/pipe-max-size"));
        assertEquals(4096, k.vfs().pipeSysctl().pipeMaxSize());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"3.10", "4.19", "5.4", "5.8", "5.10", "5.15", "6.18"})
    void spliceMethods_ofSysctlFiles_existFrom510(String version) throws Exception {
        boot(version);
        boolean from510 = k.version().atLeast("5.10");
        for (String path : new String[] {"/proc/sys/kernel/domainname", "/proc/sys/fs/pipe-max-size"}) {
            int fd = open(path, Fcntl.O_RDONLY);
            File f = new VfsSyscalls(VfsBehaviour.DEFAULT).fdget(t, fd);
            try {
                assertEquals(from510 ? SpliceRead.COPY : SpliceRead.NONE, f.fop().spliceRead(), path);
                assertEquals(from510 ? SpliceWrite.GENERIC : SpliceWrite.NONE, f.fop().spliceWrite(), path);
            } finally {
                f.put();
            }
        }
    }
}
