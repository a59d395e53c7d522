package dev.kemu.fs.procfs;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.IovIter;
import dev.kemu.vfs.Kiocb;
import dev.kemu.vfs.spi.FileOperations;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The file operations of a {@code single_open} proc file, in its two Linux flavours.
 *
 * <ul>
 * <li>{@link #pidEntry}: {@code fs/proc/base.c:proc_single_file_operations} ({@code status} under
 * a pid directory): {@code seq_read}, {@code seq_lseek}, no write method (write is EINVAL), no
 * {@code splice_read} (splice from it is EINVAL from 5.10; before, {@code default_file_splice_read}
 * used {@code read}).
 * <li>{@link #procEntry}: {@code fs/proc/inode.c:proc_iter_file_ops} over a
 * {@code proc_create_single} entry ({@code /proc/version}): {@code proc_reg_read_iter},
 * {@code proc_reg_llseek} → {@code seq_lseek}, {@code proc_reg_write} which is EIO without a
 * {@code proc_write}, and {@code copy_splice_read}.
 * </ul>
 * At open ({@code single_open}) the show function is bound to what the file will describe, and
 * a {@link SeqFile} goes into {@code private_data}.
 */
final class ProcSingleFile implements FileOperations {
    private final Function<Inode, Supplier<byte[]>> opener;
    private final boolean procReg;

    private ProcSingleFile(Function<Inode, Supplier<byte[]>> opener, boolean procReg) {
        this.opener = opener;
        this.procReg = procReg;
    }

    /**
     * {@code proc_single_file_operations}.
     *
     * @param opener called at open; returns the show function, or null when what the file
     *     describes is gone (the open fails with ENOENT)
     */
    static ProcSingleFile pidEntry(Function<Inode, Supplier<byte[]>> opener) {
        return new ProcSingleFile(opener, false);
    }

    /** {@code proc_iter_file_ops} with {@code proc_single_ops}. */
    static ProcSingleFile procEntry(Function<Inode, Supplier<byte[]>> opener) {
        return new ProcSingleFile(opener, true);
    }

    private static SeqFile seq(File file) {
        return (SeqFile) file.privateData();
    }

    /** {@code single_open}; then {@code do_dentry_open} refuses O_DIRECT (no {@code FMODE_CAN_ODIRECT}). */
    @Override
    public int open(Inode inode, File file) {
        Supplier<byte[]> show = opener.apply(inode);
        if (show == null) {
            return Errno.ENOENT.negInt();
        }
        file.setPrivateData(new SeqFile(show));
        if ((file.flags() & Fcntl.O_DIRECT) != 0) {
            return Errno.EINVAL.negInt();
        }
        return 0;
    }

    /** {@code single_release}. */
    @Override
    public void release(Inode inode, File file) {
        file.setPrivateData(null);
    }

    @Override
    public long llseek(File file, long offset, int whence) {
        return seq(file).llseek(file, offset, whence);
    }

    @Override
    public long readIter(Kiocb iocb, IovIter to) {
        return seq(iocb.file()).readIter(iocb, to);
    }

    /**
     * {@code proc_reg_write} → {@code pde_write}: EIO, as the entry has no {@code proc_write}. A
     * pid entry has no write method at all; the VFS answers EINVAL before calling here.
     */
    @Override
    public long writeIter(Kiocb iocb, IovIter from) {
        return procReg ? Errno.EIO.neg() : Errno.EINVAL.neg();
    }

    @Override
    public boolean canWrite() {
        return procReg;
    }

    @Override
    public SpliceRead spliceRead() {
        return procReg ? SpliceRead.COPY : SpliceRead.NONE;
    }
}
