package dev.kemu.fs.ext4;

/**
 * Blocks promised to one operation ({@code fs/ext4/balloc.c:ext4_claim_free_clusters()} and
 * {@code s_dirtyclusters_counter}, per operation here): the operation allocates against it and {@link #close() closes} it, which
 * gives back whatever it did not use. Used by one thread.
 */
final class Reservation implements AutoCloseable {
    private final BlockGroups groups;
    private long left;

    Reservation(BlockGroups groups, long n) {
        this.groups = groups;
        this.left = n;
    }

    /** Called with the groups lock held by the allocator when it takes a block. */
    void consumeLocked() {
        if (left <= 0) {
            throw new IllegalStateException("allocation beyond the blocks claimed");
        }
        left--;
        groups.unclaimLocked(1);
    }

    @Override
    public void close() {
        if (left > 0) {
            groups.lock.lock();
            try {
                groups.unclaimLocked(left);
                left = 0;
            } finally {
                groups.lock.unlock();
            }
        }
    }
}
