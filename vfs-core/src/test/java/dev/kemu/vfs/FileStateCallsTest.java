package dev.kemu.vfs;

import static dev.kemu.vfs.Fcntl.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** statfs, statx, fsync, fallocate, close_range, resource limits, fadvise, ioctl and memfd on ramfs. */
class FileStateCallsTest {
    private final Sys s = new Sys();

    private StatfsResult statfs(String path) {
        s.task.enter();
        try {
            return s.calls.statfs(s.task, path);
        } finally {
            s.task.exit();
        }
    }

    private StatxResult statx(int dfd, String path, int flags, int mask) {
        s.task.enter();
        try {
            return s.calls.statx(s.task, dfd, path, flags, mask);
        } finally {
            s.task.exit();
        }
    }

    private RlimitResult prlimit(int pid, int resource, Rlimit newLimit) {
        s.task.enter();
        try {
            return s.calls.prlimit64(s.task, pid, resource, newLimit);
        } finally {
            s.task.exit();
        }
    }

    @Test
    void statfs_ramfs_isSimpleStatfsWithMountFlags() {
        Statfs f = statfs("/work").statfs();
        assertEquals(Statfs.RAMFS_MAGIC, f.type());
        assertEquals(4096, f.bsize());
        assertEquals(4096, f.frsize(), "f_frsize defaults to f_bsize");
        assertEquals(255, f.namelen());
        assertEquals(0, f.blocks());
        assertEquals(Statfs.ST_VALID | Statfs.ST_RELATIME, f.flags());
    }

    @Test
    void statfs_missingPath_isEnoent_throughAFile_isEnotdir_null_isEfault() {
        s.open("f", O_CREAT | O_RDWR, 0644);
        assertEquals(Sys.err(Errno.ENOENT), statfs("missing").ret());
        assertEquals(Sys.err(Errno.ENOTDIR), statfs("f/x").ret());
        assertEquals(Sys.err(Errno.EFAULT), statfs(null).ret());
    }

    @Test
    void fstatfs_badFd_isEbadf_andOpathFdWorks() {
        s.task.enter();
        try {
            assertEquals(Sys.err(Errno.EBADF), s.calls.fstatfs(s.task, 9).ret());
        } finally {
            s.task.exit();
        }
        int fd = (int) s.open(".", O_PATH, 0);
        s.task.enter();
        try {
            assertEquals(Statfs.RAMFS_MAGIC, s.calls.fstatfs(s.task, fd).statfs().type());
        } finally {
            s.task.exit();
        }
    }

    @Test
    void statx_reservedMaskBit_syncTypeBoth_unknownFlag_areEinval_beforeThePath() {
        assertEquals(Sys.err(Errno.EINVAL), statx(AT_FDCWD, "missing", 0, Statx.STATX__RESERVED).ret());
        assertEquals(Sys.err(Errno.EINVAL), statx(AT_FDCWD, "missing", AT_STATX_SYNC_TYPE, 0).ret());
        assertEquals(Sys.err(Errno.EINVAL), statx(AT_FDCWD, "missing", 0x1, 0).ret());
        assertEquals(Sys.err(Errno.ENOENT), statx(AT_FDCWD, "missing", Statx.AT_STATX_FORCE_SYNC, 0).ret());
    }

    @Test
    void statx_file_reportsBasicStatsAndSize() {
        int fd = (int) s.open("f", O_CREAT | O_RDWR, 0640);
        s.write(fd, "hello");
        Statx x = statx(AT_FDCWD, "f", 0, 0xfff).statx();
        assertEquals(Statx.STATX_BASIC_STATS, x.mask(), "ramfs fills no btime");
        assertEquals(5, x.size());
        assertEquals(StatMode.S_IFREG | 0640 & ~022, x.mode());
        assertEquals(1, x.nlink());
        Statx byFd = statx(fd, "", AT_EMPTY_PATH, Statx.STATX_BASIC_STATS).statx();
        assertEquals(x.ino(), byFd.ino());
        assertEquals(Sys.err(Errno.EBADF), statx(42, "", AT_EMPTY_PATH, 0).ret());
        assertEquals(Sys.err(Errno.ENOENT), statx(fd, "", 0, 0).ret());
    }

    @Test
    void statx_symlinkNofollow_describesTheLink_followingDescribesItsTarget() {
        s.write((int) s.open("target", O_CREAT | O_RDWR, 0644), "hello");
        assertEquals(0, s.run(() -> s.calls.symlink(s.task, "target", "l")));
        assertEquals(0, s.run(() -> s.calls.symlink(s.task, "nowhere", "dangling")));
        Statx link = statx(AT_FDCWD, "l", AT_SYMLINK_NOFOLLOW, Statx.STATX_BASIC_STATS).statx();
        assertEquals(StatMode.S_IFLNK | 0777, link.mode());
        assertEquals(6, link.size(), "a symbolic link's size is its target's length");
        Statx target = statx(AT_FDCWD, "l", 0, Statx.STATX_BASIC_STATS).statx();
        assertEquals(StatMode.S_IFREG, target.mode() & StatMode.S_IFMT);
        assertEquals(5, target.size());
        assertEquals(0, statx(AT_FDCWD, "dangling", AT_SYMLINK_NOFOLLOW, Statx.STATX_BASIC_STATS).ret());
        assertEquals(Sys.err(Errno.ENOENT), statx(AT_FDCWD, "dangling", 0, Statx.STATX_BASIC_STATS).ret());
    }

    @Test
    void truncate_path_checksInOrder_thenResizesThroughSymlinks() {
        s.write((int) s.open("f", O_CREAT | O_RDWR, 0644), "hello world");
        assertEquals(0, s.run(() -> s.calls.symlink(s.task, "f", "l")));
        assertEquals(0, s.run(() -> s.calls.mkdir(s.task, "d", 0755)));
        assertEquals(Sys.err(Errno.EINVAL), s.run(() -> s.calls.truncate(s.task, "missing", -1)), "length before the walk");
        assertEquals(Sys.err(Errno.ENOENT), s.run(() -> s.calls.truncate(s.task, "missing", 0)));
        assertEquals(Sys.err(Errno.EISDIR), s.run(() -> s.calls.truncate(s.task, "d", 0)));
        assertEquals(Sys.err(Errno.ENOTDIR), s.run(() -> s.calls.truncate(s.task, "f/x", 0)));
        assertEquals(0, s.run(() -> s.calls.truncate(s.task, "l", 5)));
        assertEquals(5, statx(AT_FDCWD, "f", 0, Statx.STATX_BASIC_STATS).statx().size());
        assertEquals(0, s.run(() -> s.calls.truncate(s.task, "f", 8192)));
        assertEquals(8192, statx(AT_FDCWD, "f", 0, Statx.STATX_BASIC_STATS).statx().size());
    }

    @Test
    void fsync_ramfsFile_isZero_badFd_isEbadf_opath_isEbadf() {
        int fd = (int) s.open("f", O_CREAT | O_RDWR, 0644);
        assertEquals(0, s.run(() -> s.calls.fsync(s.task, fd)));
        assertEquals(0, s.run(() -> s.calls.fdatasync(s.task, fd)));
        assertEquals(0, s.run(() -> s.calls.syncfs(s.task, fd)));
        assertEquals(Sys.err(Errno.EBADF), s.run(() -> s.calls.fsync(s.task, 77)));
        int p = (int) s.open("f", O_PATH, 0);
        assertEquals(Sys.err(Errno.EBADF), s.run(() -> s.calls.fsync(s.task, p)));
    }

    @Test
    void fallocate_ramfs_checksInOrder_thenHasNoMethod() {
        int rw = (int) s.open("f", O_CREAT | O_RDWR, 0644);
        int ro = (int) s.open("f", O_RDONLY, 0);
        Fallocate.Modes m = Fallocate.Modes.EXCLUSIVE;
        assertEquals(Sys.err(Errno.EBADF), s.run(() -> s.calls.fallocate(s.task, 99, 0, -1, 0, m)));
        assertEquals(Sys.err(Errno.EINVAL), s.run(() -> s.calls.fallocate(s.task, rw, 0, -1, 10, m)));
        assertEquals(Sys.err(Errno.EINVAL), s.run(() -> s.calls.fallocate(s.task, rw, 0, 0, 0, m)));
        assertEquals(Sys.err(Errno.EOPNOTSUPP), s.run(() -> s.calls.fallocate(s.task, ro, 0x100, 0, 10, m)));
        assertEquals(Sys.err(Errno.EOPNOTSUPP),
                s.run(() -> s.calls.fallocate(s.task, rw, Fallocate.FALLOC_FL_PUNCH_HOLE, 0, 10, m)), "punch needs KEEP_SIZE");
        assertEquals(Sys.err(Errno.EBADF), s.run(() -> s.calls.fallocate(s.task, ro, 0, 0, 10, m)));
        assertEquals(Sys.err(Errno.EFBIG), s.run(() -> s.calls.fallocate(s.task, rw, 0, Long.MAX_VALUE, 10, m)));
        assertEquals(Sys.err(Errno.EOPNOTSUPP), s.run(() -> s.calls.fallocate(s.task, rw, 0, 0, 10, m)), "ramfs has no fallocate");
        int dir = (int) s.open(".", O_RDONLY, 0);
        assertEquals(Sys.err(Errno.EBADF), s.run(() -> s.calls.fallocate(s.task, dir, 0, 0, 10, m)), "not open for writing");
    }

    @Test
    void fallocate_collapseWithKeepSize_isEinvalBefore613_andEopnotsuppAfter() {
        int rw = (int) s.open("f", O_CREAT | O_RDWR, 0644);
        int mode = Fallocate.FALLOC_FL_COLLAPSE_RANGE | Fallocate.FALLOC_FL_KEEP_SIZE;
        assertEquals(Sys.err(Errno.EINVAL), s.run(() -> s.calls.fallocate(s.task, rw, mode, 0, 4096, Fallocate.Modes.FLAG_CHECKS)));
        assertEquals(Sys.err(Errno.EOPNOTSUPP), s.run(() -> s.calls.fallocate(s.task, rw, mode, 0, 4096, Fallocate.Modes.EXCLUSIVE)));
        assertEquals(Sys.err(Errno.EOPNOTSUPP),
                s.run(() -> s.calls.fallocate(s.task, rw, Fallocate.FALLOC_FL_ZERO_RANGE, 0, 4096, Fallocate.Modes.V3_10)));
    }

    @Test
    void closeRange_closesOpenDescriptorsInRange_andChecksFlagsThenOrder() {
        for (int i = 0; i < 6; i++) {
            s.open("f" + i, O_CREAT | O_RDWR, 0644);
        }
        assertEquals(Sys.err(Errno.EINVAL), s.run(() -> s.calls.closeRange(s.task, 1, 4, CloseRange.CLOSE_RANGE_CLOEXEC, false)));
        assertEquals(Sys.err(Errno.EINVAL), s.run(() -> s.calls.closeRange(s.task, 5, 4, 8, true)), "unknown flag first");
        assertEquals(Sys.err(Errno.EINVAL), s.run(() -> s.calls.closeRange(s.task, 5, 4, 0, true)));
        assertEquals(0, s.run(() -> s.calls.closeRange(s.task, 2, 3, 0, true)));
        assertArrayEquals(new int[] {0, 1, 4, 5}, s.task.files().openFds());
        assertEquals(0, s.run(() -> s.calls.closeRange(s.task, 4, -1, CloseRange.CLOSE_RANGE_CLOEXEC, true)));
        assertTrue(s.task.files().closeOnExec(5));
        assertFalse(s.task.files().closeOnExec(1));
        assertEquals(0, s.run(() -> s.calls.closeRange(s.task, 1, -1, 0, true)), "last ~0U closes everything from first");
        assertArrayEquals(new int[] {0}, s.task.files().openFds());
    }

    @Test
    void closeRange_unshare_leavesTheOtherThreadsTableAlone() {
        Task thread = s.vfs.cloneTask(s.task, true);
        int fd = (int) s.open("f", O_CREAT | O_RDWR, 0644);
        long r = TaskCall.run(thread, () -> s.calls.closeRange(thread, 0, -1, CloseRange.CLOSE_RANGE_UNSHARE, true));
        assertEquals(0, r);
        assertEquals(0, thread.files().openFds().length);
        assertArrayEquals(new int[] {fd}, s.task.files().openFds());
    }

    @Test
    void rlimitNofile_defaultsToInit_andLoweringItMakesOpenEmfile() {
        Rlimit init = prlimit(0, Rlimits.RLIMIT_NOFILE, null).old();
        assertEquals(new Rlimit(1024, 4096), init);
        for (int i = 0; i < 3; i++) {
            s.open("f", O_CREAT | O_RDWR, 0644);
        }
        assertEquals(0, s.run(() -> s.calls.setrlimit(s.task, Rlimits.RLIMIT_NOFILE, new Rlimit(3, 4096))));
        assertEquals(Sys.err(Errno.EMFILE), s.open("f", O_RDONLY, 0));
        assertEquals(Sys.err(Errno.EMFILE), s.run(() -> s.calls.dup(s.task, 0)));
        assertEquals(Sys.err(Errno.EBADF), s.run(() -> s.calls.dup2(s.task, 0, 3)), "dup2 target at the limit");
        assertEquals(Sys.err(Errno.EINVAL), s.run(() -> s.calls.fcntl(s.task, 0, F_DUPFD, 3)));
        assertEquals(0, s.run(() -> s.calls.close(s.task, 2)));
        assertEquals(2, s.open("f", O_RDONLY, 0));
    }

    @Test
    void rlimit_checksInOrder() {
        assertEquals(Sys.err(Errno.ESRCH), prlimit(1, Rlimits.RLIMIT_NOFILE, null).ret());
        assertEquals(Sys.err(Errno.EINVAL), prlimit(0, 16, null).ret());
        assertEquals(Sys.err(Errno.EINVAL), prlimit(0, Rlimits.RLIMIT_NOFILE, new Rlimit(10, 5)).ret());
        assertEquals(Sys.err(Errno.EPERM), prlimit(0, Rlimits.RLIMIT_NOFILE, new Rlimit(10, Rlimits.NR_OPEN + 1)).ret());
        assertEquals(Sys.err(Errno.EPERM), prlimit(0, Rlimits.RLIMIT_NOFILE, new Rlimit(10, 4097)).ret(), "raising the hard limit");
        assertEquals(0, prlimit(0, Rlimits.RLIMIT_NOFILE, new Rlimit(10, 100)).ret());
        assertEquals(Sys.err(Errno.EPERM), prlimit(0, Rlimits.RLIMIT_NOFILE, new Rlimit(10, 101)).ret());
        assertEquals(new Rlimit(10, 100), prlimit(s.task.pid(), Rlimits.RLIMIT_NOFILE, null).old());
        assertEquals(Sys.err(Errno.EFAULT), s.run(() -> s.calls.setrlimit(s.task, Rlimits.RLIMIT_NOFILE, null)));
        assertEquals(new Rlimit(Rlimit.RLIM_INFINITY, Rlimit.RLIM_INFINITY), prlimit(0, Rlimits.RLIMIT_FSIZE, null).old());
    }

    @Test
    void rlimit_forkedChildCopies_threadShares() {
        assertEquals(0, prlimit(0, Rlimits.RLIMIT_NOFILE, new Rlimit(100, 200)).ret());
        Task child = s.vfs.cloneTask(s.task, false);
        Task thread = s.vfs.cloneTask(s.task, true);
        assertEquals(0, prlimit(0, Rlimits.RLIMIT_NOFILE, new Rlimit(50, 200)).ret());
        assertEquals(new Rlimit(100, 200), child.rlimits().get(Rlimits.RLIMIT_NOFILE));
        assertEquals(new Rlimit(50, 200), thread.rlimits().get(Rlimits.RLIMIT_NOFILE));
        assertEquals(100, child.files().limit());
    }

    @Test
    void fadvise_checksInOrder() {
        int fd = (int) s.open("f", O_CREAT | O_RDWR, 0644);
        assertEquals(Sys.err(Errno.EBADF), s.run(() -> s.calls.fadvise64(s.task, 50, 0, 0, 0)));
        assertEquals(Sys.err(Errno.EINVAL), s.run(() -> s.calls.fadvise64(s.task, fd, 0, -1, 0)));
        assertEquals(Sys.err(Errno.EINVAL), s.run(() -> s.calls.fadvise64(s.task, fd, 0, 0, 6)));
        assertEquals(0, s.run(() -> s.calls.fadvise64(s.task, fd, 0, 0, Fadvise.POSIX_FADV_DONTNEED)));
    }

    @Test
    void ioctl_fionreadOnAFile_isBytesPastThePosition() {
        int fd = (int) s.open("f", O_CREAT | O_RDWR, 0644);
        s.write(fd, "0123456789");
        assertEquals(3, s.run(() -> s.calls.lseek(s.task, fd, 3, SEEK_SET)));
        UserBuffer out = UserBuffer.allocate(4);
        assertEquals(0, s.run(() -> s.calls.ioctl(s.task, fd, FileIoctl.FIONREAD, 0, out)));
        assertEquals(7, ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN).getInt());
        assertEquals(Sys.err(Errno.EFAULT), s.run(() -> s.calls.ioctl(s.task, fd, FileIoctl.FIONREAD, 0, null)));
    }

    @Test
    void ioctl_ficlone_checksInOrder_thenEopnotsupp() {
        int dst = (int) s.open("d", O_CREAT | O_RDWR, 0644);
        int src = (int) s.open("s", O_CREAT | O_RDWR, 0644);
        int wo = (int) s.open("s", O_WRONLY, 0);
        int dir = (int) s.open(".", O_RDONLY, 0);
        assertEquals(Sys.err(Errno.EBADF), s.run(() -> s.calls.ioctl(s.task, 60, FileIoctl.FICLONE, src, null)));
        assertEquals(Sys.err(Errno.EBADF), s.run(() -> s.calls.ioctl(s.task, dst, FileIoctl.FICLONE, 61, null)));
        assertEquals(Sys.err(Errno.EISDIR), s.run(() -> s.calls.ioctl(s.task, dst, FileIoctl.FICLONE, dir, null)));
        assertEquals(Sys.err(Errno.EBADF), s.run(() -> s.calls.ioctl(s.task, dst, FileIoctl.FICLONE, wo, null)));
        assertEquals(Sys.err(Errno.EOPNOTSUPP), s.run(() -> s.calls.ioctl(s.task, dst, FileIoctl.FICLONE, src, null)));
        UserBuffer range = UserBuffer.of(ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN).putLong(src).array());
        assertEquals(Sys.err(Errno.EOPNOTSUPP), s.run(() -> s.calls.ioctl(s.task, dst, FileIoctl.FICLONERANGE, 0, range)));
        assertEquals(Sys.err(Errno.EFAULT), s.run(() -> s.calls.ioctl(s.task, dst, FileIoctl.FICLONERANGE, 0, null)));
    }

    @Test
    void ioctl_unknownOrGetflagsOnRamfs_isEnotty_andFioclexSetsCloexec() {
        int fd = (int) s.open("f", O_CREAT | O_RDWR, 0644);
        assertEquals(Sys.err(Errno.ENOTTY), s.run(() -> s.calls.ioctl(s.task, fd, 0x5401, 0, UserBuffer.allocate(64))));
        assertEquals(Sys.err(Errno.ENOTTY), s.run(() -> s.calls.ioctl(s.task, fd, FileIoctl.FS_IOC_GETFLAGS, 0, UserBuffer.allocate(4))));
        assertEquals(0, s.run(() -> s.calls.ioctl(s.task, fd, FileIoctl.FIOCLEX, 0, null)));
        assertTrue(s.task.files().closeOnExec(fd));
    }

    @Test
    void memfd_isAnUnlinkedReadWriteFile_withCloexec() {
        long fd = s.run(() -> s.calls.memfdCreate(s.task, "buf", Memfd.MFD_CLOEXEC, true));
        assertEquals(0, fd);
        assertTrue(s.task.files().closeOnExec(0));
        assertEquals(5, s.write(0, "hello"));
        Kstat st = s.task.files().peek(0) == null ? null : VfsSyscalls.getattr(s.task.files().peek(0).inode());
        assertEquals(0, st.nlink());
        assertEquals(5, st.size());
        assertNull(s.task.files().peek(0).path(), "no name in any directory");
        assertEquals(0, s.run(() -> s.calls.ftruncate(s.task, 0, 4096)));
    }

    @Test
    void memfd_badFlags_longName_nullName() {
        assertEquals(Sys.err(Errno.EINVAL), s.run(() -> s.calls.memfdCreate(s.task, "x", 0x100, true)));
        assertEquals(Sys.err(Errno.EINVAL), s.run(() -> s.calls.memfdCreate(s.task, "x", Memfd.MFD_EXEC, false)));
        assertEquals(Sys.err(Errno.EINVAL),
                s.run(() -> s.calls.memfdCreate(s.task, "x", Memfd.MFD_EXEC | Memfd.MFD_NOEXEC_SEAL, true)));
        assertEquals(Sys.err(Errno.EFAULT), s.run(() -> s.calls.memfdCreate(s.task, null, 0, true)));
        assertEquals(0, s.run(() -> s.calls.memfdCreate(s.task, "n".repeat(249), 0, true)));
        assertEquals(Sys.err(Errno.EINVAL), s.run(() -> s.calls.memfdCreate(s.task, "n".repeat(250), 0, true)));
    }

    /** Runs a call as another task. */
    private static final class TaskCall {
        static long run(Task t, java.util.function.LongSupplier body) {
            t.enter();
            try {
                return body.getAsLong();
            } finally {
                t.exit();
            }
        }
    }
}
