package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4Features;
import dev.kemu.fs.ext4.disklayout.Ext4Geometry;
import dev.kemu.fs.ext4.disklayout.Ext4GroupDesc;
import dev.kemu.fs.ext4.disklayout.Ext4SuperBlock;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.Page;
import dev.kemu.vfs.SuperBlock;
import dev.kemu.vfs.VfsBehaviour;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The mounted filesystem's private state ({@code fs/ext4/ext4.h:struct ext4_sb_info}), kept in
 * the VFS superblock's {@code s_fs_info}: the device, the decoded superblock, the block groups,
 * the inode cache and the orphan list.
 *
 * <p>Locking: the superblock record is immutable and published through a volatile field, so
 * {@link #es()} never blocks (it is called under the groups lock). It is replaced only under
 * {@link #superLock} ({@code s_sb_lock}), which {@link #writeSuper} holds while it gathers the
 * free counts (groups lock inside) and the orphan head (orphan lock inside); no code takes
 * {@code superLock} while holding either. Everything else here is final.
 */
final class Ext4SbInfo {
    final BlockDevice dev;
    /** {@code sb->s_blocksize}: from the superblock's {@code s_log_block_size}, 1024 to 4096. */
    final int blockSize;
    /** {@code sb->s_blocksize_bits}. */
    final int blkbits;
    /** Blocks per 4 KiB page ({@code PAGE_SIZE >> blkbits}). */
    final int blocksPerPage;
    /** {@code metadata_csum}. */
    final boolean csum;
    /** {@code s_csum_seed}. */
    final int csumSeed;
    /** Group descriptors carry checksums and {@code bg_itable_unused} is meaningful. */
    final boolean gdtCsum;
    /**
     * Read-only: by option, because of a feature the model cannot write, or since an error turned
     * it read-only ({@link Ext4Error}; it never turns writable again).
     */
    volatile boolean readOnly;
    /** Why the mount is read-only, for messages; null when writable. */
    volatile String readOnlyReason;
    final long maxBytes;
    final BlockGroups groups;
    final Mballoc mballoc;
    final Ialloc ialloc;
    final Ext4Inodes inodes;
    final Ext4Orphan orphans;
    /** Error handling and the error record ({@code ext4_error}). */
    final Ext4Error errors;
    /** The kernel version's SEEK_DATA/SEEK_HOLE ({@link Ext4Seek}). */
    final VfsBehaviour.Ext4SeekHole seekHole;
    final Object superLock = new Object();
    private final long[] inodeTables;
    private final AtomicInteger nextGeneration = new AtomicInteger(ThreadLocalRandom.current().nextInt());
    /** Written under {@link #superLock}, read without it. */
    private volatile Ext4SuperBlock es;
    private volatile SuperBlock vfsSb;
    private volatile boolean shutdown;

    Ext4SbInfo(BlockDevice dev, Ext4SuperBlock es, Ext4GroupDesc[] gds, String readOnlyReason,
            VfsBehaviour.Ext4SeekHole seekHole) {
        this.dev = dev;
        this.blockSize = es.blockSize();
        this.blkbits = Integer.numberOfTrailingZeros(blockSize);
        this.blocksPerPage = Page.SIZE >> blkbits;
        this.seekHole = Objects.requireNonNull(seekHole);
        this.es = es;
        this.csum = es.hasMetadataCsum();
        this.csumSeed = es.csumSeed();
        this.gdtCsum = csum || es.hasRoCompat(Ext4Features.RO_COMPAT_GDT_CSUM);
        this.readOnlyReason = readOnlyReason;
        this.readOnly = readOnlyReason != null;
        this.maxBytes = maxSize(es);
        this.inodeTables = new long[gds.length];
        for (int g = 0; g < gds.length; g++) {
            inodeTables[g] = gds[g].inodeTable();
        }
        this.groups = new BlockGroups(this, gds);
        this.mballoc = new Mballoc(this, groups);
        this.ialloc = new Ialloc(this, groups);
        this.inodes = new Ext4Inodes(this);
        this.orphans = new Ext4Orphan(this, es.lastOrphan());
        this.errors = new Ext4Error(this);
    }

    /**
     * {@code EXT4_FLAGS_EMERGENCY_RO}: from now on the filesystem writes nothing; operations that
     * would write fail with EROFS.
     */
    void emergencyReadOnly(String reason) {
        readOnlyReason = reason;
        readOnly = true;
    }

    /**
     * Writes the superblock as last written with {@code count} more errors recorded
     * ({@code ext4_update_super}'s error part); the caller holds {@link #superLock}.
     */
    void commitError(int count, Ext4Error.Record first, Ext4Error.Record last) {
        // The first call fills the first-error fields if none are recorded; the second the last-error ones.
        Ext4SuperBlock s = es.withError(0, first.time(), first.ino(), first.block(), first.function(), 0, first.code());
        s = s.withError(count, last.time(), last.ino(), last.block(), last.function(), 0, last.code());
        es = s;
        // ext4_commit_super writes the superblock's buffer straight to the device, never through
        // the journal, which an error aborts (jbd2_journal_abort).
        BlockDevice home = dev instanceof Jbd2Device d ? d.journal().raw : dev;
        home.write(Ext4SuperBlock.OFFSET, s.encode(), 0, Ext4SuperBlock.SIZE);
        home.flush();
    }

    /**
     * {@code fs/ext4/super.c:ext4_max_size()} for extent-mapped files: 2<sup>32</sup> - 1 blocks,
     * and without {@code huge_file} also what a 32-bit {@code i_blocks} of sectors can count.
     */
    static long maxSize(Ext4SuperBlock es) {
        int blkbits = Integer.numberOfTrailingZeros(es.blockSize());
        long upper = Long.MAX_VALUE;
        if (!es.hasRoCompat(Ext4Features.RO_COMPAT_HUGE_FILE)) {
            upper = ((1L << 32) - 1) >> (blkbits - 9) << blkbits;
        }
        long res = ((1L << 32) - 1) << blkbits;
        return Math.min(res, upper);
    }

    static Ext4SbInfo of(SuperBlock sb) {
        return (Ext4SbInfo) sb.fsInfo();
    }

    static Ext4SbInfo of(Inode inode) {
        return (Ext4SbInfo) inode.sb().fsInfo();
    }

    Ext4SuperBlock es() {
        return es;
    }

    SuperBlock vfsSb() {
        return vfsSb;
    }

    void setVfsSb(SuperBlock sb) {
        vfsSb = sb;
    }

    boolean isShutdown() {
        return shutdown;
    }

    void shutdown() {
        shutdown = true;
    }

    /** Reads block {@code pblk} of this filesystem ({@code sb_bread}). */
    byte[] bread(long pblk) {
        return dev.readBlock(pblk, blockSize);
    }

    /** Writes a whole block of this filesystem from {@code src[off..]}. */
    void bwrite(long pblk, byte[] src, int off) {
        dev.writeBlock(pblk, blockSize, src, off);
    }

    /** 512-byte sectors per block, the unit of {@code i_blocks}. */
    int sectorsPerBlock() {
        return blockSize >> BlockDevice.SECTOR_SHIFT;
    }

    /** The byte position of inode {@code ino} in its inode table. */
    long inodePos(long ino) {
        Ext4SuperBlock s = es();
        long g = (ino - 1) / s.inodesPerGroup();
        long idx = (ino - 1) % s.inodesPerGroup();
        return inodeTables[(int) g] * blockSize + idx * s.inodeSize();
    }

    /** {@code s_next_generation++}. */
    long nextGeneration() {
        return nextGeneration.getAndIncrement() & 0xFFFFFFFFL;
    }

    /** Seconds since the epoch ({@code ktime_get_real_seconds}). */
    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    /**
     * {@code ext4_commit_super}: writes the primary superblock with the current free counts and
     * orphan head.
     */
    void writeSuper(int state, int mntCount, long mtime) {
        if (readOnly) {
            return; // read-only, or an error stopped all writes but its own record
        }
        synchronized (superLock) {
            es = es.withFreeCounts(groups.freeBlocks(), groups.freeInodes())
                    .withMountState(state, mntCount, mtime, now(), orphans.head());
            dev.write(Ext4SuperBlock.OFFSET, es.encode(), 0, Ext4SuperBlock.SIZE);
        }
    }

    /** Sets or clears an INCOMPAT feature in the superblock record (written by the next {@link #writeSuper}). */
    void setIncompat(int feature, boolean on) {
        synchronized (superLock) {
            int incompat = on ? es.featureIncompat() | feature : es.featureIncompat() & ~feature;
            es = es.withFeatures(es.featureCompat(), incompat, es.featureRoCompat());
        }
    }

    /** {@link #writeSuper} keeping state, count and mount time. */
    void writeSuper() {
        Ext4SuperBlock s = es();
        writeSuper(s.state(), s.mntCount(), s.mtime());
    }

    /** The first block of the group holding inode {@code ino}. */
    long groupStartOfInode(long ino) {
        Ext4SuperBlock s = es();
        return Ext4Geometry.groupFirstBlock(s, (ino - 1) / s.inodesPerGroup());
    }
}
