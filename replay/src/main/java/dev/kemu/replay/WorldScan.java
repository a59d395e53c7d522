package dev.kemu.replay;

import dev.kemu.strace.Arg;
import dev.kemu.strace.Num;
import dev.kemu.strace.Str;
import dev.kemu.strace.StructArg;
import dev.kemu.strace.Sym;
import dev.kemu.strace.SyscallLine;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.StatMode;
import java.util.HashMap;
import java.util.Map;

/**
 * The first pass over a log: what the record shows of the recording machine's files and directories before the
 * program touched them ({@link ExternalFiles}). Every call that succeeded on a path the program did not make is
 * evidence that the path existed; stat calls tell its mode, size and allocation; reads tell bytes at offsets;
 * sendfile, copy_file_range and splice tell how many bytes there were; readlink tells a symbolic link's target;
 * EEXIST tells existence. Paths relative to a directory descriptor or to the working directory are resolved
 * as the program's calls resolved them, as far as the log shows.
 */
final class WorldScan {
    /** An open file description: descriptors duplicated from one share its position. */
    private static final class Open {
        final ExternalFiles.Known file;
        long pos;

        Open(ExternalFiles.Known file) {
            this.file = file;
        }
    }

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
    private final Map<Integer, Open> open = new HashMap<>();
    /** The absolute path each descriptor was opened on, for calls relative to it. */
    private final Map<Integer, String> fdPath = new HashMap<>();
    /** The program's working directory as the log shows it, or null once it cannot be followed. */
    private String cwd;

    WorldScan(ExternalFiles world, String cwd) {
        this.world = world;
        this.cwd = cwd;
    }

    /** The absolute path {@code path} named for a call relative to {@code dfdArg} (-1: the working directory). */
    private String resolve(Args a, int dfdArg, int pathArg) {
        if (!(a.raw(pathArg) instanceof Str s) || s.truncated()) {
            return null;
        }
        String path = s.text();
        if (path.startsWith("/")) {
            return ExternalFiles.normalize(path);
        }
        String base;
        if (dfdArg < 0 || a.integer(dfdArg) == Fcntl.AT_FDCWD) {
            base = cwd;
        } else {
            base = fdPath.get(a.integer(dfdArg));
        }
        if (base == null) {
            return null;
        }
        return ExternalFiles.normalize(path.isEmpty() ? base : base + "/" + path);
    }

    void line(SyscallLine line) {
        Args a = new Args(line);
        boolean ok = !line.result().isError() && line.result().value().isPresent();
        long ret = line.result().value().orElse(-1);
        String name = line.name();
        if (name.equals("open") || name.equals("openat")) {
            open(line, a, ok, ret);
            return;
        }
        if (ok) {
            identity(line, a, ret);
        }
        int[] made = MAKES.get(name);
        int[] exists = EXISTS.get(name);
        if (ok && exists != null) {
            exists(line, a, exists);
        }
        if (!ok && exists == null && made != null && "EEXIST".equals(line.result().errno())) {
            // mkdir -p meets the directories that are there; creat and mknod meet files.
            ExternalFiles.Known k = world.known(resolve(a, made[0], made[1]));
            if (k != null && (name.equals("mkdir") || name.equals("mkdirat"))) {
                k.dir = true;
            }
        }
        if (ok) {
            modified(line, a);
        }
        if (ok && made != null) {
            String abs = resolve(a, made[0], made[1]);
            parentExisted(abs);
            world.created(abs);
        }
        descriptors(line, a, ok, ret);
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
    private void modified(SyscallLine line, Args a) {
        int[] at = MODIFIES_PATH.get(line.name());
        if (at != null) {
            String abs = resolve(a, at[0], at[1]);
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
            Open o = open.get(a.integer(fdArg));
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

    /** Who the program ran as: the first effective ids and groups the record shows. */
    private void identity(SyscallLine line, Args a, long ret) {
        switch (line.name()) {
            case "geteuid" -> world.identity().euid(ret);
            case "getuid" -> world.identity().uid(ret);
            case "getegid" -> world.identity().egid(ret);
            case "getgid" -> world.identity().gid(ret);
            case "getresuid" -> {
                if (a.count() > 1) {
                    world.identity().euid(a.pointed(1));
                }
            }
            case "getresgid" -> {
                if (a.count() > 1) {
                    world.identity().egid(a.pointed(1));
                }
            }
            case "getgroups" -> {
                if (a.count() > 1 && a.raw(1) instanceof dev.kemu.strace.ListArg l) {
                    java.util.Set<Integer> groups = new java.util.HashSet<>();
                    for (Arg g : l.items()) {
                        groups.add((int) new Args(SyscallLine.of("g", dev.kemu.strace.Result.unknown(), g)).num(0));
                    }
                    world.identity().groups(groups);
                }
            }
            default -> {
            }
        }
    }

    private void open(SyscallLine line, Args a, boolean ok, long ret) {
        int pi = line.name().equals("open") ? 0 : 1;
        String abs = resolve(a, pi == 0 ? -1 : 0, pi);
        int flags = a.integer(pi + 1);
        if (ok) {
            open.remove((int) ret);
            fdPath.remove((int) ret);
            if (abs != null) {
                fdPath.put((int) ret, abs);
            }
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
            open.put((int) ret, new Open(k));
        }
    }

    private void exists(SyscallLine line, Args a, int[] at) {
        String name = line.name();
        String abs = resolve(a, at[0], at[1]);
        if (abs == null && (name.equals("newfstatat") || name.equals("statx") || name.equals("fchownat")
                || name.equals("utimensat"))) {
            return;
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
        if (name.equals("chdir")) {
            cwd = abs;
        }
    }

    private void descriptors(SyscallLine line, Args a, boolean ok, long ret) {
        if (!ok) {
            if (line.name().equals("readlink") && "EINVAL".equals(line.result().errno())) {
                // Not a symbolic link, but there.
                world.known(resolve(a, -1, 0));
            }
            return;
        }
        switch (line.name()) {
            case "close" -> {
                open.remove(a.integer(0));
                fdPath.remove(a.integer(0));
            }
            case "dup", "dup2", "dup3" -> copyFd(a.integer(0), (int) ret);
            case "fcntl" -> {
                if (a.raw(1) instanceof Sym c && c.text().startsWith("F_DUPFD")) {
                    copyFd(a.integer(0), (int) ret);
                }
            }
            case "fchdir" -> cwd = fdPath.get(a.integer(0));
            case "read" -> {
                Open o = open.get(a.integer(0));
                if (o != null && a.raw(1) instanceof Str s && !o.file.frozen) {
                    o.file.addData(o.pos, s.bytes());
                    o.pos += ret;
                }
            }
            case "pread64" -> {
                Open o = open.get(a.integer(0));
                if (o != null && a.raw(1) instanceof Str s && !o.file.frozen) {
                    o.file.addData(a.num(3), s.bytes());
                }
            }
            case "lseek" -> {
                Open o = open.get(a.integer(0));
                if (o != null) {
                    o.pos = ret;
                }
            }
            case "sendfile" -> moved(open.get(a.integer(1)), a, 2, ret);
            case "copy_file_range", "splice" -> moved(open.get(a.integer(0)), a, 1, ret);
            case "fstat" -> {
                Open o = open.get(a.integer(0));
                if (o != null) {
                    stat(o.file, a.raw(1), false);
                }
            }
            case "newfstatat" -> {
                Open o = open.get(a.integer(0));
                if (o != null && a.raw(1) instanceof Str p && p.length() == 0) {
                    stat(o.file, a.raw(2), false);
                }
            }
            case "statx" -> {
                Open o = open.get(a.integer(0));
                if (o != null && a.raw(1) instanceof Str p && p.length() == 0) {
                    statx(o.file, a.count() > 4 ? a.raw(4) : null, false);
                }
            }
            default -> {
            }
        }
    }

    private void copyFd(int from, int to) {
        open.remove(to);
        fdPath.remove(to);
        if (open.containsKey(from)) {
            open.put(to, open.get(from));
        }
        if (fdPath.containsKey(from)) {
            fdPath.put(to, fdPath.get(from));
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
