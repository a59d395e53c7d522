package dev.kemu.replay;

import dev.kemu.strace.Arg;
import dev.kemu.strace.ExitLine;
import dev.kemu.strace.Named;
import dev.kemu.strace.Num;
import dev.kemu.strace.Str;
import dev.kemu.strace.StructArg;
import dev.kemu.strace.Sym;
import dev.kemu.strace.SyscallLine;
import dev.kemu.strace.TraceLine;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Sched;
import dev.kemu.vfs.StatMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first pass over a log: what the record shows of the recording machine's files and directories before the
 * program touched them ({@link ExternalFiles}). Every call that succeeded on a path the program did not make is
 * evidence that the path existed; stat calls tell its mode, size and allocation; reads tell bytes at offsets;
 * sendfile, copy_file_range and splice tell how many bytes there were; readlink tells a symbolic link's target;
 * EEXIST tells existence. Paths relative to a directory descriptor or to the working directory are resolved
 * as the program's calls resolved them, as far as the log shows.
 *
 * <p>A log of several processes ({@code strace -f}) is followed process by process, as {@code
 * kernel/fork.c:copy_process()} makes them: each pid has a descriptor table and an fs (the working directory); a
 * child made by clone, clone3, fork or vfork gets a copy of its parent's table holding the same open file
 * descriptions (so parent and child share each file position), or the very table with {@code CLONE_FILES}
 * ({@code copy_files()}), and the same fs with {@code CLONE_FS}, else a copy ({@code copy_fs()}); a successful
 * execve unshares the table and drops its close-on-exec descriptors ({@code fs/exec.c:begin_new_exec()}); exit,
 * exit_group and the {@code +++ exited} line end the process. A log without pids is one process.
 *
 * <p>A process's lines can stand before the clone that made it: strace prints the child's first calls while the
 * parent's clone is unfinished, and the joined clone comes where it resumed. Those lines wait until the clone line
 * names the child, then are read with the child's inherited state; a parent is inside clone all that time, so what it
 * passes on is what it had. Only the order against third processes' lines in between is lost. Lines whose clone
 * never comes (the log began inside a running program, or ended in the clone), or more than
 * {@value #MAX_WAITING} of them, are read with a copy of the first process's state as it is then.
 */
final class WorldScan {
    /** An open file description: descriptors duplicated from one, and the copies a child inherits, share its position. */
    private static final class Open {
        final ExternalFiles.Known file;
        long pos;

        Open(ExternalFiles.Known file) {
            this.file = file;
        }
    }

    /**
     * One descriptor ({@code include/linux/fdtable.h}: an entry of {@code fdt->fd} and its {@code close_on_exec} bit).
     *
     * @param open the open file description, or null when it is not a file the scan learns
     * @param path the absolute path it was opened on, for calls relative to it, or null
     * @param cloexec whether execve closes it
     */
    private record Fd(Open open, String path, boolean cloexec) {
    }

    /** {@code include/linux/fdtable.h:struct files_struct}: a descriptor table, shared by {@code CLONE_FILES}. */
    private static final class Files {
        final Map<Integer, Fd> fds = new HashMap<>();

        /** {@code kernel/fork.c:dup_fd()}: a new table holding the same open file descriptions. */
        Files dup() {
            Files f = new Files();
            f.fds.putAll(fds);
            return f;
        }

        /** {@code fs/exec.c:begin_new_exec()}: {@code unshare_files()}, then {@code do_close_on_exec()}. */
        Files exec() {
            Files f = new Files();
            fds.forEach((fd, d) -> {
                if (!d.cloexec) {
                    f.fds.put(fd, d);
                }
            });
            return f;
        }

        Open open(int fd) {
            Fd d = fds.get(fd);
            return d == null ? null : d.open;
        }

        String path(int fd) {
            Fd d = fds.get(fd);
            return d == null ? null : d.path;
        }
    }

    /** {@code include/linux/fs_struct.h:struct fs_struct}: the working directory, shared by {@code CLONE_FS}. */
    private static final class Fs {
        /** The working directory as the log shows it, or null once it cannot be followed. */
        String cwd;

        Fs(String cwd) {
            this.cwd = cwd;
        }
    }

    /** A process as the scan follows it ({@code struct task_struct}: its {@code files} and {@code fs}). */
    private static final class Proc {
        Files files;
        Fs fs;

        Proc(Files files, Fs fs) {
            this.files = files;
            this.fs = fs;
        }

        /** A process with a copy of this one's table and fs, for a process the log does not show being made. */
        Proc copy() {
            return new Proc(files.dup(), new Fs(fs.cwd));
        }
    }

    /** The most lines of one process kept waiting for the clone that made it. */
    static final int MAX_WAITING = 10_000;

    /** Calls whose success shows a path existed: the argument index of the directory descriptor (-1: none) and path. */
    private static final Map<String, int[]> EXISTS = Map.ofEntries(
            Map.entry("stat", new int[] {-1, 0}), Map.entry("lstat", new int[] {-1, 0}),
            Map.entry("newfstatat", new int[] {0, 1}), Map.entry("statx", new int[] {0, 1}),
            Map.entry("access", new int[] {-1, 0}), Map.entry("faccessat", new int[] {0, 1}),
            Map.entry("faccessat2", new int[] {0, 1}), Map.entry("chdir", new int[] {-1, 0}),
            Map.entry("rmdir", new int[] {-1, 0}), Map.entry("unlink", new int[] {-1, 0}),
            Map.entry("unlinkat", new int[] {0, 1}), Map.entry("chmod", new int[] {-1, 0}),
            Map.entry("fchmodat", new int[] {0, 1}), Map.entry("chown", new int[] {-1, 0}),
            Map.entry("lchown", new int[] {-1, 0}), Map.entry("fchownat", new int[] {0, 1}),
            Map.entry("utimensat", new int[] {0, 1}), Map.entry("readlink", new int[] {-1, 0}),
            Map.entry("readlinkat", new int[] {0, 1}), Map.entry("truncate", new int[] {-1, 0}),
            Map.entry("getxattr", new int[] {-1, 0}), Map.entry("lgetxattr", new int[] {-1, 0}),
            Map.entry("listxattr", new int[] {-1, 0}), Map.entry("llistxattr", new int[] {-1, 0}),
            Map.entry("rename", new int[] {-1, 0}), Map.entry("renameat", new int[] {0, 1}),
            Map.entry("renameat2", new int[] {0, 1}), Map.entry("link", new int[] {-1, 0}),
            Map.entry("linkat", new int[] {0, 1}), Map.entry("execve", new int[] {-1, 0}));

    /** Calls that make a path: the argument index of the directory descriptor (-1: none) and path. */
    private static final Map<String, int[]> MAKES = Map.ofEntries(
            Map.entry("creat", new int[] {-1, 0}), Map.entry("mkdir", new int[] {-1, 0}),
            Map.entry("mkdirat", new int[] {0, 1}), Map.entry("mknod", new int[] {-1, 0}),
            Map.entry("mknodat", new int[] {0, 1}), Map.entry("symlink", new int[] {-1, 1}),
            Map.entry("symlinkat", new int[] {1, 2}), Map.entry("rename", new int[] {-1, 1}),
            Map.entry("renameat", new int[] {2, 3}), Map.entry("renameat2", new int[] {2, 3}),
            Map.entry("link", new int[] {-1, 1}), Map.entry("linkat", new int[] {2, 3}));

    private final ExternalFiles world;
    /** The working directory the log started in. */
    private final String startCwd;
    /** The living processes by pid (0: a log without pids). */
    private final Map<Integer, Proc> procs = new HashMap<>();
    /** The lines of processes whose clone the log has not shown yet, by pid, in log order. */
    private final Map<Integer, List<TraceLine>> waiting = new LinkedHashMap<>();
    /** The process of the log's first line, or null before it. */
    private Proc first;

    WorldScan(ExternalFiles world, String cwd) {
        this.world = world;
        this.startCwd = cwd;
    }

    /** Set once the log shows a split call: lines are then read ahead of the scan, which cannot judge them early. */
    private boolean splitSeen;

    /**
     * Whether the scan may need a line, judged from its raw text before it is parsed: a whole read, write, pread64
     * or pwrite64 on a descriptor that no process holds on a file the scan follows tells nothing (a pipe's data, a
     * socket's, a file the program made), so a log of millions of such calls is scanned at the speed of reading it.
     * Everything else is wanted; so is every line once the log shows a split call, or while a process's lines wait
     * for its clone (their state is not known yet).
     */
    boolean mayNeed(String raw) {
        if (splitSeen || !waiting.isEmpty()) {
            return true;
        }
        if (raw.contains("<unfinished") || raw.contains("resumed>")) {
            splitSeen = true;
            return true;
        }
        int paren = raw.indexOf('(');
        if (paren < 4) {
            return true;
        }
        int start = raw.lastIndexOf(' ', paren - 1) + 1;
        String name = raw.substring(start, paren);
        if (!name.equals("read") && !name.equals("write") && !name.equals("pread64") && !name.equals("pwrite64")) {
            return true;
        }
        int fd = 0;
        int i = paren + 1;
        for (; i < raw.length() && i < paren + 10 && Character.isDigit(raw.charAt(i)); i++) {
            fd = fd * 10 + (raw.charAt(i) - '0');
        }
        if (i == paren + 1 || i == paren + 10) {
            return true;
        }
        if (first != null && first.files.open(fd) != null) {
            return true; // also what a process the log joins while it runs starts with
        }
        for (Proc p : procs.values()) {
            if (p.files.open(fd) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads the next line of the log (calls joined, {@link JoinedLines}): a call or the end of a process; other lines
     * are ignored. A call the scan cannot read is left to the replay, which reports it.
     */
    void accept(TraceLine l) {
        if (!(l instanceof SyscallLine) && !(l instanceof ExitLine)) {
            return;
        }
        int pid = l.pid();
        List<TraceLine> held = waiting.get(pid);
        if (held != null) {
            held.add(l);
            if (held.size() > MAX_WAITING) {
                adopt(pid);
            }
            return;
        }
        Proc p = procs.get(pid);
        if (p == null) {
            if (l instanceof ExitLine) {
                // The end of a process already gone (exit_group showed it), or of one that showed nothing.
                return;
            }
            if (first == null) {
                first = new Proc(new Files(), new Fs(startCwd));
                procs.put(pid, first);
            } else if (procs.isEmpty()) {
                // No process left to have made it: one the log joins while it runs.
                procs.put(pid, first.copy());
            } else {
                List<TraceLine> lines = new ArrayList<>();
                lines.add(l);
                waiting.put(pid, lines);
                return;
            }
            p = procs.get(pid);
        }
        if (l instanceof ExitLine) {
            procs.remove(pid);
            return;
        }
        SyscallLine line = (SyscallLine) l;
        boolean ok = !line.result().isError() && line.result().value().isPresent();
        long ret = line.result().value().orElse(-1);
        try {
            if (line.opaque() == null) {
                files(p, line, ok, ret);
            }
        } catch (ReplayException | ClassCastException | IndexOutOfBoundsException e) {
            // A line the scan cannot read is reported when it is replayed.
        }
        try {
            lifecycle(pid, p, line, ok, ret);
        } catch (ReplayException | ClassCastException | IndexOutOfBoundsException e) {
            // As above; the processes are followed still.
        }
    }

    /** The end of the log: processes still waiting for their clone are read with a copy of the first one's state. */
    void finish() {
        while (!waiting.isEmpty()) {
            adopt(waiting.keySet().iterator().next());
        }
    }

    /** {@code pid}'s clone is not coming: it gets a copy of the first process's state, and its waiting lines are read. */
    private void adopt(int pid) {
        procs.put(pid, first.copy());
        release(pid);
    }

    /** Reads the lines that waited for {@code pid} to be made. */
    private void release(int pid) {
        List<TraceLine> held = waiting.remove(pid);
        if (held != null) {
            held.forEach(this::accept);
        }
    }

    /**
     * {@code kernel/fork.c:copy_process()}: {@code parent} made {@code child}; {@code copy_files()} and {@code
     * copy_fs()} share or copy with {@code CLONE_FILES} and {@code CLONE_FS}. A child already followed (its lines
     * came too long before the clone) keeps its state.
     */
    private void cloned(Proc parent, int child, long flags) {
        if (procs.containsKey(child)) {
            return;
        }
        Files files = (flags & Sched.CLONE_FILES) != 0 ? parent.files : parent.files.dup();
        Fs fs = (flags & Sched.CLONE_FS) != 0 ? parent.fs : new Fs(parent.fs.cwd);
        procs.put(child, new Proc(files, fs));
        release(child);
    }

    /** What makes and ends processes, and execve, for {@code pid}'s line {@code line} once read. */
    private void lifecycle(int pid, Proc p, SyscallLine line, boolean ok, long ret) {
        switch (line.name()) {
            case "clone", "clone3", "fork", "vfork" -> {
                if (ok && ret > 0) {
                    cloned(p, (int) ret, cloneFlags(line));
                }
            }
            case "execve", "execveat" -> {
                if (ok) {
                    p.files = p.files.exec();
                }
            }
            case "exit", "exit_group" -> procs.remove(pid);
            case "unshare" -> {
                if (ok && line.opaque() == null) {
                    long flags = flagBits(line.arg(0));
                    if ((flags & Sched.CLONE_FILES) != 0) {
                        p.files = p.files.dup();
                    }
                    if ((flags & Sched.CLONE_FS) != 0) {
                        p.fs = new Fs(p.fs.cwd);
                    }
                }
            }
            default -> {
            }
        }
    }

    /** The {@code CLONE_FS} and {@code CLONE_FILES} bits of a clone or clone3 line (fork and vfork: none). */
    private static long cloneFlags(SyscallLine line) {
        if (line.opaque() != null) {
            // Arguments strace printed in a form the parser does not know: the flags are words in the text.
            long v = 0;
            if (!line.args().isEmpty() && line.arg(0) instanceof Sym all) {
                for (String w : all.text().split("[^A-Z_]+")) {
                    v |= flagBit(w);
                }
            }
            return v;
        }
        try {
            return ProcessCalls.flags(line) & (Sched.CLONE_FS | Sched.CLONE_FILES);
        } catch (ReplayException e) {
            return 0;
        }
    }

    /** The {@code CLONE_FS} and {@code CLONE_FILES} bits of a flag set ({@code CLONE_VM|CLONE_FS|SIGCHLD}, or a number). */
    private static long flagBits(Arg flags) {
        if (flags instanceof Named n) {
            return flagBits(n.value());
        }
        if (flags instanceof Num n) {
            return n.value() & (Sched.CLONE_FS | Sched.CLONE_FILES);
        }
        long v = 0;
        if (flags instanceof Sym s) {
            for (String part : s.parts()) {
                v |= flagBit(part.trim());
            }
        }
        return v;
    }

    private static long flagBit(String part) {
        switch (part) {
            case "CLONE_FS" -> {
                return Sched.CLONE_FS;
            }
            case "CLONE_FILES" -> {
                return Sched.CLONE_FILES;
            }
            default -> {
                if (part.isEmpty() || !Character.isDigit(part.charAt(0))) {
                    return 0;
                }
                try {
                    // Bits strace has no name for, printed as a number.
                    return Args.constant(part) & (Sched.CLONE_FS | Sched.CLONE_FILES);
                } catch (ReplayException e) {
                    return 0;
                }
            }
        }
    }

    /** The absolute path {@code path} named for a call relative to {@code dfdArg} (-1: the working directory). */
    private static String resolve(Proc p, Args a, int dfdArg, int pathArg) {
        if (!(a.raw(pathArg) instanceof Str s) || s.truncated()) {
            return null;
        }
        String path = s.text();
        if (path.startsWith("/")) {
            return ExternalFiles.normalize(path);
        }
        String base;
        if (dfdArg < 0 || a.integer(dfdArg) == Fcntl.AT_FDCWD) {
            base = p.fs.cwd;
        } else {
            base = p.files.path(a.integer(dfdArg));
        }
        if (base == null) {
            return null;
        }
        return ExternalFiles.normalize(path.isEmpty() ? base : base + "/" + path);
    }

    /** What {@code p}'s call {@code line} shows of the files. */
    private void files(Proc p, SyscallLine line, boolean ok, long ret) {
        Args a = new Args(line);
        String name = line.name();
        if (name.equals("open") || name.equals("openat")) {
            open(p, line, a, ok, ret);
            return;
        }
        if (ok) {
            identity(line, a, ret);
            limits(line, a);
        }
        int[] made = MAKES.get(name);
        int[] exists = EXISTS.get(name);
        if (ok && exists != null) {
            exists(p, line, a, exists);
        }
        if (!ok && exists == null && made != null && "EEXIST".equals(line.result().errno())) {
            // mkdir -p meets the directories that are there; creat and mknod meet files.
            ExternalFiles.Known k = world.known(resolve(p, a, made[0], made[1]));
            if (k != null && (name.equals("mkdir") || name.equals("mkdirat"))) {
                k.dir = true;
            }
        }
        if (ok) {
            modified(p, line, a);
        }
        if (ok && made != null) {
            String abs = resolve(p, a, made[0], made[1]);
            parentExisted(abs);
            world.created(abs);
        }
        descriptors(p, line, a, ok, ret);
    }

    /** Calls that change a path's file: what the record shows of it afterwards is the program's doing. */
    private static final Map<String, int[]> MODIFIES_PATH = Map.ofEntries(
            Map.entry("chmod", new int[] {-1, 0}), Map.entry("fchmodat", new int[] {0, 1}),
            Map.entry("chown", new int[] {-1, 0}), Map.entry("lchown", new int[] {-1, 0}),
            Map.entry("fchownat", new int[] {0, 1}), Map.entry("truncate", new int[] {-1, 0}),
            Map.entry("utimensat", new int[] {0, 1}), Map.entry("setxattr", new int[] {-1, 0}),
            Map.entry("lsetxattr", new int[] {-1, 0}), Map.entry("removexattr", new int[] {-1, 0}),
            Map.entry("rename", new int[] {-1, 0}), Map.entry("renameat", new int[] {0, 1}),
            Map.entry("renameat2", new int[] {0, 1}), Map.entry("unlink", new int[] {-1, 0}),
            Map.entry("unlinkat", new int[] {0, 1}), Map.entry("rmdir", new int[] {-1, 0}));

    /** Calls that change the file behind a descriptor (argument 0). */
    private static final java.util.Set<String> MODIFIES_FD = java.util.Set.of("write", "pwrite64", "writev", "pwritev",
            "pwritev2", "ftruncate", "fchmod", "fchown", "fallocate", "fsetxattr", "fremovexattr");

    /**
     * The program changed a file the record showed existing: from here on the record shows the program's doing, not
     * what the file held before, so nothing more is learnt about it.
     */
    private void modified(Proc p, SyscallLine line, Args a) {
        int[] at = MODIFIES_PATH.get(line.name());
        if (at != null) {
            String abs = resolve(p, a, at[0], at[1]);
            ExternalFiles.Known k = abs == null ? null : world.knownIfAny(abs);
            if (k != null) {
                k.frozen = true;
            }
            return;
        }
        if (MODIFIES_FD.contains(line.name()) || line.name().equals("copy_file_range") || line.name().equals("splice")
                || line.name().equals("sendfile")) {
            int fdArg = switch (line.name()) {
                case "copy_file_range", "splice" -> 2;
                default -> 0;
            };
            Open o = p.files.open(a.integer(fdArg));
            if (o != null) {
                o.file.frozen = true;
            }
        }
    }

    /** Something was made at {@code abs}: the directory it was made in was there (unless the trace made it). */
    private void parentExisted(String abs) {
        if (abs == null || abs.equals("/")) {
            return;
        }
        ExternalFiles.Known dir = world.known(ExternalFiles.parent(abs));
        if (dir != null) {
            dir.dir = true;
        }
    }

    /** The descriptor limit the program started with: what a get of RLIMIT_NOFILE shows before any set. */
    private void limits(SyscallLine line, Args a) {
        int resource;
        int oldArg;
        boolean change;
        switch (line.name()) {
            case "prlimit64" -> {
                resource = 1;
                oldArg = 3;
                change = a.count() > 2 && !a.isNull(2);
            }
            case "getrlimit" -> {
                resource = 0;
                oldArg = 1;
                change = false;
            }
            case "setrlimit" -> {
                resource = 0;
                oldArg = -1;
                change = true;
            }
            default -> {
                return;
            }
        }
        if (!(a.raw(resource) instanceof Sym r) || !r.text().equals("RLIMIT_NOFILE")) {
            return;
        }
        dev.kemu.vfs.Rlimit old = null;
        if (oldArg >= 0 && a.count() > oldArg && line.args().get(oldArg) instanceof StructArg st) {
            Arg cur = st.field("rlim_cur").orElse(null);
            Arg max = st.field("rlim_max").orElse(null);
            if (cur != null && max != null) {
                old = new dev.kemu.vfs.Rlimit(number(cur), number(max));
            }
        }
        world.nofile(old, change);
    }

    private static long number(Arg v) {
        return new Args(SyscallLine.of("rlimit", dev.kemu.strace.Result.unknown(), v)).num(0);
    }

    /** Who the program started as: the ids, groups and capabilities the record shows before any credential change. */
    private void identity(SyscallLine line, Args a, long ret) {
        Identity id = world.identity();
        switch (line.name()) {
            case "geteuid" -> id.euid(ret);
            case "getuid" -> id.uid(ret);
            case "getegid" -> id.egid(ret);
            case "getgid" -> id.gid(ret);
            case "getresuid" -> {
                if (a.count() > 2 && a.raw(0) instanceof dev.kemu.strace.ListArg && a.raw(1) instanceof dev.kemu.strace.ListArg
                        && a.raw(2) instanceof dev.kemu.strace.ListArg) {
                    id.uid(a.pointed(0));
                    id.euid(a.pointed(1));
                    id.suid(a.pointed(2));
                }
            }
            case "getresgid" -> {
                if (a.count() > 2 && a.raw(0) instanceof dev.kemu.strace.ListArg && a.raw(1) instanceof dev.kemu.strace.ListArg
                        && a.raw(2) instanceof dev.kemu.strace.ListArg) {
                    id.gid(a.pointed(0));
                    id.egid(a.pointed(1));
                    id.sgid(a.pointed(2));
                }
            }
            case "getgroups" -> {
                if (a.count() > 1 && a.raw(1) instanceof dev.kemu.strace.ListArg l) {
                    java.util.Set<Integer> groups = new java.util.HashSet<>();
                    for (Arg g : l.items()) {
                        groups.add((int) new Args(SyscallLine.of("g", dev.kemu.strace.Result.unknown(), g)).num(0));
                    }
                    id.groups(groups);
                }
            }
            case "capget" -> {
                if (a.count() > 1) {
                    id.capget(a.raw(1));
                }
            }
            case "setuid", "setgid", "setreuid", "setregid", "setresuid", "setresgid", "setfsuid", "setfsgid",
                    "setgroups", "capset" -> id.changed();
            default -> {
            }
        }
    }

    private void open(Proc p, SyscallLine line, Args a, boolean ok, long ret) {
        int pi = line.name().equals("open") ? 0 : 1;
        String abs = resolve(p, a, pi == 0 ? -1 : 0, pi);
        int flags = a.integer(pi + 1);
        if (ok) {
            p.files.fds.put((int) ret, new Fd(null, abs, (flags & Fcntl.O_CLOEXEC) != 0));
        }
        if (ok && (flags & Fcntl.O_CREAT) != 0) {
            parentExisted(abs);
        }
        if (ok && (flags & Fcntl.O_CREAT) != 0 && (flags & Fcntl.O_EXCL) != 0) {
            world.created(abs);
            return;
        }
        ExternalFiles.Known k = null;
        if (ok && (flags & Fcntl.O_CREAT) == 0 || "EEXIST".equals(line.result().errno())) {
            k = world.known(abs);
        } else if (ok) {
            // O_CREAT without O_EXCL: it may have been there; what it held is the program's to write.
            world.created(abs);
        }
        if (k != null && ok && ((flags & Fcntl.O_TRUNC) != 0)) {
            k.frozen = true;
        }
        if (k != null && ok) {
            if ((flags & Fcntl.O_DIRECTORY) != 0) {
                k.dir = true;
                world.directoryOpened(line.lineNo());
            }
            p.files.fds.put((int) ret, new Fd(new Open(k), abs, (flags & Fcntl.O_CLOEXEC) != 0));
        }
    }

    private void exists(Proc p, SyscallLine line, Args a, int[] at) {
        String name = line.name();
        String abs = resolve(p, a, at[0], at[1]);
        if (abs == null && (name.equals("newfstatat") || name.equals("statx") || name.equals("fchownat")
                || name.equals("utimensat"))) {
            return;
        }
        if (name.equals("chdir") && abs != null) {
            // Into a directory of the machine's or one the program made: relative paths follow it either way.
            p.fs.cwd = abs;
        }
        ExternalFiles.Known k = world.known(abs);
        if (k == null) {
            return;
        }
        boolean nofollow = name.equals("lstat") || name.equals("lchown") || name.equals("llistxattr") || name.equals("lgetxattr")
                || (name.equals("newfstatat") && (a.integer(3) & Fcntl.AT_SYMLINK_NOFOLLOW) != 0)
                || (name.equals("statx") && (a.integer(2) & Fcntl.AT_SYMLINK_NOFOLLOW) != 0);
        switch (name) {
            case "chdir", "rmdir" -> k.dir = true;
            case "unlinkat" -> k.dir |= (a.integer(2) & Fcntl.AT_REMOVEDIR) != 0;
            case "execve" -> {
                if (!k.modeKnown) {
                    k.mode = StatMode.S_IFREG | 0755;
                    k.modeKnown = true;
                }
            }
            case "readlink", "readlinkat" -> {
                int ti = name.equals("readlink") ? 1 : 2;
                if (a.raw(ti) instanceof Str t && !t.truncated()) {
                    k.link = t.text();
                }
            }
            case "stat", "lstat" -> stat(k, a.raw(1), nofollow);
            case "newfstatat" -> stat(k, a.raw(2), nofollow);
            case "statx" -> statx(k, a.count() > 4 ? a.raw(4) : null, nofollow);
            default -> {
            }
        }
    }

    private void descriptors(Proc p, SyscallLine line, Args a, boolean ok, long ret) {
        if (!ok) {
            if (line.name().equals("readlink") && "EINVAL".equals(line.result().errno())) {
                // Not a symbolic link, but there.
                world.known(resolve(p, a, -1, 0));
            }
            return;
        }
        switch (line.name()) {
            case "close" -> {
                p.files.fds.remove(a.integer(0));
            }
            case "dup", "dup2" -> copyFd(p, a.integer(0), (int) ret, false);
            case "dup3" -> copyFd(p, a.integer(0), (int) ret, (a.integer(2) & Fcntl.O_CLOEXEC) != 0);
            case "fcntl" -> {
                if (a.raw(1) instanceof Sym c && c.text().startsWith("F_DUPFD")) {
                    copyFd(p, a.integer(0), (int) ret, c.text().equals("F_DUPFD_CLOEXEC"));
                } else if (a.raw(1) instanceof Sym c && c.text().equals("F_SETFD")) {
                    Fd d = p.files.fds.get(a.integer(0));
                    if (d != null) {
                        p.files.fds.put(a.integer(0), new Fd(d.open, d.path, (a.integer(2) & Fcntl.FD_CLOEXEC) != 0));
                    }
                }
            }
            case "fchdir" -> p.fs.cwd = p.files.path(a.integer(0));
            case "read" -> {
                Open o = p.files.open(a.integer(0));
                if (o != null && a.raw(1) instanceof Str s && !o.file.frozen) {
                    o.file.addData(o.pos, s.bytes());
                    o.pos += ret;
                }
            }
            case "pread64" -> {
                Open o = p.files.open(a.integer(0));
                if (o != null && a.raw(1) instanceof Str s && !o.file.frozen) {
                    o.file.addData(a.num(3), s.bytes());
                }
            }
            case "lseek" -> {
                Open o = p.files.open(a.integer(0));
                if (o != null) {
                    o.pos = ret;
                }
            }
            case "sendfile" -> moved(p.files.open(a.integer(1)), a, 2, ret);
            case "copy_file_range", "splice" -> moved(p.files.open(a.integer(0)), a, 1, ret);
            case "fstat" -> {
                Open o = p.files.open(a.integer(0));
                if (o != null) {
                    stat(o.file, a.raw(1), false);
                }
            }
            case "newfstatat" -> {
                Open o = p.files.open(a.integer(0));
                if (o != null && a.raw(1) instanceof Str empty && empty.length() == 0) {
                    stat(o.file, a.raw(2), false);
                }
            }
            case "statx" -> {
                Open o = p.files.open(a.integer(0));
                if (o != null && a.raw(1) instanceof Str empty && empty.length() == 0) {
                    statx(o.file, a.count() > 4 ? a.raw(4) : null, false);
                }
            }
            default -> {
            }
        }
    }

    /** {@code to} now refers to what {@code from} refers to ({@code fs/file.c:do_dup2()}), with its own close-on-exec. */
    private static void copyFd(Proc p, int from, int to, boolean cloexec) {
        Fd d = p.files.fds.get(from);
        p.files.fds.remove(to);
        if (d != null) {
            p.files.fds.put(to, new Fd(d.open, d.path, cloexec));
        }
    }

    /**
     * A call moved {@code n} bytes out of a file without showing them (sendfile, copy_file_range, splice): the file
     * held at least that many bytes from the offset (the pointed-to value, else the file position, which the call
     * advances).
     */
    private static void moved(Open o, Args a, int offArg, long n) {
        if (o == null) {
            return;
        }
        Long off = a.raw(offArg) instanceof dev.kemu.strace.Null ? null : a.pointed(offArg);
        long from = off == null ? o.pos : off;
        o.file.minSize = Math.max(o.file.minSize, from + n);
        if (off == null) {
            o.pos += n;
        }
    }

    /** A struct stat ({@code st_} fields); with {@code nofollow} a symbolic link's own mode says only that it is a link. */
    private static void stat(ExternalFiles.Known k, Arg st, boolean nofollow) {
        learn(k, st, nofollow, "st_");
    }

    /** A struct statx ({@code stx_} fields), as {@link #stat}. */
    private static void statx(ExternalFiles.Known k, Arg st, boolean nofollow) {
        learn(k, st, nofollow, "stx_");
    }

    private static void learn(ExternalFiles.Known k, Arg st, boolean nofollow, String prefix) {
        if (!(st instanceof StructArg s) || k.frozen) {
            return;
        }
        Long mode = number(s, prefix + "mode");
        Long size = number(s, prefix + "size");
        if (mode != null && nofollow && StatMode.isLnk((int) (long) mode)) {
            k.linkSize = size == null ? 0 : size;
            return;
        }
        if (mode != null) {
            k.mode = (int) (long) mode;
            k.modeKnown = true;
            k.dir = StatMode.isDir(k.mode);
        }
        if (size != null) {
            k.size = size;
        }
        Long blocks = number(s, prefix + "blocks");
        if (blocks != null) {
            k.blocks = blocks;
        }
    }

    private static Long number(StructArg s, String field) {
        Arg v = s.field(field).orElse(null);
        if (v instanceof Num || v instanceof Sym) {
            try {
                return new Args(SyscallLine.of("stat", dev.kemu.strace.Result.unknown(), v)).num(0);
            } catch (ReplayException e) {
                return null;
            }
        }
        return null;
    }
}
