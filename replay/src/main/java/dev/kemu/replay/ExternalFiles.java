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
        final TreeMap<Long, byte[]> data = new TreeMap<>();

        /** The least size the data calls that read it show (copy_file_range, sendfile, splice move no bytes into the log). */
        long minSize;

        /** The 512-byte blocks a stat call showed allocated, or -1. */
        long blocks = -1;

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

        long end() {
            long e = 0;
            for (Map.Entry<Long, byte[]> d : data.entrySet()) {
                e = Math.max(e, d.getKey() + d.getValue().length);
            }
            return e;
        }
    }

    /** An open file description of an outside file: descriptors duplicated from one share its position. */
    private static final class Open {
        final Known file;
        long pos;

        Open(Known file) {
            this.file = file;
        }
    }

    private static final int FALLOC_FL_KEEP_SIZE = 1;

    private final String cwd;
    private final Map<String, Known> files = new LinkedHashMap<>();
    /** Paths the trace itself created (or renamed onto) before any use: they are the trace's, not the machine's. */
    private final java.util.Set<String> created = new java.util.HashSet<>();
    /** False once the trace changed its working directory: relative paths then no longer resolve here. */
    private boolean cwdKnown = true;

    private ExternalFiles(String cwd) {
        this.cwd = cwd.endsWith("/") ? cwd : cwd + "/";
    }

    /**
     * The absolute path the recording machine held for {@code path}, or null when the file is not the recording
     * machine's to rebuild: a device, a {@code /proc} or {@code /sys} file (the model generates those, or the
     * replayer takes them from the record), or a file the trace created itself.
     */
    String external(String path) {
        String abs;
        if (path.startsWith("/")) {
            abs = path;
        } else if (cwdKnown && !path.isEmpty()) {
            abs = cwd + path;
        } else {
            return null;
        }
        abs = normalize(abs);
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

    boolean isExternal(String path) {
        return external(path) != null;
    }

    /** Removes {@code .}, {@code ..} and double slashes, lexically. */
    private static String normalize(String p) {
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
     * A call moved {@code n} bytes out of an outside file without showing them (sendfile, copy_file_range, splice):
     * the file held at least that many bytes from the offset (the pointed-to value, else the file position, which
     * the call advances).
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

    /** A call succeeded on {@code path} without the trace having made it: it existed before the program. */
    private void existed(String path) {
        String ext = external(path);
        if (ext != null) {
            files.computeIfAbsent(ext, Known::new);
        }
    }

    /**
     * True when {@code path} is a directory of the recording machine that the record shows the program opened:
     * its entries are the recording machine's, so listing it is taken from the record.
     */
    boolean isRecordedDirectory(String path) {
        String ext = external(path);
        Known k = ext == null ? null : files.get(ext);
        return k != null && k.dir;
    }

    private void markCreated(String path) {
        String abs = path.startsWith("/") ? path : cwdKnown ? cwd + path : null;
        if (abs != null) {
            abs = normalize(abs);
            if (!files.containsKey(abs)) {
                created.add(abs);
            }
        }
    }

    /** Scans {@code trace} for reads of outside files. */
    static ExternalFiles scan(LogSource log, String cwd) {
        ExternalFiles ext = new ExternalFiles(cwd);
        Map<Integer, Open> open = new HashMap<>();
        try (LogSource.Pass pass = log.open()) {
            Lookahead lines = new Lookahead(pass);
            for (dev.kemu.strace.TraceLine l = lines.next(); l != null; l = lines.next()) {
                if (!(l instanceof SyscallLine line)) {
                    continue;
                }
                if (!dev.kemu.kernel.SyscallCatalog.isLinuxSyscall(line.name())) {
                    throw new UnknownSyscallException(line.lineNo(), line.name());
                }
                try {
                    ext.scanLine(line, open);
                } catch (ReplayException | ClassCastException | IndexOutOfBoundsException e) {
                    // A line the scan cannot read is reported when it is replayed.
                }
            }
        }
        return ext;
    }

    private void scanLine(SyscallLine line, Map<Integer, Open> open) {
        Args a = new Args(line);
        long ret = line.result().value().orElse(-1);
        boolean ok = !line.result().isError() && line.result().value().isPresent();
        switch (line.name()) {
            case "open":
            case "openat": {
                int pi = line.name().equals("open") ? 0 : 1;
                if (pi == 1 && a.integer(0) != Fcntl.AT_FDCWD && !a.path(1).startsWith("/")) {
                    if (ok) {
                        open.remove((int) ret);
                    }
                    break;
                }
                String path = a.path(pi);
                int flags = a.integer(pi + 1);
                if (ok && (flags & Fcntl.O_CREAT) != 0) {
                    markCreated(path);
                }
                String ext = external(path);
                if (!ok && ext != null && "EEXIST".equals(line.result().errno()) && !files.containsKey(ext)) {
                    // O_CREAT|O_EXCL refused: the file was there before the program.
                    files.put(ext, new Known(ext));
                }
                if (ok && ext != null && (flags & Fcntl.O_CREAT) == 0) {
                    Known k = files.computeIfAbsent(ext, Known::new);
                    if ((flags & Fcntl.O_DIRECTORY) != 0) {
                        k.dir = true;
                    }
                    open.put((int) ret, new Open(k));
                } else if (ok) {
                    open.remove((int) ret);
                }
                break;
            }
            case "close":
                open.remove(a.integer(0));
                break;
            case "dup":
            case "dup2":
            case "dup3":
                if (ok) {
                    Open o = open.get(a.integer(0));
                    if (o != null) {
                        open.put((int) ret, o);
                    } else {
                        open.remove((int) ret);
                    }
                }
                break;
            case "fcntl":
                if (ok && a.raw(1) instanceof dev.kemu.strace.Sym c && c.text().startsWith("F_DUPFD")) {
                    Open o = open.get(a.integer(0));
                    if (o != null) {
                        open.put((int) ret, o);
                    } else {
                        open.remove((int) ret);
                    }
                }
                break;
            case "readlink":
                if (ok && external(a.path(0)) != null && a.raw(1) instanceof Str t && !t.truncated()) {
                    files.computeIfAbsent(external(a.path(0)), Known::new).link = t.text();
                }
                break;
            case "creat":
            case "mkdir":
            case "symlink":
            case "mknod":
                if (ok) {
                    markCreated(a.path(line.name().equals("symlink") ? 1 : 0));
                }
                break;
            case "mkdirat":
            case "mknodat":
            case "symlinkat":
                if (ok && a.integer(line.name().equals("symlinkat") ? 1 : 0) == Fcntl.AT_FDCWD) {
                    markCreated(a.path(line.name().equals("symlinkat") ? 2 : 1));
                }
                break;
            case "rename":
            case "link":
                if (ok) {
                    existed(a.path(0));
                    markCreated(a.path(1));
                }
                break;
            case "unlink":
                if (ok) {
                    existed(a.path(0));
                }
                break;
            case "renameat":
            case "renameat2":
            case "linkat":
                if (ok && a.integer(2) == Fcntl.AT_FDCWD) {
                    markCreated(a.path(3));
                }
                break;
            case "chdir":
            case "fchdir":
                if (ok) {
                    cwdKnown = false;
                }
                break;
            case "execve":
                if (ok && external(a.path(0)) != null) {
                    Known k = files.computeIfAbsent(external(a.path(0)), Known::new);
                    if (!k.modeKnown) {
                        k.mode = StatMode.S_IFREG | 0755;
                        k.modeKnown = true;
                    }
                }
                break;
            case "stat":
            case "lstat":
                if (ok && !line.name().equals("lstat") && external(a.path(0)) != null) {
                    stat(files.computeIfAbsent(external(a.path(0)), Known::new), a.raw(1));
                }
                break;
            case "read":
                if (ok && open.containsKey(a.integer(0)) && a.raw(1) instanceof Str) {
                    Open o = open.get(a.integer(0));
                    o.file.data.put(o.pos, ((Str) a.raw(1)).bytes());
                    o.pos += ret;
                }
                break;
            case "pread64":
                if (ok && open.containsKey(a.integer(0)) && a.raw(1) instanceof Str) {
                    open.get(a.integer(0)).file.data.put(a.num(3), ((Str) a.raw(1)).bytes());
                }
                break;
            case "lseek":
                if (ok && open.containsKey(a.integer(0))) {
                    open.get(a.integer(0)).pos = ret;
                }
                break;
            case "sendfile":
                if (ok) {
                    moved(open.get(a.integer(1)), a, 2, ret);
                }
                break;
            case "copy_file_range":
            case "splice":
                if (ok) {
                    moved(open.get(a.integer(0)), a, 1, ret);
                }
                break;
            case "fstat":
                if (ok && open.containsKey(a.integer(0))) {
                    stat(open.get(a.integer(0)).file, a.raw(1));
                }
                break;
            case "newfstatat": {
                String path = a.path(1);
                if (!ok) {
                    break;
                }
                if (path.isEmpty() && open.containsKey(a.integer(0))) {
                    stat(open.get(a.integer(0)).file, a.raw(2));
                } else if ((path.startsWith("/") || a.integer(0) == Fcntl.AT_FDCWD) && external(path) != null
                        && (a.integer(3) & Fcntl.AT_SYMLINK_NOFOLLOW) == 0) {
                    stat(files.computeIfAbsent(external(path), Known::new), a.raw(2));
                }
                break;
            }
            default:
                break;
        }
    }

    private static void stat(Known k, Arg st) {
        if (!(st instanceof StructArg)) {
            return;
        }
        StructArg s = (StructArg) st;
        s.field("st_mode").ifPresent(m -> {
            if (m instanceof Sym || m instanceof Num) {
                k.mode = (int) new Args(SyscallLine.of("stat", dev.kemu.strace.Result.unknown(), m)).num(0);
                k.modeKnown = true;
                k.dir = StatMode.isDir(k.mode);
            }
        });
        s.field("st_size").ifPresent(n -> {
            if (n instanceof Num) {
                k.size = ((Num) n).value();
            }
        });
        s.field("st_blocks").ifPresent(n -> {
            if (n instanceof Num) {
                k.blocks = ((Num) n).value();
            }
        });
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
        Task t = kernel.newTask();
        int umask = t.umask();
        t.setUmask(0);
        for (Known k : files.values()) {
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
            long fd = kernel.open(t, k.path, Fcntl.O_WRONLY | Fcntl.O_CREAT | Fcntl.O_TRUNC, k.mode & 07777);
            if (fd < 0) {
                continue;
            }
            for (Map.Entry<Long, byte[]> d : k.data.entrySet()) {
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

    private static String parent(String path) {
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
