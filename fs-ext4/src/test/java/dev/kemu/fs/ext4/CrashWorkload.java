package dev.kemu.fs.ext4;

import dev.kemu.vfs.Fcntl;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * The child process of {@link CrashHarnessTest}: mounts a {@code mkfs.ext4} image and runs a
 * write workload fixed by a seed (create, write, append, rename, unlink, truncate, mkdir, fsync),
 * reporting on stdout, one line each, {@code DIRTY path} before any operation that changes a
 * path's content or name, {@code SYNCED path base64} once an {@code fsync} of it returned, then
 * {@code CRASH} when it reaches the {@code crashAt}-th device write, where it stops, never
 * performing that write, and waits to be killed. A workload that ends first says
 * {@code END writes=N} and waits too (unmounting nothing).
 *
 * <p>With {@code -Dkemu.crash.tasks=N}, N threads run the workload at once, each in its own
 * directory with its own seed.
 *
 * <p>Arguments: image, seed, crashAt (0: never), and optionally {@code fault} to plant the
 * bug of {@link Jbd2Journal#plantedFaultNoCommit}.
 */
public final class CrashWorkload {
    private CrashWorkload() {
    }

    public static void main(String[] args) throws Exception {
        Path img = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        long crashAt = Long.parseLong(args[2]);
        Jbd2Journal.plantedFaultNoCommit = args.length > 3 && args[3].equals("fault");
        PrintStream out = new PrintStream(System.out, true, "UTF-8");
        CrashPointDevice dev = new CrashPointDevice(FileBlockDevice.open(img, false), crashAt, out);
        MountedExt4 fs = MountedExt4.onDevice(dev, false);
        int tasks = Integer.getInteger("kemu.crash.tasks", 1);
        if (tasks == 1) {
            run(fs, new Random(seed), out, "/");
        } else {
            // Tasks on one filesystem, each in its own directory with its own seeded sequence:
            // a commit must capture only whole operations of each.
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < tasks; t++) {
                String dir = "/t" + t;
                fs.mkdir(dir);
                MountedExt4 view = fs.withNewTask();
                long s = seed * 100 + t;
                threads.add(new Thread(() -> run(view, new Random(s), out, dir)));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
        }
        synchronized (dev) {
            out.println("END writes=" + dev.writes);
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    static final int OPS = 80;

    static void run(MountedExt4 fs, Random rnd, PrintStream out, String top) {
        List<String> dirs = new ArrayList<>(List.of(top));
        List<String> files = new ArrayList<>();
        java.util.Map<String, byte[]> content = new java.util.HashMap<>();
        int names = 0;
        for (int op = 0; op < OPS; op++) {
            int kind = rnd.nextInt(100);
            String f = files.isEmpty() ? null : files.get(rnd.nextInt(files.size()));
            if (kind < 15 || files.isEmpty()) {
                String d = dirs.get(rnd.nextInt(dirs.size()));
                if (kind < 3 && dirs.size() < 5) {
                    String nd = d + (d.endsWith("/") ? "" : "/") + "d" + names++;
                    fs.mkdir(nd);
                    dirs.add(nd);
                    continue;
                }
                String nf = d + (d.endsWith("/") ? "" : "/") + "f" + names++;
                byte[] data = randomBytes(rnd, rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(40_000));
                fs.writeFile(nf, data);
                files.add(nf);
                content.put(nf, data);
            } else if (kind < 30) {
                out.println("DIRTY " + f);
                byte[] old = content.get(f);
                int at = old.length == 0 ? 0 : rnd.nextInt(old.length);
                byte[] patch = randomBytes(rnd, 1 + rnd.nextInt(20_000));
                int fd = fs.open(f, Fcntl.O_WRONLY);
                fs.pwrite(fd, patch, at);
                fs.close(fd);
                byte[] now = java.util.Arrays.copyOf(old, Math.max(old.length, at + patch.length));
                System.arraycopy(patch, 0, now, at, patch.length);
                content.put(f, now);
            } else if (kind < 45) {
                out.println("DIRTY " + f);
                byte[] patch = randomBytes(rnd, 1 + rnd.nextInt(30_000));
                int fd = fs.open(f, Fcntl.O_WRONLY | Fcntl.O_APPEND);
                fs.write(fd, patch);
                fs.close(fd);
                byte[] old = content.get(f);
                byte[] now = java.util.Arrays.copyOf(old, old.length + patch.length);
                System.arraycopy(patch, 0, now, old.length, patch.length);
                content.put(f, now);
            } else if (kind < 53) {
                String to = dirs.get(rnd.nextInt(dirs.size()));
                String nf = rnd.nextBoolean() && files.size() > 1 ? files.get(rnd.nextInt(files.size()))
                        : to + (to.endsWith("/") ? "" : "/") + "r" + names++;
                if (nf.equals(f)) {
                    continue;
                }
                out.println("DIRTY " + f);
                out.println("DIRTY " + nf);
                fs.sys.rename(fs.task, f, nf);
                files.remove(f);
                files.remove(nf);
                files.add(nf);
                content.put(nf, content.remove(f));
            } else if (kind < 60) {
                out.println("DIRTY " + f);
                fs.sys.unlink(fs.task, f);
                files.remove(f);
                content.remove(f);
            } else if (kind < 70) {
                out.println("DIRTY " + f);
                byte[] old = content.get(f);
                int len = old.length == 0 ? 0 : rnd.nextInt(old.length);
                fs.sys.truncate(fs.task, f, len);
                content.put(f, java.util.Arrays.copyOf(old, len));
            } else {
                int fd = fs.open(f, Fcntl.O_RDONLY);
                long r = fs.sys.fsync(fs.task, fd);
                fs.close(fd);
                if (r == 0) {
                    out.println("SYNCED " + f + " " + Base64.getEncoder().encodeToString(content.get(f)));
                    if (rnd.nextBoolean()) {
                        // Kept as synced: no later operation touches it.
                        files.remove(f);
                    }
                }
            }
        }
    }

    private static byte[] randomBytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    /** The image, stopping for good at its {@code crashAt}-th write. */
    static final class CrashPointDevice implements BlockDevice {
        private final BlockDevice dev;
        private final long crashAt;
        private final PrintStream out;
        long writes;

        CrashPointDevice(BlockDevice dev, long crashAt, PrintStream out) {
            this.dev = dev;
            this.crashAt = crashAt;
            this.out = out;
        }

        @Override
        public long sizeInBytes() {
            return dev.sizeInBytes();
        }

        @Override
        public void read(long pos, byte[] dst, int off, int len) {
            dev.read(pos, dst, off, len);
        }

        @Override
        public synchronized void write(long pos, byte[] src, int off, int len) {
            writes++;
            if (writes == crashAt) {
                out.println("CRASH");
                while (true) {
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        // waits for SIGKILL
                    }
                }
            }
            dev.write(pos, src, off, len);
        }

        @Override
        public void flush() {
            dev.flush();
        }

        @Override
        public void close() {
            dev.close();
        }
    }
}
