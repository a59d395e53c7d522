package dev.kemu.fs.tmpfs;

import static dev.kemu.vfs.Fcntl.O_CREAT;
import static dev.kemu.vfs.Fcntl.O_RDWR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Kstat;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.spi.MountException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code size} mount option ({@code sbinfo->max_blocks}): ENOSPC from {@code write_begin}
 * once the mount's pages are used up, nothing lost of what was written. Sizes as a 6.18 tmpfs
 * mounted with {@code -o size=16k} gave them.
 */
class ShmemSizeLimitTest {
    private Machine m;

    @BeforeEach
    void setUp() throws MountException {
        m = new Machine(Map.of("size", "16k"));
    }

    @Test
    void write_pastTheLimit_isShortThenEnospcAndKeepsTheData() {
        int fd = m.openOk("/tmp/f", O_RDWR | O_CREAT, 0644);
        assertEquals(16384, m.write(fd, Machine.bytes(20000, 'y')));
        assertEquals(Errno.ENOSPC.neg(), m.write(fd, new byte[] {'z'}));
        Kstat st = m.fstat(fd);
        assertEquals(16384, st.size());
        assertEquals(32, st.blocks());
        assertArrayEquals(Machine.bytes(16384, 'y'), m.pread(fd, 20000, 0).data());
    }

    @Test
    void pwrite_intoAnAllocatedPage_succeedsWhenFull() {
        int fd = m.openOk("/tmp/f", O_RDWR | O_CREAT, 0644);
        m.write(fd, Machine.bytes(16384, 'y'));
        assertEquals(100, m.pwrite(fd, Machine.bytes(100, 'q'), 0));
        assertEquals("qy", m.pread(fd, 2, 99).text());
    }

    @Test
    void pwrite_intoAHole_whenFull_returnsEnospcAndLeavesTheSize() {
        int fd = m.openOk("/tmp/f", O_RDWR | O_CREAT, 0644);
        m.write(fd, Machine.bytes(16384, 'y'));
        assertEquals(Errno.ENOSPC.neg(), m.pwrite(fd, new byte[] {'q'}, 1 << 20));
        assertEquals(16384, m.fstat(fd).size());
    }

    @Test
    void ftruncate_freesPagesForNewWrites() {
        int fd = m.openOk("/tmp/f", O_RDWR | O_CREAT, 0644);
        m.write(fd, Machine.bytes(16384, 'y'));
        assertEquals(0, m.ftruncate(fd, 1L << 30), "growing needs no pages");
        assertEquals(0, m.ftruncate(fd, 4096));
        assertEquals(8192, m.pwrite(fd, Machine.bytes(8192, 'r'), 4096));
        Kstat st = m.fstat(fd);
        assertEquals(12288, st.size());
        assertEquals(24, st.blocks());
    }

    @Test
    void limit_isSharedByEveryFileOfTheMount() {
        int f = m.openOk("/tmp/f", O_RDWR | O_CREAT, 0644);
        m.write(f, Machine.bytes(12288, 'f'));
        int g = m.openOk("/tmp/g", O_RDWR | O_CREAT, 0644);
        assertEquals(4096, m.write(g, Machine.bytes(8192, 'g')));
        assertEquals(8, m.fstat(g).blocks());
    }

    @Test
    void unlink_whileOpen_holdsThePagesUntilTheLastClose() {
        int f = m.openOk("/tmp/f", O_RDWR | O_CREAT, 0644);
        m.write(f, Machine.bytes(16384, 'f'));
        assertEquals(0, m.unlink("/tmp/f"));
        int g = m.openOk("/tmp/g", O_RDWR | O_CREAT, 0644);
        assertEquals(Errno.ENOSPC.neg(), m.write(g, new byte[] {'g'}));
        assertEquals(Machine.bytes(16, 'f').length, m.pread(f, 16, 0).ret());
        assertEquals(0, m.close(f));
        assertEquals(16384, m.write(g, Machine.bytes(16384, 'g')));
    }

    @Test
    void unlink_closedFile_returnsItsPagesAtOnce() {
        int f = m.openOk("/tmp/f", O_RDWR | O_CREAT, 0644);
        m.write(f, Machine.bytes(16384, 'f'));
        m.close(f);
        assertEquals(0, m.unlink("/tmp/f"));
        int g = m.openOk("/tmp/g", O_RDWR | O_CREAT, 0644);
        assertEquals(16384, m.write(g, Machine.bytes(16384, 'g')));
    }

    @Test
    void sizeOption_notPageAligned_roundsUpToWholePages() throws MountException {
        Machine small = new Machine(Map.of("size", "5000"));
        int fd = small.openOk("/tmp/f", O_RDWR | O_CREAT, 0644);
        assertEquals(8192, small.write(fd, Machine.bytes(10000, 's')));
    }

    @Test
    void concurrentWriters_neverPassTheLimitAndFillItExactly() throws Exception {
        Machine big = new Machine(Map.of("size", "256k"));
        int writers = 8;
        CyclicBarrier start = new CyclicBarrier(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Long>> written = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                Task t = big.vfs.newTask("/tmp");
                String path = "/tmp/w" + i;
                written.add(pool.submit(() -> {
                    long fd = Machine.callAs(t, () -> big.sys.open(t, path, O_RDWR | O_CREAT, 0644));
                    start.await(10, TimeUnit.SECONDS);
                    long total = 0;
                    while (true) {
                        UserBuffer page = UserBuffer.of(Machine.bytes(4096, 'w'));
                        long n = Machine.callAs(t, () -> big.sys.write(t, (int) fd, page, 4096));
                        if (n < 0) {
                            assertEquals(Errno.ENOSPC.neg(), n);
                            return total;
                        }
                        total += n;
                    }
                }));
            }
            long sum = 0;
            for (Future<Long> f : written) {
                sum += f.get(10, TimeUnit.SECONDS);
            }
            assertEquals(256 * 1024, sum);
            long blocks = 0;
            for (int i = 0; i < writers; i++) {
                blocks += big.stat("/tmp/w" + i).blocks();
            }
            assertEquals(512, blocks);
        } finally {
            pool.shutdownNow();
        }
    }
}
