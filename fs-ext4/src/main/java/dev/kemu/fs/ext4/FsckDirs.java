package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4Checksums;
import dev.kemu.fs.ext4.disklayout.Ext4DirEntry2;
import dev.kemu.fs.ext4.disklayout.Ext4DirEntryTail;
import dev.kemu.fs.ext4.disklayout.Ext4Features;
import dev.kemu.fs.ext4.disklayout.Ext4Inode;
import dev.kemu.fs.ext4.disklayout.Ext4XattrEntry;
import dev.kemu.vfs.StatMode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Checker passes 2 to 4 ({@code e2fsck/pass2.c:check_dir_block()}, {@code pass3.c},
 * {@code pass4.c}): directory blocks and entries, connectivity from the root, link counts.
 */
final class FsckDirs {
    private final FsckContext ctx;
    /** The directory holding the name of each subdirectory. */
    private final Map<Long, Long> parentOf = new HashMap<>();
    /** What each directory's ".." says. */
    private final Map<Long, Long> dotdot = new HashMap<>();

    FsckDirs(FsckContext ctx) {
        this.ctx = ctx;
    }

    void run() {
        for (Map.Entry<Long, Ext4Inode> e : ctx.inUse.entrySet()) {
            if (StatMode.isDir(e.getValue().mode()) && !ctx.orphans.contains(e.getKey())) {
                checkDir(e.getKey(), e.getValue());
            }
        }
        checkConnectivity();
        checkLinks();
    }

    private void checkDir(long ino, Ext4Inode in) {
        Set<String> names = new HashSet<>();
        if (in.hasFlag(Ext4Inode.INLINE_DATA_FL)) {
            checkInlineDir(ino, in, names);
            return;
        }
        long[] map = ctx.dirBlocks.getOrDefault(ino, new long[0]);
        int iseed = Ext4Checksums.inodeSeed(ctx.seed, ino, in.generation());
        boolean htree = in.hasFlag(Ext4Inode.INDEX_FL);
        if (map.length == 0 || map[0] == 0) {
            ctx.problem("directory inode " + ino + " has no first block");
            return;
        }
        for (int lblk = 0; lblk < map.length; lblk++) {
            if (map[lblk] == 0) {
                ctx.problem("directory inode " + ino + " has a hole at block " + lblk);
                continue;
            }
            byte[] data = ctx.dev.readBlock(map[lblk], ctx.blockSize);
            boolean interior = htree && lblk > 0 && Ext4DirEntry2.inodeAt(data, 0) == 0
                    && Ext4DirEntry2.recLenAt(data, 0) == ctx.blockSize;
            if (interior) {
                continue;
            }
            int end = ctx.blockSize;
            if (htree && lblk == 0) {
                end = ctx.blockSize; // dx_root: "." and ".." span the block
            } else if (ctx.csum) {
                if (!Ext4DirEntryTail.isPresent(data)) {
                    ctx.problem("directory inode " + ino + " block " + lblk + " has no checksum tail");
                } else {
                    end -= Ext4DirEntryTail.SIZE;
                    if (!Ext4Checksums.dirLeafValid(iseed, data)) {
                        ctx.problem("directory inode " + ino + " block " + lblk + " checksum does not match");
                    }
                }
            }
            checkBlock(ino, lblk, data, end, names, htree && lblk == 0);
        }
    }

    private void checkBlock(long dir, int lblk, byte[] data, int end, Set<String> names, boolean dxRoot) {
        int off = 0;
        int index = 0;
        while (off < end) {
            Ext4DirEntry2 de = Ext4DirEntry2.decode(data, off, end);
            if (de == null) {
                ctx.problem("directory inode " + dir + " block " + lblk + ": corrupt entry at offset " + off);
                return;
            }
            checkEntry(dir, lblk, index, de, names);
            off += de.recLen();
            index++;
            if (dxRoot && index == 2) {
                return;
            }
        }
        if (off != end) {
            ctx.problem("directory inode " + dir + " block " + lblk + ": entries end at " + off + ", not " + end);
        }
    }

    private void checkEntry(long dir, int lblk, int index, Ext4DirEntry2 de, Set<String> names) {
        String name = de.nameString();
        boolean first = lblk == 0 && index == 0;
        boolean second = lblk == 0 && index == 1;
        if (first && (!name.equals(".") || de.inode() != dir)) {
            ctx.problem("directory inode " + dir + ": first entry is " + de + ", not '.'");
        }
        if (second && !name.equals("..")) {
            ctx.problem("directory inode " + dir + ": second entry is " + de + ", not '..'");
        }
        if (de.inode() == 0) {
            return;
        }
        if (!first && !second && (name.equals(".") || name.equals(".."))) {
            ctx.problem("directory inode " + dir + ": extra '" + name + "' entry");
        }
        if (name.isEmpty() || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            ctx.problem("directory inode " + dir + ": bad name in " + de);
        }
        if (!names.add(name)) {
            ctx.problem("directory inode " + dir + ": duplicate entry '" + name + "'");
        }
        noteEntry(dir, de, second);
    }

    private void noteEntry(long dir, Ext4DirEntry2 de, boolean isDotdot) {
        String name = de.nameString();
        long target = de.inode();
        if (target > ctx.es.inodesCount()) {
            ctx.problem("directory inode " + dir + ": entry '" + name + "' names inode " + target + ", out of range");
            return;
        }
        Ext4Inode t = ctx.inUse.get(target);
        if (t == null) {
            ctx.problem("directory inode " + dir + ": entry '" + name + "' names unused inode " + target);
            return;
        }
        ctx.addRef(target);
        if (ctx.es.hasIncompat(Ext4Features.INCOMPAT_FILETYPE) && de.fileType() != FsckInodes.fileType(t.mode())) {
            ctx.problem("directory inode " + dir + ": entry '" + name + "' has file type " + de.fileType()
                    + ", inode " + target + " is type " + FsckInodes.fileType(t.mode()));
        }
        if (isDotdot) {
            dotdot.put(dir, target);
        } else if (!name.equals(".") && StatMode.isDir(t.mode())) {
            Long old = parentOf.put(target, dir);
            if (old != null) {
                ctx.problem("directory inode " + target + " has names in both " + old + " and " + dir);
            }
        }
    }

    private void checkInlineDir(long ino, Ext4Inode in, Set<String> names) {
        byte[] iblock = in.iBlock();
        long parent = FsckInodes.le32(iblock, 0);
        ctx.addRef(ino);
        Ext4Inode p = ctx.inUse.get(parent);
        if (p == null) {
            ctx.problem("inline directory " + ino + ": parent " + parent + " is not in use");
        } else {
            ctx.addRef(parent);
            dotdot.put(ino, parent);
        }
        parseInline(ino, iblock, 4, names);
        byte[] raw = in.raw();
        for (Ext4XattrEntry x : Ext4XattrEntry.decodeIbody(raw, in.ibodyOffset())) {
            if (x.isSystemData()) {
                parseInline(ino, x.ibodyValue(raw, in.ibodyOffset()), 0, names);
            }
        }
    }

    private void parseInline(long ino, byte[] b, int off, Set<String> names) {
        while (off < b.length) {
            Ext4DirEntry2 de = Ext4DirEntry2.decode(b, off, b.length);
            if (de == null) {
                ctx.problem("inline directory " + ino + ": corrupt entry at offset " + off);
                return;
            }
            if (de.inode() != 0) {
                if (!names.add(de.nameString())) {
                    ctx.problem("inline directory " + ino + ": duplicate entry '" + de.nameString() + "'");
                }
                noteEntry(ino, de, false);
            }
            off += de.recLen();
        }
    }

    /** Pass 3: every directory hangs from the root, and its ".." names the directory holding it. */
    private void checkConnectivity() {
        for (Map.Entry<Long, Ext4Inode> e : ctx.inUse.entrySet()) {
            long ino = e.getKey();
            if (!StatMode.isDir(e.getValue().mode()) || ctx.orphans.contains(ino)) {
                continue;
            }
            if (ino == Mkfs.ROOT_INO) {
                if (dotdot.getOrDefault(ino, 0L) != Mkfs.ROOT_INO) {
                    ctx.problem("root directory's '..' is " + dotdot.get(ino));
                }
                continue;
            }
            Long parent = parentOf.get(ino);
            if (parent == null) {
                ctx.problem("directory inode " + ino + " is unattached");
                continue;
            }
            if (!parent.equals(dotdot.get(ino))) {
                ctx.problem("directory inode " + ino + ": '..' is " + dotdot.get(ino) + ", its parent is " + parent);
            }
            Set<Long> seen = new HashSet<>();
            long cur = ino;
            while (cur != Mkfs.ROOT_INO) {
                if (!seen.add(cur) || !parentOf.containsKey(cur)) {
                    ctx.problem("directory inode " + ino + " is not reachable from the root");
                    break;
                }
                cur = parentOf.get(cur);
            }
        }
    }

    /** Pass 4: link counts equal the names counted; in-use inodes have a name. */
    private void checkLinks() {
        for (Map.Entry<Long, Ext4Inode> e : ctx.inUse.entrySet()) {
            long ino = e.getKey();
            Ext4Inode in = e.getValue();
            if (ino < ctx.es.firstIno() && ino != Mkfs.ROOT_INO) {
                continue;
            }
            int counted = ctx.refs.getOrDefault(ino, 0);
            if (ctx.orphans.contains(ino)) {
                if (counted != 0 || in.linksCount() != 0) {
                    ctx.problem("orphan inode " + ino + " has " + in.linksCount() + " links and " + counted + " names");
                }
                continue;
            }
            if (counted == 0) {
                ctx.problem("inode " + ino + " is in use but has no name");
                continue;
            }
            boolean manyDirs = StatMode.isDir(in.mode()) && in.linksCount() == 1 && counted >= Ext4Namei.LINK_MAX
                    && ctx.es.hasRoCompat(Ext4Features.RO_COMPAT_DIR_NLINK);
            if (in.linksCount() != counted && !manyDirs) {
                ctx.problem("inode " + ino + " has links_count " + in.linksCount() + ", counted " + counted);
            }
        }
    }
}
