package dev.kemu.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * "Quiet" is exact: once every task's call has returned or is asleep, and only then. A task woken by another's call
 * is counted as running before the waker's call returns, so the machine is never seen quiet between the two.
 */
class RunQueueTest {
    @Test
    void readerWokenByAWriter_isRunningUntilItsReadReturns_neverQuietInBetween() throws Exception {
        Kernel k = Kernels.discover().boot("6.18", BootOptions.standard().withRoot("ramfs", null));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 200; round++) {
                RunQueue cpu = new RunQueue();
                Task reader = k.newTask();
                reader.setSleepHook(cpu);
                Task writer = reader.vfs().cloneTask(reader, true);
                writer.setSleepHook(cpu);
                int[] fds = new int[2];
                assertEquals(0, k.pipe2(reader, fds, 0));
                UserBuffer in = UserBuffer.allocate(16);
                java.util.concurrent.atomic.AtomicLong got = new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);
                cpu.started(reader);
                Future<?> read = threads.submit(() -> {
                    try {
                        got.set(k.read(reader, fds[0], in, 16));
                    } finally {
                        cpu.finished(reader);
                    }
                });
                assertTrue(cpu.awaitQuiet(10_000), "the reader sleeps on the empty pipe");
                assertTrue(cpu.asleep(reader));
                assertTrue(String.valueOf(cpu.sleepingOn(reader)).contains("rd_wait"), String.valueOf(cpu.sleepingOn(reader)));
                assertEquals(Long.MIN_VALUE, got.get());
                cpu.started(writer);
                Future<Long> write = threads.submit(() -> {
                    try {
                        return k.write(writer, fds[1], UserBuffer.of("hello".getBytes()), 5);
                    } finally {
                        cpu.finished(writer);
                    }
                });
                assertTrue(cpu.awaitQuiet(10_000), "both calls return");
                // Quiet means the woken reader has finished too: its result is there, no wait needed.
                assertEquals(5L, got.get(), "round " + round + ": quiet while the woken reader still ran");
                read.get(1, TimeUnit.SECONDS);
                assertEquals(5L, write.get(1, TimeUnit.SECONDS));
                k.close(reader, fds[0]);
                k.close(reader, fds[1]);
            }
        } finally {
            threads.shutdownNow();
            k.shutdown();
        }
    }
}
