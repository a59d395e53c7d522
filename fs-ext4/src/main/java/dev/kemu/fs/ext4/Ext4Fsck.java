package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4SuperBlock;
import dev.kemu.vfs.SuperBlock;
import java.util.List;

/**
 * A small e2fsck for the model ({@code e2fsck/unix.c} and its passes, from e2fsprogs), reading
 * only the device: it shares the on-disk decoders with the filesystem but none of its in-memory
 * state, so it sees what another program opening the image would see.
 *
 * <ul>
 * <li>pass 0: superblock magic and checksum, group descriptor checksums and placement, bitmap
 * checksums;
 * <li>pass 1 ({@link FsckInodes}): every inode in use (links, or on the orphan list) has a valid
 * checksum and type; its extent tree is well formed (headers, checksums, sorted non-overlapping
 * extents, index keys equal to their child's first key, blocks inside the filesystem and not
 * metadata); no block belongs to two inodes; {@code i_blocks} counts data and tree blocks;
 * written extents stay within {@code i_size};
 * <li>passes 2 to 4 ({@link FsckDirs}): directory blocks are well formed with valid tails; "." and
 * ".." are right; entries name inodes in use with the right file type; every directory is
 * reachable from the root; every link count equals the number of names (and subdirectories);
 * <li>pass 5 ({@link FsckBitmaps}): the block bitmaps equal the metadata plus the blocks reachable
 * from the inodes, the inode bitmaps equal the inodes in use, and the free counts and directory
 * counts of the descriptors and superblock match the bitmaps.
 * </ul>
 *
 * <p>Deliberate divergences from e2fsck: nothing is repaired; htree index blocks are skipped
 * rather than verified; extended attribute blocks are only counted.
 */
public final class Ext4Fsck {
    private Ext4Fsck() {
    }

    /**
     * Checks the filesystem on {@code dev}, which nobody may change meanwhile.
     *
     * @return the problems found, each a sentence; empty when the filesystem is clean
     */
    public static List<String> check(BlockDevice dev) {
        FsckContext ctx = new FsckContext(dev);
        if (!ctx.readSuper()) {
            return ctx.problems();
        }
        ctx.checkGroups();
        new FsckInodes(ctx).run();
        new FsckDirs(ctx).run();
        new FsckBitmaps(ctx).run();
        return ctx.problems();
    }

    /**
     * Writes back the mounted ext4 filesystem {@code sb} ({@code syncfs}) and checks its device.
     * Open files whose last name is gone are on the orphan list and count as in use.
     */
    public static List<String> check(SuperBlock sb) {
        if (!(sb.fsInfo() instanceof Ext4SbInfo sbi)) {
            throw new IllegalArgumentException(sb + " is not an ext4 superblock");
        }
        int err = Ext4Writeback.syncFs(sbi);
        if (err < 0) {
            return List.of("syncfs failed with " + err);
        }
        return check(sbi.dev);
    }

    /** The decoded superblock of {@code dev} (for tools and tests). */
    public static Ext4SuperBlock superBlock(BlockDevice dev) {
        byte[] raw = new byte[Ext4SuperBlock.SIZE];
        dev.read(Ext4SuperBlock.OFFSET, raw, 0, raw.length);
        return Ext4SuperBlock.decode(raw, 0);
    }
}
