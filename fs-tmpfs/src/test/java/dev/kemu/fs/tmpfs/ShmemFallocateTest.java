package dev.kemu.fs.tmpfs;

import static dev.kemu.vfs.Fallocate.FALLOC_FL_COLLAPSE_RANGE;
import static dev.kemu.vfs.Fallocate.FALLOC_FL_KEEP_SIZE;
import static dev.kemu.vfs.Fallocate.FALLOC_FL_PUNCH_HOLE;
import static dev.kemu.vfs.Fallocate.FALLOC_FL_ZERO_RANGE;
import static dev.kemu.vfs.Fcntl.O_CREAT;
import static dev.kemu.vfs.Fcntl.O_RDWR;
import static dev.kemu.vfs.Fcntl.SEEK_DATA;
import static dev.kemu.vfs.Fcntl.SEEK_HOLE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Statfs;
import dev.kemu.vfs.spi.MountException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** tmpfs fallocate, statfs and fsync ({@code mm/shmem.c:shmem_fallocate()}, {@code shmem_statfs()}). */
class ShmemFallocateTest {
    @Test
    void fallocate_allocatesPagesThatReadAsZeros_andGrowsTheSize() throws MountException {
        Machine m = new Machine();
        int fd = m.openOk("/tmp/f", O_RDWR | O_CREAT, 0644);
        assertEquals(0, m.fallocate(fd, 0, 100, 10000));
        assertEquals(10100, m.fstat(fd).size());
        assertEquals(3 * 8, m.fstat(fd).blocks(), "pages 0, 1 and 2");
        assertArrayEquals(new byte[10100], m.pread(fd, 20000, 0).data());
        assertEquals(0, m.lseek(fd, 0, SEEK_DATA), "allocated pages are data");
        assertEquals(0, m.fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, 40960));
        assertEquals(10100, m.fstat(fd).size(), "KEEP_SIZE");
        assertEquals(10 * 8, m.fstat(fd).blocks());
    }

    @Test
    void punchHole_freesWholePages_zeroesTheEdges_keepsTheSize() throws MountException {
        Machine m = new Machine();
        int fd = m.openOk("/tmp/f", O_RDWR | O_CREAT, 0644);
        assertEquals(4 * 4096, m.write(fd, Machine.bytes(4 * 4096, 'a')));
        assertEquals(0, m.fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 100, 2 * 4096));
        assertEquals(4 * 4096, m.fstat(fd).size());
        assertEquals(3 * 8, m.fstat(fd).blocks(), "page 1 is freed, pages 0 and 2 are only zeroed in part");
        byte[] data = m.pread(fd, 4 * 4096, 0).data();
        byte[] expect = Machine.bytes(4 * 4096, 'a');
        java.util.Arrays.fill(expect, 100, 100 + 2 * 4096, (byte) 0);
        assertArrayEquals(expect, data);
        assertEquals(4096, m.lseek(fd, 0, SEEK_HOLE));
    }

    @Test
    void fallocate_otherModes_areEopnotsupp() throws MountException {
        Machine m = new Machine();
        int fd = m.openOk("/tmp/f", O_RDWR | O_CREAT, 0644);
        m.write(fd, Machine.bytes(3 * 4096, 'a'));
        assertEquals(Errno.EOPNOTSUPP.neg(), m.fallocate(fd, FALLOC_FL_ZERO_RANGE, 0, 4096));
        assertEquals(Errno.EOPNOTSUPP.neg(), m.fallocate(fd, FALLOC_FL_COLLAPSE_RANGE, 0, 4096));
    }

    @Test
    void fallocate_pastTheSizeLimit_isEnospc_andTakesNothing() throws MountException {
        Machine m = new Machine(Map.of("size", "16k"));
        int fd = m.openOk("/tmp/f", O_RDWR | O_CREAT, 0644);
        assertEquals(Errno.ENOSPC.neg(), m.fallocate(fd, 0, 0, 5 * 4096), "more pages than the mount has");
        assertEquals(4096, m.write(fd, Machine.bytes(4096, 'x')));
        int g = m.openOk("/tmp/g", O_RDWR | O_CREAT, 0644);
        assertEquals(Errno.ENOSPC.neg(), m.fallocate(g, 0, 0, 4 * 4096), "three pages left");
        assertEquals(0, m.fstat(g).blocks());
        assertEquals(0, m.fstat(g).size());
        assertEquals(0, m.fallocate(g, 0, 0, 3 * 4096));
    }

    @Test
    void statfs_withSizeLimit_countsPages_withoutIsZero() throws MountException {
        Machine m = new Machine(Map.of("size", "16k"));
        int fd = m.openOk("/tmp/f", O_RDWR | O_CREAT, 0644);
        m.write(fd, Machine.bytes(4097, 'x'));
        Statfs s = m.statfs("/tmp");
        assertEquals(Statfs.TMPFS_MAGIC, s.type());
        assertEquals(4, s.blocks());
        assertEquals(2, s.bfree());
        assertEquals(2, s.bavail());
        assertEquals(Statfs.ST_VALID | Statfs.ST_RELATIME, s.flags());
        assertEquals(0, new Machine().statfs("/tmp").blocks());
    }

    @Test
    void fsync_tmpfsFileAndDirectory_isZero() throws MountException {
        Machine m = new Machine();
        int fd = m.openOk("/tmp/f", O_RDWR | O_CREAT, 0644);
        int dir = m.openOk("/tmp", 0, 0);
        assertEquals(0, m.fsync(fd));
        assertEquals(0, m.fsync(dir));
    }

    @Test
    void memfd_isATmpfsFileOnAnInternalMount() throws MountException {
        Machine m = new Machine();
        long fd = m.call(() -> m.sys.memfdCreate(m.task, "buf", 0, true));
        assertEquals(0, fd);
        assertEquals(0, m.fallocate((int) fd, 0, 0, 3 * 4096), "tmpfs fallocate works on a memfd");
        assertEquals(3 * 8, m.fstat((int) fd).blocks());
        assertEquals(0, m.fstat((int) fd).nlink());
        m.task.enter();
        try {
            Statfs s = m.sys.fstatfs(m.task, (int) fd).statfs();
            assertEquals(Statfs.TMPFS_MAGIC, s.type());
            assertEquals(Statfs.ST_VALID, s.flags(), "an internal mount has no mount flags");
        } finally {
            m.task.exit();
        }
        assertEquals(0, m.statfs("/tmp").blocks(), "the memfd is not on the /tmp mount");
    }
}
