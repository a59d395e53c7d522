package dev.kemu.kernel;

import dev.kemu.vfs.CloneResult;
import dev.kemu.vfs.GetcwdResult;
import dev.kemu.vfs.Getdents;
import dev.kemu.vfs.Iovec;
import dev.kemu.vfs.Rlimit;
import dev.kemu.vfs.Signal;
import dev.kemu.vfs.RlimitResult;
import dev.kemu.vfs.Sockaddr;
import dev.kemu.vfs.StatResult;
import dev.kemu.vfs.StatfsResult;
import dev.kemu.vfs.StatxResult;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.Timespec;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.UserLong;
import dev.kemu.vfs.UserMemory;
import dev.kemu.vfs.WaitResult;
import java.util.List;

/**
 * The system calls kemu models, as a machine answers them: an emulated {@link Kernel}, or a
 * backend that runs them on the real kernel underneath. Every call takes the {@link Task} it
 * runs for and returns a result or a negated errno; nothing is thrown for bad input.
 */
public interface Syscalls {
    /** The release this machine runs, as kemu names it ({@code 6.18}, {@code 3.10+cfr}, {@code host 6.18.44}). */
    String release();

    /** A new task in the working directory with descriptors 0, 1 and 2 open. */
    Task newTask();

    /** The working directory of new tasks. */
    String workingDirectory();

    /** Writes back everything the machine holds dirty. */
    void sync();

    long openat(Task t, int dfd, String path, int flags, int mode);

    long open(Task t, String path, int flags, int mode);

    long creat(Task t, String path, int mode);

    long close(Task t, int fd);

    long read(Task t, int fd, UserBuffer buf, long count);

    long write(Task t, int fd, UserBuffer buf, long count);

    long pread64(Task t, int fd, UserBuffer buf, long count, long pos);

    long pwrite64(Task t, int fd, UserBuffer buf, long count, long pos);

    long readv(Task t, int fd, List<Iovec> iov);

    long writev(Task t, int fd, List<Iovec> iov);

    long lseek(Task t, int fd, long offset, int whence);

    long ftruncate(Task t, int fd, long length);

    /** {@code truncate(path, length)}: the file a path names, to {@code length} bytes. */
    long truncate(Task t, String path, long length);

    /** {@code statfs(path, buf)}; a null path stands for one that faults. */
    StatfsResult statfs(Task t, String path);

    /** {@code fstatfs(fd, buf)}. */
    StatfsResult fstatfs(Task t, int fd);

    /** {@code statx(dfd, path, flags, mask, buf)}; a null path stands for one that faults. */
    StatxResult statx(Task t, int dfd, String path, int flags, int mask);

    long fsync(Task t, int fd);

    long fdatasync(Task t, int fd);

    long syncfs(Task t, int fd);

    long fallocate(Task t, int fd, int mode, long offset, long len);

    /** {@code close_range(first, last, flags)}; {@code first} and {@code last} are unsigned. */
    long closeRange(Task t, int first, int last, int flags);

    /**
     * {@code prlimit64(pid, resource, new, old)}: {@code newLimit} null for NULL; on success the
     * limit as it was before the call (what {@code old} receives).
     */
    RlimitResult prlimit64(Task t, int pid, int resource, Rlimit newLimit);

    /** {@code getrlimit(resource, rlim)}. */
    RlimitResult getrlimit(Task t, int resource);

    /** {@code setrlimit(resource, rlim)}; a null limit stands for a pointer that faults. */
    long setrlimit(Task t, int resource, Rlimit limit);

    /** {@code fadvise64(fd, offset, len, advice)}. */
    long fadvise64(Task t, int fd, long offset, long len, int advice);

    /**
     * {@code ioctl(fd, request, arg)}: {@code arg} is the argument as a number (FICLONE's source
     * descriptor), {@code argp} the memory it points to: FICLONERANGE's {@code struct
     * file_clone_range} (32 bytes) going in, the {@code int} of FIONREAD and FS_IOC_GETFLAGS
     * coming out; null when it points nowhere valid.
     */
    long ioctl(Task t, int fd, int request, long arg, UserBuffer argp);

    /** {@code memfd_create(name, flags)}; a null name stands for one that faults. */
    long memfdCreate(Task t, String name, int flags);

    StatResult fstat(Task t, int fd);

    StatResult newfstatat(Task t, int dfd, String path, int flags);

    long mkdir(Task t, String path, int mode);

    long mkdirat(Task t, int dfd, String path, int mode);

    long unlink(Task t, String path);

    long unlinkat(Task t, int dfd, String path, int flags);

    long rmdir(Task t, String path);

    long chdir(Task t, String path);

    long fchdir(Task t, int fd);

    /** {@code getcwd(buf, size)}: the length including the NUL and the path, or a negated errno. */
    GetcwdResult getcwd(Task t, long size);

    /** {@code umask}: the previous mask. */
    long umask(Task t, int mask);

    long access(Task t, String path, int mode);

    long faccessat(Task t, int dfd, String path, int mode);

    long faccessat2(Task t, int dfd, String path, int mode, int flags);

    long rename(Task t, String oldpath, String newpath);

    long renameat(Task t, int olddfd, String oldpath, int newdfd, String newpath);

    long renameat2(Task t, int olddfd, String oldpath, int newdfd, String newpath, int flags);

    long link(Task t, String oldpath, String newpath);

    long linkat(Task t, int olddfd, String oldpath, int newdfd, String newpath, int flags);

    long symlink(Task t, String target, String linkpath);

    long symlinkat(Task t, String target, int newdfd, String linkpath);

    /** {@code readlink}: at most {@code bufsiz} bytes of the body into {@code buf}, no NUL; {@code buf} null is a faulting address. */
    long readlink(Task t, String path, UserBuffer buf, int bufsiz);

    long readlinkat(Task t, int dfd, String path, UserBuffer buf, int bufsiz);

    /** {@code getdents64(fd, buf, count)}: the bytes written and the entries, or a negated errno. */
    Getdents getdents64(Task t, int fd, long count);

    long chmod(Task t, String path, int mode);

    long fchmod(Task t, int fd, int mode);

    long fchmodat(Task t, int dfd, String path, int mode);

    /** {@code setxattr(path, name, value, size, flags)}; {@code value} null for NULL, a null path or name faults. */
    long setxattr(Task t, String path, String name, UserBuffer value, long size, int flags);

    long lsetxattr(Task t, String path, String name, UserBuffer value, long size, int flags);

    long fsetxattr(Task t, int fd, String name, UserBuffer value, long size, int flags);

    /** {@code getxattr(path, name, value, size)}: the value's length (size 0 asks for it only). */
    long getxattr(Task t, String path, String name, UserBuffer value, long size);

    long lgetxattr(Task t, String path, String name, UserBuffer value, long size);

    long fgetxattr(Task t, int fd, String name, UserBuffer value, long size);

    /** {@code listxattr(path, list, size)}: the length of the NUL-terminated names (size 0 asks for it only). */
    long listxattr(Task t, String path, UserBuffer list, long size);

    long llistxattr(Task t, String path, UserBuffer list, long size);

    long flistxattr(Task t, int fd, UserBuffer list, long size);

    long removexattr(Task t, String path, String name);

    long lremovexattr(Task t, String path, String name);

    long fremovexattr(Task t, int fd, String name);

    /** {@code utimensat}: {@code path} null for NULL; {@code times} null for NULL, else atime and mtime. */
    long utimensat(Task t, int dfd, String path, List<Timespec> times, int flags);

    long dup(Task t, int fd);

    long dup2(Task t, int oldfd, int newfd);

    long dup3(Task t, int oldfd, int newfd, int flags);

    long fcntl(Task t, int fd, int cmd, long arg);

    /** {@code pipe(fds)}; a null array is one the kernel cannot write (EFAULT, no descriptor left open). */
    long pipe(Task t, int[] fds);

    /** {@code pipe2(fds, flags)}; a null array is one the kernel cannot write (EFAULT, no descriptor left open). */
    long pipe2(Task t, int[] fds, int flags);

    long splice(Task t, int fdIn, UserLong offIn, int fdOut, UserLong offOut, long len, int flags);

    long tee(Task t, int fdIn, int fdOut, long len, int flags);

    long vmsplice(Task t, int fd, List<Iovec> iov, int flags);

    long copyFileRange(Task t, int fdIn, UserLong offIn, int fdOut, UserLong offOut, long len, int flags);

    long sendfile(Task t, int outFd, int inFd, UserLong offset, long count);

    /** {@code mknod}; {@code dev} is {@code makedev(major, minor)} (used for S_IFCHR/S_IFBLK only). */
    long mknod(Task t, String path, int mode, long dev);

    long mknodat(Task t, int dfd, String path, int mode, long dev);

    /** {@code mmap}: the result is the address of the mapping, chosen by this machine ({@code addr} is a hint unless MAP_FIXED). */
    long mmap(Task t, long addr, long length, int prot, int flags, int fd, long offset);

    /**
     * {@code mmap} with the checks of the arguments given, but placed at {@code at} (the address a
     * recorded run got), replacing whatever was mapped there, as MAP_FIXED does.
     */
    long mmapAt(Task t, long at, long addr, long length, int prot, int flags, int fd, long offset);

    long munmap(Task t, long addr, long length);

    long mprotect(Task t, long addr, long length, int prot);

    long mremap(Task t, long oldAddr, long oldLength, long newLength, int flags, long newAddr);

    long msync(Task t, long addr, long length, int flags);

    long madvise(Task t, long addr, long length, int advice);

    /** {@code brk}: the new break, or the unchanged one when the request cannot be met. */
    long brk(Task t, long addr);

    /**
     * The task's user memory at {@code [addr, addr + length)} for a call that reads it
     * ({@code write} false) or writes it: 0 and a buffer over the mappings' own pages, or -EFAULT
     * and a buffer that faults where the range stops being accessible.
     */
    UserMemory userMemory(Task t, long addr, long length, boolean write);

    // Owners and AF_UNIX socket probes.

    /** {@code chown(path, owner, group)}: follows a trailing link; {@code -1} leaves an id unchanged. */
    long chown(Task t, String path, int owner, int group);

    /** {@code fchown(fd, owner, group)}. */
    long fchown(Task t, int fd, int owner, int group);

    /** {@code lchown(path, owner, group)}: a trailing link itself. */
    long lchown(Task t, String path, int owner, int group);

    /** {@code fchownat(dfd, path, owner, group, flags)}: AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH. */
    long fchownat(Task t, int dfd, String path, int owner, int group, int flags);

    /**
     * {@code socket(family, type, protocol)}: a descriptor or a negated errno for AF_UNIX (and for
     * arguments every family rejects), {@link dev.kemu.vfs.Net#NOT_MODELLED} for another family
     * (AF_INET, AF_INET6, AF_NETLINK...): nothing was created, the caller treats the call as
     * outside the model.
     */
    long socket(Task t, int family, int type, int protocol);

    /**
     * {@code connect(fd, addr, addrlen)}: {@code addr} null for an address the kernel cannot read.
     * 0, a negated errno, or {@link dev.kemu.vfs.Net#NOT_MODELLED} when a datagram socket would
     * connect to a bound peer (data transfer is outside the model).
     */
    long connect(Task t, int fd, Sockaddr addr, int addrlen);

    /** {@code bind(fd, addr, addrlen)} of an AF_UNIX socket: {@code addr} null for an address the kernel cannot read. */
    long bind(Task t, int fd, Sockaddr addr, int addrlen);

    // Processes and threads. Ids are the machine's own thread ids and thread group ids.

    /**
     * {@code clone(flags, ...)}: the child's thread id and the child, or a negated errno (or
     * {@link dev.kemu.vfs.Net#NOT_MODELLED} for namespaces, CLONE_PIDFD, CLONE_INTO_CGROUP). The
     * low byte of {@code flags} is ignored; the exit signal is {@code exitSignal}. With
     * CLONE_VFORK the call returns once the child execs or exits.
     */
    CloneResult clone(Task parent, long flags, int exitSignal);

    /** {@code clone3({.flags, .exit_signal})}: clone3's own checks first (unknown flags, CSIGNAL bits, exit signal). */
    CloneResult clone3(Task parent, long flags, int exitSignal);

    /** {@code fork()} = {@code clone(parent, 0, SIGCHLD)}. */
    CloneResult fork(Task parent);

    /** {@code vfork()} = {@code clone(parent, CLONE_VM|CLONE_VFORK, SIGCHLD)}. */
    CloneResult vfork(Task parent);

    /** {@code execve(path, ...)}: the path's checks, then the task is reset for a new program (0). */
    long execve(Task t, String path);

    /** {@code exit(code)}: this thread exits. */
    void exitTask(Task t, int code);

    /** {@code exit_group(code)}: every thread of the group exits. */
    void exitGroup(Task t, int code);

    /** The whole thread group of {@code t} ends killed by {@code sig} ({@code +++ killed by SIG... +++}). */
    void killedBy(Task t, Signal sig, boolean core);

    /** {@code wait4(pid, &status, options, NULL)}: the reaped child's id and status word. */
    WaitResult wait4(Task t, int pid, int options);

    /** {@code waitid(idtype, id, &info, options, NULL)}: 0 and si_status, si_pid, si_code. */
    WaitResult waitid(Task t, int idtype, int id, int options);

    /**
     * {@code kill(pid, sig)}: a process (pid &gt; 0), the caller's process group (0), every process but
     * init and the caller's (-1), process group {@code -pid} (below -1); {@link dev.kemu.vfs.Net#NOT_MODELLED}
     * for real-time signals.
     */
    long kill(Task t, int pid, int sig);

    /** {@code tgkill(tgid, tid, sig)}. */
    long tgkill(Task t, int tgid, int tid, int sig);

    /** {@code tkill(tid, sig)}. */
    long tkill(Task t, int tid, int sig);

    /** The live or zombie task with thread id {@code tid}, or null. */
    Task task(int tid);

    // Process groups and sessions (kernel/sys.c). Ids are the machine's thread group ids.

    /**
     * {@code setpgid(pid, pgid)}: pid 0 is the caller's process, pgid 0 the process's own id. 0, or in
     * this order: EINVAL (negative pgid), ESRCH (no such task), EINVAL (a thread that does not lead its
     * group), EPERM (a child in another session), EACCES (a child that has exec'd), ESRCH (neither the
     * caller's process nor its child), EPERM (a session leader), EPERM (no group {@code pgid} in the
     * caller's session).
     */
    long setpgid(Task t, int pid, int pgid);

    /** {@code getpgid(pid)}: the process group id of task {@code pid} (0: the caller), or ESRCH. */
    long getpgid(Task t, int pid);

    /** {@code getpgrp()}: the caller's process group id. */
    long getpgrp(Task t);

    /** {@code setsid()}: a new session and process group named by the caller's process id, which is returned; EPERM for a group leader. */
    long setsid(Task t);

    /** {@code getsid(pid)}: the session id of task {@code pid} (0: the caller), or ESRCH. */
    long getsid(Task t, int pid);

    // Credentials (kernel/sys.c, kernel/groups.c). Ids are uid_t/gid_t in an int: -1 is (uid_t)-1.

    /** {@code getuid()}: the real uid, unsigned. */
    long getuid(Task t);

    /** {@code geteuid()}. */
    long geteuid(Task t);

    /** {@code getgid()}. */
    long getgid(Task t);

    /** {@code getegid()}. */
    long getegid(Task t);

    /** {@code setuid(uid)}: 0, EINVAL (-1), EPERM. */
    long setuid(Task t, int uid);

    /** {@code setgid(gid)}. */
    long setgid(Task t, int gid);

    /** {@code setreuid(ruid, euid)}: -1 leaves an id. */
    long setreuid(Task t, int ruid, int euid);

    /** {@code setregid(rgid, egid)}. */
    long setregid(Task t, int rgid, int egid);

    /** {@code setresuid(ruid, euid, suid)}. */
    long setresuid(Task t, int ruid, int euid, int suid);

    /** {@code setresgid(rgid, egid, sgid)}. */
    long setresgid(Task t, int rgid, int egid, int sgid);

    /** {@code getresuid(&r, &e, &s)}: a null or faulting pointer gives EFAULT. */
    long getresuid(Task t, UserLong ruid, UserLong euid, UserLong suid);

    /** {@code getresgid(&r, &e, &s)}. */
    long getresgid(Task t, UserLong rgid, UserLong egid, UserLong sgid);

    /** {@code setfsuid(uid)}: the previous fsuid (never an errno). */
    long setfsuid(Task t, int uid);

    /** {@code setfsgid(gid)}: the previous fsgid. */
    long setfsgid(Task t, int gid);

    /** {@code setgroups(size, list)}: {@code list} null for an address that faults. */
    long setgroups(Task t, int size, int[] list);

    /** {@code getgroups(size, list)}: the group count; the groups written to {@code list} when {@code size} is not 0. */
    long getgroups(Task t, int size, int[] list);

    // AF_UNIX socket pairs, socket names and messages; poll.

    /**
     * {@code socketpair(family, type, protocol, fds)}: 0 with the two descriptors in {@code fds}
     * (null: an array the kernel cannot write, EFAULT), a negated errno, or
     * {@link dev.kemu.vfs.Net#NOT_MODELLED} for a family the model does not know.
     */
    long socketpair(Task t, int family, int type, int protocol, int[] fds);

    /** {@code getsockname(fd, addr, &addrlen)}: {@code addrlen} is what {@code *addrlen} holds on entry. */
    dev.kemu.vfs.SockName getsockname(Task t, int fd, int addrlen);

    /** {@code getpeername(fd, addr, &addrlen)}. */
    dev.kemu.vfs.SockName getpeername(Task t, int fd, int addrlen);

    /** {@code sendto(fd, buf, len, flags, NULL, 0)}. */
    long sendto(Task t, int fd, UserBuffer buf, long len, int flags);

    /** {@code recvfrom(fd, buf, len, flags, NULL, NULL)}. */
    long recvfrom(Task t, int fd, UserBuffer buf, long len, int flags);

    /** {@code sendmsg(fd, {msg_name=NULL, msg_iov=iov, msg_control=NULL}, flags)}. */
    long sendmsg(Task t, int fd, List<Iovec> iov, int flags);

    /** {@code recvmsg(fd, {msg_name=NULL, msg_iov=iov, msg_control=NULL}, flags)}: the count and the returned {@code msg_flags}. */
    dev.kemu.vfs.MsgResult recvmsg(Task t, int fd, List<Iovec> iov, int flags);

    /**
     * {@code poll(fds, nfds, timeout)}: {@code fds} null for an array the kernel cannot read. A
     * positive timeout with nothing ready returns 0 at once (time is outside the model).
     */
    dev.kemu.vfs.PollResult poll(Task t, List<dev.kemu.vfs.PollFd> fds, long nfds, int timeoutMs);

    /** {@code ppoll(fds, nfds, timeout, NULL, 8)}: a null timeout waits; the signal mask is outside the model. */
    dev.kemu.vfs.PollResult ppoll(Task t, List<dev.kemu.vfs.PollFd> fds, long nfds, dev.kemu.vfs.Timespec timeout);

    /**
     * {@code select(n, in, out, ex, timeout)}: null sets are NULL pointers; a null timeout waits; a timeval is
     * given as the equivalent timespec.
     */
    dev.kemu.vfs.SelectResult select(Task t, int n, java.util.BitSet in, java.util.BitSet out, java.util.BitSet ex,
            dev.kemu.vfs.Timespec timeout);

    /** {@code pselect6(n, in, out, ex, timeout, sigmask)}: as select; the signal mask is outside the model. */
    dev.kemu.vfs.SelectResult pselect6(Task t, int n, java.util.BitSet in, java.util.BitSet out, java.util.BitSet ex,
            dev.kemu.vfs.Timespec timeout);
}
