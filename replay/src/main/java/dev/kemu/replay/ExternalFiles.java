package dev.kemu.replay;

import dev.kemu.kernel.Syscalls;
import dev.kemu.strace.Arg;
import dev.kemu.strace.Num;
import dev.kemu.strace.Str;
import dev.kemu.strace.StructArg;
import dev.kemu.strace.Sym;
import dev.kemu.strace.SyscallLine;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Files outside the scenario's directory that a trace reads (a dynamic loader opening
 * {@code /etc/ld.so.cache} and libc): they belong to the recording machine, not to the
 * scenario, so the replayer rebuilds them in the emulated tree before the trace runs (a file the machine already
 * has, on an image the user gave say, is left as it is), from the
 * record itself — the bytes each successful read or pread returned at its offset, and the mode
 * and size the successful stat calls reported. Bytes no call returned are zeros. Files the trace
 * failed to open are not created, so those opens fail the same way. Anything under the
 * scenario directory, or created by the trace, is left to the trace.
 */
final class ExternalFiles {
    /** What the record tells about one outside file. */
    static final class Known {
        final String path;
        int mode = StatMode.S_IFREG | 0644;
        long size = -1;
        boolean dir;
        /** The target a successful readlink showed: the path is a symbolic link. */
        String link;
        /** The length of a symbolic link's target, when an lstat showed a link but no readlink its target. */
        long linkSize;
        final TreeMap<Long, byte[]> data = new TreeMap<>();

        /** The least size the data calls that read it show (copy_file_range, sendfile, splice move no bytes into the log). */
        long minSize;

        /** The 512-byte blocks a stat call showed allocated, or -1. */
        long blocks = -1;

        /** The program changed it: later calls show the program's doing, not what it held before. */
        boolean frozen;

        /** Whether a stat call (or execve) showed the mode. */
        boolean modeKnown;

        Known(String path) {
            this.path = path;
        }

        /** What the record shows of this file, for the file a symbolic link at this path points to. */
        Known at(String target) {
            Known k = new Known(target);
            k.mode = mode;
            k.size = size;
            k.modeKnown = modeKnown;
            k.data.putAll(data);
            k.minSize = minSize;
            k.blocks = blocks;
            return k;
        }

        /** Bytes a read returned at {@code off}; a shorter read at the same offset keeps the longer one. */
        void addData(long off, byte[] bytes) {
            byte[] had = data.get(off);
            if (had == null || had.length < bytes.length) {
                data.put(off, bytes);
            }
        }

        long end() {
            long e = 0;
            for (Map.Entry<Long, byte[]> d : data.entrySet()) {
                e = Math.max(e, d.getKey() + d.getValue().length);
            }
            return e;
        }
    }

    private static final int FALLOC_FL_KEEP_SIZE = 1;

    private final String cwd;
    private final Map<String, Known> files = new LinkedHashMap<>();
    /** Paths the trace itself created (or renamed onto) before any use: they are the trace's, not the machine's. */
    private final java.util.Set<String> created = new java.util.HashSet<>();

    ExternalFiles(String cwd) {
        this.cwd = cwd.endsWith("/") ? cwd : cwd + "/";
    }

    /**
     * The absolute path the recording machine held for {@code path} (relative to the working directory the log
     * started in), or null when the file is not the recording machine's to rebuild: a device, a {@code /proc} or
     * {@code /sys} file (the model generates those, or the replayer takes them from the record), or a file the
     * trace created itself.
     */
    String external(String path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        return machines(normalize(path.startsWith("/") ? path : cwd + path));
    }

    /** {@code abs} if it is the recording machine's, else null. */
    private String machines(String abs) {
        if (abs.equals("/dev") || abs.startsWith("/dev/") || abs.equals("/proc") || abs.startsWith("/proc/")
                || abs.equals("/sys") || abs.startsWith("/sys/")) {
            return null;
        }
        // A file under a directory the trace made is the trace's too.
        for (String p = abs; p.length() > 1; p = parent(p)) {
            if (created.contains(p)) {
                return null;
            }
        }
        return abs;
    }

    /** Removes {@code .}, {@code ..} and double slashes, lexically. */
    static String normalize(String p) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (String s : p.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(s);
            }
        }
        return "/" + String.join("/", parts);
    }

    /**
     * The record shows {@code abs} existed before the program made anything there: what is known of it, or null when
     * it is not the recording machine's (see {@link #external}) or unknown.
     */
    Known known(String abs) {
        if (abs == null || machines(abs) == null) {
            return null;
        }
        return files.computeIfAbsent(abs, Known::new);
    }

    /** What is known of {@code abs} so far, or null. */
    Known knownIfAny(String abs) {
        return files.get(abs);
    }

    /** The trace made {@code abs}: it and what is under it are the trace's (unless the record knew it before). */
    void created(String abs) {
        if (abs != null && !files.containsKey(abs)) {
            created.add(abs);
        }
    }

    private final Identity identity = new Identity();

    /** Who the program ran as, as far as the record shows. */
    Identity identity() {
        return identity;
    }

    private dev.kemu.vfs.Rlimit startNofile;
    private boolean nofileChanged;

    /**
     * The descriptor limit the program started with, when the record shows it ({@code prlimit64} or
     * {@code getrlimit} of RLIMIT_NOFILE before any change): the recording machine's, whatever the model's default.
     */
    java.util.Optional<dev.kemu.vfs.Rlimit> startingNofile() {
        return java.util.Optional.ofNullable(startNofile);
    }

    /** A RLIMIT_NOFILE value the record shows: the old one of a get (when nothing changed it yet), or a change. */
    void nofile(dev.kemu.vfs.Rlimit old, boolean change) {
        if (old != null && startNofile == null && !nofileChanged) {
            startNofile = old;
        }
        nofileChanged |= change;
    }

    /** True when {@code path} names a directory that existed before the program ran (the recording machine's). */
    boolean isRecordedDirectory(String path) {
        String abs = external(path);
        Known k = abs == null ? null : files.get(abs);
        return (k != null && k.dir) || (abs != null && abs.equals(normalize(cwd)) && !created.contains(abs));
    }

    /** The lines where the program opened a directory of the recording machine. */
    private final java.util.Set<Integer> directoryOpens = new java.util.HashSet<>();

    void directoryOpened(int lineNo) {
        directoryOpens.add(lineNo);
    }

    /**
     * True when the open at {@code lineNo} opened a directory of the recording machine: its entries are the
     * recording machine's, so listing it is taken from the record.
     */
    boolean opensRecordedDirectory(int lineNo) {
        return directoryOpens.contains(lineNo);
    }

    /** Reads the log once: what it shows of the recording machine's files ({@link WorldScan}). */
    static ExternalFiles scan(LogSource log, String cwd) {
        ExternalFiles ext = new ExternalFiles(cwd);
        WorldScan scan = new WorldScan(ext, normalize(cwd));
        try (LogSource.Pass pass = log.open(scan::mayNeed)) {
            JoinedLines lines = new JoinedLines(pass);
            for (dev.kemu.strace.TraceLine l = lines.next(); l != null; l = lines.next()) {
                if (l instanceof SyscallLine line && !dev.kemu.kernel.SyscallCatalog.isLinuxSyscall(line.name())) {
                    throw new UnknownSyscallException(line.lineNo(), line.name());
                }
                scan.accept(l);
            }
            scan.finish();
        }
        return ext;
    }

    /** The rebuilt files, by path. */
    Map<String, Known> files() {
        return files;
    }

    /** Creates the files in the emulated tree, as root, before the trace runs. */
    void install(Syscalls kernel) {
        if (files.isEmpty()) {
            return;
        }
        // A path the record shows something under was a directory, whatever else the record says of it.
        for (String path : files.keySet()) {
            for (String p = parent(path); p.length() > 1; p = parent(p)) {
                Known up = files.get(p);
                if (up != null && !up.dir) {
                    up.dir = true;
                    if (up.modeKnown && !StatMode.isDir(up.mode)) {
                        up.modeKnown = false;
                    }
                }
            }
        }
        // What was learnt through a symbolic link (execve'd, stat'ed, read) is its target's, when the target's own
        // calls did not say.
        for (Known k : files.values()) {
            if (k.link == null) {
                continue;
            }
            Known target = files.get(normalize(k.link.startsWith("/") ? k.link : parent(k.path) + "/" + k.link));
            if (target != null && !target.modeKnown && k.modeKnown) {
                target.mode = k.mode;
                target.modeKnown = true;
                target.size = Math.max(target.size, k.size);
                target.minSize = Math.max(target.minSize, k.minSize);
                k.data.forEach(target::addData);
            }
        }
        Task t = kernel.newTask();
        int umask = t.umask();
        t.setUmask(0);
        // Parents before what is in them: a directory the record shows is made with its own mode before a file
        // inside it would make it with a default one.
        for (Known k : new java.util.TreeMap<>(files).values()) {
            if (kernel.newfstatat(t, Fcntl.AT_FDCWD, k.path, Fcntl.AT_SYMLINK_NOFOLLOW).ret() == 0) {
                // The machine has it already (an image the user gave, a file of the standard layout): never
                // overwritten from the record. The working directory and its parents were made at boot for the
                // log, so they take the mode the record shows.
                if (k.dir && k.modeKnown && (cwd.equals(k.path + "/") || cwd.startsWith(k.path.equals("/") ? "/" : k.path + "/"))) {
                    kernel.chmod(t, k.path, k.mode & 07777);
                }
                continue;
            }
            mkdirs(kernel, t, k.dir ? k.path : parent(k.path));
            if (k.dir) {
                if (k.modeKnown) {
                    kernel.chmod(t, k.path, k.mode & 07777);
                }
                continue;
            }
            if (k.link == null && k.linkSize > 0) {
                // An lstat showed a link, no readlink its target: a target of the same length, beside it.
                k.link = placeholderTarget(k.path, (int) Math.min(k.linkSize, 255));
            }
            if (k.link != null) {
                // The record showed a symbolic link: what the program opened through it is its target.
                String target = k.link.startsWith("/") ? k.link : parent(k.path) + "/" + k.link;
                kernel.symlink(t, k.link, k.path);
                if (files.containsKey(target) || !k.modeKnown) {
                    continue;
                }
                mkdirs(kernel, t, parent(target));
                k = k.at(target);
            }
            if (k.modeKnown && (k.mode & StatMode.S_IFMT) == StatMode.S_IFIFO) {
                // A FIFO of the recording machine: what was read from it came through it, not from its inode.
                kernel.mknod(t, k.path, StatMode.S_IFIFO | (k.mode & 07777), 0);
                continue;
            }
            long fd = kernel.open(t, k.path, Fcntl.O_WRONLY | Fcntl.O_CREAT | Fcntl.O_TRUNC, k.mode & 07777);
            if (fd < 0) {
                continue;
            }
            for (Map.Entry<Long, byte[]> d : k.data.entrySet()) {
                // Reads of one file through several descriptors: each entry is what the file held there.
                kernel.pwrite64(t, (int) fd, UserBuffer.of(d.getValue()), d.getValue().length, d.getKey());
            }
            long size = Math.max(Math.max(k.size, k.end()), k.minSize);
            kernel.ftruncate(t, (int) fd, size);
            if (k.blocks > 0) {
                // As allocated as the record shows (bytes no call returned were never written here).
                kernel.fallocate(t, (int) fd, FALLOC_FL_KEEP_SIZE, 0, Math.min(k.blocks * 512, (size + 4095) & ~4095L));
            }
            kernel.close(t, (int) fd);
        }
        t.setUmask(umask);
        for (int fd : t.files().openFds()) {
            kernel.close(t, fd);
        }
    }

    /** A name of exactly {@code length} characters for the unknown target of the link at {@code path}. */
    static String placeholderTarget(String path, int length) {
        String base = ".kemu-link-target-" + Integer.toHexString(path.hashCode());
        StringBuilder b = new StringBuilder(base.length() > length ? base.substring(base.length() - length) : base);
        while (b.length() < length) {
            b.append('_');
        }
        return b.toString();
    }

    static String parent(String path) {
        int i = path.lastIndexOf('/');
        return i <= 0 ? "/" : path.substring(0, i);
    }

    private static void mkdirs(Syscalls kernel, Task t, String dir) {
        StringBuilder p = new StringBuilder();
        for (String part : dir.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            p.append('/').append(part);
            kernel.mkdir(t, p.toString(), 0755);
        }
    }
}
