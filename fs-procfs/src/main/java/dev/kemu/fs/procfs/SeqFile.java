package dev.kemu.fs.procfs;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.File;
import dev.kemu.vfs.IovIter;
import dev.kemu.vfs.Kiocb;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The state of one open {@code single_open} seq file ({@code include/linux/seq_file.h:struct
 * seq_file}; {@code fs/seq_file.c:seq_read_iter()}, {@code seq_lseek()}, {@code traverse()},
 * {@code single_open()}).
 *
 * <p>The file has one record, the whole text. It is made ("shown") when a read needs it and
 * kept in the buffer while reads continue where the last one stopped; so a file read in small
 * pieces is one consistent snapshot. A read at offset 0 starts over with a fresh record, and a
 * read or seek to an offset other than {@code read_pos} shows the record afresh and skips to that
 * offset ({@code traverse}). Seeking to or reading past the end is allowed and reads nothing.
 *
 * <p>All state is guarded by {@link #lock} ({@code m->lock}); {@code pread} reaches it without
 * the file's position lock.
 */
final class SeqFile {
    private static final byte[] EMPTY = new byte[0];

    private final Supplier<byte[]> show;
    private final ReentrantLock lock = new ReentrantLock();
    @GuardedBy("lock")
    private byte[] buf = EMPTY;
    @GuardedBy("lock")
    private int from;
    @GuardedBy("lock")
    private int count;
    @GuardedBy("lock")
    private long index;
    @GuardedBy("lock")
    private long readPos;

    /** @param show {@code single_open}'s show function: the whole text, made at each call */
    SeqFile(Supplier<byte[]> show) {
        this.show = show;
    }

    /** Shows the single record into the buffer and advances the index past it. */
    @GuardedBy("lock")
    private void showRecordLocked() {
        buf = show.get();
        from = 0;
        count = buf.length;
        index = 1;
    }

    /** {@code traverse}: shows afresh from the first record and skips to {@code offset}. */
    @GuardedBy("lock")
    private void traverseLocked(long offset) {
        index = 0;
        count = 0;
        from = 0;
        if (offset == 0) {
            return;
        }
        showRecordLocked();
        if (count > offset) {
            from = (int) offset;
            count -= from;
        } else {
            count = 0;
        }
    }

    /**
     * {@code seq_read_iter}.
     *
     * @return bytes copied (0 at the end), or -EFAULT when nothing could be copied
     */
    long readIter(Kiocb iocb, IovIter to) {
        if (to.count() == 0) {
            return 0;
        }
        lock.lock();
        try {
            long pos = iocb.pos();
            if (pos == 0) {
                index = 0;
                count = 0;
            }
            if (pos != readPos) {
                traverseLocked(pos);
                readPos = pos;
            }
            long copied = 0;
            if (count > 0) {
                int n = to.copyToIter(buf, from, count);
                count -= n;
                from += n;
                copied += n;
            }
            if (count == 0 && index == 0 && to.count() > 0) {
                showRecordLocked();
                int n = to.copyToIter(buf, 0, count);
                count -= n;
                from = n;
                copied += n;
            }
            if (copied == 0) {
                return count > 0 ? Errno.EFAULT.neg() : 0;
            }
            iocb.setPos(pos + copied);
            readPos += copied;
            return copied;
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code seq_lseek}: SEEK_SET and SEEK_CUR to any non-negative offset (the end is not a
     * limit); EINVAL for a negative result and for SEEK_END, SEEK_DATA and SEEK_HOLE.
     */
    long llseek(File file, long offset, int whence) {
        lock.lock();
        try {
            if (whence == Fcntl.SEEK_CUR) {
                offset += file.pos();
            } else if (whence != Fcntl.SEEK_SET) {
                return Errno.EINVAL.neg();
            }
            if (offset < 0) {
                return Errno.EINVAL.neg();
            }
            if (offset != readPos) {
                traverseLocked(offset);
                readPos = offset;
            }
            file.setPos(offset);
            return offset;
        } finally {
            lock.unlock();
        }
    }
}
