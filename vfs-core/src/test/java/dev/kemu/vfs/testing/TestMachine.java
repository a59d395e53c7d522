package dev.kemu.vfs.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.FileSystemTypes;
import dev.kemu.vfs.Kstat;
import dev.kemu.vfs.StatResult;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.Vfs;
import dev.kemu.vfs.VfsBehaviour;
import dev.kemu.vfs.VfsSyscalls;
import dev.kemu.vfs.spi.MountException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A small emulated machine for filesystem tests: ramfs at {@code /}, one filesystem of the type
 * under test mounted at a directory, one task, and syscalls that run as that task
 * ({@link Task#enter()} ... {@link Task#exit()}), as the kernel API does. Each filesystem
 * module's tests subclass it with their mount.
 */
public class TestMachine {
    public final Vfs vfs;
    public final Task task;
    public final VfsSyscalls sys = new VfsSyscalls(VfsBehaviour.DEFAULT);

    /** Mounts {@code fsType} with {@code options} at {@code mountPoint}; the task starts in {@code cwd}. */
    protected TestMachine(String fsType, String mountPoint, Map<String, String> options, String cwd)
            throws MountException {
        this(fsType, null, mountPoint, options, cwd);
    }

    /** As above, with the filesystem's {@code source} (an image file). */
    protected TestMachine(String fsType, String source, String mountPoint, Map<String, String> options, String cwd)
            throws MountException {
        this(fsType, source, mountPoint, options, cwd, VfsBehaviour.DEFAULT);
    }

    /** As above, on a machine whose filesystems follow {@code behaviour} (a kernel version's). */
    protected TestMachine(String fsType, String source, String mountPoint, Map<String, String> options, String cwd,
            VfsBehaviour behaviour) throws MountException {
        vfs = Vfs.withRoot(FileSystemTypes.discover(), "ramfs", null, Map.of(), behaviour);
        vfs.mount(fsType, source, mountPoint, options);
        task = vfs.newTask(cwd);
    }

    /** A machine with {@code fsType} mounted at {@code mountPoint}, the task starting there. */
    public static TestMachine mounted(String fsType, String mountPoint, Map<String, String> options) throws MountException {
        return new TestMachine(fsType, mountPoint, options, mountPoint);
    }

    /** The superblock of the filesystem under test (the first mount after the root). */
    public dev.kemu.vfs.SuperBlock mountedSb() {
        return vfs.superBlocks().get(1);
    }

    public dev.kemu.vfs.Getdents getdents(int fd, long count) {
        return get(() -> sys.getdents64(task, fd, count));
    }

    public dev.kemu.vfs.GetcwdResult getcwd(long size) {
        return get(() -> sys.getcwd(task, size));
    }

    /** readlink into a buffer of {@code bufsiz} bytes: the count or errno, and the bytes. */
    public Read readlink(String path, int bufsiz) {
        UserBuffer buf = UserBuffer.allocate(Math.max(bufsiz, 1));
        long n = call(() -> sys.readlink(task, path, buf, bufsiz));
        return new Read(n, n > 0 ? buf.read(0, (int) n) : new byte[0]);
    }

    /** {@code setxattr(path, name, value, value.length, flags)}. */
    public long setxattr(String path, String name, byte[] value, int flags) {
        return call(() -> sys.setxattr(task, path, name, UserBuffer.of(value), value.length, flags));
    }

    /** {@code lsetxattr(path, name, value, value.length, flags)}. */
    public long lsetxattr(String path, String name, byte[] value, int flags) {
        return call(() -> sys.lsetxattr(task, path, name, UserBuffer.of(value), value.length, flags));
    }

    /** {@code getxattr} into a buffer of {@code size} bytes: the length or errno, and the value. */
    public Read getxattr(String path, String name, int size) {
        UserBuffer buf = UserBuffer.allocate(Math.max(size, 1));
        long n = call(() -> sys.getxattr(task, path, name, buf, size));
        return new Read(n, n > 0 && size > 0 ? buf.read(0, (int) n) : new byte[0]);
    }

    /** {@code lgetxattr} into a buffer of {@code size} bytes. */
    public Read lgetxattr(String path, String name, int size) {
        UserBuffer buf = UserBuffer.allocate(Math.max(size, 1));
        long n = call(() -> sys.lgetxattr(task, path, name, buf, size));
        return new Read(n, n > 0 && size > 0 ? buf.read(0, (int) n) : new byte[0]);
    }

    /** {@code listxattr} into a buffer of {@code size} bytes: the length or errno, and the NUL-separated names. */
    public Read listxattr(String path, int size) {
        UserBuffer buf = UserBuffer.allocate(Math.max(size, 1));
        long n = call(() -> sys.listxattr(task, path, buf, size));
        return new Read(n, n > 0 && size > 0 ? buf.read(0, (int) n) : new byte[0]);
    }

    /** The names {@code listxattr} gives, in order (asserting success). */
    public java.util.List<String> xattrNames(String path) {
        Read r = listxattr(path, 65536);
        assertTrue(r.ret() >= 0, () -> "listxattr " + path + ": " + Errno.of(r.ret()));
        java.util.List<String> out = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 0; i < r.data().length; i++) {
            if (r.data()[i] == 0) {
                out.add(new String(r.data(), start, i - start, java.nio.charset.StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return out;
    }

    public long removexattr(String path, String name) {
        return call(() -> sys.removexattr(task, path, name));
    }

    public StatResult lstatResult(String path) {
        return get(() -> sys.newfstatat(task, dev.kemu.vfs.Fcntl.AT_FDCWD, path, dev.kemu.vfs.Fcntl.AT_SYMLINK_NOFOLLOW));
    }

    /** Creates {@code path} (mode 0644) and closes it. */
    public void touch(String path) {
        assertEquals(0, close(openOk(path, dev.kemu.vfs.Fcntl.O_WRONLY | dev.kemu.vfs.Fcntl.O_CREAT, 0644)));
    }

    /** The result of a read: the count or negated errno, and the bytes read. */
    public record Read(long ret, byte[] data) {
        public String text() {
            return new String(data, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    public long call(LongSupplier body) {
        return callAs(task, body);
    }

    /** Runs {@code body} as a syscall of task {@code t} on the calling thread. */
    public static long callAs(Task t, LongSupplier body) {
        t.enter();
        try {
            return body.getAsLong();
        } finally {
            t.exit();
        }
    }

    protected <T> T get(Supplier<T> body) {
        task.enter();
        try {
            return body.get();
        } finally {
            task.exit();
        }
    }

    public long open(String path, int flags, int mode) {
        return call(() -> sys.open(task, path, flags, mode));
    }

    /** Opens and asserts success. */
    public int openOk(String path, int flags, int mode) {
        long fd = open(path, flags, mode);
        assertTrue(fd >= 0, () -> "open " + path + " failed: " + Errno.of(fd));
        return (int) fd;
    }

    public long close(int fd) {
        return call(() -> sys.close(task, fd));
    }

    public long write(int fd, byte[] data) {
        return call(() -> sys.write(task, fd, UserBuffer.of(data), data.length));
    }

    public long pwrite(int fd, byte[] data, long pos) {
        return call(() -> sys.pwrite64(task, fd, UserBuffer.of(data), data.length, pos));
    }

    public Read read(int fd, int count) {
        UserBuffer buf = UserBuffer.allocate(count);
        long n = call(() -> sys.read(task, fd, buf, count));
        return new Read(n, n > 0 ? buf.read(0, (int) n) : new byte[0]);
    }

    public Read pread(int fd, int count, long pos) {
        UserBuffer buf = UserBuffer.allocate(count);
        long n = call(() -> sys.pread64(task, fd, buf, count, pos));
        return new Read(n, n > 0 ? buf.read(0, (int) n) : new byte[0]);
    }

    public long lseek(int fd, long offset, int whence) {
        return call(() -> sys.lseek(task, fd, offset, whence));
    }

    public long ftruncate(int fd, long length) {
        return call(() -> sys.ftruncate(task, fd, length));
    }

    /** fallocate with the mode checks of 6.18. */
    public long fallocate(int fd, int mode, long offset, long len) {
        return call(() -> sys.fallocate(task, fd, mode, offset, len, dev.kemu.vfs.Fallocate.Modes.EXCLUSIVE_WRITE_ZEROES));
    }

    public long fsync(int fd) {
        return call(() -> sys.fsync(task, fd));
    }

    /** statfs, asserting success. */
    public dev.kemu.vfs.Statfs statfs(String path) {
        dev.kemu.vfs.StatfsResult r = get(() -> sys.statfs(task, path));
        assertEquals(0, r.ret(), () -> "statfs " + path);
        return r.statfs();
    }

    public long mkdir(String path, int mode) {
        return call(() -> sys.mkdir(task, path, mode));
    }

    public long unlink(String path) {
        return call(() -> sys.unlink(task, path));
    }

    public long rmdir(String path) {
        return call(() -> sys.rmdir(task, path));
    }

    public long fcntl(int fd, int cmd, long arg) {
        return call(() -> sys.fcntl(task, fd, cmd, arg));
    }

    public StatResult statResult(String path) {
        return get(() -> sys.newfstatat(task, dev.kemu.vfs.Fcntl.AT_FDCWD, path, 0));
    }

    /** stat, asserting success. */
    public Kstat stat(String path) {
        StatResult r = statResult(path);
        assertEquals(0, r.ret(), () -> "stat " + path);
        return r.stat();
    }

    public Kstat fstat(int fd) {
        StatResult r = get(() -> sys.fstat(task, fd));
        assertEquals(0, r.ret(), () -> "fstat " + fd);
        return r.stat();
    }

    public static byte[] bytes(int n, char c) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }
}
