package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4Extent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The extent tree of one inode ({@code fs/ext4/extents.c}): node I/O
 * ({@code __read_extent_tree_block()}), lookup ({@code ext4_find_extent()}), ordered walks, and
 * the entry points of the changes, which live in {@link ExtentInsert} (insertion, splitting,
 * growth, unwritten conversion) and {@link ExtentRemove} (truncation).
 *
 * <p>An instance is one operation: it decodes the root from the inode, reads the blocks it needs,
 * writes every changed tree block at once (checksummed), and {@link #commit} stores a changed
 * root back into the inode, which the caller then writes. The caller holds the inode's
 * {@code i_data_sem}: the read lock for lookups, the write lock for changes, and before a change
 * has {@linkplain BlockGroups#claim claimed} {@link #maxNewTreeBlocks()} blocks per insertion (plus
 * the data blocks it maps), so allocation cannot fail half-way.
 */
final class ExtentTree {
    private final Ext4SbInfo sbi;
    private final Ext4InodeInfo info;
    final ExtentNode root;
    private boolean rootDirty;
    private Reservation res;

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
        this.root = ExtentNode.decodeRoot(info.root());
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

    private Integer seed() {
        return sbi.csum ? info.csumSeed() : null;
    }

    ExtentNode load(long pblk, int depth) {
        if (pblk <= 0 || pblk >= sbi.es().blocksCount()) {
            throw new FsCorruptedException("extent index points to block " + pblk);
        }
        return ExtentNode.decodeBlock(sbi.dev.readBlock(pblk), pblk, depth, seed());
    }

    void write(ExtentNode n) {
        if (n.isRoot()) {
            rootDirty = true;
        } else {
            sbi.dev.writeBlock(n.pblk, n.encodeBlock(seed()), 0);
        }
    }

    /** Stores a changed root in the inode; true when the inode needs writing. */
    boolean commit() {
        if (rootDirty) {
            info.setRoot(root.encodeRoot());
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
        List<Level> path = findPath(lblk);
        Level leaf = path.get(path.size() - 1);
        if (leaf.pos < 0) {
            return null;
        }
        Ext4Extent e = leaf.node.extents.get(leaf.pos);
        return e.contains(lblk) ? e : null;
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
        info.addBlocks(BlockDevice.BLOCK_SIZE / 512);
        return b;
    }

    /** Frees a tree block that emptied. */
    void freeTreeBlock(long pblk) {
        sbi.mballoc.freeBlocks(pblk, 1);
        info.addBlocks(-(BlockDevice.BLOCK_SIZE / 512));
    }

    /** Frees data blocks that were unmapped. */
    void freeData(long start, int len) {
        sbi.mballoc.freeBlocks(start, len);
        info.addBlocks(-(long) len * (BlockDevice.BLOCK_SIZE / 512));
    }
}
