package dev.kemu.fs.procfs;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.IovIter;
import dev.kemu.vfs.Kiocb;
import dev.kemu.vfs.spi.FileOperations;

/**
 * A sysctl file holding one string ({@code fs/proc/proc_sysctl.c:proc_sys_file_operations},
 * {@code proc_sys_call_handler()} with a {@code proc_dostring()}-shaped handler, see
 * {@link ProcDoString}).
 *
 * <p>As for {@link ProcSysFile}: a count of {@code KMALLOC_MAX_SIZE} or more is ENOMEM, a count of
 * 0 reads or writes nothing, {@code lseek} is {@code default_llseek} over {@code i_size} 0, and
 * splice has {@code copy_splice_read} and {@code iter_file_splice_write} from 5.10 only. A read
 * moves the position by what it returned; a write returns the whole count whatever the handler
 * kept of it.
 */
final class ProcSysStringFile implements FileOperations {
    /** A string sysctl table entry: its value, where it is stored, and {@code table->maxlen}. */
    interface StringEntry {
        /** The value up to its NUL. */
        byte[] get();

        /** Stores a value of at most {@code maxlen() - 1} bytes. */
        void set(byte[] value);

        /** {@code maxlen}: the size of the field, NUL included. */
        int maxlen();
    }

    private final StringEntry entry;
    private final boolean splice;

    ProcSysStringFile(StringEntry entry, boolean splice) {
        this.entry = entry;
        this.splice = splice;
    }

    @Override
    public int open(Inode inode, File file) {
        return ProcSysFile.openSysctl(file);
    }

    @Override
    public long llseek(File file, long offset, int whence) {
        return ProcSysFile.defaultLlseek(file, offset, whence);
    }

    /** {@code proc_sys_read} → {@code proc_sys_call_handler(write=0)}. */
    @Override
    public long readIter(Kiocb iocb, IovIter to) {
        long count = to.count();
        if (count >= ProcSysFile.KMALLOC_MAX_SIZE) {
            return Errno.ENOMEM.neg();
        }
        long pos = iocb.pos();
        byte[] text = ProcDoString.read(entry.get(), entry.maxlen(), pos, (int) count);
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
        if (count >= ProcSysFile.KMALLOC_MAX_SIZE) {
            return Errno.ENOMEM.neg();
        }
        byte[] kbuf = new byte[(int) count];
        if (ProcSysFile.copyFromIter(from, kbuf) < count) {
            return Errno.EFAULT.neg();
        }
        ProcDoString.Written w = ProcDoString.write(entry.get(), entry.maxlen(), iocb.pos(), kbuf);
        entry.set(w.value());
        iocb.setPos(w.pos());
        return count;
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
