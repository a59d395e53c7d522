package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4Extent;
import dev.kemu.fs.ext4.disklayout.Ext4ExtentHeader;
import dev.kemu.fs.ext4.disklayout.Ext4ExtentIdx;
import dev.kemu.fs.ext4.ExtentTree.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * Insertion into an extent tree ({@code fs/ext4/extents.c:ext4_ext_insert_extent()} with
 * {@code ext4_ext_try_to_merge()}, {@code ext4_ext_create_new_leaf()}, {@code ext4_ext_split()},
 * {@code ext4_ext_grow_indepth()}, {@code ext4_ext_correct_indexes()}; and
 * {@code ext4_ext_convert_to_initialized()}).
 *
 * <p>A new extent merges with a neighbour in its leaf when both are contiguous logically and
 * physically, of the same kind, and the result stays within 32768 blocks (32767 unwritten). A full
 * leaf is split at the insertion point below the lowest ancestor with room, one new node per
 * level; when every level up to the root is full, the root's entries move to a new block first
 * and the tree grows one level. Index keys always equal the first key of their child.
 *
 * <p>Deliberate divergence: the kernel also tries to merge into the first extent of the next
 * leaf; this model does not.
 */
final class ExtentInsert {
    private final ExtentTree tree;

    ExtentInsert(ExtentTree tree) {
        this.tree = tree;
    }

    private static boolean canMerge(Ext4Extent a, Ext4Extent b) {
        return a.end() == b.block() && a.start() + a.len() == b.start() && a.unwritten() == b.unwritten()
                && a.len() + b.len() <= a.maxLen();
    }

    private static Ext4Extent merged(Ext4Extent a, Ext4Extent b) {
        return new Ext4Extent(a.block(), a.len() + b.len(), a.unwritten(), a.start());
    }

    /**
     * Maps {@code newex}, whose logical range must be unmapped, merging it with a neighbour in its
     * leaf when they are contiguous on both sides.
     */
    void insert(Ext4Extent newex) {
        // At most a growth, a split and the insertion itself; the bound only catches bugs.
        for (int attempt = 0; attempt < 2 * Ext4ExtentHeader.MAX_DEPTH + 4; attempt++) {
            List<Level> path = tree.findPath(newex.block());
            Level leafLevel = path.get(path.size() - 1);
            ExtentNode leaf = leafLevel.node;
            int p = leafLevel.pos;
            int n = leaf.extents.size();
            if (p >= 0 && leaf.extents.get(p).end() > newex.block()
                    || p + 1 < n && leaf.extents.get(p + 1).block() < newex.end()) {
                throw new IllegalStateException("inserting " + newex + " over a mapped range of " + leaf);
            }
            if (p >= 0 && canMerge(leaf.extents.get(p), newex)) {
                Ext4Extent m = merged(leaf.extents.get(p), newex);
                leaf.extents.set(p, m);
                if (p + 1 < n && canMerge(m, leaf.extents.get(p + 1))) {
                    leaf.extents.set(p, merged(m, leaf.extents.get(p + 1)));
                    leaf.extents.remove(p + 1);
                }
                tree.write(leaf);
                return;
            }
            if (p + 1 < n && canMerge(newex, leaf.extents.get(p + 1))) {
                leaf.extents.set(p + 1, merged(newex, leaf.extents.get(p + 1)));
                tree.write(leaf);
                if (p + 1 == 0) {
                    correctIndexes(path);
                }
                return;
            }
            if (!leaf.isFull()) {
                leaf.extents.add(p + 1, newex);
                tree.write(leaf);
                if (p + 1 == 0) {
                    correctIndexes(path);
                }
                return;
            }
            int i = path.size() - 2;
            while (i >= 0 && path.get(i).node.isFull()) {
                i--;
            }
            if (i < 0) {
                growInDepth();
            } else {
                split(path, i, newex);
            }
        }
        throw new IllegalStateException("extent insertion did not converge for " + newex);
    }

    /** The leaf's first key changed: copy it up while the path runs through first entries. */
    private void correctIndexes(List<Level> path) {
        int leafAt = path.size() - 1;
        long key = path.get(leafAt).node.firstKey();
        for (int k = leafAt - 1; k >= 0; k--) {
            Level l = path.get(k);
            Ext4ExtentIdx old = l.node.index.get(l.pos);
            if (old.block() != key) {
                l.node.index.set(l.pos, new Ext4ExtentIdx(key, old.leaf()));
                tree.write(l.node);
            }
            if (l.pos != 0) {
                break;
            }
        }
    }

    /** {@code ext4_ext_grow_indepth}: the root's entries move to a new block, the root points to it. */
    private void growInDepth() {
        if (tree.root.depth >= Ext4ExtentHeader.MAX_DEPTH) {
            throw new IllegalStateException("extent tree deeper than " + tree.root.depth);
        }
        ExtentNode child = new ExtentNode(tree.allocTreeBlock(), tree.root.depth, tree.blockMax(), 0);
        child.extents.addAll(tree.root.extents);
        child.index.addAll(tree.root.index);
        tree.write(child);
        long key = tree.root.firstKey();
        tree.root.extents.clear();
        tree.root.index.clear();
        tree.root.depth++;
        tree.root.index.add(new Ext4ExtentIdx(key, child.pblk));
        tree.write(tree.root);
    }

    /**
     * {@code ext4_ext_split}: level {@code i} has room, every level below it on the path is full.
     * The entries after the path position move to new nodes, one per level below {@code i}, and
     * level {@code i} gets an index entry for them keyed at the border.
     */
    private void split(List<Level> path, int i, Ext4Extent newex) {
        int leafAt = path.size() - 1;
        ExtentNode leaf = path.get(leafAt).node;
        int p = path.get(leafAt).pos;
        long border = p + 1 < leaf.extents.size() ? leaf.extents.get(p + 1).block() : newex.block();
        ExtentNode[] fresh = new ExtentNode[leafAt + 1];
        for (int k = i + 1; k <= leafAt; k++) {
            fresh[k] = new ExtentNode(tree.allocTreeBlock(), path.get(k).node.depth, tree.blockMax(), 0);
        }
        List<Ext4Extent> movedExtents = leaf.extents.subList(p + 1, leaf.extents.size());
        fresh[leafAt].extents.addAll(movedExtents);
        movedExtents.clear();
        for (int k = leafAt - 1; k > i; k--) {
            ExtentNode node = path.get(k).node;
            int pk = path.get(k).pos;
            fresh[k].index.add(new Ext4ExtentIdx(border, fresh[k + 1].pblk));
            List<Ext4ExtentIdx> moved = node.index.subList(pk + 1, node.index.size());
            fresh[k].index.addAll(moved);
            moved.clear();
        }
        ExtentNode top = path.get(i).node;
        top.index.add(path.get(i).pos + 1, new Ext4ExtentIdx(border, fresh[i + 1].pblk));
        for (int k = leafAt; k > i; k--) {
            tree.write(fresh[k]);
            tree.write(path.get(k).node);
        }
        tree.write(top);
    }

    /**
     * {@code ext4_ext_convert_to_initialized} for one block: the unwritten extent holding
     * {@code lblk} is split so that {@code lblk} alone becomes written. Needs two insertions' worth
     * of claimed blocks.
     */
    void convertToWritten(long lblk) {
        List<Level> path = tree.findPath(lblk);
        Level leafLevel = path.get(path.size() - 1);
        Ext4Extent e = leafLevel.pos < 0 ? null : leafLevel.node.extents.get(leafLevel.pos);
        if (e == null || !e.contains(lblk) || !e.unwritten()) {
            throw new IllegalStateException("block " + lblk + " is not in an unwritten extent");
        }
        List<Ext4Extent> pieces = new ArrayList<>();
        if (lblk > e.block()) {
            pieces.add(new Ext4Extent(e.block(), (int) (lblk - e.block()), true, e.start()));
        }
        pieces.add(new Ext4Extent(lblk, 1, false, e.pblk(lblk)));
        if (lblk + 1 < e.end()) {
            pieces.add(new Ext4Extent(lblk + 1, (int) (e.end() - lblk - 1), true, e.pblk(lblk) + 1));
        }
        ExtentNode leaf = leafLevel.node;
        int pos = leafLevel.pos;
        leaf.extents.set(pos, pieces.get(0));
        if (!pieces.get(0).unwritten()) {
            // ext4_ext_try_to_merge: the newly written block joins written neighbours in its leaf.
            if (pos + 1 < leaf.extents.size() && canMerge(leaf.extents.get(pos), leaf.extents.get(pos + 1))) {
                leaf.extents.set(pos, merged(leaf.extents.get(pos), leaf.extents.get(pos + 1)));
                leaf.extents.remove(pos + 1);
            }
            if (pos > 0 && canMerge(leaf.extents.get(pos - 1), leaf.extents.get(pos))) {
                leaf.extents.set(pos - 1, merged(leaf.extents.get(pos - 1), leaf.extents.get(pos)));
                leaf.extents.remove(pos);
            }
        }
        tree.write(leaf);
        for (int i = 1; i < pieces.size(); i++) {
            insert(pieces.get(i));
        }
    }
}
