package dev.kemu.vfs;

import static dev.kemu.vfs.Fcntl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The VFS system calls on ramfs: results and errnos in Linux's order of checks. */
class VfsSyscallsTest {
    private final Sys s = new Sys();

    @Test
    void open_lowestFreeDescriptor_isReused() {
        assertEquals(0, s.open("a", O_CREAT | O_RDWR, 0644));
        assertEquals(1, s.open("b", O_CREAT | O_RDWR, 0644));
        assertEquals(2, s.open("b", O_RDONLY, 0));
        assertEquals(0, s.run(() -> s.calls.close(s.task, 1)));
        assertEquals(1, s.open("a", O_RDONLY, 0));
    }

    @Test
    void open_emptyName_isEnoent_andMissingParent_isEnoent() {
        assertEquals(Sys.err(Errno.ENOENT), s.open("", O_RDONLY, 0));
        assertEquals(Sys.err(Errno.ENOENT), s.open("nodir/x", O_CREAT | O_RDWR, 0644));
    }

    @Test
    void open_throughAFile_isEnotdir_andExclusiveOnExisting_isEexist() {
        s.open("f", O_CREAT | O_RDWR, 0644);
        assertEquals(Sys.err(Errno.ENOTDIR), s.open("f/x", O_RDONLY, 0));
        assertEquals(Sys.err(Errno.EEXIST), s.open("f", O_CREAT | O_EXCL | O_RDWR, 0644));
        assertEquals(Sys.err(Errno.ENOTDIR), s.open("f", O_RDONLY | O_DIRECTORY, 0));
    }

    @Test
    void open_directoryForWriting_isEisdir() {
        assertEquals(0, s.run(() -> s.calls.mkdir(s.task, "d", 0755)));
        assertEquals(Sys.err(Errno.EISDIR), s.open("d", O_WRONLY, 0));
        assertEquals(Sys.err(Errno.EISDIR), s.open("d", O_CREAT | O_RDWR, 0644));
    }

    @Test
    void open_fullTable_isEmfile_beforeThePathIsWalked_butAfterAnEmptyName() {
        for (int i = 0; i < FdTable.NR_OPEN_DEFAULT; i++) {
            s.task.files().install(new File(null, null, null, 0, 0), i, false);
        }
        assertEquals(Sys.err(Errno.EMFILE), s.open("missing", O_RDONLY, 0));
        assertEquals(Sys.err(Errno.ENOENT), s.open("", O_RDONLY, 0));
    }

    @Test
    void creat_appliesUmask_andKeepsModeOfExistingFile() {
        long fd = s.run(() -> s.calls.creat(s.task, "c", 0666));
        assertEquals(StatMode.S_IFREG | 0644, s.run(() -> s.calls.fstat(s.task, (int) fd).stat().mode()));
        long fd2 = s.run(() -> s.calls.creat(s.task, "c", 0600));
        assertEquals(StatMode.S_IFREG | 0644, s.run(() -> s.calls.fstat(s.task, (int) fd2).stat().mode()));
    }

    @Test
    void write_onReadOnlyDescriptor_isEbadf_andReadOnWriteOnly_isEbadf() {
        int w = (int) s.open("x", O_CREAT | O_WRONLY, 0644);
        int r = (int) s.open("x", O_RDONLY, 0);
        assertEquals(Sys.err(Errno.EBADF), s.write(r, "a"));
        assertEquals(Sys.err(Errno.EBADF), s.run(() -> s.calls.read(s.task, w, UserBuffer.allocate(1), 1)));
    }

    @Test
    void pwrite_pastEof_leavesAHoleOfZeros() {
        int fd = (int) s.open("h", O_CREAT | O_RDWR, 0644);
        assertEquals(3, s.pwrite(fd, "xyz", 5000));
        assertEquals(5003, s.run(() -> s.calls.fstat(s.task, fd).stat().size()));
        assertEquals("\0\0xyz", s.pread(fd, 5, 4998));
    }

    @Test
    void pread_negativeOffset_isEinval_beforeTheDescriptorIsLookedAt() {
        assertEquals(Sys.err(Errno.EINVAL), s.run(() -> s.calls.pread64(s.task, 99, UserBuffer.allocate(1), 1, -1)));
        assertEquals(Sys.err(Errno.EBADF), s.run(() -> s.calls.pread64(s.task, 99, UserBuffer.allocate(1), 1, 0)));
    }

    @Test
    void appendWrite_ignoresPosition_andPwriteOnAppendFile_appendsToo() {
        int fd = (int) s.open("log", O_CREAT | O_WRONLY | O_APPEND, 0644);
        s.write(fd, "0123456789");
        s.run(() -> s.calls.lseek(s.task, fd, 0, SEEK_SET));
        s.write(fd, "ab");
        assertEquals(12, s.run(() -> s.calls.lseek(s.task, fd, 0, SEEK_CUR)));
        s.pwrite(fd, "Z", 0);
        assertEquals(12, s.run(() -> s.calls.lseek(s.task, fd, 0, SEEK_CUR)), "pwrite leaves f_pos");
        int r = (int) s.open("log", O_RDONLY, 0);
        assertEquals("0123456789abZ", s.read(r, 100));
    }

    @Test
    void lseek_seekDataAndHole_onRamfs_seeWholeFileAsData() {
        int fd = (int) s.open("f", O_CREAT | O_RDWR, 0644);
        s.pwrite(fd, "x", 10000);
        assertEquals(5, s.run(() -> s.calls.lseek(s.task, fd, 5, SEEK_DATA)));
        assertEquals(10001, s.run(() -> s.calls.lseek(s.task, fd, 5, SEEK_HOLE)));
        assertEquals(Sys.err(Errno.ENXIO), s.run(() -> s.calls.lseek(s.task, fd, 10001, SEEK_DATA)));
        assertEquals(Sys.err(Errno.EINVAL), s.run(() -> s.calls.lseek(s.task, fd, -1, SEEK_SET)));
        assertEquals(Sys.err(Errno.EINVAL), s.run(() -> s.calls.lseek(s.task, fd, 0, 5)));
    }

    @Test
    void ftruncate_readOnlyFd_isEinval_negative_isEinval_badFd_isEbadf() {
        int fd = (int) s.open("t", O_CREAT | O_RDONLY, 0644);
        assertEquals(Sys.err(Errno.EINVAL), s.run(() -> s.calls.ftruncate(s.task, fd, 10)));
        assertEquals(Sys.err(Errno.EINVAL), s.run(() -> s.calls.ftruncate(s.task, 99, -1)));
        assertEquals(Sys.err(Errno.EBADF), s.run(() -> s.calls.ftruncate(s.task, 99, 0)));
    }

    @Test
    void ftruncate_shrinkThenGrow_zeroesTheTail() {
        int fd = (int) s.open("t", O_CREAT | O_RDWR, 0644);
        s.write(fd, "ABCDEFGHIJ");
        assertEquals(0, s.run(() -> s.calls.ftruncate(s.task, fd, 3)));
        assertEquals(0, s.run(() -> s.calls.ftruncate(s.task, fd, 6)));
        assertEquals("ABC\0\0\0", s.pread(fd, 100, 0));
    }

    @Test
    void unlink_whileOpen_keepsTheData() {
        int fd = (int) s.open("u", O_CREAT | O_RDWR, 0644);
        s.write(fd, "kept");
        assertEquals(0, s.run(() -> s.calls.unlink(s.task, "u")));
        assertEquals(Sys.err(Errno.ENOENT), s.open("u", O_RDONLY, 0));
        assertEquals("kept", s.pread(fd, 10, 0));
    }

    @Test
    void unlinkat_errorsInOrder() {
        s.run(() -> s.calls.mkdir(s.task, "d", 0755));
        s.open("d/f", O_CREAT | O_RDWR, 0644);
        assertEquals(Sys.err(Errno.EINVAL), s.run(() -> s.calls.unlinkat(s.task, AT_FDCWD, "d", 1)));
        assertEquals(Sys.err(Errno.EISDIR), s.run(() -> s.calls.unlink(s.task, "d")));
        assertEquals(Sys.err(Errno.ENOTEMPTY), s.run(() -> s.calls.rmdir(s.task, "d")));
        assertEquals(Sys.err(Errno.ENOTDIR), s.run(() -> s.calls.rmdir(s.task, "d/f")));
        assertEquals(Sys.err(Errno.ENOENT), s.run(() -> s.calls.unlink(s.task, "d/nope")));
    }

    @Test
    void removedDirectory_refusesNewEntries() {
        s.run(() -> s.calls.mkdir(s.task, "gone", 0755));
        int dfd = (int) s.open("gone", O_RDONLY | O_DIRECTORY, 0);
        assertEquals(0, s.run(() -> s.calls.rmdir(s.task, "gone")));
        assertEquals(Sys.err(Errno.ENOENT), s.run(() -> s.calls.openat(s.task, dfd, "new", O_CREAT | O_RDWR, 0644)));
        assertEquals(Sys.err(Errno.ENOENT), s.run(() -> s.calls.mkdirat(s.task, dfd, "sub", 0755)));
    }

    @Test
    void dup2_ontoOpenDescriptor_closesItSilently_andSameFd_returnsIt() {
        int a = (int) s.open("a", O_CREAT | O_RDWR, 0644);
        int b = (int) s.open("b", O_CREAT | O_RDWR, 0644);
        s.write(a, "AAA");
        assertEquals(b, s.run(() -> s.calls.dup2(s.task, a, b)));
        assertEquals(3, s.run(() -> s.calls.lseek(s.task, b, 0, SEEK_CUR)), "the duplicate shares f_pos");
        assertEquals(a, s.run(() -> s.calls.dup2(s.task, a, a)));
        assertEquals(Sys.err(Errno.EBADF), s.run(() -> s.calls.dup2(s.task, 99, 99)));
    }

    @Test
    void dup3_flagsThenSameFdThenRangeThenOldFd() {
        assertEquals(Sys.err(Errno.EINVAL), s.run(() -> s.calls.dup3(s.task, 99, 99, 0x4)));
        assertEquals(Sys.err(Errno.EINVAL), s.run(() -> s.calls.dup3(s.task, 99, 99, 0)));
        assertEquals(Sys.err(Errno.EBADF), s.run(() -> s.calls.dup3(s.task, 0, -1, 0)));
        assertEquals(Sys.err(Errno.EBADF), s.run(() -> s.calls.dup3(s.task, 99, 12, 0)));
    }

    @Test
    void fcntl_setfl_changesOnlyAppendNonblockDirectNoatimeAsync() {
        int fd = (int) s.open("f", O_CREAT | O_RDWR, 0644);
        assertEquals(0, s.run(() -> s.calls.fcntl(s.task, fd, F_SETFL, O_WRONLY | O_APPEND | O_TRUNC | O_NONBLOCK)));
        assertEquals(O_RDWR | O_APPEND | O_NONBLOCK | O_LARGEFILE, s.run(() -> s.calls.fcntl(s.task, fd, F_GETFL, 0)));
        assertEquals(Sys.err(Errno.EINVAL), s.run(() -> s.calls.fcntl(s.task, fd, F_SETFL, O_DIRECT)),
                "ramfs has no direct I/O");
        assertEquals(Sys.err(Errno.EBADF), s.run(() -> s.calls.fcntl(s.task, fd, F_GETPIPE_SZ, 0)));
        assertEquals(Sys.err(Errno.EINVAL), s.run(() -> s.calls.fcntl(s.task, fd, 9999, 0)));
    }

    @Test
    void fcntl_dupfd_takesLowestAtOrAbove_andPastLimitIsEinval() {
        int fd = (int) s.open("f", O_CREAT | O_RDWR, 0644);
        assertEquals(10, s.run(() -> s.calls.fcntl(s.task, fd, F_DUPFD, 10)));
        assertEquals(11, s.run(() -> s.calls.fcntl(s.task, fd, F_DUPFD_CLOEXEC, 10)));
        assertEquals(FD_CLOEXEC, s.run(() -> s.calls.fcntl(s.task, 11, F_GETFD, 0)));
        assertEquals(Sys.err(Errno.EINVAL), s.run(() -> s.calls.fcntl(s.task, fd, F_DUPFD, 4294967295L)));
    }

    @Test
    void opath_descriptor_refusesReadButAllowsFstatAndGetfl() {
        s.open("p", O_CREAT | O_RDWR, 0644);
        int fd = (int) s.open("p", O_PATH, 0);
        assertEquals(Sys.err(Errno.EBADF), s.run(() -> s.calls.read(s.task, fd, UserBuffer.allocate(1), 1)));
        assertEquals(0, s.run(() -> s.calls.fstat(s.task, fd).ret()));
        assertEquals(O_PATH, s.run(() -> s.calls.fcntl(s.task, fd, F_GETFL, 0)), "O_PATH drops even O_LARGEFILE");
        assertEquals(Sys.err(Errno.EBADF), s.run(() -> s.calls.fcntl(s.task, fd, F_SETFL, 0)));
    }

    @Test
    void readv_moreThanIovMax_isEinval_andEmptyVectorsReadNothing() {
        int fd = (int) s.open("v", O_CREAT | O_RDWR, 0644);
        java.util.List<Iovec> many = java.util.Collections.nCopies(IOV_MAX + 1, new Iovec(null, 0));
        assertEquals(Sys.err(Errno.EINVAL), s.run(() -> s.calls.readv(s.task, fd, many)));
        assertEquals(0, s.run(() -> s.calls.writev(s.task, fd, java.util.List.of())));
    }

    @Test
    void write_fromNullBuffer_isEfault() {
        int fd = (int) s.open("n", O_CREAT | O_RDWR, 0644);
        assertEquals(Sys.err(Errno.EFAULT), s.run(() -> s.calls.write(s.task, fd, null, 5)));
    }

    @Test
    void newfstatat_emptyPath_needsAtEmptyPath_andUnknownFlag_isEinval() {
        int fd = (int) s.open("f", O_CREAT | O_RDWR, 0644);
        assertEquals(Sys.err(Errno.ENOENT), s.run(() -> s.calls.newfstatat(s.task, fd, "", 0).ret()));
        assertEquals(0, s.run(() -> s.calls.newfstatat(s.task, fd, "", AT_EMPTY_PATH).ret()));
        assertEquals(Sys.err(Errno.EINVAL), s.run(() -> s.calls.newfstatat(s.task, fd, "", 0x1).ret()));
        assertNull(s.calls.newfstatat(s.task, AT_FDCWD, "missing", 0).stat());
    }
}
