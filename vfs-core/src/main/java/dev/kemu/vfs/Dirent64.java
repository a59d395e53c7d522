package dev.kemu.vfs;

import java.nio.charset.StandardCharsets;

/**
 * One entry {@code getdents64} wrote ({@code include/linux/dirent.h:struct linux_dirent64}).
 *
 * @param ino {@code d_ino}
 * @param off {@code d_off}: the position to continue after this entry
 * @param type {@code d_type}: {@code DT_REG}, {@code DT_DIR}, ...
 * @param name {@code d_name}
 */
public record Dirent64(long ino, long off, int type, String name) {
    /** {@code offsetof(struct linux_dirent64, d_name)}. */
    public static final int NAME_OFFSET = 19;

    public Dirent64 {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an entry has a name");
        }
    }

    /** {@code d_reclen}: the header, the name and its NUL, rounded up to 8 bytes. */
    public int reclen() {
        return reclen(name);
    }

    static int reclen(String name) {
        int len = NAME_OFFSET + name.getBytes(StandardCharsets.UTF_8).length + 1;
        return (len + 7) & ~7;
    }
}
