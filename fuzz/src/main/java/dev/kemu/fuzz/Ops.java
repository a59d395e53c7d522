package dev.kemu.fuzz;

import static dev.kemu.fuzz.Generator.n;
import static dev.kemu.fuzz.Generator.path;

import dev.kemu.fuzz.Generator.Build;
import dev.kemu.fuzz.Handles.Handle;
import dev.kemu.fuzz.Handles.Kind;
import dev.kemu.vfs.Fcntl;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a scenario: one random call at a time, with arguments chosen from the edges
 * ({@link Picks}) and descriptors from what the scenario made ({@link Handles}), sometimes the
 * wrong kind, closed or bad.
 */
final class Ops {
    private static final String[] PATHS = {"a", "b", "c", "d", "d/e", "x", "a/x", "", ".", "d/", "/dev/null"};

    private Ops() {
    }

    static void random(Build b) {
        int c = b.p.between(0, 99);
        if (c < 10) {
            splice(b);
        } else if (c < 16) {
            tee(b);
        } else if (c < 23) {
            vmsplice(b);
        } else if (c < 31) {
            copyFileRange(b);
        } else if (c < 37) {
            sendfile(b);
        } else if (c < 45) {
            read(b);
        } else if (c < 54) {
            write(b);
        } else if (c < 58) {
            vectored(b);
        } else if (c < 63) {
            lseek(b);
        } else if (c < 66) {
            if (Exclusions.truncateAllowed(b)) {
                b.add(Call.of("ftruncate", b.h.fd(Kind.FILE), n(b.p.truncateLength())));
            } else {
                stat(b);
            }
        } else if (c < 74) {
            open(b);
        } else if (c < 78) {
            stat(b);
        } else if (c < 81) {
            dirs(b);
        } else if (c < 86) {
            dup(b);
        } else if (c < 93) {
            fcntl(b);
        } else if (c < 97) {
            Val.Fd fd = b.h.fd(Kind.FILE, Kind.PIPE_R, Kind.PIPE_W, Kind.DIR, Kind.PATH);
            b.h.changed(fd, true);
            b.add(Call.of("close", fd));
        } else {
            Generator.pipe(b, Fcntl.O_NONBLOCK | (b.p.chance(20) ? Fcntl.O_CLOEXEC : 0) | (b.p.chance(10) ? Fcntl.O_DIRECT : 0)
                    | (b.p.chance(5) ? 0x1 : 0));
        }
    }

    private static long nonblock(Build b) {
        return Flags.SPLICE_F_NONBLOCK | b.p.spliceExtras();
    }

    /** An offset pointer for a file side (read or write position) or, rarely, for a pipe side. */
    private static Val.Ptr offset(Build b, boolean pipeSide, boolean writing) {
        if (pipeSide ? !b.p.chance(10) : b.p.chance(50)) {
            return new Val.Ptr(null);
        }
        return new Val.Ptr(pipeSide ? 0L : writing ? b.p.writePos() : b.p.readPos());
    }

    private static void splice(Build b) {
        int shape = b.p.between(0, 3);
        Kind in = shape == 0 ? Kind.FILE : shape == 1 ? Kind.PIPE_R : shape == 2 ? Kind.PIPE_R : Kind.UNKNOWN;
        Kind out = shape == 0 ? Kind.PIPE_W : shape == 1 ? Kind.FILE : shape == 2 ? Kind.PIPE_W : Kind.UNKNOWN;
        Val.Fd fin = shape == 3 ? b.h.fd(Kind.PIPE_W, Kind.FILE, Kind.DIR) : b.h.fd(in);
        Val.Fd fout = shape == 3 ? b.h.fd(Kind.PIPE_R, Kind.FILE) : b.h.fd(out);
        b.filePagesInPipe |= shape == 0 || shape == 3;
        b.add(Call.of("splice", fin, offset(b, in == Kind.PIPE_R, false), fout, offset(b, out == Kind.PIPE_W, true),
                n(b.p.anyLength()), n(nonblock(b))));
    }

    private static void tee(Build b) {
        b.add(Call.of("tee", b.h.fd(Kind.PIPE_R), b.h.fd(Kind.PIPE_W), n(b.p.anyLength()), n(nonblock(b))));
    }

    private static void vmsplice(Build b) {
        Val.Fd fd = b.p.chance(80) ? b.h.fd(Kind.PIPE_W) : b.h.fd(Kind.PIPE_R, Kind.FILE);
        Val.Vecs v = vecs(b, true);
        b.add(Call.of("vmsplice", fd, v, n(count(b, v)), n(nonblock(b))));
    }

    private static Val.Vecs vecs(Build b, boolean withData) {
        int k = b.p.between(b.p.chance(5) ? 0 : 1, 3);
        List<byte[]> bufs = new ArrayList<>();
        List<Long> lens = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            int size = b.p.dataSize();
            if (b.p.chance(4)) {
                bufs.add(null);
                lens.add((long) size);
            } else {
                bufs.add(withData ? b.p.data(size) : new byte[size]);
                lens.add((long) size);
            }
        }
        return new Val.Vecs(bufs, lens);
    }

    private static long count(Build b, Val.Vecs v) {
        return b.p.chance(95) ? v.bufs().size() : b.p.one(new long[] {0, Fcntl.IOV_MAX + 1, -1});
    }

    private static void copyFileRange(Build b) {
        Val.Fd in = b.h.fd(Kind.FILE);
        Val.Fd out = b.p.chance(20) ? in : b.h.fd(Kind.FILE);
        if (b.p.chance(10)) {
            out = b.h.fd(Kind.PIPE_W, Kind.DIR, Kind.PATH);
        }
        b.add(Call.of("copy_file_range", in, offset(b, false, false), out, offset(b, false, true), n(b.p.anyLength()),
                n(b.p.chance(92) ? 0 : b.p.one(new long[] {1, 2, 0x80000000L}))));
    }

    private static void sendfile(Build b) {
        Val.Fd out = b.p.chance(60) ? b.h.fd(Kind.PIPE_W) : b.h.fd(Kind.FILE);
        Val.Fd in = b.p.chance(85) ? b.h.fd(Kind.FILE) : b.h.fd(Kind.PIPE_R, Kind.DIR);
        long count = b.h.isOpenPipe(out) ? b.p.anyLength() : b.p.boundedLength();
        b.filePagesInPipe = true;
        b.add(Call.of("sendfile", out, in, offset(b, false, false), n(count)));
    }

    private static void read(Build b) {
        Val.Fd fd = b.h.fd(Kind.FILE, Kind.PIPE_R, Kind.PIPE_W, Kind.DIR);
        if (b.p.chance(35)) {
            b.add(Call.of("pread64", fd, n(b.p.anyLength()), n(b.p.readPos())));
        } else {
            b.add(Call.of("read", fd, n(b.p.anyLength())));
        }
    }

    private static void write(Build b) {
        Val.Fd fd = b.h.fd(Kind.FILE, Kind.PIPE_W, Kind.PIPE_R);
        int size = b.p.dataSize();
        long count = size;
        int c = b.p.between(0, 99);
        if (c < 5) {
            count = 0;
        } else if (c < 10 && size > 0) {
            count = size - 1;
        } else if (c < 18) {
            count = b.h.isOpenPipe(fd) ? b.p.hugeWriteLength() : size + b.p.between(1, 5000);
        }
        if (b.p.chance(25)) {
            b.add(Call.of("pwrite64", fd, new Val.Bytes(b.p.data(size)), n(count), n(b.p.writePos())));
        } else {
            b.add(Call.of("write", fd, new Val.Bytes(b.p.data(size)), n(count)));
        }
    }

    private static void vectored(Build b) {
        boolean reading = b.p.chance(50);
        Val.Fd fd = reading ? b.h.fd(Kind.FILE, Kind.PIPE_R) : b.h.fd(Kind.FILE, Kind.PIPE_W);
        Val.Vecs v = vecs(b, !reading);
        b.add(Call.of(reading ? "readv" : "writev", fd, v, n(count(b, v))));
    }

    private static void lseek(Build b) {
        long whence = b.p.chance(92) ? b.p.between(0, 4) : b.p.one(new long[] {5, -1, 0x80000000L});
        b.add(Call.of("lseek", b.h.fd(Kind.FILE, Kind.DIR, Kind.PIPE_R), n(b.p.seekOffset()), n(whence)));
    }

    private static void open(Build b) {
        Picks p = b.p;
        String name = p.chance(70) ? Generator.FILES[p.between(0, 3)] : p.one(PATHS);
        Val.Fd dirfd = Val.Fd.of(Fcntl.AT_FDCWD);
        if (p.chance(10)) {
            dirfd = b.h.fd(Kind.DIR);
            name = p.chance(50) ? "e" : "f";
        }
        long flags = p.between(0, 99) < 97 ? p.between(0, 2) : 3;
        long[][] optional = {{Fcntl.O_CREAT, 50}, {Fcntl.O_TRUNC, 20}, {Fcntl.O_APPEND, 20}, {Fcntl.O_EXCL, 10},
            {Fcntl.O_NONBLOCK, 10}, {Fcntl.O_DIRECTORY, 5}, {Fcntl.O_PATH, 5}, {Fcntl.O_CLOEXEC, 20}, {Fcntl.O_DSYNC, 4},
            {Fcntl.O_SYNC, 3}, {Fcntl.O_DIRECT, 3}, {Fcntl.O_NOATIME, 3}, {Fcntl.O_NOFOLLOW, 4}, {Fcntl.O_TMPFILE, 3},
            {0x40000000L, 2}};
        for (long[] o : optional) {
            if (p.chance((int) o[1])) {
                flags |= o[0];
            }
        }
        flags = Exclusions.openFlags(flags);
        long mode = p.chance(85) ? 0644 : p.one(new long[] {0, 0600, 0777, 04755, 01777});
        Val.Fd fd = b.add(Call.of("openat", dirfd, path(name), n(flags), n(mode)));
        Kind kind = (flags & Fcntl.O_PATH) != 0 ? Kind.PATH
                : (flags & Fcntl.O_DIRECTORY) != 0 || b.dirs.contains(name) || name.equals(".") ? Kind.DIR : Kind.FILE;
        if (name.equals("/dev/null")) {
            kind = Kind.UNKNOWN;
        }
        b.h.add(fd, kind, name);
        if ((flags & Fcntl.O_CREAT) != 0 && dirfd.call() < 0 && !name.isEmpty() && !name.contains(".") && !name.startsWith("/")
                && !name.endsWith("/") && (!name.contains("/") || b.dirs.contains("d"))) {
            b.files.add(name);
        }
    }

    private static void stat(Build b) {
        if (b.p.chance(50)) {
            b.add(Call.of("fstat", b.h.fd(Kind.FILE, Kind.PIPE_R, Kind.PIPE_W, Kind.DIR, Kind.PATH)));
            return;
        }
        boolean empty = b.p.chance(40);
        Val.Fd dirfd = empty ? b.h.fd(Kind.FILE, Kind.PIPE_W, Kind.PATH, Kind.DIR) : Val.Fd.of(Fcntl.AT_FDCWD);
        long flags = empty ? Fcntl.AT_EMPTY_PATH : b.p.one(new long[] {0, 0, Fcntl.AT_SYMLINK_NOFOLLOW, 0x1, Fcntl.AT_EMPTY_PATH});
        b.add(Call.of("newfstatat", dirfd, path(empty ? "" : b.p.one(PATHS)), n(flags)));
    }

    private static void dirs(Build b) {
        String name = b.p.one(new String[] {"d", "d/f", "a", "x/y", "g", "d/e"});
        if (b.p.chance(50)) {
            b.add(Call.of("mkdirat", Val.Fd.of(Fcntl.AT_FDCWD), path(name), n(b.p.chance(80) ? 0755 : 0)));
            if (name.equals("d") || name.equals("g")) {
                b.dirs.add(name);
            }
        } else {
            long flags = b.p.one(new long[] {0, 0, Fcntl.AT_REMOVEDIR, 0x1});
            b.add(Call.of("unlinkat", Val.Fd.of(Fcntl.AT_FDCWD), path(name), n(flags)));
        }
    }

    private static void dup(Build b) {
        Val.Fd fd = b.h.fd(Kind.FILE, Kind.PIPE_R, Kind.PIPE_W, Kind.PATH);
        Handle src = b.h.pick(Kind.FILE, Kind.PIPE_R, Kind.PIPE_W);
        Kind kind = src != null && src.ref.equals(fd) ? src.kind : Kind.UNKNOWN;
        int c = b.p.between(0, 2);
        if (c == 0) {
            b.h.add(b.add(Call.of("dup", fd)), kind, null);
            return;
        }
        Val.Fd target = b.p.chance(15) ? fd : b.p.chance(50) ? b.h.fd(Kind.FILE, Kind.PIPE_R, Kind.PIPE_W)
                : Val.Fd.of((int) b.p.one(new long[] {0, 1, 2, 5, 7, 10, 100, 1023, 1024, -1}));
        if (!target.equals(fd)) {
            b.h.changed(target, false);
        }
        Val.Fd made = c == 1 ? b.add(Call.of("dup2", fd, target))
                : b.add(Call.of("dup3", fd, target, n(b.p.chance(80) ? (b.p.chance(50) ? 0 : Fcntl.O_CLOEXEC) : 0x1)));
        b.h.add(made, Kind.UNKNOWN, null);
    }

    private static void fcntl(Build b) {
        Val.Fd fd = b.h.fd(Kind.FILE, Kind.PIPE_R, Kind.PIPE_W, Kind.PATH, Kind.DIR);
        int c = b.p.between(0, 9);
        switch (c) {
            case 0 -> b.add(Call.of("fcntl", fd, n(Fcntl.F_GETFL)));
            case 1 -> {
                long flags = Fcntl.O_NONBLOCK;
                long[] extra = {Fcntl.O_APPEND, Fcntl.O_DIRECT, Fcntl.O_NOATIME, Fcntl.FASYNC, Fcntl.O_RDWR, 0x40000000L};
                for (long e : extra) {
                    if (b.p.chance(20)) {
                        flags |= e;
                    }
                }
                b.add(Call.of("fcntl", fd, n(Fcntl.F_SETFL), n(Exclusions.setflFlags(flags))));
            }
            case 2 -> b.add(Call.of("fcntl", fd, n(Fcntl.F_GETFD)));
            case 3 -> b.add(Call.of("fcntl", fd, n(Fcntl.F_SETFD), n(b.p.one(new long[] {0, 1, 0xff}))));
            case 4 -> b.h.add(b.add(Call.of("fcntl", fd, n(b.p.chance(50) ? Fcntl.F_DUPFD : Fcntl.F_DUPFD_CLOEXEC),
                    n(b.p.one(new long[] {0, 3, 10, 1023, 1024, -1})))), Kind.UNKNOWN, null);
            case 5, 6 -> b.add(Call.of("fcntl", b.h.fd(Kind.PIPE_W, Kind.PIPE_R), n(Fcntl.F_SETPIPE_SZ), n(b.p.pipeSize())));
            case 7, 8 -> b.add(Call.of("fcntl", b.h.fd(Kind.PIPE_R, Kind.PIPE_W), n(Fcntl.F_GETPIPE_SZ)));
            default -> b.add(Call.of("fcntl", fd, n(b.p.one(new long[] {9999, 1029, 12}))));
        }
    }
}
