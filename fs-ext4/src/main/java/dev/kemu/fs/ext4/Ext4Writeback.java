package dev.kemu.fs.ext4;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.Page;
import java.io.UncheckedIOException;

/**
 * Writeback ({@code fs/ext4/inode.c:ext4_writepages()}, {@code fs/ext4/fsync.c:ext4_sync_file()},
 * {@code fs/ext4/super.c:ext4_sync_fs()}): dirty pages go to their blocks, dirty inodes to the
 * inode table, dirty groups' bitmaps and descriptors and the superblock to their places, then
 * the device is flushed. Without a journal this is what makes an image complete.
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
            return 0;
        }
        if (sbi.isShutdown()) {
            return Errno.EIO.negInt();
        }
        int err = writebackPages(inode);
        try {
            Ext4InodeInfo info = Ext4Inodes.info(inode);
            if (info.isDirty() && !info.isEvicted()) {
                sbi.inodes.writeInode(info);
            }
            sbi.groups.writeDirty();
            sbi.writeSuper();
            sbi.dev.flush();
        } catch (UncheckedIOException e) {
            return Errno.EIO.negInt();
        }
        return err;
    }

    /** {@code ext4_sync_fs} after {@code sync_inodes_sb}: everything. */
    static int syncFs(Ext4SbInfo sbi) {
        if (sbi.readOnly || sbi.isShutdown()) {
            return 0;
        }
        int ret = 0;
        try {
            for (Inode inode : sbi.inodes.cached()) {
                int err = writebackPages(inode);
                if (err < 0 && ret == 0) {
                    ret = err;
                }
                Ext4InodeInfo info = Ext4Inodes.info(inode);
                if (info.isDirty() && !info.isEvicted()) {
                    sbi.inodes.writeInode(info);
                }
            }
            sbi.groups.writeDirty();
            sbi.writeSuper();
            sbi.dev.flush();
        } catch (UncheckedIOException e) {
            return Errno.EIO.negInt();
        }
        return ret;
    }
}
