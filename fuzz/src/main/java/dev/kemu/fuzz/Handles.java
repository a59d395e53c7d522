package dev.kemu.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * What the generator believes about the descriptors a scenario made: which call made each, what
 * it refers to, and whether it is still open. Beliefs, not facts: a call may fail on the host,
 * and a closed number may be reused. So whatever the generator does with a descriptor stays safe
 * if the belief is wrong; only a huge length on a write needs the belief that the descriptor
 * is an open pipe.
 */
final class Handles {
    /** What a descriptor refers to. */
    enum Kind { FILE, DIR, PATH, PIPE_R, PIPE_W, UNKNOWN }

    /** One descriptor a call made. */
    static final class Handle {
        final Val.Fd ref;
        Kind kind;
        boolean open = true;
        final String path;

        Handle(Val.Fd ref, Kind kind, String path) {
            this.ref = ref;
            this.kind = kind;
            this.path = path;
        }
    }

    private final List<Handle> all = new ArrayList<>();
    private final Picks p;
    /** A fixed number or a stale handle was closed or overwritten: numbers may now mean anything. */
    private boolean shuffled;

    Handles(Picks p) {
        this.p = p;
    }

    Handle add(Val.Fd ref, Kind kind, String path) {
        Handle h = new Handle(ref, kind, path);
        all.add(h);
        return h;
    }

    List<Handle> open(Kind kind) {
        return all.stream().filter(h -> h.open && h.kind == kind).toList();
    }

    /** The open handle of one of {@code kinds} (or any open one), or null. */
    Handle pick(Kind... kinds) {
        List<Handle> c = new ArrayList<>();
        for (Kind k : kinds) {
            c.addAll(open(k));
        }
        if (c.isEmpty()) {
            c = all.stream().filter(h -> h.open).toList();
        }
        return c.isEmpty() ? null : c.get(p.between(0, c.size() - 1));
    }

    /**
     * A descriptor argument: mostly an open handle of one of {@code kinds}, sometimes any handle
     * (perhaps closed), sometimes a fixed number that is bad, standard, or just past the table.
     */
    Val.Fd fd(Kind... kinds) {
        int c = p.between(0, 99);
        if (c < 80) {
            Handle h = pick(kinds);
            if (h != null) {
                return h.ref;
            }
        }
        if (c < 90 && !all.isEmpty()) {
            return all.get(p.between(0, all.size() - 1)).ref;
        }
        return Val.Fd.of((int) p.one(new long[] {-1, 0, 1, 2, 3, 4, 5, 6, 9, 42, 1023, 1024, -100, Integer.MAX_VALUE}));
    }

    /** Is {@code fd} believed to be an open pipe, so that a huge length cannot write gigabytes into a file? */
    boolean isOpenPipe(Val.Fd fd) {
        if (fd.call() < 0) {
            return fd.number() < 0 || fd.number() >= 1024;
        }
        if (shuffled) {
            return false;
        }
        for (Handle h : all) {
            if (h.ref.equals(fd)) {
                return h.open && (h.kind == Kind.PIPE_R || h.kind == Kind.PIPE_W);
            }
        }
        return false;
    }

    /** Forgets what {@code fd} referred to (it was closed, or another file was put at its number). */
    void changed(Val.Fd fd, boolean closed) {
        boolean known = false;
        for (Handle h : all) {
            known |= h.ref.equals(fd) && h.open;
        }
        if (!known) {
            shuffled = true;
        }
        for (Handle h : all) {
            if (h.ref.equals(fd)) {
                if (closed) {
                    h.open = false;
                } else {
                    h.kind = Kind.UNKNOWN;
                }
            }
        }
    }
}
