package dev.kemu.fs.ext4;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A block device backed by an image file, as a loop device is ({@code drivers/block/loop.c:lo_rw_aio()}):
 * the bytes of the file are the bytes of the device. A new image is created sparse.
 *
 * <p>Exclusive use, as {@code fs/block_dev.c:bdev_open()} claims a block device for a mounted
 * filesystem ({@code BLK_OPEN_EXCL}) and e2fsprogs' {@code ext2fs_open} opens it {@code O_EXCL}:
 * while open, the image file carries a lock on its whole length, exclusive for a writable device
 * and shared for a read-only one, so that any number of readers share an image and a writer has it
 * to itself. The lock is the host's record lock ({@code fcntl(F_SETLK)} through
 * {@link FileChannel#tryLock}); another process holding a conflicting one makes {@link #open} fail
 * with {@link ImageBusyException} before a byte is read or written.
 *
 * <p>Locking: positional {@link FileChannel} reads and writes are thread-safe and never move a
 * shared position, so the device needs no lock of its own.
 */
public final class FileBlockDevice implements BlockDevice {
    private final Path path;
    private final FileChannel channel;
    private final long bytes;
    private final boolean readOnly;
    /** Held from open to close; released with the channel. */
    private final FileLock claim;

    private FileBlockDevice(Path path, FileChannel channel, long bytes, boolean readOnly) throws IOException {
        this.path = path;
        this.channel = channel;
        this.bytes = bytes;
        this.readOnly = readOnly;
        this.claim = claim(path, channel, readOnly);
    }

    /** Takes the image's lock: shared for a reader, exclusive for a writer; closes the channel on failure. */
    private static FileLock claim(Path path, FileChannel channel, boolean readOnly) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock(0, Long.MAX_VALUE, readOnly);
        } catch (OverlappingFileLockException e) {
            // This process has the image open already (a lock of this JVM covers the range).
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new ImageBusyException(path, readOnly);
        }
        return lock;
    }

    /** The image is in use: another process (or this one) holds a conflicting lock on it. */
    public static final class ImageBusyException extends IOException {
        private static final long serialVersionUID = 1L;

        ImageBusyException(Path path, boolean readOnly) {
            super(path + " is in use by another process (it holds a lock on the image"
                    + (readOnly ? " for writing" : "") + "); an image has one writer or any number of readers at a time");
        }
    }

    /**
     * Opens an existing image; its size is the file size rounded down to whole sectors, as a loop
     * device's is ({@code loop_set_size}).
     *
     * @throws ImageBusyException if another process holds a conflicting lock on the image
     * @throws IOException if the file cannot be opened
     */
    public static FileBlockDevice open(Path path, boolean readOnly) throws IOException {
        FileChannel ch = readOnly ? FileChannel.open(path, StandardOpenOption.READ)
                : FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long size;
        try {
            size = ch.size();
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return new FileBlockDevice(path, ch, size & -SECTOR_SIZE, readOnly);
    }

    /**
     * Creates a new sparse image of {@code bytes} bytes (rounded down to whole sectors).
     *
     * @throws IOException if the file exists or cannot be created
     */
    public static FileBlockDevice create(Path path, long bytes) throws IOException {
        long size = bytes & -SECTOR_SIZE;
        if (size <= 0) {
            throw new IllegalArgumentException("image size " + bytes);
        }
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.SPARSE);
        FileBlockDevice dev = new FileBlockDevice(path, ch, size, false);
        // Writing the last byte sets the length without touching the blocks before it.
        ch.write(ByteBuffer.wrap(new byte[1]), size - 1);
        return dev;
    }

    public Path path() {
        return path;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public long sizeInBytes() {
        return bytes;
    }

    @Override
    public void read(long pos, byte[] dst, int off, int len) {
        checkRange(pos, len);
        ByteBuffer buf = ByteBuffer.wrap(dst, off, len);
        try {
            while (buf.hasRemaining()) {
                int n = channel.read(buf, pos + (buf.position() - off));
                if (n < 0) {
                    // Past the end of a short file: the rest reads as zeros.
                    while (buf.hasRemaining()) {
                        buf.put((byte) 0);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path + " at " + pos, e);
        }
    }

    @Override
    public void write(long pos, byte[] src, int off, int len) {
        checkRange(pos, len);
        if (readOnly) {
            throw new IllegalStateException("write to the read-only image " + path);
        }
        ByteBuffer buf = ByteBuffer.wrap(src, off, len);
        try {
            while (buf.hasRemaining()) {
                channel.write(buf, pos + (buf.position() - off));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + path + " at " + pos, e);
        }
    }

    @Override
    public void flush() {
        if (readOnly) {
            return;
        }
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("flushing " + path, e);
        }
    }

    @Override
    public void close() {
        try {
            // Closing the channel releases the claim too; releasing first says so.
            if (claim.isValid()) {
                claim.release();
            }
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing " + path, e);
        }
    }

    @Override
    public String toString() {
        return "image(" + path + ", " + bytes + " bytes)";
    }
}
