package dev.kemu.fs.ext4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.fs.ext4.disklayout.Ext4Extent;
import dev.kemu.fs.ext4.disklayout.Ext4Inode;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Inode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The decoded extent tree kept per inode ({@link ExtentCache}) and the write-back of dirty tree
 * blocks and inodes: the write path stays off the device, what reaches the device at writeback is
 * the tree the cache holds, freed tree blocks are never written, and a remount reads back what
 * was written.
 */
@ExtendWith(FsckAfterEach.class)
class ExtentCacheTest {
    private static Inode inodeOf(MountedExt4 fs, int fd) {
        File f = fs.sys.fdget(fs.task, fd);
        f.put();
        return f.inode();
    }

    /** The extents as the cached tree has them. */
    private static List<Ext4Extent> cachedExtents(Ext4SbInfo sbi, Ext4InodeInfo info) {
        List<Ext4Extent> out = new ArrayList<>();
        info.dataSem.readLock().lock();
        try {
            new ExtentTree(sbi, info).forEachFrom(0, out::add);
        } finally {
            info.dataSem.readLock().unlock();
        }
        return out;
    }

    /** The extents as a fresh reader of the device sees them: inode and tree blocks read and verified anew. */
    private static List<Ext4Extent> diskExtents(Ext4SbInfo sbi, long ino) {
        Ext4InodeInfo fresh = new Ext4InodeInfo(ino, sbi.inodes.readDisk(ino), sbi.csumSeed);
        List<Ext4Extent> out = new ArrayList<>();
        new ExtentTree(sbi, fresh).forEachFrom(0, out::add);
        return out;
    }

    private static byte[] block(int tag) {
        byte[] b = new byte[4096];
        ByteBuffer.wrap(b).putInt(tag).putInt(4092, ~tag);
        return b;
    }

    @Test
    void sequentialWrites_deepTree_touchNoDeviceUntilFsync() throws Exception {
        CountingBlockDevice dev = new CountingBlockDevice(256L << 20);
        MountedExt4 fs = MountedExt4.onDevice(dev, true);
        int fd = fs.open("/f", Fcntl.O_CREAT | Fcntl.O_RDWR);
        for (int i = 0; i < 6; i++) {
            assertEquals(4096, fs.pwrite(fd, block(i), 100L * i * 4096)); // six extents: a leaf block
        }
        Ext4InodeInfo info = Ext4Inodes.info(inodeOf(fs, fd));
        Ext4SbInfo sbi = Ext4SbInfo.of(fs.sb);
        assertEquals(1, new ExtentTree(sbi, info).depth());
        dev.reset();
        for (int i = 0; i < 3000; i++) {
            assertEquals(4096, fs.pwrite(fd, block(1000 + i), (501L + i) * 4096));
        }
        assertEquals(0, dev.reads.get(), "write_begin mapped and allocated from the cached tree and bitmap");
        assertEquals(0, dev.writes.get(), "tree blocks, inode and data wait for writeback");
        assertEquals(1, info.extentCache().dirtyBlocks().size());

        File f = fs.sys.fdget(fs.task, fd);
        assertEquals(0, f.fop().fsync(f));
        f.put();
        assertTrue(dev.writes.get() > 3000, "fsync wrote the data, the tree block and the inode");
        assertEquals(List.of(), info.extentCache().dirtyBlocks());
        assertEquals(cachedExtents(sbi, info), diskExtents(sbi, info.ino));
        fs.close(fd);
        fs.unmount();

        MountedExt4 again = MountedExt4.onDevice(dev, false);
        int rfd = again.open("/f", Fcntl.O_RDONLY);
        for (int i = 0; i < 3000; i += 37) {
            assertArrayEquals(block(1000 + i), again.pread(rfd, 4096, (501L + i) * 4096));
        }
        assertArrayEquals(block(5), again.pread(rfd, 4096, 500L * 4096));
        again.close(rfd);
    }

    @Test
    void randomWritesAndTruncates_cacheAgreesWithTreeOnDisk() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("128m");
        Ext4SbInfo sbi = Ext4SbInfo.of(fs.sb);
        Random rnd = new Random(42);
        int files = 2;
        int[] fds = new int[files];
        for (int i = 0; i < files; i++) {
            fds[i] = fs.open("/f" + i, Fcntl.O_CREAT | Fcntl.O_RDWR);
        }
        int maxDepth = 0;
        for (int op = 1; op <= 8000; op++) {
            int fd = fds[rnd.nextInt(files)];
            int r = rnd.nextInt(100);
            if (r < 85) {
                // mostly every other block, so that extents stay apart and the tree grows
                long lblk = 2L * rnd.nextInt(2500);
                int len = rnd.nextInt(10) == 0 ? 1 + rnd.nextInt(3 * 4096) : 1 + rnd.nextInt(4000);
                assertEquals(len, fs.pwrite(fd, Arrays.copyOf(block(op), len), lblk * 4096 + rnd.nextInt(16)));
            } else if (r < 88) {
                long blocks = rnd.nextInt(20) == 0 ? rnd.nextInt(5000) : 5000 - rnd.nextInt(300);
                assertEquals(0, fs.sys.ftruncate(fs.task, fd, blocks * 4096 + rnd.nextInt(4096)));
            } else {
                fs.pread(fd, 8192, (long) rnd.nextInt(5000) * 4096);
            }
            if (op % 500 == 0) {
                assertEquals(List.of(), fs.fsck(), "after " + op + " operations"); // writes back first
                for (int i = 0; i < files; i++) {
                    Inode inode = inodeOf(fs, fds[i]);
                    Ext4InodeInfo info = Ext4Inodes.info(inode);
                    assertEquals(List.of(), info.extentCache().dirtyBlocks());
                    assertEquals(cachedExtents(sbi, info), diskExtents(sbi, info.ino), "f" + i + " after " + op);
                    Ext4Inode disk = sbi.inodes.readDisk(info.ino);
                    assertEquals(info.blocks(), disk.blocks());
                    assertEquals(inode.size(), disk.size());
                    maxDepth = Math.max(maxDepth, new ExtentTree(sbi, info).depth());
                }
            }
        }
        assertTrue(maxDepth >= 2, "the trees grew two levels: " + maxDepth);
        for (int fd : fds) {
            fs.close(fd);
        }
    }

    @Test
    void truncate_freedDirtyTreeBlock_isNeverWrittenOverItsNextOwner() throws Exception {
        CountingBlockDevice dev = new CountingBlockDevice(64L << 20);
        MountedExt4 fs = MountedExt4.onDevice(dev, true);
        Ext4SbInfo sbi = Ext4SbInfo.of(fs.sb);
        int a = fs.open("/a", Fcntl.O_CREAT | Fcntl.O_RDWR);
        for (int i = 0; i < 6; i++) {
            fs.pwrite(a, block(i), 10L * i * 4096);
        }
        Ext4InodeInfo ainfo = Ext4Inodes.info(inodeOf(fs, a));
        List<Long> leaf = ainfo.extentCache().dirtyBlocks();
        assertEquals(1, leaf.size(), "the leaf block, never written");
        assertEquals(0, fs.sys.ftruncate(fs.task, a, 0));
        assertEquals(List.of(), ainfo.extentCache().dirtyBlocks(), "a freed tree block is forgotten");
        fs.close(a);

        // /b takes the freed blocks back, the old leaf among them, as data.
        byte[] data = new byte[64 * 4096];
        for (int i = 0; i < 64; i++) {
            System.arraycopy(block(7000 + i), 0, data, i * 4096, 4096);
        }
        fs.writeFile("/b", data);
        int b = fs.open("/b", Fcntl.O_RDONLY);
        Ext4InodeInfo binfo = Ext4Inodes.info(inodeOf(fs, b));
        fs.close(b);
        long leafBlock = leaf.get(0);
        boolean reused = cachedExtents(sbi, binfo).stream()
                .anyMatch(e -> leafBlock >= e.start() && leafBlock < e.start() + e.len());
        assertTrue(reused, "/b reuses block " + leafBlock);
        fs.unmount();

        MountedExt4 again = MountedExt4.onDevice(dev, false);
        assertArrayEquals(data, again.readFile("/b"));
    }

    @Test
    void workload_unmountThenRemount_readsSameData() throws Exception {
        CountingBlockDevice dev = new CountingBlockDevice(64L << 20);
        MountedExt4 fs = MountedExt4.onDevice(dev, true);
        Workload w = new Workload(fs, 77L, 128 * 1024);
        w.run(5000);
        fs.unmount();
        assertEquals(List.of(), Ext4Fsck.check(dev));

        MountedExt4 again = MountedExt4.onDevice(dev, false);
        for (Map.Entry<String, byte[]> f : w.files().entrySet()) {
            assertArrayEquals(f.getValue(), again.readFile(f.getKey()), f.getKey());
            assertEquals(f.getValue().length, again.stat(f.getKey()).size(), f.getKey());
        }
        for (String d : w.dirs()) {
            assertTrue(again.stat(d.isEmpty() ? "/" : d).mode() > 0, d);
        }
    }

    @Test
    void pwrite_partialPage_newBlockZeroedAndWrittenBlockReadIn() throws Exception {
        CountingBlockDevice dev = new CountingBlockDevice(64L << 20);
        MountedExt4 fs = MountedExt4.onDevice(dev, true);
        byte[] ones = new byte[3 * 4096];
        Arrays.fill(ones, (byte) 1);
        fs.writeFile("/f", ones);
        int fd = fs.open("/f", Fcntl.O_RDWR);
        assertEquals(3, fs.pwrite(fd, new byte[] {7, 7, 7}, 5 * 4096 + 100)); // a hole page, a new block
        byte[] expected = new byte[6 * 4096];
        System.arraycopy(ones, 0, expected, 0, ones.length);
        Arrays.fill(expected, 5 * 4096 + 100, 5 * 4096 + 103, (byte) 7);
        assertArrayEquals(Arrays.copyOf(expected, 5 * 4096 + 103), fs.pread(fd, 6 * 4096, 0));
        fs.close(fd);
        fs.unmount();

        // Nothing cached now: a partial write over a written block reads the rest in first.
        MountedExt4 again = MountedExt4.onDevice(dev, false);
        int rfd = again.open("/f", Fcntl.O_RDWR);
        assertEquals(2, again.pwrite(rfd, new byte[] {9, 9}, 4096 + 10));
        expected[4096 + 10] = 9;
        expected[4096 + 11] = 9;
        assertArrayEquals(Arrays.copyOf(expected, 5 * 4096 + 103), again.pread(rfd, 6 * 4096, 0));
        again.close(rfd);
    }

    @Test
    void trimIfLarge_dropsOnlyCleanNodes() {
        ExtentCache cache = new ExtentCache(2);
        List<ExtentNode> nodes = new ArrayList<>();
        for (long b = 100; b < 105; b++) {
            ExtentNode n = new ExtentNode(b, 0, dev.kemu.fs.ext4.disklayout.Ext4ExtentHeader.blockMax(4096), 0);
            nodes.add(n);
            assertSame(n, cache.putClean(n));
        }
        assertSame(nodes.get(0), cache.putClean(new ExtentNode(100, 0, dev.kemu.fs.ext4.disklayout.Ext4ExtentHeader.blockMax(4096), 0)), "first one wins");
        cache.markDirty(nodes.get(1));
        cache.trimIfLarge();
        assertEquals(1, cache.cachedBlocks(), "four clean nodes were more than two");
        assertSame(nodes.get(1), cache.get(101));
        assertNull(cache.get(100));
        assertEquals(List.of(101L), cache.dirtyBlocks());
        cache.forget(101);
        assertNull(cache.get(101));
        assertEquals(List.of(), cache.dirtyBlocks());
        assertTrue(!cache.hasDirty());
        assertNotNull(cache.putClean(nodes.get(2)));
        cache.trimIfLarge();
        assertEquals(1, cache.cachedBlocks(), "one clean node is within the limit");
    }
}
