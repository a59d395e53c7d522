package dev.kemu.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kemu.host.HostSyscalls;
import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.kernel.Syscalls;
import dev.kemu.kernel.upstream.UpstreamKernelProvider;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One sequence of extended attribute calls on the host's kernel and on the emulated kernel of
 * the host's version (ext4 root, ext4 on the host): results, errnos, values, lists and the mode an
 * ACL sets must agree. The sequence stays within the inode's extra space, where the model keeps
 * ext4 attributes.
 */
@Timeout(60)
class XattrDifferentialTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String get(Syscalls s, Task t, String path, String name, int size) {
        UserBuffer buf = UserBuffer.allocate(Math.max(1, size));
        long r = s.getxattr(t, path, name, buf, size);
        return r + (r > 0 && size > 0 ? " " + Arrays.toString(buf.read(0, (int) r)) : "");
    }

    private static String list(Syscalls s, Task t, String path, int size) {
        UserBuffer buf = UserBuffer.allocate(Math.max(1, size));
        long r = s.listxattr(t, path, buf, size);
        return r + (r > 0 && size > 0 ? " " + new String(buf.read(0, (int) r), StandardCharsets.ISO_8859_1).replace('\0', '|') : "");
    }

    private static long set(Syscalls s, Task t, String path, String name, byte[] v, int flags) {
        return s.setxattr(t, path, name, UserBuffer.of(v), v.length, flags);
    }

    private static byte[] acl() {
        ByteBuffer bb = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN).putInt(2);
        bb.putShort((short) 1).putShort((short) 6).putInt(-1);
        bb.putShort((short) 2).putShort((short) 7).putInt(1000);
        bb.putShort((short) 4).putShort((short) 4).putInt(-1);
        bb.putShort((short) 0x10).putShort((short) 5).putInt(-1);
        bb.putShort((short) 0x20).putShort((short) 0).putInt(-1);
        return bb.array();
    }

    private static List<String> script(Syscalls s) {
        List<String> out = new ArrayList<>();
        Task t = s.newTask();
        out.add("creat " + s.close(t, (int) s.open(t, "f", Fcntl.O_WRONLY | Fcntl.O_CREAT, 0644)));
        out.add("mkdir " + s.mkdir(t, "d", 0755));
        out.add("symlink " + s.symlink(t, "f", "l"));
        out.add("get selinux " + get(s, t, "f", "security.selinux", 255));
        out.add("get acl " + get(s, t, "f", "system.posix_acl_access", 0));
        out.add("get unknown ns " + get(s, t, "f", "foo.bar", 16));
        out.add("get system " + get(s, t, "f", "system.foo", 16));
        out.add("get bare user " + get(s, t, "f", "user.", 16));
        out.add("get empty name " + get(s, t, "missing", "", 16));
        out.add("get long name " + get(s, t, "f", "user." + "n".repeat(251), 16));
        out.add("set bad flags " + set(s, t, "f", "user.a", b("1"), 4));
        out.add("set too big " + set(s, t, "missing", "user.a", new byte[65537], 0));
        out.add("set missing " + set(s, t, "missing", "user.a", b("1"), 0));
        out.add("set replace absent " + set(s, t, "f", "user.a", b("1"), 2));
        out.add("set create " + set(s, t, "f", "user.a", b("one"), 1));
        out.add("set create again " + set(s, t, "f", "user.a", b("two"), 1));
        out.add("set replace " + set(s, t, "f", "user.a", b("three"), 2));
        out.add("get len " + get(s, t, "f", "user.a", 0));
        out.add("get short " + get(s, t, "f", "user.a", 2));
        out.add("get " + get(s, t, "f", "user.a", 64));
        out.add("set trusted " + set(s, t, "f", "trusted.t", b("t"), 0));
        out.add("set empty value " + set(s, t, "d", "user.e", new byte[0], 0));
        out.add("get empty value " + get(s, t, "d", "user.e", 8));
        out.add("list " + list(s, t, "f", 256));
        out.add("list len " + list(s, t, "f", 0));
        out.add("list short " + list(s, t, "f", 5));
        out.add("lset user symlink " + s.lsetxattr(t, "l", "user.x", UserBuffer.of(b("1")), 1, 0));
        out.add("lget user symlink " + s.lgetxattr(t, "l", "user.x", UserBuffer.allocate(4), 4));
        out.add("lget acl symlink " + s.lgetxattr(t, "l", "system.posix_acl_access", UserBuffer.allocate(4), 4));
        out.add("llist symlink " + s.llistxattr(t, "l", null, 0));
        out.add("get through symlink " + get(s, t, "l", "user.a", 64));
        out.add("acl default on file " + set(s, t, "f", "system.posix_acl_default", acl(), 0));
        out.add("acl remove default on file " + s.removexattr(t, "f", "system.posix_acl_default"));
        out.add("acl bad version " + set(s, t, "f", "system.posix_acl_access", new byte[] {1, 0, 0, 0}, 0));
        out.add("acl bad size " + set(s, t, "f", "system.posix_acl_access", new byte[] {2, 0, 0}, 0));
        out.add("remove user " + s.removexattr(t, "f", "user.a"));
        out.add("acl " + set(s, t, "f", "system.posix_acl_access", acl(), 0));
        out.add("mode " + Integer.toOctalString(s.newfstatat(t, Fcntl.AT_FDCWD, "f", 0).stat().mode()));
        out.add("get acl back " + get(s, t, "f", "system.posix_acl_access", 64));
        out.add("list after acl " + list(s, t, "f", 256));
        out.add("remove acl " + s.removexattr(t, "f", "system.posix_acl_access"));
        out.add("remove acl again " + s.removexattr(t, "f", "system.posix_acl_access"));
        int fd = (int) s.open(t, "f", Fcntl.O_RDONLY, 0);
        int pathFd = (int) s.open(t, "f", Fcntl.O_PATH, 0);
        out.add("fset " + s.fsetxattr(t, fd, "user.f", UserBuffer.of(b("v")), 1, 0));
        out.add("fget " + s.fgetxattr(t, fd, "user.f", UserBuffer.allocate(4), 4));
        out.add("fget O_PATH " + s.fgetxattr(t, pathFd, "user.f", UserBuffer.allocate(4), 4));
        out.add("fset bad fd bad flags " + s.fsetxattr(t, 99, "user.f", UserBuffer.of(b("v")), 1, 8));
        out.add("flist " + s.flistxattr(t, fd, null, 0));
        out.add("fremove " + s.fremovexattr(t, fd, "user.f"));
        out.add("fremove again " + s.fremovexattr(t, fd, "user.f"));
        out.add("fget bad fd empty name " + s.fgetxattr(t, 99, "", UserBuffer.allocate(4), 4));
        out.add("fget bad fd " + s.fgetxattr(t, 99, "user.f", UserBuffer.allocate(4), 4));
        out.add("flist bad fd " + s.flistxattr(t, 99, null, 0));
        return out;
    }

    @Test
    void xattrCalls_hostAndEmulated_agree() throws Exception {
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                "the host backend runs only on Linux x86-64");
        List<String> onHost;
        try (HostSyscalls host = HostSyscalls.open()) {
            assumeTrue(host.filesystemType().equals("ext4"), "the emulated root is ext4");
            String[] v = HostSyscalls.hostRelease().split("[.-]");
            assumeTrue(Integer.parseInt(v[0]) > 6 || Integer.parseInt(v[0]) == 6 && Integer.parseInt(v[1]) >= 13,
                    "the host backend's path forms need 6.13");
            onHost = script(host);
        }
        Kernel k = Kernels.of(new UpstreamKernelProvider()).boot(HostSyscalls.modelledRelease(), BootOptions.standard());
        List<String> emulated = script(k);
        k.shutdown();
        assertEquals(String.join("\n", onHost), String.join("\n", emulated));
    }
}
