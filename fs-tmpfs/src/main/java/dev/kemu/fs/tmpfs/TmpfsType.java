package dev.kemu.fs.tmpfs;

import dev.kemu.vfs.Dentry;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.Page;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.Statfs;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.SuperBlock;
import dev.kemu.vfs.Vfs;
import dev.kemu.vfs.spi.FileSystemType;
import dev.kemu.vfs.spi.MountException;
import dev.kemu.vfs.spi.SuperOperations;
import java.util.Map;

/**
 * tmpfs ({@code mm/shmem.c:shmem_fill_super()}, {@code shmem_init_fs_context()}): files live in
 * the page cache only, with no block device behind them.
 *
 * <p>What user space sees, and the model keeps: {@code s_maxbytes} is {@code MAX_LFS_FILESIZE};
 * {@code st_blksize} is 4096; {@code st_blocks} counts 8 per page that was written (a hole, or a
 * hole that was only read, costs nothing); a directory's {@code st_size} is
 * {@code BOGO_DIRENT_SIZE} (20) per entry plus 40 for "." and ".."; the root is mode 1777.
 *
 * <p>Mount options ({@code shmem_parse_one()}): {@code size} (bytes, with a k/m/g/t/p/e suffix;
 * 0 means unlimited) and {@code nr_blocks} bound the pages all files may hold, past which
 * {@code write_begin} fails with ENOSPC; {@code mode} sets the root directory's permissions.
 *
 * <p>Deliberate divergences: without {@code size} the filesystem is unlimited (Linux defaults to
 * half of RAM, which the model does not have), and {@code size=N%} is refused for the same
 * reason; inode limits ({@code nr_inodes}), swap, huge pages and seals are not modelled; extended
 * attributes are {@link ShmemXattrs}.
 * tmpfs gained O_DIRECT in 6.6 ({@code shmem_file_open()} sets {@code FMODE_CAN_ODIRECT}); the
 * model answers "no direct I/O", which is right up to 6.5 and wrong for 6.6 onwards.
 */
public final class TmpfsType implements FileSystemType {
    /** {@code MAX_LFS_FILESIZE} on 64-bit. */
    public static final long MAX_LFS_FILESIZE = Long.MAX_VALUE;

    private static final SuperOperations SHMEM_OPS = new SuperOperations() {
        // shmem_ops: nothing to write back (no block device), nothing to free at put_super.

        /**
         * {@code shmem_statfs}: with a {@code size=} limit the pages it allows and those still
         * free; without one, zeros as {@code simple_statfs} gives. Inodes are not counted in the
         * model, so {@code f_files} and {@code f_ffree} are 0, as for {@code nr_inodes=0}.
         */
        @Override
        public Statfs statfs(SuperBlock sb) {
            ShmemSbInfo sbi = ShmemSbInfo.of(sb);
            long max = sbi.maxBlocks();
            long free = max == 0 ? 0 : Math.max(0, max - sbi.usedBlocks());
            return new Statfs(Statfs.TMPFS_MAGIC, Page.SIZE, max, free, free, 0, 0, 0, Fcntl.NAME_MAX, 0, 0);
        }
    };

    @Override
    public String name() {
        return "tmpfs";
    }

    @Override
    public String description() {
        return "tmpfs: files in the page cache only (mm/shmem.c)";
    }

    /**
     * {@code shmem_get_tree} + {@code shmem_fill_super}.
     *
     * @throws MountException for an unknown option or a bad value, with the kernel's wording
     */
    @Override
    public SuperBlock mount(Vfs vfs, String source, Map<String, String> options) throws MountException {
        ShmemOptions opts = ShmemOptions.parse(options == null ? Map.of() : options);
        SuperBlock sb = new SuperBlock("tmpfs", Page.SIZE, MAX_LFS_FILESIZE, SHMEM_OPS);
        sb.setFsInfo(new ShmemSbInfo(opts.maxBlocks()));
        sb.setXattr(new ShmemXattrs());
        Inode root = ShmemInodes.newDir(sb, StatMode.S_IFDIR | opts.rootMode());
        sb.setRoot(Dentry.makeRoot(root));
        return sb;
    }
}
