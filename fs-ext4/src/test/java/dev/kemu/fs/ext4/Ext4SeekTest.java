package dev.kemu.fs.ext4;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.VfsBehaviour;
import dev.kemu.vfs.VfsBehaviour.Ext4SeekHole;
import dev.kemu.vfs.spi.MountException;
import dev.kemu.vfs.testing.TestMachine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SEEK_DATA and SEEK_HOLE on ext4 in each era of {@code fs/ext4/file.c:ext4_llseek()}: the
 * 3.10–4.5 walk over {@code ext4_map_blocks()}, the 4.6–4.13 walk over
 * {@code ext4_get_next_extent()}, the same with 4.14's {@code offset < 0} test, and iomap (4.15 on).
 * The expected values are worked out from those kernels' sources (and, for -1, seen on 3.10, 4.5,
 * 4.10, 5.2 and 6.18 under qemu).
 *
 * <p>The file most tests use: 100 bytes at 0 (block 0 written), a hole over blocks 1 and 2,
 * 2048 bytes at 12288 (block 3); {@code i_size} 14336.
 */
class Ext4SeekTest {
    private static final long SIZE = 3 * 4096 + 2048;
    private static final long LARGE_NEGATIVE = -(1L << 20);
    private static final long MARK = 777;
    private TestMachine m;

    @AfterEach
    void fsckClean() {
        if (m != null) {
            assertEquals(List.of(), Ext4Fsck.check(m.mountedSb()));
            m.vfs.shutdown();
        }
    }

    private void boot(Ext4SeekHole era) throws MountException {
        m = new TestMachine("ext4", null, "/mnt", Map.of("size", "64m"), "/mnt", new VfsBehaviour() {
            @Override
            public Ext4SeekHole ext4SeekHole() {
                return era;
            }
        }) {
        };
    }

    /** The file described above, open read-write, its position at {@link #MARK}. */
    private int dataHoleData() {
        int fd = m.openOk("f", Fcntl.O_CREAT | Fcntl.O_RDWR, 0644);
        assertEquals(100, m.pwrite(fd, new byte[100], 0));
        assertEquals(2048, m.pwrite(fd, new byte[2048], 3 * 4096));
        assertEquals(MARK, m.lseek(fd, MARK, Fcntl.SEEK_SET));
        return fd;
    }

    private long pos(int fd) {
        return m.lseek(fd, 0, Fcntl.SEEK_CUR);
    }

    @ParameterizedTest
    @EnumSource(Ext4SeekHole.class)
    void seek_nonNegativeOffsets_sameInEveryEra(Ext4SeekHole era) throws Exception {
        boot(era);
        int fd = dataHoleData();
        assertEquals(0, m.lseek(fd, 0, Fcntl.SEEK_DATA));
        assertEquals(4096, m.lseek(fd, 0, Fcntl.SEEK_HOLE));
        assertEquals(50, m.lseek(fd, 50, Fcntl.SEEK_DATA), "inside data");
        assertEquals(4096, m.lseek(fd, 50, Fcntl.SEEK_HOLE), "inside data");
        assertEquals(3 * 4096, m.lseek(fd, 5000, Fcntl.SEEK_DATA), "inside the hole");
        assertEquals(5000, m.lseek(fd, 5000, Fcntl.SEEK_HOLE), "inside the hole");
        assertEquals(SIZE, m.lseek(fd, 3 * 4096, Fcntl.SEEK_HOLE), "the implicit hole at EOF");
        assertEquals(SIZE, pos(fd));
        assertEquals(Errno.ENXIO.neg(), m.lseek(fd, SIZE, Fcntl.SEEK_DATA), "at EOF");
        assertEquals(Errno.ENXIO.neg(), m.lseek(fd, SIZE, Fcntl.SEEK_HOLE), "at EOF");
        assertEquals(Errno.ENXIO.neg(), m.lseek(fd, SIZE + 4096, Fcntl.SEEK_DATA), "past EOF");
        assertEquals(Errno.ENXIO.neg(), m.lseek(fd, SIZE + 4096, Fcntl.SEEK_HOLE), "past EOF");
        assertEquals(SIZE, pos(fd), "errors leave the position");
        m.close(fd);
    }

    @ParameterizedTest
    @EnumSource(Ext4SeekHole.class)
    void seek_sizeBeyondTheLastExtent_isAHoleToEof(Ext4SeekHole era) throws Exception {
        boot(era);
        int fd = dataHoleData();
        assertEquals(0, m.ftruncate(fd, 10 * 4096));
        assertEquals(Errno.ENXIO.neg(), m.lseek(fd, 4 * 4096, Fcntl.SEEK_DATA), "only a hole left");
        assertEquals(4 * 4096, m.lseek(fd, 4 * 4096, Fcntl.SEEK_HOLE));
        assertEquals(4 * 4096, m.lseek(fd, 3 * 4096, Fcntl.SEEK_HOLE), "the hole after the last extent");
        m.close(fd);
    }

    @ParameterizedTest
    @EnumSource(Ext4SeekHole.class)
    void seek_unwrittenExtentWithoutCachedPages_isAHole(Ext4SeekHole era) throws Exception {
        boot(era);
        int fd = m.openOk("u", Fcntl.O_CREAT | Fcntl.O_RDWR, 0644);
        assertEquals(0, m.fallocate(fd, 0, 0, 2 * 4096));
        assertEquals(Errno.ENXIO.neg(), m.lseek(fd, 0, Fcntl.SEEK_DATA));
        assertEquals(0, m.lseek(fd, 0, Fcntl.SEEK_HOLE));
        assertEquals(100, m.lseek(fd, 100, Fcntl.SEEK_HOLE));
        m.close(fd);
    }

    @ParameterizedTest
    @EnumSource(Ext4SeekHole.class)
    void seek_emptyFileAtZero_givesEnxio(Ext4SeekHole era) throws Exception {
        boot(era);
        int fd = m.openOk("e", Fcntl.O_CREAT | Fcntl.O_RDWR, 0644);
        assertEquals(Errno.ENXIO.neg(), m.lseek(fd, 0, Fcntl.SEEK_DATA));
        assertEquals(Errno.ENXIO.neg(), m.lseek(fd, 0, Fcntl.SEEK_HOLE));
        m.close(fd);
    }

    @Test
    void seekData_minusOneOn310To45_wrapsToBlockZeroAndMovesThere() throws Exception {
        boot(Ext4SeekHole.MAP_BLOCKS);
        int fd = dataHoleData();
        assertEquals(0, m.lseek(fd, -1, Fcntl.SEEK_DATA));
        assertEquals(0, pos(fd));
        m.close(fd);
    }

    @Test
    void seekData_minusOneOn310To45_findsTheFirstDataOfAFileStartingWithAHole() throws Exception {
        boot(Ext4SeekHole.MAP_BLOCKS);
        int fd = m.openOk("g", Fcntl.O_CREAT | Fcntl.O_RDWR, 0644);
        assertEquals(10, m.pwrite(fd, new byte[10], 2 * 4096));
        assertEquals(2 * 4096, m.lseek(fd, -1, Fcntl.SEEK_DATA));
        assertEquals(2 * 4096, pos(fd));
        m.close(fd);
    }

    @Test
    void seek_negativeOn310To45_holeIsEinvalOtherDataEnxio() throws Exception {
        boot(Ext4SeekHole.MAP_BLOCKS);
        int fd = dataHoleData();
        assertEquals(Errno.EINVAL.neg(), m.lseek(fd, -1, Fcntl.SEEK_HOLE), "vfs_setpos(-1)");
        assertEquals(Errno.ENXIO.neg(), m.lseek(fd, LARGE_NEGATIVE, Fcntl.SEEK_DATA), "the walk starts past end");
        assertEquals(Errno.EINVAL.neg(), m.lseek(fd, LARGE_NEGATIVE, Fcntl.SEEK_HOLE));
        assertEquals(MARK, pos(fd));
        m.close(fd);
    }

    @Test
    void seek_minusOneOnAnEmptyFileOn310To45_dataEnxioHoleEinval() throws Exception {
        boot(Ext4SeekHole.MAP_BLOCKS);
        int fd = m.openOk("e", Fcntl.O_CREAT | Fcntl.O_RDWR, 0644);
        assertEquals(Errno.ENXIO.neg(), m.lseek(fd, -1, Fcntl.SEEK_DATA));
        assertEquals(Errno.EINVAL.neg(), m.lseek(fd, -1, Fcntl.SEEK_HOLE));
        m.close(fd);
    }

    @Test
    void seek_negativeOn46To413_givesEuclean() throws Exception {
        boot(Ext4SeekHole.NEXT_EXTENT);
        int fd = dataHoleData();
        assertEquals(Errno.EUCLEAN.neg(), m.lseek(fd, -1, Fcntl.SEEK_DATA));
        assertEquals(Errno.EUCLEAN.neg(), m.lseek(fd, -1, Fcntl.SEEK_HOLE));
        assertEquals(Errno.EUCLEAN.neg(), m.lseek(fd, LARGE_NEGATIVE, Fcntl.SEEK_DATA), "the hole walk reaches 0xffffffff");
        assertEquals(Errno.EUCLEAN.neg(), m.lseek(fd, LARGE_NEGATIVE, Fcntl.SEEK_HOLE));
        assertEquals(MARK, pos(fd));
        int empty = m.openOk("e", Fcntl.O_CREAT | Fcntl.O_RDWR, 0644);
        assertEquals(Errno.EUCLEAN.neg(), m.lseek(empty, -1, Fcntl.SEEK_DATA));
        m.close(empty);
        m.close(fd);
    }

    @Test
    void seek_longMinBeforeIomap_startsAtBlockZeroWithANegativeOffset() throws Exception {
        // LLONG_MIN >> 12 has 0 in its low 32 bits: the walk starts at block 0 with the offset
        // still negative, so data there leaves it negative (vfs_setpos: EINVAL), while a hole
        // search moves past the data and answers the hole.
        for (Ext4SeekHole era : new Ext4SeekHole[] {Ext4SeekHole.MAP_BLOCKS, Ext4SeekHole.NEXT_EXTENT}) {
            boot(era);
            int fd = dataHoleData();
            assertEquals(Errno.EINVAL.neg(), m.lseek(fd, Long.MIN_VALUE, Fcntl.SEEK_DATA), era.name());
            assertEquals(4096, m.lseek(fd, Long.MIN_VALUE, Fcntl.SEEK_HOLE), era.name());
            m.close(fd);
            fsckClean();
            m = null;
        }
    }

    @ParameterizedTest
    @EnumSource(value = Ext4SeekHole.class, names = {"NEXT_EXTENT_NONNEGATIVE", "IOMAP"})
    void seek_negativeFrom414_givesEnxio(Ext4SeekHole era) throws Exception {
        boot(era);
        int fd = dataHoleData();
        for (long off : new long[] {-1, LARGE_NEGATIVE, Long.MIN_VALUE}) {
            assertEquals(Errno.ENXIO.neg(), m.lseek(fd, off, Fcntl.SEEK_DATA), "SEEK_DATA " + off);
            assertEquals(Errno.ENXIO.neg(), m.lseek(fd, off, Fcntl.SEEK_HOLE), "SEEK_HOLE " + off);
        }
        assertEquals(MARK, pos(fd));
        int empty = m.openOk("e", Fcntl.O_CREAT | Fcntl.O_RDWR, 0644);
        assertEquals(Errno.ENXIO.neg(), m.lseek(empty, -1, Fcntl.SEEK_DATA));
        m.close(empty);
        m.close(fd);
    }

    @Test
    void ext4SeekHole_default_isIomap() {
        assertEquals(Ext4SeekHole.IOMAP, VfsBehaviour.DEFAULT.ext4SeekHole());
    }
}
