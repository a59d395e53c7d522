package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4Extent;
import dev.kemu.fs.ext4.disklayout.Ext4ExtentHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The extent tree of one inode ({@code fs/ext4/extents.c}): node I/O
 * ({@code __read_extent_tree_block()}), lookup ({@code ext4_find_extent()}), ordered walks, and
 * the entry points of the changes, which live in {@link ExtentInsert} (insertion, splitting,
 * growth, unwritten conversion) and {@link ExtentRemove} (truncation).
 *
 * <p>An instance is one operation over the inode's {@link ExtentCache}: it takes the decoded root
 * and tree blocks from the cache, reading and verifying (header, checksum) only the blocks not yet
 * cached; a changed tree block is marked dirty there and written at writeback; {@link #commit}
 * encodes a changed root back into the inode's {@code i_block}, and the caller then marks the
 * inode dirty (or writes it). The caller holds the inode's
 * {@code i_data_sem}: the read lock for lookups, the write lock for changes, and before a change
 * has {@linkplain BlockGroups#claim claimed} {@link #maxNewTreeBlocks()} blocks per insertion (plus
 * the data blocks it maps), so allocation cannot fail half-way.
 */
final class ExtentTree {
    private final Ext4SbInfo sbi;
    private final Ext4InodeInfo info;
    private final ExtentCache cache;
    final ExtentNode root;
    private boolean rootDirty;
    private Reservation res;
    /** The leaf and position the last {@link #lookupOrPrev} ended at, for {@link #extendFound}. */
    private ExtentNode foundLeaf;
    private int foundPos = -1;

    /** One level of a lookup path: a node and the position taken in it ({@code struct ext4_ext_path}). */
    static final class Level {
        final ExtentNode node;
        final int pos;

        Level(ExtentNode node, int pos) {
            this.node = node;
            this.pos = pos;
        }
    }

    ExtentTree(Ext4SbInfo sbi, Ext4InodeInfo info) {
        this.sbi = sbi;
        this.info = info;
        this.cache = info.extentCache();
        cache.trimIfLarge();
        this.root = cache.root(info);
    }

    /** Lets the operation allocate tree blocks from {@code r}; returns this. */
    ExtentTree using(Reservation r) {
        this.res = r;
        return this;
    }

    int depth() {
        return root.depth;
    }

    /** Blocks one insertion may allocate for the tree itself: a split at every level plus a new root level. */
    int maxNewTreeBlocks() {
        return root.depth + 1;
    }

    /** {@code ext4_ext_space_block}: the slots of a tree block of the filesystem's block size. */
    int blockMax() {
        return Ext4ExtentHeader.blockMax(sbi.blockSize);
    }

    private Integer seed() {
        return sbi.csum ? info.csumSeed() : null;
    }

    /** {@code __read_extent_tree_block}: the tree block {@code pblk}, from the cache or read and verified. */
    ExtentNode load(long pblk, int depth) {
        ExtentNode n = cache.get(pblk);
        if (n != null) {
            if (n.depth != depth) {
                throw new FsCorruptedException("extent block " + pblk + " at depth " + n.depth + ", expected " + depth);
            }
            return n;
        }
        if (pblk <= 0 || pblk >= sbi.es().blocksCount()) {
            throw new FsCorruptedException("extent index points to block " + pblk);
        }
        return cache.putClean(ExtentNode.decodeBlock(sbi.bread(pblk), pblk, depth, seed()));
    }

    /** {@code ext4_ext_dirty}: the root is stored by {@link #commit}, a tree block waits in the cache for writeback. */
    void write(ExtentNode n) {
        if (n.isRoot()) {
            rootDirty = true;
        } else {
            cache.markDirty(n);
        }
    }

    /**
     * Writes the dirty tree blocks of {@code info} to the device (writeback of the tree's buffer
     * heads). The caller holds {@code i_data_sem} for writing.
     */
    static void writeDirtyLocked(Ext4SbInfo sbi, Ext4InodeInfo info) {
        info.extentCache().writeDirty(sbi.dev, sbi.blockSize, sbi.csum ? info.csumSeed() : null);
    }

    /** Stores a changed root in the inode; true when the inode needs writing. */
    boolean commit() {
        if (rootDirty) {
            info.storeRoot(root);
            rootDirty = false;
            return true;
        }
        return false;
    }

    List<Level> findPath(long lblk) {
        List<Level> path = new ArrayList<>();
        ExtentNode n = root;
        while (true) {
            int pos = n.search(lblk);
            if (n.depth == 0) {
                path.add(new Level(n, pos));
                return path;
            }
            if (n.index.isEmpty()) {
                throw new FsCorruptedException("empty extent index node " + n);
            }
            pos = Math.max(pos, 0);
            path.add(new Level(n, pos));
            n = load(n.index.get(pos).leaf(), n.depth - 1);
        }
    }

    /** {@code ext4_ext_map_blocks} lookup: the extent holding {@code lblk}, or null for a hole. */
    Ext4Extent lookup(long lblk) {
        Ext4Extent e = lookupOrPrev(lblk);
        return e != null && e.contains(lblk) ? e : null;
    }

    /**
     * The last extent starting at or before {@code lblk} in the leaf that covers it (the extent
     * holding {@code lblk}, or the one before the hole), or null when there is none in that leaf.
     */
    Ext4Extent lookupOrPrev(long lblk) {
        ExtentNode n = root;
        while (n.depth > 0) {
            if (n.index.isEmpty()) {
                throw new FsCorruptedException("empty extent index node " + n);
            }
            n = load(n.index.get(Math.max(n.search(lblk), 0)).leaf(), n.depth - 1);
        }
        int pos = n.search(lblk);
        foundLeaf = n;
        foundPos = pos;
        return pos < 0 ? null : n.extents.get(pos);
    }

    /**
     * True when the extent {@link #lookupOrPrev}{@code (lblk)} found ends right before {@code lblk},
     * is written and has room for one more block, and no extent starts at {@code lblk + 1} in the
     * leaf: mapping {@code lblk} to the block after it is then exactly {@link ExtentInsert#insert}'s
     * merge on the left, done by {@link #extendFound}.
     */
    boolean canExtendFound(long lblk) {
        if (foundPos < 0) {
            return false;
        }
        Ext4Extent e = foundLeaf.extents.get(foundPos);
        if (e.unwritten() || e.end() != lblk || e.len() >= Ext4Extent.INIT_MAX_LEN) {
            return false;
        }
        return foundPos + 1 == foundLeaf.extents.size() || foundLeaf.extents.get(foundPos + 1).block() != lblk + 1;
    }

    /** Grows the extent {@link #lookupOrPrev} found by one block (see {@link #canExtendFound}). */
    void extendFound() {
        Ext4Extent e = foundLeaf.extents.get(foundPos);
        foundLeaf.extents.set(foundPos, new Ext4Extent(e.block(), e.len() + 1, false, e.start()));
        write(foundLeaf);
    }

    /**
     * Visits, in order, the extents that end after {@code lblk} until {@code visitor} returns false.
     *
     * @return false if the visitor stopped the walk
     */
    boolean forEachFrom(long lblk, Predicate<Ext4Extent> visitor) {
        return visit(root, lblk, visitor);
    }

    private boolean visit(ExtentNode n, long lblk, Predicate<Ext4Extent> visitor) {
        if (n.depth == 0) {
            for (Ext4Extent e : n.extents) {
                if (e.end() > lblk && !visitor.test(e)) {
                    return false;
                }
            }
            return true;
        }
        for (int i = Math.max(n.search(lblk), 0); i < n.index.size(); i++) {
            if (!visit(load(n.index.get(i).leaf(), n.depth - 1), lblk, visitor)) {
                return false;
            }
        }
        return true;
    }

    /** Maps {@code newex}, whose logical range must be unmapped ({@link ExtentInsert#insert}). */
    void insert(Ext4Extent newex) {
        new ExtentInsert(this).insert(newex);
    }

    /** {@link ExtentInsert#convertToWritten}. */
    void convertToWritten(long lblk) {
        new ExtentInsert(this).convertToWritten(lblk);
    }

    /** {@link ExtentRemove#removeFrom}. */
    void removeFrom(long from) {
        new ExtentRemove(this).removeFrom(from);
    }

    /** A new tree block near the inode, from the operation's reservation; counted in {@code i_blocks}. */
    long allocTreeBlock() {
        long goal = sbi.mballoc.goalForInode(info.ino);
        if (res == null) {
            throw new IllegalStateException("tree change without a block reservation");
        }
        long b = sbi.mballoc.newBlock(goal, res);
        info.addBlocks(sbi.sectorsPerBlock());
        return b;
    }

    /** Frees a tree block that emptied. */
    void freeTreeBlock(long pblk) {
        cache.forget(pblk);
        sbi.mballoc.freeBlocks(pblk, 1);
        info.addBlocks(-(sbi.sectorsPerBlock()));
    }

    /** Frees data blocks that were unmapped. */
    void freeData(long start, int len) {
        sbi.mballoc.freeBlocks(start, len);
        info.addBlocks(-(long) len * (sbi.sectorsPerBlock()));
    }
}
