package dev.kemu.fs.ext4;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * ext4's on-disk ACL ({@code fs/ext4/acl.h:ext4_acl_header}, {@code ext4_acl_entry},
 * {@code ext4_acl_entry_short}; {@code fs/ext4/acl.c:ext4_acl_to_disk()},
 * {@code ext4_acl_from_disk()}): version 1, then 8-byte entries for ACL_USER and ACL_GROUP
 * (tag, permissions, id) and 4-byte ones for the others. The VFS gives and takes the
 * {@code posix_acl_xattr} form (version 2, 8-byte entries, checked already).
 */
final class Ext4Acl {
    static final int EXT4_ACL_VERSION = 1;
    private static final int ACL_USER = 0x02;
    private static final int ACL_GROUP = 0x08;

    private Ext4Acl() {
    }

    private static boolean hasId(int tag) {
        return tag == ACL_USER || tag == ACL_GROUP;
    }

    static byte[] toDisk(byte[] xattr) {
        ByteBuffer in = ByteBuffer.wrap(xattr).order(ByteOrder.LITTLE_ENDIAN);
        int count = (xattr.length - 4) / 8;
        ByteBuffer out = ByteBuffer.allocate(4 + 8 * count).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(EXT4_ACL_VERSION);
        for (int i = 0; i < count; i++) {
            int p = 4 + 8 * i;
            short tag = in.getShort(p);
            out.putShort(tag).putShort(in.getShort(p + 2));
            if (hasId(tag)) {
                out.putInt(in.getInt(p + 4));
            }
        }
        byte[] b = new byte[out.position()];
        out.flip().get(b);
        return b;
    }

    static byte[] fromDisk(byte[] disk) {
        ByteBuffer in = ByteBuffer.wrap(disk).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = ByteBuffer.allocate(4 + 8 * ((disk.length - 4) / 4)).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(2);
        int p = 4;
        while (p + 4 <= disk.length) {
            short tag = in.getShort(p);
            out.putShort(tag).putShort(in.getShort(p + 2));
            if (hasId(tag) && p + 8 <= disk.length) {
                out.putInt(in.getInt(p + 4));
                p += 8;
            } else {
                out.putInt(-1);
                p += 4;
            }
        }
        byte[] b = new byte[out.position()];
        out.flip().get(b);
        return b;
    }
}
