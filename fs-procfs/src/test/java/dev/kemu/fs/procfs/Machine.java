package dev.kemu.fs.procfs;

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
 * A small emulated machine for the tests: ramfs at {@code /}, procfs at {@code /proc} (with the
 * given options), one task, and syscalls that run as that task ({@link Task#enter()} ...
 * {@link Task#exit()}), as the kernel API does.
 */
final class Machine {
    final Vfs vfs;
    final Task task;
    final VfsSyscalls sys = new VfsSyscalls(VfsBehaviour.DEFAULT);

    Machine(Map<String, String> procOptions) throws MountException {
        vfs = Vfs.withRoot(FileSystemTypes.discover(), "ramfs", null, Map.of());
        vfs.mount("proc", null, "/proc", procOptions);
        task = vfs.newTask("/work");
    }

    Machine() throws MountException {
        this(Map.of());
    }

    /** The result of a read: the count or negated errno, and the bytes read. */
    record Read(long ret, byte[] data) {
        String text() {
            return new String(data, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    long call(LongSupplier body) {
        return callAs(task, body);
    }

    static long callAs(Task t, LongSupplier body) {
        t.enter();
        try {
            return body.getAsLong();
        } finally {
            t.exit();
        }
    }

    /** Opens {@code path} as task {@code t}, reads it to the end in pieces of {@code chunk}, closes it. */
    String readFileAs(Task t, String path, int chunk) {
        long fd = callAs(t, () -> sys.open(t, path, dev.kemu.vfs.Fcntl.O_RDONLY, 0));
        assertTrue(fd >= 0, () -> "open " + path + ": " + Errno.of(fd));
        StringBuilder out = new StringBuilder();
        while (true) {
            UserBuffer buf = UserBuffer.allocate(chunk);
            long n = callAs(t, () -> sys.read(t, (int) fd, buf, chunk));
            assertTrue(n >= 0, () -> "read " + path + ": " + Errno.of(n));
            if (n == 0) {
                break;
            }
            out.append(new String(buf.read(0, (int) n), java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        assertEquals(0, callAs(t, () -> sys.close(t, (int) fd)));
        return out.toString();
    }

    String readFile(String path, int chunk) {
        return readFileAs(task, path, chunk);
    }

    private <T> T get(Supplier<T> body) {
        task.enter();
        try {
            return body.get();
        } finally {
            task.exit();
        }
    }

    long open(String path, int flags, int mode) {
        return call(() -> sys.open(task, path, flags, mode));
    }

    /** Opens and asserts success. */
    int openOk(String path, int flags, int mode) {
        long fd = open(path, flags, mode);
        assertTrue(fd >= 0, () -> "open " + path + " failed: " + Errno.of(fd));
        return (int) fd;
    }

    long close(int fd) {
        return call(() -> sys.close(task, fd));
    }

    long write(int fd, byte[] data) {
        return call(() -> sys.write(task, fd, UserBuffer.of(data), data.length));
    }

    long pwrite(int fd, byte[] data, long pos) {
        return call(() -> sys.pwrite64(task, fd, UserBuffer.of(data), data.length, pos));
    }

    Read read(int fd, int count) {
        UserBuffer buf = UserBuffer.allocate(count);
        long n = call(() -> sys.read(task, fd, buf, count));
        return new Read(n, n > 0 ? buf.read(0, (int) n) : new byte[0]);
    }

    Read pread(int fd, int count, long pos) {
        UserBuffer buf = UserBuffer.allocate(count);
        long n = call(() -> sys.pread64(task, fd, buf, count, pos));
        return new Read(n, n > 0 ? buf.read(0, (int) n) : new byte[0]);
    }

    long lseek(int fd, long offset, int whence) {
        return call(() -> sys.lseek(task, fd, offset, whence));
    }

    long ftruncate(int fd, long length) {
        return call(() -> sys.ftruncate(task, fd, length));
    }

    long mkdir(String path, int mode) {
        return call(() -> sys.mkdir(task, path, mode));
    }

    long unlink(String path) {
        return call(() -> sys.unlink(task, path));
    }

    long rmdir(String path) {
        return call(() -> sys.rmdir(task, path));
    }

    long fcntl(int fd, int cmd, long arg) {
        return call(() -> sys.fcntl(task, fd, cmd, arg));
    }

    StatResult statResult(String path) {
        return get(() -> sys.newfstatat(task, dev.kemu.vfs.Fcntl.AT_FDCWD, path, 0));
    }

    /** stat, asserting success. */
    Kstat stat(String path) {
        StatResult r = statResult(path);
        assertEquals(0, r.ret(), () -> "stat " + path);
        return r.stat();
    }

    Kstat fstat(int fd) {
        StatResult r = get(() -> sys.fstat(task, fd));
        assertEquals(0, r.ret(), () -> "fstat " + fd);
        return r.stat();
    }

    static byte[] bytes(int n, char c) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }
}
