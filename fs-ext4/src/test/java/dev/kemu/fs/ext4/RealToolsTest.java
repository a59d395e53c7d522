package dev.kemu.fs.ext4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.fs.ext4.disklayout.Ext4Features;
import dev.kemu.fs.ext4.disklayout.Ext4SuperBlock;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.spi.MountException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model against the real e2fsprogs: images made here must satisfy {@code e2fsck -fn} and read
 * back through {@code debugfs}, and images made by {@code mkfs.ext4} and filled by
 * {@code debugfs} must read here and stay clean after the model writes to them.
 */
@ExtendWith(FsckAfterEach.class)
class RealToolsTest {
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
    void mkfs_image_e2fsckCleanAndDumpe2fsReadsIt() throws Exception {
        for (String size : new String[] {"64m", "1g"}) {
            Path img = tmp.resolve("mkfs-" + size + ".img");
            try (FileBlockDevice dev = FileBlockDevice.create(img, Ext4FileSystemType.parseSize(size))) {
                Mkfs.format(dev);
            }
            HostTools.assertE2fsckClean(img);
            HostTools.Result r = HostTools.run(HostTools.DUMPE2FS, img.toString());
            assertEquals(0, r.rc(), r.text());
            assertTrue(r.text().contains("Filesystem features:      ext_attr dir_index filetype extent 64bit flex_bg "
                    + "sparse_super large_file huge_file dir_nlink extra_isize metadata_csum"), r.text());
            assertTrue(r.text().contains("Block size:               4096"), r.text());
            assertTrue(r.text().contains("Flex block group size:    16"), r.text());
        }
    }

    @Test
    void kemuWritesImage_e2fsckCleanAndDebugfsCatMatches() throws Exception {
        Path img = tmp.resolve("kemu.img");
        byte[] big = bytes(1, 3_000_000);
        byte[] small = "hello, ext4\n".getBytes();
        byte[] sparseTail = bytes(2, 777);
        try (MountedExt4 fs = MountedExt4.image(img, "128m")) {
            assertEquals(0, fs.mkdir("/dir"));
            assertEquals(0, fs.mkdir("/dir/sub"));
            fs.writeFile("/dir/sub/small", small);
            fs.writeFile("/big", big);
            fs.writeFile("/empty", new byte[0]);
            int fd = fs.open("/sparse", Fcntl.O_CREAT | Fcntl.O_RDWR);
            for (int i = 0; i < 40; i++) {
                fs.pwrite(fd, bytes(100 + i, 100), i * 12288L);
            }
            fs.pwrite(fd, sparseTail, 100L << 20);
            fs.close(fd);
            for (int i = 0; i < 200; i++) {
                fs.writeFile("/dir/n" + i, ("file " + i).getBytes());
            }
            assertEquals(List.of(), fs.fsck());
        }
        HostTools.assertE2fsckClean(img);
        assertArrayEquals(big, HostTools.debugfsCat(img, "/big"));
        assertArrayEquals(small, HostTools.debugfsCat(img, "/dir/sub/small"));
        assertArrayEquals(new byte[0], HostTools.debugfsCat(img, "/empty"));
        assertArrayEquals("file 123".getBytes(), HostTools.debugfsCat(img, "/dir/n123"));
        byte[] sparse = HostTools.debugfsCat(img, "/sparse");
        assertEquals((100L << 20) + sparseTail.length, sparse.length);
        assertArrayEquals(bytes(139, 100), java.util.Arrays.copyOfRange(sparse, 39 * 12288, 39 * 12288 + 100));
        assertArrayEquals(sparseTail, java.util.Arrays.copyOfRange(sparse, 100 << 20, sparse.length));
        HostTools.Result stat = HostTools.run(HostTools.DEBUGFS, "-R", "stat /sparse", img.toString());
        assertTrue(stat.text().contains("(ETB0)"), "the sparse file has an extent tree of depth > 0:\n" + stat.text());
    }

    @Test
    void mkfsExt4Image_readsDebugfsFiles_thenWritesCleanly() throws Exception {
        Path img = tmp.resolve("real.img");
        HostTools.mkfs(img, "64M");
        Path local = tmp.resolve("local");
        byte[] content = bytes(3, 200_000);
        Files.write(local, content);
        Path sparseLocal = tmp.resolve("sparse-local");
        byte[] sparse = new byte[30 * 3 * 4096];
        for (int i = 0; i < 30; i++) {
            System.arraycopy(bytes(i, 5000), 0, sparse, i * 3 * 4096, 5000);
        }
        Files.write(sparseLocal, sparse);
        HostTools.debugfsWrite(img, "write " + local + " name");
        HostTools.debugfsWrite(img, "write " + sparseLocal + " sparse");
        HostTools.debugfsWrite(img, "mkdir d");
        try (MountedExt4 fs = MountedExt4.image(img, Map.of())) {
            assertArrayEquals(content, fs.readFile("/name"));
            assertArrayEquals(sparse, fs.readFile("/sparse"));
            assertEquals(Errno.EISDIR.neg(), fs.sys.read(fs.task, fs.open("/d", Fcntl.O_RDONLY),
                    dev.kemu.vfs.UserBuffer.allocate(10), 10));
            int fd = fs.open("/name", Fcntl.O_WRONLY | Fcntl.O_APPEND);
            assertEquals(5, fs.write(fd, "tail!".getBytes()));
            fs.close(fd);
            fs.writeFile("/d/new", bytes(4, 50_000));
            assertEquals(0, fs.sys.ftruncate(fs.task, fs.open("/sparse", Fcntl.O_WRONLY), 40_000));
            assertEquals(0, fs.mkdir("/d/e"));
            assertEquals(List.of(), fs.fsck());
        }
        HostTools.assertE2fsckClean(img);
        byte[] expected = java.util.Arrays.copyOf(content, content.length + 5);
        System.arraycopy("tail!".getBytes(), 0, expected, content.length, 5);
        assertArrayEquals(expected, HostTools.debugfsCat(img, "/name"));
        assertArrayEquals(bytes(4, 50_000), HostTools.debugfsCat(img, "/d/new"));
        assertArrayEquals(java.util.Arrays.copyOf(sparse, 40_000), HostTools.debugfsCat(img, "/sparse"));
    }

    @Test
    void htreeDirectory_fromE2fsckD_isReadAndThenModified() throws Exception {
        Path img = tmp.resolve("htree.img");
        HostTools.mkfs(img, "64M");
        Path local = tmp.resolve("one");
        Files.write(local, "x".getBytes());
        StringBuilder cmds = new StringBuilder("mkdir big\n");
        for (int i = 0; i < 400; i++) {
            cmds.append("write ").append(local).append(" big/entry_with_a_long_name_").append(i).append('\n');
        }
        Path script = tmp.resolve("cmds");
        Files.writeString(script, cmds);
        assertEquals(0, HostTools.run(HostTools.DEBUGFS, "-w", "-f", script.toString(), img.toString()).rc());
        HostTools.Result opt = HostTools.run(HostTools.E2FSCK, "-fyD", img.toString());
        assertTrue(opt.rc() <= 1, opt.text());
        assertTrue(HostTools.run(HostTools.DEBUGFS, "-R", "stat big", img.toString()).text().contains("Flags: 0x81000"),
                "e2fsck -D indexes the directory");
        try (MountedExt4 fs = MountedExt4.image(img, Map.of())) {
            for (int i = 0; i < 400; i += 7) {
                assertArrayEquals("x".getBytes(), fs.readFile("/big/entry_with_a_long_name_" + i));
            }
            assertEquals(Errno.ENOENT.neg(), fs.sys.open(fs.task, "/big/none", Fcntl.O_RDONLY, 0));
            for (int i = 0; i < 400; i += 3) {
                assertEquals(0, fs.sys.unlink(fs.task, "/big/entry_with_a_long_name_" + i));
            }
            fs.writeFile("/big/added", "y".getBytes());
            assertEquals(List.of(), fs.fsck());
        }
        HostTools.assertE2fsckClean(img);
        assertArrayEquals("y".getBytes(), HostTools.debugfsCat(img, "/big/added"));
        assertArrayEquals("x".getBytes(), HostTools.debugfsCat(img, "/big/entry_with_a_long_name_1"));
    }

    @Test
    void inlineData_mountsReadOnlyAndReadsIt() throws Exception {
        Path img = tmp.resolve("inline.img");
        HostTools.mkfs(img, "64M", "-O", "inline_data");
        Path small = tmp.resolve("small");
        Files.writeString(small, "tiny inline file\n");
        Path medium = tmp.resolve("medium");
        byte[] mid = bytes(5, 100);
        Files.write(medium, mid);
        HostTools.debugfsWrite(img, "write " + small + " small");
        HostTools.debugfsWrite(img, "write " + medium + " medium");
        try (MountedExt4 fs = MountedExt4.image(img, Map.of())) {
            assertArrayEquals("tiny inline file\n".getBytes(), fs.readFile("/small"));
            assertArrayEquals(mid, fs.readFile("/medium"));
            assertEquals(Errno.EROFS.neg(), fs.sys.open(fs.task, "/small", Fcntl.O_WRONLY, 0));
            assertEquals(Errno.EROFS.neg(), fs.mkdir("/nope"));
        }
        HostTools.assertE2fsckClean(img);
    }

    @Test
    void unknownIncompatFeature_refusedNamingIt() throws Exception {
        Path img = tmp.resolve("future.img");
        HostTools.mkfs(img, "64M");
        HostTools.patchSuperBlock(img, sb -> sb.withFeatures(sb.featureCompat(), sb.featureIncompat() | 0x80000000,
                sb.featureRoCompat()));
        MountException e = assertThrows(MountException.class, () -> MountedExt4.image(img, Map.of()));
        assertTrue(e.getMessage().contains("FEATURE_I31"), e.getMessage());

        Path cf = tmp.resolve("casefold.img");
        HostTools.mkfs(cf, "64M");
        HostTools.patchSuperBlock(cf, sb -> sb.withFeatures(sb.featureCompat(),
                sb.featureIncompat() | Ext4Features.INCOMPAT_CASEFOLD, sb.featureRoCompat()));
        e = assertThrows(MountException.class, () -> MountedExt4.image(cf, Map.of()));
        assertTrue(e.getMessage().contains("casefold"), e.getMessage());
    }

    @Test
    void journalNeedingRecovery_readOnlyRefused_writableReplaysAndUnmountsClean() throws Exception {
        Path img = tmp.resolve("dirty.img");
        HostTools.mkfs(img, "64M");
        HostTools.patchSuperBlock(img, sb -> sb.withFeatures(sb.featureCompat(),
                sb.featureIncompat() | Ext4Features.INCOMPAT_RECOVER, sb.featureRoCompat()));
        byte[] before = Files.readAllBytes(img);
        MountException e = assertThrows(MountException.class, () -> MountedExt4.image(img, Map.of("ro", "")));
        assertTrue(e.getMessage().contains("recovery"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(img));
        try (MountedExt4 fs = MountedExt4.image(img, Map.of())) {
            fs.writeFile("/after", "replayed".getBytes());
        }
        assertTrue(!HostTools.superBlock(img).hasIncompat(Ext4Features.INCOMPAT_RECOVER));
        HostTools.assertE2fsckClean(img);
    }

    @Test
    void unknownRoCompatFeature_mountsReadOnly() throws Exception {
        Path img = tmp.resolve("rocompat.img");
        HostTools.mkfs(img, "64M");
        Files.writeString(tmp.resolve("f"), "data");
        HostTools.debugfsWrite(img, "write " + tmp.resolve("f") + " f");
        HostTools.patchSuperBlock(img, sb -> sb.withFeatures(sb.featureCompat(), sb.featureIncompat(),
                sb.featureRoCompat() | 0x40000000));
        byte[] before = Files.readAllBytes(img);
        try (MountedExt4 fs = MountedExt4.image(img, Map.of())) {
            assertArrayEquals("data".getBytes(), fs.readFile("/f"));
            assertEquals(Errno.EROFS.neg(), fs.sys.open(fs.task, "/f", Fcntl.O_RDWR, 0));
            assertEquals(Errno.EROFS.neg(), fs.sys.open(fs.task, "/g", Fcntl.O_CREAT | Fcntl.O_RDONLY, 0644));
            assertEquals(Errno.EROFS.neg(), fs.sys.unlink(fs.task, "/f"));
        }
        assertArrayEquals(before, Files.readAllBytes(img), "a read-only mount writes nothing");
        assertTrue(Ext4SuperBlock.decode(before, Ext4SuperBlock.OFFSET).hasRoCompat(0x40000000));
    }

    @Test
    void workload_10000Operations_onMkfsExt4Image_e2fsckClean() throws Exception {
        Path img = tmp.resolve("work.img");
        HostTools.mkfs(img, "64M");
        Workload w;
        try (MountedExt4 fs = MountedExt4.image(img, Map.of())) {
            w = new Workload(fs, 99L, 128 * 1024);
            w.run(10_000);
            assertEquals(List.of(), fs.fsck());
        }
        HostTools.assertE2fsckClean(img);
        Path out = tmp.resolve("rdump");
        Files.createDirectory(out);
        HostTools.Result r = HostTools.run(HostTools.DEBUGFS, "-R", "rdump / " + out, img.toString());
        assertEquals(0, r.rc(), r.text());
        for (Map.Entry<String, byte[]> f : w.files().entrySet()) {
            assertArrayEquals(f.getValue(), Files.readAllBytes(out.resolve(f.getKey().substring(1))), f.getKey());
        }
        for (String d : w.dirs()) {
            assertTrue(Files.isDirectory(out.resolve(d.isEmpty() ? "." : d.substring(1))), d);
        }
    }

    @Test
    void unwrittenExtents_fromDebugfsFallocate_readAsHolesAndConvertOnWrite() throws Exception {
        Path img = tmp.resolve("falloc.img");
        HostTools.mkfs(img, "64M");
        Files.writeString(tmp.resolve("abc"), "abc");
        HostTools.debugfsWrite(img, "write " + tmp.resolve("abc") + " f");
        HostTools.debugfsWrite(img, "fallocate f 0 19");
        HostTools.debugfsWrite(img, "sif f size 81920");
        assertTrue(HostTools.run(HostTools.DEBUGFS, "-R", "stat f", img.toString()).text().contains("[u]"));
        try (MountedExt4 fs = MountedExt4.image(img, Map.of())) {
            int fd = fs.open("/f", Fcntl.O_RDWR);
            assertEquals(0, fs.sys.lseek(fs.task, fd, 0, Fcntl.SEEK_DATA));
            assertEquals(4096, fs.sys.lseek(fs.task, fd, 0, Fcntl.SEEK_HOLE), "an unwritten extent is a hole");
            assertEquals(Errno.ENXIO.neg(), fs.sys.lseek(fs.task, fd, 4096, Fcntl.SEEK_DATA));
            byte[] expected = new byte[81920];
            System.arraycopy("abc".getBytes(), 0, expected, 0, 3);
            assertArrayEquals(expected, fs.pread(fd, 81920, 0), "unwritten blocks read as zeros");
            assertEquals(4096, fs.sys.lseek(fs.task, fd, 4096, Fcntl.SEEK_DATA),
                    "up-to-date cached pages over an unwritten extent are data (mapping_seek_hole_data)");
            assertEquals(5, fs.pwrite(fd, "hello".getBytes(), 10 * 4096 + 100));
            assertEquals(List.of(), fs.fsck());
            fs.close(fd);
        }
        HostTools.assertE2fsckClean(img);
        byte[] back = HostTools.debugfsCat(img, "/f");
        assertEquals(81920, back.length);
        assertArrayEquals("hello".getBytes(), java.util.Arrays.copyOfRange(back, 10 * 4096 + 100, 10 * 4096 + 105));
        assertArrayEquals(new byte[4096], java.util.Arrays.copyOfRange(back, 9 * 4096, 10 * 4096));
        String stat = HostTools.run(HostTools.DEBUGFS, "-R", "stat f", img.toString()).text();
        assertTrue(stat.contains("(10):") && stat.contains("(1-9[u])") && stat.contains("(11-19[u])"), stat);
    }

    @Test
    void blockMappedFile_on32BitImage_readsThenUnlinksCleanly() throws Exception {
        Path img = tmp.resolve("ext3ish.img");
        HostTools.mkfs(img, "64M", "-O", "^extent,^64bit");
        byte[] big = bytes(6, 5_000_000); // past the single indirect block: a double indirect tree
        Files.write(tmp.resolve("big"), big);
        HostTools.debugfsWrite(img, "write " + tmp.resolve("big") + " big");
        org.junit.jupiter.api.Assumptions.assumeTrue(HostTools.TUNE2FS != null, "tune2fs not installed");
        HostTools.Result tune = HostTools.run(HostTools.TUNE2FS, "-O", "extent", img.toString());
        org.junit.jupiter.api.Assumptions.assumeTrue(tune.rc() == 0, "tune2fs -O extent: " + tune.text());
        try (MountedExt4 fs = MountedExt4.image(img, Map.of())) {
            assertArrayEquals(big, fs.readFile("/big"));
            int fd = fs.open("/big", Fcntl.O_WRONLY);
            assertEquals(Errno.EOPNOTSUPP.neg(), fs.write(fd, new byte[1]), "block-mapped files are not written");
            fs.close(fd);
            fs.writeFile("/new", bytes(7, 100_000));
            assertEquals(0, fs.sys.unlink(fs.task, "/big"));
            assertEquals(List.of(), fs.fsck());
        }
        HostTools.assertE2fsckClean(img);
        assertArrayEquals(bytes(7, 100_000), HostTools.debugfsCat(img, "/new"));
    }
}
