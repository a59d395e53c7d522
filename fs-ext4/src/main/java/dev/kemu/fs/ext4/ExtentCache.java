package dev.kemu.fs.ext4;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One inode's extent tree kept decoded in memory: the root of {@code i_block} and the tree blocks
 * read so far, with the blocks changed since the last writeback. It plays the parts of the
 * kernel's buffer heads for tree blocks ({@code fs/ext4/extents.c:__read_extent_tree_block()}
 * keeps them in the buffer cache, {@code ext4_ext_dirty()} dirties them in the running
 * transaction) and of the extent status tree ({@code fs/ext4/extents_status.c}): a block lookup
 * is a binary search per level of decoded nodes and never touches the device once the path is
 * cached.
 *
 * <p>The cached nodes <em>are</em> the tree; there is no second copy to keep in step. Changes
 * are made in place and a changed tree block is only marked dirty; {@link #writeDirty} encodes,
 * checksums and writes the dirty blocks at writeback ({@code fsync}, {@code syncfs}, unmount, the
 * checker), as a journal commit would. A freed tree block is {@linkplain #forget forgotten}, so
 * that a stale copy can never be written over whatever the block holds next. The root is encoded
 * back into {@code i_block} by {@link ExtentTree#commit} as before.
 *
 * <p>Deliberate divergence: clean nodes are dropped wholesale when more than {@link #MAX_CLEAN}
 * are cached, instead of one by one under memory pressure; dirty ones stay until written.
 *
 * <p>Locking: the inode's {@code i_data_sem} ({@link Ext4InodeInfo#dataSem}). Nodes are changed,
 * and {@link #dirty} is read and written, only under its write lock. Readers under the read lock
 * may load clean nodes concurrently, so the node map is a {@link ConcurrentHashMap} (its
 * {@code put} happens-before the {@code get} that finds the node; a node published by a reader is
 * never changed until a writer holds the write lock, which orders it after the reader's release).
 * The lazily decoded root is published the same way through a volatile field; two readers that
 * race decode equal roots from the same bytes, and the first published wins.
 */
final class ExtentCache {
    /** Clean nodes kept before the cache is trimmed (a 4 KiB node decodes to about 340 extents). */
    static final int MAX_CLEAN = 4096;

    private final int maxClean;
    private volatile ExtentNode root;
    private final ConcurrentHashMap<Long, ExtentNode> nodes = new ConcurrentHashMap<>();
    /**
     * Tree blocks changed since they were last written, in the order they were first dirtied;
     * changed under the write lock, read under either.
     */
    @GuardedBy("Ext4InodeInfo.dataSem")
    private final Map<Long, ExtentNode> dirty = new LinkedHashMap<>();
    /** A lock-free hint for writeback: true while {@link #dirty} may be non-empty. */
    private volatile boolean anyDirty;

    ExtentCache() {
        this(MAX_CLEAN);
    }

    /** A cache that keeps at most {@code maxClean} clean nodes (tests use small ones). */
    ExtentCache(int maxClean) {
        this.maxClean = maxClean;
    }

    /** The decoded root, decoded from {@code info}'s {@code i_block} on first use. */
    ExtentNode root(Ext4InodeInfo info) {
        ExtentNode r = root;
        if (r == null) {
            ExtentNode decoded = ExtentNode.decodeRoot(info.root());
            synchronized (this) {
                r = root;
                if (r == null) {
                    root = decoded;
                    r = decoded;
                }
            }
        }
        return r;
    }

    /** The cached tree block {@code pblk}, or null. */
    ExtentNode get(long pblk) {
        return nodes.get(pblk);
    }

    /** Caches a node just read from the device; returns the node cached for its block. */
    ExtentNode putClean(ExtentNode n) {
        ExtentNode raced = nodes.putIfAbsent(n.pblk, n);
        return raced != null ? raced : n;
    }

    /**
     * Drops the clean nodes when more than {@code maxClean} ({@link #MAX_CLEAN}) are cached.
     * Called where an operation on the tree starts ({@link ExtentTree}'s constructor), under
     * either lock of {@code i_data_sem}, so that no operation holds a node it could later load a
     * second copy of. A reader still using a dropped node is unharmed: a clean node equals the
     * device.
     */
    void trimIfLarge() {
        if (nodes.size() - dirty.size() > maxClean) {
            nodes.values().removeIf(n -> !n.dirty);
        }
    }

    /** A tree block changed (or was created): it is cached and will be written at writeback. */
    void markDirty(ExtentNode n) {
        if (n.isRoot()) {
            throw new IllegalArgumentException("the root lives in the inode");
        }
        if (n.dirty) {
            return; // already cached and listed: dirty nodes are never trimmed
        }
        n.dirty = true;
        nodes.put(n.pblk, n);
        dirty.put(n.pblk, n);
        anyDirty = true;
    }

    /** The tree block {@code pblk} was freed: its node must never reach the device. */
    void forget(long pblk) {
        ExtentNode n = nodes.remove(pblk);
        if (n != null) {
            n.dirty = false;
        }
        dirty.remove(pblk);
        if (dirty.isEmpty()) {
            anyDirty = false;
        }
    }

    /** True when some tree block may wait for writeback (a hint, read without the lock). */
    boolean hasDirty() {
        return anyDirty;
    }

    /**
     * Encodes, checksums and writes every dirty tree block through {@code dev}; the caller holds
     * {@code i_data_sem} for writing.
     *
     * @param blockSize the filesystem's block size
     * @param csumSeed the inode's checksum seed, or null without {@code metadata_csum}
     */
    void writeDirty(BlockDevice dev, int blockSize, Integer csumSeed) {
        for (ExtentNode n : new ArrayList<>(dirty.values())) {
            dev.writeBlock(n.pblk, blockSize, n.encodeBlock(blockSize, csumSeed), 0);
            n.dirty = false;
            dirty.remove(n.pblk);
        }
        anyDirty = false;
    }

    /** The blocks waiting for writeback (for tests). */
    List<Long> dirtyBlocks() {
        return new ArrayList<>(dirty.keySet());
    }

    /** The number of tree blocks cached (for tests). */
    int cachedBlocks() {
        return nodes.size();
    }
}
