package dev.kemu.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.FileSystemTypes;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.ramfs.RamfsType;
import java.nio.charset.StandardCharsets;

/** A 6.18 machine on a ramfs root, with the plugin-less defaults, and one task; helpers keep tests short. */
final class Booted {
    final Kernel k;
    final Task t;

    Booted() {
        try {
            k = Kernels.of(java.util.List.of(new KernelsTest.FakeProvider("a", 6, 18)), FileSystemTypes.of(new RamfsType()))
                    .boot("6.18", BootOptions.standard().withRoot("ramfs", null));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        t = k.newTask();
    }

    int open(String path, int flags) {
        long fd = k.open(t, path, flags, 0644);
        assertTrue(fd >= 0, () -> "open " + path + ": " + Errno.of(fd));
        return (int) fd;
    }

    long write(int fd, String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return k.write(t, fd, UserBuffer.of(b), b.length);
    }

    /** read(2) of up to {@code n} bytes: the bytes, or the errno's name. */
    String read(int fd, int n) {
        UserBuffer buf = UserBuffer.allocate(n);
        long r = k.read(t, fd, buf, n);
        return r < 0 ? Errno.of(r).name() : new String(buf.read(0, (int) r), StandardCharsets.ISO_8859_1);
    }

    int[] pipe() {
        int[] fds = new int[2];
        assertEquals(0, k.pipe2(t, fds, 0));
        return fds;
    }

    static String name(long r) {
        return r < 0 ? Errno.of(r).name() : Long.toString(r);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
