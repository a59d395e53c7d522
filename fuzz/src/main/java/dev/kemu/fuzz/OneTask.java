package dev.kemu.fuzz;

import dev.kemu.kernel.Syscalls;
import dev.kemu.vfs.GetcwdResult;
import dev.kemu.vfs.Getdents;
import dev.kemu.vfs.Iovec;
import dev.kemu.vfs.Rlimit;
import dev.kemu.vfs.RlimitResult;
import dev.kemu.vfs.StatResult;
import dev.kemu.vfs.StatfsResult;
import dev.kemu.vfs.StatxResult;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.Timespec;
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
    public long truncate(Task t, String path, long length) {
        return m.truncate(t, path, length);
    }

    @Override
    public StatfsResult statfs(Task t, String path) {
        return m.statfs(t, path);
    }

    @Override
    public StatfsResult fstatfs(Task t, int fd) {
        return m.fstatfs(t, fd);
    }

    @Override
    public StatxResult statx(Task t, int dfd, String path, int flags, int mask) {
        return m.statx(t, dfd, path, flags, mask);
    }

    @Override
    public long fsync(Task t, int fd) {
        return m.fsync(t, fd);
    }

    @Override
    public long fdatasync(Task t, int fd) {
        return m.fdatasync(t, fd);
    }

    @Override
    public long syncfs(Task t, int fd) {
        return m.syncfs(t, fd);
    }

    @Override
    public long fallocate(Task t, int fd, int mode, long offset, long len) {
        return m.fallocate(t, fd, mode, offset, len);
    }

    @Override
    public long closeRange(Task t, int first, int last, int flags) {
        return m.closeRange(t, first, last, flags);
    }

    @Override
    public RlimitResult prlimit64(Task t, int pid, int resource, Rlimit newLimit) {
        return m.prlimit64(t, pid, resource, newLimit);
    }

    @Override
    public RlimitResult getrlimit(Task t, int resource) {
        return m.getrlimit(t, resource);
    }

    @Override
    public long setrlimit(Task t, int resource, Rlimit limit) {
        return m.setrlimit(t, resource, limit);
    }

    @Override
    public long fadvise64(Task t, int fd, long offset, long len, int advice) {
        return m.fadvise64(t, fd, offset, len, advice);
    }

    @Override
    public long ioctl(Task t, int fd, int request, long arg, UserBuffer argp) {
        return m.ioctl(t, fd, request, arg, argp);
    }

    @Override
    public long memfdCreate(Task t, String name, int flags) {
        return m.memfdCreate(t, name, flags);
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
    public long chdir(Task t, String path) {
        return m.chdir(t, path);
    }

    @Override
    public long fchdir(Task t, int fd) {
        return m.fchdir(t, fd);
    }

    @Override
    public GetcwdResult getcwd(Task t, long size) {
        return m.getcwd(t, size);
    }

    @Override
    public long umask(Task t, int mask) {
        return m.umask(t, mask);
    }

    @Override
    public long access(Task t, String path, int mode) {
        return m.access(t, path, mode);
    }

    @Override
    public long faccessat(Task t, int dfd, String path, int mode) {
        return m.faccessat(t, dfd, path, mode);
    }

    @Override
    public long faccessat2(Task t, int dfd, String path, int mode, int flags) {
        return m.faccessat2(t, dfd, path, mode, flags);
    }

    @Override
    public long rename(Task t, String oldpath, String newpath) {
        return m.rename(t, oldpath, newpath);
    }

    @Override
    public long renameat(Task t, int olddfd, String oldpath, int newdfd, String newpath) {
        return m.renameat(t, olddfd, oldpath, newdfd, newpath);
    }

    @Override
    public long renameat2(Task t, int olddfd, String oldpath, int newdfd, String newpath, int flags) {
        return m.renameat2(t, olddfd, oldpath, newdfd, newpath, flags);
    }

    @Override
    public long link(Task t, String oldpath, String newpath) {
        return m.link(t, oldpath, newpath);
    }

    @Override
    public long linkat(Task t, int olddfd, String oldpath, int newdfd, String newpath, int flags) {
        return m.linkat(t, olddfd, oldpath, newdfd, newpath, flags);
    }

    @Override
    public long symlink(Task t, String target, String linkpath) {
        return m.symlink(t, target, linkpath);
    }

    @Override
    public long symlinkat(Task t, String target, int newdfd, String linkpath) {
        return m.symlinkat(t, target, newdfd, linkpath);
    }

    @Override
    public long readlink(Task t, String path, UserBuffer buf, int bufsiz) {
        return m.readlink(t, path, buf, bufsiz);
    }

    @Override
    public long readlinkat(Task t, int dfd, String path, UserBuffer buf, int bufsiz) {
        return m.readlinkat(t, dfd, path, buf, bufsiz);
    }

    @Override
    public Getdents getdents64(Task t, int fd, long count) {
        return m.getdents64(t, fd, count);
    }

    @Override
    public long chmod(Task t, String path, int mode) {
        return m.chmod(t, path, mode);
    }

    @Override
    public long fchmod(Task t, int fd, int mode) {
        return m.fchmod(t, fd, mode);
    }

    @Override
    public long fchmodat(Task t, int dfd, String path, int mode) {
        return m.fchmodat(t, dfd, path, mode);
    }

    @Override
    public long setxattr(Task t, String path, String name, UserBuffer value, long size, int flags) {
        return m.setxattr(t, path, name, value, size, flags);
    }

    @Override
    public long lsetxattr(Task t, String path, String name, UserBuffer value, long size, int flags) {
        return m.lsetxattr(t, path, name, value, size, flags);
    }

    @Override
    public long fsetxattr(Task t, int fd, String name, UserBuffer value, long size, int flags) {
        return m.fsetxattr(t, fd, name, value, size, flags);
    }

    @Override
    public long getxattr(Task t, String path, String name, UserBuffer value, long size) {
        return m.getxattr(t, path, name, value, size);
    }

    @Override
    public long lgetxattr(Task t, String path, String name, UserBuffer value, long size) {
        return m.lgetxattr(t, path, name, value, size);
    }

    @Override
    public long fgetxattr(Task t, int fd, String name, UserBuffer value, long size) {
        return m.fgetxattr(t, fd, name, value, size);
    }

    @Override
    public long listxattr(Task t, String path, UserBuffer list, long size) {
        return m.listxattr(t, path, list, size);
    }

    @Override
    public long llistxattr(Task t, String path, UserBuffer list, long size) {
        return m.llistxattr(t, path, list, size);
    }

    @Override
    public long flistxattr(Task t, int fd, UserBuffer list, long size) {
        return m.flistxattr(t, fd, list, size);
    }

    @Override
    public long removexattr(Task t, String path, String name) {
        return m.removexattr(t, path, name);
    }

    @Override
    public long lremovexattr(Task t, String path, String name) {
        return m.lremovexattr(t, path, name);
    }

    @Override
    public long fremovexattr(Task t, int fd, String name) {
        return m.fremovexattr(t, fd, name);
    }

    @Override
    public long utimensat(Task t, int dfd, String path, List<Timespec> times, int flags) {
        return m.utimensat(t, dfd, path, times, flags);
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

    // Owners and AF_UNIX socket probes.

    @Override
    public long chown(Task t, String path, int owner, int group) {
        return m.chown(t, path, owner, group);
    }

    @Override
    public long fchown(Task t, int fd, int owner, int group) {
        return m.fchown(t, fd, owner, group);
    }

    @Override
    public long lchown(Task t, String path, int owner, int group) {
        return m.lchown(t, path, owner, group);
    }

    @Override
    public long fchownat(Task t, int dfd, String path, int owner, int group, int flags) {
        return m.fchownat(t, dfd, path, owner, group, flags);
    }

    @Override
    public long socket(Task t, int family, int type, int protocol) {
        return m.socket(t, family, type, protocol);
    }

    @Override
    public long connect(Task t, int fd, dev.kemu.vfs.Sockaddr addr, int addrlen) {
        return m.connect(t, fd, addr, addrlen);
    }

    @Override
    public long bind(Task t, int fd, dev.kemu.vfs.Sockaddr addr, int addrlen) {
        return m.bind(t, fd, addr, addrlen);
    }

    // Processes and threads.

    @Override
    public dev.kemu.vfs.CloneResult clone(Task parent, long flags, int exitSignal) {
        return m.clone(parent, flags, exitSignal);
    }

    @Override
    public dev.kemu.vfs.CloneResult clone3(Task parent, long flags, int exitSignal) {
        return m.clone3(parent, flags, exitSignal);
    }

    @Override
    public dev.kemu.vfs.CloneResult fork(Task parent) {
        return m.fork(parent);
    }

    @Override
    public dev.kemu.vfs.CloneResult vfork(Task parent) {
        return m.vfork(parent);
    }

    @Override
    public long execve(Task t, String path) {
        return m.execve(t, path);
    }

    @Override
    public void exitTask(Task t, int code) {
        m.exitTask(t, code);
    }

    @Override
    public void exitGroup(Task t, int code) {
        m.exitGroup(t, code);
    }

    @Override
    public void killedBy(Task t, dev.kemu.vfs.Signal sig, boolean core) {
        m.killedBy(t, sig, core);
    }

    @Override
    public dev.kemu.vfs.WaitResult wait4(Task t, int pid, int options) {
        return m.wait4(t, pid, options);
    }

    @Override
    public dev.kemu.vfs.WaitResult waitid(Task t, int idtype, int id, int options) {
        return m.waitid(t, idtype, id, options);
    }

    @Override
    public long kill(Task t, int pid, int sig) {
        return m.kill(t, pid, sig);
    }

    @Override
    public long tgkill(Task t, int tgid, int tid, int sig) {
        return m.tgkill(t, tgid, tid, sig);
    }

    @Override
    public long tkill(Task t, int tid, int sig) {
        return m.tkill(t, tid, sig);
    }

    @Override
    public Task task(int tid) {
        return m.task(tid);
    }

    @Override
    public long setpgid(Task t, int pid, int pgid) {
        return m.setpgid(t, pid, pgid);
    }

    @Override
    public long getpgid(Task t, int pid) {
        return m.getpgid(t, pid);
    }

    @Override
    public long getpgrp(Task t) {
        return m.getpgrp(t);
    }

    @Override
    public long setsid(Task t) {
        return m.setsid(t);
    }

    @Override
    public long getsid(Task t, int pid) {
        return m.getsid(t, pid);
    }

    // Credentials.

    @Override
    public long getuid(Task t) {
        return m.getuid(t);
    }

    @Override
    public long geteuid(Task t) {
        return m.geteuid(t);
    }

    @Override
    public long getgid(Task t) {
        return m.getgid(t);
    }

    @Override
    public long getegid(Task t) {
        return m.getegid(t);
    }

    @Override
    public long setuid(Task t, int uid) {
        return m.setuid(t, uid);
    }

    @Override
    public long setgid(Task t, int gid) {
        return m.setgid(t, gid);
    }

    @Override
    public long setreuid(Task t, int ruid, int euid) {
        return m.setreuid(t, ruid, euid);
    }

    @Override
    public long setregid(Task t, int rgid, int egid) {
        return m.setregid(t, rgid, egid);
    }

    @Override
    public long setresuid(Task t, int ruid, int euid, int suid) {
        return m.setresuid(t, ruid, euid, suid);
    }

    @Override
    public long setresgid(Task t, int rgid, int egid, int sgid) {
        return m.setresgid(t, rgid, egid, sgid);
    }

    @Override
    public long getresuid(Task t, dev.kemu.vfs.UserLong ruid, dev.kemu.vfs.UserLong euid, dev.kemu.vfs.UserLong suid) {
        return m.getresuid(t, ruid, euid, suid);
    }

    @Override
    public long getresgid(Task t, dev.kemu.vfs.UserLong rgid, dev.kemu.vfs.UserLong egid, dev.kemu.vfs.UserLong sgid) {
        return m.getresgid(t, rgid, egid, sgid);
    }

    @Override
    public long setfsuid(Task t, int uid) {
        return m.setfsuid(t, uid);
    }

    @Override
    public long setfsgid(Task t, int gid) {
        return m.setfsgid(t, gid);
    }

    @Override
    public long setgroups(Task t, int size, int[] list) {
        return m.setgroups(t, size, list);
    }

    @Override
    public long getgroups(Task t, int size, int[] list) {
        return m.getgroups(t, size, list);
    }

    // AF_UNIX socket pairs, socket names and messages; poll.

    @Override
    public long socketpair(Task t, int family, int type, int protocol, int[] fds) {
        return m.socketpair(t, family, type, protocol, fds);
    }

    @Override
    public dev.kemu.vfs.SockName getsockname(Task t, int fd, int addrlen) {
        return m.getsockname(t, fd, addrlen);
    }

    @Override
    public dev.kemu.vfs.SockName getpeername(Task t, int fd, int addrlen) {
        return m.getpeername(t, fd, addrlen);
    }

    @Override
    public long sendto(Task t, int fd, dev.kemu.vfs.UserBuffer buf, long len, int flags) {
        return m.sendto(t, fd, buf, len, flags);
    }

    @Override
    public long recvfrom(Task t, int fd, dev.kemu.vfs.UserBuffer buf, long len, int flags) {
        return m.recvfrom(t, fd, buf, len, flags);
    }

    @Override
    public long sendmsg(Task t, int fd, java.util.List<dev.kemu.vfs.Iovec> iov, int flags) {
        return m.sendmsg(t, fd, iov, flags);
    }

    @Override
    public dev.kemu.vfs.MsgResult recvmsg(Task t, int fd, java.util.List<dev.kemu.vfs.Iovec> iov, int flags) {
        return m.recvmsg(t, fd, iov, flags);
    }

    @Override
    public dev.kemu.vfs.PollResult poll(Task t, java.util.List<dev.kemu.vfs.PollFd> fds, long nfds, int timeoutMs) {
        return m.poll(t, fds, nfds, timeoutMs);
    }

    @Override
    public dev.kemu.vfs.PollResult ppoll(Task t, java.util.List<dev.kemu.vfs.PollFd> fds, long nfds, dev.kemu.vfs.Timespec timeout) {
        return m.ppoll(t, fds, nfds, timeout);
    }

    @Override
    public dev.kemu.vfs.SelectResult select(Task t, int n, java.util.BitSet in, java.util.BitSet out, java.util.BitSet ex,
            dev.kemu.vfs.Timespec timeout) {
        return m.select(t, n, in, out, ex, timeout);
    }

    @Override
    public dev.kemu.vfs.SelectResult pselect6(Task t, int n, java.util.BitSet in, java.util.BitSet out, java.util.BitSet ex,
            dev.kemu.vfs.Timespec timeout) {
        return m.pselect6(t, n, in, out, ex, timeout);
    }
}
