package dev.kemu.vfs.spi;

/**
 * Where a directory's {@code iterate_shared} sends its entries ({@code include/linux/fs.h:struct
 * dir_context}, {@code dir_emit()}): the position to continue from, and an actor that takes one
 * entry at a time and answers whether there is room for more.
 *
 * <p>A filesystem starts at {@link #pos()}, calls {@link #emit} for each entry from there with
 * the position the entry was found at in {@link #pos()}, and advances {@link #setPos} past an
 * entry only once it was accepted, as {@code dir_emit} callers do.
 */
public final class DirContext {
    /** {@code filldir_t}: takes an entry found at {@code offset}; false when it did not fit. */
    @FunctionalInterface
    public interface Actor {
        boolean fill(String name, long offset, long ino, int type);
    }

    /** {@code DT_UNKNOWN} .. {@code DT_SOCK}: the file type bits of a mode, as {@code fs_umode_to_dtype} gives them. */
    public static int dtype(int mode) {
        return (mode >> 12) & 017;
    }

    /** {@code DT_DIR}. */
    public static final int DT_DIR = 4;

    private final Actor actor;
    private long pos;

    public DirContext(Actor actor, long pos) {
        this.actor = actor;
        this.pos = pos;
    }

    public long pos() {
        return pos;
    }

    public void setPos(long pos) {
        this.pos = pos;
    }

    /** {@code dir_emit}: offers the entry at the current position; false means stop. */
    public boolean emit(String name, long ino, int type) {
        return actor.fill(name, pos, ino, type);
    }

    /** {@code dir_emit_dots}: "." at 0 and ".." at 1, when the position is still before them. */
    public boolean emitDots(long selfIno, long parentIno) {
        if (pos == 0) {
            if (!emit(".", selfIno, DT_DIR)) {
                return false;
            }
            pos = 1;
        }
        if (pos == 1) {
            if (!emit("..", parentIno, DT_DIR)) {
                return false;
            }
            pos = 2;
        }
        return true;
    }
}
