package dev.kemu.fs.ext4.disklayout;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A directory entry ({@code fs/ext4/ext4.h:struct ext4_dir_entry_2}, with the {@code filetype}
 * feature): inode number, record length, name length, file type, name. Entries tile a directory
 * block; {@code rec_len} reaches the next entry, so the last live entry of a block absorbs the
 * slack. An entry with inode 0 is unused space.
 *
 * @param inode the inode number, 0 for an unused entry
 * @param recLen bytes to the next entry (a multiple of 4, at least {@link #recLenFor} of the name)
 * @param name the name bytes (no terminator)
 */
public record Ext4DirEntry2(long inode, int recLen, int fileType, byte[] name) {
    /** The fixed part: inode, rec_len, name_len, file_type. */
    public static final int HEADER = 8;
    public static final int NAME_MAX = 255;

    public static final int FT_UNKNOWN = 0;
    public static final int FT_REG_FILE = 1;
    public static final int FT_DIR = 2;
    public static final int FT_CHRDEV = 3;
    public static final int FT_BLKDEV = 4;
    public static final int FT_FIFO = 5;
    public static final int FT_SOCK = 6;
    public static final int FT_SYMLINK = 7;

    public Ext4DirEntry2 {
        Le.checkU32("inode", inode);
        if (name == null || name.length > NAME_MAX) {
            throw new IllegalArgumentException("bad name length");
        }
        if (recLen < recLenFor(name.length) || (recLen & 3) != 0 || recLen > 65535) {
            throw new IllegalArgumentException("rec_len " + recLen + " for a name of " + name.length);
        }
        Le.checkU16("file_type", fileType & 0xFFFF);
        name = name.clone();
    }

    @Override
    public byte[] name() {
        return name.clone();
    }

    /** {@code EXT4_DIR_REC_LEN}: the bytes an entry with a name of {@code nameLen} needs. */
    public static int recLenFor(int nameLen) {
        return (HEADER + nameLen + 3) & ~3;
    }

    /** An entry for {@code name} (UTF-8). */
    public static Ext4DirEntry2 of(long inode, int recLen, int fileType, String name) {
        return new Ext4DirEntry2(inode, recLen, fileType, name.getBytes(StandardCharsets.UTF_8));
    }

    /** The record length stored at {@code off}, for walking a block without decoding names. */
    public static int recLenAt(byte[] b, int off) {
        return Le.u16(b, off + 4);
    }

    /** The inode number stored at {@code off}. */
    public static long inodeAt(byte[] b, int off) {
        return Le.u32(b, off);
    }

    /**
     * Decodes the entry at {@code off} of a block; null if its lengths do not fit the block
     * ({@code fs/ext4/dir.c:__ext4_check_dir_entry()} would call it corrupt).
     */
    public static Ext4DirEntry2 decode(byte[] b, int off, int blockEnd) {
        if (off + HEADER > blockEnd) {
            return null;
        }
        int recLen = Le.u16(b, off + 4);
        int nameLen = Le.u8(b, off + 6);
        if (recLen < recLenFor(nameLen) || (recLen & 3) != 0 || off + recLen > blockEnd) {
            return null;
        }
        return new Ext4DirEntry2(Le.u32(b, off), recLen, Le.u8(b, off + 7),
                Arrays.copyOfRange(b, off + HEADER, off + HEADER + nameLen));
    }

    public void encode(byte[] b, int off) {
        Le.put32(b, off, inode);
        Le.put16(b, off + 4, recLen);
        Le.put8(b, off + 6, name.length);
        Le.put8(b, off + 7, fileType);
        System.arraycopy(name, 0, b, off + HEADER, name.length);
    }

    /** The name as a Java string (UTF-8). */
    public String nameString() {
        return new String(name, StandardCharsets.UTF_8);
    }

    /** The bytes this entry needs for itself; the rest of {@code rec_len} is free. */
    public int usedLen() {
        return recLenFor(name.length);
    }

    public boolean nameEquals(byte[] other) {
        return Arrays.equals(name, other);
    }

    /** A copy with another record length. */
    public Ext4DirEntry2 withRecLen(int newRecLen) {
        return new Ext4DirEntry2(inode, newRecLen, fileType, name);
    }

    /** {@code fs_umode_to_ftype}: the directory file type of an inode mode. */
    public static int fileTypeOf(int mode) {
        switch (mode & 0170000) {
            case 0100000:
                return FT_REG_FILE;
            case 0040000:
                return FT_DIR;
            case 0020000:
                return FT_CHRDEV;
            case 0060000:
                return FT_BLKDEV;
            case 0010000:
                return FT_FIFO;
            case 0140000:
                return FT_SOCK;
            case 0120000:
                return FT_SYMLINK;
            default:
                return FT_UNKNOWN;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ext4DirEntry2 e && e.inode == inode && e.recLen == recLen && e.fileType == fileType
                && Arrays.equals(e.name, name);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(inode) * 31 + Arrays.hashCode(name);
    }

    @Override
    public String toString() {
        return "dirent(" + inode + ", '" + nameString() + "', rec_len " + recLen + ", type " + fileType + ")";
    }
}
