package dev.kemu.vfs.testing;

import static dev.kemu.vfs.Fcntl.AT_EMPTY_PATH;
import static dev.kemu.vfs.Fcntl.AT_FDCWD;
import static dev.kemu.vfs.Fcntl.AT_SYMLINK_NOFOLLOW;
import static dev.kemu.vfs.Fcntl.O_PATH;
import static dev.kemu.vfs.Fcntl.O_RDONLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.Capability;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.Kstat;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.Timespec;
import dev.kemu.vfs.VfsBehaviour;
import dev.kemu.vfs.VfsSyscalls;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * chown, fchown, lchown and fchownat written once and run on every filesystem; the expected
 * values are Linux's ({@code fs/open.c:chown_common()}, {@code fs/attr.c:notify_change()},
 * {@code setattr_prepare()}, {@code setattr_should_drop_sgid()}) and what a 6.18 host answers
 * for the same calls (see the host tests). Each subclass mounts its filesystem at {@link #dir()}.
 */
public abstract class OwnerCallsContract {
    protected TestMachine m;

    /** A fresh machine with the filesystem under test mounted at {@link #dir()}, the task there. */
    protected abstract TestMachine newMachine() throws Exception;

    /** Where the filesystem under test is mounted. */
    protected abstract String dir();

    @BeforeEach
    void setUpMachine() throws Exception {
        m = newMachine();
        m.task.setUmask(022);
    }

    protected long call(java.util.function.LongSupplier body) {
        return m.call(body);
    }

    private long chown(String path, int uid, int gid) {
        return call(() -> m.sys.chown(m.task, path, uid, gid));
    }

    private long chmod(String path, int mode) {
        return call(() -> m.sys.chmod(m.task, path, mode));
    }

    private Inode inode(String path) {
        int fd = m.openOk(path, O_PATH, 0);
        File f = m.task.files().get(fd);
        try {
            return f.inode();
        } finally {
            f.put();
            m.close(fd);
        }
    }

    @Test
    void chown_newIds_statReportsThem() {
        m.touch("f");
        assertEquals(0, m.stat("f").uid());
        assertEquals(0, chown("f", 1000, 2000));
        Kstat st = m.stat("f");
        assertEquals(1000, st.uid());
        assertEquals(2000, st.gid());
        assertEquals(StatMode.S_IFREG | 0644, st.mode());
    }

    @Test
    void chown_minusOne_leavesThatIdUnchanged() {
        m.touch("f");
        assertEquals(0, chown("f", 5, 6));
        assertEquals(0, chown("f", -1, 7));
        assertEquals(5, m.stat("f").uid());
        assertEquals(7, m.stat("f").gid());
        assertEquals(0, chown("f", 8, -1));
        assertEquals(8, m.stat("f").uid());
        assertEquals(7, m.stat("f").gid());
    }

    @Test
    void chown_bothMinusOne_stillChangesCtime() {
        m.touch("f");
        Inode inode = inode("f");
        Timespec before = inode.ctime();
        Timespec now = before;
        for (int i = 0; i < 1_000_000 && !after(now, before); i++) {
            now = Timespec.now(); // the clock has to move past the creation's ctime
        }
        assertTrue(after(now, before), "the clock did not advance");
        assertEquals(0, chown("f", -1, -1));
        assertTrue(!after(now, inode.ctime()), "ctime " + inode.ctime() + " is not the chown's (after " + now + ")");
    }

    private static boolean after(Timespec a, Timespec b) {
        return a.sec() > b.sec() || a.sec() == b.sec() && a.nsec() > b.nsec();
    }

    @Test
    void chown_setuidExecutable_dropsSetuidAndSetgid() {
        m.touch("f");
        assertEquals(0, chmod("f", 06755));
        assertEquals(0, chown("f", 1, 1));
        assertEquals(StatMode.S_IFREG | 0755, m.stat("f").mode());
    }

    @Test
    void chown_bothMinusOne_stillDropsSetuid() {
        m.touch("f");
        assertEquals(0, chmod("f", 04755));
        assertEquals(0, chown("f", -1, -1));
        assertEquals(StatMode.S_IFREG | 0755, m.stat("f").mode());
    }

    @Test
    void chown_setgidWithoutGroupExec_keepsIt() {
        m.touch("f");
        assertEquals(0, chmod("f", 02644));
        assertEquals(0, chown("f", 3, 3));
        assertEquals(StatMode.S_IFREG | 02644, m.stat("f").mode(), "mandatory-locking marker: root is in the group or capable");
    }

    @Test
    void chown_directory_keepsSetgidAndSetuid() {
        assertEquals(0, m.mkdir("d", 0755));
        assertEquals(0, chmod("d", 06755));
        assertEquals(0, chown("d", 4, 4));
        Kstat st = m.stat("d");
        assertEquals(StatMode.S_IFDIR | 06755, st.mode());
        assertEquals(4, st.uid());
    }

    @Test
    void chown_followsASymlink_lchownChangesTheLink() {
        m.touch("target");
        assertEquals(0, call(() -> m.sys.symlink(m.task, "target", "link")));
        assertEquals(0, chown("link", 11, 12));
        assertEquals(11, m.stat("target").uid());
        assertEquals(0, m.lstatResult("link").stat().uid());
        assertEquals(0, call(() -> m.sys.lchown(m.task, "link", 21, 22)));
        assertEquals(21, m.lstatResult("link").stat().uid());
        assertEquals(22, m.lstatResult("link").stat().gid());
        assertEquals(11, m.stat("target").uid());
        assertEquals(StatMode.S_IFLNK | 0777, m.lstatResult("link").stat().mode());
    }

    @Test
    void fchown_openFile_changesItsOwners() {
        m.touch("f");
        int fd = m.openOk("f", O_RDONLY, 0);
        assertEquals(0, call(() -> m.sys.fchown(m.task, fd, 31, 32)));
        assertEquals(31, m.fstat(fd).uid());
        assertEquals(32, m.stat("f").gid());
    }

    @Test
    void fchown_badOrPathDescriptor_returnsEbadf() {
        m.touch("f");
        int fd = m.openOk("f", O_PATH, 0);
        assertEquals(Errno.EBADF.neg(), call(() -> m.sys.fchown(m.task, fd, 1, 1)));
        assertEquals(Errno.EBADF.neg(), call(() -> m.sys.fchown(m.task, 99, 1, 1)));
        assertEquals(0, call(() -> m.sys.fchownat(m.task, fd, "", 1, 1, AT_EMPTY_PATH)), "AT_EMPTY_PATH takes an O_PATH descriptor");
        assertEquals(1, m.stat("f").uid());
    }

    @Test
    void fchownat_errors_inLinuxOrder() {
        m.touch("f");
        assertEquals(Errno.EINVAL.neg(), call(() -> m.sys.fchownat(m.task, AT_FDCWD, "missing", 1, 1, 0x200)), "flags before the lookup");
        assertEquals(Errno.ENOENT.neg(), call(() -> m.sys.fchownat(m.task, AT_FDCWD, "missing", 1, 1, 0)));
        assertEquals(Errno.ENOENT.neg(), call(() -> m.sys.fchownat(m.task, AT_FDCWD, "", 1, 1, 0)), "an empty path needs AT_EMPTY_PATH");
        assertEquals(Errno.ENOTDIR.neg(), call(() -> m.sys.fchownat(m.task, AT_FDCWD, "f/x", 1, 1, 0)));
        assertEquals(Errno.EBADF.neg(), call(() -> m.sys.fchownat(m.task, 77, "f", 1, 1, 0)));
        assertEquals(0, call(() -> m.sys.symlink(m.task, "loop", "loop")));
        assertEquals(Errno.ELOOP.neg(), call(() -> m.sys.fchownat(m.task, AT_FDCWD, "loop", 1, 1, 0)));
        assertEquals(0, call(() -> m.sys.fchownat(m.task, AT_FDCWD, "loop", 1, 1, AT_SYMLINK_NOFOLLOW)));
        assertEquals(1, m.lstatResult("loop").stat().uid());
        assertEquals(0, call(() -> m.sys.fchownat(m.task, AT_FDCWD, "f", 2, 3, AT_EMPTY_PATH)), "AT_EMPTY_PATH with a path is the path");
        assertEquals(2, m.stat("f").uid());
    }

    @Test
    void chown_withoutCapChown_givingAwayOrStrangeGroup_returnsEperm() {
        m.touch("f");
        m.task.dropCapability(Capability.CAP_CHOWN);
        assertEquals(Errno.EPERM.neg(), chown("f", 1000, -1));
        assertEquals(0, chown("f", 0, -1), "the owner may name itself");
        assertEquals(0, chown("f", -1, 0), "the file's own group");
        assertEquals(Errno.EPERM.neg(), chown("f", -1, 5));
        m.task.setCredentials(0, 0, Set.of(5));
        assertEquals(0, chown("f", -1, 5), "a supplementary group");
        assertEquals(5, m.stat("f").gid());
        m.task.raiseCapability(Capability.CAP_CHOWN);
        assertEquals(0, chown("f", 1000, -1));
        m.task.dropCapability(Capability.CAP_CHOWN);
        assertEquals(Errno.EPERM.neg(), chown("f", 1000, -1), "not the owner any more");
        assertEquals(Errno.EPERM.neg(), chown("f", -1, 5), "chgrp needs ownership too");
    }

    @Test
    void chown_capChownWithoutFownerOnOthersSetuidFile_returnsEperm() {
        m.touch("f");
        assertEquals(0, chmod("f", 04755));
        assertEquals(0, chown("f", 1000, -1));
        assertEquals(StatMode.S_IFREG | 0755, m.stat("f").mode());
        assertEquals(0, chmod("f", 04755));
        m.task.dropCapability(Capability.CAP_FOWNER);
        assertEquals(Errno.EPERM.neg(), chown("f", 2000, -1), "dropping S_ISUID is a mode change the caller may not make");
        assertEquals(StatMode.S_IFREG | 04755, m.stat("f").mode());
        assertEquals(1000, m.stat("f").uid());
    }

    @Test
    void chown_outsideGroupWithoutFsetid_dropsSetgidWithoutGroupExecFrom62Only() {
        m.touch("f");
        assertEquals(0, chmod("f", 02644));
        m.task.setCredentials(0, 9, Set.of());
        m.task.dropCapability(Capability.CAP_FSETID);
        assertEquals(0, chown("f", -1, -1));
        assertEquals(StatMode.S_IFREG | 0644, m.stat("f").mode(), "setattr_should_drop_sgid: not in group 0");

        m.touch("g");
        m.task.setCredentials(0, 0, Set.of());
        assertEquals(0, chmod("g", 02644));
        m.task.setCredentials(0, 9, Set.of());
        VfsSyscalls before62 = new VfsSyscalls(new VfsBehaviour() {
            @Override
            public boolean chownDropsSgidOutsideGroup() {
                return false;
            }
        });
        assertEquals(0, call(() -> before62.chown(m.task, "g", -1, -1)));
        assertEquals(StatMode.S_IFREG | 02644, m.stat("g").mode(), "before 6.2 only S_ISGID|S_IXGRP goes");
    }

    @Test
    void chown_fifoAndSocketNodes_changeOwners() {
        assertEquals(0, call(() -> m.sys.mknod(m.task, "fifo", StatMode.S_IFIFO | 0644, 0)));
        assertEquals(0, call(() -> m.sys.mknod(m.task, "sock", StatMode.S_IFSOCK | 0644, 0)));
        assertEquals(0, chown("fifo", 41, 42));
        assertEquals(0, chown("sock", 43, 44));
        assertEquals(41, m.lstatResult("fifo").stat().uid());
        assertEquals(44, m.lstatResult("sock").stat().gid());
    }

    @Test
    void create_byTaskWithOtherFsuid_ownsTheNewFile() {
        m.task.setCredentials(500, 600, Set.of());
        m.touch("mine");
        assertEquals(0, m.mkdir("dir", 0755));
        assertEquals(500, m.stat("mine").uid());
        assertEquals(600, m.stat("mine").gid());
        assertEquals(500, m.stat("dir").uid());
    }
}
