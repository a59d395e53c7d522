package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4Inode;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.File;
import dev.kemu.vfs.GenericFile;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.IovIter;
import dev.kemu.vfs.Kiocb;
import dev.kemu.vfs.Kstat;
import dev.kemu.fs.ext4.disklayout.Ext4DirEntry2;
import dev.kemu.fs.ext4.disklayout.Ext4DirHash;
import dev.kemu.vfs.spi.DirContext;
import dev.kemu.vfs.spi.FileOperations;
import dev.kemu.vfs.spi.InodeOperations;

/**
 * File and inode operations of regular files, directories and special inodes
 * ({@code fs/ext4/file.c:ext4_file_operations}, {@code ext4_file_inode_operations};
 * {@code fs/ext4/dir.c:ext4_dir_operations}; {@code fs/ext4/inode.c:ext4_getattr()}).
 *
 * <p>Regular files read and write through the page cache ({@code filemap_read},
 * {@code generic_perform_write}), splice with {@code filemap_splice_read} and
 * {@code iter_file_splice_write}, seek with {@link Ext4Seek} (SEEK_DATA and SEEK_HOLE from the
 * extent tree and the page cache), and {@code fsync} writes back the file's dirty pages and
 * inode, then the allocation metadata. A read-only mount refuses opens for writing with EROFS
 * ({@code mnt_want_write}). Directories report EISDIR to {@code read}.
 */
final class Ext4File {
    private Ext4File() {
    }

    /** {@code EXT4_FL_USER_VISIBLE}: the flags FS_IOC_GETFLAGS shows. */
    static final int FL_USER_VISIBLE = 0x705BDFFF;

    /**
     * {@code ext4_getattr}: {@code st_blocks} from {@code i_blocks}, counting tree blocks too;
     * {@code STATX_BTIME} when asked for and the inode has room for {@code i_crtime}.
     */
    static void fillBlocks(Inode inode, Kstat.Builder stat) {
        Ext4InodeInfo info = Ext4Inodes.info(inode);
        // EXT4_FITS_IN_INODE(i_crtime): the field ends 20 bytes into the extra space.
        if ((stat.requestMask() & dev.kemu.vfs.Statx.STATX_BTIME) != 0 && info.base().extraIsize() >= 20) {
            stat.addResult(dev.kemu.vfs.Statx.STATX_BTIME);
        }
        Ext4SbInfo sbi = Ext4SbInfo.of(inode);
        long blocks = info.blocks();
        if (info.hasFlag(Ext4Inode.HUGE_FILE_FL)) {
            blocks *= sbi.sectorsPerBlock();
        }
        stat.blocks(blocks);
        stat.blksize(sbi.blockSize);
    }

    private static int openCheck(Inode inode, File file) {
        if (file.canWrite() && Ext4SbInfo.of(inode).readOnly) {
            return Errno.EROFS.negInt();
        }
        return 0;
    }

    /** {@code ext4_file_operations}. */
    static final FileOperations FILE_FOPS = new FileOperations() {
        @Override
        public Mmap mmap() {
            return Mmap.FILEMAP;
        }

        @Override
        public long llseek(File file, long offset, int whence) {
            return Ext4Seek.llseek(file, offset, whence);
        }

        @Override
        public long readIter(Kiocb iocb, IovIter to) {
            return GenericFile.readIter(iocb, to);
        }

        @Override
        public long writeIter(Kiocb iocb, IovIter from) {
            return GenericFile.writeIter(iocb, from);
        }

        @Override
        public int open(Inode inode, File file) {
            return openCheck(inode, file);
        }

        @Override
        public int fsync(File file) {
            return Ext4Writeback.fsync(file.inode());
        }

        @Override
        public long fallocate(File file, int mode, long offset, long len) {
            try (Ext4Journal.Handle h = Ext4Journal.start(file.inode())) {
                return Ext4Fallocate.ext4Fallocate(file, mode, offset, len);
            }
        }

        @Override
        public SpliceRead spliceRead() {
            return SpliceRead.FILEMAP;
        }

        @Override
        public SpliceWrite spliceWrite() {
            return SpliceWrite.GENERIC;
        }
    };

    /** {@code ext4_dir_operations}: no {@code read_iter} beyond {@code generic_read_dir}'s EISDIR. */
    static final FileOperations DIR_FOPS = new FileOperations() {
        @Override
        public long llseek(File file, long offset, int whence) {
            return GenericFile.llseek(file, offset, whence);
        }

        @Override
        public long readIter(Kiocb iocb, IovIter to) {
            return Errno.EISDIR.neg();
        }

        @Override
        public int fsync(File file) {
            return Ext4Writeback.fsync(file.inode());
        }

        @Override
        public int iterateShared(File file, DirContext ctx) {
            return Ext4Namei.guard(file.inode(), "ext4_readdir", () -> readdir(file, ctx));
        }

        @Override
        public boolean canIterate() {
            return true;
        }
    };

    /** {@code EXT4_HTREE_EOF_64BIT}: the position past the last name of a hashed listing. */
    static final long HTREE_EOF_64BIT = 0x7fffffffffffffffL;

    /**
     * {@code ext4_readdir}: a directory {@link Ext4Dir#isDxDir} lists through
     * {@link #dxReaddir}; any other, its live entries in block order ("." and ".." first as
     * {@code ext4_init_dot_dotdot} put them), a position being a byte offset in the directory
     * and the end {@code i_size}.
     */
    static int readdir(File file, DirContext ctx) {
        Inode dir = file.inode();
        if (Ext4Dir.isDxDir(dir)) {
            return dxReaddir(file, ctx);
        }
        for (DirBlock.Positioned p : Ext4Dir.listFrom(dir, ctx.pos())) {
            ctx.setPos(p.offset());
            Ext4DirEntry2 de = p.entry();
            int type = de.fileType() <= Ext4DirEntry2.FT_SYMLINK ? DT[de.fileType()] : 0;
            if (!ctx.emit(de.nameString(), de.inode(), type)) {
                return 0;
            }
        }
        ctx.setPos(Math.max(ctx.pos(), dir.size()));
        return 0;
    }

    /**
     * {@code ext4_dx_readdir}: the names in hash order from the hash the position encodes
     * ({@code pos2maj_hash}, {@code pos2min_hash}); each at {@code hash2pos} (the major hash
     * halved in the upper 32 bits, the minor in the lower), then {@code EXT4_HTREE_EOF_64BIT}.
     * Deliberate divergence: the kernel keeps the sorted names of a listing in the open file and
     * does not see names added or removed meanwhile; the model sorts afresh on every call.
     */
    static int dxReaddir(File file, DirContext ctx) {
        if (ctx.pos() == HTREE_EOF_64BIT) {
            return 0;
        }
        long pos = ctx.pos();
        Ext4DirHash.Hash start = new Ext4DirHash.Hash(((pos >>> 32) << 1) & 0xffffffffL, pos & 0xffffffffL);
        for (Ext4Dir.Hashed h : Ext4Dir.hashOrder(file.inode())) {
            if (h.hash().compareTo(start) < 0) {
                continue;
            }
            ctx.setPos((h.hash().major() >>> 1) << 32 | h.hash().minor());
            Ext4DirEntry2 de = h.entry();
            int type = de.fileType() <= Ext4DirEntry2.FT_SYMLINK ? DT[de.fileType()] : 0;
            if (!ctx.emit(de.nameString(), de.inode(), type)) {
                return 0;
            }
        }
        ctx.setPos(HTREE_EOF_64BIT);
        return 0;
    }

    /** {@code ext4_filetype_table}: FT_* to DT_*. */
    private static final int[] DT = {0, 8, 4, 2, 6, 1, 12, 10};

    /** Special inodes (devices, FIFOs, symlinks) found on an image: nothing can be done with them here. */
    static final FileOperations SPECIAL_FOPS = new FileOperations() {
        @Override
        public boolean canRead() {
            return false;
        }

        @Override
        public boolean canWrite() {
            return false;
        }
    };

    /** {@code ext4_fileattr_get}: {@code i_flags} as far as they are user-visible. */
    static long getFlags(Inode inode) {
        return Ext4Inodes.info(inode).flags() & FL_USER_VISIBLE;
    }

    /** {@code ext4_file_inode_operations}. */
    static final InodeOperations FILE_IOPS = new InodeOperations() {
        @Override
        public int setattr(Inode inode, dev.kemu.vfs.spi.Iattr attr) {
            return Ext4Namei.journalled(inode, "ext4_setattr", () -> Ext4Symlink.setattr(inode, attr));
        }

        @Override
        public long getFlags(Inode inode) {
            return Ext4File.getFlags(inode);
        }

        @Override
        public int setSize(Inode inode, long size) {
            try (Ext4Journal.Handle h = Ext4Journal.start(inode)) {
                return Ext4Truncate.setSize(inode, size);
            }
        }

        @Override
        public void getattr(Inode inode, Kstat.Builder stat) {
            fillBlocks(inode, stat);
        }

        @Override
        public void evict(Inode inode) {
            try (Ext4Journal.Handle h = Ext4Journal.start(inode)) {
                Ext4SbInfo.of(inode).inodes.evict(inode);
            }
        }
    };

    /** {@code ext4_special_inode_operations}. */
    static final InodeOperations SPECIAL_IOPS = new InodeOperations() {
        @Override
        public int setattr(Inode inode, dev.kemu.vfs.spi.Iattr attr) {
            return Ext4Namei.journalled(inode, "ext4_setattr", () -> Ext4Symlink.setattr(inode, attr));
        }

        @Override
        public void getattr(Inode inode, Kstat.Builder stat) {
            fillBlocks(inode, stat);
        }

        @Override
        public void evict(Inode inode) {
            try (Ext4Journal.Handle h = Ext4Journal.start(inode)) {
                Ext4SbInfo.of(inode).inodes.evict(inode);
            }
        }
    };
}
