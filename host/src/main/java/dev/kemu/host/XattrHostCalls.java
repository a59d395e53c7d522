package dev.kemu.host;

import com.sun.jna.Memory;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;

/**
 * The extended attribute calls on the host ({@code fs/xattr.c}). The path forms run as the
 * 6.13 {@code *xattrat} calls from the task's working directory (the classic calls have no
 * directory descriptor; on 6.13 and later both go through the same {@code path_*xattrat}, so
 * they answer alike), with {@code AT_SYMLINK_NOFOLLOW} for the {@code l} forms. Values and lists
 * pass through native buffers of the size asked (at most 64 KiB, what the kernel looks at);
 * setting or removing outside the machine's directory is refused as in {@link PathCalls}.
 */
final class XattrHostCalls {
    static final long SETXATTR = 188;
    static final long GETXATTR = 191;
    static final long LISTXATTR = 194;
    static final long REMOVEXATTR = 197;
    static final long FSETXATTR = 190;
    static final long FGETXATTR = 193;
    static final long FLISTXATTR = 196;
    static final long FREMOVEXATTR = 199;
    static final long SETXATTRAT = 463;
    static final long GETXATTRAT = 464;
    static final long LISTXATTRAT = 465;
    static final long REMOVEXATTRAT = 466;
    private static final int MAX = 65536;

    private final Machine m;

    XattrHostCalls(Machine m) {
        this.m = m;
    }

    private static Memory cName(String name) {
        return name == null ? null : Sandbox.cString(name);
    }

    private static long addr(Memory mem) {
        return mem == null ? 0 : Machine.addr(mem);
    }

    /** Native memory holding the first {@code size} bytes of {@code value} (null when the buffer is absent or faults). */
    private static Memory in(UserBuffer value, long size) {
        if (value == null || size <= 0 || size > MAX || value.accessibleLength() < size) {
            return null;
        }
        Memory mem = new Memory(size);
        mem.write(0, value.read(0, (int) size), 0, (int) size);
        return mem;
    }

    private static Memory out(UserBuffer buf, long size) {
        if (buf == null || size == 0) {
            return null;
        }
        return new Memory(Math.max(1, Math.min(Long.compareUnsigned(size, MAX) > 0 ? MAX : size, buf.length())));
    }

    private static long copyOut(long r, Memory mem, UserBuffer buf) {
        if (r > 0 && mem != null) {
            buf.write(0, mem.getByteArray(0, (int) r), 0, (int) Math.min(r, buf.length()));
        }
        return r;
    }

    /** A value the kernel is told is {@code size} bytes: a fault for an absent or short buffer is an unmapped address. */
    private static long valueAddr(Memory mem, UserBuffer value, long size) {
        return mem != null ? Machine.addr(mem) : (value == null || size == 0 ? 0 : 8);
    }

    private long setAt(Task t, String call, String path, int atFlags, String name, UserBuffer value, long size, int flags) {
        return m.run(t, () -> {
            int h = path == null ? m.cwdFd(m.fds(t)) : m.dirfd(m.fds(t), Fcntl.AT_FDCWD, path);
            String why = path == null ? null : m.sandbox.refuseWrite(h, path, Sandbox.Intent.ATTR);
            if (why != null) {
                return m.refuse(call, path, why);
            }
            try (Memory p = cName(path); Memory n = cName(name); Memory v = in(value, size); Memory args = new Memory(16)) {
                args.setLong(0, valueAddr(v, value, size));
                args.setInt(8, (int) size);
                args.setInt(12, flags);
                if (size > 0xFFFFFFFFL) {
                    return Libc.sys(SETXATTR, addr(p), addr(n), 0, size, flags, 0);
                }
                return Libc.sys(SETXATTRAT, h, addr(p), atFlags, addr(n), Machine.addr(args), 16);
            }
        });
    }

    long setxattr(Task t, String path, String name, UserBuffer value, long size, int flags) {
        return setAt(t, "setxattr", path, 0, name, value, size, flags);
    }

    long lsetxattr(Task t, String path, String name, UserBuffer value, long size, int flags) {
        return setAt(t, "lsetxattr", path, Fcntl.AT_SYMLINK_NOFOLLOW, name, value, size, flags);
    }

    long fsetxattr(Task t, int fd, String name, UserBuffer value, long size, int flags) {
        return m.run(t, () -> {
            // an unmapped descriptor goes to the kernel as one that is closed there, so that the
            // name is checked first, as the kernel does
            int h = m.fds(t).host(fd);
            try (Memory n = cName(name); Memory v = in(value, size)) {
                return Libc.sys(FSETXATTR, h, addr(n), valueAddr(v, value, size), size, flags & 0xFFFFFFFFL, 0);
            }
        });
    }

    private long getAt(Task t, String path, int atFlags, String name, UserBuffer value, long size) {
        return m.run(t, () -> {
            int h = path == null ? m.cwdFd(m.fds(t)) : m.dirfd(m.fds(t), Fcntl.AT_FDCWD, path);
            try (Memory p = cName(path); Memory n = cName(name); Memory o = out(value, size); Memory args = new Memory(16)) {
                args.setLong(0, o == null ? (value == null || size == 0 ? 0 : 8) : Machine.addr(o));
                args.setInt(8, (int) Math.min(size, 0xFFFFFFFFL));
                args.setInt(12, 0);
                return copyOut(Libc.sys(GETXATTRAT, h, addr(p), atFlags, addr(n), Machine.addr(args), 16), o, value);
            }
        });
    }

    long getxattr(Task t, String path, String name, UserBuffer value, long size) {
        return getAt(t, path, 0, name, value, size);
    }

    long lgetxattr(Task t, String path, String name, UserBuffer value, long size) {
        return getAt(t, path, Fcntl.AT_SYMLINK_NOFOLLOW, name, value, size);
    }

    long fgetxattr(Task t, int fd, String name, UserBuffer value, long size) {
        return m.run(t, () -> {
            // an unmapped descriptor goes to the kernel as one that is closed there, so that the
            // name is checked first, as the kernel does
            int h = m.fds(t).host(fd);
            try (Memory n = cName(name); Memory o = out(value, size)) {
                long a = o == null ? (value == null || size == 0 ? 0 : 8) : Machine.addr(o);
                return copyOut(Libc.sys(FGETXATTR, h, addr(n), a, size, 0, 0), o, value);
            }
        });
    }

    private long listAt(Task t, String path, int atFlags, UserBuffer list, long size) {
        return m.run(t, () -> {
            int h = path == null ? m.cwdFd(m.fds(t)) : m.dirfd(m.fds(t), Fcntl.AT_FDCWD, path);
            try (Memory p = cName(path); Memory o = out(list, size)) {
                long a = o == null ? (list == null || size == 0 ? 0 : 8) : Machine.addr(o);
                return copyOut(Libc.sys(LISTXATTRAT, h, addr(p), atFlags, a, size, 0), o, list);
            }
        });
    }

    long listxattr(Task t, String path, UserBuffer list, long size) {
        return listAt(t, path, 0, list, size);
    }

    long llistxattr(Task t, String path, UserBuffer list, long size) {
        return listAt(t, path, Fcntl.AT_SYMLINK_NOFOLLOW, list, size);
    }

    long flistxattr(Task t, int fd, UserBuffer list, long size) {
        return m.run(t, () -> {
            // an unmapped descriptor goes to the kernel as one that is closed there, so that the
            // name is checked first, as the kernel does
            int h = m.fds(t).host(fd);
            try (Memory o = out(list, size)) {
                long a = o == null ? (list == null || size == 0 ? 0 : 8) : Machine.addr(o);
                return copyOut(Libc.sys(FLISTXATTR, h, a, size), o, list);
            }
        });
    }

    private long removeAt(Task t, String call, String path, int atFlags, String name) {
        return m.run(t, () -> {
            int h = path == null ? m.cwdFd(m.fds(t)) : m.dirfd(m.fds(t), Fcntl.AT_FDCWD, path);
            String why = path == null ? null : m.sandbox.refuseWrite(h, path, Sandbox.Intent.ATTR);
            if (why != null) {
                return m.refuse(call, path, why);
            }
            try (Memory p = cName(path); Memory n = cName(name)) {
                return Libc.sys(REMOVEXATTRAT, h, addr(p), atFlags, addr(n), 0, 0);
            }
        });
    }

    long removexattr(Task t, String path, String name) {
        return removeAt(t, "removexattr", path, 0, name);
    }

    long lremovexattr(Task t, String path, String name) {
        return removeAt(t, "lremovexattr", path, Fcntl.AT_SYMLINK_NOFOLLOW, name);
    }

    long fremovexattr(Task t, int fd, String name) {
        return m.run(t, () -> {
            // an unmapped descriptor goes to the kernel as one that is closed there, so that the
            // name is checked first, as the kernel does
            int h = m.fds(t).host(fd);
            try (Memory n = cName(name)) {
                return Libc.sys(FREMOVEXATTR, h, addr(n), 0);
            }
        });
    }
}
