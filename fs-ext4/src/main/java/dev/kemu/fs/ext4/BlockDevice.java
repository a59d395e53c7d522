package dev.kemu.fs.ext4;

import java.io.Closeable;

/**
 * A block device the filesystem lives on ({@code include/linux/blkdev.h:struct block_device} with
 * the buffer-cache reads and writes of {@code fs/buffer.c:__bread()} and
 * {@code submit_bh()} reduced to synchronous copies).
 *
 * <p>Blocks are {@link #BLOCK_SIZE} bytes. Byte-addressed {@link #read}/{@link #write} exist
 * because inodes (256 bytes) and group descriptors (64) are updated in place, as the kernel
 * updates a part of a buffer head. Implementations are thread-safe: concurrent writes to
 * distinct byte ranges never disturb each other, and a read sees each concurrent write to its
 * range either entirely or not at all per block. Host I/O failures surface as
 * {@link java.io.UncheckedIOException} (the model has no failing disks; a failing host file is
 * an environment problem, not an errno).
 */
public interface BlockDevice extends Closeable {
    /** The block size of every device in the model: one page. */
    int BLOCK_SIZE = 4096;

    /** The number of blocks. */
    long sizeInBlocks();

    /** Reads {@code len} bytes at byte offset {@code pos} into {@code dst[off..]}. */
    void read(long pos, byte[] dst, int off, int len);

    /** Writes {@code len} bytes of {@code src[off..]} at byte offset {@code pos}. */
    void write(long pos, byte[] src, int off, int len);

    /** Reads block {@code block} into {@code dst[off..off + BLOCK_SIZE)}. */
    default void readBlock(long block, byte[] dst, int off) {
        checkBlock(block);
        read(block * BLOCK_SIZE, dst, off, BLOCK_SIZE);
    }

    /** Reads block {@code block} into a fresh array. */
    default byte[] readBlock(long block) {
        byte[] b = new byte[BLOCK_SIZE];
        readBlock(block, b, 0);
        return b;
    }

    /** Writes {@code src[off..off + BLOCK_SIZE)} to block {@code block}. */
    default void writeBlock(long block, byte[] src, int off) {
        checkBlock(block);
        write(block * BLOCK_SIZE, src, off, BLOCK_SIZE);
    }

    /** Writes a whole-block array. */
    default void writeBlock(long block, byte[] src) {
        if (src.length != BLOCK_SIZE) {
            throw new IllegalArgumentException("a block is " + BLOCK_SIZE + " bytes, not " + src.length);
        }
        writeBlock(block, src, 0);
    }

    /** {@code blkdev_issue_flush}: makes every completed write durable. */
    void flush();

    /** Releases the device; later calls fail. */
    @Override
    void close();

    /** Throws for a block number past the end: a filesystem bug, never user input. */
    default void checkBlock(long block) {
        if (block < 0 || block >= sizeInBlocks()) {
            throw new IllegalArgumentException("block " + block + " outside a device of " + sizeInBlocks());
        }
    }
}
