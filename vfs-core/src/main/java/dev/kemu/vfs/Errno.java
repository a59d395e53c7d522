package dev.kemu.vfs;

/**
 * Linux error numbers, as x86-64 defines them ({@code include/uapi/asm-generic/errno-base.h},
 * {@code errno.h}) plus the kernel-internal restart codes ({@code include/linux/errno.h}).
 *
 * <p>An errno is a value, never an exception: kernel functions in this model return a
 * {@code long} that is either a result ({@code >= 0}) or a negated errno, exactly like the
 * kernel's {@code ssize_t}/{@code ERR_PTR} convention. {@link #neg()} gives that negative
 * return value and {@link #of(long)} maps it back.
 */
public enum Errno {
    EPERM(1, "Operation not permitted"),
    ENOENT(2, "No such file or directory"),
    ESRCH(3, "No such process"),
    EINTR(4, "Interrupted system call"),
    EIO(5, "Input/output error"),
    ENXIO(6, "No such device or address"),
    E2BIG(7, "Argument list too long"),
    ENOEXEC(8, "Exec format error"),
    EBADF(9, "Bad file descriptor"),
    ECHILD(10, "No child processes"),
    EAGAIN(11, "Resource temporarily unavailable"),
    ENOMEM(12, "Cannot allocate memory"),
    EACCES(13, "Permission denied"),
    EFAULT(14, "Bad address"),
    EBUSY(16, "Device or resource busy"),
    EEXIST(17, "File exists"),
    EXDEV(18, "Invalid cross-device link"),
    ENODEV(19, "No such device"),
    ENOTDIR(20, "Not a directory"),
    EISDIR(21, "Is a directory"),
    EINVAL(22, "Invalid argument"),
    ENFILE(23, "Too many open files in system"),
    EMFILE(24, "Too many open files"),
    ENOTTY(25, "Inappropriate ioctl for device"),
    ETXTBSY(26, "Text file busy"),
    EFBIG(27, "File too large"),
    ENOSPC(28, "No space left on device"),
    ESPIPE(29, "Illegal seek"),
    EROFS(30, "Read-only file system"),
    EMLINK(31, "Too many links"),
    EPIPE(32, "Broken pipe"),
    ERANGE(34, "Numerical result out of range"),
    ENODATA(61, "No data available"),
    ENAMETOOLONG(36, "File name too long"),
    ENOSYS(38, "Function not implemented"),
    ENOTEMPTY(39, "Directory not empty"),
    ELOOP(40, "Too many levels of symbolic links"),
    EBADMSG(74, "Bad message"),
    EOVERFLOW(75, "Value too large for defined data type"),
    ENOTSOCK(88, "Socket operation on non-socket"),
    EMSGSIZE(90, "Message too long"),
    EPROTOTYPE(91, "Protocol wrong type for socket"),
    EPROTONOSUPPORT(93, "Protocol not supported"),
    ESOCKTNOSUPPORT(94, "Socket type not supported"),
    EOPNOTSUPP(95, "Operation not supported"),
    EAFNOSUPPORT(97, "Address family not supported by protocol"),
    EADDRINUSE(98, "Address already in use"),
    ECONNRESET(104, "Connection reset by peer"),
    EISCONN(106, "Transport endpoint is already connected"),
    ENOTCONN(107, "Transport endpoint is not connected"),
    ECONNREFUSED(111, "Connection refused"),
    ESTALE(116, "Stale file handle"),
    EUCLEAN(117, "Structure needs cleaning"),
    EDQUOT(122, "Disk quota exceeded"),
    /** Kernel-internal: the syscall was interrupted and may be restarted (strace prints {@code = ? ERESTARTSYS}). */
    ERESTARTSYS(512, "To be restarted if SA_RESTART is set"),
    /** Kernel-internal: restart without a handler only. */
    ERESTARTNOINTR(513, "To be restarted"),
    /** Kernel-internal: interrupted, restarted only when no handler ran (poll, select without a timeout). */
    ERESTARTNOHAND(514, "To be restarted if no handler"),
    /** Kernel-internal: interrupted, restarted through the restart block (poll with a timeout). */
    ERESTART_RESTARTBLOCK(516, "Interrupted by signal"),
    /** Kernel-internal: the operation is not supported by this file; the caller falls back (fs/read_write.c). */
    ENOTSUPP(524, "Operation not supported");

    private static final Errno[] BY_CODE = new Errno[600];

    static {
        for (Errno e : values()) {
            BY_CODE[e.code] = e;
        }
    }

    private final int code;
    private final String message;

    Errno(int code, String message) {
        this.code = code;
        this.message = message;
    }

    /** The positive error number, as user space sees it in {@code errno}. */
    public int code() {
        return code;
    }

    /** The text strace prints in parentheses after the name ({@code strerror}). */
    public String message() {
        return message;
    }

    /** The kernel-style return value: {@code -code}. */
    public long neg() {
        return -code;
    }

    /** {@link #neg()} as an {@code int}, for the kernel functions that return {@code int}. */
    public int negInt() {
        return -code;
    }

    /** True when a kernel return value is an error ({@code IS_ERR_VALUE}: -4095 .. -1). */
    public static boolean isError(long ret) {
        return ret < 0 && ret >= -4095;
    }

    /** The errno of a negative kernel return value. */
    public static Errno of(long ret) {
        if (!isError(ret)) {
            throw new IllegalArgumentException("not an error return: " + ret);
        }
        Errno e = (-ret) < BY_CODE.length ? BY_CODE[(int) -ret] : null;
        if (e == null) {
            throw new IllegalArgumentException("unknown errno " + (-ret));
        }
        return e;
    }

    /** The errno with this name, or null. */
    public static Errno byName(String name) {
        for (Errno e : values()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
