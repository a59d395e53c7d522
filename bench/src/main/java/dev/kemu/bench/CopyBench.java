package dev.kemu.bench;

import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.UserLong;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * copy_file_range of a 1 GiB file on the emulated ext4, page cache warm: the source is written
 * once (its pages stay cached), and each invocation copies it whole into a file that was
 * truncated to 0 before, as {@code cp} on a recent coreutils does. The score is seconds per
 * GiB; bytes per second is 2^30 divided by it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g", "-XX:+UseParallelGC"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class CopyBench {
    static final long GIB = 1L << 30;

    private Kernel kernel;
    private Task task;
    private int src;
    private int dst;

    @Setup(Level.Trial)
    public void boot() throws Exception {
        BootOptions opts = BootOptions.standard();
        opts = new BootOptions(opts.rootType(), null, Map.of("size", "4g"), opts.mounts(), opts.cwd());
        kernel = Kernels.discover().boot("6.18", opts);
        task = kernel.newTask();
        src = open("src");
        dst = open("dst");
        UserBuffer chunk = UserBuffer.allocate(1 << 20);
        byte[] pattern = new byte[1 << 20];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) (i * 31 + 7);
        }
        chunk.write(0, pattern, 0, pattern.length);
        for (long done = 0; done < GIB; done += chunk.length()) {
            check(kernel.write(task, src, chunk, chunk.length()), "write");
        }
    }

    private int open(String name) {
        return (int) check(kernel.openat(task, Fcntl.AT_FDCWD, name, Fcntl.O_RDWR | Fcntl.O_CREAT | Fcntl.O_TRUNC, 0644), "open");
    }

    private static long check(long ret, String what) {
        if (ret < 0) {
            throw new IllegalStateException(what + ": " + Errno.of(ret));
        }
        return ret;
    }

    @Setup(Level.Invocation)
    public void emptyDestination() {
        check(kernel.ftruncate(task, dst, 0), "ftruncate");
    }

    /** One whole-file copy: copy_file_range returns at most MAX_RW_COUNT, so loop as cp does. */
    @Benchmark
    public long copyFileRange1g() {
        UserLong in = UserLong.of(0);
        UserLong out = UserLong.of(0);
        long total = 0;
        while (total < GIB) {
            long n = check(kernel.copyFileRange(task, src, in, dst, out, GIB - total, 0), "copy_file_range");
            if (n == 0) {
                break;
            }
            total += n;
        }
        if (total != GIB) {
            throw new IllegalStateException("copied " + total);
        }
        return total;
    }
}
