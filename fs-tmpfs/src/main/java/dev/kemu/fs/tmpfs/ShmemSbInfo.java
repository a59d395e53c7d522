package dev.kemu.fs.tmpfs;

import dev.kemu.vfs.SuperBlock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-mount page accounting ({@code include/linux/shmem_fs.h:struct shmem_sb_info},
 * {@code mm/shmem.c:shmem_inode_acct_blocks()}, {@code shmem_inode_unacct_blocks()}).
 *
 * <p>{@code usedBlocks} is {@code percpu_counter used_blocks}: an atomic that is never held, so
 * it sits below every lock. A page is charged when {@code write_begin} allocates it and uncharged
 * when truncation or eviction frees it.
 */
final class ShmemSbInfo {
    private final long maxBlocks;
    private final AtomicLong usedBlocks = new AtomicLong();

    /** @param maxBlocks the page limit, 0 for none */
    ShmemSbInfo(long maxBlocks) {
        this.maxBlocks = maxBlocks;
    }

    static ShmemSbInfo of(SuperBlock sb) {
        return (ShmemSbInfo) sb.fsInfo();
    }

    /**
     * {@code percpu_counter_limited_add(&used_blocks, max_blocks, pages)}: charges {@code pages}
     * unless that would pass the limit.
     *
     * @return false when the filesystem is full (the caller returns ENOSPC)
     */
    boolean acctBlocks(long pages) {
        if (maxBlocks == 0) {
            usedBlocks.addAndGet(pages);
            return true;
        }
        while (true) {
            long used = usedBlocks.get();
            if (used + pages > maxBlocks) {
                return false;
            }
            if (usedBlocks.compareAndSet(used, used + pages)) {
                return true;
            }
        }
    }

    /** Returns {@code pages} freed by truncation or eviction. */
    void unacctBlocks(long pages) {
        if (pages != 0) {
            usedBlocks.addAndGet(-pages);
        }
    }

    /** Pages in use on this mount ({@code statfs} would report {@code max - used} free). */
    long usedBlocks() {
        return usedBlocks.get();
    }

    long maxBlocks() {
        return maxBlocks;
    }
}
