package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4Features;
import dev.kemu.fs.ext4.disklayout.Ext4SuperBlock;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.spi.MountException;

/**
 * ext4's side of the journal ({@code fs/ext4/ext4_jbd2.c:__ext4_journal_start_sb()},
 * {@code __ext4_journal_stop()}): handles around each operation that changes metadata, file data
 * writes, and nothing at all on a filesystem without a journal (a RAM disk, an image the model
 * formatted: {@link Mkfs} makes none), whose writes keep the ordered write-back of
 * {@link Ext4Writeback}.
 *
 * <p>A handle is taken outermost, right under the VFS's inode locks: namespace operations and
 * {@code setattr} ({@link Ext4Namei#journalled}), {@code write_begin} to {@code write_end}, the
 * allocation a {@code writepage} makes, truncation, {@code fallocate}, eviction, xattr changes.
 * No thread may start a handle while holding a lock that a handle holder can wait for (a page
 * monitor, {@code i_data_sem}, the groups lock): a commit waiting for the write lock would
 * otherwise shut it out while the holder waits for it.
 */
final class Ext4Journal {
    private Ext4Journal() {
    }

    /** The journal, or null. */
    static Jbd2Journal of(Ext4SbInfo sbi) {
        return sbi.dev instanceof Jbd2Device d ? d.journal() : null;
    }

    /** A started handle; {@link #close} stops it. */
    interface Handle extends AutoCloseable {
        @Override
        void close();
    }

    private static final Handle NONE = () -> {
    };

    /** {@code ext4_journal_start}. */
    static Handle start(Ext4SbInfo sbi) {
        Jbd2Journal j = of(sbi);
        if (j == null) {
            return NONE;
        }
        j.handleStart();
        return j::handleStop;
    }

    static Handle start(Inode inode) {
        return start(Ext4SbInfo.of(inode));
    }

    /**
     * {@code ext4_load_journal()}: with {@code needs_recovery}, replays the log
     * ({@link Jbd2Recovery}) and returns the superblock as the replay left it; without it, a log
     * that still holds transactions is wiped ({@code jbd2_journal_wipe}). A read-only mount that
     * needs recovery is refused, as the kernel refuses it on a read-only device.
     *
     * @throws MountException when recovery is needed but not possible
     */
    static Ext4SuperBlock recover(BlockDevice dev, Jbd2Journal journal, Ext4SuperBlock es, String name,
            boolean readOnly) throws MountException {
        if (!es.hasIncompat(Ext4Features.INCOMPAT_RECOVER)) {
            if (journal.hasLiveTransactions() && !readOnly) {
                journal.wipe();
            }
            return es;
        }
        if (readOnly) {
            throw new MountException(name + ": recovery required on readonly filesystem; write access unavailable, "
                    + "cannot proceed (try running e2fsck first)");
        }
        if (journal.hasLiveTransactions()) {
            Jbd2Recovery.recover(journal);
        }
        byte[] block = new byte[Ext4SuperBlock.OFFSET + Ext4SuperBlock.SIZE];
        dev.read(0, block, 0, block.length);
        Ext4SuperBlock replayed = Ext4SuperBlock.decode(block, Ext4SuperBlock.OFFSET);
        if (replayed.magic() != Ext4SuperBlock.MAGIC || !replayed.checksumValid()) {
            throw new MountException(name + ": the superblock the journal replayed is not valid");
        }
        return replayed;
    }

    /** A whole block of file data to block {@code pblk}. */
    static void writeData(Ext4SbInfo sbi, long pblk, byte[] data, int off) {
        if (sbi.dev instanceof Jbd2Device d) {
            d.writeData(pblk, data, off);
        } else {
            sbi.bwrite(pblk, data, off);
        }
    }
}
