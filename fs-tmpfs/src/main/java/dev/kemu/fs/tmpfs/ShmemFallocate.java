package dev.kemu.fs.tmpfs;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fallocate;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.Page;
import java.util.ArrayList;
import java.util.List;

/**
 * tmpfs fallocate ({@code mm/shmem.c:shmem_fallocate()}, {@code shmem_truncate_range()}).
 *
 * <ul>
 * <li>Only {@code FALLOC_FL_KEEP_SIZE} and {@code FALLOC_FL_PUNCH_HOLE} (with KEEP_SIZE, as the VFS
 * requires): anything else is EOPNOTSUPP.
 * <li>Punching a hole frees the whole pages inside the range (they leave the page cache and
 * {@code st_blocks}) and zeroes the covered part of the pages at its edges; the size stays.
 * <li>Allocation charges every missing page of the range to the mount and records it as
 * allocated (it reads as zeros and counts in {@code st_blocks}); ENOSPC when the mount's
 * {@code size=} limit is smaller than the range or runs out, with every page this call took
 * given back. Without KEEP_SIZE a range past the end extends {@code i_size}.
 * </ul>
 * Everything runs under the inode lock. Seals are not modelled.
 */
final class ShmemFallocate {
    private ShmemFallocate() {
    }

    static long shmemFallocate(File file, int mode, long offset, long len) {
        if ((mode & ~(Fallocate.FALLOC_FL_KEEP_SIZE | Fallocate.FALLOC_FL_PUNCH_HOLE)) != 0) {
            return Errno.EOPNOTSUPP.neg();
        }
        Inode inode = file.inode();
        ShmemInodeInfo info = ShmemInodeInfo.of(inode);
        ShmemSbInfo sbi = ShmemSbInfo.of(inode.sb());
        inode.lock().lock();
        try {
            if ((mode & Fallocate.FALLOC_FL_PUNCH_HOLE) != 0) {
                long lend = offset + len - 1;
                inode.mapping().truncateRange(offset, lend);
                long freed = info.freeRangeLocked((offset + Page.SIZE - 1) >>> Page.SHIFT, (lend + 1) >>> Page.SHIFT);
                sbi.unacctBlocks(freed);
                return 0;
            }
            long start = offset >>> Page.SHIFT;
            long end = (offset + len + Page.SIZE - 1) >>> Page.SHIFT;
            if (sbi.maxBlocks() != 0 && end - start > sbi.maxBlocks()) {
                return Errno.ENOSPC.neg();
            }
            List<Long> taken = new ArrayList<>();
            for (long index = start; index < end; index++) {
                if (info.isAlloced(index)) {
                    continue;
                }
                if (!sbi.acctBlocks(1)) {
                    for (long t : taken) {
                        info.unmarkAllocedLocked(t);
                    }
                    sbi.unacctBlocks(taken.size());
                    return Errno.ENOSPC.neg();
                }
                info.markAllocedLocked(index);
                taken.add(index);
            }
            if ((mode & Fallocate.FALLOC_FL_KEEP_SIZE) == 0 && offset + len > inode.size()) {
                inode.setSize(offset + len);
            }
            return 0;
        } finally {
            inode.lock().unlock();
        }
    }
}
