package dev.kemu.vfs;

/**
 * The fcntl commands the VFS hands to another layer: {@code F_SETPIPE_SZ} and
 * {@code F_GETPIPE_SZ} go to {@code fs/pipe.c:pipe_fcntl()}, which answers EBADF for a file
 * that is not a pipe. The pipe layer installs its implementation when the kernel is assembled.
 */
public interface FcntlHook {
    /** {@code pipe_fcntl}: a result or a negated errno. */
    long pipeFcntl(File file, int cmd, long arg);

    /** No pipes: every pipe command is EBADF. */
    FcntlHook NO_PIPES = (file, cmd, arg) -> Errno.EBADF.neg();
}
