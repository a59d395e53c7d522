package dev.kemu.fs.procfs;

import static dev.kemu.vfs.Fcntl.O_RDONLY;
import static dev.kemu.vfs.Fcntl.O_RDWR;
import static dev.kemu.vfs.Fcntl.SEEK_CUR;
import static dev.kemu.vfs.Fcntl.SEEK_DATA;
import static dev.kemu.vfs.Fcntl.SEEK_END;
import static dev.kemu.vfs.Fcntl.SEEK_HOLE;
import static dev.kemu.vfs.Fcntl.SEEK_SET;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Kstat;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.spi.FileOperations.SpliceRead;
import dev.kemu.vfs.spi.FileOperations.SpliceWrite;
import dev.kemu.vfs.spi.MountException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /proc/sys/fs/pipe-max-size} ({@link ProcSysFile}, {@link ProcSys}): sysctl reads, writes
 * and seeks as a 6.18 host answered them to root.
 */
class ProcSysFileTest {
    private static final String PMS = "/proc/sys/fs/pipe-max-size";
    private Machine m;

    @BeforeEach
    void setUp() throws MountException {
        m = new Machine();
    }

    private long writeAt0(String text) {
        int fd = m.openOk(PMS, O_RDWR, 0);
        long r = m.pwrite(fd, text.getBytes(StandardCharsets.ISO_8859_1), 0);
        m.close(fd);
        return r;
    }

    private String value() {
        return m.readFile(PMS, 100);
    }

    @Test
    void open_forWritingByAnOrdinaryUser_returnsEaccesReadingAllowed() {
        m.task.setCred(dev.kemu.vfs.Cred.user(65534, 65534, java.util.List.of()));
        assertEquals(Errno.EACCES.neg(), m.open(PMS, dev.kemu.vfs.Fcntl.O_WRONLY, 0));
        assertEquals(Errno.EACCES.neg(), m.open(PMS, O_RDONLY | dev.kemu.vfs.Fcntl.O_TRUNC, 0));
        assertEquals("1048576\n", value());
    }

    @Test
    void open_forWritingByRootWithoutCapabilities_succeeds() {
        // test_perm looks at the effective uid only: root without CAP_SYS_ADMIN or CAP_SYS_RESOURCE may write.
        m.task.setCred(dev.kemu.vfs.Cred.ROOT.withCaps(0, 0, 0));
        assertEquals(4, writeAt0("4096"));
        assertEquals(4096, m.vfs.pipeSysctl().pipeMaxSize());
    }

    @Test
    void open_byAMemberOfTheRootGroup_getsTheGroupBits() {
        m.task.setCred(dev.kemu.vfs.Cred.user(1000, 1000, java.util.List.of(0)));
        assertEquals(Errno.EACCES.neg(), m.open(PMS, O_RDWR, 0));
        assertEquals("1048576\n", value());
    }

    @Test
    void read_returns1048576AndANewline() {
        assertEquals("1048576\n", value());
    }

    @Test
    void write_setsTheMachinesPipeMaxSize() {
        assertEquals(5, writeAt0("65536"));
        assertEquals(65536, m.vfs.pipeSysctl().pipeMaxSize(), "F_SETPIPE_SZ and new pipes read this value");
        m.vfs.pipeSysctl().setPipeMaxSize(8192);
        assertEquals("8192\n", value(), "and procfs shows what the machine holds");
    }

    @Test
    void pipeUserPages_softReads16384AndHardWritesThrough() {
        assertEquals("16384\n", m.readFile("/proc/sys/fs/pipe-user-pages-soft", 100));
        assertEquals("0\n", m.readFile("/proc/sys/fs/pipe-user-pages-hard", 100));
        int fd = m.openOk("/proc/sys/fs/pipe-user-pages-hard", O_RDWR, 0);
        assertEquals(4, m.write(fd, "1234".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(1234, m.vfs.pipeSysctl().userPagesHard());
    }

    @Test
    void stat_isRegular0644OfSizeZero() {
        Kstat st = m.stat(PMS);
        assertEquals(StatMode.S_IFREG | 0644, st.mode());
        assertEquals(0, st.size());
    }

    @Test
    void read_inThreeByteChunks_stopsAfterTheFirst() {
        assertEquals("104", m.readFile(PMS, 3));
    }

    @Test
    void pread_atNonZeroOffset_readsNothing() {
        int fd = m.openOk(PMS, O_RDONLY, 0);
        assertEquals(0, m.pread(fd, 2, 1).ret());
        assertEquals("10", m.pread(fd, 2, 0).text());
    }

    @Test
    void read_countOfFourMiB_returnsEnomem() {
        int fd = m.openOk(PMS, O_RDONLY, 0);
        assertEquals(Errno.ENOMEM.neg(), m.read(fd, 4 << 20).ret());
        assertEquals(8, m.pread(fd, (4 << 20) - 1, 0).ret());
    }

    @Test
    void write_roundsUpToAPowerOfTwoAndLeavesThePosition() {
        int fd = m.openOk(PMS, O_RDWR, 0);
        assertEquals(7, m.write(fd, "2000000".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(0, m.lseek(fd, 0, SEEK_CUR));
        assertEquals("2097152\n", value());
    }

    @Test
    void write_smallValues_roundUpToAPage() {
        assertEquals(1, writeAt0("0"));
        assertEquals("4096\n", value());
        assertEquals(5, writeAt0("12 34"));
        assertEquals("4096\n", value());
    }

    @Test
    void write_cNotationAndWhitespace_areAccepted() {
        assertEquals(7, writeAt0("0x2000\t"));
        assertEquals("8192\n", value());
        assertEquals(9, writeAt0("\t 16384\n\n"));
        assertEquals("16384\n", value());
        assertEquals(9, writeAt0("32768 xyz"));
        assertEquals("32768\n", value());
    }

    @Test
    void write_valueAboveTwoToThe32_isTruncatedToUnsignedInt() {
        assertEquals(10, writeAt0("4294971392"));
        assertEquals("4096\n", value());
    }

    @Test
    void write_twoToThe31_isTheLargestAccepted() {
        assertEquals(10, writeAt0("2147483647"));
        assertEquals("2147483648\n", value());
        assertEquals(Errno.EINVAL.neg(), writeAt0("3000000000"));
    }

    @Test
    void write_malformed_returnsEinvalAndKeepsTheValue() {
        for (String bad : new String[] {"abc", "-1", "-0", "+8192", "8192x", "\n", "0x", "8192\0",
                "00000000000000000000008192", "99999999999999999999"}) {
            assertEquals(Errno.EINVAL.neg(), writeAt0(bad), bad);
        }
        assertEquals("1048576\n", value());
    }

    @Test
    void write_atNonZeroOffset_isIgnoredButCountedAndMovesThePosition() {
        int fd = m.openOk(PMS, O_RDWR, 0);
        assertEquals(3, m.lseek(fd, 3, SEEK_SET));
        assertEquals(5, m.write(fd, "32768".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(8, m.lseek(fd, 0, SEEK_CUR));
        assertEquals("1048576\n", value());
    }

    @Test
    void write_empty_returnsZero() {
        assertEquals(0, writeAt0(""));
    }

    @Test
    void lseek_isDefaultLlseekOverSizeZero() {
        int fd = m.openOk(PMS, O_RDONLY, 0);
        assertEquals(5, m.lseek(fd, 5, SEEK_END));
        assertEquals(Errno.EINVAL.neg(), m.lseek(fd, -1, SEEK_END));
        assertEquals(Errno.ENXIO.neg(), m.lseek(fd, 0, SEEK_DATA));
        assertEquals(Errno.ENXIO.neg(), m.lseek(fd, 0, SEEK_HOLE));
        assertEquals(1L << 62, m.lseek(fd, 1L << 62, SEEK_SET));
        assertEquals(Errno.EINVAL.neg(), m.lseek(fd, 1L << 62, SEEK_CUR));
        assertEquals(0, m.read(fd, 100).ret());
    }

    @Test
    void ftruncate_readOnly_returnsEinval() {
        int fd = m.openOk(PMS, O_RDONLY, 0);
        assertEquals(Errno.EINVAL.neg(), m.ftruncate(fd, 0));
    }

    @Test
    void splice_sysctl_copiesOnReadAndWritesThroughWriteIter() {
        int fd = m.openOk(PMS, O_RDONLY, 0);
        File file = m.sys.fdget(m.task, fd);
        try {
            assertEquals(SpliceRead.COPY, file.fop().spliceRead());
            assertEquals(SpliceWrite.GENERIC, file.fop().spliceWrite());
        } finally {
            file.put();
        }
    }

    @Test
    void roundPipeSize_matchesFsPipe() {
        assertEquals(4096, ProcSys.roundPipeSize(0));
        assertEquals(4096, ProcSys.roundPipeSize(4096));
        assertEquals(8192, ProcSys.roundPipeSize(4097));
        assertEquals(Integer.MIN_VALUE, ProcSys.roundPipeSize(Integer.MIN_VALUE), "2^31 as unsigned");
        assertEquals(0, ProcSys.roundPipeSize(Integer.MIN_VALUE + 1));
    }
}
