package dev.kemu.replay;

import dev.kemu.strace.Arg;
import dev.kemu.strace.ListArg;
import dev.kemu.strace.StructArg;
import dev.kemu.strace.Sym;
import dev.kemu.strace.SyscallLine;
import dev.kemu.kernel.Syscalls;
import dev.kemu.vfs.Task;
import java.util.HashSet;
import java.util.Set;

/**
 * Calls that are outside the model for some arguments only, and what the replayer learns from calls outside the
 * model.
 *
 * <ul>
 *   <li><b>The recording machine's descriptors.</b> In a recording of a program (a log that starts with
 *   {@code execve}, or says {@code # stdio: inherited}), descriptors 0, 1 and 2 were open when the program started,
 *   on whatever the recording machine gave it (a terminal, a pipe from a shell, a file). In the model they are open
 *   on {@code /dev/null} so that descriptor numbers agree, but I/O, stat, seeks and ioctls on them belong to the
 *   recording machine: such calls are taken from the record. A descriptor duplicated from one of them is one of them;
 *   closing it, or installing a descriptor the trace opened at its number, makes it the model's. Calls that change
 *   the descriptor table (close, dup, dup2, dup3, fcntl F_DUPFD) always run on the model.</li>
 *   <li><b>Directories of the recording machine.</b> Listing a directory that existed before the program ran
 *   ({@code getdents64}) shows the recording machine's entries: a descriptor the program opened on one is
 *   held like the recording machine's own.</li>
 *   <li><b>Resource limits</b> other than RLIMIT_NOFILE ({@code prlimit64}, {@code getrlimit}, {@code setrlimit}).</li>
 *   <li><b>Terminal ioctls</b> ({@code TCGETS}, {@code TIOCGWINSZ}, ...): the terminal is outside the model.</li>
 *   <li><b>Signal dispositions</b>: {@code rt_sigaction} is outside the model, but a signal the program set to
 *   {@code SIG_IGN} is discarded when sent ({@code kernel/signal.c:sig_ignored()}), so the record never shows it;
 *   the replayer drops it too.</li>
 * </ul>
 */
final class Outside {
    /** Calls whose only descriptor arguments name the descriptor at these argument positions. */
    private static final java.util.Map<String, int[]> FD_ARGS = java.util.Map.ofEntries(
            java.util.Map.entry("read", new int[] {0}), java.util.Map.entry("write", new int[] {0}),
            java.util.Map.entry("pread64", new int[] {0}), java.util.Map.entry("pwrite64", new int[] {0}),
            java.util.Map.entry("readv", new int[] {0}), java.util.Map.entry("writev", new int[] {0}),
            java.util.Map.entry("preadv", new int[] {0}), java.util.Map.entry("pwritev", new int[] {0}),
            java.util.Map.entry("lseek", new int[] {0}), java.util.Map.entry("fstat", new int[] {0}),
            java.util.Map.entry("fstatfs", new int[] {0}), java.util.Map.entry("ioctl", new int[] {0}),
            java.util.Map.entry("fadvise64", new int[] {0}), java.util.Map.entry("ftruncate", new int[] {0}),
            java.util.Map.entry("fsync", new int[] {0}), java.util.Map.entry("fdatasync", new int[] {0}),
            java.util.Map.entry("getdents64", new int[] {0}), java.util.Map.entry("fchmod", new int[] {0}),
            java.util.Map.entry("fallocate", new int[] {0}), java.util.Map.entry("splice", new int[] {0, 2}),
            java.util.Map.entry("tee", new int[] {0, 1}), java.util.Map.entry("sendfile", new int[] {0, 1}),
            java.util.Map.entry("copy_file_range", new int[] {0, 2}), java.util.Map.entry("vmsplice", new int[] {0}),
            java.util.Map.entry("poll", new int[] {}), java.util.Map.entry("flock", new int[] {0}));

    private static final Set<String> TERMINAL_IOCTLS = Set.of("TCGETS", "TCSETS", "TCSETSW", "TCSETSF", "TCGETS2",
            "TCSETS2", "TCSETSW2", "TCSETSF2", "TIOCGWINSZ", "TIOCSWINSZ", "TIOCGPGRP", "TIOCSPGRP", "TIOCSCTTY",
            "TIOCNOTTY", "TCFLSH", "TCXONC", "TCSBRK", "TIOCGSID", "TIOCGPTN", "TIOCSPTLCK", "TIOCOUTQ", "TIOCSTI",
            "TIOCGLCKTRMIOS", "TIOCSLCKTRMIOS", "TIOCGSERIAL", "TIOCGETD", "TIOCSETD", "TIOCGPTPEER", "TCGETA",
            "TCSETA", "TCSETAW", "TCSETAF");

    /** Path calls: the argument index of the path. */
    private static final java.util.Map<String, Integer> PATH_ARG = java.util.Map.of("open", 0, "openat", 1, "stat", 0,
            "lstat", 0, "newfstatat", 1, "access", 0, "faccessat", 1, "faccessat2", 1, "statfs", 0, "readlink", 0);

    private final Set<Integer> inherited = new HashSet<>();
    private final Set<String> ignored = new HashSet<>();

    /** A copy for a child that does not share its parent's descriptor table ({@code dup_fd}). */
    Outside copy() {
        Outside o = new Outside();
        o.inherited.addAll(inherited);
        o.ignored.addAll(ignored);
        return o;
    }

    /**
     * True when {@code line} names a file that describes the recording machine: a path under {@code /proc} or
     * {@code /sys} that the record shows existing and the model does not generate ({@code /proc/filesystems},
     * {@code /proc/self/mountinfo}, {@code /sys/devices/system/cpu/online}...). Such a call is taken from the
     * record; a descriptor it opened is held in the model by a placeholder ({@link CallExecutor#placeholder}) and
     * I/O on it is taken from the record too.
     */
    boolean describesRecordingMachine(SyscallLine line, Syscalls kernel, Task task) {
        Integer pi = PATH_ARG.get(line.name());
        if (pi == null || line.result().isError() || pi >= line.args().size()) {
            return false;
        }
        Args a = new Args(line);
        try {
            if (!(a.raw(pi) instanceof dev.kemu.strace.Str p)) {
                return false;
            }
            String path = p.text();
            if (path.equals("/dev/tty")) {
                return true; // the recording machine's controlling terminal; emulated tasks have none
            }
            if (!(path.equals("/sys") || path.startsWith("/sys/") || path.startsWith("/proc/"))) {
                return false;
            }
            return kernel.newfstatat(task, dev.kemu.vfs.Fcntl.AT_FDCWD, path, 0).ret() < 0;
        } catch (ReplayException e) {
            return false;
        }
    }

    /**
     * Descriptors 0, 1 and 2 are the recording machine's: the log is a recording of a program (it starts with
     * {@code execve}, or says {@code # stdio: inherited}). Scenarios written by hand and generated ones start with
     * them open on the model's {@code /dev/null} and use them as such.
     */
    void inheritStdio() {
        inherited.addAll(Set.of(0, 1, 2));
    }

    /** True when {@code fd} holds a file of the recording machine (inherited standard I/O, a placeholder). */
    boolean holdsRecordingMachines(int fd) {
        return inherited.contains(fd);
    }

    /** Marks {@code fd} as holding a file of the recording machine. */
    void adopt(int fd) {
        inherited.add(fd);
    }

    /** True when {@code line} is outside the model because of its arguments. */
    boolean isOutside(SyscallLine line, Task task) {
        Args a = new Args(line);
        try {
            switch (line.name()) {
                case "prlimit64":
                    return !isNofile(a, 1);
                case "getrlimit":
                case "setrlimit":
                    return !isNofile(a, 0);
                case "ioctl":
                    if (a.count() > 1 && a.raw(1) instanceof Sym s && TERMINAL_IOCTLS.contains(s.text())) {
                        return true;
                    }
                    break;
                case "fcntl":
                    // The status flags, pipe size, locks and owner of a file of the recording machine are its
                    // own; duplicating it and its close-on-exec flag are the model's descriptor table.
                    return a.count() > 1 && inherited.contains(a.integer(0)) && a.raw(1) instanceof Sym cmd
                            && !cmd.text().startsWith("F_DUPFD") && !cmd.text().equals("F_GETFD")
                            && !cmd.text().equals("F_SETFD");
                case "newfstatat":
                    return a.count() > 1 && !a.isNull(1) && a.raw(1) instanceof dev.kemu.strace.Str p && p.length() == 0
                            && inherited.contains(a.integer(0));
                default:
                    break;
            }
            int[] fds = FD_ARGS.get(line.name());
            if (fds == null || fds.length == 0) {
                return false;
            }
            for (int i : fds) {
                if (!inherited.contains(a.integer(i))) {
                    return false;
                }
            }
            return true;
        } catch (ReplayException e) {
            return false;
        }
    }

    private static boolean isNofile(Args a, int i) {
        return a.count() > i && a.raw(i) instanceof Sym s && s.text().equals("RLIMIT_NOFILE");
    }

    /** Learns from a call outside the model: the signals the program ignores. */
    void observe(SyscallLine line) {
        if (!line.name().equals("rt_sigaction") || line.result().isError() || line.args().size() < 2) {
            return;
        }
        Arg sig = line.args().get(0);
        Arg act = line.args().get(1);
        if (!(sig instanceof Sym s) || !(act instanceof StructArg st)) {
            return;
        }
        Arg handler = st.field("sa_handler").orElse(null);
        if (handler instanceof Sym h && h.text().equals("SIG_IGN")) {
            ignored.add(s.text());
        } else if (handler != null) {
            ignored.remove(s.text());
        }
    }

    /**
     * Tells the task what {@code rt_sigaction} set: SIG_IGN (the kernel discards the signal when sent), a handler (a
     * signal ignored by default then wakes a sleeping call), or SIG_DFL.
     */
    void dispositions(SyscallLine line, Task task) {
        if (!line.name().equals("rt_sigaction") || line.result().isError() || line.args().size() < 2
                || !(line.args().get(0) instanceof Sym s) || !(line.args().get(1) instanceof StructArg st)) {
            return;
        }
        dev.kemu.vfs.Signal sig = dev.kemu.vfs.Signal.byName(s.text());
        Arg handler = st.field("sa_handler").orElse(null);
        if (sig == null || handler == null || sig.kernelOnly()) {
            return;
        }
        boolean ign = handler instanceof Sym h && h.text().equals("SIG_IGN");
        boolean dfl = handler instanceof Sym h && h.text().equals("SIG_DFL");
        task.setIgnored(sig, ign);
        task.setHandled(sig, !ign && !dfl);
    }

    /**
     * Tells the task what {@code rt_sigprocmask} set: a blocked signal stays pending in the model and breaks no sleep
     * until the program unblocks it. Real-time signals are outside the model and left out.
     */
    void mask(SyscallLine line, Task task) {
        if (!line.name().equals("rt_sigprocmask") || line.result().isError() || line.args().size() < 2
                || !(line.args().get(0) instanceof Sym how) || line.args().get(1) instanceof dev.kemu.strace.Null) {
            return;
        }
        Long set = sigset(line.args().get(1));
        if (set == null) {
            return;
        }
        switch (how.text()) {
            case "SIG_BLOCK" -> task.setBlocked(task.blocked() | set);
            case "SIG_UNBLOCK" -> task.setBlocked(task.blocked() & ~set);
            case "SIG_SETMASK" -> task.setBlocked(set);
            default -> {
            }
        }
    }

    /** A signal set as strace prints it, {@code [INT TERM CHLD]} or {@code ~[RTMIN RT_1]}: bit {@code 1 << signo}. */
    static Long sigset(Arg a) {
        String text = a instanceof Sym s ? s.text() : a instanceof ListArg l ? "[" + l.items().stream()
                .map(x -> x instanceof Sym y ? y.text() : "?").reduce((x, y) -> x + " " + y).orElse("") + "]" : null;
        if (text == null) {
            return null;
        }
        boolean complement = text.startsWith("~");
        String body = complement ? text.substring(1) : text;
        if (!body.startsWith("[") || !body.endsWith("]")) {
            return null;
        }
        long bits = 0;
        for (String name : body.substring(1, body.length() - 1).trim().split("\\s+")) {
            if (name.isEmpty()) {
                continue;
            }
            dev.kemu.vfs.Signal sig = dev.kemu.vfs.Signal.byName(name.startsWith("SIG") ? name : "SIG" + name);
            if (sig != null) {
                bits |= 1L << sig.number();
            }
        }
        if (complement) {
            long all = 0;
            for (dev.kemu.vfs.Signal sig : dev.kemu.vfs.Signal.values()) {
                all |= 1L << sig.number();
            }
            bits = all & ~bits;
        }
        return bits;
    }

    /** True when the program set {@code signal} to SIG_IGN. */
    boolean ignores(String signal) {
        return ignored.contains(signal);
    }

    /** Follows the recording machine's descriptors through a modelled call that returned {@code ret}. */
    void track(SyscallLine line, long ret) {
        if (ret < 0 || inherited.isEmpty()) {
            return;
        }
        Args a = new Args(line);
        try {
            switch (line.name()) {
                case "close":
                    inherited.remove(a.integer(0));
                    break;
                case "dup":
                    inheritIf(a.integer(0), (int) ret);
                    break;
                case "dup2":
                case "dup3":
                    if (a.integer(0) != a.integer(1)) {
                        inheritIf(a.integer(0), a.integer(1));
                    }
                    break;
                case "fcntl":
                    if (a.raw(1) instanceof Sym s && s.text().startsWith("F_DUPFD")) {
                        inheritIf(a.integer(0), (int) ret);
                    }
                    break;
                case "pipe":
                case "pipe2":
                    if (a.raw(0) instanceof ListArg l) {
                        for (Arg fd : l.items()) {
                            inherited.remove((int) new Args(SyscallLine.of("pipe", dev.kemu.strace.Result.unknown(), fd)).num(0));
                        }
                    }
                    break;
                case "execve":
                case "exit":
                case "exit_group":
                    break;
                default:
                    // Any other call that returns a descriptor installed a new file at that number.
                    if (returnsFd(line.name())) {
                        inherited.remove((int) ret);
                    }
                    break;
            }
        } catch (ReplayException e) {
            // The call itself reported its arguments; nothing to follow.
        }
    }

    private void inheritIf(int from, int to) {
        if (inherited.contains(from)) {
            inherited.add(to);
        } else {
            inherited.remove(to);
        }
    }

    private static boolean returnsFd(String name) {
        return switch (name) {
            case "open", "openat", "openat2", "creat", "memfd_create", "socket", "accept", "accept4", "eventfd2",
                    "signalfd4", "timerfd_create", "epoll_create1", "inotify_init1", "pidfd_open" -> true;
            default -> false;
        };
    }
}
