package dev.kemu.replay;

import dev.kemu.kernel.Syscalls;
import dev.kemu.strace.SyscallLine;

/**
 * What the replayer asks the model about a pipe between calls, without changing it: which pipe a descriptor holds
 * ({@code fstat}), how many bytes it queues ({@code FIONREAD}), whether a call writes into it. Asked on the
 * replayer's thread while the machine is quiet; a function graph being recorded does not keep these.
 */
final class PipeProbe {
    private PipeProbe() {
    }

    /** The pipe (or FIFO) open at {@code fd} in {@code p}'s table, or null. */
    static dev.kemu.vfs.Kstat pipeAt(Syscalls kernel, Proc p, int fd) {
        dev.kemu.vfs.StatResult st = kernel.fstat(p.task, fd);
        if (p.tracer != null) {
            p.tracer.drain();
        }
        return st.ret() == 0 && (st.stat().mode() & dev.kemu.vfs.StatMode.S_IFMT) == dev.kemu.vfs.StatMode.S_IFIFO
                ? st.stat() : null;
    }

    /** The bytes queued in the pipe at {@code fd} ({@code FIONREAD}), or 0. */
    static long queued(Syscalls kernel, Proc p, int fd) {
        dev.kemu.vfs.UserBuffer n = dev.kemu.vfs.UserBuffer.allocate(4);
        long ret = kernel.ioctl(p.task, fd, (int) Args.constant("FIONREAD"), 0, n);
        if (p.tracer != null) {
            p.tracer.drain();
        }
        return ret != 0 ? 0 : java.nio.ByteBuffer.wrap(n.read(0, 4)).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
    }

    /** True when {@code call} of task {@code q} writes into {@code pipe}. */
    static boolean writesInto(Syscalls kernel, Proc q, SyscallLine call, dev.kemu.vfs.Kstat pipe) {
        int out = switch (call.name()) {
            case "write", "writev", "vmsplice", "sendfile" -> 0;
            case "tee" -> 1;
            case "splice" -> 2;
            default -> -1;
        };
        if (out < 0) {
            return false;
        }
        try {
            dev.kemu.vfs.Kstat st = pipeAt(kernel, q, new Args(call).integer(out));
            return st != null && st.dev() == pipe.dev() && st.ino() == pipe.ino();
        } catch (ReplayException e) {
            return false;
        }
    }
}
