package dev.kemu.fs.ext4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Kstat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A randomized sequence of file operations run through the syscall facade against a mounted
 * ext4, checked step by step against a model: a map from path to content. Operations: create,
 * write (append or overwrite), pwrite past EOF (holes), truncate up and down, unlink (sometimes
 * while the file is open, reading it back through the descriptor before closing), mkdir, rmdir
 * (ENOTEMPTY when the model says so), and reads that compare ranges. File sizes stay under
 * {@code maxFile}, so the whole model fits in memory.
 */
final class Workload {
    private final MountedExt4 fs;
    private final Random rnd;
    private final int maxFile;
    private final TreeMap<String, byte[]> files = new TreeMap<>();
    private final TreeSet<String> dirs = new TreeSet<>();
    private final byte[] pool;
    private final String root;
    private int names;
    int ops;

    Workload(MountedExt4 fs, long seed, int maxFile) {
        this(fs, "", seed, maxFile);
    }

    /** A workload confined to the existing directory {@code root} ("" for the filesystem root). */
    Workload(MountedExt4 fs, String root, long seed, int maxFile) {
        this.fs = fs;
        this.root = root;
        this.rnd = new Random(seed);
        this.maxFile = maxFile;
        this.pool = new byte[2 * maxFile + 4096];
        rnd.nextBytes(pool);
        dirs.add(root);
    }

    private <T> T pick(java.util.NavigableSet<T> set) {
        int i = rnd.nextInt(set.size());
        for (T t : set) {
            if (i-- == 0) {
                return t;
            }
        }
        throw new AssertionError();
    }

    private String randomFile() {
        return files.isEmpty() ? null : pick(files.navigableKeySet());
    }

    /** Random bytes: a slice of a random pool at a random offset (cheaper than Random.nextBytes). */
    private byte[] randomBytes(int n) {
        int off = rnd.nextInt(pool.length - n + 1);
        byte[] b = Arrays.copyOfRange(pool, off, off + n);
        if (n > 0) {
            b[0] ^= (byte) rnd.nextInt();
        }
        return b;
    }

    private static void assertSame(byte[] expected, byte[] actual, java.util.function.Supplier<String> what) {
        if (!Arrays.equals(expected, actual)) {
            assertArrayEquals(expected, actual, what);
        }
    }

    void run(int count) {
        for (int i = 0; i < count; i++) {
            step();
            ops++;
            if (ops % 5000 == 0) {
                verifyAll();
            }
        }
        verifyAll();
    }

    private void step() {
        int r = rnd.nextInt(100);
        if (r < 14 || files.isEmpty()) {
            create();
        } else if (r < 34) {
            write();
        } else if (r < 44) {
            pwriteHole();
        } else if (r < 56) {
            truncate();
        } else if (r < 66) {
            unlink();
        } else if (r < 72) {
            mkdir();
        } else if (r < 78) {
            rmdir();
        } else {
            readRange();
        }
    }

    private void create() {
        if (files.size() >= 150) {
            unlink();
            return;
        }
        String path = pick(dirs) + "/f" + names++;
        byte[] data = randomBytes(rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(maxFile / 4));
        fs.writeFile(path, data);
        files.put(path, data);
        check(path);
    }

    private void write() {
        String path = randomFile();
        byte[] old = files.get(path);
        int len = 1 + rnd.nextInt(Math.min(maxFile / 4, 20000));
        long pos;
        if (rnd.nextBoolean()) {
            pos = old.length; // append
        } else {
            pos = old.length == 0 ? 0 : rnd.nextInt(old.length);
        }
        if (pos + len > maxFile) {
            len = (int) Math.max(1, maxFile - pos);
            if (pos >= maxFile) {
                return;
            }
        }
        byte[] data = randomBytes(len);
        int fd = fs.open(path, Fcntl.O_WRONLY);
        assertEquals(len, fs.pwrite(fd, data, pos), path);
        fs.close(fd);
        byte[] now = Arrays.copyOf(old, (int) Math.max(old.length, pos + len));
        System.arraycopy(data, 0, now, (int) pos, len);
        files.put(path, now);
        checkRange(path, pos, len);
    }

    private void pwriteHole() {
        String path = randomFile();
        byte[] old = files.get(path);
        if (old.length >= maxFile - 100) {
            return;
        }
        long pos = old.length + rnd.nextInt(maxFile - old.length - 50);
        int len = 1 + rnd.nextInt((int) Math.min(8000, maxFile - pos));
        byte[] data = randomBytes(len);
        int fd = fs.open(path, Fcntl.O_RDWR);
        assertEquals(len, fs.pwrite(fd, data, pos));
        fs.close(fd);
        byte[] now = Arrays.copyOf(old, (int) (pos + len));
        System.arraycopy(data, 0, now, (int) pos, len);
        files.put(path, now);
        checkRange(path, Math.max(0, old.length - 10), now.length - Math.max(0, old.length - 10));
    }

    private void truncate() {
        String path = randomFile();
        byte[] old = files.get(path);
        int size = rnd.nextInt(4) == 0 ? rnd.nextInt(maxFile) : old.length == 0 ? 0 : rnd.nextInt(old.length + 1);
        int fd = fs.open(path, Fcntl.O_WRONLY);
        assertEquals(0, fs.sys.ftruncate(fs.task, fd, size));
        fs.close(fd);
        files.put(path, Arrays.copyOf(old, size));
        Kstat st = fs.stat(path);
        assertEquals(size, st.size());
        checkRange(path, Math.max(0, size - 5000), 10000);
    }

    private void unlink() {
        String path = randomFile();
        if (path == null) {
            return;
        }
        byte[] data = files.remove(path);
        if (rnd.nextInt(4) == 0) {
            int fd = fs.open(path, Fcntl.O_RDONLY);
            assertEquals(0, fs.sys.unlink(fs.task, path));
            assertEquals(Errno.ENOENT.neg(), fs.sys.open(fs.task, path, Fcntl.O_RDONLY, 0));
            assertSame(data, fs.pread(fd, data.length + 10, 0), () -> "unlinked but open " + path);
            fs.close(fd);
        } else {
            assertEquals(0, fs.sys.unlink(fs.task, path));
        }
    }

    private void mkdir() {
        if (dirs.size() >= 40) {
            rmdir();
            return;
        }
        String path = pick(dirs) + "/d" + names++;
        assertEquals(0, fs.mkdir(path));
        dirs.add(path);
        Kstat st = fs.stat(path);
        assertEquals(4096, st.size());
        assertEquals(2, st.nlink());
    }

    private boolean isEmptyDir(String d) {
        String prefix = d + "/";
        return files.ceilingKey(prefix) == null || !files.ceilingKey(prefix).startsWith(prefix)
                ? dirs.higher(d) == null || !dirs.higher(d).startsWith(prefix) : false;
    }

    private void rmdir() {
        if (dirs.size() == 1) {
            return;
        }
        String d = pick(dirs);
        if (d.equals(root)) {
            return;
        }
        boolean empty = isEmptyDir(d);
        long r = fs.sys.rmdir(fs.task, d);
        if (empty) {
            assertEquals(0, r, "rmdir " + d);
            dirs.remove(d);
        } else {
            assertEquals(Errno.ENOTEMPTY.neg(), r, "rmdir " + d);
        }
    }

    private void readRange() {
        String path = randomFile();
        byte[] data = files.get(path);
        long pos = data.length == 0 ? 0 : rnd.nextInt(data.length + 1);
        checkRange(path, pos, 1 + rnd.nextInt(20000));
    }

    private void check(String path) {
        assertSame(files.get(path), fs.readFile(path), () -> path);
    }

    private void checkRange(String path, long pos, int len) {
        byte[] data = files.get(path);
        int fd = fs.open(path, Fcntl.O_RDONLY);
        byte[] got = fs.pread(fd, len, pos);
        fs.close(fd);
        int from = (int) Math.min(pos, data.length);
        int to = (int) Math.min(data.length, pos + len);
        assertSame(Arrays.copyOfRange(data, from, to), got, () -> path + " at " + pos + "+" + len
                + " after " + ops + " operations");
    }

    /** Every file's content and size against the model. */
    void verifyAll() {
        for (String path : new ArrayList<>(files.keySet())) {
            check(path);
            assertEquals(files.get(path).length, fs.stat(path).size(), path);
        }
        for (String d : dirs) {
            assertTrue(fs.stat(d.isEmpty() ? "/" : d).mode() > 0);
        }
    }

    /** The model's files, for comparing with another reader of the image. */
    TreeMap<String, byte[]> files() {
        return files;
    }

    List<String> dirs() {
        return new ArrayList<>(dirs);
    }
}
