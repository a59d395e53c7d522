package dev.kemu.fs.ext4;

import static dev.kemu.vfs.Fallocate.FALLOC_FL_COLLAPSE_RANGE;
import static dev.kemu.vfs.Fallocate.FALLOC_FL_INSERT_RANGE;
import static dev.kemu.vfs.Fallocate.FALLOC_FL_KEEP_SIZE;
import static dev.kemu.vfs.Fallocate.FALLOC_FL_PUNCH_HOLE;
import static dev.kemu.vfs.Fallocate.FALLOC_FL_ZERO_RANGE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fallocate;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.FileIoctl;
import dev.kemu.vfs.Statfs;
import dev.kemu.vfs.Statx;
import dev.kemu.vfs.UserBuffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * ext4 fallocate, statfs, FS_IOC_GETFLAGS and statx ({@link Ext4Fallocate}, {@link Ext4Statfs}):
 * contents, sizes and {@code st_blocks} after each mode, the model's fsck after every test, and
 * the real {@code e2fsck -fn} on an image.
 */
@ExtendWith(FsckAfterEach.class)
class Ext4FallocateTest {
    private static final int B = 4096;

    @TempDir
    Path tmp;

    private static long fallocate(MountedExt4 fs, int fd, int mode, long off, long len) {
        return fs.sys.fallocate(fs.task, fd, mode, off, len, Fallocate.Modes.EXCLUSIVE_WRITE_ZEROES);
    }

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + (i / B) % 26);
        }
        return b;
    }

    private static Statfs statfs(MountedExt4 fs) {
        return fs.sys.statfs(fs.task, "/").statfs();
    }

    @Test
    void allocate_givesUnwrittenBlocksThatReadAsZeros_andGrowsTheSize() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("64m");
        int fd = fs.open("/f", Fcntl.O_CREAT | Fcntl.O_RDWR);
        long free = statfs(fs).bfree();
        assertEquals(0, fallocate(fs, fd, 0, 100, 10 * B));
        assertEquals(100 + 10 * B, fs.stat("/f").size());
        assertEquals(11 * 8, fs.stat("/f").blocks(), "blocks 0 to 10");
        assertEquals(free - 11, statfs(fs).bfree());
        assertArrayEquals(new byte[100 + 10 * B], fs.pread(fd, 20 * B, 0));
        assertEquals(5, fs.pwrite(fd, "hello".getBytes(), 3 * B + 7));
        byte[] expect = new byte[100 + 10 * B];
        System.arraycopy("hello".getBytes(), 0, expect, 3 * B + 7, 5);
        assertArrayEquals(expect, fs.pread(fd, 20 * B, 0));
        assertEquals(11 * 8, fs.stat("/f").blocks(), "the write used an allocated block");
        assertEquals(0, fallocate(fs, fd, FALLOC_FL_KEEP_SIZE, 20 * B, 4 * B));
        assertEquals(100 + 10 * B, fs.stat("/f").size(), "KEEP_SIZE");
        assertEquals(15 * 8, fs.stat("/f").blocks());
        fs.close(fd);
        fs.unmount();
        MountedExt4 again = MountedExt4.onDevice(fs.device(), false);
        assertArrayEquals(expect, again.readFile("/f"));
    }

    @Test
    void punchHole_freesWholeBlocks_zeroesTheEdges_andTheZerosReachTheDisk() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("64m");
        byte[] data = pattern(8 * B);
        fs.writeFile("/f", data);
        int fd = fs.open("/f", Fcntl.O_RDWR);
        long free = statfs(fs).bfree();
        assertEquals(Errno.EOPNOTSUPP.neg(), fallocate(fs, fd, FALLOC_FL_PUNCH_HOLE, B, B));
        assertEquals(0, fallocate(fs, fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, B + 10, 3 * B));
        Arrays.fill(data, B + 10, 4 * B + 10, (byte) 0);
        assertArrayEquals(data, fs.pread(fd, 8 * B, 0));
        assertEquals(8 * B, fs.stat("/f").size());
        assertEquals(6 * 8, fs.stat("/f").blocks(), "blocks 2 and 3 are gone");
        assertEquals(free + 2, statfs(fs).bfree());
        assertEquals(2 * B, fs.sys.lseek(fs.task, fd, 0, Fcntl.SEEK_HOLE));
        assertEquals(0, fallocate(fs, fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 100 * B, B), "past EOF: nothing");
        fs.close(fd);
        fs.unmount();
        assertArrayEquals(data, MountedExt4.onDevice(fs.device(), false).readFile("/f"));
    }

    @Test
    void zeroRange_zeroesAndKeepsTheBlocksAllocated() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("64m");
        byte[] data = pattern(4 * B);
        fs.writeFile("/f", data);
        int fd = fs.open("/f", Fcntl.O_RDWR);
        assertEquals(0, fallocate(fs, fd, FALLOC_FL_ZERO_RANGE, 100, 2 * B));
        Arrays.fill(data, 100, 100 + 2 * B, (byte) 0);
        assertArrayEquals(data, fs.pread(fd, 8 * B, 0));
        assertEquals(4 * 8, fs.stat("/f").blocks());
        assertEquals(0, fallocate(fs, fd, FALLOC_FL_ZERO_RANGE, 3 * B, 3 * B));
        assertEquals(6 * B, fs.stat("/f").size(), "ZERO_RANGE without KEEP_SIZE grows the file");
        assertEquals(6 * 8, fs.stat("/f").blocks());
        fs.close(fd);
    }

    @Test
    void collapseRange_removesTheRange_andMovesTheRestLeft() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("64m");
        byte[] data = pattern(10 * B);
        fs.writeFile("/f", data);
        int fd = fs.open("/f", Fcntl.O_RDWR);
        assertEquals(Errno.EINVAL.neg(), fallocate(fs, fd, FALLOC_FL_COLLAPSE_RANGE, 100, B), "not block-aligned");
        assertEquals(Errno.EINVAL.neg(), fallocate(fs, fd, FALLOC_FL_COLLAPSE_RANGE, 8 * B, 2 * B), "reaches EOF");
        assertEquals(0, fallocate(fs, fd, FALLOC_FL_COLLAPSE_RANGE, 2 * B, 3 * B));
        byte[] expect = new byte[7 * B];
        System.arraycopy(data, 0, expect, 0, 2 * B);
        System.arraycopy(data, 5 * B, expect, 2 * B, 5 * B);
        assertEquals(7 * B, fs.stat("/f").size());
        assertArrayEquals(expect, fs.pread(fd, 10 * B, 0));
        assertEquals(7 * 8, fs.stat("/f").blocks());
        fs.close(fd);
    }

    @Test
    void insertRange_opensAHole_andMovesTheRestRight() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("64m");
        byte[] data = pattern(6 * B);
        fs.writeFile("/f", data);
        int fd = fs.open("/f", Fcntl.O_RDWR);
        assertEquals(Errno.EINVAL.neg(), fallocate(fs, fd, FALLOC_FL_INSERT_RANGE, 6 * B, B), "at EOF");
        assertEquals(0, fallocate(fs, fd, FALLOC_FL_INSERT_RANGE, 2 * B, 2 * B));
        byte[] expect = new byte[8 * B];
        System.arraycopy(data, 0, expect, 0, 2 * B);
        System.arraycopy(data, 2 * B, expect, 4 * B, 4 * B);
        assertEquals(8 * B, fs.stat("/f").size());
        assertArrayEquals(expect, fs.pread(fd, 10 * B, 0));
        assertEquals(6 * 8, fs.stat("/f").blocks(), "the inserted range is a hole");
        fs.close(fd);
    }

    @Test
    void punchAndCollapse_inADeepTree_leaveAConsistentFilesystem() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("64m");
        int fd = fs.open("/sparse", Fcntl.O_CREAT | Fcntl.O_RDWR);
        byte[] expect = new byte[2000 * B];
        for (int i = 0; i < 500; i++) {
            byte[] b = {(byte) i, (byte) (i >> 8), 1, 2};
            fs.pwrite(fd, b, i * 4L * B);
            System.arraycopy(b, 0, expect, i * 4 * B, 4);
        }
        assertTrue(fs.stat("/sparse").blocks() > 500 * 8, "the tree needed blocks of its own");
        assertEquals(0, fallocate(fs, fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 100L * B, 700L * B));
        Arrays.fill(expect, 100 * B, 800 * B, (byte) 0);
        assertEquals(0, fallocate(fs, fd, FALLOC_FL_COLLAPSE_RANGE, 40L * B, 400L * B));
        byte[] collapsed = new byte[expect.length - 400 * B];
        System.arraycopy(expect, 0, collapsed, 0, 40 * B);
        System.arraycopy(expect, 440 * B, collapsed, 40 * B, collapsed.length - 40 * B);
        long size = fs.stat("/sparse").size();
        assertEquals(1996L * B + 4 - 400L * B, size);
        assertArrayEquals(Arrays.copyOf(collapsed, (int) size), fs.pread(fd, (int) size + B, 0));
        assertEquals(0, fallocate(fs, fd, FALLOC_FL_INSERT_RANGE, 1000L * B, 8L * B));
        byte[] inserted = new byte[(int) size + 8 * B];
        System.arraycopy(collapsed, 0, inserted, 0, 1000 * B);
        System.arraycopy(collapsed, 1000 * B, inserted, 1008 * B, (int) size - 1000 * B);
        assertArrayEquals(inserted, fs.pread(fd, inserted.length + B, 0));
        fs.close(fd);
        assertEquals(List.of(), fs.fsck());
    }

    @Test
    void realE2fsck_afterEveryMode_isClean() throws Exception {
        HostTools.assumeAvailable();
        Path img = tmp.resolve("falloc.img");
        byte[] expect;
        try (MountedExt4 fs = MountedExt4.image(img, "64m")) {
            int fd = fs.open("/f", Fcntl.O_CREAT | Fcntl.O_RDWR);
            byte[] data = pattern(64 * B);
            assertEquals(data.length, fs.write(fd, data));
            assertEquals(0, fallocate(fs, fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 3 * B + 5, 10 * B));
            assertEquals(0, fallocate(fs, fd, FALLOC_FL_COLLAPSE_RANGE, 20 * B, 4 * B));
            assertEquals(0, fallocate(fs, fd, FALLOC_FL_INSERT_RANGE, 30 * B, 2 * B));
            assertEquals(0, fallocate(fs, fd, FALLOC_FL_ZERO_RANGE, 40 * B + 1, 3 * B));
            assertEquals(0, fallocate(fs, fd, FALLOC_FL_KEEP_SIZE, 100 * B, 50 * B));
            int g = fs.open("/g", Fcntl.O_CREAT | Fcntl.O_RDWR);
            assertEquals(0, fallocate(fs, g, 0, 0, 1 << 20));
            fs.close(g);
            expect = fs.pread(fd, 200 * B, 0);
            fs.close(fd);
            assertEquals(List.of(), fs.fsck());
        }
        HostTools.assertE2fsckClean(img);
        assertArrayEquals(expect, HostTools.debugfsCat(img, "/f"));
        assertArrayEquals(new byte[1 << 20], HostTools.debugfsCat(img, "/g"));
    }

    @Test
    void statfs_countsBlocksInodesAndReserves() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("64m");
        Ext4SbInfo sbi = Ext4SbInfo.of(fs.sb);
        Statfs s = statfs(fs);
        assertEquals(Statfs.EXT4_SUPER_MAGIC, s.type());
        assertEquals(4096, s.bsize());
        assertEquals(4096, s.frsize());
        assertEquals(255, s.namelen());
        assertEquals(sbi.es().blocksCount() - Ext4Statfs.overhead(sbi.es()), s.blocks());
        assertEquals(sbi.groups.freeBlocks(), s.bfree());
        long resv = Math.min(sbi.es().blocksCount() / 50, 4096);
        assertEquals(s.bfree() - sbi.es().rBlocksCount() - resv, s.bavail());
        assertEquals(sbi.es().inodesCount(), s.files());
        long ffree = s.ffree();
        fs.writeFile("/x", new byte[3 * B]);
        assertEquals(ffree - 1, statfs(fs).ffree());
        assertEquals(s.bfree() - 3, statfs(fs).bfree());
    }

    @Test
    void getflags_extentFile_showsExtentsFlag_andStatxReportsBtimeWhenAsked() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("64m");
        int fd = fs.open("/f", Fcntl.O_CREAT | Fcntl.O_RDWR);
        UserBuffer out = UserBuffer.allocate(4);
        assertEquals(0, fs.sys.ioctl(fs.task, fd, FileIoctl.FS_IOC_GETFLAGS, 0, out));
        assertEquals(0x80000, ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN).getInt());
        assertEquals(Errno.EOPNOTSUPP.neg(), fs.sys.ioctl(fs.task, fd, FileIoctl.FICLONE, fd, null));
        Statx x = fs.sys.statx(fs.task, Fcntl.AT_FDCWD, "/f", 0, 0xfff).statx();
        assertEquals(Statx.STATX_BASIC_STATS | Statx.STATX_BTIME, x.mask());
        assertEquals(Statx.STATX_BASIC_STATS, fs.sys.statx(fs.task, Fcntl.AT_FDCWD, "/f", 0, 0x7ff).statx().mask());
        assertEquals(4096, x.blksize());
        assertEquals(0, fs.sys.fsync(fs.task, fd));
        fs.close(fd);
    }

    @Test
    void fsyncAndSyncfs_writeTheFileBack_soTheDeviceAloneHoldsIt() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("64m");
        int fd = fs.open("/f", Fcntl.O_CREAT | Fcntl.O_RDWR);
        byte[] data = pattern(3 * B + 10);
        assertEquals(data.length, fs.write(fd, data));
        assertEquals(0, fs.sys.fsync(fs.task, fd));
        assertEquals(List.of(), fs.fsck(), "the device is consistent after fsync");
        int g = fs.open("/g", Fcntl.O_CREAT | Fcntl.O_RDWR);
        assertEquals(4, fs.write(g, "abcd".getBytes()));
        assertEquals(0, fs.sys.syncfs(fs.task, g));
        assertEquals(0, fs.sys.fdatasync(fs.task, g));
        MountedExt4 second = MountedExt4.onDevice(fs.device(), false);
        assertArrayEquals(data, second.readFile("/f"));
        assertArrayEquals("abcd".getBytes(), second.readFile("/g"));
        second.unmount();
        fs.close(fd);
        fs.close(g);
    }
}
