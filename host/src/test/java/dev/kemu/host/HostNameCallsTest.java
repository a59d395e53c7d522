package dev.kemu.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.Dirent64;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.GetcwdResult;
import dev.kemu.vfs.Getdents;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.Timespec;
import dev.kemu.vfs.UserBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link NameCalls} against the machine's own kernel: working directories per task, names, links, listing. */
@Timeout(30)
class HostNameCallsTest extends HostMachineTest {
    @Test
    void chdir_perTask_relativePathsAndGetcwdFollowIt() {
        assertEquals(0, host.mkdir(t, "d", 0755));
        Task other = host.newTask();
        assertEquals(0, host.chdir(t, "d"));
        assertEquals(3, host.open(t, "f", Fcntl.O_WRONLY | Fcntl.O_CREAT, 0644));
        assertTrue(Files.isRegularFile(host.directory().resolve("d/f")));
        GetcwdResult cwd = host.getcwd(t, 4096);
        assertEquals(host.directory().resolve("d").toString(), cwd.path());
        assertEquals(cwd.path().length() + 1, cwd.ret());
        assertEquals(Errno.ERANGE.neg(), host.getcwd(t, 2).ret());
        assertEquals(host.directory().toString(), host.getcwd(other, 4096).path(), "the other task did not move");
        assertEquals(Errno.ENOTDIR.neg(), host.chdir(t, "f"));
        assertEquals(Errno.ENOTDIR.neg(), host.fchdir(t, 3));
    }

    @Test
    void umask_swapsTheTasksMask() {
        assertEquals(022, host.umask(t, 077));
        assertEquals(3, host.open(t, "f", Fcntl.O_WRONLY | Fcntl.O_CREAT, 0666));
        assertEquals(0100600, host.newfstatat(t, Fcntl.AT_FDCWD, "f", 0).stat().mode());
    }

    @Test
    void renameLinkSymlinkReadlink_inTheDirectory_workAsOnLinux() {
        host.close(t, (int) host.open(t, "a", Fcntl.O_WRONLY | Fcntl.O_CREAT, 0644));
        assertEquals(0, host.rename(t, "a", "b"));
        assertEquals(0, host.link(t, "b", "c"));
        assertEquals(2, host.newfstatat(t, Fcntl.AT_FDCWD, "b", 0).stat().nlink());
        assertEquals(0, host.symlink(t, "b", "s"));
        UserBuffer buf = UserBuffer.allocate(8);
        assertEquals(1, host.readlink(t, "s", buf, 8));
        assertEquals("b", new String(buf.read(0, 1), StandardCharsets.US_ASCII));
        assertEquals(Errno.EINVAL.neg(), host.readlink(t, "b", buf, 8));
        assertEquals(Errno.EEXIST.neg(), host.renameat2(t, Fcntl.AT_FDCWD, "b", Fcntl.AT_FDCWD, "s", 1));
        assertEquals(Errno.EINVAL.neg(), host.renameat2(t, Fcntl.AT_FDCWD, "b", Fcntl.AT_FDCWD, "s", 3));
    }

    @Test
    void rename_outOfTheDirectory_isRefused(@TempDir Path elsewhere) {
        host.close(t, (int) host.open(t, "a", Fcntl.O_WRONLY | Fcntl.O_CREAT, 0644));
        assertEquals(Errno.EACCES.neg(), host.rename(t, "a", elsewhere.resolve("a").toString()));
        assertFalse(Files.exists(elsewhere.resolve("a")));
        assertEquals(Errno.EACCES.neg(), host.symlink(t, "x", elsewhere.resolve("l").toString()));
        assertEquals(Errno.EACCES.neg(), host.chmod(t, elsewhere.toString(), 0777));
    }

    @Test
    void getdents64_directory_listsEveryNameAndThenNothing() {
        assertEquals(0, host.mkdir(t, "d", 0755));
        host.close(t, (int) host.open(t, "d/x", Fcntl.O_WRONLY | Fcntl.O_CREAT, 0644));
        int fd = (int) host.open(t, "d", Fcntl.O_RDONLY | Fcntl.O_DIRECTORY, 0);
        assertEquals(Errno.EINVAL.neg(), host.getdents64(t, fd, 10).ret());
        Getdents g = host.getdents64(t, fd, 32768);
        assertEquals(List.of(".", "..", "x"), g.entries().stream().map(Dirent64::name).sorted().toList());
        assertEquals(g.entries().stream().mapToLong(Dirent64::reclen).sum(), g.ret());
        assertEquals(0, host.getdents64(t, fd, 32768).ret());
        assertEquals(Errno.EBADF.neg(), host.getdents64(t, 99, 4096).ret());
    }

    @Test
    void chmodAndUtimensat_changeTheFile() {
        host.close(t, (int) host.open(t, "f", Fcntl.O_WRONLY | Fcntl.O_CREAT, 0644));
        assertEquals(0, host.chmod(t, "f", 04755));
        assertEquals(0104755, host.newfstatat(t, Fcntl.AT_FDCWD, "f", 0).stat().mode());
        assertEquals(0, host.access(t, "f", 1));
        assertEquals(0, host.utimensat(t, Fcntl.AT_FDCWD, "f", List.of(new Timespec(1000, 0), new Timespec(2000, 0)), 0));
        assertEquals(2000L, host.directory().resolve("f").toFile().lastModified() / 1000);
        assertEquals(Errno.EINVAL.neg(), host.utimensat(t, Fcntl.AT_FDCWD, "f", null, 0x8000));
        assertEquals(Errno.EFAULT.neg(), host.utimensat(t, Fcntl.AT_FDCWD, null, null, 0));
    }
}
