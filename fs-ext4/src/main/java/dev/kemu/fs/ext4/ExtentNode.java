package dev.kemu.fs.ext4;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.kemu.fs.ext4.disklayout.Ext4Checksums;
import dev.kemu.fs.ext4.disklayout.Ext4Extent;
import dev.kemu.fs.ext4.disklayout.Ext4ExtentHeader;
import dev.kemu.fs.ext4.disklayout.Ext4ExtentIdx;
import dev.kemu.fs.ext4.disklayout.Ext4Inode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One node of an extent tree, decoded: the root in {@code i_block} or a block of its own
 * ({@code fs/ext4/extents.c:__read_extent_tree_block()}, {@code ext4_ext_check()},
 * {@code ext4_extent_block_csum_set()}). A leaf ({@code depth} 0) holds extents, an index node
 * holds index entries, each list sorted by logical block.
 *
 * <p>Nodes stay decoded in the inode's {@link ExtentCache} between operations. Not thread-safe:
 * they are changed only under the inode's {@code i_data_sem} write lock and read under its read
 * lock.
 */
final class ExtentNode {
    /** The node's block, or 0 for the root (block 0 always holds the superblock). */
    final long pblk;
    int depth;
    int max;
    final long generation;
    final List<Ext4Extent> extents = new ArrayList<>();
    final List<Ext4ExtentIdx> index = new ArrayList<>();
    /** Changed since last written to the device ({@code buffer_dirty}); see {@link ExtentCache}. */
    @GuardedBy("Ext4InodeInfo.dataSem")
    boolean dirty;

    ExtentNode(long pblk, int depth, int max, long generation) {
        this.pblk = pblk;
        this.depth = depth;
        this.max = max;
        this.generation = generation;
    }

    boolean isRoot() {
        return pblk == 0;
    }

    int entries() {
        return depth == 0 ? extents.size() : index.size();
    }

    boolean isFull() {
        return entries() >= max;
    }

    long firstKey() {
        return depth == 0 ? extents.get(0).block() : index.get(0).block();
    }

    /** An empty root (a new inode, or after truncation to zero). */
    static ExtentNode emptyRoot() {
        return new ExtentNode(0, 0, Ext4ExtentHeader.ROOT_MAX, 0);
    }

    /** The root held in {@code i_block}. */
    static ExtentNode decodeRoot(byte[] iBlock) {
        Ext4ExtentHeader h = Ext4ExtentHeader.decode(iBlock, 0);
        String bad = h.check(Ext4ExtentHeader.ROOT_MAX, h.depth());
        if (bad == null && h.depth() > Ext4ExtentHeader.MAX_DEPTH) {
            bad = "extent tree depth " + h.depth();
        }
        if (bad != null) {
            throw new FsCorruptedException("extent root: " + bad);
        }
        return decodeEntries(iBlock, h, 0);
    }

    /**
     * A tree block read from the device.
     *
     * @param csumSeed the inode's checksum seed, or null without {@code metadata_csum}
     */
    static ExtentNode decodeBlock(byte[] block, long pblk, int depth, Integer csumSeed) {
        Ext4ExtentHeader h = Ext4ExtentHeader.decode(block, 0);
        // ext4_ext_space_block: the slots a tree block of the filesystem's block size holds.
        String bad = h.check(Ext4ExtentHeader.blockMax(block.length), depth);
        if (bad != null) {
            throw FsCorruptedException.corrupted(0, pblk, "pblk " + pblk + " bad header/extent: " + bad);
        }
        if (csumSeed != null && !Ext4Checksums.extentBlockValid(csumSeed, block)) {
            // __ext4_ext_check: "extent tree block checksum", EFSBADCRC.
            throw FsCorruptedException.badCrc(0, pblk, "pblk " + pblk + " bad header/extent: extent tree block checksum");
        }
        return decodeEntries(block, h, pblk);
    }

    private static ExtentNode decodeEntries(byte[] b, Ext4ExtentHeader h, long pblk) {
        ExtentNode n = new ExtentNode(pblk, h.depth(), h.max(), h.generation());
        for (int i = 0; i < h.entries(); i++) {
            int off = Ext4ExtentHeader.SIZE + i * Ext4Extent.SIZE;
            if (h.depth() == 0) {
                Ext4Extent e = Ext4Extent.decodeOrNull(b, off);
                if (e == null) {
                    throw new FsCorruptedException("bad extent in " + (pblk == 0 ? "root" : "block " + pblk));
                }
                n.extents.add(e);
            } else {
                n.index.add(Ext4ExtentIdx.decode(b, off));
            }
        }
        return n;
    }

    private void encodeInto(byte[] b) {
        new Ext4ExtentHeader(Ext4ExtentHeader.MAGIC, entries(), max, depth, generation).encode(b, 0);
        for (int i = 0; i < entries(); i++) {
            int off = Ext4ExtentHeader.SIZE + i * Ext4Extent.SIZE;
            if (depth == 0) {
                extents.get(i).encode(b, off);
            } else {
                index.get(i).encode(b, off);
            }
        }
    }

    /** The 60 bytes of {@code i_block}. */
    byte[] encodeRoot() {
        byte[] b = new byte[Ext4Inode.I_BLOCK_SIZE];
        encodeInto(b);
        return b;
    }

    /** Encodes this root over the 60 bytes of {@code iBlock}; unused slots become zeros. */
    void encodeRootInto(byte[] iBlock) {
        if (iBlock.length != Ext4Inode.I_BLOCK_SIZE) {
            throw new IllegalArgumentException("i_block is 60 bytes");
        }
        Arrays.fill(iBlock, Ext4ExtentHeader.SIZE + entries() * Ext4Extent.SIZE, iBlock.length, (byte) 0);
        encodeInto(iBlock);
    }

    /** The block image of {@code blockSize} bytes, with its tail checksum when {@code csumSeed} is non-null. */
    byte[] encodeBlock(int blockSize, Integer csumSeed) {
        byte[] b = new byte[blockSize];
        encodeInto(b);
        if (csumSeed != null) {
            Ext4Checksums.setExtentBlock(csumSeed, b);
        }
        return b;
    }

    /** Position of the last entry whose logical block is at most {@code lblk}; -1 if none. */
    int search(long lblk) {
        int lo = 0;
        int hi = entries() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long key = depth == 0 ? extents.get(mid).block() : index.get(mid).block();
            if (key <= lblk) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    @Override
    public String toString() {
        return (isRoot() ? "root" : "block " + pblk) + " depth " + depth + " " + (depth == 0 ? extents : index);
    }
}
