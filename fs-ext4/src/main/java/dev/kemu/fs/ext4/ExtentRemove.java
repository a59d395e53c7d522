package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4Extent;
import dev.kemu.fs.ext4.disklayout.Ext4ExtentHeader;
import dev.kemu.fs.ext4.disklayout.Ext4ExtentIdx;

/**
 * Truncation of an extent tree ({@code fs/ext4/extents.c:ext4_ext_remove_space()},
 * {@code ext4_ext_rm_leaf()}, {@code ext4_ext_rm_idx()}): everything from a logical block on is
 * unmapped, right to left; the straddling extent is shortened; data blocks and emptied tree
 * blocks are freed; an emptied tree returns to a bare root of depth 0. The tree is otherwise
 * never shrunk, as in the kernel.
 */
final class ExtentRemove {
    private final ExtentTree tree;

    ExtentRemove(ExtentTree tree) {
        this.tree = tree;
    }

    /**
     * {@code ext4_ext_remove_space(lblk, EXT_MAX_BLOCKS)}: unmaps everything from {@code from} on,
     * freeing the data blocks and every tree block that empties; an emptied tree returns to a bare
     * root of depth 0.
     */
    void removeFrom(long from) {
        removeIn(tree.root, from);
        if (tree.root.entries() == 0 && tree.root.depth > 0) {
            tree.root.depth = 0;
            tree.root.max = Ext4ExtentHeader.ROOT_MAX;
            tree.root.index.clear();
            tree.write(tree.root);
        }
    }

    /** Removes from one node; true if it is now empty. */
    private boolean removeIn(ExtentNode n, long from) {
        boolean modified = false;
        if (n.depth == 0) {
            for (int i = n.extents.size() - 1; i >= 0; i--) {
                Ext4Extent e = n.extents.get(i);
                if (e.block() >= from) {
                    tree.freeData(e.start(), e.len());
                    n.extents.remove(i);
                    modified = true;
                } else {
                    if (e.end() > from) {
                        int keep = (int) (from - e.block());
                        tree.freeData(e.start() + keep, e.len() - keep);
                        n.extents.set(i, new Ext4Extent(e.block(), keep, e.unwritten(), e.start()));
                        modified = true;
                    }
                    break;
                }
            }
        } else {
            for (int i = n.index.size() - 1; i >= 0; i--) {
                Ext4ExtentIdx idx = n.index.get(i);
                ExtentNode child = tree.load(idx.leaf(), n.depth - 1);
                if (removeIn(child, from)) {
                    tree.freeTreeBlock(child.pblk);
                    n.index.remove(i);
                    modified = true;
                }
                if (idx.block() < from) {
                    break;
                }
            }
        }
        boolean empty = n.entries() == 0;
        if (modified && (n.isRoot() || !empty)) {
            tree.write(n);
        }
        return empty;
    }
}
