package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4GroupDesc;
import dev.kemu.fs.ext4.disklayout.Ext4SuperBlock;
import dev.kemu.vfs.Page;
import dev.kemu.vfs.spi.MountException;

/**
 * The superblock's size and geometry checks of {@code fs/ext4/super.c:__ext4_fill_super()} (6.18),
 * in its order and with its messages: {@code ext4_load_super()} (the magic, the block and cluster
 * size logarithms, {@code sb_set_blocksize}'s bound of one page), {@code ext4_inode_info_init()}
 * (first inode, inode size), then, after the feature checks, {@code ext4_block_group_meta_init()}
 * (descriptor size, blocks and inodes per group), {@code ext4_hash_info_init()},
 * {@code ext4_handle_clustersize()} and {@code ext4_check_geometry()} (reserved GDT blocks,
 * addressability, the block count against the device, the first data block, the group count, the
 * inode count).
 *
 * <p>Each refusal is a {@link MountException} whose message is the device name and the kernel's
 * {@code ext4_msg} text; none of the values is trusted before its check, so a corrupt superblock
 * never reaches an arithmetic exception or an oversized allocation. Superblock fields are
 * unsigned on disk and compared as such.
 *
 * <p>Deliberate divergence: a revision 0 superblock ({@code EXT4_GOOD_OLD_REV}) is held to the
 * same inode size check as later revisions, since the model reads {@code s_inode_size} as stored.
 */
final class Ext4SuperChecks {
    /** {@code EXT4_MIN_BLOCK_LOG_SIZE}. */
    static final int MIN_BLOCK_LOG_SIZE = 10;
    /** {@code EXT4_MAX_BLOCK_LOG_SIZE}. */
    static final int MAX_BLOCK_LOG_SIZE = 16;
    /** {@code EXT4_MAX_CLUSTER_LOG_SIZE}. */
    static final int MAX_CLUSTER_LOG_SIZE = 30;
    /** {@code EXT4_GOOD_OLD_FIRST_INO}. */
    static final int GOOD_OLD_FIRST_INO = 11;
    /** {@code EXT4_GOOD_OLD_INODE_SIZE}. */
    static final int GOOD_OLD_INODE_SIZE = 128;
    /** {@code EXT4_MAX_DESC_SIZE}: {@code EXT4_MIN_BLOCK_SIZE}. */
    static final int MAX_DESC_SIZE = 1024;
    /** {@code DX_HASH_SIPHASH}, also {@code DX_HASH_LAST}. */
    static final int DX_HASH_SIPHASH = 6;

    private Ext4SuperChecks() {
    }

    /**
     * {@code ext4_load_super}: reads the superblock at byte 1024 and checks what the block size
     * depends on.
     *
     * @throws MountException "unable to read superblock", "VFS: Can't find ext4 filesystem",
     *     "Invalid log block size: N", "Invalid log cluster size: N", "bad block size N"
     */
    static Ext4SuperBlock loadSuper(BlockDevice dev, String name) throws MountException {
        // sb_min_blocksize: 1 KiB blocks, so the superblock is block 1.
        if (dev.sizeInBytes() < Ext4SuperBlock.OFFSET + Ext4SuperBlock.SIZE) {
            throw refuse(name, "unable to read superblock");
        }
        Ext4SuperBlock es = Ext4Fsck.superBlock(dev);
        if (es.magic() != Ext4SuperBlock.MAGIC) {
            throw refuse(name, "VFS: Can't find ext4 filesystem");
        }
        long logBlock = Integer.toUnsignedLong(es.logBlockSize());
        if (logBlock > MAX_BLOCK_LOG_SIZE - MIN_BLOCK_LOG_SIZE) {
            throw refuse(name, "Invalid log block size: " + logBlock);
        }
        long logCluster = Integer.toUnsignedLong(es.logClusterSize());
        if (logCluster > MAX_CLUSTER_LOG_SIZE - MIN_BLOCK_LOG_SIZE) {
            throw refuse(name, "Invalid log cluster size: " + logCluster);
        }
        // sb_set_blocksize: ext4 in 6.18 has no large block sizes (FS_LBS), so at most a page.
        if (es.blockSize() > Page.SIZE) {
            throw refuse(name, "bad block size " + es.blockSize());
        }
        return es;
    }

    /**
     * {@code ext4_inode_info_init}.
     *
     * @throws MountException "invalid first ino: N", "unsupported inode size: N"
     */
    static void inodeInfoInit(Ext4SuperBlock es, String name) throws MountException {
        if (es.revLevel() != 0 && es.firstIno() < GOOD_OLD_FIRST_INO) {
            throw refuse(name, "invalid first ino: " + es.firstIno());
        }
        int size = es.inodeSize();
        if (size < GOOD_OLD_INODE_SIZE || Integer.bitCount(size) != 1 || size > es.blockSize()) {
            throw refuse(name, "unsupported inode size: " + size + " (blocksize: " + es.blockSize() + ")");
        }
    }

    /**
     * {@code ext4_block_group_meta_init}, {@code ext4_hash_info_init},
     * {@code ext4_handle_clustersize} and {@code ext4_check_geometry}, in that order; the feature
     * checks come before.
     *
     * @throws MountException with the first failing check's message
     */
    static void checkGeometry(BlockDevice dev, Ext4SuperBlock es, String name) throws MountException {
        int blockSize = es.blockSize();
        // ext4_block_group_meta_init
        if (es.is64Bit() && (es.descSize() < Ext4GroupDesc.SIZE_64 || es.descSize() > MAX_DESC_SIZE
                || Integer.bitCount(es.descSize()) != 1)) {
            throw refuse(name, "unsupported descriptor size " + es.descSize());
        }
        long inodesPerBlock = blockSize / es.inodeSize();
        if (inodesPerBlock == 0 || es.blocksPerGroup() == 0) {
            throw refuse(name, "VFS: Can't find ext4 filesystem");
        }
        if (es.inodesPerGroup() < inodesPerBlock || es.inodesPerGroup() > 8L * blockSize) {
            throw refuse(name, "invalid inodes per group: " + es.inodesPerGroup());
        }
        // ext4_hash_info_init
        if (es.defHashVersion() > DX_HASH_SIPHASH) {
            throw refuse(name, "Invalid default hash set in the superblock");
        } else if (es.defHashVersion() == DX_HASH_SIPHASH) {
            throw refuse(name, "SIPHASH is not a valid default hash value");
        }
        // ext4_handle_clustersize, without bigalloc (refused with the other unknown features)
        long clusterSize = 1024L << es.logClusterSize();
        if (clusterSize != blockSize) {
            throw refuse(name, "fragment/cluster size (" + clusterSize + ") != block size (" + blockSize + ")");
        }
        if (es.blocksPerGroup() > 8L * blockSize) {
            throw refuse(name, "#blocks per group too big: " + es.blocksPerGroup());
        }
        if (es.clustersPerGroup() > 8L * blockSize) {
            throw refuse(name, "#clusters per group too big: " + es.clustersPerGroup());
        }
        if (es.blocksPerGroup() != es.clustersPerGroup()) {
            throw refuse(name, "blocks per group (" + es.blocksPerGroup() + ") and clusters per group ("
                    + es.clustersPerGroup() + ") inconsistent");
        }
        // ext4_check_geometry
        if (es.reservedGdtBlocks() > blockSize / 4) {
            throw refuse(name, "Number of reserved GDT blocks insanely large: " + es.reservedGdtBlocks());
        }
        long blocksCount = es.blocksCount();
        int blkbits = Integer.numberOfTrailingZeros(blockSize);
        if (blocksCount != 0 && Long.compareUnsigned(blocksCount - 1, -1L >>> (blkbits - 9)) > 0) {
            // generic_check_addressable: the last block's sector must fit in a sector_t.
            throw refuse(name, "filesystem too large to mount safely on this system");
        }
        long deviceBlocks = dev.sizeInBlocks(blockSize);
        if (deviceBlocks != 0 && Long.compareUnsigned(blocksCount, deviceBlocks) > 0) {
            throw refuse(name, "bad geometry: block count " + Long.toUnsignedString(blocksCount)
                    + " exceeds size of device (" + deviceBlocks + " blocks)");
        }
        if (Long.compareUnsigned(es.firstDataBlock(), blocksCount) >= 0) {
            throw refuse(name, "bad geometry: first data block " + es.firstDataBlock()
                    + " is beyond end of filesystem (" + Long.toUnsignedString(blocksCount) + ")");
        }
        if (es.firstDataBlock() == 0 && es.logBlockSize() == 0) {
            throw refuse(name, "bad geometry: first data block is 0 with a 1k block and cluster size");
        }
        // blocksCount is below 2^61 here (addressable), so these sums cannot overflow.
        long groups = (blocksCount - es.firstDataBlock() + es.blocksPerGroup() - 1) / es.blocksPerGroup();
        long descPerBlock = blockSize / es.groupDescSize();
        if (groups > (1L << 32) - descPerBlock) {
            throw refuse(name, "groups count too large: " + groups + " (block count " + blocksCount
                    + ", first data block " + es.firstDataBlock() + ", blocks per group " + es.blocksPerGroup() + ")");
        }
        if (groups * es.inodesPerGroup() != es.inodesCount()) {
            throw refuse(name, "inodes count not valid: " + es.inodesCount() + " vs " + groups * es.inodesPerGroup());
        }
    }

    private static MountException refuse(String name, String kernelMessage) {
        return new MountException(name + ": " + kernelMessage);
    }
}
