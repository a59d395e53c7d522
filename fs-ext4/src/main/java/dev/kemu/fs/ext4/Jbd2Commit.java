package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Jbd2Format;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writing one transaction to the log ({@code fs/jbd2/commit.c:jbd2_journal_commit_transaction()},
 * {@code fs/jbd2/revoke.c:jbd2_journal_write_revoke_records()}): revoke blocks, then descriptor
 * blocks each followed by the copies its tags describe (escaped where a copy begins with the jbd2
 * magic), a device flush, the commit block, a flush. Before the first transaction after the
 * journal was empty, and whenever the log has no room left, the journal superblock is written
 * with the new tail ({@code jbd2_journal_update_sb_log_tail()}); making room first flushes the
 * device so that every earlier transaction is durable at home ({@code jbd2_cleanup_journal_tail()}).
 *
 * <p>Called by {@link Jbd2Journal#commit} under the handles' write lock.
 */
final class Jbd2Commit {
    private Jbd2Commit() {
    }

    static void write(Jbd2Journal j, Jbd2Transaction tx) {
        int bs = j.blockSize;
        int seed = j.csumSeed();
        int incompat = j.jsb.featureIncompat();
        if (!tx.revokes.isEmpty() && (incompat & Jbd2Format.FEATURE_INCOMPAT_REVOKE) == 0) {
            // jbd2_journal_revoke sets the feature on first use.
            incompat |= Jbd2Format.FEATURE_INCOMPAT_REVOKE;
            j.jsb = j.jsb.withFeatures(j.jsb.featureCompat(), incompat);
            j.flushed = true; // the superblock must reach the disk before the log uses the feature
        }
        List<byte[]> revokeBlocks = revokeBlocks(tx, bs, incompat, seed);
        List<byte[]> logBlocks = new ArrayList<>(revokeBlocks);
        int tagBytes = Jbd2Format.tagBytes(incompat);
        int tail = Jbd2Format.tailSize(incompat);
        List<Map.Entry<Long, byte[]>> entries = new ArrayList<>(tx.blocks.entrySet());
        int i = 0;
        while (i < entries.size()) {
            byte[] desc = new byte[bs];
            Jbd2Format.putHeader(desc, Jbd2Format.DESCRIPTOR_BLOCK, tx.tid);
            int at = Jbd2Format.HEADER_SIZE;
            List<byte[]> copies = new ArrayList<>();
            int lastTagAt = -1;
            int lastFlags = 0;
            Jbd2Format.Tag lastTag = null;
            while (i < entries.size()) {
                boolean firstTag = copies.isEmpty();
                int need = tagBytes + (firstTag ? Jbd2Format.UUID_SIZE : 0);
                if (at + need > bs - tail) {
                    break;
                }
                Map.Entry<Long, byte[]> e = entries.get(i);
                byte[] copy = e.getValue().clone();
                int flags = firstTag ? 0 : Jbd2Format.FLAG_SAME_UUID;
                if (Jbd2Format.be32(copy, 0) == Jbd2Format.MAGIC) {
                    Jbd2Format.putBe32(copy, 0, 0);
                    flags |= Jbd2Format.FLAG_ESCAPE;
                }
                int csum = Jbd2Format.hasCsumV2or3(incompat) ? Jbd2Format.tagChecksum(seed, tx.tid, copy) : 0;
                lastTag = new Jbd2Format.Tag(e.getKey(), flags, csum);
                lastTag.encode(desc, at, incompat);
                lastTagAt = at;
                lastFlags = flags;
                at += tagBytes;
                if (firstTag) {
                    System.arraycopy(j.jsb.uuid(), 0, desc, at, Jbd2Format.UUID_SIZE);
                    at += Jbd2Format.UUID_SIZE;
                }
                copies.add(copy);
                i++;
            }
            new Jbd2Format.Tag(lastTag.blocknr(), lastFlags | Jbd2Format.FLAG_LAST_TAG, lastTag.checksum())
                    .encode(desc, lastTagAt, incompat);
            if (tail > 0) {
                Jbd2Format.setTailChecksum(desc, seed);
            }
            logBlocks.add(desc);
            logBlocks.addAll(copies);
        }
        long capacity = j.last - j.first;
        if (logBlocks.size() + 1 >= capacity) {
            // Larger than the whole log: written home without it (see Jbd2Journal).
            j.raw.flush();
            return;
        }
        long used = Math.floorMod(j.head - j.tail, capacity);
        if (used + logBlocks.size() + 1 >= capacity) {
            // Every earlier transaction is already home: make it durable and move the tail here.
            j.raw.flush();
            j.tail = j.head;
            j.forgetLive();
            j.flushed = true;
        }
        if (j.flushed) {
            j.tail = j.head;
            j.writeSuperblock(j.jsb.withLog(tx.tid, j.head));
            j.raw.flush();
            j.flushed = false;
        }
        long pos = j.head;
        for (byte[] b : logBlocks) {
            j.writeLog(pos, b);
            pos = j.next(pos);
        }
        // Data (written home by beforeCommit) and the log are durable before the commit block.
        j.raw.flush();
        long now = System.currentTimeMillis();
        long sec = Math.max(now / 1000, j.lastCommitSec);
        int nsec = (int) (now % 1000) * 1_000_000;
        j.lastCommitSec = sec;
        j.writeLog(pos, Jbd2Format.commitBlock(bs, tx.tid, sec, nsec, incompat, seed));
        j.raw.flush();
        j.head = j.next(pos);
    }

    /** {@code jbd2_journal_write_revoke_records()}: the transaction's revokes, packed. */
    private static List<byte[]> revokeBlocks(Jbd2Transaction tx, int bs, int incompat, int seed) {
        List<byte[]> out = new ArrayList<>();
        int rec = (incompat & Jbd2Format.FEATURE_INCOMPAT_64BIT) != 0 ? 8 : 4;
        int limit = bs - Jbd2Format.tailSize(incompat);
        byte[] b = null;
        int at = 0;
        for (long block : tx.revokes) {
            if (b == null || at + rec > limit) {
                if (b != null) {
                    finishRevoke(b, at, incompat, seed);
                    out.add(b);
                }
                b = new byte[bs];
                Jbd2Format.putHeader(b, Jbd2Format.REVOKE_BLOCK, tx.tid);
                at = Jbd2Format.REVOKE_HEADER_SIZE;
            }
            if (rec == 8) {
                Jbd2Format.putBe64(b, at, block);
            } else {
                Jbd2Format.putBe32(b, at, (int) block);
            }
            at += rec;
        }
        if (b != null) {
            finishRevoke(b, at, incompat, seed);
            out.add(b);
        }
        return out;
    }

    private static void finishRevoke(byte[] b, int used, int incompat, int seed) {
        Jbd2Format.putBe32(b, Jbd2Format.HEADER_SIZE, used);
        if (Jbd2Format.hasCsumV2or3(incompat)) {
            Jbd2Format.setTailChecksum(b, seed);
        }
    }
}
