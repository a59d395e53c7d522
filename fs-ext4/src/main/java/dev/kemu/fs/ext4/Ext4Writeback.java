package dev.kemu.fs.ext4;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.Page;
import java.io.UncheckedIOException;

/**
 * Writeback ({@code fs/ext4/inode.c:ext4_writepages()}, {@code fs/ext4/fsync.c:ext4_sync_file()},
 * {@code fs/ext4/super.c:ext4_sync_fs()}): dirty pages go to their blocks, then all dirty metadata
 * ({@link #commitMetadata}): dirty extent tree blocks, dirty inodes to the inode table, dirty
 * groups' bitmaps and descriptors and the superblock to their places, then the device is flushed.
 * Without a journal this is what makes an image complete; with one, {@code fsync} and
 * {@code syncfs} commit the running transaction instead ({@link Jbd2Journal#commit}), whose first
 * step is {@link #beforeCommit}. {@code fsync} commits the metadata of
 * every inode, not only its own, as the kernel's {@code fsync} commits the whole running journal
 * transaction (which holds, say, the parent directory's new block).
 *
 * <p>Writeback does not take the inode lock (the kernel's does not take {@code i_rwsem} either);
 * each page is written under the inode's {@code i_data_sem} read lock ({@link Ext4Aops#writePage}).
 *
 * <p>Errors: the first {@code writepage} error (EUCLEAN, EIO), or EIO when the image fails or the
 * filesystem is already unmounted.
 */
final class Ext4Writeback {
    private Ext4Writeback() {
    }

    /** Writes the dirty pages of {@code inode}; 0 or the first error. */
    static int writebackPages(Inode inode) {
        int ret = 0;
        for (Page page : inode.mapping().pages().values()) {
            if (page.isDirty()) {
                int err = inode.mapping().aops().writePage(page);
                if (err < 0 && ret == 0) {
                    ret = err;
                }
            }
        }
        return ret;
    }

    /** {@code ext4_sync_file}: the file's pages and inode, then the allocation metadata. */
    static int fsync(Inode inode) {
        Ext4SbInfo sbi = Ext4SbInfo.of(inode);
        if (sbi.readOnly) {
            // A filesystem an error turned read-only (EXT4_MF_FS_ABORTED) says so.
            return sbi.errors.aborted() ? Errno.EROFS.negInt() : 0;
        }
        if (sbi.isShutdown()) {
            return Errno.EIO.negInt();
        }
        Jbd2Journal journal = Ext4Journal.of(sbi);
        if (journal != null) {
            // jbd2_complete_transaction: the inode's changes are in the running transaction,
            // which the commit writes after the data of every page it references.
            try {
                return journal.commit();
            } catch (UncheckedIOException e) {
                return Errno.EIO.negInt();
            }
        }
        int err = writebackPages(inode);
        try {
            commitMetadata(sbi);
        } catch (UncheckedIOException e) {
            return Errno.EIO.negInt();
        }
        return err;
    }

    /**
     * What a journal commit does before it writes the log ({@code data=ordered}:
     * {@code journal_submit_data_buffers}, then the filesystem's in-memory metadata into the
     * transaction): every cached inode's dirty pages home, then the dirty tree blocks, inodes,
     * groups and superblock into the running transaction. Runs under the journal's write lock.
     */
    static int beforeCommit(Ext4SbInfo sbi) {
        int ret = 0;
        for (Inode inode : sbi.inodes.cached()) {
            int err = writebackPages(inode);
            if (err < 0 && ret == 0) {
                ret = err;
            }
        }
        for (Inode inode : sbi.inodes.cached()) {
            sbi.inodes.writeBack(Ext4Inodes.info(inode));
        }
        sbi.groups.writeDirty();
        sbi.writeSuper();
        return ret;
    }

    /**
     * The metadata half of a journal commit ({@code jbd2_journal_commit_transaction} writing its
     * buffers in place): every cached inode's dirty tree blocks and fields, the dirty groups, the
     * superblock; then a device flush.
     */
    private static void commitMetadata(Ext4SbInfo sbi) {
        for (Inode inode : sbi.inodes.cached()) {
            sbi.inodes.writeBack(Ext4Inodes.info(inode));
        }
        if (sbi.readOnly) {
            return; // an error aborted the commit (jbd2_journal_abort): nothing more reaches the device
        }
        sbi.groups.writeDirty();
        sbi.writeSuper();
        sbi.dev.flush();
    }

    /** {@code ext4_sync_fs} after {@code sync_inodes_sb}: everything. */
    static int syncFs(Ext4SbInfo sbi) {
        if (!sbi.isShutdown()) {
            sbi.errors.commitPending();
        }
        if (sbi.readOnly || sbi.isShutdown()) {
            return 0;
        }
        Jbd2Journal journal = Ext4Journal.of(sbi);
        if (journal != null) {
            try {
                return journal.commit();
            } catch (UncheckedIOException e) {
                return Errno.EIO.negInt();
            }
        }
        int ret = 0;
        try {
            for (Inode inode : sbi.inodes.cached()) {
                int err = writebackPages(inode);
                if (err < 0 && ret == 0) {
                    ret = err;
                }
            }
            commitMetadata(sbi);
        } catch (UncheckedIOException e) {
            return Errno.EIO.negInt();
        }
        return ret;
    }
}
