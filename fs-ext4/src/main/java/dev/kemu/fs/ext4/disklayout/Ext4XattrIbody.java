package dev.kemu.fs.ext4.disklayout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The in-inode extended attribute area ({@code fs/ext4/xattr.h:struct ext4_xattr_ibody_header}
 * and {@code struct ext4_xattr_entry}; {@code fs/ext4/xattr.c:ext4_xattr_ibody_get()},
 * {@code ext4_xattr_set_entry()}): from {@code 128 + i_extra_isize} to the end of the inode, a
 * magic word, then entries (16 bytes and the name, padded to 4), a 4-byte zero after the last,
 * and the values (padded to 4) at the end of the area; value offsets count from the first entry.
 * An empty area has no magic. In-inode entries carry a zero hash, as Linux writes them.
 *
 * @param attrs the attributes in their on-disk order
 */
public record Ext4XattrIbody(List<Attr> attrs) {
    /** One attribute: {@code e_name_index}, the name without its prefix, the value. */
    public record Attr(int nameIndex, String name, byte[] value) {
        public Attr {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        /** {@code EXT4_XATTR_LEN} + {@code EXT4_XATTR_SIZE}: the room the entry and its value take. */
        int room() {
            return entryLen(name.getBytes(StandardCharsets.ISO_8859_1).length) + valueLen(value.length);
        }
    }

    public Ext4XattrIbody {
        attrs = List.copyOf(attrs);
    }

    static int entryLen(int nameLen) {
        return (Ext4XattrEntry.HEADER + nameLen + 3) & ~3;
    }

    static int valueLen(int size) {
        return (size + 3) & ~3;
    }

    /** The room attributes may take in an area of {@code areaSize} bytes (the magic and end marker aside). */
    public static int capacity(int areaSize) {
        return areaSize - 8;
    }

    /** The room {@code attrs} take. */
    public static int used(List<Attr> attrs) {
        return attrs.stream().mapToInt(Attr::room).sum();
    }

    /** The attributes of the area at {@code off} of an inode's bytes {@code raw}. */
    public static Ext4XattrIbody decode(byte[] raw, int off) {
        List<Attr> out = new ArrayList<>();
        for (Ext4XattrEntry e : Ext4XattrEntry.decodeIbody(raw, off)) {
            out.add(new Attr(e.nameIndex(), e.name(), e.ibodyValue(raw, off)));
        }
        return new Ext4XattrIbody(out);
    }

    /**
     * Writes the area into {@code raw} from {@code off} to its end.
     *
     * @throws IllegalArgumentException when the attributes do not fit
     */
    public void encodeInto(byte[] raw, int off) {
        int size = raw.length - off;
        if (used(attrs) > capacity(size)) {
            throw new IllegalArgumentException("attributes take " + used(attrs) + " bytes of " + capacity(size));
        }
        Arrays.fill(raw, off, raw.length, (byte) 0);
        if (attrs.isEmpty()) {
            return;
        }
        Le.put32(raw, off, Ext4XattrEntry.MAGIC);
        int first = off + 4;
        int p = first;
        int valueEnd = raw.length;
        for (Attr a : attrs) {
            byte[] name = a.name().getBytes(StandardCharsets.ISO_8859_1);
            byte[] v = a.value();
            int offs = 0;
            if (v.length > 0) {
                valueEnd -= valueLen(v.length);
                System.arraycopy(v, 0, raw, valueEnd, v.length);
                offs = valueEnd - first;
            }
            raw[p] = (byte) name.length;
            raw[p + 1] = (byte) a.nameIndex();
            Le.put16(raw, p + 2, offs);
            Le.put32(raw, p + 4, 0);
            Le.put32(raw, p + 8, v.length);
            Le.put32(raw, p + 12, 0);
            System.arraycopy(name, 0, raw, p + Ext4XattrEntry.HEADER, name.length);
            p += entryLen(name.length);
        }
    }
}
