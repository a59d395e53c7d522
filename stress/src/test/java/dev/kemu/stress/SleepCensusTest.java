package dev.kemu.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.pipe.PipeSyscalls;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Signal;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SleepCensusTest {
    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void beforeSleep_blockingReadOfAnEmptyPipe_namesThatPipesReadQueue() throws Exception {
        Kernel k = Kernels.discover().boot("6.18", BootOptions.standard().withRoot("ramfs", null));
        Task t = k.newTask();
        int[] fds = new int[2];
        assertEquals(0, k.pipe2(t, fds, 0));
        long pipeId = PipeSyscalls.pipeInfo(t.files().peek(fds[0])).id();
        SleepCensus census = new SleepCensus(1);
        census.register(t, 0);
        long[] result = new long[1];
        Thread reader = new Thread(() -> result[0] = k.read(t, fds[0], UserBuffer.allocate(16), 16));
        reader.setDaemon(true);
        reader.start();

        long until = System.nanoTime() + 10_000_000_000L;
        while (census.slot(0).what == null) {
            assertTrue(reader.isAlive(), "the read returned without sleeping");
            assertTrue(System.nanoTime() < until, "the read did not go to sleep");
            Thread.onSpinWait();
        }
        SleepCensus.PipeWait w = SleepCensus.parse(census.slot(0).what);
        t.sendSignal(Signal.SIGTERM);
        reader.join(10_000);

        assertNotNull(w, "the pipe layer's wait queue name: " + census.slot(0).what);
        assertEquals(pipeId, w.pipeId());
        assertTrue(w.read());
        assertFalse(reader.isAlive());
        assertEquals(Errno.ERESTARTSYS.neg(), result[0]);
        assertNull(census.slot(0).what, "awake again");
    }

    @Test
    void parse_somethingElse_isNull() {
        assertNull(SleepCensus.parse("page lock"));
        assertNull(SleepCensus.parse(null));
    }
}
