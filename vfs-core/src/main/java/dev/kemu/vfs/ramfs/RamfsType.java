package dev.kemu.vfs.ramfs;

import dev.kemu.vfs.Dentry;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.Statfs;
import dev.kemu.vfs.SuperBlock;
import dev.kemu.vfs.Vfs;
import dev.kemu.vfs.spi.FileOperations;
import dev.kemu.vfs.spi.FileSystemType;
import dev.kemu.vfs.spi.SuperOperations;
import java.util.Map;

/**
 * ramfs, the reference in-memory filesystem ({@code fs/ramfs/inode.c}, {@code fs/libfs.c}):
 * files live only in the page cache, directories only in memory. The core's own tests run on
 * it; it also holds device nodes such as {@code /dev/null}.
 *
 * <p>Deliberate divergence: ramfs has no size limit beyond {@code MAX_LFS_FILESIZE}.
 */
public final class RamfsType implements FileSystemType {
    /** {@code MAX_LFS_FILESIZE} on 64-bit. */
    public static final long MAX_LFS_FILESIZE = Long.MAX_VALUE;

    @Override
    public String name() {
        return "ramfs";
    }

    @Override
    public String description() {
        return "in-memory filesystem: page cache only (fs/ramfs)";
    }

    @Override
    public SuperBlock mount(Vfs vfs, String source, Map<String, String> options) {
        SuperBlock sb = new SuperBlock("ramfs", dev.kemu.vfs.Page.SIZE, MAX_LFS_FILESIZE, new SuperOperations() {
            /** {@code ramfs_ops}: {@code simple_statfs}. */
            @Override
            public Statfs statfs(SuperBlock s) {
                return Statfs.simple(Statfs.RAMFS_MAGIC, s);
            }
        });
        Inode root = RamfsInodes.newDir(sb, StatMode.S_IFDIR | 0755);
        sb.setRoot(Dentry.makeRoot(root));
        return sb;
    }

    /**
     * {@code ramfs_mknod} for a special file: a node called {@code name} in {@code dir} whose
     * opens get {@code fop} (a character device driver).
     */
    public static Inode mknod(Inode dir, String name, int mode, FileOperations fop) {
        return RamfsInodes.mknodSpecial(dir, name, mode, fop);
    }
}
