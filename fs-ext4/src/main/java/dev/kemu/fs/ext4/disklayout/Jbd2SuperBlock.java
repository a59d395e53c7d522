package dev.kemu.fs.ext4.disklayout;

import java.util.Arrays;

/**
 * The journal superblock ({@code include/linux/jbd2.h:journal_superblock_t}), block 0 of the
 * journal inode, big-endian: {@code s_blocksize}, {@code s_maxlen} (blocks in the journal),
 * {@code s_first} (first log block), {@code s_sequence} (first transaction id expected in the log),
 * {@code s_start} (the log's first block, 0 when the journal is empty), {@code s_errno}, the three
 * feature words, {@code s_uuid}, {@code s_checksum_type}, {@code s_num_fc_blks} and
 * {@code s_checksum} (CRC32C from {@code ~0} over the 1024 bytes with it zeroed, kept with
 * {@code CSUM_V2}/{@code V3}: {@code fs/jbd2/journal.c:jbd2_superblock_csum()}). Bytes the model
 * does not interpret ({@code s_users}, …) are kept from the decoded block.
 */
public record Jbd2SuperBlock(int blockType, int blockSize, long maxLen, long first, int sequence, long start,
        int errno, int featureCompat, int featureIncompat, int featureRoCompat, byte[] uuid, int checksumType,
        long numFcBlocks, byte[] raw) {

    public static final int SIZE = 1024;
    private static final int CHECKSUM_OFFSET = 0xFC;

    public Jbd2SuperBlock {
        uuid = uuid.clone();
        raw = raw.clone();
    }

    @Override
    public byte[] uuid() {
        return uuid.clone();
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    /** Decodes the first {@link #SIZE} bytes of {@code b}; null without the jbd2 magic. */
    public static Jbd2SuperBlock decode(byte[] b) {
        if (Jbd2Format.be32(b, 0) != Jbd2Format.MAGIC) {
            return null;
        }
        return new Jbd2SuperBlock(Jbd2Format.be32(b, 4), Jbd2Format.be32(b, 0xC), u32(b, 0x10), u32(b, 0x14),
                Jbd2Format.be32(b, 0x18), u32(b, 0x1C), Jbd2Format.be32(b, 0x20), Jbd2Format.be32(b, 0x24),
                Jbd2Format.be32(b, 0x28), Jbd2Format.be32(b, 0x2C), Arrays.copyOfRange(b, 0x30, 0x40),
                b[0x50] & 0xFF, u32(b, 0x54), Arrays.copyOf(b, SIZE));
    }

    private static long u32(byte[] b, int off) {
        return Jbd2Format.be32(b, off) & 0xFFFFFFFFL;
    }

    /** The 1024 bytes, with the checksum recomputed when the features call for one. */
    public byte[] encode() {
        byte[] b = Arrays.copyOf(raw, SIZE);
        Jbd2Format.putBe32(b, 0, Jbd2Format.MAGIC);
        Jbd2Format.putBe32(b, 4, blockType);
        Jbd2Format.putBe32(b, 0xC, blockSize);
        Jbd2Format.putBe32(b, 0x10, (int) maxLen);
        Jbd2Format.putBe32(b, 0x14, (int) first);
        Jbd2Format.putBe32(b, 0x18, sequence);
        Jbd2Format.putBe32(b, 0x1C, (int) start);
        Jbd2Format.putBe32(b, 0x20, errno);
        Jbd2Format.putBe32(b, 0x24, featureCompat);
        Jbd2Format.putBe32(b, 0x28, featureIncompat);
        Jbd2Format.putBe32(b, 0x2C, featureRoCompat);
        System.arraycopy(uuid, 0, b, 0x30, 16);
        b[0x50] = (byte) checksumType;
        Jbd2Format.putBe32(b, 0x54, (int) numFcBlocks);
        Jbd2Format.putBe32(b, CHECKSUM_OFFSET, 0);
        if (Jbd2Format.hasCsumV2or3(featureIncompat)) {
            Jbd2Format.putBe32(b, CHECKSUM_OFFSET, Crc32c.update(~0, b, 0, SIZE));
        }
        return b;
    }

    /** Whether the stored checksum matches ({@code jbd2_superblock_csum_verify()}); true without one. */
    public boolean checksumValid() {
        if (!Jbd2Format.hasCsumV2or3(featureIncompat)) {
            return true;
        }
        byte[] b = Arrays.copyOf(raw, SIZE);
        int stored = Jbd2Format.be32(b, CHECKSUM_OFFSET);
        Jbd2Format.putBe32(b, CHECKSUM_OFFSET, 0);
        return Crc32c.update(~0, b, 0, SIZE) == stored;
    }

    /** A copy with another log state ({@code s_sequence}, {@code s_start}). */
    public Jbd2SuperBlock withLog(int newSequence, long newStart) {
        return new Jbd2SuperBlock(blockType, blockSize, maxLen, first, newSequence, newStart, errno, featureCompat,
                featureIncompat, featureRoCompat, uuid, checksumType, numFcBlocks, raw);
    }

    /**
     * A copy with other features ({@code jbd2_journal_set_features()}): {@code CSUM_V3} brings
     * {@code JBD2_CRC32C_CHKSUM} and drops {@code CSUM_V2} and {@code COMPAT_CHECKSUM}.
     */
    public Jbd2SuperBlock withFeatures(int compat, int incompat) {
        int type = checksumType;
        if ((incompat & Jbd2Format.FEATURE_INCOMPAT_CSUM_V3) != 0) {
            incompat &= ~Jbd2Format.FEATURE_INCOMPAT_CSUM_V2;
            compat &= ~Jbd2Format.FEATURE_COMPAT_CHECKSUM;
            type = Jbd2Format.CRC32C_CHKSUM;
        }
        return new Jbd2SuperBlock(SUPERBLOCK_V2_TYPE, blockSize, maxLen, first, sequence, start, errno, compat,
                incompat, featureRoCompat, uuid, type, numFcBlocks, raw);
    }

    private static final int SUPERBLOCK_V2_TYPE = Jbd2Format.SUPERBLOCK_V2;

    public boolean hasIncompat(int f) {
        return (featureIncompat & f) != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Jbd2SuperBlock s && Arrays.equals(encode(), s.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "journal_superblock(" + maxLen + " blocks, first " + first + ", sequence " + sequence + ", start "
                + start + String.format(", incompat %#x)", featureIncompat);
    }
}
