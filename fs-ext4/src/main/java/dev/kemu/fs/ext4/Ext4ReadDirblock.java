package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Crc32c;
import dev.kemu.fs.ext4.disklayout.Ext4Checksums;
import dev.kemu.fs.ext4.disklayout.Ext4DirEntry2;
import dev.kemu.fs.ext4.disklayout.Ext4DirEntryTail;
import dev.kemu.fs.ext4.disklayout.Ext4Inode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The checksum checks of a directory block read from the device
 * ({@code fs/ext4/namei.c:__ext4_read_dirblock()}, {@code ext4_dirblock_csum_verify()},
 * {@code get_dirent_tail()}, {@code ext4_dx_csum_verify()}, {@code get_dx_countlimit()}). In a
 * hashed directory, block 0 and any block whose first entry spans the block are index blocks,
 * checked against their {@code dx_tail}; every other block is a leaf, checked against its
 * {@code ext4_dir_entry_tail} (a leaf without one fails, as the kernel's does). Without
 * {@code metadata_csum} nothing is checked.
 */
final class Ext4ReadDirblock {
    /** {@code sizeof(struct dx_tail)}. */
    private static final int DX_TAIL_SIZE = 8;
    /** {@code sizeof(struct dx_entry)}. */
    private static final int DX_ENTRY_SIZE = 8;

    private Ext4ReadDirblock() {
    }

    /**
     * Verifies block {@code lblk} (at {@code pblk}) of directory {@code info}.
     *
     * @throws FsCorruptedException {@code EFSBADCRC} for a checksum that does not match
     */
    static void verify(Ext4SbInfo sbi, Ext4InodeInfo info, long lblk, long pblk, byte[] data) {
        if (!sbi.csum) {
            return;
        }
        boolean dx = info.hasFlag(Ext4Inode.INDEX_FL)
                && (lblk == 0 || Ext4DirEntry2.recLenAt(data, 0) == data.length);
        if (dx) {
            if (!dxCsumValid(info.csumSeed(), data)) {
                throw FsCorruptedException.badCrc(info.ino, lblk, "Directory index failed checksum");
            }
        } else if (!Ext4DirEntryTail.isPresent(data) || !Ext4Checksums.dirLeafValid(info.csumSeed(), data)) {
            throw FsCorruptedException.badCrc(info.ino, lblk, "Directory block failed checksum");
        }
    }

    /** {@code ext4_dx_csum_verify}: false also when the block has no room for a {@code dx_tail}. */
    static boolean dxCsumValid(int inodeSeed, byte[] b) {
        int countOffset = countOffset(b);
        if (countOffset < 0) {
            return false;
        }
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int limit = Short.toUnsignedInt(bb.getShort(countOffset));
        int count = Short.toUnsignedInt(bb.getShort(countOffset + 2));
        if (countOffset + limit * DX_ENTRY_SIZE > b.length - DX_TAIL_SIZE || count > limit) {
            return false;
        }
        int tail = countOffset + limit * DX_ENTRY_SIZE;
        int csum = Crc32c.update(inodeSeed, b, 0, countOffset + count * DX_ENTRY_SIZE);
        csum = Crc32c.update(csum, b, tail, 4); // dt_reserved
        csum = Crc32c.update(csum, new byte[4]); // dt_checksum as zero
        return bb.getInt(tail + 4) == csum;
    }

    /** {@code get_dx_countlimit}: where {@code dx_countlimit} is, or -1 for a block that is no index. */
    private static int countOffset(byte[] b) {
        int recLen = Ext4DirEntry2.recLenAt(b, 0);
        if (recLen == b.length) {
            return 8; // a node: one empty entry of 8 bytes spans the block
        }
        if (recLen != 12) {
            return -1;
        }
        int dotdot = Ext4DirEntry2.recLenAt(b, 12);
        if (dotdot != b.length - 12) {
            return -1;
        }
        // The root: ".", "..", then dx_root_info (8 bytes), whose info_length should be 8.
        int infoLength = Byte.toUnsignedInt(b[24 + 5]);
        if (infoLength != 8) {
            return -1;
        }
        return 32;
    }
}
