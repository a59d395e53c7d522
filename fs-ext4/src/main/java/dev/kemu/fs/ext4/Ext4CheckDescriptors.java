package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4Features;
import dev.kemu.fs.ext4.disklayout.Ext4Geometry;
import dev.kemu.fs.ext4.disklayout.Ext4GroupDesc;
import dev.kemu.fs.ext4.disklayout.Ext4SuperBlock;
import dev.kemu.vfs.spi.MountException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reading and checking the group descriptor table at mount ({@code fs/ext4/super.c:ext4_check_descriptors()},
 * 6.18): each group's block bitmap, inode bitmap and inode table must lie inside the group (with
 * {@code flex_bg}, inside the filesystem) and, for a writable mount, must not overlap the
 * superblock or the descriptor table; a descriptor whose checksum does not match refuses a
 * writable mount. Read-only mounts go on past an overlap or a bad checksum, as the kernel's do.
 * Messages are the kernel's, followed by its {@code "group descriptors corrupted!"}.
 *
 * <p>The model also refuses, for any mount, counters that cannot be true (more free blocks or
 * inodes than the group has): the kernel trusts them until the allocator meets them, the model's
 * counters would go negative.
 */
final class Ext4CheckDescriptors {
    private Ext4CheckDescriptors() {
    }

    /**
     * Decodes and checks the table.
     *
     * @param writable the mount would write
     * @throws MountException for a descriptor the kernel refuses
     */
    static Ext4GroupDesc[] read(BlockDevice dev, Ext4SuperBlock es, String name, boolean writable)
            throws MountException {
        long groups = es.groupCount();
        int descSize = es.groupDescSize();
        long gdtBlocks = Ext4Geometry.gdtBlocks(es);
        if (groups <= 0 || es.firstDataBlock() + 1 + gdtBlocks > es.blocksCount()
                || groups * es.inodesPerGroup() != es.inodesCount()) {
            throw new MountException(name + ": ext4_fill_super: bad geometry: " + groups + " groups of "
                    + es.inodesPerGroup() + " inodes for " + es.inodesCount() + " inodes; group descriptors corrupted!");
        }
        int bs = es.blockSize();
        byte[] table = new byte[Math.toIntExact(gdtBlocks * bs)];
        for (long b = 0; b < gdtBlocks; b++) {
            dev.readBlock(es.firstDataBlock() + 1 + b, bs, table, (int) (b * bs));
        }
        long sbBlock = es.firstDataBlock();
        long lastBgBlock = sbBlock + gdtBlocks;
        long itb = Ext4Geometry.inodeTableBlocks(es);
        boolean flex = es.hasIncompat(Ext4Features.INCOMPAT_FLEX_BG);
        Ext4GroupDesc[] gds = new Ext4GroupDesc[(int) groups];
        for (int g = 0; g < groups; g++) {
            // A location past 48 bits cannot even be decoded: it is outside any filesystem.
            checkWide(name, g, "Block bitmap", table, g * descSize, 0x00, 0x20, descSize);
            checkWide(name, g, "Inode bitmap", table, g * descSize, 0x04, 0x24, descSize);
            checkWide(name, g, "Inode table", table, g * descSize, 0x08, 0x28, descSize);
            Ext4GroupDesc gd = Ext4GroupDesc.decode(table, g * descSize, descSize);
            long first = flex ? es.firstDataBlock() : Ext4Geometry.groupFirstBlock(es, g);
            long last = flex || g == groups - 1 ? es.blocksCount() - 1
                    : Ext4Geometry.groupFirstBlock(es, g) + es.blocksPerGroup() - 1;
            check(name, g, "Block bitmap", gd.blockBitmap(), 1, first, last, sbBlock, lastBgBlock, writable);
            check(name, g, "Inode bitmap", gd.inodeBitmap(), 1, first, last, sbBlock, lastBgBlock, writable);
            check(name, g, "Inode table", gd.inodeTable(), itb, first, last, sbBlock, lastBgBlock, writable);
            if (es.hasMetadataCsum() && !Ext4GroupDesc.checksumValid(table, g * descSize, descSize, g, es.csumSeed())
                    && writable) {
                throw refuse(name, "Checksum for group " + g + " failed");
            }
            long groupBlocks = Ext4Geometry.groupBlockCount(es, g);
            if (gd.freeBlocksCount() > groupBlocks || gd.freeInodesCount() > es.inodesPerGroup()
                    || gd.usedDirsCount() > es.inodesPerGroup() || gd.itableUnused() > es.inodesPerGroup()) {
                throw refuse(name, "Free counts of group " + g + " exceed its size (" + gd.freeBlocksCount()
                        + " blocks, " + gd.freeInodesCount() + " inodes free)");
            }
            gds[g] = gd;
        }
        return gds;
    }

    /** Refuses a 64-bit location whose high word puts it past 2<sup>48</sup> blocks. */
    private static void checkWide(String name, int g, String what, byte[] table, int off, int lo, int hi,
            int descSize) throws MountException {
        if (descSize < Ext4GroupDesc.SIZE_64) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN);
        long high = Integer.toUnsignedLong(b.getInt(off + hi));
        if (high >= 1L << 16) {
            long block = high << 32 | Integer.toUnsignedLong(b.getInt(off + lo));
            throw refuse(name, what + " for group " + g + " not in group (block " + Long.toUnsignedString(block) + ")!");
        }
    }

    private static void check(String name, int g, String what, long start, long len, long first, long last,
            long sbBlock, long lastBgBlock, boolean writable) throws MountException {
        if (start == sbBlock && writable) {
            throw refuse(name, what + " for group " + g + " overlaps superblock");
        }
        if (start >= sbBlock + 1 && start <= lastBgBlock && writable) {
            throw refuse(name, what + " for group " + g + " overlaps block group descriptors");
        }
        if (start < first || start + len - 1 > last) {
            throw refuse(name, what + " for group " + g + " not in group (block " + start + ")!");
        }
    }

    private static MountException refuse(String name, String what) {
        return new MountException(name + ": ext4_check_descriptors: " + what + "; group descriptors corrupted!");
    }
}
