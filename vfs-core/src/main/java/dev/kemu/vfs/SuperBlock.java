package dev.kemu.vfs;

import dev.kemu.vfs.spi.AddressSpaceOperations;
import dev.kemu.vfs.spi.FileOperations;
import dev.kemu.vfs.spi.InodeOperations;
import dev.kemu.vfs.spi.SuperOperations;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A mounted filesystem instance ({@code include/linux/fs.h:struct super_block}).
 * Filesystems create it in {@code mount} and hand it their root directory with {@link #setRoot}.
 */
public final class SuperBlock {
    private static final AtomicInteger DEVS = new AtomicInteger(0x800);

    private final String type;
    private final int dev = DEVS.incrementAndGet();
    private final int blockSize;
    private final long maxBytes;
    private final SuperOperations sop;
    private final AtomicLong nextIno = new AtomicLong(1);
    private volatile Dentry root;
    private volatile Object fsInfo;
    private volatile dev.kemu.vfs.spi.XattrOperations xattr;
    private final java.util.concurrent.locks.ReentrantLock renameMutex = new java.util.concurrent.locks.ReentrantLock();

    /**
     * @param type the filesystem type name
     * @param blockSize {@code s_blocksize}
     * @param maxBytes {@code s_maxbytes}: the largest file size; writes and truncation past it give EFBIG
     */
    public SuperBlock(String type, int blockSize, long maxBytes, SuperOperations sop) {
        this.type = type;
        this.blockSize = blockSize;
        this.maxBytes = maxBytes;
        this.sop = sop;
    }

    public String type() {
        return type;
    }

    /** {@code s_dev}: distinguishes superblocks (copy_file_range's EXDEV check compares these). */
    public int dev() {
        return dev;
    }

    public int blockSize() {
        return blockSize;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public SuperOperations sop() {
        return sop;
    }

    public Dentry root() {
        return root;
    }

    public void setRoot(Dentry root) {
        this.root = root;
    }

    /** {@code s_vfs_rename_mutex}: serializes renames between directories, taken before their locks. */
    java.util.concurrent.locks.ReentrantLock renameMutex() {
        return renameMutex;
    }

    /** {@code s_fs_info}. */
    public Object fsInfo() {
        return fsInfo;
    }

    public void setFsInfo(Object info) {
        this.fsInfo = info;
    }

    /** {@code s_xattr}: the filesystem's extended attributes, or null for none (no {@code IOP_XATTR}). */
    public dev.kemu.vfs.spi.XattrOperations xattr() {
        return xattr;
    }

    /** Installs the filesystem's attribute handlers (at mount). */
    public void setXattr(dev.kemu.vfs.spi.XattrOperations ops) {
        this.xattr = ops;
    }

    /** {@code new_inode} + {@code get_next_ino}: an inode with a superblock-unique number. */
    public Inode newInode(int mode, InodeOperations iop, FileOperations fop, AddressSpaceOperations aops) {
        return new Inode(this, nextIno.getAndIncrement(), mode, iop, fop, aops);
    }

    /** {@code iget}-style creation with a number the filesystem chose (an ext4 inode number). */
    public Inode newInode(long ino, int mode, InodeOperations iop, FileOperations fop, AddressSpaceOperations aops) {
        return new Inode(this, ino, mode, iop, fop, aops);
    }

    @Override
    public String toString() {
        return type + "(dev " + dev + ")";
    }
}
