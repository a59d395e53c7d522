package dev.kemu.fs.tmpfs;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.File;
import dev.kemu.vfs.GenericFile;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.IovIter;
import dev.kemu.vfs.Kiocb;
import dev.kemu.vfs.Kstat;
import dev.kemu.vfs.Page;
import dev.kemu.vfs.spi.FileOperations;
import dev.kemu.vfs.spi.InodeOperations;

/**
 * tmpfs regular files ({@code mm/shmem.c:shmem_file_operations}, {@code shmem_inode_operations}).
 *
 * <p>Reads are {@code shmem_file_read_iter}: a page that is not in the page cache (or not yet up
 * to date) is a hole and reads as zeros without allocating anything. Writes are
 * {@code generic_file_write_iter} through {@link ShmemAops}. SEEK_DATA and SEEK_HOLE are
 * {@code shmem_file_llseek}: data is what {@link ShmemInodeInfo} records as allocated, with
 * page granularity. Splice reads reference page-cache pages through the VFS's generic
 * {@code filemap_splice_read} path; Linux 6.5 onwards has its own {@code shmem_file_splice_read},
 * which references {@code ZERO_PAGE} for a hole, and the model's nearest equivalent is the
 * zero-filled page {@link ShmemAops#readFolio} leaves unallocated. Splice writes are
 * {@code iter_file_splice_write}.
 */
final class ShmemFile {
    private ShmemFile() {
    }

    static final FileOperations FOPS = new FileOperations() {
        @Override
        public Mmap mmap() {
            return Mmap.FILEMAP;
        }

        @Override
        public long llseek(File file, long offset, int whence) {
            return shmemFileLlseek(file, offset, whence);
        }

        @Override
        public long readIter(Kiocb iocb, IovIter to) {
            return shmemFileReadIter(iocb, to);
        }

        /** {@code shmem_file_write_iter}: {@code generic_perform_write} under the inode lock. */
        @Override
        public long writeIter(Kiocb iocb, IovIter from) {
            return GenericFile.writeIter(iocb, from);
        }

        @Override
        public int fsync(File file) {
            return FileOperations.noopFsync();
        }

        @Override
        public long fallocate(File file, int mode, long offset, long len) {
            return ShmemFallocate.shmemFallocate(file, mode, offset, len);
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

    static final InodeOperations IOPS = new InodeOperations() {
        /**
         * {@code shmem_setattr} with {@code ATTR_SIZE}: {@code i_size} changes, and pages wholly
         * past the new size are freed and uncharged ({@code shmem_truncate_range}); the tail of a
         * partial page is zeroed. Growing allocates nothing. The VFS holds the inode lock.
         */
        @Override
        public int setSize(Inode inode, long size) {
            long oldSize = inode.size();
            GenericFile.truncateSetSize(inode, size);
            if (size <= oldSize) {
                long firstWhole = (size + Page.SIZE - 1) >>> Page.SHIFT;
                long freed = ShmemInodeInfo.of(inode).freeFromLocked(firstWhole);
                ShmemSbInfo.of(inode.sb()).unacctBlocks(freed);
            }
            return 0;
        }

        /** {@code shmem_getattr}: {@code i_blocks} is 8 sectors per allocated page. */
        @Override
        public void getattr(Inode inode, Kstat.Builder stat) {
            stat.blocks(ShmemInodeInfo.of(inode).nrAlloced() * (Page.SIZE / 512));
            stat.blksize(Page.SIZE);
        }

        /** {@code shmem_fileattr_get} (6.0): no flag is set on a tmpfs file of the model. */
        @Override
        public long getFlags(Inode inode) {
            return 0;
        }

        /** {@code shmem_evict_inode}: the pages go back to the mount's pool. */
        @Override
        public void evict(Inode inode) {
            ShmemInodeInfo info = ShmemInodeInfo.of(inode);
            if (!info.markEvicted()) {
                return;
            }
            long freed = info.freeFromLocked(0);
            ShmemSbInfo.of(inode.sb()).unacctBlocks(freed);
            inode.mapping().truncateFrom(0);
            inode.setSize(0);
        }
    };

    /**
     * {@code shmem_file_read_iter}: copies page-cache pages up to {@code i_size}; a hole is
     * {@code iov_iter_zero}. A fault before any byte is EFAULT.
     */
    static long shmemFileReadIter(Kiocb iocb, IovIter to) {
        Inode inode = iocb.file().inode();
        long pos = iocb.pos();
        long total = 0;
        while (to.count() > 0) {
            long isize = inode.size();
            if (pos >= isize) {
                break;
            }
            int offset = (int) (pos & (Page.SIZE - 1));
            int n = (int) Math.min(Math.min(Page.SIZE - offset, isize - pos), to.count());
            Page page = inode.mapping().findGetPage(pos >>> Page.SHIFT);
            int copied = page != null && page.isUptodate() ? to.copyPageToIter(page, offset, n) : to.zero(n);
            pos += copied;
            total += copied;
            if (copied < n) {
                if (total == 0) {
                    return Errno.EFAULT.neg();
                }
                break;
            }
        }
        iocb.setPos(pos);
        return total;
    }

    /**
     * {@code shmem_file_llseek}: SEEK_SET, SEEK_CUR and SEEK_END are
     * {@code generic_file_llseek_size(MAX_LFS_FILESIZE, i_size)}; SEEK_DATA and SEEK_HOLE search
     * the allocated pages under the inode lock ({@code mapping_seek_hole_data}). Errors: ENXIO for
     * a negative offset, an offset at or past EOF, or no data after the offset (SEEK_DATA).
     */
    static long shmemFileLlseek(File file, long offset, int whence) {
        if (whence != Fcntl.SEEK_DATA && whence != Fcntl.SEEK_HOLE) {
            return GenericFile.llseek(file, offset, whence);
        }
        if (offset < 0) {
            return Errno.ENXIO.neg();
        }
        Inode inode = file.inode();
        inode.lock().lock();
        try {
            long found = seekHoleDataLocked(ShmemInodeInfo.of(inode), offset, inode.size(), whence == Fcntl.SEEK_DATA);
            if (found < 0) {
                return found;
            }
            return GenericFile.setPos(file, found, TmpfsType.MAX_LFS_FILESIZE);
        } finally {
            inode.lock().unlock();
        }
    }

    /**
     * {@code mm/filemap.c:mapping_seek_hole_data()} over allocated pages: the first data byte at or
     * after {@code start} (or -ENXIO), or the first hole byte, where EOF counts as a hole.
     */
    static long seekHoleDataLocked(ShmemInodeInfo info, long start, long end, boolean seekData) {
        if (start >= end) {
            return Errno.ENXIO.neg();
        }
        long lastIndex = (end - 1) >>> Page.SHIFT;
        Long index = info.nextAlloced(start >>> Page.SHIFT);
        while (index != null && index <= lastIndex) {
            long pos = index << Page.SHIFT;
            if (start < pos) {
                if (!seekData) {
                    return start;
                }
                start = pos;
            }
            if (seekData) {
                return start;
            }
            start = pos + Page.SIZE;
            if (start >= end) {
                break;
            }
            index = info.nextAlloced(index + 1);
        }
        if (seekData) {
            return Errno.ENXIO.neg();
        }
        return Math.min(start, end);
    }
}
