package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4DirEntry2;
import dev.kemu.fs.ext4.disklayout.Ext4Inode;
import dev.kemu.fs.ext4.disklayout.Ext4XattrEntry;
import dev.kemu.vfs.Page;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reading {@code inline_data} inodes ({@code fs/ext4/inline.c:ext4_read_inline_data()},
 * {@code ext4_inline_data_to_dirent}-style parsing for directories): the first 60 bytes live in
 * {@code i_block}, the rest in the value of the in-inode {@code system.data} attribute. An inline
 * directory starts with its parent's inode number (4 bytes) and has no "." or ".." entries.
 *
 * <p>Deliberate divergence: inline data is read-only here; a filesystem with the feature is
 * mounted read-only rather than converting inodes to extents on write.
 */
final class InlineData {
    private InlineData() {
    }

    private static byte[] systemData(Ext4Inode base) {
        byte[] raw = base.raw();
        int off = base.ibodyOffset();
        for (Ext4XattrEntry e : Ext4XattrEntry.decodeIbody(raw, off)) {
            if (e.isSystemData()) {
                return e.ibodyValue(raw, off);
            }
        }
        return new byte[0];
    }

    /** The whole inline content: {@code i_block} then {@code system.data}. */
    static byte[] content(Ext4InodeInfo info) {
        Ext4Inode base = info.base();
        byte[] iblock = info.root();
        byte[] more = systemData(base);
        byte[] all = Arrays.copyOf(iblock, iblock.length + more.length);
        System.arraycopy(more, 0, all, iblock.length, more.length);
        return all;
    }

    /** Fills page 0 with the file's bytes (others are zero). */
    static void readPage(Ext4InodeInfo info, Page page) {
        byte[] data = page.data();
        Arrays.fill(data, (byte) 0);
        if (page.index() != 0) {
            return;
        }
        byte[] all = content(info);
        long size = info.vfs() == null ? all.length : info.vfs().size();
        System.arraycopy(all, 0, data, 0, (int) Math.min(Math.min(size, all.length), Page.SIZE));
    }

    /** The inline directory's parent. */
    static long parent(Ext4InodeInfo info) {
        return ByteBuffer.wrap(info.root()).order(ByteOrder.LITTLE_ENDIAN).getInt(0) & 0xFFFFFFFFL;
    }

    /** The entries of an inline directory, in both regions. */
    static List<Ext4DirEntry2> dirEntries(Ext4InodeInfo info) {
        List<Ext4DirEntry2> out = new ArrayList<>();
        parseRegion(info.root(), 4, out);
        parseRegion(systemData(info.base()), 0, out);
        return out;
    }

    private static void parseRegion(byte[] b, int off, List<Ext4DirEntry2> out) {
        while (off < b.length) {
            Ext4DirEntry2 de = Ext4DirEntry2.decode(b, off, b.length);
            if (de == null) {
                return;
            }
            out.add(de);
            off += de.recLen();
        }
    }
}
