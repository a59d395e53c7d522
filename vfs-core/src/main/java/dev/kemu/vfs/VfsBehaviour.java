package dev.kemu.vfs;

/**
 * The VFS-level behaviour that differs between kernel versions. A kernel plugin supplies it;
 * the defaults are the 6.18 behaviour.
 */
public interface VfsBehaviour {
    /**
     * {@code fs/fcntl.c:setfl()}: may {@code F_SETFL} turn on O_DIRECT for this file? Upstream
     * lets a FIFO toggle packet mode and asks regular files for direct I/O support
     * ({@code FMODE_CAN_ODIRECT}); 3.10 asks every file's {@code a_ops->direct_IO}, so a pipe
     * gets EINVAL there.
     */
    default boolean allowsODirect(File file) {
        return StatMode.isFifo(file.inode().mode()) || file.inode().mapping().aops().hasDirectIO();
    }

    /**
     * {@code fs/open.c:build_open_flags()}: {@code O_CREAT|O_DIRECTORY} is EINVAL before anything
     * is looked at (6.4 and later; before, the combination went on to the lookup).
     */
    default boolean rejectsCreatDirectory() {
        return true;
    }

    /**
     * {@code fs/namei.c:do_open()}: does a file this open just created still meet the
     * {@code O_DIRECTORY} test (ENOTDIR, the new regular file left behind)? From 5.7, commit
     * 973d4b73fbaf ("do_last(): rejoin the common path earlier in FMODE_{OPENED,CREATED}
     * case"). Before, {@code do_last} jumped from the creation straight to
     * {@code finish_open_created}, past the test: {@code open(O_CREAT|O_DIRECTORY)} of a new name
     * created a regular file and opened it. Moot from 6.4, where the combination is EINVAL.
     */
    default boolean createdMeetsDirectoryTest() {
        return true;
    }

    /**
     * {@code fs/attr.c:setattr_should_drop_sgid()}, which {@code fs/open.c:chown_common()} asks
     * from 6.2 ("attr: use consistent sgid stripping checks"): S_ISGID goes when S_IXGRP is set,
     * and also without S_IXGRP when the caller is neither in the file's group nor has
     * CAP_FSETID. Before, chown asked for {@code ATTR_KILL_SGID} unconditionally and
     * {@code notify_change} dropped S_ISGID only together with S_IXGRP. Root (in the group or
     * capable) sees no difference.
     */
    default boolean chownDropsSgidOutsideGroup() {
        return true;
    }

    /**
     * {@code mm/shmem.c:shmem_xattr_handlers}: tmpfs has a {@code user.} handler (6.6 and
     * later, commit "shmem: add support for user extended attributes"); before, user
     * attributes on tmpfs are EOPNOTSUPP.
     */
    default boolean shmemUserXattr() {
        return true;
    }

    /**
     * {@code fs/proc/proc_sysctl.c:proc_sys_file_operations}: sysctl files have
     * {@code .splice_read} and {@code .splice_write} ({@code generic_file_splice_read}, from 6.5
     * {@code copy_splice_read}, and {@code iter_file_splice_write}) from 5.10. They came with
     * commit 4bd6a7353ee1 "sysctl: Convert to iter interfaces", in the same set_fs pull of
     * 5.10-rc1 as 36e2c7421f02 "fs: don't allow splice read/write without explicit ops", so no
     * release answers EINVAL. Before, the files had only {@code .read} and {@code .write} and
     * splice went through {@code default_file_splice_read} and {@code default_file_splice_write}.
     */
    default boolean procSysSplice() {
        return true;
    }

    /**
     * {@code fs/ext4/file.c:ext4_llseek()}: the SEEK_DATA/SEEK_HOLE code ext4 has. The results
     * differ only for negative offsets (see {@link Ext4SeekHole}); 6.18 has {@code IOMAP}.
     */
    default Ext4SeekHole ext4SeekHole() {
        return Ext4SeekHole.IOMAP;
    }

    /**
     * The eras of ext4's SEEK_DATA/SEEK_HOLE, told apart by what a negative offset does. Each
     * walks the file from logical block {@code offset >> blkbits} kept in an {@code ext4_lblk_t}
     * (u32), so {@code -1} becomes block 0xffffffff ({@code EXT_MAX_BLOCKS}).
     */
    enum Ext4SeekHole {
        /**
         * 3.10 to 4.5: {@code ext4_seek_data()}/{@code ext4_seek_hole()} step through the file
         * with {@code ext4_map_blocks()} and step past its errors. For -1, SEEK_DATA's block
         * counter wraps from 0xffffffff to 0 and finds the file's first data (0 for a file that
         * starts with data); SEEK_HOLE stops at once and {@code vfs_setpos(-1)} gives EINVAL.
         */
        MAP_BLOCKS,
        /**
         * 4.6 (2d90c160e5f1 "ext4: more efficient SEEK_DATA implementation") to 4.13: the walk
         * goes through {@code ext4_get_next_extent()}, which returns {@code ext4_map_blocks()}'s
         * error; a block at or past {@code EXT_MAX_BLOCKS} is {@code -EFSCORRUPTED}, so a
         * negative offset gives EUCLEAN.
         */
        NEXT_EXTENT,
        /** 4.14 (and 4.9.337): as {@code NEXT_EXTENT}, with {@code offset < 0} refused first (ENXIO). */
        NEXT_EXTENT_NONNEGATIVE,
        /**
         * 4.15 (545052e9e35a "ext4: Switch to iomap for SEEK_HOLE / SEEK_DATA") on:
         * {@code iomap_seek_data()}/{@code iomap_seek_hole()}, which refuse {@code offset < 0}
         * with ENXIO (d6ab17f26191).
         */
        IOMAP
    }

    /** The 6.18 behaviour. */
    VfsBehaviour DEFAULT = new VfsBehaviour() {
    };
}
