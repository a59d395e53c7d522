package dev.kemu.fs.ext4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Several tasks, each on its own thread and in its own directory, create, write, truncate and
 * remove files at the same time: the shared allocator and the root directory see concurrent
 * callers. Each task's model must hold and the filesystem must check clean afterwards.
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
}
