package dev.kemu.pipe;

import dev.kemu.vfs.File;
import dev.kemu.vfs.Inode;

/**
 * The {@code splice_write} of ext4 and tmpfs up to 3.15 ({@code fs/splice.c:generic_file_splice_write()},
 * 3.10–3.15): drains the pipe buffer by buffer through {@link PipeToFile}, holding the inode lock for
 * each batch ({@code i_mutex}, taken after the pipe lock). 3.16 replaced it with
 * {@code iter_file_splice_write} (commit 8d0207652cbe, "->splice_write() via ->write_iter()").
 */
final class GenericFileSpliceWrite implements SpliceWriteEnd {
    static final GenericFileSpliceWrite INSTANCE = new GenericFileSpliceWrite();

    @Override
    public String name() {
        return "generic_file_splice_write";
    }

    @Override
    public long spliceWrite(Pipe pipe, File out, long[] ppos, long len, int flags) {
        dev.kemu.vfs.Ftrace.enter("generic_file_splice_write");
        return dev.kemu.vfs.Ftrace.exit(spliceWriteTraced(pipe, out, ppos, len, flags));
    }

    private long spliceWriteTraced(Pipe pipe, File out, long[] ppos, long len, int flags) {
        Inode inode = out.inode();
        SpliceDesc sd = new SpliceDesc(out, len, flags, ppos[0]);
        long ret;
        pipe.lock();
        try {
            sd.numSpliced = 0;
            do {
                ret = SpliceFromPipe.next(pipe, sd);
                if (ret <= 0) {
                    break;
                }
                if (dev.kemu.vfs.Ftrace.on()) {
                    dev.kemu.vfs.Ftrace.note("mutex_lock(i_mutex of " + (inode.name() == null ? "ino " + inode.ino() : inode.name()) + ")");
                }
                inode.lock().lock();
                try {
                    ret = SpliceFromPipe.feedLocked(pipe, sd, PipeToFile.INSTANCE);
                } finally {
                    inode.lock().unlock();
                }
            } while (ret > 0);
            SpliceFromPipe.endLocked(pipe, sd);
        } finally {
            pipe.unlock();
        }
        if (sd.numSpliced != 0) {
            ret = sd.numSpliced;
        }
        if (ret > 0) {
            ppos[0] += ret;
        }
        return ret;
    }
}
