package dev.kemu.fs.procfs;

import static dev.kemu.vfs.Fcntl.O_CREAT;
import static dev.kemu.vfs.Fcntl.O_DIRECT;
import static dev.kemu.vfs.Fcntl.O_EXCL;
import static dev.kemu.vfs.Fcntl.O_RDONLY;
import static dev.kemu.vfs.Fcntl.O_WRONLY;
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
 * {@link ProcDir}: what root may and may not do to proc directories, with the errnos a 6.18 host
 * gave ({@code mkdir /proc/x} is ENOENT, {@code unlink /proc/version} EPERM, ...).
 */
class ProcDirTest {
    private Machine m;

    @BeforeEach
    void setUp() throws MountException {
        m = new Machine();
    }

    @Test
    void read_onEveryDirectory_returnsEisdir() {
        for (String dir : new String[] {"/proc", "/proc/self", "/proc/sys", "/proc/sys/fs"}) {
            int fd = m.openOk(dir, O_RDONLY, 0);
            assertEquals(Errno.EISDIR.neg(), m.read(fd, 10).ret(), dir);
            assertEquals(Errno.EISDIR.neg(), m.pread(fd, 10, 0).ret(), dir);
        }
    }

    @Test
    void lseek_onDirectory_isGenericWithinMaxNonLfs() {
        int fd = m.openOk("/proc/self", O_RDONLY, 0);
        assertEquals(0, m.lseek(fd, 0, SEEK_END));
        assertEquals(Errno.ENXIO.neg(), m.lseek(fd, 0, SEEK_DATA));
        assertEquals(Errno.ENXIO.neg(), m.lseek(fd, 0, SEEK_HOLE));
        assertEquals(5, m.lseek(fd, 5, SEEK_SET));
        assertEquals(Integer.MAX_VALUE, m.lseek(fd, Integer.MAX_VALUE, SEEK_SET));
        assertEquals(Errno.EINVAL.neg(), m.lseek(fd, 1L << 31, SEEK_SET));
        assertEquals(Errno.EINVAL.neg(), m.lseek(fd, -1, SEEK_SET));
    }

    @Test
    void stat_directories_areS_IFDIR0555SizeZeroAndSysctlDirsHaveOneLink() {
        Kstat self = m.stat("/proc/self");
        assertEquals(StatMode.S_IFDIR | 0555, self.mode());
        assertEquals(0, self.size());
        assertEquals(2, self.nlink());
        assertEquals(1, m.stat("/proc/sys").nlink());
        assertEquals(1, m.stat("/proc/sys/fs").nlink());
    }

    @Test
    void mkdir_newName_returnsEnoent() {
        assertEquals(Errno.ENOENT.neg(), m.mkdir("/proc/x", 0755));
        assertEquals(Errno.ENOENT.neg(), m.mkdir("/proc/self/x", 0755));
        assertEquals(Errno.ENOENT.neg(), m.mkdir("/proc/sys/fs/x", 0755));
    }

    @Test
    void mkdir_existingName_returnsEexist() {
        assertEquals(Errno.EEXIST.neg(), m.mkdir("/proc/sys", 0755));
    }

    @Test
    void create_newName_returnsEnoent() {
        assertEquals(Errno.ENOENT.neg(), m.open("/proc/x", O_WRONLY | O_CREAT, 0644));
        assertEquals(Errno.ENOENT.neg(), m.open("/proc/self/x", O_WRONLY | O_CREAT, 0644));
        assertEquals(Errno.ENOENT.neg(), m.open("/proc/nonexistent", O_RDONLY, 0));
    }

    @Test
    void create_existingNameWithOExcl_returnsEexist() {
        assertEquals(Errno.EEXIST.neg(), m.open("/proc/version", O_WRONLY | O_CREAT | O_EXCL, 0644));
    }

    @Test
    void unlink_existingFile_returnsEperm() {
        assertEquals(Errno.EPERM.neg(), m.unlink("/proc/version"));
        assertEquals(Errno.EPERM.neg(), m.unlink("/proc/self/status"));
        assertEquals(Errno.ENOENT.neg(), m.unlink("/proc/x"));
    }

    @Test
    void rmdir_directoryIsEpermAndSelfIsEnotdir() {
        assertEquals(Errno.EPERM.neg(), m.rmdir("/proc/sys"));
        assertEquals(Errno.ENOTDIR.neg(), m.rmdir("/proc/self"), "a symbolic link in Linux");
    }

    @Test
    void open_directoryForWriting_returnsEisdir() {
        assertEquals(Errno.EISDIR.neg(), m.open("/proc/self", O_WRONLY, 0));
    }

    @Test
    void open_directoryWithODirect_returnsEinval() {
        assertEquals(Errno.EINVAL.neg(), m.open("/proc", O_RDONLY | O_DIRECT, 0));
    }
}
