package dev.kemu.vfs;

import java.util.List;

/**
 * close_range ({@code fs/file.c:SYSCALL_DEFINE3(close_range)}, {@code __range_close()},
 * {@code __range_cloexec()}, {@code unshare_fd()}); the call exists from 5.9,
 * {@code CLOSE_RANGE_CLOEXEC} from 5.11.
 *
 * <p>Errors: EINVAL for an unknown flag (CLOSE_RANGE_CLOEXEC on a version without it), then
 * EINVAL when {@code first > last} (both unsigned). Descriptors in the range that are not open are
 * skipped; a range past the table is no error.
 */
public final class CloseRange {
    public static final int CLOSE_RANGE_UNSHARE = 1 << 1;
    public static final int CLOSE_RANGE_CLOEXEC = 1 << 2;

    private CloseRange() {
    }

    static long closeRange(Task task, int first, int last, int flags, boolean hasCloexec) {
        int allowed = CLOSE_RANGE_UNSHARE | (hasCloexec ? CLOSE_RANGE_CLOEXEC : 0);
        if ((flags & ~allowed) != 0) {
            return Errno.EINVAL.neg();
        }
        if (Integer.compareUnsigned(first, last) > 0) {
            return Errno.EINVAL.neg();
        }
        FdTable files = task.files();
        if ((flags & CLOSE_RANGE_UNSHARE) != 0 && files.isShared()) {
            // unshare_fd: the task gets its own copy; the others keep the shared table untouched.
            FdTable own = files.copy();
            files.unshared();
            task.setFiles(own);
            files = own;
        }
        if (first < 0) {
            return 0; // at or past 2^31: beyond any table
        }
        long end = Integer.toUnsignedLong(last);
        if ((flags & CLOSE_RANGE_CLOEXEC) != 0) {
            files.setCloseOnExecRange(first, end);
        } else {
            List<File> closed = files.removeRange(first, end);
            for (File f : closed) {
                f.put();
            }
        }
        return 0;
    }
}
