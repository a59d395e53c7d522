package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Jbd2Format;
import java.util.HashMap;
import java.util.Map;

/**
 * Journal replay at mount ({@code fs/jbd2/recovery.c:jbd2_journal_recover()} and
 * {@code do_one_pass()}): three walks of the log from {@code s_start}, each expecting the next
 * transaction id in every block header and stopping at the first block that does not carry it.
 * <ol>
 * <li>{@code PASS_SCAN} finds the end: the first transaction without a valid commit block (with
 * {@code CSUM_V2}/{@code V3}, a commit block whose checksum fails ends the log, as does a
 * descriptor whose tail checksum fails);
 * <li>{@code PASS_REVOKE} gathers each revoked block with the newest transaction that revoked it;
 * <li>{@code PASS_REPLAY} writes every tagged copy home, unescaped, unless a revoke of the same or
 * a later transaction covers it or its tag checksum fails (skipped, as the kernel skips it with
 * "Invalid checksum recovering data block").
 * </ol>
 * Then the device is flushed and the journal marked empty with {@code s_sequence} one past the
 * last transaction seen ({@code ++info.end_transaction}).
 */
final class Jbd2Recovery {
    private Jbd2Recovery() {
    }

    /** What a replay did. */
    record Info(int startTransaction, int endTransaction, int replayed, int revokeHits, int badChecksums) {
    }

    static Info recover(Jbd2Journal j) {
        int seed = j.csumSeed();
        int incompat = j.jsb.featureIncompat();
        int start = j.jsb.sequence();
        int end = scan(j, start, incompat, seed);
        Map<Long, Integer> revoked = new HashMap<>();
        walk(j, start, end, incompat, (tid, pos, b) -> {
            if (Jbd2Format.Header.decode(b).blockType() == Jbd2Format.REVOKE_BLOCK) {
                int count = Jbd2Format.be32(b, Jbd2Format.HEADER_SIZE);
                int rec = (incompat & Jbd2Format.FEATURE_INCOMPAT_64BIT) != 0 ? 8 : 4;
                int limit = Math.min(count, j.blockSize - Jbd2Format.tailSize(incompat));
                for (int at = Jbd2Format.REVOKE_HEADER_SIZE; at + rec <= limit; at += rec) {
                    long block = rec == 8 ? Jbd2Format.be64(b, at) : Jbd2Format.be32(b, at) & 0xFFFFFFFFL;
                    revoked.merge(block, tid, (a, c) -> Integer.compareUnsigned(a, c) >= 0 ? a : c);
                }
            }
        });
        int[] counts = new int[3];
        walk(j, start, end, incompat, (tid, pos, b) -> {
            if (Jbd2Format.Header.decode(b).blockType() != Jbd2Format.DESCRIPTOR_BLOCK) {
                return;
            }
            long p = pos;
            for (Jbd2Format.Tag tag : tags(b, j.blockSize, incompat)) {
                p = j.next(p);
                Integer r = revoked.get(tag.blocknr());
                if (r != null && Integer.compareUnsigned(tid, r) <= 0) {
                    counts[1]++;
                    continue;
                }
                byte[] copy = j.readLog(p);
                if (!tag.checksumValid(seed, tid, copy, incompat)) {
                    counts[2]++;
                    continue;
                }
                if ((tag.flags() & Jbd2Format.FLAG_ESCAPE) != 0) {
                    Jbd2Format.putBe32(copy, 0, Jbd2Format.MAGIC);
                }
                if (tag.blocknr() < j.raw.sizeInBlocks(j.blockSize)) { // block 0 holds the superblock on 4 KiB filesystems
                    j.raw.write(tag.blocknr() * j.blockSize, copy, 0, j.blockSize);
                    counts[0]++;
                }
            }
        });
        j.raw.flush();
        j.writeSuperblock(j.jsb.withLog(end + 1, 0));
        j.raw.flush();
        return new Info(start, end, counts[0], counts[1], counts[2]);
    }

    /** A block of a committed transaction, at log position {@code pos}. */
    private interface Visitor {
        void visit(int tid, long pos, byte[] block);
    }

    /** PASS_SCAN: the id of the first transaction that did not commit. */
    private static int scan(Jbd2Journal j, int start, int incompat, int seed) {
        int next = start;
        long pos = j.jsb.start();
        long seen = 0;
        long capacity = j.last - j.first;
        while (seen < capacity) {
            byte[] b = j.readLog(pos);
            Jbd2Format.Header h = Jbd2Format.Header.decode(b);
            if (h == null || h.sequence() != next) {
                break;
            }
            if (h.blockType() == Jbd2Format.DESCRIPTOR_BLOCK) {
                if (Jbd2Format.hasCsumV2or3(incompat) && !Jbd2Format.tailChecksumValid(b, seed)) {
                    break;
                }
                int n = tags(b, j.blockSize, incompat).length;
                for (int k = 0; k <= n; k++) {
                    pos = j.next(pos);
                }
                seen += n + 1;
                continue;
            }
            if (h.blockType() == Jbd2Format.COMMIT_BLOCK) {
                if (Jbd2Format.hasCsumV2or3(incompat) && !Jbd2Format.commitChecksumValid(b, seed)) {
                    break;
                }
                next++;
            } else if (h.blockType() == Jbd2Format.REVOKE_BLOCK) {
                if (Jbd2Format.hasCsumV2or3(incompat) && !Jbd2Format.tailChecksumValid(b, seed)) {
                    break;
                }
            } else {
                break;
            }
            pos = j.next(pos);
            seen++;
        }
        return next;
    }

    /** Visits the descriptor and revoke blocks of transactions {@code start .. end - 1}. */
    private static void walk(Jbd2Journal j, int start, int end, int incompat, Visitor v) {
        int tid = start;
        long pos = j.jsb.start();
        while (tid != end) {
            byte[] b = j.readLog(pos);
            Jbd2Format.Header h = Jbd2Format.Header.decode(b);
            if (h == null || h.sequence() != tid) {
                return;
            }
            v.visit(tid, pos, b);
            if (h.blockType() == Jbd2Format.DESCRIPTOR_BLOCK) {
                for (int k = 0; k < tags(b, j.blockSize, incompat).length; k++) {
                    pos = j.next(pos);
                }
            } else if (h.blockType() == Jbd2Format.COMMIT_BLOCK) {
                tid++;
            }
            pos = j.next(pos);
        }
    }

    /** {@code count_tags()}: the tags of a descriptor block, up to the one flagged last. */
    static Jbd2Format.Tag[] tags(byte[] b, int bs, int incompat) {
        int tagBytes = Jbd2Format.tagBytes(incompat);
        int size = bs - Jbd2Format.tailSize(incompat);
        java.util.List<Jbd2Format.Tag> out = new java.util.ArrayList<>();
        int at = Jbd2Format.HEADER_SIZE;
        while (at + tagBytes <= size) {
            Jbd2Format.Tag t = Jbd2Format.Tag.decode(b, at, incompat);
            out.add(t);
            at += tagBytes;
            if ((t.flags() & Jbd2Format.FLAG_SAME_UUID) == 0) {
                at += Jbd2Format.UUID_SIZE;
            }
            if ((t.flags() & Jbd2Format.FLAG_LAST_TAG) != 0) {
                break;
            }
        }
        return out.toArray(new Jbd2Format.Tag[0]);
    }
}
