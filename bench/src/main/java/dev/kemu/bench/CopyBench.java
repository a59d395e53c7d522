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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * copy_file_range of a 1 GiB file on the emulated ext4, page cache warm: the source is written
 * once (its pages stay cached), and each invocation copies it whole into a file that was
 * truncated to 0 before, as {@code cp} on a recent coreutils does. The score is milliseconds
 * per GiB; bytes per second is 2^30 divided by it.
 *
 * <p>Memory: every copy allocates 2^18 new page-cache pages (1 GiB), which live until the next
 * truncation; the source's 1 GiB lives throughout. The kernel frees the destination's pages when
 * the file is truncated or unlinked ({@code filecopy}, the C program it is compared with, unlinks
 * its output after the timing); here the collector reclaims them, and a young collection that
 * falls inside a copy also copies the pages that copy has made so far. {@link #collect} says
 * where that work is:
 * <ul>
 * <li>{@code between}: a full collection after each truncation, untimed, as the C program's
 * unlink is untimed; the young generation holds several copies' worth of pages, so no
 * collection falls inside a copy and the score is the page-cache path alone;
 * <li>{@code inside}: the collector runs where it decides (about every fourth copy, inside one),
 * and its pauses are in the score, averaged over some twenty copies.
 * </ul>
 * A profile of one copy (JFR) shows the page-cache path at about the kernel's CPU time per GiB
 * (0.38 s of thread CPU against the kernel's 0.40 s of system time, on one machine in one hour);
 * the rest of {@code inside} is the collector copying live pages. {@code bench/copy-vs-kernel.sh}
 * runs both against the machine's kernel.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms10g", "-Xmx10g", "-Xmn6g", "-XX:SurvivorRatio=5", "-XX:-UseAdaptiveSizePolicy",
    "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 2, time = 4)
@Measurement(iterations = 5, time = 4)
public class CopyBench {
    static final long GIB = 1L << 30;

    /** Where the collection that reclaims the last copy's pages runs: {@code between} copies (untimed) or {@code inside} them. */
    @Param({"between", "inside"})
    public String collect;

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
        if ("between".equals(collect)) {
            System.gc();
        }
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
