package dev.kemu.fs.ext4;

import java.io.Closeable;

/**
 * A block device the filesystem lives on ({@code include/linux/blkdev.h:struct block_device} with
 * the buffer-cache reads and writes of {@code fs/buffer.c:__bread()} and
 * {@code submit_bh()} reduced to synchronous copies).
 *
 * <p>A device is bytes: its size is {@link #sizeInBytes()} ({@code bdev_nr_bytes}), a whole number
 * of 512-byte sectors ({@link #nrSectors()}, {@code bdev_nr_sectors}). It has no block size of its
 * own: the filesystem reads and writes blocks of the size its superblock names
 * ({@code sb_set_blocksize}), so the block methods take that size. Byte-addressed
 * {@link #read}/{@link #write} exist because inodes (256 bytes) and group descriptors (64) are
 * updated in place, as the kernel updates a part of a buffer head. Implementations are
 * thread-safe: concurrent writes to distinct byte ranges never disturb each other, and a read sees
 * each concurrent write to its range either entirely or not at all per 512-byte sector. Host I/O
 * failures surface as {@link java.io.UncheckedIOException} (the model has no failing disks; a
 * failing host file is an environment problem, not an errno).
 */
public interface BlockDevice extends Closeable {
    /** {@code SECTOR_SHIFT}. */
    int SECTOR_SHIFT = 9;
    /** {@code SECTOR_SIZE}: the unit of a device's size. */
    int SECTOR_SIZE = 1 << SECTOR_SHIFT;

    /** {@code bdev_nr_bytes}: the size in bytes, a multiple of {@link #SECTOR_SIZE}. */
    long sizeInBytes();

    /** {@code bdev_nr_sectors}. */
    default long nrSectors() {
        return sizeInBytes() >>> SECTOR_SHIFT;
    }

    /** {@code sb_bdev_nr_blocks}: how many whole blocks of {@code blockSize} bytes the device holds. */
    default long sizeInBlocks(int blockSize) {
        return sizeInBytes() / blockSize;
    }

    /** Reads {@code len} bytes at byte offset {@code pos} into {@code dst[off..]}. */
    void read(long pos, byte[] dst, int off, int len);

    /** Writes {@code len} bytes of {@code src[off..]} at byte offset {@code pos}. */
    void write(long pos, byte[] src, int off, int len);

    /** {@code sb_bread}: reads block {@code block} of {@code blockSize} bytes into {@code dst[off..]}. */
    default void readBlock(long block, int blockSize, byte[] dst, int off) {
        checkBlock(block, blockSize);
        read(block * blockSize, dst, off, blockSize);
    }

    /** Reads block {@code block} of {@code blockSize} bytes into a fresh array. */
    default byte[] readBlock(long block, int blockSize) {
        byte[] b = new byte[blockSize];
        readBlock(block, blockSize, b, 0);
        return b;
    }

    /** Writes {@code src[off..off + blockSize)} to block {@code block} of {@code blockSize} bytes. */
    default void writeBlock(long block, int blockSize, byte[] src, int off) {
        checkBlock(block, blockSize);
        write(block * blockSize, src, off, blockSize);
    }

    /** {@code blkdev_issue_flush}: makes every completed write durable. */
    void flush();

    /** Releases the device; later calls fail. */
    @Override
    void close();

    /** Throws for a block past the end or a bad block size: a filesystem bug, never user input. */
    default void checkBlock(long block, int blockSize) {
        if (blockSize < SECTOR_SIZE || Integer.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("block size " + blockSize);
        }
        if (block < 0 || block >= sizeInBlocks(blockSize)) {
            throw new IllegalArgumentException("block " + block + " of " + blockSize + " bytes outside a device of "
                    + sizeInBytes() + " bytes");
        }
    }

    /** Throws for a byte range outside the device: a filesystem bug, never user input. */
    default void checkRange(long pos, int len) {
        if (pos < 0 || len < 0 || pos > sizeInBytes() - len) {
            throw new IllegalArgumentException("range " + pos + "+" + len + " outside a device of " + sizeInBytes()
                    + " bytes");
        }
    }
}
