package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4DirEntry2;
import dev.kemu.fs.ext4.disklayout.Ext4DirEntryTail;
import java.util.ArrayList;
import java.util.List;

/**
 * One linear directory block and the entry operations of {@code fs/ext4/namei.c}:
 * {@code ext4_find_dest_de()} + {@code ext4_insert_dentry()} ({@link #add}),
 * {@code ext4_generic_delete_entry()} ({@link #remove}), {@code ext4_search_dir()} ({@link #find})
 * and the block builders of {@code ext4_init_dot_dotdot()} and {@code ext4_init_new_dir()}.
 *
 * <p>With {@code metadata_csum} the last 12 bytes are the {@link Ext4DirEntryTail} and entries
 * stop before it. The block is parsed in place; a {@code rec_len} that leaves the block ends the
 * walk ({@code __ext4_check_dir_entry} would report corruption). Not thread-safe: callers hold the
 * directory's inode lock.
 */
final class DirBlock {
    private final byte[] data;
    private final int end;

    /** Wraps {@code data} (not copied); {@code csum} says whether a tail ends the block. */
    DirBlock(byte[] data, boolean csum) {
        this.data = data;
        this.end = data.length - (csum ? Ext4DirEntryTail.SIZE : 0);
    }

    byte[] data() {
        return data;
    }

    /** A directory's first block: "." and "..", the latter spanning the rest ({@code ext4_init_dot_dotdot}). */
    static byte[] initDirBlock(int blockSize, long self, long parent, boolean csum) {
        byte[] b = new byte[blockSize];
        int end = blockSize - (csum ? Ext4DirEntryTail.SIZE : 0);
        int dot = Ext4DirEntry2.recLenFor(1);
        Ext4DirEntry2.of(self, dot, Ext4DirEntry2.FT_DIR, ".").encode(b, 0);
        Ext4DirEntry2.of(parent, end - dot, Ext4DirEntry2.FT_DIR, "..").encode(b, dot);
        if (csum) {
            Ext4DirEntryTail.init(b);
        }
        return b;
    }

    /** A block holding one unused entry that spans it (a fresh directory block). */
    static byte[] emptyLeaf(int blockSize, boolean csum) {
        byte[] b = new byte[blockSize];
        int end = blockSize - (csum ? Ext4DirEntryTail.SIZE : 0);
        new Ext4DirEntry2(0, end, 0, new byte[0]).encode(b, 0);
        if (csum) {
            Ext4DirEntryTail.init(b);
        }
        return b;
    }

    /** The entry at {@code off}, or null when the block is corrupt there. */
    Ext4DirEntry2 at(int off) {
        return Ext4DirEntry2.decode(data, off, end);
    }

    /** Offsets and entries in block order, stopping at the first corrupt one. */
    List<Ext4DirEntry2> entries() {
        List<Ext4DirEntry2> out = new ArrayList<>();
        for (int off = 0; off < end;) {
            Ext4DirEntry2 de = at(off);
            if (de == null) {
                break;
            }
            out.add(de);
            off += de.recLen();
        }
        return out;
    }

    /** The live entry named {@code name}, or null. */
    Ext4DirEntry2 find(byte[] name) {
        for (int off = 0; off < end;) {
            Ext4DirEntry2 de = at(off);
            if (de == null) {
                return null;
            }
            if (de.inode() != 0 && de.nameEquals(name)) {
                return de;
            }
            off += de.recLen();
        }
        return null;
    }

    /**
     * Puts an entry for {@code name} in the first gap big enough, splitting the live entry before
     * the gap.
     *
     * @return false when the block has no room
     */
    boolean add(long ino, int fileType, byte[] name) {
        int needed = Ext4DirEntry2.recLenFor(name.length);
        for (int off = 0; off < end;) {
            Ext4DirEntry2 de = at(off);
            if (de == null) {
                return false;
            }
            int used = de.inode() != 0 ? de.usedLen() : 0;
            if (de.recLen() - used >= needed) {
                if (de.inode() != 0) {
                    de.withRecLen(used).encode(data, off);
                    new Ext4DirEntry2(ino, de.recLen() - used, fileType, name).encode(data, off + used);
                } else {
                    new Ext4DirEntry2(ino, de.recLen(), fileType, name).encode(data, off);
                }
                return true;
            }
            off += de.recLen();
        }
        return false;
    }

    /**
     * Removes the live entry named {@code name}: the previous entry absorbs its space, or, first in
     * the block, it becomes unused.
     *
     * @return the removed entry, or null if absent
     */
    Ext4DirEntry2 remove(byte[] name) {
        int prev = -1;
        for (int off = 0; off < end;) {
            Ext4DirEntry2 de = at(off);
            if (de == null) {
                return null;
            }
            if (de.inode() != 0 && de.nameEquals(name)) {
                if (prev >= 0) {
                    Ext4DirEntry2 p = at(prev);
                    p.withRecLen(p.recLen() + de.recLen()).encode(data, prev);
                } else {
                    new Ext4DirEntry2(0, de.recLen(), 0, de.name()).encode(data, off);
                }
                return de;
            }
            prev = off;
            off += de.recLen();
        }
        return null;
    }

    /**
     * {@code ext4_setent}: points the live entry named {@code name} at {@code ino} with
     * {@code fileType}, in place.
     *
     * @return false if absent
     */
    boolean setEntry(byte[] name, long ino, int fileType) {
        for (int off = 0; off < end;) {
            Ext4DirEntry2 de = at(off);
            if (de == null) {
                return false;
            }
            if (de.inode() != 0 && de.nameEquals(name)) {
                new Ext4DirEntry2(ino, de.recLen(), fileType, de.name()).encode(data, off);
                return true;
            }
            off += de.recLen();
        }
        return false;
    }

    /** The live entries with their offsets in the block, in block order. */
    List<Positioned> positioned() {
        List<Positioned> out = new ArrayList<>();
        for (int off = 0; off < end;) {
            Ext4DirEntry2 de = at(off);
            if (de == null) {
                break;
            }
            if (de.inode() != 0) {
                out.add(new Positioned(off, de));
            }
            off += de.recLen();
        }
        return out;
    }

    /** An entry and where it starts in its block. */
    record Positioned(int offset, Ext4DirEntry2 entry) {
    }
}
