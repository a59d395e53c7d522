package dev.kemu.replay;

import dev.kemu.strace.Result;
import dev.kemu.vfs.Errno;
import java.util.OptionalLong;

/** Kernel return values as strace prints them, and their comparison with the record. */
final class Results {
    private Results() {
    }

    /** The strace form of a kernel return value: {@code 3}, {@code -1 EBADF (...)}, {@code ? ERESTARTSYS (...)}. */
    static Result of(long ret) {
        if (Errno.isError(ret)) {
            Errno e = Errno.of(ret);
            if (e == Errno.ERESTARTSYS || e == Errno.ERESTARTNOINTR || e == Errno.ERESTARTNOHAND
                    || e == Errno.ERESTART_RESTARTBLOCK) {
                return Result.interrupted(e.name(), e.message());
            }
            return Result.ofErrno(e.name(), e.message());
        }
        return Result.ofValue(ret);
    }

    /** One word for a return value in messages: {@code 5}, {@code EINVAL}. */
    static String describe(long ret) {
        return Errno.isError(ret) ? Errno.of(ret).name() : Long.toString(ret);
    }

    /** One word for a recorded result. */
    static String describe(Result r) {
        if (r.errno() != null) {
            return r.errno();
        }
        OptionalLong v = r.value();
        return v.isPresent() ? Long.toString(v.getAsLong()) : "?";
    }

    /** Does {@code ret} agree with the recorded result? */
    static boolean matches(Result recorded, long ret) {
        if (recorded.errno() != null) {
            return Errno.isError(ret) && Errno.of(ret).name().equals(recorded.errno());
        }
        if (recorded.value().isEmpty()) {
            return true;
        }
        return !Errno.isError(ret) && recorded.value().getAsLong() == ret;
    }
}
