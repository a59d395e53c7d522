package dev.kemu.vfs;

import dev.kemu.vfs.ramfs.RamfsType;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.LongSupplier;

/** A small machine for the VFS tests: ramfs at /, one task in /work, and helpers that run a call as that task. */
final class Sys {
    final Vfs vfs;
    final VfsSyscalls calls = new VfsSyscalls(VfsBehaviour.DEFAULT);
    final Task task;

    Sys() {
        try {
            vfs = Vfs.withRoot(FileSystemTypes.of(new RamfsType()), "ramfs", null, Map.of());
            task = vfs.newTask("/work");
        } catch (dev.kemu.vfs.spi.MountException e) {
            throw new IllegalStateException(e);
        }
    }

    long run(LongSupplier call) {
        task.enter();
        try {
            return call.getAsLong();
        } finally {
            task.exit();
        }
    }

    long open(String path, int flags, int mode) {
        return run(() -> calls.openat(task, Fcntl.AT_FDCWD, path, flags, mode));
    }

    long write(int fd, String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return run(() -> calls.write(task, fd, UserBuffer.of(b), b.length));
    }

    long pwrite(int fd, String s, long pos) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return run(() -> calls.pwrite64(task, fd, UserBuffer.of(b), b.length, pos));
    }

    String read(int fd, int n) {
        UserBuffer buf = UserBuffer.allocate(n);
        long r = run(() -> calls.read(task, fd, buf, n));
        if (r < 0) {
            throw new AssertionError("read failed: " + Errno.of(r));
        }
        return new String(buf.read(0, (int) r), StandardCharsets.ISO_8859_1);
    }

    String pread(int fd, int n, long pos) {
        UserBuffer buf = UserBuffer.allocate(n);
        long r = run(() -> calls.pread64(task, fd, buf, n, pos));
        if (r < 0) {
            throw new AssertionError("pread failed: " + Errno.of(r));
        }
        return new String(buf.read(0, (int) r), StandardCharsets.ISO_8859_1);
    }

    static long err(Errno e) {
        return e.neg();
    }
}
