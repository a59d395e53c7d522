package dev.kemu.fs.ext4.disklayout;

import java.nio.ByteBuffer;

/**
 * The jbd2 log's block formats ({@code include/linux/jbd2.h}): every log block but the data copies
 * starts with a {@code journal_header_t} (magic, block type, transaction id), big-endian like all of
 * jbd2's on-disk fields.
 *
 * <ul>
 * <li>descriptor block ({@code JBD2_DESCRIPTOR_BLOCK}): tags naming the home block of each data
 * copy that follows it; the first tag is followed by the journal's 16-byte UUID, later ones carry
 * {@code JBD2_FLAG_SAME_UUID}, the last one {@code JBD2_FLAG_LAST_TAG}. A tag is
 * {@code journal_block_tag3_t} (16 bytes: block, flags, block high, checksum) with
 * {@code CSUM_V3}, else {@code journal_block_tag_t} (12 bytes with {@code 64BIT}, 8 without);
 * {@link #tagBytes}. With checksums the block ends in a 4-byte {@code jbd2_journal_block_tail}.
 * <li>revoke block ({@code JBD2_REVOKE_BLOCK}): {@code r_count} (bytes used, header included)
 * then block numbers of 8 bytes ({@code 64BIT}) or 4; a tail with checksums.
 * <li>commit block ({@code JBD2_COMMIT_BLOCK}): {@code h_chksum_type}, {@code h_chksum_size},
 * {@code h_chksum[0]} (the CRC32C of the block with it zeroed, with {@code CSUM_V2}/{@code V3}),
 * {@code h_commit_sec}, {@code h_commit_nsec}.
 * </ul>
 *
 * <p>A data copy whose first four bytes are the jbd2 magic is written with them zeroed and
 * {@code JBD2_FLAG_ESCAPE} in its tag ({@code fs/jbd2/journal.c:jbd2_journal_write_metadata_buffer()});
 * replay puts the magic back. Checksums ({@code fs/jbd2/commit.c:jbd2_block_tag_csum_set()},
 * {@code jbd2_descriptor_block_csum_set()}, {@code jbd2_commit_block_csum_set()}) are raw CRC32C
 * registers from the journal seed ({@code j_csum_seed}: {@code ~0} over the journal UUID); a tag's
 * covers the big-endian transaction id and then the data copy as it lies in the log.
 */
public final class Jbd2Format {
    private Jbd2Format() {
    }

    public static final int MAGIC = 0xC03B3998;
    public static final int DESCRIPTOR_BLOCK = 1;
    public static final int COMMIT_BLOCK = 2;
    public static final int SUPERBLOCK_V1 = 3;
    public static final int SUPERBLOCK_V2 = 4;
    public static final int REVOKE_BLOCK = 5;

    public static final int FEATURE_COMPAT_CHECKSUM = 0x1;
    public static final int FEATURE_INCOMPAT_REVOKE = 0x1;
    public static final int FEATURE_INCOMPAT_64BIT = 0x2;
    public static final int FEATURE_INCOMPAT_ASYNC_COMMIT = 0x4;
    public static final int FEATURE_INCOMPAT_CSUM_V2 = 0x8;
    public static final int FEATURE_INCOMPAT_CSUM_V3 = 0x10;
    public static final int FEATURE_INCOMPAT_FAST_COMMIT = 0x20;
    /** {@code JBD2_KNOWN_INCOMPAT_FEATURES} less fast commits, which the model does not replay. */
    public static final int KNOWN_INCOMPAT = FEATURE_INCOMPAT_REVOKE | FEATURE_INCOMPAT_64BIT
            | FEATURE_INCOMPAT_ASYNC_COMMIT | FEATURE_INCOMPAT_CSUM_V2 | FEATURE_INCOMPAT_CSUM_V3;

    public static final int FLAG_ESCAPE = 1;
    public static final int FLAG_SAME_UUID = 2;
    public static final int FLAG_DELETED = 4;
    public static final int FLAG_LAST_TAG = 8;

    /** {@code JBD2_CRC32C_CHKSUM}. */
    public static final int CRC32C_CHKSUM = 4;
    public static final int HEADER_SIZE = 12;
    public static final int REVOKE_HEADER_SIZE = 16;
    public static final int TAIL_SIZE = 4;
    public static final int UUID_SIZE = 16;

    /** {@code jbd2_journal_tag_bytes()}. */
    public static int tagBytes(int incompat) {
        if ((incompat & FEATURE_INCOMPAT_CSUM_V3) != 0) {
            return 16;
        }
        int sz = 12;
        if ((incompat & FEATURE_INCOMPAT_CSUM_V2) != 0) {
            sz += 2;
        }
        return (incompat & FEATURE_INCOMPAT_64BIT) != 0 ? sz : sz - 4;
    }

    /** {@code jbd2_journal_has_csum_v2or3()}. */
    public static boolean hasCsumV2or3(int incompat) {
        return (incompat & (FEATURE_INCOMPAT_CSUM_V2 | FEATURE_INCOMPAT_CSUM_V3)) != 0;
    }

    /** The tail bytes a descriptor or revoke block reserves: 4 with checksums, else none. */
    public static int tailSize(int incompat) {
        return hasCsumV2or3(incompat) ? TAIL_SIZE : 0;
    }

    public static int be32(byte[] b, int off) {
        return ByteBuffer.wrap(b, off, 4).getInt();
    }

    public static long be64(byte[] b, int off) {
        return ByteBuffer.wrap(b, off, 8).getLong();
    }

    public static void putBe32(byte[] b, int off, int v) {
        ByteBuffer.wrap(b, off, 4).putInt(v);
    }

    public static void putBe64(byte[] b, int off, long v) {
        ByteBuffer.wrap(b, off, 8).putLong(v);
    }

    /** Writes a {@code journal_header_t}. */
    public static void putHeader(byte[] b, int blockType, int tid) {
        putBe32(b, 0, MAGIC);
        putBe32(b, 4, blockType);
        putBe32(b, 8, tid);
    }

    /** The header of a log block: its type and transaction id, or null when it has no jbd2 magic. */
    public record Header(int blockType, int sequence) {
        public static Header decode(byte[] b) {
            return be32(b, 0) == MAGIC ? new Header(be32(b, 4), be32(b, 8)) : null;
        }
    }

    /** {@code j_csum_seed}: {@code ~0} over the journal UUID. */
    public static int csumSeed(byte[] uuid) {
        return Crc32c.update(~0, uuid, 0, UUID_SIZE);
    }

    /** {@code jbd2_block_tag_csum_set()}: the seed, the transaction id big-endian, the log copy. */
    public static int tagChecksum(int seed, int tid, byte[] logCopy) {
        byte[] seq = new byte[4];
        putBe32(seq, 0, tid);
        return Crc32c.update(Crc32c.update(seed, seq, 0, 4), logCopy, 0, logCopy.length);
    }

    /** {@code jbd2_descriptor_block_csum_set()}: the whole block with the tail zeroed, stored in the tail. */
    public static void setTailChecksum(byte[] block, int seed) {
        int at = block.length - TAIL_SIZE;
        putBe32(block, at, 0);
        putBe32(block, at, Crc32c.update(seed, block, 0, block.length));
    }

    /** {@code jbd2_descriptor_block_csum_verify()}. */
    public static boolean tailChecksumValid(byte[] block, int seed) {
        byte[] copy = block.clone();
        int stored = be32(block, block.length - TAIL_SIZE);
        setTailChecksum(copy, seed);
        return be32(copy, copy.length - TAIL_SIZE) == stored;
    }

    /** Offset of {@code h_chksum[0]} in a commit block. */
    public static final int COMMIT_CHKSUM = 16;
    /** Offset of {@code h_commit_sec}. */
    public static final int COMMIT_SEC = 48;
    /** Offset of {@code h_commit_nsec}. */
    public static final int COMMIT_NSEC = 56;

    /** A commit block for transaction {@code tid} ({@code journal_submit_commit_record()}). */
    public static byte[] commitBlock(int blockSize, int tid, long sec, int nsec, int incompat, int seed) {
        byte[] b = new byte[blockSize];
        putHeader(b, COMMIT_BLOCK, tid);
        putBe64(b, COMMIT_SEC, sec);
        putBe32(b, COMMIT_NSEC, nsec);
        if (hasCsumV2or3(incompat)) {
            // h_chksum_type, h_chksum_size and h_chksum[0] stay zero while the sum is taken.
            putBe32(b, COMMIT_CHKSUM, Crc32c.update(seed, b, 0, b.length));
        }
        return b;
    }

    /** {@code jbd2_commit_block_csum_verify()}. */
    public static boolean commitChecksumValid(byte[] b, int seed) {
        byte[] copy = b.clone();
        int stored = be32(b, COMMIT_CHKSUM);
        copy[12] = 0;
        copy[13] = 0;
        putBe32(copy, COMMIT_CHKSUM, 0);
        return Crc32c.update(seed, copy, 0, copy.length) == stored;
    }

    /** A descriptor tag: the home block, its flags and its checksum (0 where the format has none). */
    public record Tag(long blocknr, int flags, int checksum) {
        /** Encodes at {@code off} in the form {@link #tagBytes} gives for {@code incompat}. */
        public void encode(byte[] b, int off, int incompat) {
            boolean is64 = (incompat & FEATURE_INCOMPAT_64BIT) != 0;
            putBe32(b, off, (int) blocknr);
            if ((incompat & FEATURE_INCOMPAT_CSUM_V3) != 0) {
                putBe32(b, off + 4, flags);
                putBe32(b, off + 8, is64 ? (int) (blocknr >>> 32) : 0);
                putBe32(b, off + 12, checksum);
            } else {
                putBe16(b, off + 4, (incompat & FEATURE_INCOMPAT_CSUM_V2) != 0 ? checksum & 0xFFFF : 0);
                putBe16(b, off + 6, flags);
                if (is64) {
                    putBe32(b, off + 8, (int) (blocknr >>> 32));
                }
            }
        }

        /** {@code read_tag_block()} and the flags, for either form. */
        public static Tag decode(byte[] b, int off, int incompat) {
            boolean is64 = (incompat & FEATURE_INCOMPAT_64BIT) != 0;
            long nr = be32(b, off) & 0xFFFFFFFFL;
            if ((incompat & FEATURE_INCOMPAT_CSUM_V3) != 0) {
                if (is64) {
                    nr |= (be32(b, off + 8) & 0xFFFFFFFFL) << 32;
                }
                return new Tag(nr, be32(b, off + 4), be32(b, off + 12));
            }
            if (is64) {
                nr |= (be32(b, off + 8) & 0xFFFFFFFFL) << 32;
            }
            return new Tag(nr, be16(b, off + 6), be16(b, off + 4));
        }

        /** {@code jbd2_block_tag_csum_verify()} of the log copy of transaction {@code tid}. */
        public boolean checksumValid(int seed, int tid, byte[] logCopy, int incompat) {
            int c = tagChecksum(seed, tid, logCopy);
            if ((incompat & FEATURE_INCOMPAT_CSUM_V3) != 0) {
                return checksum == c;
            }
            return (incompat & FEATURE_INCOMPAT_CSUM_V2) == 0 || (checksum & 0xFFFF) == (c & 0xFFFF);
        }
    }

    private static int be16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    private static void putBe16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }
}
