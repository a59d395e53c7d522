package dev.kemu.fs.ext4;

/**
 * The device as the filesystem sees it once it has a journal: reads see the running and the
 * committing transaction's copy of a block before the home block ({@code __getblk} finding the
 * journalled buffer in the buffer cache); metadata writes land in the running transaction
 * ({@code ext4_handle_dirty_metadata}); file data goes home through {@link #writeData}
 * ({@code data=ordered}: never journalled). All of it is {@link Jbd2Journal}'s; this class only
 * adapts it to {@link BlockDevice}, whose byte-addressed calls the inode and descriptor updates use.
 */
final class Jbd2Device implements BlockDevice {
    private final Jbd2Journal journal;

    Jbd2Device(Jbd2Journal journal) {
        this.journal = journal;
    }

    Jbd2Journal journal() {
        return journal;
    }

    @Override
    public long sizeInBytes() {
        return journal.raw.sizeInBytes();
    }

    @Override
    public void read(long pos, byte[] dst, int off, int len) {
        journal.read(pos, dst, off, len);
    }

    @Override
    public void write(long pos, byte[] src, int off, int len) {
        journal.writeMetadata(pos, src, off, len);
    }

    /** Writes a whole block of file data to its home ({@code data=ordered}). */
    void writeData(long block, byte[] src, int off) {
        journal.writeData(block, src, off);
    }

    @Override
    public void flush() {
        journal.raw.flush();
    }

    @Override
    public void close() {
        journal.raw.close();
    }

    @Override
    public String toString() {
        return "journalled(" + journal.raw + ")";
    }
}
