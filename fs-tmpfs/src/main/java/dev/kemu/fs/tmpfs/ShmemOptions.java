package dev.kemu.fs.tmpfs;

import dev.kemu.vfs.Page;
import dev.kemu.vfs.spi.MountException;
import java.util.Map;

/**
 * tmpfs mount options ({@code mm/shmem.c:shmem_parse_one()}, {@code lib/cmdline.c:memparse()}).
 *
 * @param maxBlocks {@code sbinfo->max_blocks}: pages all files together may hold; 0 is unlimited
 * @param rootMode permission bits of the root directory ({@code sbinfo->mode}, default 1777)
 */
record ShmemOptions(long maxBlocks, int rootMode) {
    /** {@code shmem_init_fs_context}: the root is world-writable and sticky. */
    static final int DEFAULT_ROOT_MODE = 01777;

    ShmemOptions {
        if (maxBlocks < 0 || (rootMode & ~07777) != 0) {
            throw new IllegalArgumentException("max_blocks " + maxBlocks + ", mode " + Integer.toOctalString(rootMode));
        }
    }

    /**
     * Parses {@code -o} options.
     *
     * @throws MountException "tmpfs: Unknown parameter 'x'" or "tmpfs: Bad value for 'x'", as
     *     the kernel logs them (the mount itself fails with EINVAL there)
     */
    static ShmemOptions parse(Map<String, String> options) throws MountException {
        long maxBlocks = 0;
        int mode = DEFAULT_ROOT_MODE;
        for (Map.Entry<String, String> e : options.entrySet()) {
            String key = e.getKey();
            String value = e.getValue() == null ? "" : e.getValue();
            switch (key) {
                case "size": {
                    if (value.endsWith("%")) {
                        throw new MountException("tmpfs: size=" + value
                                + ": a share of RAM needs the machine's memory size, which the model does not have");
                    }
                    long bytes = memparse(value, key);
                    // DIV_ROUND_UP(size, PAGE_SIZE), without overflowing for huge sizes
                    maxBlocks = (bytes >>> Page.SHIFT) + ((bytes & (Page.SIZE - 1)) != 0 ? 1 : 0);
                    break;
                }
                case "nr_blocks":
                    maxBlocks = memparse(value, key);
                    break;
                case "mode":
                    // fsparam_u32oct, then & 07777
                    if (!value.matches("[0-7]{1,11}") || Long.parseLong(value, 8) > 0xffff_ffffL) {
                        throw badValue(key);
                    }
                    mode = (int) (Long.parseLong(value, 8) & 07777);
                    break;
                default:
                    throw new MountException("tmpfs: Unknown parameter '" + key + "'");
            }
        }
        return new ShmemOptions(maxBlocks, mode);
    }

    /**
     * {@code memparse}: an unsigned number in C notation (0x hex, leading 0 octal) and an
     * optional binary suffix K, M, G, T, P or E (either case); nothing may follow.
     */
    static long memparse(String s, String key) throws MountException {
        int base = 10;
        int p = 0;
        if (s.startsWith("0x") || s.startsWith("0X")) {
            base = 16;
            p = 2;
        } else if (s.startsWith("0") && s.length() > 1) {
            base = 8;
            p = 1;
        }
        int start = p;
        long value = 0;
        while (p < s.length() && Character.digit(s.charAt(p), base) >= 0) {
            int d = Character.digit(s.charAt(p), base);
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - d, base)) > 0) {
                throw badValue(key);
            }
            value = value * base + d;
            p++;
        }
        if (p == start && !(base == 8 && start == 1)) {
            throw badValue(key);
        }
        if (p < s.length()) {
            int shift = switch (Character.toLowerCase(s.charAt(p))) {
                case 'k' -> 10;
                case 'm' -> 20;
                case 'g' -> 30;
                case 't' -> 40;
                case 'p' -> 50;
                case 'e' -> 60;
                default -> throw badValue(key);
            };
            if (value != 0 && Long.numberOfLeadingZeros(value) < shift) {
                throw badValue(key);
            }
            value <<= shift;
            p++;
        }
        if (p != s.length() || value < 0) {
            throw badValue(key);
        }
        return value;
    }

    private static MountException badValue(String key) {
        return new MountException("tmpfs: Bad value for '" + key + "'");
    }
}
