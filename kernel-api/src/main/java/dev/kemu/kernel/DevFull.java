package dev.kemu.kernel;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.File;
import dev.kemu.vfs.IovIter;
import dev.kemu.vfs.Kiocb;
import dev.kemu.vfs.spi.FileOperations;

/**
 * {@code /dev/full} ({@code drivers/char/mem.c:full_fops}): reads fill with zeros
 * ({@code read_iter_zero}), every write is ENOSPC ({@code write_full}), seeks go to 0
 * ({@code full_lseek} = {@code null_lseek}). {@code splice_read} is {@code copy_splice_read}
 * from 6.7 ({@link DeviceBehaviour#memZeroFullSplice}); there is never a {@code splice_write},
 * so a splice into it is ENOSPC through {@code default_file_splice_write} before 5.10 and
 * EINVAL after.
 */
final class DevFull implements FileOperations {
    /** {@code makedev(1, 7)}. */
    static final long RDEV = 0x107;

    private final boolean splice;

    DevFull(DeviceBehaviour behaviour) {
        this.splice = behaviour.memZeroFullSplice();
    }

    @Override
    public long llseek(File file, long offset, int whence) {
        file.setPos(0);
        return 0;
    }

    @Override
    public long readIter(Kiocb iocb, IovIter to) {
        return MemDevices.zeroFill(to);
    }

    /** {@code write_full}. */
    @Override
    public long writeIter(Kiocb iocb, IovIter from) {
        return Errno.ENOSPC.neg();
    }

    @Override
    public SpliceRead spliceRead() {
        return splice ? SpliceRead.COPY : SpliceRead.NONE;
    }
}
