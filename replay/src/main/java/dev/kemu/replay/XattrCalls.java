package dev.kemu.replay;

import dev.kemu.kernel.Syscalls;
import dev.kemu.strace.Str;
import dev.kemu.strace.SyscallLine;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import java.util.Set;

/**
 * The extended attribute calls ({@code fs/xattr.c}): names and values as strace printed them; the value or name
 * list a get or list call returned is compared as far as strace printed it.
 */
final class XattrCalls {
    /** The calls this class runs. */
    static final Set<String> NAMES = Set.of("setxattr", "lsetxattr", "fsetxattr", "getxattr", "lgetxattr", "fgetxattr",
            "listxattr", "llistxattr", "flistxattr", "removexattr", "lremovexattr", "fremovexattr");

    /** The largest buffer backed with memory (XATTR_SIZE_MAX and XATTR_LIST_MAX are 64 KiB). */
    private static final int MAX = 1 << 16;

    private final Syscalls kernel;
    private final Task task;

    XattrCalls(Syscalls kernel, Task task) {
        this.kernel = kernel;
        this.task = task;
    }

    Executed run(SyscallLine line, Args a) {
        String name = line.name();
        boolean byFd = name.startsWith("f");
        switch (name) {
            case "setxattr", "lsetxattr", "fsetxattr" -> {
                long size = a.num(3);
                UserBuffer value = null;
                if (a.raw(2) instanceof Str s) {
                    value = UserBuffer.allocate((int) Math.max(0, Math.min(size, MAX)));
                    byte[] b = s.bytes();
                    value.write(0, b, 0, Math.min(b.length, value.length()));
                }
                long ret = switch (name) {
                    case "setxattr" -> kernel.setxattr(task, a.path(0), a.path(1), value, size, a.integer(4));
                    case "lsetxattr" -> kernel.lsetxattr(task, a.path(0), a.path(1), value, size, a.integer(4));
                    default -> kernel.fsetxattr(task, a.integer(0), a.path(1), value, size, a.integer(4));
                };
                return plain(line, ret);
            }
            case "getxattr", "lgetxattr", "fgetxattr" -> {
                long size = a.num(3);
                UserBuffer value = UserBuffer.allocate((int) Math.max(0, Math.min(size, MAX)));
                long ret = switch (name) {
                    case "getxattr" -> kernel.getxattr(task, a.path(0), a.path(1), value, size);
                    case "lgetxattr" -> kernel.lgetxattr(task, a.path(0), a.path(1), value, size);
                    default -> kernel.fgetxattr(task, a.integer(0), a.path(1), value, size);
                };
                return returned(line, ret, value, 2, size);
            }
            case "listxattr", "llistxattr", "flistxattr" -> {
                long size = a.num(2);
                UserBuffer list = UserBuffer.allocate((int) Math.max(0, Math.min(size, MAX)));
                long ret = switch (name) {
                    case "listxattr" -> kernel.listxattr(task, a.path(0), list, size);
                    case "llistxattr" -> kernel.llistxattr(task, a.path(0), list, size);
                    default -> kernel.flistxattr(task, a.integer(0), list, size);
                };
                return returned(line, ret, list, 1, size);
            }
            default -> {
                long ret = switch (name) {
                    case "removexattr" -> kernel.removexattr(task, a.path(0), a.path(1));
                    case "lremovexattr" -> kernel.lremovexattr(task, a.path(0), a.path(1));
                    default -> kernel.fremovexattr(task, a.integer(0), a.path(1));
                };
                return plain(line, ret);
            }
        }
    }

    private static Executed plain(SyscallLine line, long ret) {
        return new Executed(ret, line.withResult(Results.of(ret)), null);
    }

    /** A value or list written back: compared with the string strace printed (nothing is written for size 0). */
    private static Executed returned(SyscallLine line, long ret, UserBuffer buf, int argIndex, long size) {
        SyscallLine actual = line.withResult(Results.of(ret));
        String diff = null;
        if (ret > 0 && size > 0 && ret <= buf.length()) {
            byte[] got = buf.read(0, (int) ret);
            if (line.args().get(argIndex) instanceof Str rec) {
                actual = actual.withArg(argIndex, Str.of(got, rec.quoting()));
                diff = Hexdump.difference("value", rec, got);
            }
        }
        return new Executed(ret, actual, diff);
    }
}
