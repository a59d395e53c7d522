package dev.kemu.fs.ext4.disklayout;

import java.util.ArrayList;
import java.util.List;

/**
 * Feature flags of the superblock ({@code fs/ext4/ext4.h:EXT4_FEATURE_COMPAT_*},
 * {@code EXT4_FEATURE_RO_COMPAT_*}, {@code EXT4_FEATURE_INCOMPAT_*}) and their names as
 * {@code dumpe2fs} prints them ({@code lib/e2p/feature.c} spelling).
 *
 * <p>The kernel mounts a filesystem whose INCOMPAT features it does not all know only to refuse
 * it, mounts one with unknown RO_COMPAT features read-only, and ignores unknown COMPAT features.
 */
public final class Ext4Features {
    private Ext4Features() {
    }

    public static final int COMPAT_DIR_PREALLOC = 0x0001;
    public static final int COMPAT_IMAGIC_INODES = 0x0002;
    public static final int COMPAT_HAS_JOURNAL = 0x0004;
    public static final int COMPAT_EXT_ATTR = 0x0008;
    public static final int COMPAT_RESIZE_INODE = 0x0010;
    public static final int COMPAT_DIR_INDEX = 0x0020;
    public static final int COMPAT_SPARSE_SUPER2 = 0x0200;
    public static final int COMPAT_FAST_COMMIT = 0x0400;
    public static final int COMPAT_STABLE_INODES = 0x0800;
    public static final int COMPAT_ORPHAN_FILE = 0x1000;

    public static final int RO_COMPAT_SPARSE_SUPER = 0x0001;
    public static final int RO_COMPAT_LARGE_FILE = 0x0002;
    public static final int RO_COMPAT_BTREE_DIR = 0x0004;
    public static final int RO_COMPAT_HUGE_FILE = 0x0008;
    public static final int RO_COMPAT_GDT_CSUM = 0x0010;
    public static final int RO_COMPAT_DIR_NLINK = 0x0020;
    public static final int RO_COMPAT_EXTRA_ISIZE = 0x0040;
    public static final int RO_COMPAT_QUOTA = 0x0100;
    public static final int RO_COMPAT_BIGALLOC = 0x0200;
    public static final int RO_COMPAT_METADATA_CSUM = 0x0400;
    public static final int RO_COMPAT_READONLY = 0x1000;
    public static final int RO_COMPAT_PROJECT = 0x2000;
    public static final int RO_COMPAT_VERITY = 0x8000;
    public static final int RO_COMPAT_ORPHAN_PRESENT = 0x10000;

    public static final int INCOMPAT_COMPRESSION = 0x0001;
    public static final int INCOMPAT_FILETYPE = 0x0002;
    public static final int INCOMPAT_RECOVER = 0x0004;
    public static final int INCOMPAT_JOURNAL_DEV = 0x0008;
    public static final int INCOMPAT_META_BG = 0x0010;
    public static final int INCOMPAT_EXTENTS = 0x0040;
    public static final int INCOMPAT_64BIT = 0x0080;
    public static final int INCOMPAT_MMP = 0x0100;
    public static final int INCOMPAT_FLEX_BG = 0x0200;
    public static final int INCOMPAT_EA_INODE = 0x0400;
    public static final int INCOMPAT_DIRDATA = 0x1000;
    public static final int INCOMPAT_CSUM_SEED = 0x2000;
    public static final int INCOMPAT_LARGEDIR = 0x4000;
    public static final int INCOMPAT_INLINE_DATA = 0x8000;
    public static final int INCOMPAT_ENCRYPT = 0x10000;
    public static final int INCOMPAT_CASEFOLD = 0x20000;

    /** Which of the three feature words a flag belongs to. */
    public enum Kind {
        COMPAT, INCOMPAT, RO_COMPAT
    }

    private static final String[][] NAMES = {
        // COMPAT
        {"dir_prealloc", "imagic_inodes", "has_journal", "ext_attr", "resize_inode", "dir_index", "lazy_bg",
            "snapshot_bitmap", "sparse_super2", "fast_commit", "stable_inodes", "orphan_file"},
        // INCOMPAT
        {"compression", "filetype", "needs_recovery", "journal_dev", "meta_bg", null, "extent", "64bit", "mmp",
            "flex_bg", "ea_inode", null, "dirdata", "metadata_csum_seed", "large_dir", "inline_data", "encrypt",
            "casefold"},
        // RO_COMPAT
        {"sparse_super", "large_file", "dir_nlink_old", "huge_file", "uninit_bg", "dir_nlink", "extra_isize",
            "snapshot", "quota", "bigalloc", "metadata_csum", "replica", "read-only", "project", "shared_blocks",
            "verity", "orphan_present"},
    };

    /** The name of feature bit {@code flag} (one bit) of {@code kind}, or {@code FEATURE_X<n>} like e2p. */
    public static String name(Kind kind, int flag) {
        int bit = Integer.numberOfTrailingZeros(flag);
        String[] names = NAMES[kind == Kind.COMPAT ? 0 : kind == Kind.INCOMPAT ? 1 : 2];
        if (bit < names.length && names[bit] != null) {
            return names[bit];
        }
        char c = kind == Kind.COMPAT ? 'C' : kind == Kind.INCOMPAT ? 'I' : 'R';
        return "FEATURE_" + c + bit;
    }

    /** The names of every bit set in {@code flags}. */
    public static List<String> names(Kind kind, int flags) {
        List<String> out = new ArrayList<>();
        for (int bit = 0; bit < 32; bit++) {
            if ((flags & (1 << bit)) != 0) {
                out.add(name(kind, 1 << bit));
            }
        }
        return out;
    }
}
