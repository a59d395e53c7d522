package dev.kemu.fs.ext4.disklayout;

import java.util.Arrays;

/**
 * The superblock ({@code fs/ext4/ext4.h:struct ext4_super_block}): 1024 bytes at byte offset
 * 1024 of the device, with backups at the start of groups 1 and powers of 3, 5 and 7
 * ({@code sparse_super}).
 *
 * <p>The record models the fields the filesystem reads or maintains; every other byte is carried
 * in {@code raw} so that {@link #encode()} gives back an image's superblock unchanged but for the
 * modelled fields and the checksum ({@code fs/ext4/super.c:ext4_superblock_csum_set()}).
 *
 * @param raw the 1024 on-disk bytes this record was decoded from (copied, never exposed)
 */
public record Ext4SuperBlock(
        long inodesCount, long blocksCount, long rBlocksCount, long freeBlocksCount, long freeInodesCount,
        long firstDataBlock, int logBlockSize, int logClusterSize, long blocksPerGroup, long clustersPerGroup,
        long inodesPerGroup, long mtime, long wtime, int mntCount, int maxMntCount, int magic, int state,
        int errors, long lastCheck, long revLevel, long firstIno, int inodeSize, int featureCompat,
        int featureIncompat, int featureRoCompat, byte[] uuid, String volumeName, int reservedGdtBlocks,
        long journalInum, long lastOrphan, byte[] hashSeed, int defHashVersion, int descSize,
        long defaultMountOpts, long mkfsTime, int minExtraIsize, int wantExtraIsize, long flags,
        int logGroupsPerFlex, int checksumType, long overheadClusters, long checksumSeed, long checksum,
        byte[] raw) {

    /** Where the superblock starts on the device. */
    public static final int OFFSET = 1024;
    public static final int SIZE = 1024;
    /** {@code EXT4_SUPER_MAGIC}. */
    public static final int MAGIC = 0xEF53;
    /** {@code EXT4_VALID_FS}: cleanly unmounted. */
    public static final int STATE_VALID_FS = 0x0001;
    /** {@code EXT4_ERROR_FS}. */
    public static final int STATE_ERROR_FS = 0x0002;
    /** {@code EXT4_ERRORS_CONTINUE}. */
    public static final int ERRORS_CONTINUE = 1;
    /** {@code EXT4_ERRORS_RO}: remount read-only on an error (the default). */
    public static final int ERRORS_RO = 2;
    /** {@code EXT4_ERRORS_PANIC}. */
    public static final int ERRORS_PANIC = 3;
    /** {@code EXT4_CRC32C_CHKSUM}. */
    public static final int CHECKSUM_CRC32C = 1;
    /** {@code DX_HASH_HALF_MD4}. */
    public static final int HASH_HALF_MD4 = 1;
    /** {@code EXT2_FLAGS_SIGNED_HASH}. */
    public static final int FLAGS_SIGNED_HASH = 0x0001;
    /** {@code EXT2_FLAGS_UNSIGNED_HASH}. */
    public static final int FLAGS_UNSIGNED_HASH = 0x0002;
    /** {@code EXT4_DEFM_XATTR_USER | EXT4_DEFM_ACL}, mke2fs's default mount options. */
    public static final int DEFM_XATTR_USER_ACL = 0x000C;
    /** Offset of {@code s_checksum}, the last field. */
    static final int CHECKSUM_OFFSET = 0x3FC;

    public Ext4SuperBlock {
        if (raw == null || raw.length != SIZE) {
            throw new IllegalArgumentException("a superblock is " + SIZE + " bytes");
        }
        if (uuid == null || uuid.length != 16 || hashSeed == null || hashSeed.length != 16) {
            throw new IllegalArgumentException("uuid and hash seed are 16 bytes");
        }
        if (volumeName == null || volumeName.length() > 16) {
            throw new IllegalArgumentException("volume name longer than 16 bytes");
        }
        Le.checkU16("s_inode_size", inodeSize);
        Le.checkU16("s_desc_size", descSize);
        raw = raw.clone();
        uuid = uuid.clone();
        hashSeed = hashSeed.clone();
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    @Override
    public byte[] uuid() {
        return uuid.clone();
    }

    @Override
    public byte[] hashSeed() {
        return hashSeed.clone();
    }

    /** Decodes the 1024 bytes at {@code off} of {@code b}; no validation beyond sizes. */
    public static Ext4SuperBlock decode(byte[] b, int off) {
        byte[] r = Arrays.copyOfRange(b, off, off + SIZE);
        int incompat = Le.s32(r, 0x60);
        boolean is64 = (incompat & Ext4Features.INCOMPAT_64BIT) != 0;
        long blocks = Le.u32(r, 0x04) | (is64 ? Le.u32(r, 0x150) << 32 : 0);
        long rBlocks = Le.u32(r, 0x08) | (is64 ? Le.u32(r, 0x154) << 32 : 0);
        long freeBlocks = Le.u32(r, 0x0C) | (is64 ? Le.u32(r, 0x158) << 32 : 0);
        int nameEnd = 0;
        while (nameEnd < 16 && r[0x78 + nameEnd] != 0) {
            nameEnd++;
        }
        return new Ext4SuperBlock(
                Le.u32(r, 0x00), blocks, rBlocks, freeBlocks, Le.u32(r, 0x10),
                Le.u32(r, 0x14), Le.s32(r, 0x18), Le.s32(r, 0x1C), Le.u32(r, 0x20), Le.u32(r, 0x24),
                Le.u32(r, 0x28), Le.u32(r, 0x2C), Le.u32(r, 0x30), Le.u16(r, 0x34), (short) Le.u16(r, 0x36),
                Le.u16(r, 0x38), Le.u16(r, 0x3A),
                Le.u16(r, 0x3C), Le.u32(r, 0x40), Le.u32(r, 0x4C), Le.u32(r, 0x54), Le.u16(r, 0x58),
                Le.s32(r, 0x5C), incompat, Le.s32(r, 0x64), Arrays.copyOfRange(r, 0x68, 0x78),
                new String(r, 0x78, nameEnd, java.nio.charset.StandardCharsets.ISO_8859_1), Le.u16(r, 0xCE),
                Le.u32(r, 0xE0), Le.u32(r, 0xE8), Arrays.copyOfRange(r, 0xEC, 0xFC), Le.u8(r, 0xFC),
                Le.u16(r, 0xFE), Le.u32(r, 0x100), Le.u32(r, 0x108), Le.u16(r, 0x15C), Le.u16(r, 0x15E),
                Le.u32(r, 0x160), Le.u8(r, 0x174), Le.u8(r, 0x175), Le.u32(r, 0x248), Le.u32(r, 0x270),
                Le.u32(r, CHECKSUM_OFFSET), r);
    }

    /**
     * The 1024 on-disk bytes, with {@code s_checksum} recomputed when {@code metadata_csum} is on
     * (the checksum component of this record is then ignored).
     */
    public byte[] encode() {
        byte[] r = raw.clone();
        Le.put32(r, 0x00, inodesCount);
        Le.put32(r, 0x04, blocksCount);
        Le.put32(r, 0x08, rBlocksCount);
        Le.put32(r, 0x0C, freeBlocksCount);
        Le.put32(r, 0x10, freeInodesCount);
        Le.put32(r, 0x14, firstDataBlock);
        Le.put32(r, 0x18, logBlockSize);
        Le.put32(r, 0x1C, logClusterSize);
        Le.put32(r, 0x20, blocksPerGroup);
        Le.put32(r, 0x24, clustersPerGroup);
        Le.put32(r, 0x28, inodesPerGroup);
        Le.put32(r, 0x2C, mtime);
        Le.put32(r, 0x30, wtime);
        Le.put16(r, 0x34, mntCount);
        Le.put16(r, 0x36, maxMntCount);
        Le.put16(r, 0x38, magic);
        Le.put16(r, 0x3A, state);
        Le.put16(r, 0x3C, errors);
        Le.put32(r, 0x40, lastCheck);
        Le.put32(r, 0x4C, revLevel);
        Le.put32(r, 0x54, firstIno);
        Le.put16(r, 0x58, inodeSize);
        Le.put32(r, 0x5C, featureCompat);
        Le.put32(r, 0x60, featureIncompat);
        Le.put32(r, 0x64, featureRoCompat);
        System.arraycopy(uuid, 0, r, 0x68, 16);
        Arrays.fill(r, 0x78, 0x88, (byte) 0);
        byte[] name = volumeName.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        System.arraycopy(name, 0, r, 0x78, name.length);
        Le.put16(r, 0xCE, reservedGdtBlocks);
        Le.put32(r, 0xE0, journalInum);
        Le.put32(r, 0xE8, lastOrphan);
        System.arraycopy(hashSeed, 0, r, 0xEC, 16);
        Le.put8(r, 0xFC, defHashVersion);
        Le.put16(r, 0xFE, descSize);
        Le.put32(r, 0x100, defaultMountOpts);
        Le.put32(r, 0x108, mkfsTime);
        if (is64Bit()) {
            Le.put32(r, 0x150, blocksCount >>> 32);
            Le.put32(r, 0x154, rBlocksCount >>> 32);
            Le.put32(r, 0x158, freeBlocksCount >>> 32);
        }
        Le.put16(r, 0x15C, minExtraIsize);
        Le.put16(r, 0x15E, wantExtraIsize);
        Le.put32(r, 0x160, flags);
        Le.put8(r, 0x174, logGroupsPerFlex);
        Le.put8(r, 0x175, checksumType);
        Le.put32(r, 0x248, overheadClusters);
        Le.put32(r, 0x270, checksumSeed);
        Le.put32(r, CHECKSUM_OFFSET, hasMetadataCsum() ? Ext4Checksums.superblock(r) : checksum);
        return r;
    }

    /**
     * The bytes of the backup copy at the start of group {@code group}: {@link #encode()} with
     * {@code s_block_group_nr} set to the group, as mke2fs writes it.
     */
    public byte[] encodeBackup(long group) {
        byte[] r = encode();
        Le.put16(r, 0x5A, (int) group);
        if (hasMetadataCsum()) {
            Le.put32(r, CHECKSUM_OFFSET, Ext4Checksums.superblock(r));
        }
        return r;
    }

    /** True when {@code s_checksum} matches the bytes (or the filesystem has no metadata_csum). */
    public boolean checksumValid() {
        return !hasMetadataCsum() || Ext4Checksums.superblock(raw) == (int) Le.u32(raw, CHECKSUM_OFFSET);
    }

    public boolean hasCompat(int f) {
        return (featureCompat & f) != 0;
    }

    public boolean hasIncompat(int f) {
        return (featureIncompat & f) != 0;
    }

    public boolean hasRoCompat(int f) {
        return (featureRoCompat & f) != 0;
    }

    public boolean is64Bit() {
        return hasIncompat(Ext4Features.INCOMPAT_64BIT);
    }

    public boolean hasMetadataCsum() {
        return hasRoCompat(Ext4Features.RO_COMPAT_METADATA_CSUM);
    }

    /** {@code EXT4_BLOCK_SIZE}. */
    public int blockSize() {
        return 1024 << logBlockSize;
    }

    /** {@code EXT4_DESC_SIZE}: 32 without the 64bit feature. */
    public int groupDescSize() {
        return is64Bit() ? descSize : Ext4GroupDesc.SIZE_32;
    }

    /** {@code s_groups_count}. */
    public long groupCount() {
        return (blocksCount - firstDataBlock + blocksPerGroup - 1) / blocksPerGroup;
    }

    /**
     * {@code sbi->s_csum_seed}: {@code s_checksum_seed} with {@code metadata_csum_seed}, else the
     * CRC of the UUID ({@code fs/ext4/super.c:ext4_fill_super()}).
     */
    public int csumSeed() {
        if (hasIncompat(Ext4Features.INCOMPAT_CSUM_SEED)) {
            return (int) checksumSeed;
        }
        return Crc32c.update(~0, uuid);
    }

    /** A copy with new free counts. */
    public Ext4SuperBlock withFreeCounts(long freeBlocks, long freeInodes) {
        return new Ext4SuperBlock(inodesCount, blocksCount, rBlocksCount, freeBlocks, freeInodes, firstDataBlock,
                logBlockSize, logClusterSize, blocksPerGroup, clustersPerGroup, inodesPerGroup, mtime, wtime,
                mntCount, maxMntCount, magic, state, errors, lastCheck, revLevel, firstIno, inodeSize,
                featureCompat, featureIncompat, featureRoCompat, uuid, volumeName, reservedGdtBlocks, journalInum,
                lastOrphan, hashSeed, defHashVersion, descSize, defaultMountOpts, mkfsTime, minExtraIsize,
                wantExtraIsize, flags, logGroupsPerFlex, checksumType, overheadClusters, checksumSeed, checksum,
                raw);
    }

    /** A copy with a new state, mount count, times and orphan list head. */
    public Ext4SuperBlock withMountState(int newState, int newMntCount, long newMtime, long newWtime,
            long newLastOrphan) {
        return new Ext4SuperBlock(inodesCount, blocksCount, rBlocksCount, freeBlocksCount, freeInodesCount,
                firstDataBlock, logBlockSize, logClusterSize, blocksPerGroup, clustersPerGroup, inodesPerGroup,
                newMtime, newWtime, newMntCount, maxMntCount, magic, newState, errors, lastCheck, revLevel,
                firstIno, inodeSize, featureCompat, featureIncompat, featureRoCompat, uuid, volumeName,
                reservedGdtBlocks, journalInum, newLastOrphan, hashSeed, defHashVersion, descSize,
                defaultMountOpts, mkfsTime, minExtraIsize, wantExtraIsize, flags, logGroupsPerFlex, checksumType,
                overheadClusters, checksumSeed, checksum, raw);
    }

    /** {@code s_error_count}. */
    public long errorCount() {
        return Le.u32(raw, 0x194);
    }

    /** {@code s_mmp_block}: where the multi-mount protection block is ({@code mmp} feature). */
    public long mmpBlock() {
        return Le.u32(raw, 0x168) | Le.u32(raw, 0x16C) << 32;
    }

    /**
     * {@code fs/ext4/super.c:ext4_update_super()}'s error part: a copy with {@code EXT4_ERROR_FS}
     * in the state, {@code count} more errors, the first-error fields set if none was recorded yet,
     * and the last-error fields set.
     *
     * @param code {@code ext4_errno_to_code} of the errno
     */
    public Ext4SuperBlock withError(int count, long time, long ino, long block, String func, int line, int code) {
        byte[] r = encode();
        Le.put16(r, 0x3A, state | STATE_ERROR_FS);
        Le.put32(r, 0x194, (Le.u32(r, 0x194) + count) & 0xFFFFFFFFL);
        if (Le.u32(r, 0x198) == 0 && Le.u8(r, 0x278) == 0) {
            putError(r, 0x198, 0x278, 0x19C, 0x1A0, 0x1A8, 0x1C8, 0x27A, time, ino, block, func, line, code);
        }
        putError(r, 0x1CC, 0x279, 0x1D0, 0x1D8, 0x1E0, 0x1D4, 0x27B, time, ino, block, func, line, code);
        return decode(r, 0);
    }

    private static void putError(byte[] r, int timeAt, int timeHiAt, int inoAt, int blockAt, int funcAt, int lineAt,
            int codeAt, long time, long ino, long block, String func, int line, int code) {
        Le.put32(r, timeAt, time & 0xFFFFFFFFL);
        Le.put8(r, timeHiAt, (int) ((time >>> 32) & 0xFF));
        Le.put32(r, inoAt, ino & 0xFFFFFFFFL);
        Le.put32(r, blockAt, block & 0xFFFFFFFFL);
        Le.put32(r, blockAt + 4, block >>> 32);
        Arrays.fill(r, funcAt, funcAt + 32, (byte) 0);
        byte[] f = func.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(f, 0, r, funcAt, Math.min(32, f.length));
        Le.put32(r, lineAt, line & 0xFFFFFFFFL);
        Le.put8(r, codeAt, code);
    }

    /** A copy with other feature words (tests use it to fake images from the future). */
    public Ext4SuperBlock withFeatures(int compat, int incompat, int roCompat) {
        return new Ext4SuperBlock(inodesCount, blocksCount, rBlocksCount, freeBlocksCount, freeInodesCount,
                firstDataBlock, logBlockSize, logClusterSize, blocksPerGroup, clustersPerGroup, inodesPerGroup,
                mtime, wtime, mntCount, maxMntCount, magic, state, errors, lastCheck, revLevel, firstIno,
                inodeSize, compat, incompat, roCompat, uuid, volumeName, reservedGdtBlocks, journalInum,
                lastOrphan, hashSeed, defHashVersion, descSize, defaultMountOpts, mkfsTime, minExtraIsize,
                wantExtraIsize, flags, logGroupsPerFlex, checksumType, overheadClusters, checksumSeed, checksum,
                raw);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ext4SuperBlock s && Arrays.equals(encode(), s.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "ext4_super_block(" + blocksCount + " blocks of " + blockSize() + ", " + inodesCount + " inodes, "
                + freeBlocksCount + " free blocks, " + freeInodesCount + " free inodes)";
    }
}
