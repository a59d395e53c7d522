package dev.kemu.kernel;

import dev.kemu.vfs.File;
import dev.kemu.vfs.IovIter;
import dev.kemu.vfs.Kiocb;
import dev.kemu.vfs.spi.FileOperations;

/** {@code /dev/null} ({@code drivers/char/mem.c:null_fops}): reads see EOF, writes vanish, seeks go to 0. */
final class DevNull implements FileOperations {
    @Override
    public long llseek(File file, long offset, int whence) {
        file.setPos(0);
        return 0;
    }

    @Override
    public long readIter(Kiocb iocb, IovIter to) {
        return 0;
    }

    @Override
    public SpliceWrite spliceWrite() {
        return SpliceWrite.DISCARD;
    }

    @Override
    public long writeIter(Kiocb iocb, IovIter from) {
        long n = from.count();
        from.advance(n);
        return n;
    }
}
