package dev.kemu.vfs;

/** Constants of the memory-mapping calls ({@code include/uapi/asm-generic/mman-common.h}, {@code mman.h}, x86-64). */
public final class Mman {
    private Mman() {
    }

    public static final int PROT_NONE = 0x0;
    public static final int PROT_READ = 0x1;
    public static final int PROT_WRITE = 0x2;
    public static final int PROT_EXEC = 0x4;
    public static final int PROT_SEM = 0x8;
    public static final int PROT_GROWSDOWN = 0x01000000;
    public static final int PROT_GROWSUP = 0x02000000;

    public static final int MAP_SHARED = 0x01;
    public static final int MAP_PRIVATE = 0x02;
    public static final int MAP_SHARED_VALIDATE = 0x03;
    public static final int MAP_TYPE = 0x0f;
    public static final int MAP_FIXED = 0x10;
    public static final int MAP_ANONYMOUS = 0x20;
    public static final int MAP_GROWSDOWN = 0x0100;
    public static final int MAP_DENYWRITE = 0x0800;
    public static final int MAP_EXECUTABLE = 0x1000;
    public static final int MAP_LOCKED = 0x2000;
    public static final int MAP_NORESERVE = 0x4000;
    public static final int MAP_POPULATE = 0x8000;
    public static final int MAP_NONBLOCK = 0x10000;
    public static final int MAP_STACK = 0x20000;
    public static final int MAP_HUGETLB = 0x40000;
    public static final int MAP_SYNC = 0x80000;
    public static final int MAP_FIXED_NOREPLACE = 0x100000;
    /** {@code LEGACY_MAP_MASK}: the flags MAP_SHARED silently accepts. */
    public static final int LEGACY_MAP_MASK = MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_DENYWRITE
            | MAP_EXECUTABLE | MAP_UNINITIALIZED() | MAP_GROWSDOWN | MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE
            | MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB;

    private static int MAP_UNINITIALIZED() {
        return 0x4000000;
    }

    public static final int MREMAP_MAYMOVE = 1;
    public static final int MREMAP_FIXED = 2;
    public static final int MREMAP_DONTUNMAP = 4;

    public static final int MS_ASYNC = 1;
    public static final int MS_INVALIDATE = 2;
    public static final int MS_SYNC = 4;

    public static final int MADV_NORMAL = 0;
    public static final int MADV_DONTNEED = 4;

    /** {@code TASK_SIZE_MAX} on x86-64 with 4-level paging: the end of user space. */
    public static final long TASK_SIZE = (1L << 47) - Page.SIZE;
    /** {@code mmap_min_addr}'s usual value: hints below it are moved up. */
    public static final long MMAP_MIN_ADDR = 65536;
    /** Where the model's top-down search for free room starts ({@code mm->mmap_base}). */
    public static final long MMAP_BASE = 0x7f00_0000_0000L;
    /** Where the model puts the heap when nobody said ({@code mm->start_brk}). */
    public static final long DEFAULT_START_BRK = 0x5555_5556_0000L;

    /** {@code PAGE_ALIGN}. */
    static long pageAlign(long len) {
        return (len + Page.SIZE - 1) & ~(long) (Page.SIZE - 1);
    }

    /** {@code PAGE_ALIGN}, for callers outside the VFS. */
    public static long pageAlignPublic(long len) {
        return pageAlign(len);
    }

    /** {@code offset_in_page}. */
    static boolean unaligned(long addr) {
        return (addr & (Page.SIZE - 1)) != 0;
    }
}
