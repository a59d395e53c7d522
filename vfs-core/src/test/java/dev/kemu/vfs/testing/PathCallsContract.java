package dev.kemu.vfs.testing;

import static dev.kemu.vfs.Fcntl.AT_EMPTY_PATH;
import static dev.kemu.vfs.Fcntl.AT_FDCWD;
import static dev.kemu.vfs.Fcntl.AT_SYMLINK_FOLLOW;
import static dev.kemu.vfs.Fcntl.AT_SYMLINK_NOFOLLOW;
import static dev.kemu.vfs.Fcntl.O_CREAT;
import static dev.kemu.vfs.Fcntl.O_DIRECTORY;
import static dev.kemu.vfs.Fcntl.O_EXCL;
import static dev.kemu.vfs.Fcntl.O_NOFOLLOW;
import static dev.kemu.vfs.Fcntl.O_PATH;
import static dev.kemu.vfs.Fcntl.O_RDONLY;
import static dev.kemu.vfs.Fcntl.O_WRONLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.Dirent64;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.GetcwdResult;
import dev.kemu.vfs.Getdents;
import dev.kemu.vfs.Kstat;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.Timespec;
import dev.kemu.vfs.UserBuffer;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The path and directory calls, written once and run on every filesystem: each subclass mounts
 * its filesystem at {@link #dir()} (the task starts there) and states where its filesystem
 * differs. The expected values are Linux's, from {@code fs/namei.c}, {@code fs/open.c},
 * {@code fs/d_path.c}, {@code fs/readdir.c} and {@code fs/utimes.c}.
 */
public abstract class PathCallsContract {
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

    protected long ino(String path) {
        return m.stat(path).ino();
    }

    protected List<String> names(Getdents g) {
        return g.entries().stream().map(Dirent64::name).collect(Collectors.toList());
    }

    /** Every name of the directory at {@code path}, by getdents64 with a large buffer. */
    protected List<String> list(String path) {
        int fd = m.openOk(path, O_RDONLY | O_DIRECTORY, 0);
        Getdents g = m.getdents(fd, 32768);
        assertTrue(g.ret() > 0, () -> "getdents64 " + path + " = " + g.ret());
        assertEquals(0, m.getdents(fd, 32768).ret(), "the second call is at the end");
        m.close(fd);
        return names(g);
    }

    // chdir, fchdir, getcwd, umask

    @Test
    void chdir_directory_relativePathsStartThereAndGetcwdNamesIt() {
        assertEquals(0, m.mkdir("d", 0755));
        assertEquals(0, call(() -> m.sys.chdir(m.task, "d")));
        m.touch("f");
        assertEquals(0, m.statResult(dir() + "/d/f").ret());
        GetcwdResult r = m.getcwd(4096);
        assertEquals(dir() + "/d", r.path());
        assertEquals(r.path().length() + 1, r.ret(), "the length counts the NUL");
    }

    @Test
    void chdir_regularFile_returnsEnotdir() {
        m.touch("f");
        assertEquals(Errno.ENOTDIR.neg(), call(() -> m.sys.chdir(m.task, "f")));
        assertEquals(Errno.ENOENT.neg(), call(() -> m.sys.chdir(m.task, "missing")));
    }

    @Test
    void fchdir_directoryAndFile_movesOrReturnsEnotdir() {
        assertEquals(0, m.mkdir("d", 0755));
        m.touch("f");
        int dfd = m.openOk("d", O_PATH, 0);
        int ffd = m.openOk("f", O_RDONLY, 0);
        assertEquals(Errno.ENOTDIR.neg(), call(() -> m.sys.fchdir(m.task, ffd)));
        assertEquals(Errno.EBADF.neg(), call(() -> m.sys.fchdir(m.task, 99)));
        assertEquals(0, call(() -> m.sys.fchdir(m.task, dfd)), "an O_PATH descriptor will do");
        assertEquals(dir() + "/d", m.getcwd(4096).path());
    }

    @Test
    void getcwd_bufferOneShort_returnsErange() {
        long need = dir().length() + 1;
        assertEquals(Errno.ERANGE.neg(), m.getcwd(need - 1).ret());
        assertEquals(need, m.getcwd(need).ret());
    }

    @Test
    void getcwd_afterTheDirectoryIsRenamed_namesTheNewPlace() {
        assertEquals(0, m.mkdir("d", 0755));
        assertEquals(0, m.mkdir("p", 0755));
        assertEquals(0, call(() -> m.sys.chdir(m.task, "d")));
        assertEquals(0, call(() -> m.sys.rename(m.task, dir() + "/d", dir() + "/p/e")));
        assertEquals(dir() + "/p/e", m.getcwd(4096).path());
        assertEquals(ino(dir() + "/p"), ino(".."));
    }

    @Test
    void getcwd_removedDirectory_returnsEnoent() {
        assertEquals(0, m.mkdir("d", 0755));
        assertEquals(0, call(() -> m.sys.chdir(m.task, "d")));
        assertEquals(0, m.rmdir(dir() + "/d"));
        assertEquals(Errno.ENOENT.neg(), m.getcwd(4096).ret());
    }

    @Test
    void umask_set_returnsOldMaskAndMasksNewFiles() {
        assertEquals(022, call(() -> m.sys.umask(m.task, 0777077)));
        assertEquals(077, call(() -> m.sys.umask(m.task, 077)), "only the permission bits are kept");
        m.touch("f");
        assertEquals(StatMode.S_IFREG | 0600, m.stat("f").mode());
    }

    // access, faccessat, faccessat2

    @Test
    void access_asRoot_readWriteAlwaysExecuteNeedsABit() {
        m.touch("f");
        assertEquals(0, call(() -> m.sys.access(m.task, "f", 6)));
        assertEquals(Errno.EACCES.neg(), call(() -> m.sys.access(m.task, "f", 1)));
        assertEquals(0, call(() -> m.sys.chmod(m.task, "f", 0100)));
        assertEquals(0, call(() -> m.sys.access(m.task, "f", 7)));
        assertEquals(0, call(() -> m.sys.access(m.task, ".", 1)), "a directory is searchable");
        assertEquals(Errno.ENOENT.neg(), call(() -> m.sys.access(m.task, "missing", 0)));
    }

    @Test
    void faccessat2_badModeBeforeBadFlags_returnsEinval() {
        assertEquals(Errno.EINVAL.neg(), call(() -> m.sys.faccessat2(m.task, AT_FDCWD, "missing", 8, 0)));
        assertEquals(Errno.EINVAL.neg(), call(() -> m.sys.faccessat2(m.task, AT_FDCWD, "missing", 0, 0x400)));
        assertEquals(Errno.ENOENT.neg(), call(() -> m.sys.faccessat2(m.task, AT_FDCWD, "missing", 0, 0x200)));
    }

    @Test
    void faccessat2_symlinkNofollowAndEmptyPath_lookAtTheLinkAndTheDescriptor() {
        assertEquals(0, call(() -> m.sys.symlink(m.task, "missing", "l")));
        assertEquals(Errno.ENOENT.neg(), call(() -> m.sys.faccessat(m.task, AT_FDCWD, "l", 0)));
        assertEquals(0, call(() -> m.sys.faccessat2(m.task, AT_FDCWD, "l", 0, AT_SYMLINK_NOFOLLOW)));
        m.touch("f");
        int fd = m.openOk("f", O_RDONLY, 0);
        assertEquals(0, call(() -> m.sys.faccessat2(m.task, fd, "", 4, AT_EMPTY_PATH)));
        assertEquals(Errno.ENOENT.neg(), call(() -> m.sys.faccessat2(m.task, fd, "", 4, 0)));
    }

    // rename, renameat, renameat2

    @Test
    void rename_file_keepsInodeUnderNewName() {
        m.touch("a");
        long ino = ino("a");
        assertEquals(0, call(() -> m.sys.rename(m.task, "a", "b")));
        assertEquals(Errno.ENOENT.neg(), m.statResult("a").ret());
        assertEquals(ino, ino("b"));
        assertEquals(Errno.ENOENT.neg(), call(() -> m.sys.rename(m.task, "a", "c")));
    }

    @Test
    void rename_overExistingFile_replacesItAndDropsItsLink() {
        m.touch("a");
        m.touch("b");
        int fd = m.openOk("b", O_RDONLY, 0);
        long ino = ino("a");
        assertEquals(0, call(() -> m.sys.rename(m.task, "a", "b")));
        assertEquals(ino, ino("b"));
        assertEquals(0, m.fstat(fd).nlink(), "the replaced file lives on while open, without a name");
        m.close(fd);
    }

    @Test
    void rename_sameInodeByTwoNames_doesNothing() {
        m.touch("a");
        assertEquals(0, call(() -> m.sys.link(m.task, "a", "b")));
        assertEquals(0, call(() -> m.sys.rename(m.task, "a", "b")));
        assertEquals(0, m.statResult("a").ret(), "both names stay");
        assertEquals(2, m.stat("b").nlink());
    }

    @Test
    void rename_directoryAcrossParents_movesDotdotAndLinkCounts() {
        assertEquals(0, m.mkdir("p", 0755));
        assertEquals(0, m.mkdir("q", 0755));
        assertEquals(0, m.mkdir("p/d", 0755));
        assertEquals(0, call(() -> m.sys.rename(m.task, "p/d", "q/d")));
        assertEquals(ino("q"), ino("q/d/.."));
        assertEquals(2, m.stat("p").nlink());
        assertEquals(3, m.stat("q").nlink());
        assertEquals(List.of("d"), list("q").stream().filter(n -> !n.startsWith(".")).toList());
    }

    @Test
    void rename_directoryIntoItsOwnSubdirectory_returnsEinval() {
        assertEquals(0, m.mkdir("a", 0755));
        assertEquals(0, m.mkdir("a/b", 0755));
        assertEquals(Errno.EINVAL.neg(), call(() -> m.sys.rename(m.task, "a", "a/b/c")));
        assertEquals(Errno.EINVAL.neg(), call(() -> m.sys.rename(m.task, "a", "a/c")));
    }

    @Test
    void rename_ontoAnAncestorOfTheSource_returnsEnotempty() {
        assertEquals(0, m.mkdir("a", 0755));
        assertEquals(0, m.mkdir("a/b", 0755));
        assertEquals(Errno.ENOTEMPTY.neg(), call(() -> m.sys.rename(m.task, "a/b", "a")));
    }

    @Test
    void rename_directoryOverNonEmptyDirectory_returnsEnotempty() {
        assertEquals(0, m.mkdir("a", 0755));
        assertEquals(0, m.mkdir("b", 0755));
        m.touch("b/f");
        assertEquals(Errno.ENOTEMPTY.neg(), call(() -> m.sys.rename(m.task, "a", "b")));
        assertEquals(0, m.unlink("b/f"));
        long ino = ino("a");
        int parentLinks = m.stat(".").nlink();
        int b = m.openOk("b", O_RDONLY | O_DIRECTORY, 0);
        assertEquals(0, call(() -> m.sys.rename(m.task, "a", "b")));
        assertEquals(ino, ino("b"));
        assertEquals(parentLinks - 1, m.stat(".").nlink(), "one subdirectory fewer");
        assertEquals(0, m.fstat(b).nlink(), "the replaced directory has no links left");
        assertEquals(Errno.ENOENT.neg(), m.getdents(b, 4096).ret(), "and is dead");
    }

    @Test
    void rename_typeMismatch_returnsEnotdirOrEisdir() {
        assertEquals(0, m.mkdir("d", 0755));
        m.touch("f");
        assertEquals(Errno.ENOTDIR.neg(), call(() -> m.sys.rename(m.task, "d", "f")));
        assertEquals(Errno.EISDIR.neg(), call(() -> m.sys.rename(m.task, "f", "d")));
        assertEquals(Errno.ENOTDIR.neg(), call(() -> m.sys.rename(m.task, "f/", "g")));
        assertEquals(Errno.ENOTDIR.neg(), call(() -> m.sys.rename(m.task, "f", "g/")));
    }

    @Test
    void rename_dotsAndRoot_returnEbusyOrEexist() {
        assertEquals(0, m.mkdir("d", 0755));
        assertEquals(Errno.EBUSY.neg(), call(() -> m.sys.rename(m.task, "d/.", "e")));
        assertEquals(Errno.EBUSY.neg(), call(() -> m.sys.rename(m.task, "d", "d/..")));
        assertEquals(Errno.EEXIST.neg(), call(() -> m.sys.renameat2(m.task, AT_FDCWD, "d", AT_FDCWD, ".", 1)));
    }

    @Test
    void rename_acrossMounts_returnsExdev() {
        m.touch("f");
        assertEquals(Errno.EXDEV.neg(), call(() -> m.sys.rename(m.task, "f", "/f")));
    }

    @Test
    void rename_mountPoint_returnsEbusy() {
        assertEquals(Errno.EBUSY.neg(), call(() -> m.sys.rename(m.task, dir(), "/elsewhere")));
    }

    @Test
    void renameat2_flags_checkedBeforeTheNames() {
        assertEquals(Errno.EINVAL.neg(), call(() -> m.sys.renameat2(m.task, AT_FDCWD, "x", AT_FDCWD, "y", 8)));
        assertEquals(Errno.EINVAL.neg(), call(() -> m.sys.renameat2(m.task, AT_FDCWD, "x", AT_FDCWD, "y", 3)));
        assertEquals(Errno.EINVAL.neg(), call(() -> m.sys.renameat2(m.task, AT_FDCWD, "x", AT_FDCWD, "y", 6)));
    }

    @Test
    void renameat2_noreplaceOverExisting_returnsEexist() {
        m.touch("a");
        m.touch("b");
        assertEquals(Errno.EEXIST.neg(), call(() -> m.sys.renameat2(m.task, AT_FDCWD, "a", AT_FDCWD, "b", 1)));
        assertEquals(0, call(() -> m.sys.renameat2(m.task, AT_FDCWD, "a", AT_FDCWD, "c", 1)));
    }

    @Test
    void renameat2_exchange_swapsAFileAndADirectoryAcrossParents() {
        assertEquals(0, m.mkdir("p", 0755));
        assertEquals(0, m.mkdir("q", 0755));
        assertEquals(0, m.mkdir("p/d", 0755));
        m.touch("q/f");
        long d = ino("p/d");
        long f = ino("q/f");
        assertEquals(Errno.ENOENT.neg(), call(() -> m.sys.renameat2(m.task, AT_FDCWD, "p/d", AT_FDCWD, "q/none", 2)));
        assertEquals(0, call(() -> m.sys.renameat2(m.task, AT_FDCWD, "p/d", AT_FDCWD, "q/f", 2)));
        assertEquals(d, ino("q/f"));
        assertEquals(f, ino("p/d"));
        assertEquals(ino("q"), ino("q/f/.."));
        assertEquals(2, m.stat("p").nlink());
        assertEquals(3, m.stat("q").nlink());
    }

    @Test
    void renameat_fromDescriptors_resolvesEachName() {
        assertEquals(0, m.mkdir("p", 0755));
        assertEquals(0, m.mkdir("q", 0755));
        m.touch("p/a");
        int p = m.openOk("p", O_RDONLY | O_DIRECTORY, 0);
        int q = m.openOk("q", O_RDONLY | O_DIRECTORY, 0);
        assertEquals(0, call(() -> m.sys.renameat(m.task, p, "a", q, "b")));
        assertEquals(0, m.statResult("q/b").ret());
        assertEquals(Errno.EBADF.neg(), call(() -> m.sys.renameat(m.task, 77, "a", q, "b")));
    }

    // link, linkat

    @Test
    void link_file_sharesTheInodeAndCountsTheLink() {
        m.touch("a");
        assertEquals(0, call(() -> m.sys.link(m.task, "a", "b")));
        assertEquals(ino("a"), ino("b"));
        assertEquals(2, m.stat("a").nlink());
        assertEquals(0, m.unlink("a"));
        assertEquals(1, m.stat("b").nlink());
        assertEquals(Errno.EEXIST.neg(), call(() -> m.sys.link(m.task, "b", "b")));
        assertEquals(Errno.ENOENT.neg(), call(() -> m.sys.link(m.task, "a", "c")));
    }

    @Test
    void link_directory_returnsEperm() {
        assertEquals(0, m.mkdir("d", 0755));
        assertEquals(Errno.EPERM.neg(), call(() -> m.sys.link(m.task, "d", "e")));
    }

    @Test
    void linkat_symlinkFollow_linksTheTargetOtherwiseTheLink() {
        m.touch("f");
        assertEquals(0, call(() -> m.sys.symlink(m.task, "f", "l")));
        assertEquals(0, call(() -> m.sys.linkat(m.task, AT_FDCWD, "l", AT_FDCWD, "hl", 0)));
        assertEquals(m.lstatResult("l").stat().ino(), m.lstatResult("hl").stat().ino());
        assertEquals(0, call(() -> m.sys.linkat(m.task, AT_FDCWD, "l", AT_FDCWD, "hf", AT_SYMLINK_FOLLOW)));
        assertEquals(ino("f"), m.lstatResult("hf").stat().ino());
        assertEquals(Errno.EINVAL.neg(), call(() -> m.sys.linkat(m.task, AT_FDCWD, "f", AT_FDCWD, "x", 0x100)));
    }

    @Test
    void linkat_emptyPath_linksTheOpenFile() {
        m.touch("f");
        int fd = m.openOk("f", O_RDONLY, 0);
        assertEquals(0, call(() -> m.sys.linkat(m.task, fd, "", AT_FDCWD, "g", AT_EMPTY_PATH)));
        assertEquals(ino("f"), ino("g"));
        assertEquals(Errno.ENOENT.neg(), call(() -> m.sys.linkat(m.task, fd, "", AT_FDCWD, "h", 0)));
    }

    // symlink, readlink and following links

    @Test
    void symlink_shortAndLong_readBackWhole() {
        String longTarget = "x".repeat(200);
        assertEquals(0, call(() -> m.sys.symlink(m.task, "short", "s")));
        assertEquals(0, call(() -> m.sys.symlink(m.task, longTarget, "l")));
        assertEquals("short", m.readlink("s", 100).text());
        assertEquals(longTarget, m.readlink("l", 4096).text());
        Kstat st = m.lstatResult("l").stat();
        assertEquals(StatMode.S_IFLNK | 0777, st.mode());
        assertEquals(200, st.size());
    }

    @Test
    void readlink_smallBuffer_truncatesWithoutNul() {
        assertEquals(0, call(() -> m.sys.symlink(m.task, "abcdef", "s")));
        TestMachine.Read r = m.readlink("s", 3);
        assertEquals(3, r.ret());
        assertEquals("abc", r.text());
    }

    @Test
    void readlink_notALinkOrBadSize_returnsEinval() {
        m.touch("f");
        assertEquals(Errno.EINVAL.neg(), m.readlink("f", 10).ret());
        assertEquals(0, call(() -> m.sys.symlink(m.task, "f", "s")));
        assertEquals(Errno.EINVAL.neg(), m.readlink("s", 0).ret());
        assertEquals(Errno.ENOENT.neg(), m.readlink("missing", 10).ret());
        assertEquals(Errno.ENOENT.neg(), m.readlink("", 10).ret(), "an empty path names the working directory");
    }

    @Test
    void readlinkat_emptyPathOnOpathLink_readsIt() {
        assertEquals(0, call(() -> m.sys.symlink(m.task, "target", "s")));
        int fd = m.openOk("s", O_PATH | O_NOFOLLOW, 0);
        UserBuffer buf = UserBuffer.allocate(64);
        assertEquals(6, call(() -> m.sys.readlinkat(m.task, fd, "", buf, 64)));
    }

    @Test
    void symlink_existingOrEmpty_returnsEexistOrEnoent() {
        m.touch("f");
        assertEquals(Errno.EEXIST.neg(), call(() -> m.sys.symlink(m.task, "x", "f")));
        assertEquals(Errno.ENOENT.neg(), call(() -> m.sys.symlink(m.task, "", "g")));
        assertEquals(Errno.ENOENT.neg(), call(() -> m.sys.symlink(m.task, "x", "g/")));
    }

    @Test
    void open_throughSymlinks_followsThemInTheMiddleAndAtTheEnd() {
        assertEquals(0, m.mkdir("d", 0755));
        int fd = m.openOk("d/f", O_WRONLY | O_CREAT, 0644);
        m.write(fd, "data".getBytes());
        m.close(fd);
        assertEquals(0, call(() -> m.sys.symlink(m.task, "d", "ld")));
        assertEquals(0, call(() -> m.sys.symlink(m.task, dir() + "/ld/f", "lf")));
        int r = m.openOk("ld/f", O_RDONLY, 0);
        assertEquals("data", m.read(r, 10).text());
        assertEquals(ino("d/f"), ino("lf"));
        assertNotEquals(ino("d/f"), m.lstatResult("lf").stat().ino());
    }

    @Test
    void open_nofollowOnLink_returnsEloopButOpathOpensTheLink() {
        m.touch("f");
        assertEquals(0, call(() -> m.sys.symlink(m.task, "f", "l")));
        assertEquals(Errno.ELOOP.neg(), m.open("l", O_RDONLY | O_NOFOLLOW, 0));
        assertTrue(m.open("l", O_PATH | O_NOFOLLOW, 0) >= 0);
        assertEquals(Errno.EEXIST.neg(), m.open("l", O_WRONLY | O_CREAT | O_EXCL, 0644), "O_EXCL does not follow");
    }

    @Test
    void open_createThroughDanglingLink_createsTheTarget() {
        assertEquals(0, call(() -> m.sys.symlink(m.task, "target", "l")));
        m.close(m.openOk("l", O_WRONLY | O_CREAT, 0644));
        assertEquals(StatMode.S_IFREG | 0644, m.stat("target").mode());
    }

    @Test
    void lookup_linkLoop_returnsEloop() {
        assertEquals(0, call(() -> m.sys.symlink(m.task, "b", "a")));
        assertEquals(0, call(() -> m.sys.symlink(m.task, "a", "b")));
        assertEquals(Errno.ELOOP.neg(), m.statResult("a").ret());
        assertEquals(Errno.ELOOP.neg(), m.open("a", O_RDONLY, 0));
        assertEquals(0, m.lstatResult("a").ret(), "AT_SYMLINK_NOFOLLOW looks at the link");
    }

    @Test
    void lookup_fortyLinksFollowedButNotFortyOne() {
        m.touch("l0");
        for (int i = 1; i <= 41; i++) {
            String target = "l" + (i - 1);
            String name = "l" + i;
            assertEquals(0, call(() -> m.sys.symlink(m.task, target, name)));
        }
        assertEquals(0, m.statResult("l40").ret());
        assertEquals(Errno.ELOOP.neg(), m.statResult("l41").ret());
    }

    @Test
    void lookup_linkToFileWithTrailingSlash_returnsEnotdir() {
        m.touch("f");
        assertEquals(0, call(() -> m.sys.symlink(m.task, "f", "l")));
        assertEquals(Errno.ENOTDIR.neg(), m.statResult("l/").ret());
        assertEquals(0, m.mkdir("d", 0755));
        assertEquals(0, call(() -> m.sys.symlink(m.task, "d", "ld")));
        assertEquals(ino("d"), m.lstatResult("ld/").stat().ino(), "a trailing slash follows the link");
    }

    @Test
    void rmdir_symlinkToDirectoryOrDots_inDoRmdirOrder() {
        assertEquals(0, m.mkdir("d", 0755));
        assertEquals(0, call(() -> m.sys.symlink(m.task, "d", "l")));
        assertEquals(Errno.ENOTDIR.neg(), m.rmdir("l"));
        assertEquals(Errno.ENOTDIR.neg(), m.rmdir("l/"), "the last component is not followed");
        assertEquals(Errno.EINVAL.neg(), m.rmdir("d/."));
        assertEquals(Errno.ENOTEMPTY.neg(), m.rmdir("d/.."));
        assertEquals(Errno.EBUSY.neg(), m.rmdir(dir()), "a mount point");
        assertEquals(0, m.unlink("l"), "unlink removes the link, not the directory");
        assertEquals(0, m.rmdir("d"));
    }

    @Test
    void unlink_shortAndLongSymlinks_freesThem() {
        assertEquals(0, call(() -> m.sys.symlink(m.task, "s", "a")));
        assertEquals(0, call(() -> m.sys.symlink(m.task, "t".repeat(300), "b")));
        assertEquals(0, m.unlink("a"));
        assertEquals(0, m.unlink("b"));
        assertEquals(Errno.ENOENT.neg(), m.lstatResult("b").ret());
    }

    // getdents64

    @Test
    void getdents64_directory_listsEveryNameWithTypes() {
        assertEquals(0, m.mkdir("w", 0755));
        assertEquals(0, call(() -> m.sys.chdir(m.task, "w")));
        m.touch("f");
        assertEquals(0, m.mkdir("d", 0755));
        assertEquals(0, call(() -> m.sys.symlink(m.task, "f", "l")));
        int fd = m.openOk(".", O_RDONLY | O_DIRECTORY, 0);
        Getdents g = m.getdents(fd, 32768);
        assertEquals(List.of(".", "..", "d", "f", "l"), names(g).stream().sorted().toList());
        assertEquals(g.entries().stream().mapToLong(Dirent64::reclen).sum(), g.ret());
        for (Dirent64 e : g.entries()) {
            int expected = switch (e.name()) {
                case ".", "..", "d" -> 4;
                case "f" -> 8;
                case "l" -> 10;
                default -> -1;
            };
            assertEquals(expected, e.type(), e.name());
        }
        for (Dirent64 e : g.entries()) {
            assertEquals(m.lstatResult(e.name()).stat().ino(), e.ino(), e.name());
        }
        assertEquals(ino("d"), g.entries().stream().filter(e -> e.name().equals("d")).findFirst().orElseThrow().ino());
        assertEquals(0, m.getdents(fd, 32768).ret());
    }

    @Test
    void getdents64_bufferForOneEntry_returnsThemOneByOne() {
        assertEquals(0, m.mkdir("w", 0755));
        assertEquals(0, call(() -> m.sys.chdir(m.task, "w")));
        m.touch("file1");
        m.touch("file2");
        List<String> all = list(".");
        int fd = m.openOk(".", O_RDONLY | O_DIRECTORY, 0);
        List<String> seen = new java.util.ArrayList<>();
        long lastOff = -1;
        while (true) {
            Getdents g = m.getdents(fd, 32);
            if (g.ret() == 0) {
                break;
            }
            assertEquals(1, g.entries().size(), "32 bytes hold one entry of these names");
            assertEquals(g.entries().get(0).reclen(), g.ret());
            seen.add(g.entries().get(0).name());
            assertNotEquals(lastOff, g.entries().get(0).off());
            lastOff = g.entries().get(0).off();
        }
        assertEquals(all, seen);
    }

    @Test
    void getdents64_bufferTooSmallForTheNextEntry_returnsEinval() {
        assertEquals(0, m.mkdir("w", 0755));
        int fd = m.openOk("w", O_RDONLY | O_DIRECTORY, 0);
        assertEquals(Errno.EINVAL.neg(), m.getdents(fd, 23).ret());
        assertEquals(24, m.getdents(fd, 24).ret(), "\".\" and \"..\" take 24 bytes each");
        assertEquals(24, m.getdents(fd, 24).ret());
        assertEquals(0, m.getdents(fd, 24).ret());
    }

    @Test
    void getdents64_fileOrClosedOrRemoved_returnsEnotdirEbadfEnoent() {
        m.touch("f");
        int f = m.openOk("f", O_RDONLY, 0);
        assertEquals(Errno.ENOTDIR.neg(), m.getdents(f, 4096).ret());
        assertEquals(Errno.EBADF.neg(), m.getdents(99, 4096).ret());
        assertEquals(0, m.mkdir("d", 0755));
        int d = m.openOk("d", O_RDONLY | O_DIRECTORY, 0);
        assertEquals(0, m.rmdir("d"));
        assertEquals(Errno.ENOENT.neg(), m.getdents(d, 4096).ret());
    }

    // chmod, fchmod, fchmodat, utimensat

    @Test
    void chmod_asRoot_setsEveryPermissionBitAndKeepsTheType() {
        m.touch("f");
        assertEquals(0, call(() -> m.sys.chmod(m.task, "f", 06755 | StatMode.S_IFDIR)));
        assertEquals(StatMode.S_IFREG | 06755, m.stat("f").mode(), "root keeps S_ISUID and S_ISGID");
        int fd = m.openOk("f", O_RDONLY, 0);
        assertEquals(0, call(() -> m.sys.fchmod(m.task, fd, 0600)));
        assertEquals(StatMode.S_IFREG | 0600, m.stat("f").mode());
        assertEquals(0, call(() -> m.sys.fchmodat(m.task, AT_FDCWD, "f", 0640)));
        assertEquals(StatMode.S_IFREG | 0640, m.stat("f").mode());
    }

    @Test
    void chmod_throughLink_changesTheTarget() {
        m.touch("f");
        assertEquals(0, call(() -> m.sys.symlink(m.task, "f", "l")));
        assertEquals(0, call(() -> m.sys.chmod(m.task, "l", 0600)));
        assertEquals(StatMode.S_IFREG | 0600, m.stat("f").mode());
        assertEquals(StatMode.S_IFLNK | 0777, m.lstatResult("l").stat().mode());
    }

    @Test
    void fchmod_opathOrClosed_returnsEbadf() {
        m.touch("f");
        int fd = m.openOk("f", O_PATH, 0);
        assertEquals(Errno.EBADF.neg(), call(() -> m.sys.fchmod(m.task, fd, 0600)));
        assertEquals(Errno.EBADF.neg(), call(() -> m.sys.fchmod(m.task, 99, 0600)));
    }

    @Test
    void utimensat_bothOmit_succeedsWithoutLookingAtThePath() {
        List<Timespec> omit = List.of(new Timespec(0, Timespec.UTIME_OMIT), new Timespec(0, Timespec.UTIME_OMIT));
        assertEquals(0, call(() -> m.sys.utimensat(m.task, AT_FDCWD, "missing", omit, 0)));
        assertEquals(0, call(() -> m.sys.utimensat(m.task, AT_FDCWD, "missing", omit, 0x8000)));
    }

    @Test
    void utimensat_errors_inTheOrderOfDoUtimes() {
        m.touch("f");
        List<Timespec> bad = List.of(new Timespec(0, 1_000_000_000), new Timespec(0, 0));
        List<Timespec> now = List.of(new Timespec(0, Timespec.UTIME_NOW), new Timespec(5, 0));
        assertEquals(Errno.EINVAL.neg(), call(() -> m.sys.utimensat(m.task, AT_FDCWD, "f", now, 0x8000)));
        assertEquals(Errno.ENOENT.neg(), call(() -> m.sys.utimensat(m.task, AT_FDCWD, "missing", bad, 0)));
        assertEquals(Errno.EINVAL.neg(), call(() -> m.sys.utimensat(m.task, AT_FDCWD, "f", bad, 0)));
        assertEquals(Errno.EFAULT.neg(), call(() -> m.sys.utimensat(m.task, AT_FDCWD, null, now, 0)));
        int fd = m.openOk("f", O_RDONLY, 0);
        assertEquals(Errno.EINVAL.neg(), call(() -> m.sys.utimensat(m.task, fd, null, now, AT_SYMLINK_NOFOLLOW)));
        assertEquals(0, call(() -> m.sys.utimensat(m.task, fd, null, now, 0)));
        assertEquals(Errno.EBADF.neg(), call(() -> m.sys.utimensat(m.task, 99, null, now, 0)));
        assertEquals(0, call(() -> m.sys.utimensat(m.task, AT_FDCWD, "f", null, 0)));
    }
}
