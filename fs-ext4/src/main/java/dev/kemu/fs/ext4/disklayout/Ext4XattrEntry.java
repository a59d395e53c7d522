package dev.kemu.fs.ext4.disklayout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An extended attribute entry ({@code fs/ext4/xattr.h:struct ext4_xattr_entry}) of the in-inode
 * attribute area ({@code struct ext4_xattr_ibody_header}: a magic word right after
 * {@code i_extra_isize}, then entries, then their values, offsets counted from the first entry).
 * The model reads only what {@code inline_data} needs: the {@code system.data} attribute.
 */
public record Ext4XattrEntry(int nameIndex, String name, int valueOffs, long valueInum, long valueSize) {
    /** {@code EXT4_XATTR_MAGIC}. */
    public static final int MAGIC = 0xEA020000;
    /** {@code EXT4_XATTR_INDEX_SYSTEM}. */
    public static final int INDEX_SYSTEM = 7;
    static final int HEADER = 16;

    /** The entries of the area at {@code off} of an inode's bytes; empty without the magic. */
    public static List<Ext4XattrEntry> decodeIbody(byte[] raw, int off) {
        List<Ext4XattrEntry> out = new ArrayList<>();
        if (off + 4 > raw.length || Le.s32(raw, off) != MAGIC) {
            return out;
        }
        int p = off + 4;
        while (p + 4 <= raw.length && Le.s32(raw, p) != 0) {
            if (p + HEADER > raw.length) {
                break;
            }
            int nameLen = Le.u8(raw, p);
            if (p + HEADER + nameLen > raw.length) {
                break;
            }
            out.add(new Ext4XattrEntry(Le.u8(raw, p + 1),
                    new String(raw, p + HEADER, nameLen, StandardCharsets.ISO_8859_1), Le.u16(raw, p + 2),
                    Le.u32(raw, p + 4), Le.u32(raw, p + 8)));
            p += (HEADER + nameLen + 3) & ~3;
        }
        return out;
    }

    /** The value of this entry of the area at {@code off}; empty if it does not fit the inode. */
    public byte[] ibodyValue(byte[] raw, int off) {
        int start = off + 4 + valueOffs;
        if (valueInum != 0 || start + valueSize > raw.length) {
            return new byte[0];
        }
        return Arrays.copyOfRange(raw, start, (int) (start + valueSize));
    }

    /** True for {@code system.data}, the continuation of inline data. */
    public boolean isSystemData() {
        return nameIndex == INDEX_SYSTEM && name.equals("data");
    }
}
