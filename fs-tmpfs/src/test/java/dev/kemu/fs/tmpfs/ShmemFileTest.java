package dev.kemu.fs.tmpfs;

import static dev.kemu.vfs.Fcntl.O_APPEND;
import static dev.kemu.vfs.Fcntl.O_CREAT;
import static dev.kemu.vfs.Fcntl.O_RDONLY;
import static dev.kemu.vfs.Fcntl.O_RDWR;
import static dev.kemu.vfs.Fcntl.O_WRONLY;
import static dev.kemu.vfs.Fcntl.SEEK_CUR;
import static dev.kemu.vfs.Fcntl.SEEK_DATA;
import static dev.kemu.vfs.Fcntl.SEEK_END;
import static dev.kemu.vfs.Fcntl.SEEK_HOLE;
import static dev.kemu.vfs.Fcntl.SEEK_SET;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Kstat;
import dev.kemu.vfs.Page;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.spi.FileOperations.SpliceRead;
import dev.kemu.vfs.spi.FileOperations.SpliceWrite;
import dev.kemu.vfs.spi.MountException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ShmemFile} and {@link ShmemAops}: reads, writes, holes, SEEK_DATA/SEEK_HOLE, truncation
 * and {@code st_blocks}, with the values a 6.18 tmpfs gave for the same calls.
 */
class ShmemFileTest {
    private Machine m;
    private int fd;

    @BeforeEach
    void setUp() throws MountException {
        m = new Machine();
        fd = m.openOk("/tmp/f", O_RDWR | O_CREAT, 0644);
    }

    /** One byte at 10000: pages 0 and 1 are holes, page 2 is data, EOF at 10001. */
    private void writeOneByteAt10000() {
        assertEquals(1, m.pwrite(fd, new byte[] {'x'}, 10000));
    }

    @Test
    void create_newFile_isEmptyRegularFileWithoutBlocks() {
        Kstat st = m.fstat(fd);
        assertEquals(StatMode.S_IFREG | 0644, st.mode());
        assertEquals(0, st.size());
        assertEquals(0, st.blocks());
        assertEquals(1, st.nlink());
        assertEquals(4096, st.blksize());
    }

    @Test
    void write_thenPread_returnsTheSameBytes() {
        byte[] data = "hello, tmpfs".getBytes(StandardCharsets.US_ASCII);
        assertEquals(data.length, m.write(fd, data));
        assertArrayEquals(data, m.pread(fd, 100, 0).data());
        assertEquals(data.length, m.lseek(fd, 0, SEEK_CUR));
    }

    @Test
    void write_acrossPages_readsBackWhole() {
        byte[] data = new byte[3 * Page.SIZE + 123];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        assertEquals(data.length, m.pwrite(fd, data, 1000));
        assertArrayEquals(data, m.pread(fd, data.length, 1000).data());
        assertEquals(1000 + data.length, m.fstat(fd).size());
    }

    @Test
    void write_withOAppend_landsAtEndOfFile() {
        m.write(fd, "abc".getBytes(StandardCharsets.US_ASCII));
        int afd = m.openOk("/tmp/f", O_WRONLY | O_APPEND, 0);
        m.write(afd, "def".getBytes(StandardCharsets.US_ASCII));
        assertEquals("abcdef", m.pread(fd, 10, 0).text());
    }

    @Test
    void pwrite_pastEof_leavesHoleThatReadsAsZeros() {
        writeOneByteAt10000();
        Machine.Read r = m.pread(fd, 10001, 0);
        assertEquals(10001, r.ret());
        for (int i = 0; i < 10000; i++) {
            assertEquals(0, r.data()[i], "byte " + i);
        }
        assertEquals('x', r.data()[10000]);
    }

    @Test
    void stat_afterOneByteAt10000_reportsSize10001AndEightBlocks() {
        writeOneByteAt10000();
        Kstat st = m.fstat(fd);
        assertEquals(10001, st.size());
        assertEquals(8, st.blocks());
    }

    @Test
    void read_ofHole_allocatesNothing() {
        writeOneByteAt10000();
        assertEquals(10, m.pread(fd, 10, 0).ret());
        assertEquals(8, m.fstat(fd).blocks());
        assertEquals(8192, m.lseek(fd, 0, SEEK_DATA));
    }

    @Test
    void seekData_fromHole_returnsStartOfNextWrittenPage() {
        writeOneByteAt10000();
        assertEquals(8192, m.lseek(fd, 0, SEEK_DATA));
        assertEquals(8192, m.lseek(fd, 4096, SEEK_DATA));
        assertEquals(8192, m.lseek(fd, 8191, SEEK_DATA));
        assertEquals(10000, m.lseek(fd, 10000, SEEK_DATA));
        assertEquals(10000, m.lseek(fd, 0, SEEK_CUR), "SEEK_DATA moves the file position");
    }

    @Test
    void seekHole_inHoleOrLastDataPage_returnsOffsetOrEof() {
        writeOneByteAt10000();
        assertEquals(0, m.lseek(fd, 0, SEEK_HOLE));
        assertEquals(8191, m.lseek(fd, 8191, SEEK_HOLE));
        assertEquals(10001, m.lseek(fd, 8192, SEEK_HOLE));
        assertEquals(10001, m.lseek(fd, 10000, SEEK_HOLE));
    }

    @Test
    void seekDataAndSeekHole_atEofOrNegative_returnEnxio() {
        writeOneByteAt10000();
        assertEquals(Errno.ENXIO.neg(), m.lseek(fd, 10001, SEEK_DATA));
        assertEquals(Errno.ENXIO.neg(), m.lseek(fd, 10001, SEEK_HOLE));
        assertEquals(Errno.ENXIO.neg(), m.lseek(fd, -1, SEEK_DATA));
        assertEquals(Errno.ENXIO.neg(), m.lseek(fd, -1, SEEK_HOLE));
    }

    @Test
    void seekData_emptyFile_returnsEnxio() {
        assertEquals(Errno.ENXIO.neg(), m.lseek(fd, 0, SEEK_DATA));
    }

    @Test
    void seekData_pageWrittenWithZeros_countsAsData() {
        writeOneByteAt10000();
        m.pwrite(fd, new byte[10], 0);
        assertEquals(0, m.lseek(fd, 0, SEEK_DATA));
        assertEquals(4096, m.lseek(fd, 0, SEEK_HOLE));
        assertEquals(16, m.fstat(fd).blocks());
    }

    @Test
    void seekHole_afterTruncateUp_returnsEndOfLastDataPage() {
        writeOneByteAt10000();
        assertEquals(0, m.ftruncate(fd, 20000));
        assertEquals(12288, m.lseek(fd, 10001, SEEK_HOLE));
        assertEquals(Errno.ENXIO.neg(), m.lseek(fd, 12288, SEEK_DATA));
        assertEquals(8, m.fstat(fd).blocks());
    }

    @Test
    void readFolio_ofHoleThroughThePageCache_staysAHole() {
        writeOneByteAt10000();
        // What a filemap splice read of the hole does: the page cache reads page 0 in.
        File file = m.sys.fdget(m.task, fd);
        try {
            Page[] pagep = new Page[1];
            assertEquals(0, file.inode().mapping().readCachePage(file, 0, pagep));
            assertEquals(0, pagep[0].data()[0]);
        } finally {
            file.put();
        }
        assertEquals(8192, m.lseek(fd, 0, SEEK_DATA));
        assertEquals(8, m.fstat(fd).blocks());
        // Written afterwards, the page becomes data and is charged.
        m.pwrite(fd, new byte[] {'y'}, 5);
        assertEquals(0, m.lseek(fd, 0, SEEK_DATA));
        assertEquals(16, m.fstat(fd).blocks());
        assertEquals('y', m.pread(fd, 1, 5).data()[0]);
    }

    @Test
    void ftruncate_shrinking_freesWholePagesAndZeroesTheTail() {
        m.write(fd, Machine.bytes(5000, 'a'));
        assertEquals(16, m.fstat(fd).blocks());
        assertEquals(0, m.ftruncate(fd, 4500));
        assertEquals(4500, m.fstat(fd).size());
        assertEquals(16, m.fstat(fd).blocks(), "page 1 still holds bytes 4096..4499");
        assertEquals(0, m.ftruncate(fd, 5000));
        byte[] back = m.pread(fd, 5000, 0).data();
        for (int i = 0; i < 5000; i++) {
            assertEquals(i < 4500 ? 'a' : 0, back[i], "byte " + i);
        }
        assertEquals(0, m.ftruncate(fd, 4096));
        assertEquals(8, m.fstat(fd).blocks());
        assertEquals(0, m.ftruncate(fd, 0));
        assertEquals(0, m.fstat(fd).blocks());
    }

    @Test
    void ftruncate_growing_allocatesNothingAndReadsZeros() {
        assertEquals(0, m.ftruncate(fd, 1L << 30));
        Kstat st = m.fstat(fd);
        assertEquals(1L << 30, st.size());
        assertEquals(0, st.blocks());
        assertArrayEquals(new byte[16], m.pread(fd, 16, (1L << 30) - 16).data());
        assertEquals(Errno.ENXIO.neg(), m.lseek(fd, 0, SEEK_DATA));
        assertEquals(0, m.lseek(fd, 0, SEEK_HOLE));
    }

    @Test
    void ftruncate_readOnlyDescriptor_returnsEinval() {
        int ro = m.openOk("/tmp/f", O_RDONLY, 0);
        assertEquals(Errno.EINVAL.neg(), m.ftruncate(ro, 10));
    }

    @Test
    void lseek_setCurEnd_followGenericRules() {
        m.write(fd, Machine.bytes(100, 'z'));
        assertEquals(99, m.lseek(fd, -1, SEEK_END));
        assertEquals(Errno.EINVAL.neg(), m.lseek(fd, -1, SEEK_SET));
        assertEquals(1L << 62, m.lseek(fd, 1L << 62, SEEK_SET));
        assertEquals(0, m.read(fd, 10).ret(), "past EOF reads nothing");
    }

    @Test
    void unlink_whileOpen_keepsDataUntilLastClose() {
        m.write(fd, "hello".getBytes(StandardCharsets.US_ASCII));
        assertEquals(0, m.unlink("/tmp/f"));
        assertEquals(Errno.ENOENT.neg(), m.statResult("/tmp/f").ret());
        assertEquals(0, m.fstat(fd).nlink());
        assertEquals("hello", m.pread(fd, 5, 0).text());
        assertEquals(8, m.fstat(fd).blocks());
        assertEquals(0, m.close(fd));
    }

    @Test
    void splice_methods_areFilemapReadAndGenericWrite() {
        File file = m.sys.fdget(m.task, fd);
        try {
            assertEquals(SpliceRead.FILEMAP, file.fop().spliceRead());
            assertEquals(SpliceWrite.GENERIC, file.fop().spliceWrite());
            assertEquals(false, file.inode().mapping().aops().hasDirectIO());
        } finally {
            file.put();
        }
    }
}
