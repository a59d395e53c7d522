package dev.kemu.fs.ext4.disklayout;

import java.util.Arrays;

/**
 * An on-disk inode ({@code fs/ext4/ext4.h:struct ext4_inode}): the 128-byte base, then
 * {@code i_extra_isize} bytes of extended fields, then in-inode extended attributes up to
 * {@code s_inode_size} (256 here).
 *
 * <p>{@code i_block} holds 60 bytes: the root of the extent tree (a header and four slots) for
 * extent-mapped files, the twelve direct and three indirect block numbers for block-mapped ones,
 * the start of the data for {@code inline_data} inodes, the target of a fast symlink. The record
 * keeps the full on-disk bytes in {@code raw} so that fields it does not model (in-inode
 * extended attributes, project id, ...) survive an {@link #encode}.
 *
 * @param blocks {@code i_blocks}, 48 bits: 512-byte sectors unless {@link #HUGE_FILE_FL} is set
 * @param raw the on-disk bytes ({@code s_inode_size} of them), copied and never exposed
 */
public record Ext4Inode(int mode, long uid, long gid, long size, long atime, long ctime, long mtime, long dtime,
        int linksCount, long blocks, int flags, long version, byte[] iBlock, long generation, long fileAcl,
        int extraIsize, long ctimeExtra, long mtimeExtra, long atimeExtra, long crtime, long crtimeExtra,
        byte[] raw) {

    /** {@code EXT4_GOOD_OLD_INODE_SIZE}. */
    public static final int GOOD_OLD_SIZE = 128;
    /** The size of {@code i_block}. */
    public static final int I_BLOCK_SIZE = 60;
    /** The {@code i_extra_isize} of inodes this model creates (all fields up to {@code i_projid}). */
    public static final int EXTRA_ISIZE = 32;

    /** {@code EXT4_INDEX_FL}: a hashed (htree) directory. */
    public static final int INDEX_FL = 0x00001000;
    /** {@code EXT4_HUGE_FILE_FL}: {@code i_blocks} counts filesystem blocks. */
    public static final int HUGE_FILE_FL = 0x00040000;
    /** {@code EXT4_EXTENTS_FL}: {@code i_block} is an extent tree root. */
    public static final int EXTENTS_FL = 0x00080000;
    /** {@code EXT4_EA_INODE_FL}. */
    public static final int EA_INODE_FL = 0x00200000;
    /** {@code EXT4_INLINE_DATA_FL}: the data lives in {@code i_block} and the {@code system.data} attribute. */
    public static final int INLINE_DATA_FL = 0x10000000;

    static final int I_BLOCK_OFFSET = 0x28;
    static final int GENERATION_OFFSET = 0x64;
    static final int CHECKSUM_LO_OFFSET = 0x7C;
    static final int CHECKSUM_HI_OFFSET = 0x82;

    public Ext4Inode {
        if (raw == null || raw.length < GOOD_OLD_SIZE) {
            throw new IllegalArgumentException("an inode is at least 128 bytes");
        }
        if (iBlock == null || iBlock.length != I_BLOCK_SIZE) {
            throw new IllegalArgumentException("i_block is 60 bytes");
        }
        if (raw.length > GOOD_OLD_SIZE && (extraIsize < 0 || GOOD_OLD_SIZE + extraIsize > raw.length
                || (extraIsize & 3) != 0)) {
            throw new IllegalArgumentException("bad i_extra_isize " + extraIsize);
        }
        Le.checkU16("i_mode", mode);
        Le.checkU16("i_links_count", linksCount);
        Le.checkU48("i_blocks", blocks);
        Le.checkU48("i_file_acl", fileAcl);
        Le.checkU32("i_generation", generation);
        if (size < 0) {
            throw new IllegalArgumentException("negative i_size");
        }
        raw = raw.clone();
        iBlock = iBlock.clone();
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    @Override
    public byte[] iBlock() {
        return iBlock.clone();
    }

    /** A zeroed inode of {@code inodeSize} bytes with the model's {@code i_extra_isize}. */
    public static Ext4Inode empty(int inodeSize) {
        return new Ext4Inode(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, new byte[I_BLOCK_SIZE], 0, 0,
                inodeSize > GOOD_OLD_SIZE ? EXTRA_ISIZE : 0, 0, 0, 0, 0, 0, new byte[inodeSize]);
    }

    /** Decodes the inode of {@code inodeSize} bytes at {@code off} of {@code b}. */
    public static Ext4Inode decode(byte[] b, int off, int inodeSize) {
        byte[] r = Arrays.copyOfRange(b, off, off + inodeSize);
        int extra = inodeSize > GOOD_OLD_SIZE ? Le.u16(r, 0x80) : 0;
        if (GOOD_OLD_SIZE + extra > inodeSize || (extra & 3) != 0) {
            extra = 0; // corrupt; e2fsck would fix it, the model reads the base inode only
        }
        return new Ext4Inode(Le.u16(r, 0x00), Le.u16(r, 0x02) | (long) Le.u16(r, 0x78) << 16,
                Le.u16(r, 0x18) | (long) Le.u16(r, 0x7A) << 16, Le.u32(r, 0x04) | Le.u32(r, 0x6C) << 32,
                Le.u32(r, 0x08), Le.u32(r, 0x0C), Le.u32(r, 0x10), Le.u32(r, 0x14), Le.u16(r, 0x1A),
                Le.u32(r, 0x1C) | (long) Le.u16(r, 0x74) << 32, Le.s32(r, 0x20), Le.u32(r, 0x24),
                Arrays.copyOfRange(r, I_BLOCK_OFFSET, I_BLOCK_OFFSET + I_BLOCK_SIZE), Le.u32(r, GENERATION_OFFSET),
                Le.u32(r, 0x68) | (long) Le.u16(r, 0x76) << 32, extra,
                fits(extra, 0x84, 4) ? Le.u32(r, 0x84) : 0, fits(extra, 0x88, 4) ? Le.u32(r, 0x88) : 0,
                fits(extra, 0x8C, 4) ? Le.u32(r, 0x8C) : 0, fits(extra, 0x90, 4) ? Le.u32(r, 0x90) : 0,
                fits(extra, 0x94, 4) ? Le.u32(r, 0x94) : 0, r);
    }

    /** {@code EXT4_FITS_IN_INODE}: does {@code i_extra_isize} cover the field at {@code off}? */
    private static boolean fits(int extra, int off, int len) {
        return off + len <= GOOD_OLD_SIZE + extra;
    }

    static boolean hasChecksumHi(byte[] raw) {
        return raw.length > GOOD_OLD_SIZE && fits(Le.u16(raw, 0x80), CHECKSUM_HI_OFFSET, 2);
    }

    /**
     * The on-disk bytes; with {@code csumSeed} non-null ({@code metadata_csum}) the checksum of
     * inode {@code ino} is computed and stored.
     */
    public byte[] encode(long ino, Integer csumSeed) {
        byte[] r = raw.clone();
        Le.put16(r, 0x00, mode);
        Le.put16(r, 0x02, (int) uid);
        Le.put16(r, 0x78, (int) (uid >>> 16));
        Le.put16(r, 0x18, (int) gid);
        Le.put16(r, 0x7A, (int) (gid >>> 16));
        Le.put32(r, 0x04, size);
        Le.put32(r, 0x6C, size >>> 32);
        Le.put32(r, 0x08, atime);
        Le.put32(r, 0x0C, ctime);
        Le.put32(r, 0x10, mtime);
        Le.put32(r, 0x14, dtime);
        Le.put16(r, 0x1A, linksCount);
        Le.put32(r, 0x1C, blocks);
        Le.put16(r, 0x74, (int) (blocks >>> 32));
        Le.put32(r, 0x20, flags);
        Le.put32(r, 0x24, version);
        System.arraycopy(iBlock, 0, r, I_BLOCK_OFFSET, I_BLOCK_SIZE);
        Le.put32(r, GENERATION_OFFSET, generation);
        Le.put32(r, 0x68, fileAcl);
        Le.put16(r, 0x76, (int) (fileAcl >>> 32));
        if (r.length > GOOD_OLD_SIZE) {
            Le.put16(r, 0x80, extraIsize);
            long[] extra = {ctimeExtra, mtimeExtra, atimeExtra, crtime, crtimeExtra};
            for (int i = 0; i < extra.length; i++) {
                if (fits(extraIsize, 0x84 + 4 * i, 4)) {
                    Le.put32(r, 0x84 + 4 * i, extra[i]);
                }
            }
        }
        if (csumSeed != null) {
            int crc = Ext4Checksums.inode(Ext4Checksums.inodeSeed(csumSeed, ino, generation), r);
            Le.put16(r, CHECKSUM_LO_OFFSET, crc & 0xFFFF);
            if (hasChecksumHi(r)) {
                Le.put16(r, CHECKSUM_HI_OFFSET, crc >>> 16);
            }
        }
        return r;
    }

    public boolean hasFlag(int f) {
        return (flags & f) != 0;
    }

    /** The number of bytes of in-inode extended attribute space ({@code ibody}), from its magic on. */
    public int ibodyOffset() {
        return GOOD_OLD_SIZE + extraIsize;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ext4Inode i && Arrays.equals(raw, i.raw) && Arrays.equals(encode(0, null),
                i.encode(0, null));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode(0, null));
    }

    @Override
    public String toString() {
        return String.format("ext4_inode(mode %o, size %d, links %d, blocks %d, flags %#x)", mode, size,
                linksCount, blocks, flags);
    }
}
