package dev.kemu.kernel;

import dev.kemu.vfs.File;
import dev.kemu.vfs.IovIter;
import dev.kemu.vfs.Kiocb;
import dev.kemu.vfs.spi.FileOperations;

/**
 * {@code /dev/zero} ({@code drivers/char/mem.c:zero_fops}): reads fill with zeros
 * ({@code read_iter_zero}), writes vanish ({@code write_iter_zero} = {@code write_iter_null}),
 * seeks go to 0 ({@code zero_lseek} = {@code null_lseek}). A mapping of it is anonymous memory
 * ({@code mmap_zero}); the splice methods follow {@link DeviceBehaviour#memZeroFullSplice}.
 */
final class DevZero implements FileOperations {
    /** {@code makedev(1, 5)}. */
    static final long RDEV = 0x105;

    private final boolean splice;

    DevZero(DeviceBehaviour behaviour) {
        this.splice = behaviour.memZeroFullSplice();
    }

    @Override
    public long llseek(File file, long offset, int whence) {
        file.setPos(0);
        return 0;
    }

    /** {@code read_iter_zero}: a short count only at a fault (EFAULT when nothing was copied). */
    @Override
    public long readIter(Kiocb iocb, IovIter to) {
        return MemDevices.zeroFill(to);
    }

    @Override
    public long writeIter(Kiocb iocb, IovIter from) {
        long n = from.count();
        from.advance(n);
        return n;
    }

    /** {@code mmap_zero}: anonymous memory, shared ({@code shmem_zero_setup}) or private. */
    @Override
    public Mmap mmap() {
        return Mmap.ANONYMOUS;
    }

    @Override
    public SpliceRead spliceRead() {
        return splice ? SpliceRead.COPY : SpliceRead.NONE;
    }

    @Override
    public SpliceWrite spliceWrite() {
        return splice ? SpliceWrite.DISCARD : SpliceWrite.NONE;
    }
}
