package dev.kemu.fs.procfs;

import static dev.kemu.vfs.Fcntl.O_CREAT;
import static dev.kemu.vfs.Fcntl.O_DIRECT;
import static dev.kemu.vfs.Fcntl.O_RDONLY;
import static dev.kemu.vfs.Fcntl.O_RDWR;
import static dev.kemu.vfs.Fcntl.O_TRUNC;
import static dev.kemu.vfs.Fcntl.O_WRONLY;
import static dev.kemu.vfs.Fcntl.SEEK_CUR;
import static dev.kemu.vfs.Fcntl.SEEK_DATA;
import static dev.kemu.vfs.Fcntl.SEEK_END;
import static dev.kemu.vfs.Fcntl.SEEK_HOLE;
import static dev.kemu.vfs.Fcntl.SEEK_SET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Kstat;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.VfsSyscalls;
import dev.kemu.vfs.spi.FileOperations.SpliceRead;
import dev.kemu.vfs.spi.FileOperations.SpliceWrite;
import dev.kemu.vfs.spi.MountException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /proc/self/status} and {@code /proc/<pid>/status} ({@link ProcPid}, {@link ProcSingleFile},
 * {@link SeqFile}): size 0 yet text when read, seq_file reads and seeks, and the errors a 6.18
 * host gave root for the same calls.
 */
class ProcPidStatusTest {
    private static final String STATUS = "/proc/self/status";
    private Machine m;

    @BeforeEach
    void setUp() throws MountException {
        m = new Machine();
    }

    private String status() {
        return m.readFile(STATUS, 4096);
    }

    @Test
    void stat_status_isRegular0444WithSizeZero() {
        Kstat st = m.stat(STATUS);
        assertEquals(StatMode.S_IFREG | 0444, st.mode());
        assertEquals(0, st.size());
        assertEquals(0, st.blocks());
        assertEquals(1, st.nlink());
        assertEquals(1024, st.blksize());
    }

    @Test
    void status_read_returnsPidLine() {
        String text = status();
        assertTrue(text.contains("\nPid:\t" + m.task.pid() + "\n"), text);
        assertTrue(text.contains("\nTgid:\t" + m.task.pid() + "\n"), text);
        assertTrue(text.contains("\nPPid:\t0\n"), text);
    }

    @Test
    void status_read_startsLikeLinuxWithNameUmaskState() {
        m.task.setUmask(027);
        String text = status();
        assertTrue(text.startsWith("Name:\tkemu\nUmask:\t0027\nState:\tR (running)\nTgid:\t"), text);
        assertTrue(text.endsWith("\n"));
    }

    @Test
    void status_sizeZeroButReadNonEmpty_isWhatCopyFileRangeClampsTo() {
        int fd = m.openOk(STATUS, O_RDONLY, 0);
        File file = m.sys.fdget(m.task, fd);
        try {
            assertEquals(0, VfsSyscalls.getattr(file.inode()).size());
            assertTrue(m.read(fd, 4096).ret() > 0);
            assertEquals(0, file.inode().size(), "reading does not grow i_size");
            assertEquals(0, file.inode().mapping().nrPages(), "no page cache");
        } finally {
            file.put();
        }
    }

    @Test
    void status_readInSmallChunks_concatenatesToTheSameText() {
        String whole = status();
        assertEquals(whole, m.readFile(STATUS, 1));
        assertEquals(whole, m.readFile(STATUS, 7));
        assertEquals(whole, m.readFile(STATUS, 100));
    }

    @Test
    void status_twoTasks_eachSeesItsOwnPid() throws MountException {
        Task other = m.vfs.newTask("/work");
        assertNotEquals(m.task.pid(), other.pid());
        assertTrue(m.readFileAs(other, STATUS, 64).contains("\nPid:\t" + other.pid() + "\n"));
        assertTrue(status().contains("\nPid:\t" + m.task.pid() + "\n"));
    }

    @Test
    void pidDirectory_ofCallingTask_showsTheSameStatus() {
        String path = "/proc/" + m.task.pid() + "/status";
        assertEquals(status(), m.readFile(path, 4096));
        assertEquals(StatMode.S_IFDIR | 0555, m.stat("/proc/" + m.task.pid()).mode());
    }

    @Test
    void pidDirectory_ofUnknownPid_isEnoent() {
        assertEquals(Errno.ENOENT.neg(), m.open("/proc/1/status", O_RDONLY, 0));
        assertEquals(Errno.ENOENT.neg(), m.statResult("/proc/4242").ret());
    }

    @Test
    void read_midwayAfterAChange_continuesTheSnapshotUntilReadFromZero() {
        m.task.setUmask(022);
        int fd = m.openOk(STATUS, O_RDONLY, 0);
        String head = m.read(fd, 10).text();
        m.task.setUmask(077);
        String rest = m.read(fd, 4096).text();
        assertTrue((head + rest).contains("Umask:\t0022\n"), "one snapshot for sequential reads");
        assertEquals(0, m.lseek(fd, 0, SEEK_SET));
        assertTrue(m.read(fd, 4096).text().contains("Umask:\t0077\n"), "a read at 0 shows again");
    }

    @Test
    void lseek_endDataHole_returnEinval() {
        int fd = m.openOk(STATUS, O_RDONLY, 0);
        assertEquals(Errno.EINVAL.neg(), m.lseek(fd, 0, SEEK_END));
        assertEquals(Errno.EINVAL.neg(), m.lseek(fd, 0, SEEK_DATA));
        assertEquals(Errno.EINVAL.neg(), m.lseek(fd, 0, SEEK_HOLE));
    }

    @Test
    void lseek_setAndCur_moveWithinAndPastTheText() {
        String whole = status();
        int fd = m.openOk(STATUS, O_RDONLY, 0);
        assertEquals(10, m.lseek(fd, 10, SEEK_SET));
        assertEquals(15, m.lseek(fd, 5, SEEK_CUR));
        assertEquals(whole.substring(15, 25), m.read(fd, 10).text());
        assertEquals(25, m.lseek(fd, 0, SEEK_CUR));
        assertEquals(Errno.EINVAL.neg(), m.lseek(fd, -26, SEEK_CUR));
        assertEquals(Errno.EINVAL.neg(), m.lseek(fd, -1, SEEK_SET));
        assertEquals(100000, m.lseek(fd, 100000, SEEK_SET));
        assertEquals(0, m.read(fd, 100).ret());
        assertEquals(1L << 62, m.lseek(fd, 1L << 62, SEEK_SET));
        assertEquals(Errno.EINVAL.neg(), m.lseek(fd, 1L << 62, SEEK_CUR), "overflow is negative");
        assertEquals(1L << 62, m.lseek(fd, 0, SEEK_CUR));
    }

    @Test
    void pread_readsAtOffsetWithoutMovingThePosition() {
        String whole = status();
        int fd = m.openOk(STATUS, O_RDONLY, 0);
        assertEquals(whole.substring(0, 20), m.read(fd, 20).text());
        assertEquals(whole.substring(5, 15), m.pread(fd, 10, 5).text());
        assertEquals(20, m.lseek(fd, 0, SEEK_CUR));
        assertEquals(whole.substring(20, 30), m.read(fd, 10).text());
    }

    @Test
    void open_writeOnly_succeedsForRootButWriteIsEinval() {
        int fd = m.openOk(STATUS, O_WRONLY, 0);
        assertEquals(Errno.EINVAL.neg(), m.write(fd, new byte[] {'x'}));
        assertEquals(Errno.EBADF.neg(), m.read(fd, 10).ret());
        int rw = m.openOk(STATUS, O_RDWR, 0);
        assertEquals(Errno.EINVAL.neg(), m.write(rw, new byte[] {'x'}));
    }

    @Test
    void truncate_isAcceptedAndTheSizeStaysZero() {
        m.openOk(STATUS, O_RDONLY | O_TRUNC, 0);
        int fd = m.openOk(STATUS, O_WRONLY, 0);
        assertEquals(0, m.ftruncate(fd, 100));
        assertEquals(0, m.fstat(fd).size());
        int ro = m.openOk(STATUS, O_RDONLY, 0);
        assertEquals(Errno.EINVAL.neg(), m.ftruncate(ro, 0));
    }

    @Test
    void open_withOCreatOnExistingName_opensIt() {
        assertTrue(m.open(STATUS, O_RDONLY | O_CREAT, 0644) >= 0);
    }

    @Test
    void open_withODirect_returnsEinval() {
        assertEquals(Errno.EINVAL.neg(), m.open(STATUS, O_RDONLY | O_DIRECT, 0));
    }

    @Test
    void splice_status_hasNeitherSpliceReadNorSpliceWrite() {
        int fd = m.openOk(STATUS, O_RDONLY, 0);
        File file = m.sys.fdget(m.task, fd);
        try {
            assertEquals(SpliceRead.NONE, file.fop().spliceRead());
            assertEquals(SpliceWrite.NONE, file.fop().spliceWrite());
        } finally {
            file.put();
        }
    }
}
