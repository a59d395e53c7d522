package dev.kemu.fs.ext4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fallocate;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Kstat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Images made by plain {@code mkfs.ext4} with 1, 2 and 4 KiB blocks: the model mounts them, writes,
 * reads back, renames, truncates and punches files (pages of several blocks, holes inside a page),
 * grows a directory past one block, and {@code e2fsck -fn} then finds nothing while
 * {@code debugfs} reads back every file's bytes. The model's own {@link Mkfs} is held to the same.
 */
class BlockSizeImagesTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void tools() {
        HostTools.assumeAvailable();
    }

    private static byte[] bytes(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void plainMkfs16M_hasOneKiBBlocks_andTakesWorkload() throws Exception {
        Path img = tmp.resolve("plain.img");
        HostTools.mkfsPlain(img, "16M");
        assertEquals(1024, HostTools.superBlock(img).blockSize(), "mke2fs's choice for a small image");
        assertEquals(1, HostTools.superBlock(img).firstDataBlock());
        workloadThenRealTools(img, 1024);
    }

    @ParameterizedTest
    @ValueSource(ints = {1024, 2048, 4096})
    void mkfsWithBlockSize_takesWorkload_e2fsckCleanAndDebugfsReadsBack(int blockSize) throws Exception {
        Path img = tmp.resolve("b" + blockSize + ".img");
        HostTools.mkfsPlain(img, "64M", "-b", Integer.toString(blockSize));
        assertEquals(blockSize, HostTools.superBlock(img).blockSize());
        workloadThenRealTools(img, blockSize);
    }

    @ParameterizedTest
    @ValueSource(ints = {1024, 2048, 4096})
    void modelMkfsWithBlockSize_e2fsckCleanAndTakesWorkload(int blockSize) throws Exception {
        Path img = tmp.resolve("kemu" + blockSize + ".img");
        try (MountedExt4 fs = MountedExt4.image(img, Map.of("size", "24m", "blocksize", Integer.toString(blockSize)))) {
            assertEquals(blockSize, Ext4FileSystemType.blockSize(fs.sb));
        }
        HostTools.assertE2fsckClean(img);
        assertEquals(blockSize, HostTools.superBlock(img).blockSize());
        workloadThenRealTools(img, blockSize);
    }

    private void workloadThenRealTools(Path img, int blockSize) throws Exception {
        Map<String, byte[]> expected = new LinkedHashMap<>();
        try (MountedExt4 fs = MountedExt4.image(img, Map.of())) {
            assertEquals(blockSize, Ext4FileSystemType.blockSize(fs.sb));
            assertEquals(blockSize, fs.sys.statfs(fs.task, "/").statfs().bsize());
            // A large file written in odd-sized pieces: page boundaries and block boundaries differ.
            byte[] big = bytes(1, 1_234_567);
            int fd = fs.open("/big", Fcntl.O_CREAT | Fcntl.O_WRONLY);
            for (int off = 0; off < big.length; off += 3001) {
                int n = Math.min(3001, big.length - off);
                assertEquals(n, fs.write(fd, Arrays.copyOfRange(big, off, off + n)));
            }
            fs.close(fd);
            expected.put("/big", big);
            Kstat st = fs.stat("/big");
            assertEquals(blockSize, st.blksize());
            long dataBlocks = (big.length + blockSize - 1) / blockSize;
            assertTrue(st.blocks() >= dataBlocks * (blockSize / 512), "i_blocks counts sectors: " + st.blocks());

            // Holes inside a page: one block of data, then a block-sized hole, then data again.
            byte[] sparse = new byte[5 * 4096 + 100];
            fd = fs.open("/sparse", Fcntl.O_CREAT | Fcntl.O_RDWR);
            for (int i = 0; i < 5; i++) {
                byte[] piece = bytes(10 + i, 700);
                long at = i * 4096L + (i % 2 == 0 ? 0 : blockSize);
                assertEquals(700, fs.pwrite(fd, piece, at));
                System.arraycopy(piece, 0, sparse, (int) at, 700);
            }
            byte[] tail = bytes(20, 100);
            fs.pwrite(fd, tail, 5 * 4096L);
            System.arraycopy(tail, 0, sparse, 5 * 4096, 100);
            assertArrayEquals(sparse, fs.pread(fd, sparse.length + 10, 0));
            fs.close(fd);
            expected.put("/sparse", sparse);

            // Truncation to the middle of a block and of a page, then growth: the cut tail reads as zeros.
            byte[] cut = bytes(3, 50_000);
            fs.writeFile("/cut", cut);
            fd = fs.open("/cut", Fcntl.O_RDWR);
            assertEquals(0, fs.sys.ftruncate(fs.task, fd, 10_000 + blockSize / 2));
            assertEquals(0, fs.sys.ftruncate(fs.task, fd, 30_000));
            fs.close(fd);
            byte[] cutExpected = new byte[30_000];
            System.arraycopy(cut, 0, cutExpected, 0, 10_000 + blockSize / 2);
            assertArrayEquals(cutExpected, fs.readFile("/cut"));
            expected.put("/cut", cutExpected);

            // A hole punched at block granularity inside a page, and a partial block zeroed.
            byte[] punched = bytes(4, 6 * 4096);
            fs.writeFile("/punched", punched);
            fd = fs.open("/punched", Fcntl.O_RDWR);
            int mode = Fallocate.FALLOC_FL_PUNCH_HOLE | Fallocate.FALLOC_FL_KEEP_SIZE;
            assertEquals(0, fs.sys.fallocate(fs.task, fd, mode, 4096 + blockSize, blockSize + 100,
                    Fallocate.Modes.EXCLUSIVE_WRITE_ZEROES));
            fs.close(fd);
            Arrays.fill(punched, 4096 + blockSize, 4096 + 2 * blockSize + 100, (byte) 0);
            assertArrayEquals(punched, fs.readFile("/punched"));
            expected.put("/punched", punched);

            // A directory grown past one block, then entries removed and files renamed.
            assertEquals(0, fs.mkdir("/dir"));
            for (int i = 0; i < 300; i++) {
                fs.writeFile("/dir/entry-with-a-long-name-" + i, ("file " + i).getBytes());
            }
            assertTrue(fs.stat("/dir").size() > blockSize, "the directory spans several blocks");
            for (int i = 0; i < 300; i += 3) {
                assertEquals(0, fs.sys.unlink(fs.task, "/dir/entry-with-a-long-name-" + i));
            }
            assertEquals(0, fs.sys.rename(fs.task, "/dir/entry-with-a-long-name-1", "/renamed"));
            assertEquals(0, fs.sys.rename(fs.task, "/big", "/dir/big"));
            expected.put("/dir/big", expected.remove("/big"));
            expected.put("/renamed", "file 1".getBytes());
            expected.put("/dir/entry-with-a-long-name-299", "file 299".getBytes());
            assertEquals(Errno.ENOENT.neg(), fs.sys.open(fs.task, "/dir/entry-with-a-long-name-0", Fcntl.O_RDONLY, 0));

            // A long symlink takes a block of its own.
            String target = "/" + "t".repeat(200);
            assertEquals(0, fs.sys.symlink(fs.task, target, "/link"));
            for (Map.Entry<String, byte[]> e : expected.entrySet()) {
                assertArrayEquals(e.getValue(), fs.readFile(e.getKey()), e.getKey());
            }
            assertEquals(List.of(), fs.fsck());
        }
        HostTools.assertE2fsckClean(img);
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            assertArrayEquals(e.getValue(), HostTools.debugfsCat(img, e.getKey()), e.getKey());
        }
        // And the model reads back what it wrote after a fresh mount.
        try (MountedExt4 fs = MountedExt4.image(img, Map.of())) {
            for (Map.Entry<String, byte[]> e : expected.entrySet()) {
                assertArrayEquals(e.getValue(), fs.readFile(e.getKey()), e.getKey());
            }
        }
        assertTrue(Files.size(img) > 0);
    }
}
