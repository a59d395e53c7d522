package dev.kemu.fs.ext4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.Fcntl;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Several tasks, each on its own thread and in its own directory, create, write, truncate and
 * remove files at the same time: the shared allocator and the root directory see concurrent
 * callers. Each task's model must hold and the filesystem must check clean afterwards. And one
 * file written while others read it, seek in it and write everything back: the cached extent tree
 * under {@code i_data_sem}'s two modes.
 */
@ExtendWith(FsckAfterEach.class)
class ConcurrentWritersTest {
    @Test
    void workloads_inParallelDirectories_stayConsistent() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("128m");
        int threads = 4;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Workload>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    MountedExt4 mine = fs.withNewTask();
                    assertEquals(0, mine.mkdir("/t" + id));
                    Workload w = new Workload(mine, "/t" + id, 1000 + id, 64 * 1024);
                    start.await(10, TimeUnit.SECONDS);
                    w.run(3000);
                    return w;
                }));
            }
            for (Future<Workload> f : done) {
                Workload w = f.get(60, TimeUnit.SECONDS);
                w.verifyAll();
                assertTrue(w.ops == 3000);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
        assertEquals(List.of(), fs.fsck());
    }

    private static byte[] block(long tag) {
        byte[] b = new byte[4096];
        ByteBuffer.wrap(b).putLong(tag).putLong(4088, ~tag);
        return b;
    }

    @Test
    void appends_withConcurrentReadersSeeksAndSyncs_readWhatWasWritten() throws Exception {
        CountingBlockDevice dev = new CountingBlockDevice(128L << 20);
        MountedExt4 fs = MountedExt4.onDevice(dev, true);
        Ext4SbInfo sbi = Ext4SbInfo.of(fs.sb);
        fs.close(fs.open("/f", Fcntl.O_CREAT | Fcntl.O_WRONLY));
        int blocks = 2500;
        AtomicLong written = new AtomicLong(); // blocks 0..written-1 are complete
        AtomicBoolean done = new AtomicBoolean();
        CyclicBarrier start = new CyclicBarrier(4);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> all = new ArrayList<>();
            all.add(pool.submit(() -> {
                MountedExt4 me = fs.withNewTask();
                int fd = me.open("/f", Fcntl.O_RDWR);
                start.await(10, TimeUnit.SECONDS);
                try {
                    for (int i = 0; i < blocks; i++) {
                        // every other block: one extent each, a tree two levels deep
                        assertEquals(4096, me.pwrite(fd, block(i), 2L * i * 4096));
                        written.set(i + 1);
                    }
                } finally {
                    done.set(true);
                }
                me.close(fd);
                return null;
            }));
            for (int r = 0; r < 2; r++) {
                long seed = r;
                all.add(pool.submit(() -> {
                    MountedExt4 me = fs.withNewTask();
                    int fd = me.open("/f", Fcntl.O_RDONLY);
                    Random rnd = new Random(seed);
                    start.await(10, TimeUnit.SECONDS);
                    for (int n = 0; n < 200_000 && !done.get(); n++) {
                        long have = written.get();
                        if (have < 2) {
                            Thread.onSpinWait();
                            continue;
                        }
                        long i = rnd.nextInt((int) have - 1);
                        assertArrayEquals(block(i), me.pread(fd, 4096, 2 * i * 4096), "block " + i);
                        long hole = (2 * i + 1) * 4096;
                        assertEquals(hole + 4096, me.sys.lseek(me.task, fd, hole, Fcntl.SEEK_DATA));
                        assertEquals(hole, me.sys.lseek(me.task, fd, hole - 4096, Fcntl.SEEK_HOLE));
                    }
                    me.close(fd);
                    return null;
                }));
            }
            all.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                for (int n = 0; n < 10_000 && !done.get(); n++) {
                    assertEquals(0, Ext4Writeback.syncFs(sbi));
                }
                return null;
            }));
            for (Future<?> f : all) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
        assertEquals(blocks, written.get());
        assertEquals(List.of(), fs.fsck());
        fs.unmount();

        MountedExt4 again = MountedExt4.onDevice(dev, false);
        int fd = again.open("/f", Fcntl.O_RDONLY);
        for (int i = 0; i < blocks; i++) {
            assertArrayEquals(block(i), again.pread(fd, 4096, 2L * i * 4096), "block " + i + " after remount");
        }
        again.close(fd);
    }
}
