package dev.kemu.fs.tmpfs;

import static dev.kemu.vfs.Fcntl.O_CREAT;
import static dev.kemu.vfs.Fcntl.O_DIRECT;
import static dev.kemu.vfs.Fcntl.O_DIRECTORY;
import static dev.kemu.vfs.Fcntl.O_RDONLY;
import static dev.kemu.vfs.Fcntl.O_WRONLY;
import static dev.kemu.vfs.Fcntl.SEEK_CUR;
import static dev.kemu.vfs.Fcntl.SEEK_DATA;
import static dev.kemu.vfs.Fcntl.SEEK_END;
import static dev.kemu.vfs.Fcntl.SEEK_HOLE;
import static dev.kemu.vfs.Fcntl.SEEK_SET;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Kstat;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.spi.MountException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ShmemDir}: directory sizes ({@code BOGO_DIRENT_SIZE}), link counts, rmdir, and what a
 * directory descriptor allows. The numbers are those a 6.18 tmpfs reported.
 */
class ShmemDirTest {
    private Machine m;

    @BeforeEach
    void setUp() throws MountException {
        m = new Machine();
        m.task.setUmask(022);
    }

    private void touch(String path) {
        assertEquals(0, m.close(m.openOk(path, O_WRONLY | O_CREAT, 0644)));
    }

    @Test
    void mkdir_emptyDirectory_hasSize40AndTwoLinks() {
        assertEquals(0, m.mkdir("/tmp/d", 0777));
        Kstat st = m.stat("/tmp/d");
        assertEquals(StatMode.S_IFDIR | 0755, st.mode());
        assertEquals(40, st.size());
        assertEquals(2, st.nlink());
        assertEquals(0, st.blocks());
    }

    @Test
    void create_file_growsParentBy20() {
        touch("/tmp/a");
        assertEquals(60, m.stat("/tmp").size());
        assertEquals(2, m.stat("/tmp").nlink());
    }

    @Test
    void mkdir_subdirectory_growsParentBy20AndAddsALink() {
        touch("/tmp/a");
        m.mkdir("/tmp/d", 0755);
        Kstat parent = m.stat("/tmp");
        assertEquals(80, parent.size());
        assertEquals(3, parent.nlink());
    }

    @Test
    void create_longName_costsTheSameAsAShortOne() {
        touch("/tmp/" + "n".repeat(200));
        assertEquals(60, m.stat("/tmp").size());
    }

    @Test
    void unlink_file_shrinksParentBy20() {
        touch("/tmp/a");
        touch("/tmp/b");
        assertEquals(0, m.unlink("/tmp/a"));
        assertEquals(60, m.stat("/tmp").size());
    }

    @Test
    void rmdir_nonEmpty_returnsEnotemptyAndChangesNothing() {
        m.mkdir("/tmp/d", 0755);
        touch("/tmp/d/x");
        assertEquals(Errno.ENOTEMPTY.neg(), m.rmdir("/tmp/d"));
        assertEquals(60, m.stat("/tmp/d").size());
        assertEquals(3, m.stat("/tmp").nlink());
    }

    @Test
    void rmdir_empty_restoresParentSizeAndLinks() {
        m.mkdir("/tmp/d", 0755);
        touch("/tmp/d/x");
        assertEquals(0, m.unlink("/tmp/d/x"));
        assertEquals(40, m.stat("/tmp/d").size());
        assertEquals(0, m.rmdir("/tmp/d"));
        Kstat parent = m.stat("/tmp");
        assertEquals(40, parent.size());
        assertEquals(2, parent.nlink());
        assertEquals(Errno.ENOENT.neg(), m.statResult("/tmp/d").ret());
    }

    @Test
    void rmdir_whileOpen_leavesNoLinks() {
        m.mkdir("/tmp/d", 0755);
        int dfd = m.openOk("/tmp/d", O_RDONLY | O_DIRECTORY, 0);
        assertEquals(0, m.rmdir("/tmp/d"));
        assertEquals(0, m.fstat(dfd).nlink());
        assertEquals(Errno.ENOENT.neg(), m.open("/tmp/d/x", O_WRONLY | O_CREAT, 0644));
    }

    @Test
    void read_onDirectory_returnsEisdir() {
        int dfd = m.openOk("/tmp", O_RDONLY, 0);
        assertEquals(Errno.EISDIR.neg(), m.read(dfd, 10).ret());
    }

    @Test
    void lseek_onDirectory_allowsSetAndCurOnly() {
        int dfd = m.openOk("/tmp", O_RDONLY, 0);
        assertEquals(Errno.EINVAL.neg(), m.lseek(dfd, 0, SEEK_END));
        assertEquals(Errno.EINVAL.neg(), m.lseek(dfd, 0, SEEK_DATA));
        assertEquals(Errno.EINVAL.neg(), m.lseek(dfd, 0, SEEK_HOLE));
        assertEquals(5, m.lseek(dfd, 5, SEEK_SET));
        assertEquals(1L << 62, m.lseek(dfd, 1L << 62, SEEK_SET));
        assertEquals(Errno.EINVAL.neg(), m.lseek(dfd, -1, SEEK_SET));
        assertEquals((1L << 62) + 1, m.lseek(dfd, 1, SEEK_CUR));
    }

    @Test
    void open_directoryWithODirect_returnsEinval() {
        assertEquals(Errno.EINVAL.neg(), m.open("/tmp", O_RDONLY | O_DIRECT, 0));
    }
}
