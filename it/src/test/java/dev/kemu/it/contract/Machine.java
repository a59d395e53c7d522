package dev.kemu.it.contract;

import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Signal;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One booted machine and one task, with helpers that keep the contract tests short. A call that
 * would sleep forever is interrupted at once (the single task has nobody to wake it) and
 * returns ERESTARTSYS, which the tests read as "blocks".
 */
final class Machine {
    final Kernel k;
    final Task t;

    Machine(String version) {
        try {
            k = Kernels.discover().boot(version, BootOptions.standard());
        } catch (Exception e) {
            throw new IllegalStateException(version + ": " + e.getMessage(), e);
        }
        t = k.newTask();
        t.setSleepHook((task, what) -> task.sendSignal(Signal.SIGALRM));
    }

    int open(String path, int flags) {
        long fd = k.openat(t, Fcntl.AT_FDCWD, path, flags, 0644);
        if (fd < 0) {
            throw new IllegalStateException("open " + path + ": " + Errno.of(fd));
        }
        return (int) fd;
    }

    int file(String path, String contents) {
        int fd = open(path, Fcntl.O_RDWR | Fcntl.O_CREAT | Fcntl.O_TRUNC);
        write(fd, contents);
        return fd;
    }

    long write(int fd, String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return k.write(t, fd, UserBuffer.of(b), b.length);
    }

    String read(int fd, int n) {
        UserBuffer buf = UserBuffer.allocate(n);
        long r = k.read(t, fd, buf, n);
        return r < 0 ? Errno.of(r).name() : new String(buf.read(0, (int) r), StandardCharsets.ISO_8859_1);
    }

    String pread(int fd, int n, long pos) {
        UserBuffer buf = UserBuffer.allocate(n);
        long r = k.pread64(t, fd, buf, n, pos);
        return r < 0 ? Errno.of(r).name() : new String(buf.read(0, (int) r), StandardCharsets.ISO_8859_1);
    }

    int[] pipe(int flags) {
        int[] fds = new int[2];
        long r = k.pipe2(t, fds, flags);
        if (r < 0) {
            throw new IllegalStateException("pipe2: " + Errno.of(r));
        }
        return fds;
    }

    /** A result as the tests compare it: the number, or the errno's name. */
    static String r(long ret) {
        return Errno.isError(ret) ? Errno.of(ret).name() : Long.toString(ret);
    }

    /** "ABCDEFGHIJKLMNOPQRSTUVWXYZ" repeated to {@code n} bytes. */
    static String alphabet(int n) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < n) {
            sb.append((char) ('A' + sb.length() % 26));
        }
        return sb.toString();
    }
}
