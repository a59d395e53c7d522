package dev.kemu.fs.procfs;

import static dev.kemu.vfs.Fcntl.O_RDONLY;
import static dev.kemu.vfs.Fcntl.O_RDWR;
import static dev.kemu.vfs.Fcntl.O_WRONLY;
import static dev.kemu.vfs.Fcntl.SEEK_CUR;
import static dev.kemu.vfs.Fcntl.SEEK_SET;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Kstat;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.VfsBehaviour;
import dev.kemu.vfs.spi.FileOperations.SpliceRead;
import dev.kemu.vfs.spi.FileOperations.SpliceWrite;
import dev.kemu.vfs.spi.MountException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /proc/sys/kernel/domainname} and {@code hostname} ({@link ProcSysKernel}, {@link ProcSysStringFile},
 * {@link ProcDoString}): {@code proc_do_uts_string} over the machine's UTS namespace.
 */
class ProcSysKernelTest {
    private static final String DOMAIN = "/proc/sys/kernel/domainname";
    private static final String HOST = "/proc/sys/kernel/hostname";
    private Machine m;

    @BeforeEach
    void setUp() throws MountException {
        m = new Machine();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private long writeFresh(String path, String text) {
        int fd = m.openOk(path, O_WRONLY, 0);
        long r = m.write(fd, ascii(text));
        m.close(fd);
        return r;
    }

    private String domain() {
        return m.readFile(DOMAIN, 1024);
    }

    @Test
    void read_bothNames_giveNoneAndANewline() {
        assertEquals("(none)\n", domain());
        assertEquals("(none)\n", m.readFile(HOST, 1024));
    }

    @Test
    void stat_isRegular0644OfSizeZero() {
        for (String p : new String[] {DOMAIN, HOST}) {
            Kstat st = m.stat(p);
            assertEquals(StatMode.S_IFREG | 0644, st.mode(), p);
            assertEquals(0, st.size(), p);
        }
    }

    @Test
    void read_inThreeByteChunks_followsThePositionToTheNewline() {
        assertEquals("(none)\n", m.readFile(DOMAIN, 3));
    }

    @Test
    void pread_pastTheNewline_readsNothing() {
        int fd = m.openOk(DOMAIN, O_RDONLY, 0);
        assertEquals("\n", m.pread(fd, 10, 6).text());
        assertEquals(0, m.pread(fd, 10, 7).ret());
        assertEquals("ne", m.pread(fd, 2, 3).text());
    }

    @Test
    void write_atZero_replacesTheValueAndMovesThePositionByTheCount() {
        int fd = m.openOk(DOMAIN, O_RDWR, 0);
        assertEquals(8, m.write(fd, ascii("LTP_INIT")));
        assertEquals(8, m.lseek(fd, 0, SEEK_CUR));
        assertEquals("LTP_INIT\n", domain());
        assertArrayEquals(ascii("LTP_INIT"), m.vfs.utsNamespace().domainname(), "the machine holds the value");
    }

    @Test
    void write_secondWriteOnTheSameDescriptor_appends() {
        int fd = m.openOk(DOMAIN, O_WRONLY, 0);
        assertEquals(2, m.write(fd, ascii("ab")));
        assertEquals(2, m.write(fd, ascii("cd")));
        assertEquals("abcd\n", domain());
    }

    @Test
    void write_stopsAtTheFirstNewlineOrNulButReturnsTheWholeCount() {
        assertEquals(7, writeFresh(DOMAIN, "(none)\n"));
        assertEquals("(none)\n", domain());
        assertEquals(9, writeFresh(DOMAIN, "abc\0defgh"));
        assertEquals("abc\n", domain());
    }

    @Test
    void write_longerThan64Bytes_keepsTheFirst64() {
        String seventy = "x".repeat(70);
        assertEquals(70, writeFresh(HOST, seventy));
        assertEquals("x".repeat(64) + "\n", m.readFile(HOST, 1024));
    }

    @Test
    void pwrite_insideTheValue_keepsThePrefixAndEndsAfterTheNewBytes() {
        assertEquals(6, writeFresh(DOMAIN, "abcdef"));
        int fd = m.openOk(DOMAIN, O_WRONLY, 0);
        assertEquals(2, m.pwrite(fd, ascii("XY"), 2));
        assertEquals("abXY\n", domain());
        assertEquals(2, m.pwrite(fd, ascii("ZW"), 4), "at the end of the value: appends");
        assertEquals("abXYZW\n", domain());
    }

    @Test
    void write_beyondTheEndOfTheValue_changesNothingAndLeavesThePosition() {
        int fd = m.openOk(DOMAIN, O_WRONLY, 0);
        assertEquals(100, m.lseek(fd, 100, SEEK_SET));
        assertEquals(3, m.write(fd, ascii("abc")));
        assertEquals(100, m.lseek(fd, 0, SEEK_CUR));
        assertEquals("(none)\n", domain());
    }

    @Test
    void write_empty_returnsZeroAndKeepsTheValue() {
        assertEquals(0, writeFresh(DOMAIN, ""));
        assertEquals("(none)\n", domain());
    }

    @Test
    void read_countOfFourMiB_returnsEnomem() {
        int fd = m.openOk(DOMAIN, O_RDONLY, 0);
        assertEquals(Errno.ENOMEM.neg(), m.read(fd, 4 << 20).ret());
    }

    @Test
    void write_hostname_leavesTheDomainName() {
        assertEquals(2, writeFresh(HOST, "vm"));
        assertEquals("vm\n", m.readFile(HOST, 1024));
        assertEquals("(none)\n", domain());
        assertArrayEquals(ascii("vm"), m.vfs.utsNamespace().nodename());
    }

    @Test
    void mount_second_showsTheSameMachinesNames() throws MountException {
        assertEquals(4, writeFresh(DOMAIN, "kemu"));
        m.vfs.mount("proc", null, "/proc2", Map.of());
        assertEquals("kemu\n", m.readFile("/proc2/sys/kernel/domainname", 1024));
    }

    @Test
    void spliceMethods_from510_areCopyAndIterFileSpliceWrite() {
        assertSpliceMethods(m, DOMAIN, SpliceRead.COPY, SpliceWrite.GENERIC);
        assertSpliceMethods(m, "/proc/sys/fs/pipe-max-size", SpliceRead.COPY, SpliceWrite.GENERIC);
    }

    @Test
    void spliceMethods_before510_areNoneSoSpliceTakesTheDefaultFallbacks() throws MountException {
        Machine old = new Machine(new VfsBehaviour() {
            @Override
            public boolean procSysSplice() {
                return false;
            }
        });
        assertSpliceMethods(old, DOMAIN, SpliceRead.NONE, SpliceWrite.NONE);
        assertSpliceMethods(old, HOST, SpliceRead.NONE, SpliceWrite.NONE);
        assertSpliceMethods(old, "/proc/sys/fs/pipe-max-size", SpliceRead.NONE, SpliceWrite.NONE);
        assertEquals("(none)\n", old.readFile(DOMAIN, 1024), "read and write do not depend on it");
    }

    private static void assertSpliceMethods(Machine mm, String path, SpliceRead read, SpliceWrite write) {
        int fd = mm.openOk(path, O_RDONLY, 0);
        File file = mm.sys.fdget(mm.task, fd);
        try {
            assertEquals(read, file.fop().spliceRead(), path);
            assertEquals(write, file.fop().spliceWrite(), path);
        } finally {
            file.put();
        }
    }
}
