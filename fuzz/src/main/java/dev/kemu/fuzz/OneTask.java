package dev.kemu.fuzz;

import dev.kemu.kernel.Syscalls;
import dev.kemu.vfs.Iovec;
import dev.kemu.vfs.StatResult;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.UserLong;
import java.util.List;

/**
 * A machine whose {@link #newTask()} always gives the same task: replaying a scenario one call
 * at a time (each call a trace of its own, so that the next call can name the descriptors the
 * previous ones returned) then runs every call in one process, as a recorded program would.
 */
final class OneTask implements Syscalls {
    private final Syscalls m;
    private Task task;

    OneTask(Syscalls m) {
        this.m = m;
    }

    @Override
    public String release() {
        return m.release();
    }

    @Override
    public Task newTask() {
        if (task == null) {
            task = m.newTask();
        }
        return task;
    }

    @Override
    public String workingDirectory() {
        return m.workingDirectory();
    }

    @Override
    public void sync() {
        m.sync();
    }

    @Override
    public long openat(Task t, int dfd, String path, int flags, int mode) {
        return m.openat(t, dfd, path, flags, mode);
    }

    @Override
    public long open(Task t, String path, int flags, int mode) {
        return m.open(t, path, flags, mode);
    }

    @Override
    public long creat(Task t, String path, int mode) {
        return m.creat(t, path, mode);
    }

    @Override
    public long close(Task t, int fd) {
        return m.close(t, fd);
    }

    @Override
    public long read(Task t, int fd, UserBuffer buf, long count) {
        return m.read(t, fd, buf, count);
    }

    @Override
    public long write(Task t, int fd, UserBuffer buf, long count) {
        return m.write(t, fd, buf, count);
    }

    @Override
    public long pread64(Task t, int fd, UserBuffer buf, long count, long pos) {
        return m.pread64(t, fd, buf, count, pos);
    }

    @Override
    public long pwrite64(Task t, int fd, UserBuffer buf, long count, long pos) {
        return m.pwrite64(t, fd, buf, count, pos);
    }

    @Override
    public long readv(Task t, int fd, List<Iovec> iov) {
        return m.readv(t, fd, iov);
    }

    @Override
    public long writev(Task t, int fd, List<Iovec> iov) {
        return m.writev(t, fd, iov);
    }

    @Override
    public long lseek(Task t, int fd, long offset, int whence) {
        return m.lseek(t, fd, offset, whence);
    }

    @Override
    public long ftruncate(Task t, int fd, long length) {
        return m.ftruncate(t, fd, length);
    }

    @Override
    public StatResult fstat(Task t, int fd) {
        return m.fstat(t, fd);
    }

    @Override
    public StatResult newfstatat(Task t, int dfd, String path, int flags) {
        return m.newfstatat(t, dfd, path, flags);
    }

    @Override
    public long mkdir(Task t, String path, int mode) {
        return m.mkdir(t, path, mode);
    }

    @Override
    public long mkdirat(Task t, int dfd, String path, int mode) {
        return m.mkdirat(t, dfd, path, mode);
    }

    @Override
    public long unlink(Task t, String path) {
        return m.unlink(t, path);
    }

    @Override
    public long unlinkat(Task t, int dfd, String path, int flags) {
        return m.unlinkat(t, dfd, path, flags);
    }

    @Override
    public long rmdir(Task t, String path) {
        return m.rmdir(t, path);
    }

    @Override
    public long dup(Task t, int fd) {
        return m.dup(t, fd);
    }

    @Override
    public long dup2(Task t, int oldfd, int newfd) {
        return m.dup2(t, oldfd, newfd);
    }

    @Override
    public long dup3(Task t, int oldfd, int newfd, int flags) {
        return m.dup3(t, oldfd, newfd, flags);
    }

    @Override
    public long fcntl(Task t, int fd, int cmd, long arg) {
        return m.fcntl(t, fd, cmd, arg);
    }

    @Override
    public long pipe(Task t, int[] fds) {
        return m.pipe(t, fds);
    }

    @Override
    public long pipe2(Task t, int[] fds, int flags) {
        return m.pipe2(t, fds, flags);
    }

    @Override
    public long splice(Task t, int fdIn, UserLong offIn, int fdOut, UserLong offOut, long len, int flags) {
        return m.splice(t, fdIn, offIn, fdOut, offOut, len, flags);
    }

    @Override
    public long tee(Task t, int fdIn, int fdOut, long len, int flags) {
        return m.tee(t, fdIn, fdOut, len, flags);
    }

    @Override
    public long vmsplice(Task t, int fd, List<Iovec> iov, int flags) {
        return m.vmsplice(t, fd, iov, flags);
    }

    @Override
    public long copyFileRange(Task t, int fdIn, UserLong offIn, int fdOut, UserLong offOut, long len, int flags) {
        return m.copyFileRange(t, fdIn, offIn, fdOut, offOut, len, flags);
    }

    @Override
    public long sendfile(Task t, int outFd, int inFd, UserLong offset, long count) {
        return m.sendfile(t, outFd, inFd, offset, count);
    }

    @Override
    public long mknod(Task t, String path, int mode, long dev) {
        return m.mknod(t, path, mode, dev);
    }

    @Override
    public long mknodat(Task t, int dfd, String path, int mode, long dev) {
        return m.mknodat(t, dfd, path, mode, dev);
    }

    @Override
    public long mmap(Task t, long addr, long length, int prot, int flags, int fd, long offset) {
        return m.mmap(t, addr, length, prot, flags, fd, offset);
    }

    @Override
    public long mmapAt(Task t, long at, long addr, long length, int prot, int flags, int fd, long offset) {
        return m.mmapAt(t, at, addr, length, prot, flags, fd, offset);
    }

    @Override
    public long munmap(Task t, long addr, long length) {
        return m.munmap(t, addr, length);
    }

    @Override
    public long mprotect(Task t, long addr, long length, int prot) {
        return m.mprotect(t, addr, length, prot);
    }

    @Override
    public long mremap(Task t, long oldAddr, long oldLength, long newLength, int flags, long newAddr) {
        return m.mremap(t, oldAddr, oldLength, newLength, flags, newAddr);
    }

    @Override
    public long msync(Task t, long addr, long length, int flags) {
        return m.msync(t, addr, length, flags);
    }

    @Override
    public long madvise(Task t, long addr, long length, int advice) {
        return m.madvise(t, addr, length, advice);
    }

    @Override
    public long brk(Task t, long addr) {
        return m.brk(t, addr);
    }

    @Override
    public dev.kemu.vfs.UserMemory userMemory(Task t, long addr, long length, boolean write) {
        return m.userMemory(t, addr, length, write);
    }
}
