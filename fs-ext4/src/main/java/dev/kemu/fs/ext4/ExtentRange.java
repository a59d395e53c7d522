package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4Extent;
import dev.kemu.fs.ext4.disklayout.Ext4ExtentHeader;
import dev.kemu.fs.ext4.disklayout.Ext4ExtentIdx;
import java.util.ArrayList;
import java.util.List;

/**
 * Changes of an extent tree over a range of logical blocks, for fallocate
 * ({@code fs/ext4/extents.c:ext4_ext_remove_space()} with an end, {@code ext4_ext_shift_extents()},
 * {@code ext4_split_extent_at()}): unmapping a range in the middle of a file, moving every
 * extent past a block left or right, and splitting the extent that straddles a block.
 *
 * <p>After a change, every index entry is keyed with the first block of its child, as
 * {@code ext4_ext_correct_indexes()} keeps it (e2fsck checks it). The caller holds
 * {@code i_data_sem} for writing and has claimed the blocks an insertion may need
 * ({@link ExtentTree#maxNewTreeBlocks()}) for the splits.
 */
final class ExtentRange {
    private final ExtentTree tree;

    ExtentRange(ExtentTree tree) {
        this.tree = tree;
    }

    /**
     * {@code ext4_ext_remove_space(from, to - 1)}: unmaps {@code [from, to)}, freeing the data
     * blocks and the tree blocks that empty. An extent straddling the whole range keeps its left
     * part in place and its right part is inserted after it (one insertion).
     */
    void removeRange(long from, long to) {
        List<Ext4Extent> rightParts = new ArrayList<>();
        removeIn(tree.root, from, to, rightParts);
        if (tree.root.entries() == 0 && tree.root.depth > 0) {
            tree.root.depth = 0;
            tree.root.max = Ext4ExtentHeader.ROOT_MAX;
            tree.root.index.clear();
            tree.write(tree.root);
        }
        fixIndexes(tree.root);
        for (Ext4Extent e : rightParts) {
            tree.insert(e);
        }
        fixIndexes(tree.root);
    }

    /** Removes {@code [from, to)} from one node; true if the node is now empty. */
    private boolean removeIn(ExtentNode n, long from, long to, List<Ext4Extent> rightParts) {
        boolean modified = false;
        if (n.depth == 0) {
            for (int i = n.extents.size() - 1; i >= 0; i--) {
                Ext4Extent e = n.extents.get(i);
                if (e.end() <= from || e.block() >= to) {
                    continue;
                }
                modified = true;
                long cutStart = Math.max(from, e.block());
                long cutEnd = Math.min(to, e.end());
                tree.freeData(e.pblk(cutStart), (int) (cutEnd - cutStart));
                Ext4Extent left = cutStart > e.block()
                        ? new Ext4Extent(e.block(), (int) (cutStart - e.block()), e.unwritten(), e.start()) : null;
                Ext4Extent right = cutEnd < e.end()
                        ? new Ext4Extent(cutEnd, (int) (e.end() - cutEnd), e.unwritten(), e.pblk(cutEnd)) : null;
                if (left != null && right != null) {
                    n.extents.set(i, left);
                    rightParts.add(right);
                } else if (left != null) {
                    n.extents.set(i, left);
                } else if (right != null) {
                    n.extents.set(i, right);
                } else {
                    n.extents.remove(i);
                }
            }
        } else {
            for (int i = n.index.size() - 1; i >= 0; i--) {
                Ext4ExtentIdx idx = n.index.get(i);
                long childEnd = i + 1 < n.index.size() ? n.index.get(i + 1).block() : Long.MAX_VALUE;
                if (childEnd <= from && i + 1 < n.index.size() || idx.block() >= to && i > 0) {
                    continue;
                }
                ExtentNode child = tree.load(idx.leaf(), n.depth - 1);
                if (removeIn(child, from, to, rightParts)) {
                    tree.freeTreeBlock(child.pblk);
                    n.index.remove(i);
                    modified = true;
                }
            }
        }
        boolean empty = n.entries() == 0;
        if (modified && (n.isRoot() || !empty)) {
            tree.write(n);
        }
        return empty;
    }

    /**
     * {@code ext4_ext_shift_extents}: every extent starting at or after {@code from} moves by
     * {@code delta} blocks (negative: left, for a collapse; positive: right, for an insert).
     * The caller has made sure the moved extents land on unmapped blocks and that no extent
     * straddles {@code from}.
     */
    void shift(long from, long delta) {
        shiftIn(tree.root, from, delta);
        fixIndexes(tree.root);
    }

    private void shiftIn(ExtentNode n, long from, long delta) {
        boolean modified = false;
        if (n.depth == 0) {
            for (int i = 0; i < n.extents.size(); i++) {
                Ext4Extent e = n.extents.get(i);
                if (e.block() >= from) {
                    n.extents.set(i, new Ext4Extent(e.block() + delta, e.len(), e.unwritten(), e.start()));
                    modified = true;
                }
            }
        } else {
            for (int i = 0; i < n.index.size(); i++) {
                long childEnd = i + 1 < n.index.size() ? n.index.get(i + 1).block() : Long.MAX_VALUE;
                if (childEnd <= from && i + 1 < n.index.size()) {
                    continue;
                }
                shiftIn(tree.load(n.index.get(i).leaf(), n.depth - 1), from, delta);
            }
        }
        if (modified) {
            tree.write(n);
        }
    }

    /**
     * {@code ext4_split_extent_at} at {@code lblk}, then {@link #shift}{@code (lblk, delta)}: the
     * extent straddling {@code lblk} keeps its left part in place and its right part is inserted
     * {@code delta} blocks further (after the shift, so that it cannot merge back with the left).
     */
    void splitAndShift(long lblk, long delta) {
        Ext4Extent e = tree.lookup(lblk);
        Ext4Extent right = null;
        if (e != null && e.block() < lblk) {
            List<ExtentTree.Level> path = tree.findPath(lblk);
            ExtentTree.Level leaf = path.get(path.size() - 1);
            leaf.node.extents.set(leaf.pos, new Ext4Extent(e.block(), (int) (lblk - e.block()), e.unwritten(), e.start()));
            tree.write(leaf.node);
            right = new Ext4Extent(lblk + delta, (int) (e.end() - lblk), e.unwritten(), e.pblk(lblk));
        }
        shift(lblk, delta);
        if (right != null) {
            tree.insert(right);
            fixIndexes(tree.root);
        }
    }

    /** Keys every index entry below {@code n} with its child's first block; returns {@code n}'s first key. */
    private long fixIndexes(ExtentNode n) {
        if (n.depth == 0) {
            return n.extents.isEmpty() ? -1 : n.extents.get(0).block();
        }
        boolean modified = false;
        for (int i = 0; i < n.index.size(); i++) {
            Ext4ExtentIdx idx = n.index.get(i);
            long key = fixIndexes(tree.load(idx.leaf(), n.depth - 1));
            if (key >= 0 && key != idx.block()) {
                n.index.set(i, new Ext4ExtentIdx(key, idx.leaf()));
                modified = true;
            }
        }
        if (modified) {
            tree.write(n);
        }
        return n.index.isEmpty() ? -1 : n.index.get(0).block();
    }
}
