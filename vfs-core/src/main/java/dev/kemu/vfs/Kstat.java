package dev.kemu.vfs;

/**
 * File attributes as {@code stat} reports them ({@code include/linux/stat.h:struct kstat}).
 *
 * @param blocks {@code st_blocks} in 512-byte units
 * @param rdev {@code st_rdev} as user space sees it ({@code makedev(major, minor)}); 0 for anything but a device
 */
public record Kstat(int dev, long ino, int mode, int nlink, int uid, int gid, long size, int blksize, long blocks, long rdev) {
    /** Attributes of something that is not a device ({@code st_rdev} 0). */
    public Kstat(int dev, long ino, int mode, int nlink, int uid, int gid, long size, int blksize, long blocks) {
        this(dev, ino, mode, nlink, uid, gid, size, blksize, blocks, 0);
    }

    /** Builds a {@link Kstat}; {@code InodeOperations.getattr} fills the filesystem-specific fields. */
    public static final class Builder {
        int dev;
        long ino;
        int mode;
        int nlink;
        int uid;
        int gid;
        long size;
        int blksize = Page.SIZE;
        long blocks;
        int requestMask = Statx.STATX_BASIC_STATS;
        int resultMask = Statx.STATX_BASIC_STATS;

        /** What the caller asked for ({@code statx}'s mask; {@code STATX_BASIC_STATS} for {@code stat}). */
        public int requestMask() {
            return requestMask;
        }

        /** Reports a field beyond the basic ones ({@code stat->result_mask |= ...}). */
        public Builder addResult(int statxBits) {
            this.resultMask |= statxBits;
            return this;
        }
        long rdev;

        public Builder size(long size) {
            this.size = size;
            return this;
        }

        public Builder blksize(int blksize) {
            this.blksize = blksize;
            return this;
        }

        public Builder blocks(long blocks) {
            this.blocks = blocks;
            return this;
        }

        public long size() {
            return size;
        }

        Kstat build() {
            return new Kstat(dev, ino, mode, nlink, uid, gid, size, blksize, blocks, rdev);
        }
    }
}
