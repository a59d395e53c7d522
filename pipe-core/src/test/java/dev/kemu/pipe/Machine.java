package dev.kemu.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.FileSystemTypes;
import dev.kemu.vfs.Iovec;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.UserLong;
import dev.kemu.vfs.Vfs;
import dev.kemu.vfs.VfsBehaviour;
import dev.kemu.vfs.VfsSyscalls;
import dev.kemu.vfs.ramfs.RamfsType;
import dev.kemu.vfs.spi.MountException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A small emulated machine for pipe-core tests: a ramfs root, the VFS calls, and the pipe and
 * splice calls of one {@link PipeBehaviour}. Each method runs one system call for a task the way
 * the kernel facade does: {@link Task#enter()} before, {@link Task#exit()} after, so blocking
 * waits, signals and {@link Task#takeRaisedSignals()} behave as at the syscall boundary.
 */
final class Machine {
    /** SPLICE_F_MOVE. */
    static final int SPLICE_F_MOVE = 1;
    /** SPLICE_F_NONBLOCK. */
    static final int SPLICE_F_NONBLOCK = 2;
    /** SPLICE_F_GIFT. */
    static final int SPLICE_F_GIFT = 8;

    final Vfs vfs;
    final VfsSyscalls vfsCalls;
    final PipeSyscalls pipeCalls;
    final SpliceCalls spliceCalls;

    private Machine(PipeBehaviour behaviour) {
        this(behaviour, PipeRingKind.defaultKind());
    }

    private Machine(PipeBehaviour behaviour, PipeRingKind ring) {
        try {
            vfs = Vfs.withRoot(FileSystemTypes.of(new RamfsType()), "ramfs", null, Map.of());
        } catch (MountException e) {
            throw new IllegalStateException("ramfs must mount", e);
        }
        vfsCalls = new VfsSyscalls(VfsBehaviour.DEFAULT);
        pipeCalls = new PipeSyscalls(behaviour, ring);
        vfsCalls.setFcntlHook(pipeCalls);
        spliceCalls = new SpliceCalls(behaviour, CopyBehaviour.DEFAULT, vfsCalls, pipeCalls);
    }

    /** A machine with the 6.18 behaviour. */
    static Machine boot() {
        return new Machine(PipeBehaviour.DEFAULT);
    }

    static Machine boot(PipeBehaviour behaviour) {
        return new Machine(behaviour);
    }

    /** A machine with the 6.18 behaviour whose pipes use {@code ring}. */
    static Machine boot(PipeRingKind ring) {
        return new Machine(PipeBehaviour.DEFAULT, ring);
    }

    /** A new process with an empty descriptor table. */
    Task newTask() {
        try {
            return vfs.newTask("/");
        } catch (MountException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A thread of {@code parent}: same descriptor table, own signal state. */
    Task thread(Task parent) {
        return vfs.cloneTask(parent, true);
    }

    /** Runs {@code body} as one system call of {@code t}. */
    static long call(Task t, LongSupplier body) {
        t.enter();
        try {
            return body.getAsLong();
        } finally {
            t.exit();
        }
    }

    /** pipe2, which must succeed: {read fd, write fd}. */
    int[] pipe(Task t, int flags) {
        int[] fds = new int[2];
        assertEquals(0, call(t, () -> pipeCalls.pipe2(t, fds, flags)), "pipe2");
        return fds;
    }

    /** The pipe behind a descriptor. */
    static Pipe pipeOf(Task t, int fd) {
        return PipeSyscalls.pipeInfo(t.files().peek(fd));
    }

    long write(Task t, int fd, byte[] data) {
        UserBuffer buf = UserBuffer.of(data);
        return call(t, () -> vfsCalls.write(t, fd, buf, data.length));
    }

    long write(Task t, int fd, String s) {
        return write(t, fd, bytes(s));
    }

    /** The result of a read: the return value and the bytes it delivered. */
    record Read(long ret, byte[] data) {
        String text() {
            return new String(data, StandardCharsets.ISO_8859_1);
        }
    }

    Read read(Task t, int fd, int count) {
        UserBuffer buf = UserBuffer.allocate(count);
        long ret = call(t, () -> vfsCalls.read(t, fd, buf, count));
        return new Read(ret, ret > 0 ? buf.read(0, (int) ret) : new byte[0]);
    }

    Read pread(Task t, int fd, int count, long pos) {
        UserBuffer buf = UserBuffer.allocate(count);
        long ret = call(t, () -> vfsCalls.pread64(t, fd, buf, count, pos));
        return new Read(ret, ret > 0 ? buf.read(0, (int) ret) : new byte[0]);
    }

    long pwrite(Task t, int fd, String s, long pos) {
        UserBuffer buf = UserBuffer.of(bytes(s));
        return call(t, () -> vfsCalls.pwrite64(t, fd, buf, s.length(), pos));
    }

    long close(Task t, int fd) {
        return call(t, () -> vfsCalls.close(t, fd));
    }

    long fcntl(Task t, int fd, int cmd, long arg) {
        return call(t, () -> vfsCalls.fcntl(t, fd, cmd, arg));
    }

    long splice(Task t, int fdIn, UserLong offIn, int fdOut, UserLong offOut, long len, int flags) {
        return call(t, () -> spliceCalls.splice(t, fdIn, offIn, fdOut, offOut, len, flags));
    }

    long splice(Task t, int fdIn, int fdOut, long len, int flags) {
        return splice(t, fdIn, null, fdOut, null, len, flags);
    }

    long tee(Task t, int fdIn, int fdOut, long len, int flags) {
        return call(t, () -> spliceCalls.tee(t, fdIn, fdOut, len, flags));
    }

    long vmsplice(Task t, int fd, List<Iovec> iov, int flags) {
        return call(t, () -> spliceCalls.vmsplice(t, fd, iov, flags));
    }

    /** Creates {@code path} holding {@code content} and returns a descriptor open with {@code flags}. */
    int createFile(Task t, String path, String content, int flags) {
        long w = call(t, () -> vfsCalls.open(t, path, Fcntl.O_CREAT | Fcntl.O_WRONLY | Fcntl.O_TRUNC, 0644));
        assertEquals(true, w >= 0, "creat " + path + ": " + w);
        assertEquals(content.length(), write(t, (int) w, content), "filling " + path);
        close(t, (int) w);
        long fd = call(t, () -> vfsCalls.open(t, path, flags, 0));
        assertEquals(true, fd >= 0, "open " + path + ": " + fd);
        return (int) fd;
    }

    /** Fills a pipe's ring with page-sized writes (it must have room for {@code slots} more). */
    void fillWithPages(Task t, int wfd, int slots) {
        byte[] page = new byte[dev.kemu.vfs.Page.SIZE];
        Arrays.fill(page, (byte) 'p');
        for (int i = 0; i < slots; i++) {
            assertEquals(page.length, write(t, wfd, page), "page write " + i);
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
