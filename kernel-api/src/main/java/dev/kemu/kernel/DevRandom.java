package dev.kemu.kernel;

import dev.kemu.vfs.File;
import dev.kemu.vfs.IovIter;
import dev.kemu.vfs.Kiocb;
import dev.kemu.vfs.spi.FileOperations;

/**
 * {@code /dev/random} and {@code /dev/urandom} ({@code drivers/char/random.c:random_fops},
 * {@code urandom_fops}): reads give bytes of the machine's {@link Crng}, writes are taken in
 * whole (mixed into the pool: here, dropped), {@code llseek} is {@code noop_llseek} (the
 * position is reported and not changed).
 *
 * <p>Deliberate divergences: the pool is always initialised, so /dev/random never blocks and
 * never returns short for lack of entropy (as 5.6+ kernels behave once the crng is ready;
 * earlier kernels could); the bytes are a seeded pseudo-random stream, so a run can be repeated
 * (a replay compares only the count).
 */
final class DevRandom implements FileOperations {
    /** {@code makedev(1, 8)}. */
    static final long RANDOM_RDEV = 0x108;
    /** {@code makedev(1, 9)}. */
    static final long URANDOM_RDEV = 0x109;

    private final Crng crng;
    private final boolean splice;

    DevRandom(Crng crng, DeviceBehaviour behaviour) {
        this.crng = crng;
        this.splice = behaviour.randomSpliceIter();
    }

    @Override
    public long llseek(File file, long offset, int whence) {
        return file.pos();
    }

    /** {@code urandom_read_iter} / {@code get_random_bytes_user}: EFAULT only when nothing was copied. */
    @Override
    public long readIter(Kiocb iocb, IovIter to) {
        long total = to.count();
        long done = 0;
        byte[] chunk = new byte[(int) Math.min(total, dev.kemu.vfs.Page.SIZE)];
        while (done < total) {
            int n = (int) Math.min(chunk.length, total - done);
            crng.nextBytes(chunk, n);
            int copied = to.copyToIter(chunk, 0, n);
            done += copied;
            if (copied < n) {
                break;
            }
        }
        return done == 0 && total > 0 ? dev.kemu.vfs.Errno.EFAULT.neg() : done;
    }

    /** {@code random_write_iter}: the bytes are mixed in and counted. */
    @Override
    public long writeIter(Kiocb iocb, IovIter from) {
        long n = from.count();
        from.advance(n);
        return n;
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
