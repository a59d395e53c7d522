package dev.kemu.fs.ext4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.FileSystemTypes;
import dev.kemu.vfs.Kstat;
import dev.kemu.vfs.StatResult;
import dev.kemu.vfs.SuperBlock;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.Vfs;
import dev.kemu.vfs.VfsBehaviour;
import dev.kemu.vfs.VfsSyscalls;
import dev.kemu.vfs.spi.FileSystemType;
import dev.kemu.vfs.spi.MountException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An ext4 filesystem mounted as the root of a fresh VFS, with one task and the syscall facade,
 * and short forms of the calls tests make. Every instance registers itself so that
 * {@link FsckAfterEach} can check and unmount whatever a test left mounted.
 */
final class MountedExt4 implements AutoCloseable {
    private static final List<MountedExt4> LIVE = new ArrayList<>();
    /** What Ext4Fsck found when tests unmounted their filesystems, for {@link FsckAfterEach}. */
    private static final List<String> AT_UNMOUNT = new ArrayList<>();

    final Vfs vfs;
    final Task task;
    final VfsSyscalls sys = new VfsSyscalls(VfsBehaviour.DEFAULT);
    final SuperBlock sb;
    private boolean mounted = true;

    private MountedExt4(String source, Map<String, String> options) throws MountException {
        this(new Ext4FileSystemType(), source, options);
    }

    private MountedExt4(FileSystemType type, String source, Map<String, String> options) throws MountException {
        vfs = Vfs.withRoot(FileSystemTypes.of(type), "ext4", source, options);
        task = vfs.newTask("/");
        sb = vfs.superBlocks().get(0);
        synchronized (LIVE) {
            LIVE.add(this);
        }
    }

    private MountedExt4(MountedExt4 shared, Task task) {
        this.vfs = shared.vfs;
        this.task = task;
        this.sb = shared.sb;
    }

    /** The same filesystem seen by another task (another thread's process); not registered. */
    MountedExt4 withNewTask() throws MountException {
        return new MountedExt4(this, vfs.newTask("/"));
    }

    /** A RAM disk of {@code size} ("64m"). */
    static MountedExt4 ramdisk(String size) throws MountException {
        return new MountedExt4(null, Map.of("size", size));
    }

    /** A RAM disk mounted with exactly {@code options}. */
    static MountedExt4 ramdiskWith(Map<String, String> options) throws MountException {
        return new MountedExt4(null, options);
    }

    /**
     * The filesystem on {@code dev} (a fake or shared device), formatted first when
     * {@code format}; unmounting leaves a RAM disk's contents for the next mount.
     */
    static MountedExt4 onDevice(BlockDevice dev, boolean format) throws MountException {
        if (format) {
            Mkfs.format(dev, Mkfs.Options.ZEROED);
        }
        FileSystemType type = new FileSystemType() {
            @Override
            public String name() {
                return "ext4";
            }

            @Override
            public SuperBlock mount(Vfs v, String source, Map<String, String> options) throws MountException {
                return Ext4Super.fillSuper(dev, "test device", false);
            }
        };
        return new MountedExt4(type, null, Map.of());
    }

    /** The image at {@code path}, created with {@code size} if missing. */
    static MountedExt4 image(Path path, String size) throws MountException {
        return new MountedExt4(path.toString(), Map.of("size", size));
    }

    static MountedExt4 image(Path path, Map<String, String> options) throws MountException {
        return new MountedExt4(path.toString(), new HashMap<>(options));
    }

    /** The mounts not yet closed; clears the list. */
    static List<MountedExt4> drainLive() {
        synchronized (LIVE) {
            List<MountedExt4> out = new ArrayList<>(LIVE);
            LIVE.clear();
            return out;
        }
    }

    boolean isMounted() {
        return mounted;
    }

    BlockDevice device() {
        return Ext4FileSystemType.device(sb);
    }

    int open(String path, int flags) {
        long fd = sys.open(task, path, flags, 0644);
        assertTrue(fd >= 0, () -> "open " + path + " = " + fd);
        return (int) fd;
    }

    void close(int fd) {
        assertEquals(0, sys.close(task, fd));
    }

    long pwrite(int fd, byte[] data, long pos) {
        return sys.pwrite64(task, fd, UserBuffer.of(data), data.length, pos);
    }

    long write(int fd, byte[] data) {
        return sys.write(task, fd, UserBuffer.of(data), data.length);
    }

    /** pread of up to {@code len} bytes; the bytes read, or null and the errno in {@code err[0]}. */
    byte[] pread(int fd, int len, long pos) {
        UserBuffer buf = UserBuffer.allocate(len);
        long n = sys.pread64(task, fd, buf, len, pos);
        assertTrue(n >= 0, () -> "pread = " + n);
        return buf.read(0, (int) n);
    }

    /** Creates or truncates {@code path} and writes {@code data}. */
    void writeFile(String path, byte[] data) {
        int fd = open(path, Fcntl.O_CREAT | Fcntl.O_WRONLY | Fcntl.O_TRUNC);
        assertEquals(data.length, write(fd, data));
        close(fd);
    }

    /** The whole content of {@code path}. */
    byte[] readFile(String path) {
        int fd = open(path, Fcntl.O_RDONLY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        UserBuffer buf = UserBuffer.allocate(1 << 16);
        while (true) {
            long n = sys.read(task, fd, buf, buf.length());
            assertTrue(n >= 0, () -> "read " + path + " = " + n);
            if (n == 0) {
                break;
            }
            out.writeBytes(buf.read(0, (int) n));
        }
        close(fd);
        return out.toByteArray();
    }

    Kstat stat(String path) {
        StatResult r = sys.newfstatat(task, Fcntl.AT_FDCWD, path, 0);
        assertEquals(0, r.ret(), () -> "stat " + path);
        return r.stat();
    }

    long mkdir(String path) {
        return sys.mkdir(task, path, 0755);
    }

    /** {@link Ext4Fsck#check(SuperBlock)}. */
    List<String> fsck() {
        return Ext4Fsck.check(sb);
    }

    /** Problems Ext4Fsck found at unmounts since the last call; clears them. */
    static List<String> drainUnmountProblems() {
        synchronized (LIVE) {
            List<String> out = new ArrayList<>(AT_UNMOUNT);
            AT_UNMOUNT.clear();
            return out;
        }
    }

    /**
     * Checks the filesystem with Ext4Fsck (remembering what it finds for {@link FsckAfterEach}),
     * then writes everything back and releases the device ({@code put_super}).
     */
    void unmount() {
        if (mounted) {
            mounted = false;
            List<String> problems = Ext4Fsck.check(sb);
            synchronized (LIVE) {
                problems.forEach(p -> AT_UNMOUNT.add(sb + ": " + p));
            }
            sb.sop().putSuper(sb);
            synchronized (LIVE) {
                LIVE.remove(this);
            }
        }
    }

    @Override
    public void close() {
        unmount();
    }
}
