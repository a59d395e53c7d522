package dev.kemu.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kemu.host.HostSyscalls;
import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.kernel.Syscalls;
import dev.kemu.kernel.upstream.UpstreamKernelProvider;
import dev.kemu.vfs.Dirent64;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Getdents;
import dev.kemu.vfs.StatResult;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.Timespec;
import dev.kemu.vfs.UserBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One sequence of path and directory calls on the host's kernel and on the emulated kernel of
 * the host's version (ext4 root): every result, errno and the fields compared must agree.
 * Inode numbers and absolute paths differ between the two machines and are not compared;
 * directory listings are compared as sets of names (ext4 with {@code dir_index} lists in hash
 * order, which the model does not reproduce).
 */
@Timeout(60)
class PathCallsDifferentialTest {
    private static List<String> script(Syscalls s) {
        List<String> out = new ArrayList<>();
        Task t = s.newTask();
        int at = Fcntl.AT_FDCWD;
        out.add("mkdir d " + s.mkdir(t, "d", 0755));
        out.add("mkdir d/sub " + s.mkdir(t, "d/sub", 0755));
        out.add("creat f " + s.close(t, (int) s.open(t, "f", Fcntl.O_WRONLY | Fcntl.O_CREAT, 0644)));
        out.add("rename f d/f " + s.rename(t, "f", "d/f"));
        out.add("rename missing " + s.rename(t, "f", "g"));
        out.add("renameat2 bad " + s.renameat2(t, at, "d/f", at, "x", 3));
        out.add("rename into self " + s.rename(t, "d", "d/sub/x"));
        out.add("rename onto ancestor " + s.rename(t, "d/sub", "d"));
        out.add("rename dir over file " + s.rename(t, "d/sub", "d/f"));
        out.add("rename file over dir " + s.rename(t, "d/f", "d/sub"));
        out.add("rename dot " + s.rename(t, "d/.", "e"));
        out.add("rename trailing slash " + s.rename(t, "d/f/", "e"));
        out.add("link " + s.link(t, "d/f", "d/g"));
        out.add("link dir " + s.link(t, "d", "d2"));
        out.add("link exists " + s.link(t, "d/f", "d/g"));
        out.add("nlink " + nlink(s.newfstatat(t, at, "d/f", 0)));
        out.add("noreplace " + s.renameat2(t, at, "d/f", at, "d/g", 1));
        out.add("exchange " + s.renameat2(t, at, "d/f", at, "d/sub", 2));
        out.add("exchange back " + s.renameat2(t, at, "d/f", at, "d/sub", 2));
        out.add("symlink " + s.symlink(t, "f", "d/l"));
        out.add("symlink empty " + s.symlink(t, "", "d/e"));
        UserBuffer buf = UserBuffer.allocate(64);
        out.add("readlink short " + s.readlink(t, "d/l", buf, 1));
        out.add("readlink file " + s.readlink(t, "d/f", buf, 64));
        out.add("readlink zero " + s.readlink(t, "d/l", buf, 0));
        out.add("open nofollow " + s.open(t, "d/l", Fcntl.O_RDONLY | Fcntl.O_NOFOLLOW, 0));
        out.add("loop1 " + s.symlink(t, "m2", "d/m1"));
        out.add("loop2 " + s.symlink(t, "m1", "d/m2"));
        out.add("stat loop " + s.newfstatat(t, at, "d/m1", 0).ret());
        out.add("lstat loop mode " + Integer.toOctalString(s.newfstatat(t, at, "d/m1", Fcntl.AT_SYMLINK_NOFOLLOW).stat().mode()));
        out.add("access x " + s.access(t, "d/f", 1));
        out.add("faccessat2 bad mode " + s.faccessat2(t, at, "d/f", 8, 0));
        out.add("faccessat2 bad flags " + s.faccessat2(t, at, "d/f", 0, 0x400));
        out.add("chmod " + s.chmod(t, "d/l", 04755));
        out.add("mode " + Integer.toOctalString(s.newfstatat(t, at, "d/f", 0).stat().mode()));
        out.add("access x " + s.access(t, "d/f", 1));
        out.add("utimensat omit " + s.utimensat(t, at, "missing", List.of(new Timespec(0, Timespec.UTIME_OMIT),
                new Timespec(0, Timespec.UTIME_OMIT)), 0));
        out.add("utimensat nsec " + s.utimensat(t, at, "d/f", List.of(new Timespec(0, -1), new Timespec(0, 0)), 0));
        out.add("utimensat flags " + s.utimensat(t, at, "d/f", null, 0x8000));
        long fd = s.open(t, "d", Fcntl.O_RDONLY | Fcntl.O_DIRECTORY, 0);
        out.add("open d " + fd);
        out.add("getdents small " + s.getdents64(t, (int) fd, 8).ret());
        Getdents g = s.getdents64(t, (int) fd, 32768);
        out.add("getdents " + g.ret() + " " + g.entries().stream().map(Dirent64::name).sorted().toList());
        out.add("getdents end " + s.getdents64(t, (int) fd, 32768).ret());
        out.add("getdents file " + s.getdents64(t, (int) s.open(t, "d/f", Fcntl.O_RDONLY, 0), 4096).ret());
        out.add("chdir file " + s.chdir(t, "d/f"));
        out.add("chdir " + s.chdir(t, "d/sub"));
        out.add("getcwd erange " + s.getcwd(t, 1).ret());
        out.add("relative after chdir " + s.newfstatat(t, at, "../f", 0).ret());
        out.add("fchdir " + s.fchdir(t, (int) fd));
        out.add("relative after fchdir " + s.newfstatat(t, at, "f", 0).ret());
        out.add("umask " + s.umask(t, 077) + " " + s.umask(t, 022));
        out.add("rmdir sub " + s.rmdir(t, "sub"));
        out.add("rename dir over empty dir " + s.mkdir(t, "e1", 0755) + s.mkdir(t, "e2", 0755) + " " + s.rename(t, "e1", "e2"));
        return out;
    }

    private static String nlink(StatResult r) {
        return r.ret() == 0 ? Integer.toString(r.stat().nlink()) : Long.toString(r.ret());
    }

    @Test
    void pathCalls_hostAndEmulated_agree() throws Exception {
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                "the host backend runs only on Linux x86-64");
        List<String> onHost;
        try (HostSyscalls host = HostSyscalls.open()) {
            onHost = script(host);
        }
        Kernel k = Kernels.of(new UpstreamKernelProvider()).boot(HostSyscalls.modelledRelease(), BootOptions.standard());
        List<String> emulated = script(k);
        k.shutdown();
        assertEquals(String.join("\n", onHost), String.join("\n", emulated));
    }
}
