package dev.kemu.bench;

import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.UserLong;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;

/**
 * {@link CopyBench}'s copy with the calling thread's CPU time beside its wall time: on a shared
 * machine the wall time of either side swells with the load, the CPU time of the copying thread
 * much less, and it leaves out the collector's threads (compare it with the system time of
 * {@code /usr/bin/time bench/src/main/c/filecopy cfr IN OUT new}). A full collection runs before
 * each copy, untimed.
 *
 * <p>usage: {@code java -Xms10g -Xmx10g -Xmn6g -XX:+UseParallelGC -cp bench/target/benchmarks.jar
 * dev.kemu.bench.CopyCpu [COPIES]}
 */
public final class CopyCpu {
    private CopyCpu() {
    }

    public static void main(String[] args) throws Exception {
        int copies = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        BootOptions opts = BootOptions.standard();
        opts = new BootOptions(opts.rootType(), null, Map.of("size", "4g"), opts.mounts(), opts.cwd());
        Kernel kernel = Kernels.discover().boot("6.18", opts);
        Task task = kernel.newTask();
        int src = (int) check(kernel.openat(task, Fcntl.AT_FDCWD, "src", Fcntl.O_RDWR | Fcntl.O_CREAT | Fcntl.O_TRUNC, 0644));
        int dst = (int) check(kernel.openat(task, Fcntl.AT_FDCWD, "dst", Fcntl.O_RDWR | Fcntl.O_CREAT | Fcntl.O_TRUNC, 0644));
        UserBuffer chunk = UserBuffer.allocate(1 << 20);
        for (long done = 0; done < CopyBench.GIB; done += chunk.length()) {
            check(kernel.write(task, src, chunk, chunk.length()));
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < copies; i++) {
            check(kernel.ftruncate(task, dst, 0));
            System.gc();
            long cpu0 = mx.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            UserLong in = UserLong.of(0);
            UserLong out = UserLong.of(0);
            long total = 0;
            while (total < CopyBench.GIB) {
                total += check(kernel.copyFileRange(task, src, in, dst, out, CopyBench.GIB - total, 0));
            }
            System.out.printf("copy %d: thread CPU %d ms, wall %d ms%n", i, (mx.getCurrentThreadCpuTime() - cpu0) / 1_000_000,
                    (System.nanoTime() - wall0) / 1_000_000);
        }
    }

    private static long check(long ret) {
        if (ret < 0) {
            throw new IllegalStateException(String.valueOf(Errno.of(ret)));
        }
        return ret;
    }
}
