package dev.kemu.replay;

import dev.kemu.kernel.Syscalls;
import dev.kemu.strace.Arg;
import dev.kemu.strace.ListArg;
import dev.kemu.strace.Null;
import dev.kemu.strace.Num;
import dev.kemu.strace.Result;
import dev.kemu.strace.Str;
import dev.kemu.strace.StructArg;
import dev.kemu.strace.Sym;
import dev.kemu.strace.SyscallLine;
import dev.kemu.vfs.Dirent64;
import dev.kemu.vfs.GetcwdResult;
import dev.kemu.vfs.Getdents;
import dev.kemu.vfs.Rlimit;
import dev.kemu.vfs.RlimitResult;
import dev.kemu.vfs.Statfs;
import dev.kemu.vfs.StatfsResult;
import dev.kemu.vfs.StatxResult;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.Timespec;
import dev.kemu.vfs.UserBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs the path, directory and file-state calls real programs make around the pipe and splice core: the working
 * directory, access checks, renames and links, directory listings, modes and times, statfs and statx, syncs,
 * fallocate, descriptor ranges, resource limits, advice, file ioctls and memfd. Each reads its arguments as strace
 * printed them, runs on the emulated kernel and compares what the record shows of its results.
 */
final class FileCalls {
    /** The calls this class runs. */
    static final Set<String> NAMES = Set.of("chdir", "fchdir", "getcwd", "umask", "access", "faccessat", "faccessat2",
            "rename", "renameat", "renameat2", "link", "linkat", "symlink", "symlinkat", "readlink", "readlinkat",
            "getdents64", "chmod", "fchmod", "fchmodat", "utimensat", "statfs", "fstatfs", "statx", "fsync", "fdatasync",
            "syncfs", "fallocate", "close_range", "prlimit64", "getrlimit", "setrlimit", "fadvise64", "ioctl",
            "memfd_create", "mknod", "mknodat", "chown", "fchown", "lchown", "fchownat", "truncate");

    private final Syscalls kernel;
    private final Task task;

    FileCalls(Syscalls kernel, Task task) {
        this.kernel = kernel;
        this.task = task;
    }

    Executed run(SyscallLine line, Args a) {
        switch (line.name()) {
            case "chdir":
                return plain(line, kernel.chdir(task, a.path(0)));
            case "fchdir":
                return plain(line, kernel.fchdir(task, a.integer(0)));
            case "getcwd":
                return getcwd(line, a);
            case "umask":
                return plain(line, kernel.umask(task, a.integer(0)));
            case "access":
                return plain(line, kernel.access(task, a.path(0), a.integer(1)));
            case "faccessat":
                return plain(line, kernel.faccessat(task, a.integer(0), a.path(1), a.integer(2)));
            case "faccessat2":
                return plain(line, kernel.faccessat2(task, a.integer(0), a.path(1), a.integer(2), a.integer(3)));
            case "rename":
                return plain(line, kernel.rename(task, a.path(0), a.path(1)));
            case "renameat":
                return plain(line, kernel.renameat(task, a.integer(0), a.path(1), a.integer(2), a.path(3)));
            case "renameat2":
                return plain(line, kernel.renameat2(task, a.integer(0), a.path(1), a.integer(2), a.path(3), a.integer(4)));
            case "link":
                return plain(line, kernel.link(task, a.path(0), a.path(1)));
            case "linkat":
                return plain(line, kernel.linkat(task, a.integer(0), a.path(1), a.integer(2), a.path(3), a.integer(4)));
            case "symlink":
                return plain(line, kernel.symlink(task, a.path(0), a.path(1)));
            case "symlinkat":
                return plain(line, kernel.symlinkat(task, a.path(0), a.integer(1), a.path(2)));
            case "readlink":
                return readlink(line, a, -1, 0);
            case "readlinkat":
                return readlink(line, a, a.integer(0), 1);
            case "getdents64":
                return getdents(line, a);
            case "chmod":
                return plain(line, kernel.chmod(task, a.path(0), a.integer(1)));
            case "fchmod":
                return plain(line, kernel.fchmod(task, a.integer(0), a.integer(1)));
            case "fchmodat":
                return plain(line, kernel.fchmodat(task, a.integer(0), a.path(1), a.integer(2)));
            case "utimensat":
                return plain(line, kernel.utimensat(task, a.integer(0), a.isNull(1) ? null : a.path(1), times(a.raw(2)),
                        a.integer(3)));
            case "statfs":
                return statfs(line, kernel.statfs(task, a.path(0)));
            case "fstatfs":
                return statfs(line, kernel.fstatfs(task, a.integer(0)));
            case "statx":
                return statx(line, a);
            case "fsync":
                return plain(line, kernel.fsync(task, a.integer(0)));
            case "fdatasync":
                return plain(line, kernel.fdatasync(task, a.integer(0)));
            case "syncfs":
                return plain(line, kernel.syncfs(task, a.integer(0)));
            case "fallocate":
                return plain(line, kernel.fallocate(task, a.integer(0), a.integer(1), a.num(2), a.num(3)));
            case "close_range":
                return plain(line, kernel.closeRange(task, a.integer(0), a.integer(1), a.integer(2)));
            case "prlimit64":
                return rlimit(line, kernel.prlimit64(task, a.integer(0), a.integer(1), rlimitArg(a.raw(2))), 3);
            case "getrlimit":
                return rlimit(line, kernel.getrlimit(task, a.integer(0)), 1);
            case "setrlimit":
                return plain(line, kernel.setrlimit(task, a.integer(0), rlimitArg(a.raw(1))));
            case "fadvise64":
                return plain(line, kernel.fadvise64(task, a.integer(0), a.num(1), a.num(2), a.integer(3)));
            case "ioctl":
                return ioctl(line, a);
            case "memfd_create":
                return plain(line, kernel.memfdCreate(task, a.path(0), a.integer(1)));
            case "truncate":
                return plain(line, kernel.truncate(task, a.isNull(0) ? null : a.path(0), a.num(1)));
            case "chown":
                return plain(line, kernel.chown(task, a.path(0), a.integer(1), a.integer(2)));
            case "fchown":
                return plain(line, kernel.fchown(task, a.integer(0), a.integer(1), a.integer(2)));
            case "lchown":
                return plain(line, kernel.lchown(task, a.path(0), a.integer(1), a.integer(2)));
            case "fchownat":
                return plain(line, kernel.fchownat(task, a.integer(0), a.path(1), a.integer(2), a.integer(3), a.integer(4)));
            case "mknod":
                return plain(line, kernel.mknod(task, a.path(0), a.integer(1), a.count() > 2 ? a.num(2) : 0));
            case "mknodat":
                return plain(line, kernel.mknodat(task, a.integer(0), a.path(1), a.integer(2), a.count() > 3 ? a.num(3) : 0));
            default:
                throw new IllegalStateException("not a file call: " + line.name());
        }
    }

    private static Executed plain(SyscallLine line, long ret) {
        return new Executed(ret, line.withResult(Results.of(ret)), null);
    }

    /** {@code getcwd("/tmp/x", 4096) = 7}: the length includes the NUL; the path is compared. */
    private Executed getcwd(SyscallLine line, Args a) {
        GetcwdResult r = kernel.getcwd(task, a.num(1));
        SyscallLine actual = line.withResult(Results.of(r.ret()));
        String diff = null;
        if (r.ret() >= 0 && r.path() != null) {
            actual = actual.withArg(0, Str.of(r.path(), dev.kemu.strace.Quoting.DEFAULT));
            if (a.raw(0) instanceof Str s && !s.truncated() && !s.text().equals(r.path())) {
                diff = "path: expected \"" + s.text() + "\", got \"" + r.path() + "\"";
            }
        }
        return new Executed(r.ret(), actual, diff);
    }

    /** {@code readlink("l", "target", 4096) = 6}: the bytes placed in the buffer are compared. */
    private Executed readlink(SyscallLine line, Args a, int dfd, int pathArg) {
        int bufsiz = a.integer(pathArg + 2);
        UserBuffer buf = UserBuffer.allocate(Math.max(0, Math.min(bufsiz, 1 << 16)));
        long ret = dfd == -1 ? kernel.readlink(task, a.path(pathArg), buf, bufsiz)
                : kernel.readlinkat(task, dfd, a.path(pathArg), buf, bufsiz);
        SyscallLine actual = line.withResult(Results.of(ret));
        String diff = null;
        if (ret >= 0) {
            byte[] got = buf.read(0, (int) ret);
            actual = actual.withArg(pathArg + 1, Str.of(got, dev.kemu.strace.Quoting.DEFAULT));
            if (a.raw(pathArg + 1) instanceof Str s) {
                diff = Hexdump.difference("link target", s, got);
            }
        }
        return new Executed(ret, actual, diff);
    }

    /**
     * {@code getdents64(3, 0x55.. /* 5 entries *}{@code /, 32768) = 144}: the byte count is compared, and with
     * {@code -v} the entries' names and types in order (inode numbers and offsets belong to the filesystem image).
     */
    private Executed getdents(SyscallLine line, Args a) {
        Getdents r = kernel.getdents64(task, a.integer(0), a.num(2));
        SyscallLine actual = line.withResult(Results.of(r.ret()));
        String diff = null;
        if (r.ret() >= 0 && a.raw(1) instanceof ListArg rec) {
            List<String> want = new ArrayList<>();
            for (Arg item : rec.items()) {
                if (item instanceof StructArg s && s.field("d_name").orElse(null) instanceof Str n) {
                    want.add(n.text());
                }
            }
            List<String> got = r.entries().stream().map(Dirent64::name).toList();
            if (!want.equals(got)) {
                diff = "entries: expected " + want + ", got " + got;
            }
        }
        return new Executed(r.ret(), actual, diff);
    }

    /** {@code [{tv_sec=1, tv_nsec=0}, {tv_sec=0, tv_nsec=UTIME_OMIT}]}, or NULL for "now". */
    private static List<Timespec> times(Arg arg) {
        if (arg instanceof Null || !(arg instanceof ListArg l)) {
            return null;
        }
        List<Timespec> out = new ArrayList<>();
        for (Arg item : l.items()) {
            if (item instanceof StructArg s) {
                out.add(new Timespec(field(s, "tv_sec"), field(s, "tv_nsec")));
            } else if (item instanceof Sym sym) {
                // strace prints UTIME_NOW and UTIME_OMIT alone, without the struct.
                out.add(new Timespec(0, Args.constant(sym.text())));
            }
        }
        return out;
    }

    private static long field(StructArg s, String name) {
        Arg v = s.field(name).orElseThrow(() -> new ReplayException("struct without " + name + ": " + Args.describe(s)));
        return new Args(SyscallLine.of("x", Result.unknown(), v)).num(0);
    }

    /** statfs: the type, block size and name length are compared; the counts belong to the recording machine's disk. */
    private static Executed statfs(SyscallLine line, StatfsResult r) {
        SyscallLine actual = line.withResult(Results.of(r.ret()));
        String diff = null;
        Arg rec = line.args().get(1);
        if (r.ret() == 0 && r.statfs() != null && rec instanceof StructArg s) {
            Statfs st = r.statfs();
            diff = compare(s, "f_bsize", st.bsize(), null);
            if (diff == null) {
                diff = compare(s, "f_namelen", st.namelen(), null);
            }
            if (diff == null && s.field("f_type").orElse(null) instanceof Sym t) {
                Long want = Symbols.value(t.text());
                if (want != null && want != st.type()) {
                    diff = "f_type: expected " + t.text() + ", got 0x" + Long.toHexString(st.type());
                }
            }
        }
        return new Executed(r.ret(), actual, diff);
    }

    private static String compare(StructArg s, String name, long got, String label) {
        Arg v = s.field(name).orElse(null);
        if (!(v instanceof Num n)) {
            return null;
        }
        return n.value() == got ? null : (label == null ? name : label) + ": expected " + n.value() + ", got " + got;
    }

    /** statx: the fields the model owns (mode, size, nlink, blksize, blocks). */
    private Executed statx(SyscallLine line, Args a) {
        StatxResult r = kernel.statx(task, a.integer(0), a.path(1), a.integer(2), a.integer(3));
        SyscallLine actual = line.withResult(Results.of(r.ret()));
        String diff = null;
        if (r.ret() == 0 && r.statx() != null && a.count() > 4 && a.raw(4) instanceof StructArg s) {
            var st = r.statx();
            diff = compare(s, "stx_size", st.size(), null);
            if (diff == null) {
                diff = compare(s, "stx_nlink", st.nlink(), null);
            }
            if (diff == null) {
                diff = compare(s, "stx_blksize", st.blksize(), null);
            }
            if (diff == null) {
                diff = compare(s, "stx_blocks", st.blocks(), null);
            }
            if (diff == null && s.field("stx_mode").orElse(null) instanceof Sym m) {
                long want = Args.constant(m.text());
                if (want != st.mode()) {
                    diff = "stx_mode: expected " + m.text() + ", got " + Symbols.modeNames(st.mode());
                }
            }
        }
        return new Executed(r.ret(), actual, diff);
    }

    /** {@code {rlim_cur=1024, rlim_max=4096}}, or NULL. */
    private static Rlimit rlimitArg(Arg arg) {
        if (!(arg instanceof StructArg s)) {
            return null;
        }
        return new Rlimit(field(s, "rlim_cur"), field(s, "rlim_max"));
    }

    /** prlimit64/getrlimit: the old limits written back are compared. */
    private static Executed rlimit(SyscallLine line, RlimitResult r, int oldArg) {
        SyscallLine actual = line.withResult(Results.of(r.ret()));
        String diff = null;
        if (r.ret() == 0 && r.old() != null && oldArg < line.args().size()) {
            Arg rec = line.args().get(oldArg);
            if (rec instanceof dev.kemu.strace.Changed c) {
                rec = c.after();
            }
            if (rec instanceof StructArg s) {
                Rlimit want = rlimitArg(s);
                if (want.cur() != r.old().cur() || want.max() != r.old().max()) {
                    diff = "old limits: expected " + want + ", got " + r.old();
                }
            }
        }
        return new Executed(r.ret(), actual, diff);
    }

    /**
     * ioctl on a file: the request and its argument as printed; a value written back through a pointer
     * ({@code FIONREAD}: {@code [12]}) is compared.
     */
    private Executed ioctl(SyscallLine line, Args a) {
        int request = (int) a.num(1);
        long arg = 0;
        UserBuffer argp = null;
        Arg raw = a.count() > 2 ? a.raw(2) : null;
        if (raw instanceof ListArg || raw instanceof dev.kemu.strace.Addr) {
            argp = UserBuffer.allocate(64);
        } else if (raw != null) {
            arg = a.num(2);
        }
        long ret = kernel.ioctl(task, a.integer(0), request, arg, argp);
        SyscallLine actual = line.withResult(Results.of(ret));
        String diff = null;
        if (ret >= 0 && argp != null && raw instanceof ListArg l && l.size() == 1 && l.get(0) instanceof Num n) {
            byte[] b = argp.read(0, 4);
            long got = (b[0] & 0xffL) | (b[1] & 0xffL) << 8 | (b[2] & 0xffL) << 16 | (b[3] & 0xffL) << 24;
            if (got != (n.value() & 0xffffffffL)) {
                diff = "value written back: expected [" + n.value() + "], got [" + got + "]";
            }
        }
        return new Executed(ret, actual, diff);
    }
}
