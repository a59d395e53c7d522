package dev.kemu.fs.procfs;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.IovIter;
import dev.kemu.vfs.Kiocb;
import dev.kemu.vfs.Page;
import dev.kemu.vfs.spi.FileOperations;

/**
 * A sysctl file holding one unsigned int ({@code fs/proc/proc_sysctl.c:proc_sys_file_operations},
 * {@code proc_sys_call_handler()}; the handler is {@code kernel/sysctl.c:proc_douintvec()}-shaped,
 * see {@link ProcDoUintvec}).
 *
 * <p>As a 6.18 host shows for {@code /proc/sys/fs/pipe-max-size}:
 * <ul>
 * <li>a read at offset 0 gives "value\n" cut to the count; a read at any other offset gives 0
 * ("1048576\n" read 3 bytes at a time is "104" and then end of file);
 * <li>a write at offset 0 parses the number, stores it through the entry's conversion
 * (EINVAL when either refuses) and returns the whole count without moving the file position;
 * a write at any other offset is ignored ({@code SYSCTL_WRITES_STRICT}) but reported as done and
 * moves the position by the count;
 * <li>a count of {@code KMALLOC_MAX_SIZE} (4 MiB) or more is ENOMEM; a count of 0 reads or
 * writes nothing;
 * <li>{@code lseek} is {@code default_llseek} over {@code i_size} 0: SEEK_END is relative to 0,
 * SEEK_DATA and SEEK_HOLE are ENXIO for any offset that is not negative, any non-negative result
 * is allowed;
 * <li>{@code splice_read} is {@code copy_splice_read} and {@code splice_write}
 * {@code iter_file_splice_write}, from 5.10 ({@link ProcSbInfo#sysctlSplice}); before, the file has
 * neither and splice goes through {@code default_file_splice_read} and {@code default_file_splice_write}.
 * </ul>
 */
final class ProcSysFile implements FileOperations {
    /** {@code KMALLOC_MAX_SIZE} on x86-64 (order-10 pages). */
    static final long KMALLOC_MAX_SIZE = 4L << 20;

    /** A sysctl table entry: its value and the conversion a write goes through. */
    interface UintEntry {
        /** The value, as an unsigned int widened to long. */
        long get();

        /**
         * The write-side conversion ({@code conv(..., write=1)}): stores {@code lval} and
         * returns true, or returns false to refuse it (EINVAL).
         */
        boolean set(long lval);
    }

    private final UintEntry entry;
    private final boolean splice;

    ProcSysFile(UintEntry entry, boolean splice) {
        this.entry = entry;
        this.splice = splice;
    }

    /** {@code do_dentry_open}: no {@code FMODE_CAN_ODIRECT}. */
    @Override
    public int open(Inode inode, File file) {
        return openSysctl(file);
    }

    static int openSysctl(File file) {
        return (file.flags() & Fcntl.O_DIRECT) != 0 ? Errno.EINVAL.negInt() : 0;
    }

    @Override
    public long llseek(File file, long offset, int whence) {
        return defaultLlseek(file, offset, whence);
    }

    /** {@code fs/read_write.c:default_llseek} with {@code i_size} 0. */
    static long defaultLlseek(File file, long offset, int whence) {
        long isize = file.inode().size();
        switch (whence) {
            case Fcntl.SEEK_END:
                offset += isize;
                break;
            case Fcntl.SEEK_CUR:
                if (offset == 0) {
                    return file.pos();
                }
                offset += file.pos();
                break;
            case Fcntl.SEEK_DATA:
                if (offset >= isize) {
                    return Errno.ENXIO.neg();
                }
                break;
            case Fcntl.SEEK_HOLE:
                if (offset >= isize) {
                    return Errno.ENXIO.neg();
                }
                offset = isize;
                break;
            default:
                break;
        }
        if (offset < 0) {
            return Errno.EINVAL.neg();
        }
        file.setPos(offset);
        return offset;
    }

    /** {@code proc_sys_read} → {@code proc_sys_call_handler(write=0)}. */
    @Override
    public long readIter(Kiocb iocb, IovIter to) {
        long count = to.count();
        if (count >= KMALLOC_MAX_SIZE) {
            return Errno.ENOMEM.neg();
        }
        long pos = iocb.pos();
        if (count == 0 || pos != 0) {
            return 0;
        }
        byte[] text = ProcDoUintvec.format(entry.get(), (int) count);
        if (to.copyToIter(text, 0, text.length) < text.length) {
            return Errno.EFAULT.neg();
        }
        iocb.setPos(pos + text.length);
        return text.length;
    }

    /** {@code proc_sys_write} → {@code proc_sys_call_handler(write=1)}. */
    @Override
    public long writeIter(Kiocb iocb, IovIter from) {
        long count = from.count();
        if (count >= KMALLOC_MAX_SIZE) {
            return Errno.ENOMEM.neg();
        }
        byte[] kbuf = new byte[(int) count];
        if (copyFromIter(from, kbuf) < count) {
            return Errno.EFAULT.neg();
        }
        if (count == 0) {
            return 0;
        }
        long pos = iocb.pos();
        if (pos != 0) {
            // proc_first_pos_non_zero_ignore under SYSCTL_WRITES_STRICT: bail_early.
            iocb.setPos(pos + count);
            return count;
        }
        ProcDoUintvec.Parsed parsed = ProcDoUintvec.parse(kbuf);
        if (!parsed.ok() || !entry.set(parsed.value())) {
            return Errno.EINVAL.neg();
        }
        return count;
    }

    /** {@code copy_from_iter_full} into a kernel buffer, a page at a time. */
    static int copyFromIter(IovIter from, byte[] kbuf) {
        Page bounce = Page.allocAnon();
        int done = 0;
        while (done < kbuf.length) {
            int n = Math.min(Page.SIZE, kbuf.length - done);
            int got = from.copyPageFromIter(bounce, 0, n);
            System.arraycopy(bounce.data(), 0, kbuf, done, got);
            done += got;
            if (got < n) {
                break;
            }
        }
        return done;
    }

    @Override
    public SpliceRead spliceRead() {
        return splice ? SpliceRead.COPY : SpliceRead.NONE;
    }

    @Override
    public SpliceWrite spliceWrite() {
        return splice ? SpliceWrite.GENERIC : SpliceWrite.NONE;
    }
}
