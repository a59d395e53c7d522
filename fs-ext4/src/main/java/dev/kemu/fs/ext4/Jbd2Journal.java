package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4SuperBlock;
import dev.kemu.fs.ext4.disklayout.Jbd2Format;
import dev.kemu.fs.ext4.disklayout.Jbd2SuperBlock;
import dev.kemu.vfs.spi.MountException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntSupplier;

/**
 * An ext4 journal ({@code fs/jbd2/journal.c:journal_t}, {@code jbd2_journal_load()},
 * {@code jbd2_journal_destroy()}, {@code fs/jbd2/transaction.c:jbd2__journal_start()} and
 * {@code jbd2_journal_stop()}, {@code fs/jbd2/commit.c:jbd2_journal_commit_transaction()}), in
 * jbd2's on-disk format inside the journal inode.
 *
 * <p>Metadata writes land in the running transaction, reads see it (and a committing one) before
 * the home block, file data goes home at once ({@code data=ordered}). A commit
 * ({@link #commit}: fsync, syncfs, unmount, a running transaction past a quarter of the log, or
 * older than the commit interval) first runs the filesystem's {@code beforeCommit} (write back the
 * dirty pages, so that data reaches home before the metadata that points at it, and put the
 * in-memory metadata into the transaction), then writes the log ({@link Jbd2Commit}), then
 * checkpoints: writes every block home. The tail moves lazily: the log keeps transactions already
 * home until it needs the room ({@code jbd2_cleanup_journal_tail()}), so a block journalled there
 * and then freed and written as file data is revoked in the running transaction.
 *
 * <p>Deliberate divergences: one transaction at a time, committed synchronously by the thread
 * that asks (no kjournald2 thread); the checkpoint writes home right after the commit instead of
 * when the log is full; a transaction too large for the log is written home without the log (a
 * crash in it is not atomic; jbd2 would have committed before it grew so large).
 *
 * <p>Locking: {@link #handles} is the transaction's handle count: every operation that changes
 * metadata holds its read lock from start to stop ({@code ext4_journal_start}/{@code _stop}),
 * outermost of all filesystem locks (only the VFS's inode locks come before it); a commit holds
 * the write lock, so it only ever sees whole operations. Nested starts on one thread are free.
 * The journal's monitor guards the running and committing transactions and the log's block
 * table; device I/O of reads is done outside it, metadata writes patch under it.
 */
final class Jbd2Journal {
    /** {@code JBD2_DEFAULT_MAX_COMMIT_AGE}: 5 seconds. */
    static final long COMMIT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

    /**
     * A planted fault for the crash harness only: a commit that finds work to do leaves it in the
     * running transaction and returns, so {@code fsync} reports success with nothing durable.
     * Never set otherwise.
     */
    static volatile boolean plantedFaultNoCommit;

    final BlockDevice raw;
    final long[] map;
    final int blockSize;
    final ReentrantReadWriteLock handles = new ReentrantReadWriteLock();
    /** Guarded by the write lock of {@link #handles} once started. */
    Jbd2SuperBlock jsb;
    /** The log: positions {@code first .. last - 1}; head is where the next transaction goes. */
    final long first;
    final long last;
    long head;
    long tail;
    /** {@code JBD2_FLUSHED}: the on-disk journal superblock says empty ({@code s_start} 0). */
    boolean flushed = true;
    long lastCommitSec;
    /** Home blocks journalled in a transaction since the tail, to the newest such transaction. */
    private final Map<Long, Integer> live = new HashMap<>();
    private Jbd2Transaction running;
    private Jbd2Transaction committing;
    private IntSupplier beforeCommit = () -> 0;
    /** Run after each commit, under the handles' write lock ({@code j_commit_callback}). */
    private volatile Runnable afterCommit = () -> { };
    private volatile boolean started;
    private volatile boolean destroyed;

    private Jbd2Journal(BlockDevice raw, long[] map, int blockSize, Jbd2SuperBlock jsb) {
        this.raw = raw;
        this.map = map;
        this.blockSize = blockSize;
        this.jsb = jsb;
        this.first = jsb.first();
        this.last = jsb.maxLen();
        this.head = first;
        this.tail = first;
    }

    /**
     * {@code ext4_get_journal()} + {@code jbd2_journal_init_inode()} + {@code load_superblock()}:
     * the journal of {@code es}, not yet recovered nor started.
     *
     * @throws MountException when the journal cannot be used
     */
    static Jbd2Journal load(BlockDevice dev, Ext4SuperBlock es, String name) throws MountException {
        long[] map = Jbd2JournalInode.blockMap(dev, es, name);
        int bs = es.blockSize();
        byte[] b = new byte[bs];
        dev.read(map[0] * bs, b, 0, bs);
        Jbd2SuperBlock jsb = Jbd2SuperBlock.decode(b);
        if (jsb == null) {
            throw new MountException(name + ": JBD2: no valid journal superblock found");
        }
        if (jsb.blockType() != Jbd2Format.SUPERBLOCK_V2 && jsb.blockType() != Jbd2Format.SUPERBLOCK_V1) {
            throw new MountException(name + ": JBD2: unrecognised superblock format ID");
        }
        if (jsb.blockSize() != bs || jsb.maxLen() > map.length || jsb.maxLen() < 1024 || jsb.first() < 1
                || jsb.first() >= jsb.maxLen()) {
            throw new MountException(name + ": JBD2: journal superblock does not fit the journal inode (" + jsb + ")");
        }
        if (!jsb.checksumValid()) {
            throw new MountException(name + ": JBD2: journal checksum error (superblock)");
        }
        int unknown = jsb.featureIncompat() & ~Jbd2Format.KNOWN_INCOMPAT;
        if (unknown != 0 || jsb.featureRoCompat() != 0) {
            throw new MountException(name + String.format(": JBD2: Unrecognised features on journal (incompat %#x)",
                    jsb.featureIncompat()));
        }
        return new Jbd2Journal(dev, map, bs, jsb);
    }

    /** {@code s_start != 0}: the log holds transactions. */
    boolean hasLiveTransactions() {
        return jsb.start() != 0;
    }

    /**
     * {@code jbd2_journal_wipe()}: forgets whatever the log holds (a journal whose filesystem
     * does not say {@code needs_recovery}).
     */
    void wipe() {
        writeSuperblock(jsb.withLog(jsb.sequence(), 0));
        raw.flush();
    }

    /**
     * Starts journalling ({@code ext4_fill_super} setting the journal features, then
     * {@code journal_reset()}): {@code CSUM_V3} with {@code metadata_csum}, {@code 64BIT} on a
     * 64-bit filesystem; the superblock is written at the first commit ({@code JBD2_FLUSHED}).
     */
    void start(boolean csum, boolean is64, IntSupplier beforeCommit) {
        int incompat = jsb.featureIncompat() & ~(Jbd2Format.FEATURE_INCOMPAT_CSUM_V2 | Jbd2Format.FEATURE_INCOMPAT_CSUM_V3);
        int compat = jsb.featureCompat();
        if (csum) {
            incompat |= Jbd2Format.FEATURE_INCOMPAT_CSUM_V3;
        }
        if (is64) {
            incompat |= Jbd2Format.FEATURE_INCOMPAT_64BIT;
        }
        jsb = jsb.withFeatures(compat, incompat);
        synchronized (this) {
            running = new Jbd2Transaction(jsb.sequence());
        }
        this.beforeCommit = beforeCommit;
        started = true;
    }

    boolean isActive() {
        return started && !destroyed;
    }

    int csumSeed() {
        return Jbd2Format.csumSeed(jsb.uuid());
    }

    /** Writes the journal superblock to journal block 0. */
    void writeSuperblock(Jbd2SuperBlock s) {
        jsb = s;
        byte[] b = new byte[blockSize];
        raw.read(map[0] * blockSize, b, 0, blockSize);
        System.arraycopy(s.encode(), 0, b, 0, Jbd2SuperBlock.SIZE);
        raw.write(map[0] * blockSize, b, 0, blockSize);
    }

    /** Writes log block {@code pos} (a position in the log). */
    void writeLog(long pos, byte[] b) {
        raw.write(map[(int) pos] * blockSize, b, 0, blockSize);
    }

    /** Reads log block {@code pos}. */
    byte[] readLog(long pos) {
        byte[] b = new byte[blockSize];
        raw.read(map[(int) pos] * blockSize, b, 0, blockSize);
        return b;
    }

    /** The log position after {@code pos}, wrapping from the last block to the first. */
    long next(long pos) {
        return pos + 1 >= last ? first : pos + 1;
    }

    /** {@code ext4_journal_start()}: the outermost start may first commit a full or old transaction. */
    void handleStart() {
        if (isActive() && handles.getReadHoldCount() == 0 && !handles.isWriteLockedByCurrentThread()) {
            boolean due;
            synchronized (this) {
                due = running.blocks.size() > (last - first) / 4
                        || (!running.isEmpty() && System.nanoTime() - running.startNanos > COMMIT_INTERVAL_NANOS);
            }
            if (due) {
                commit();
            }
        }
        handles.readLock().lock();
    }

    /** {@code ext4_journal_stop()}. */
    void handleStop() {
        handles.readLock().unlock();
    }

    /** Reads through the transactions: {@code len} bytes at byte {@code pos}. */
    void read(long pos, byte[] dst, int off, int len) {
        while (len > 0) {
            long block = pos / blockSize;
            int in = (int) (pos % blockSize);
            int n = Math.min(len, blockSize - in);
            boolean found = false;
            if (isActive()) {
                synchronized (this) {
                    byte[] copy = journalled(block);
                    if (copy != null) {
                        System.arraycopy(copy, in, dst, off, n);
                        found = true;
                    }
                }
            }
            if (!found) {
                // Not journalled: the home block is the newest (a checkpoint writes home before it
                // forgets the committing copy).
                raw.read(pos, dst, off, n);
            }
            pos += n;
            off += n;
            len -= n;
        }
    }

    private byte[] journalled(long block) {
        byte[] copy = running.blocks.get(block);
        if (copy == null && committing != null) {
            copy = committing.blocks.get(block);
        }
        return copy;
    }

    /** {@code jbd2_journal_get_write_access} + {@code jbd2_journal_dirty_metadata}: a metadata write. */
    void writeMetadata(long pos, byte[] src, int off, int len) {
        if (!isActive()) {
            raw.write(pos, src, off, len);
            return;
        }
        synchronized (this) {
            while (len > 0) {
                long block = pos / blockSize;
                int in = (int) (pos % blockSize);
                int n = Math.min(len, blockSize - in);
                byte[] copy = running.blocks.get(block);
                if (copy == null) {
                    byte[] older = committing == null ? null : committing.blocks.get(block);
                    copy = older != null ? older.clone() : new byte[blockSize];
                    if (older == null && n < blockSize) {
                        raw.read(block * blockSize, copy, 0, blockSize);
                    }
                    running.blocks.put(block, copy);
                }
                System.arraycopy(src, off, copy, in, n);
                // jbd2_journal_cancel_revoke: the block is journalled again.
                running.revokes.remove(block);
                pos += n;
                off += n;
                len -= n;
            }
        }
    }

    /**
     * File data to its home block. A journalled copy in the running transaction is stale (the block
     * was metadata, freed and reused): dropped ({@code jbd2_journal_forget}); a copy in a logged
     * transaction is revoked ({@code jbd2_journal_revoke}) so that replay does not overwrite the data.
     */
    void writeData(long block, byte[] src, int off) {
        if (isActive()) {
            synchronized (this) {
                running.blocks.remove(block);
                if (live.containsKey(block)) {
                    running.revokes.add(block);
                }
            }
        }
        raw.write(block * blockSize, src, off, blockSize);
    }

    /**
     * {@code jbd2_journal_commit_transaction()} and the checkpoint after it; a no-op but for the
     * device flush when nothing changed.
     *
     * @return 0, or the first error {@code beforeCommit} met writing pages back
     */
    int commit() {
        if (!isActive()) {
            raw.flush();
            return 0;
        }
        if (handles.getReadHoldCount() > 0 && !handles.isWriteLockedByCurrentThread()) {
            throw new IllegalStateException("commit inside a journal handle");
        }
        handles.writeLock().lock();
        try {
            int err = beforeCommit.getAsInt();
            Jbd2Transaction tx;
            synchronized (this) {
                tx = running;
                if (tx.isEmpty()) {
                    raw.flush();
                    return err;
                }
                committing = tx;
                running = new Jbd2Transaction(tx.tid + 1);
            }
            if (plantedFaultNoCommit && !destroyed) {
                synchronized (this) {
                    running.blocks.putAll(tx.blocks);
                    running.revokes.addAll(tx.revokes);
                    committing = null;
                }
                return err;
            }
            Jbd2Commit.write(this, tx);
            checkpoint(tx);
            synchronized (this) {
                committing = null;
                for (Long b : tx.blocks.keySet()) {
                    live.put(b, tx.tid);
                }
            }
            afterCommit.run();
            return err;
        } finally {
            handles.writeLock().unlock();
        }
    }

    /** Writes a committed transaction's blocks home, before {@link #commit} forgets the committing copies. */
    private void checkpoint(Jbd2Transaction tx) {
        for (Map.Entry<Long, byte[]> e : tx.blocks.entrySet()) {
            raw.write(e.getKey() * blockSize, e.getValue(), 0, blockSize);
        }
    }

    /** Sets what runs after each commit ({@code journal->j_commit_callback}, ext4's {@code ext4_journal_commit_callback}). */
    void onCommitted(Runnable callback) {
        afterCommit = callback;
    }

    /** Called by {@link Jbd2Commit} when it moves the tail: transactions before it are not replayed. */
    synchronized void forgetLive() {
        live.clear();
    }

    /**
     * {@code jbd2_journal_destroy()}: commits, makes everything home durable and marks the journal
     * empty ({@code jbd2_mark_journal_empty()}: {@code s_start} 0, {@code s_sequence} the next
     * transaction id). Later writes go straight to the device. Returns holding the handles' write
     * lock, so that no operation starts until the caller has written the superblock and released
     * the device ({@link #releaseAfterDestroy}).
     */
    void destroy() {
        if (!isActive()) {
            return;
        }
        handles.writeLock().lock();
        boolean done = false;
        try {
            commit();
            raw.flush();
            int nextTid;
            synchronized (this) {
                nextTid = running.tid;
            }
            writeSuperblock(jsb.withLog(nextTid, 0));
            raw.flush();
            flushed = true;
            destroyed = true;
            done = true;
        } finally {
            if (!done) {
                handles.writeLock().unlock();
            }
        }
    }

    /** Lets operations waiting since {@link #destroy} go on (to find the filesystem gone). */
    void releaseAfterDestroy() {
        while (handles.isWriteLockedByCurrentThread()) {
            handles.writeLock().unlock();
        }
    }

    /** {@code jbd2_journal_abort()} without the error record: stops journalling, writes nothing more. */
    void abort() {
        destroyed = true;
    }

    @Override
    public String toString() {
        return "journal(" + jsb + ")";
    }
}
