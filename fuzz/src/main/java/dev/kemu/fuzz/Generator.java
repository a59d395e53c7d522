package dev.kemu.fuzz;

import dev.kemu.fuzz.Handles.Handle;
import dev.kemu.fuzz.Handles.Kind;
import dev.kemu.vfs.Fcntl;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Makes random scenarios: a few files with contents of edge sizes, one or two pipes (some
 * resized to one page, some with data in them), then a random mix of the modelled calls on
 * them ({@link Ops}), then reads of every file and pipe so that any difference in the data
 * shows. Scenario {@code n} of seed {@code s} is always the same.
 *
 * <p>Nothing a scenario does can sleep forever: every pipe is made {@code O_NONBLOCK} and
 * {@code F_SETFL} always keeps that flag; splice, tee and vmsplice always pass
 * {@code SPLICE_F_NONBLOCK}. Every path is relative to the scenario's directory, except
 * {@code /dev/null}.
 */
final class Generator {
    static final String[] FILES = {"a", "b", "c", "d/e"};

    /** The state of one scenario being made. */
    static final class Build {
        final Picks p;
        final Handles h;
        final List<Call> calls = new ArrayList<>();
        final Set<String> files = new LinkedHashSet<>();
        final Set<String> dirs = new LinkedHashSet<>();
        /** A pipe may hold page-cache pages of a file (see {@link Exclusions#truncateAllowed}). */
        boolean filePagesInPipe;

        Build(Picks p) {
            this.p = p;
            this.h = new Handles(p);
        }

        /** Adds a call; returns a reference to the descriptor it returns. */
        Val.Fd add(Call c) {
            calls.add(c);
            return Val.Fd.from(calls.size() - 1, 0);
        }
    }

    private Generator() {
    }

    static Scenario scenario(long seed, long index) {
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        Build b = new Build(new Picks(rnd));
        setUp(b);
        int body = b.p.between(3, 18);
        for (int i = 0; i < body; i++) {
            Ops.random(b);
        }
        check(b);
        return new Scenario(seed, index, b.calls);
    }

    static Val.Bytes path(String s) {
        return new Val.Bytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    static Val.Int n(long v) {
        return new Val.Int(v);
    }

    private static void setUp(Build b) {
        Picks p = b.p;
        if (p.chance(40)) {
            b.add(Call.of("mkdirat", Val.Fd.of(Fcntl.AT_FDCWD), path("d"), n(0755)));
            b.dirs.add("d");
        }
        int files = p.between(1, 3);
        for (int i = 0; i < files; i++) {
            String name = FILES[p.between(0, b.dirs.isEmpty() ? 2 : 3)];
            Val.Fd fd = b.add(Call.of("openat", Val.Fd.of(Fcntl.AT_FDCWD), path(name),
                    n(Fcntl.O_RDWR | Fcntl.O_CREAT | Fcntl.O_TRUNC), n(0644)));
            b.files.add(name);
            Handle f = b.h.add(fd, Kind.FILE, name);
            int size = p.chance(20) ? 0 : p.chance(15) ? (int) p.one(new long[] {65536, 65537, 100000, 200000}) : p.dataSize();
            if (size > 0) {
                b.add(Call.of("write", fd, new Val.Bytes(p.data(size)), n(size)));
            }
            if (p.chance(25)) {
                b.add(Call.of("close", fd));
                f.open = false;
            }
        }
        int pipes = p.between(1, 2);
        for (int i = 0; i < pipes; i++) {
            pipe(b, Fcntl.O_NONBLOCK | (p.chance(20) ? Fcntl.O_CLOEXEC : 0) | (p.chance(10) ? Fcntl.O_DIRECT : 0));
            Handle w = b.h.open(Kind.PIPE_W).get(b.h.open(Kind.PIPE_W).size() - 1);
            if (p.chance(25)) {
                b.add(Call.of("fcntl", w.ref, n(Fcntl.F_SETPIPE_SZ), n(4096)));
            }
            if (p.chance(40)) {
                int size = p.dataSize();
                b.add(Call.of("write", w.ref, new Val.Bytes(p.data(size)), n(size)));
            }
        }
    }

    /** A pipe2 call; registers both ends. */
    static void pipe(Build b, int flags) {
        b.calls.add(Call.of("pipe2", n(flags)));
        int at = b.calls.size() - 1;
        b.h.add(Val.Fd.from(at, 0), Kind.PIPE_R, null);
        b.h.add(Val.Fd.from(at, 1), Kind.PIPE_W, null);
    }

    /** Reads back every file and every pipe, so that a difference in data shows. */
    private static void check(Build b) {
        for (Handle r : b.h.open(Kind.PIPE_R)) {
            b.add(Call.of("read", r.ref, n(1 << 20)));
        }
        for (String f : b.files) {
            Val.Fd fd = b.add(Call.of("openat", Val.Fd.of(Fcntl.AT_FDCWD), path(f), n(Fcntl.O_RDONLY), n(0)));
            b.add(Call.of("fstat", fd));
            b.add(Call.of("pread64", fd, n(1 << 21), n(0)));
            b.add(Call.of("close", fd));
        }
    }
}
