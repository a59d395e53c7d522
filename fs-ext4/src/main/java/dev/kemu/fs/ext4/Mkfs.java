package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4Features;
import dev.kemu.fs.ext4.disklayout.Ext4GroupDesc;
import dev.kemu.fs.ext4.disklayout.Ext4Inode;
import dev.kemu.fs.ext4.disklayout.Ext4SuperBlock;
import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Formats a device the way {@code mkfs.ext4 -b 4096} (or {@code -b 1024}, {@code -b 2048}) does with the default feature set of
 * {@code /etc/mke2fs.conf} ({@code misc/mke2fs.c} in e2fsprogs; the in-kernel counterpart of the
 * checks is {@code fs/ext4/super.c:ext4_fill_super()}): {@code ext_attr dir_index filetype extent
 * 64bit flex_bg sparse_super large_file huge_file dir_nlink extra_isize metadata_csum}, 256-byte
 * inodes, 64-byte group descriptors, flex groups of 16, 5% reserved blocks, a root directory
 * (inode 2) and a {@code lost+found} (inode 11) of 16 KiB (12 blocks of 1 KiB). With 1 KiB blocks
 * the filesystem starts at block 1 ({@code s_first_data_block}), where the superblock is, and
 * block 0 belongs to no group.
 *
 * <p>Deliberate divergences from mke2fs: no journal ({@code has_journal} is left out, so the
 * filesystem behaves like one made with {@code -O ^has_journal}); no {@code resize_inode} (no
 * reserved GDT blocks); every bitmap is written out, so no group is {@code BLOCK_UNINIT} or
 * {@code INODE_UNINIT}. The inode ratio follows mke2fs's size types: 4096 bytes per inode below
 * 512 MiB ("small"), 16384 above.
 */
public final class Mkfs {
    /** mke2fs's block size for all but small filesystems. */
    public static final int DEFAULT_BLOCK_SIZE = 4096;
    static final int INODE_SIZE = 256;
    static final int DESC_SIZE = Ext4GroupDesc.SIZE_64;
    static final int LOG_GROUPS_PER_FLEX = 4;
    static final long ROOT_INO = 2;
    static final long LOST_AND_FOUND_INO = 11;
    static final long FIRST_INO = 11;

    static final int COMPAT = Ext4Features.COMPAT_EXT_ATTR | Ext4Features.COMPAT_DIR_INDEX;
    static final int INCOMPAT = Ext4Features.INCOMPAT_FILETYPE | Ext4Features.INCOMPAT_EXTENTS
            | Ext4Features.INCOMPAT_64BIT | Ext4Features.INCOMPAT_FLEX_BG;
    static final int RO_COMPAT = Ext4Features.RO_COMPAT_SPARSE_SUPER | Ext4Features.RO_COMPAT_LARGE_FILE
            | Ext4Features.RO_COMPAT_HUGE_FILE | Ext4Features.RO_COMPAT_DIR_NLINK
            | Ext4Features.RO_COMPAT_EXTRA_ISIZE | Ext4Features.RO_COMPAT_METADATA_CSUM;

    /**
     * What {@code mkfs.ext4}'s command line would say.
     *
     * @param volumeName {@code -L}, at most 16 bytes
     * @param uuid {@code -U}; null for a random one
     * @param inodeRatio {@code -i} bytes per inode; 0 for mke2fs's default for the size
     * @param time the creation time in seconds since the epoch; negative for now
     * @param deviceZeroed the device reads as zeros (a fresh RAM disk or sparse image), so the
     *     inode tables need not be written
     * @param blockSize {@code -b}: 1024, 2048 or 4096
     */
    public record Options(String volumeName, UUID uuid, long inodeRatio, long time, boolean deviceZeroed,
            int blockSize) {
        public Options {
            if (blockSize != 1024 && blockSize != 2048 && blockSize != 4096) {
                throw new IllegalArgumentException("block size " + blockSize + " (1024, 2048 or 4096)");
            }
            if (volumeName == null || volumeName.length() > 16) {
                throw new IllegalArgumentException("volume name of at most 16 characters");
            }
            if (inodeRatio != 0 && (inodeRatio < 1024 || inodeRatio > 64L * 1024 * 1024)) {
                throw new IllegalArgumentException("inode ratio " + inodeRatio);
            }
        }

        /** With 4 KiB blocks. */
        public Options(String volumeName, UUID uuid, long inodeRatio, long time, boolean deviceZeroed) {
            this(volumeName, uuid, inodeRatio, time, deviceZeroed, DEFAULT_BLOCK_SIZE);
        }

        /** mke2fs's defaults on a device of unknown contents. */
        public static final Options DEFAULT = new Options("", null, 0, -1, false);

        /** The defaults for a device known to read as zeros. */
        public static final Options ZEROED = new Options("", null, 0, -1, true);

        /** These options with blocks of {@code size} bytes ({@code -b}). */
        public Options withBlockSize(int size) {
            return new Options(volumeName, uuid, inodeRatio, time, deviceZeroed, size);
        }
    }

    private Mkfs() {
    }

    /** Formats {@code dev} with {@link Options#DEFAULT}. */
    public static void format(BlockDevice dev) {
        format(dev, Options.DEFAULT);
    }

    /**
     * Formats {@code dev}.
     *
     * @throws IllegalArgumentException if the device is too small to hold a filesystem (under 1 MiB)
     */
    public static void format(BlockDevice dev, Options opts) {
        int blockSize = opts.blockSize();
        long blocks = dev.sizeInBlocks(blockSize);
        if (dev.sizeInBytes() < 1L << 20) {
            throw new IllegalArgumentException("a device of " + dev.sizeInBytes() + " bytes is too small for ext4");
        }
        long blocksPerGroup = 8L * blockSize;
        long firstDataBlock = blockSize == 1024 ? 1 : 0;
        long groups = (blocks - firstDataBlock + blocksPerGroup - 1) / blocksPerGroup;
        long last = blocks - firstDataBlock - (groups - 1) * blocksPerGroup;
        if (groups > 1 && last < 512) {
            // mke2fs drops a last group too small to be worth its metadata.
            blocks -= last;
            groups--;
        }
        long ratio = opts.inodeRatio() != 0 ? opts.inodeRatio()
                : blocks * blockSize < 512L * 1024 * 1024 ? 4096 : 16384;
        long inodesPerBlock = blockSize / INODE_SIZE;
        long ipg = (blocks * blockSize / ratio + groups - 1) / groups;
        ipg = Math.max(ipg, 16);
        ipg = (ipg + inodesPerBlock - 1) / inodesPerBlock * inodesPerBlock;
        ipg = Math.min(ipg, 8L * blockSize);
        int logBlockSize = Integer.numberOfTrailingZeros(blockSize) - 10;
        long now = opts.time() >= 0 ? opts.time() : System.currentTimeMillis() / 1000;
        UUID uuid = opts.uuid() != null ? opts.uuid() : UUID.randomUUID();

        Ext4SuperBlock sb = new Ext4SuperBlock(ipg * groups, blocks, blocks / 20, 0, 0, firstDataBlock, logBlockSize,
                logBlockSize, blocksPerGroup, blocksPerGroup, ipg, 0, now, 0, -1, Ext4SuperBlock.MAGIC, Ext4SuperBlock.STATE_VALID_FS,
                Ext4SuperBlock.ERRORS_CONTINUE, now, 1, FIRST_INO, INODE_SIZE, COMPAT, INCOMPAT, RO_COMPAT,
                uuidBytes(uuid), opts.volumeName(), 0, 0, 0, uuidBytes(UUID.nameUUIDFromBytes(uuidBytes(uuid))),
                Ext4SuperBlock.HASH_HALF_MD4, DESC_SIZE, Ext4SuperBlock.DEFM_XATTR_USER_ACL, now,
                Ext4Inode.EXTRA_ISIZE, Ext4Inode.EXTRA_ISIZE, Ext4SuperBlock.FLAGS_SIGNED_HASH, LOG_GROUPS_PER_FLEX,
                Ext4SuperBlock.CHECKSUM_CRC32C, 0, 0, 0, new byte[Ext4SuperBlock.SIZE]);
        new MkfsLayout(dev, sb, opts, now).write();
    }

    private static byte[] uuidBytes(UUID u) {
        return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits())
                .array();
    }
}
