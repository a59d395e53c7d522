package dev.kemu.fs.ext4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.File;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.spi.FileOperations;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Reads, writes, seeks, truncation, fsync and ENOSPC on regular files. */
@ExtendWith(FsckAfterEach.class)
class Ext4FileOperationsTest {
    @TempDir
    Path tmp;

    private static final long MAX = 17592186040320L;

    @Test
    void llseek_seekDataAndHole_followExtents() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("64m");
        int fd = fs.open("/f", Fcntl.O_CREAT | Fcntl.O_RDWR);
        fs.pwrite(fd, new byte[100], 0);
        fs.pwrite(fd, new byte[2048], 3 * 4096);
        long size = 3 * 4096 + 2048;
        assertEquals(0, fs.sys.lseek(fs.task, fd, 0, Fcntl.SEEK_DATA));
        assertEquals(50, fs.sys.lseek(fs.task, fd, 50, Fcntl.SEEK_DATA));
        assertEquals(4096, fs.sys.lseek(fs.task, fd, 0, Fcntl.SEEK_HOLE));
        assertEquals(3 * 4096, fs.sys.lseek(fs.task, fd, 4096, Fcntl.SEEK_DATA));
        assertEquals(5000, fs.sys.lseek(fs.task, fd, 5000, Fcntl.SEEK_HOLE));
        assertEquals(size, fs.sys.lseek(fs.task, fd, 3 * 4096, Fcntl.SEEK_HOLE), "the implicit hole at EOF");
        assertEquals(Errno.ENXIO.neg(), fs.sys.lseek(fs.task, fd, size, Fcntl.SEEK_DATA));
        assertEquals(Errno.ENXIO.neg(), fs.sys.lseek(fs.task, fd, size, Fcntl.SEEK_HOLE));
        assertEquals(Errno.ENXIO.neg(), fs.sys.lseek(fs.task, fd, -1, Fcntl.SEEK_DATA));
        fs.sys.ftruncate(fs.task, fd, 10 * 4096);
        assertEquals(Errno.ENXIO.neg(), fs.sys.lseek(fs.task, fd, 4 * 4096, Fcntl.SEEK_DATA), "only a hole left");
        fs.close(fd);
    }

    @Test
    void llseek_setCurEnd_boundedByMaxBytes() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("64m");
        int fd = fs.open("/f", Fcntl.O_CREAT | Fcntl.O_RDWR);
        fs.write(fd, new byte[10]);
        assertEquals(MAX, fs.sys.lseek(fs.task, fd, MAX, Fcntl.SEEK_SET));
        assertEquals(Errno.EINVAL.neg(), fs.sys.lseek(fs.task, fd, MAX + 1, Fcntl.SEEK_SET));
        assertEquals(Errno.EINVAL.neg(), fs.sys.lseek(fs.task, fd, -1, Fcntl.SEEK_SET));
        assertEquals(15, fs.sys.lseek(fs.task, fd, 5, Fcntl.SEEK_END));
        assertEquals(17, fs.sys.lseek(fs.task, fd, 2, Fcntl.SEEK_CUR));
        fs.close(fd);
    }

    @Test
    void pwrite_atMaxBytes_efbigAndLastByteWorks() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("64m");
        int fd = fs.open("/f", Fcntl.O_CREAT | Fcntl.O_RDWR);
        assertEquals(Errno.EFBIG.neg(), fs.pwrite(fd, new byte[1], MAX));
        assertEquals(1, fs.pwrite(fd, new byte[] {42}, MAX - 1));
        assertEquals(MAX, fs.stat("/f").size());
        assertArrayEquals(new byte[] {42}, fs.pread(fd, 10, MAX - 1));
        assertEquals(8, fs.stat("/f").blocks());
        assertEquals(Errno.EFBIG.neg(), fs.sys.ftruncate(fs.task, fd, MAX + 1));
        assertEquals(0, fs.sys.ftruncate(fs.task, fd, 0));
        fs.close(fd);
    }

    @Test
    void truncate_shrink_freesBlocksAndZeroesTail() throws Exception {
        Path img = tmp.resolve("t.img");
        byte[] ones = new byte[3 * 4096];
        Arrays.fill(ones, (byte) 0xFF);
        try (MountedExt4 fs = MountedExt4.image(img, "64m")) {
            fs.writeFile("/f", ones);
            int fd = fs.open("/f", Fcntl.O_RDWR);
            assertEquals(24, fs.stat("/f").blocks());
            assertEquals(0, fs.sys.ftruncate(fs.task, fd, 5000));
            assertEquals(16, fs.stat("/f").blocks());
            assertEquals(0, fs.sys.ftruncate(fs.task, fd, 3 * 4096));
            assertEquals(16, fs.stat("/f").blocks(), "growing makes a hole");
            byte[] back = fs.pread(fd, 3 * 4096, 0);
            assertArrayEquals(Arrays.copyOf(ones, 5000), Arrays.copyOf(back, 5000));
            assertArrayEquals(new byte[3 * 4096 - 5000], Arrays.copyOfRange(back, 5000, back.length));
            fs.close(fd);
        }
        try (MountedExt4 fs = MountedExt4.image(img, Map.of())) {
            byte[] back = fs.readFile("/f");
            assertEquals(3 * 4096, back.length);
            assertArrayEquals(new byte[3 * 4096 - 5000], Arrays.copyOfRange(back, 5000, back.length),
                    "the zeroed tail reached the disk");
        }
    }

    @Test
    void write_deviceFull_enospcWithFileUnchanged() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("4m");
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 3);
        int fd = fs.open("/fill", Fcntl.O_CREAT | Fcntl.O_WRONLY);
        long total = 0;
        while (true) {
            long n = fs.write(fd, chunk);
            if (n < 0) {
                assertEquals(Errno.ENOSPC.neg(), n);
                break;
            }
            total += n;
            assertTrue(total < (8L << 20), "never fills");
        }
        fs.close(fd);
        assertEquals(total, fs.stat("/fill").size());
        fs.writeFile("/small", new byte[0]);
        int sfd = fs.open("/small", Fcntl.O_WRONLY);
        assertEquals(Errno.ENOSPC.neg(), fs.pwrite(sfd, new byte[10], 1 << 20));
        fs.close(sfd);
        assertEquals(0, fs.stat("/small").size(), "a failed write leaves the file unchanged");
        assertEquals(0, fs.stat("/small").blocks());
        assertEquals(List.of(), fs.fsck());
        assertEquals(0, fs.sys.unlink(fs.task, "/fill"));
        fs.writeFile("/small", chunk);
        assertArrayEquals(chunk, fs.readFile("/small"));
    }

    @Test
    void fsync_imageSeenBySecondMount() throws Exception {
        Path img = tmp.resolve("f.img");
        byte[] data = "written, then fsynced".getBytes();
        try (MountedExt4 fs = MountedExt4.image(img, "64m")) {
            int fd = fs.open("/f", Fcntl.O_CREAT | Fcntl.O_WRONLY);
            fs.write(fd, data);
            File f = fdFile(fs, fd);
            assertEquals(0, f.fop().fsync(f), "VfsSyscalls has no fsync; call the file's method");
            // The image is locked while mounted: read what fsync put on it through a copy.
            Path copy = tmp.resolve("copy.img");
            java.nio.file.Files.copy(img, copy);
            try (MountedExt4 other = MountedExt4.image(copy, Map.of("ro", ""))) {
                assertArrayEquals(data, other.readFile("/f"));
            }
            fs.close(fd);
        }
    }

    private static File fdFile(MountedExt4 fs, int fd) {
        File f = fs.sys.fdget(fs.task, fd);
        f.put();
        return f;
    }

    @Test
    void fileOperations_spliceAndDirectIo_asExt4() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("64m");
        fs.writeFile("/f", new byte[1]);
        int fd = fs.open("/f", Fcntl.O_RDONLY);
        File f = fdFile(fs, fd);
        assertEquals(FileOperations.SpliceRead.FILEMAP, f.fop().spliceRead());
        assertEquals(FileOperations.SpliceWrite.GENERIC, f.fop().spliceWrite());
        assertTrue(f.inode().mapping().aops().hasDirectIO());
        assertEquals(0, fs.sys.fcntl(fs.task, fd, Fcntl.F_SETFL, Fcntl.O_DIRECT));
        fs.close(fd);
        fs.mkdir("/d");
        int dfd = fs.open("/d", Fcntl.O_RDONLY);
        assertEquals(Errno.EISDIR.neg(), fs.sys.read(fs.task, dfd, UserBuffer.allocate(8), 8));
        assertEquals(0, fs.sys.lseek(fs.task, dfd, 0, Fcntl.SEEK_SET));
        fs.close(dfd);
    }

    @Test
    void write_randomBlockOrder_buildsDeepTreeThatReadsBack() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("256m");
        int fd = fs.open("/f", Fcntl.O_CREAT | Fcntl.O_RDWR);
        int n = 3000;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Random rnd = new java.util.Random(5);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i : order) {
            // every other block, so no two extents merge
            assertEquals(4, fs.pwrite(fd, java.nio.ByteBuffer.allocate(4).putInt(i).array(), 2L * i * 4096));
        }
        assertEquals(List.of(), fs.fsck());
        for (int i = 0; i < n; i++) {
            byte[] b = fs.pread(fd, 4, 2L * i * 4096);
            assertEquals(i, java.nio.ByteBuffer.wrap(b).getInt());
        }
        Ext4InodeInfo info = Ext4Inodes.info(fdFile(fs, fd).inode());
        assertEquals(2, new ExtentTree(Ext4SbInfo.of(fs.sb), info).depth());
        for (long size : new long[] {5000L * 4096, 1234L * 4096 + 17, 700L * 4096, 3, 0}) {
            assertEquals(0, fs.sys.ftruncate(fs.task, fd, size));
            assertEquals(List.of(), fs.fsck(), "after truncating to " + size);
        }
        assertEquals(0, fs.stat("/f").blocks());
        assertEquals(0, new ExtentTree(Ext4SbInfo.of(fs.sb), info).depth(), "an emptied tree has depth 0");
        fs.close(fd);
    }

    @Test
    void extents_appends_mergeIntoOneExtent() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("256m");
        int fd = fs.open("/f", Fcntl.O_CREAT | Fcntl.O_WRONLY);
        byte[] mib = new byte[1 << 20];
        for (int i = 0; i < 64; i++) {
            assertEquals(mib.length, fs.write(fd, mib));
        }
        Ext4InodeInfo info = Ext4Inodes.info(fdFile(fs, fd).inode());
        List<dev.kemu.fs.ext4.disklayout.Ext4Extent> extents = new java.util.ArrayList<>();
        new ExtentTree(Ext4SbInfo.of(fs.sb), info).forEachFrom(0, extents::add);
        assertEquals(1, extents.size(), extents.toString());
        assertEquals(16384, extents.get(0).len());
        fs.close(fd);
    }
}
