package dev.kemu.host;

import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary directory a host machine works in: created fresh, preferably on ext4 (the
 * emulated root is ext4, and tmpfs, btrfs or xfs answer several calls differently), opened as a
 * directory descriptor that stands for the trace's working directory, and removed with
 * everything in it when the machine closes (or, failing that, when the JVM exits).
 *
 * <p>It also holds the write policy: a call may create, truncate, write-open or remove a path
 * only inside this directory, or one of the harmless devices {@code /dev/null},
 * {@code /dev/zero} and {@code /dev/full}. There are no symbolic links inside the directory
 * (no modelled call makes one), so resolving {@code .} and {@code ..} by the text of the path
 * decides where the kernel would land.
 */
final class Sandbox implements AutoCloseable {
    private static final long EXT4_SUPER_MAGIC = 0xEF53;
    private static final Set<String> WRITABLE_DEVICES = Set.of("/dev/null", "/dev/zero", "/dev/full");
    private static final Set<Sandbox> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Sandbox::removeTree), "kemu-host-cleanup"));
    }

    private final Path dir;
    private final String prefix;
    private final int dirFd;
    private final String fsType;

    private Sandbox(Path dir, int dirFd, String fsType) {
        this.dir = dir;
        this.prefix = dir.toString() + "/";
        this.dirFd = dirFd;
        this.fsType = fsType;
    }

    /**
     * A fresh directory under {@code parent}, or, when that is null, under the first of
     * {@code java.io.tmpdir}, {@code /var/tmp} and the working directory that is on ext4
     * (the first writable one if none is).
     */
    static Sandbox create(Path parent) throws IOException {
        Path base = parent != null ? parent : chooseParent();
        Path dir = Files.createTempDirectory(base, "kemu-host-").toRealPath();
        // A working directory like the emulated one (mkdir 0755), not the private 0700 of a temporary directory.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        long fd;
        try (Memory name = cString(dir.toString())) {
            // O_DIRECTORY | O_CLOEXEC: the machine's own descriptor, never the trace's.
            fd = Libc.sys(Libc.OPENAT, -100, Libc.address(name), 0200000 | 02000000, 0, 0, 0);
        }
        if (fd < 0) {
            Files.deleteIfExists(dir);
            throw new IOException(dir + ": cannot open the directory: errno " + -fd);
        }
        Sandbox s = new Sandbox(dir, (int) fd, typeOf(dir));
        LIVE.add(s);
        return s;
    }

    private static Path chooseParent() throws IOException {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of(System.getProperty("java.io.tmpdir")));
        candidates.add(Path.of("/var/tmp"));
        candidates.add(Path.of(System.getProperty("user.dir")));
        Path writable = null;
        for (Path p : candidates) {
            if (Files.isDirectory(p) && Files.isWritable(p)) {
                if ("ext4".equals(typeOf(p))) {
                    return p;
                }
                if (writable == null) {
                    writable = p;
                }
            }
        }
        if (writable == null) {
            throw new IOException("no writable directory for the host machine among " + candidates);
        }
        return writable;
    }

    /** {@code statfs(2)}: the filesystem type of {@code p}, by its magic ({@code include/uapi/linux/magic.h}). */
    static String typeOf(Path p) {
        try (Memory name = cString(p.toString()); Memory buf = new Memory(120)) {
            long r = Libc.sys(Libc.STATFS, Libc.address(name), Libc.address(buf), 0);
            if (r < 0) {
                return "unknown";
            }
            long magic = buf.getLong(0);
            if (magic == EXT4_SUPER_MAGIC) {
                return "ext4";
            } else if (magic == 0x01021994L) {
                return "tmpfs";
            } else if (magic == 0x9123683EL) {
                return "btrfs";
            } else if (magic == 0x58465342L) {
                return "xfs";
            } else if (magic == 0x794c7630L) {
                return "overlay";
            }
            return "0x" + Long.toHexString(magic);
        }
    }

    /** A NUL-terminated copy of {@code s}, one byte per char (the trace's path bytes). */
    static Memory cString(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        Memory m = new Memory(b.length + 1L);
        m.write(0, b, 0, b.length);
        m.setByte(b.length, (byte) 0);
        return m;
    }

    Path dir() {
        return dir;
    }

    int dirFd() {
        return dirFd;
    }

    String fsType() {
        return fsType;
    }

    /**
     * Null when a call may change the file behind host descriptor {@code hostFd}: one inside the
     * directory, or one without a name (a pipe, a socket); otherwise why not.
     */
    String refuseFdWrite(int hostFd) {
        String target = readlink("/proc/self/fd/" + hostFd);
        if (target == null || !target.startsWith("/") || target.startsWith(prefix) || target.equals(dir.toString())) {
            return null;
        }
        return "changes outside the host machine's directory " + dir + " are refused: " + target;
    }

    /** What a call would do at its path. */
    enum Intent {
        /** open with O_CREAT: may create the file, or truncate or write an existing one. */
        CREATE,
        /** open for writing or with O_TRUNC, without O_CREAT: may change an existing file. */
        WRITE,
        /** open with O_TMPFILE: creates an unnamed file in the directory. */
        TMPFILE,
        /** mkdir: creates a directory. */
        MKDIR,
        /** unlink, rmdir, the source of rename: removes the path. */
        REMOVE,
        /** link, symlink, the target of rename: makes a name, replacing one only in rename. */
        NAME,
        /** chmod, utimensat: changes the attributes of what is there. */
        ATTR
    }

    /**
     * Null when a call with {@code intent} may go to the kernel for {@code path} looked up from
     * {@code hostDirfd} (the sandbox's descriptor, another host descriptor, or AT_FDCWD for an
     * absolute path); otherwise why not. Inside the directory everything may; outside, only
     * what the kernel is bound to refuse without changing anything (a missing parent, a parent
     * or a base that is not a directory, a directory opened for writing: ENOENT, ENOTDIR,
     * EISDIR, EEXIST), and opening {@code /dev/null}, {@code /dev/zero} and {@code /dev/full} for
     * writing (never removing them).
     */
    String refuseWrite(int hostDirfd, String path, Intent intent) {
        String base;
        if (path.startsWith("/")) {
            base = "";
        } else if (hostDirfd == dirFd) {
            base = dir.toString();
        } else {
            base = readlink("/proc/self/fd/" + hostDirfd);
            if (base == null || !base.startsWith("/") || !Files.isDirectory(Path.of(base))) {
                return null; // the kernel fails the lookup: EBADF, ENOTDIR
            }
        }
        String target = normalize(base + "/" + path);
        boolean self = target.equals(dir.toString());
        boolean opensDevice = (intent == Intent.CREATE || intent == Intent.WRITE) && WRITABLE_DEVICES.contains(target);
        if (target.startsWith(prefix) || self && intent != Intent.REMOVE || opensDevice) {
            return null;
        }
        Path t = Path.of(target);
        Path parent = t.getParent();
        boolean exists = Files.exists(t, LinkOption.NOFOLLOW_LINKS);
        boolean parentIsDir = parent != null && Files.isDirectory(parent);
        boolean harmless = switch (intent) {
            case CREATE -> exists ? Files.isDirectory(t) : !parentIsDir;
            case WRITE -> !exists || Files.isDirectory(t);
            case TMPFILE -> !Files.isDirectory(t);
            case MKDIR -> exists || !parentIsDir;
            case REMOVE, ATTR -> !exists;
            case NAME -> !exists && !parentIsDir;
        };
        return harmless ? null : "writes outside the host machine's directory " + dir + " are refused: " + target;
    }

    /** {@code .} and {@code ..} resolved by the text of an absolute path. */
    static String normalize(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(p);
            }
        }
        return "/" + String.join("/", parts);
    }

    static String readlink(String link) {
        try (Memory name = cString(link); Memory buf = new Memory(4097)) {
            long n = Libc.sys(Libc.READLINK, Libc.address(name), Libc.address(buf), 4096);
            return n < 0 ? null : new String(buf.getByteArray(0, (int) n), StandardCharsets.ISO_8859_1);
        }
    }

    @Override
    public void close() {
        Libc.sys(Libc.CLOSE, dirFd);
        removeTree();
        LIVE.remove(this);
    }

    /** Removes the directory and everything in it; directories without permissions are opened up first. */
    private void removeTree() {
        try {
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                delete(dir);
            }
        } catch (IOException e) {
            System.err.println("kemu: could not remove " + dir + ": " + e);
        }
    }

    private static void delete(Path p) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
            try (DirectoryStream<Path> children = Files.newDirectoryStream(p)) {
                for (Path c : children) {
                    delete(c);
                }
            }
        }
        Files.delete(p);
    }
}
