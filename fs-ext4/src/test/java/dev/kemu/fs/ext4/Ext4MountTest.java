package dev.kemu.fs.ext4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.fs.ext4.disklayout.Ext4SuperBlock;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.FileSystemTypes;
import dev.kemu.vfs.spi.MountException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Mount sources and options, persistence across mounts, orphans across an unmount. */
@ExtendWith(FsckAfterEach.class)
class Ext4MountTest {
    @TempDir
    Path tmp;

    @Test
    void serviceLoader_findsExt4() {
        assertTrue(FileSystemTypes.discover().get("ext4") instanceof Ext4FileSystemType);
    }

    @Test
    void parseSize_suffixes() throws Exception {
        assertEquals(256L << 20, Ext4FileSystemType.parseSize("256m"));
        assertEquals(1L << 30, Ext4FileSystemType.parseSize("1G"));
        assertEquals(65536L << 10, Ext4FileSystemType.parseSize("65536k"));
        assertEquals(4L << 20, Ext4FileSystemType.parseSize("4194304"));
        assertThrows(MountException.class, () -> Ext4FileSystemType.parseSize("lots"));
        assertThrows(MountException.class, () -> Ext4FileSystemType.parseSize("100k"));
    }

    @Test
    void mount_ramdisk_defaultIsOneGibibyteAndSparse() throws Exception {
        MountedExt4 fs = MountedExt4.ramdiskWith(Map.of());
        assertEquals(262144, Ext4Fsck.superBlock(fs.device()).blocksCount());
        assertTrue(((MemoryBlockDevice) fs.device()).bytesAllocated() < (8L << 20),
                "a fresh 1 GiB RAM disk holds only its metadata");
    }

    @Test
    void mount_unknownOption_refused() {
        MountException e = assertThrows(MountException.class, () -> MountedExt4.image(tmp.resolve("x.img"),
                Map.of("data", "journal")));
        assertTrue(e.getMessage().contains("data"), e.getMessage());
    }

    @Test
    void mount_notExt4_refused() throws Exception {
        Path zeros = tmp.resolve("zeros.img");
        Files.write(zeros, new byte[1 << 20]);
        MountException e = assertThrows(MountException.class, () -> MountedExt4.image(zeros, Map.of()));
        assertTrue(e.getMessage().endsWith("zeros.img: VFS: Can't find ext4 filesystem"), e.getMessage());
        assertThrows(MountException.class, () -> MountedExt4.image(tmp, Map.of()));
    }

    @Test
    void mount_corruptSuperblockChecksum_refused() throws Exception {
        Path img = tmp.resolve("c.img");
        MountedExt4.image(img, "16m").unmount();
        try (var f = new java.io.RandomAccessFile(img.toFile(), "rw")) {
            f.seek(Ext4SuperBlock.OFFSET + 0x78); // the volume name, covered by the checksum
            f.write('X');
        }
        MountException e = assertThrows(MountException.class, () -> MountedExt4.image(img, Map.of()));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void remount_image_keepsContentsLinksAndSizes() throws Exception {
        Path img = tmp.resolve("p.img");
        byte[] data = new byte[70_000];
        new java.util.Random(1).nextBytes(data);
        try (MountedExt4 fs = MountedExt4.image(img, "32m")) {
            fs.mkdir("/a");
            fs.mkdir("/a/b");
            fs.writeFile("/a/b/f", data);
            fs.writeFile("/g", "g".getBytes());
        }
        try (FileBlockDevice dev = FileBlockDevice.open(img, true)) {
            assertEquals(List.of(), Ext4Fsck.check(dev));
            Ext4SuperBlock es = Ext4Fsck.superBlock(dev);
            assertTrue((es.state() & Ext4SuperBlock.STATE_VALID_FS) != 0, "cleanly unmounted");
            assertEquals(1, es.mntCount());
        }
        try (MountedExt4 fs = MountedExt4.image(img, Map.of())) {
            assertArrayEquals(data, fs.readFile("/a/b/f"));
            assertArrayEquals("g".getBytes(), fs.readFile("/g"));
            assertEquals(3, fs.stat("/a").nlink());
            assertEquals(4, fs.stat("/").nlink());
            assertEquals(4096, fs.stat("/a/b").size());
            assertEquals(Ext4SbInfo.of(fs.sb).groups.freeBlocks(), Ext4Fsck.superBlock(fs.device()).freeBlocksCount());
        }
    }

    @Test
    void unmount_withUnlinkedFileOpen_nextMountFreesTheOrphan() throws Exception {
        Path img = tmp.resolve("o.img");
        long freeBefore;
        MountedExt4 fs = MountedExt4.image(img, "32m");
        freeBefore = Ext4SbInfo.of(fs.sb).groups.freeBlocks();
        fs.writeFile("/f", new byte[50_000]);
        int fd = fs.open("/f", Fcntl.O_RDONLY);
        assertEquals(0, fs.sys.unlink(fs.task, "/f"));
        fs.unmount(); // as if the machine went down with the file open
        try (FileBlockDevice dev = FileBlockDevice.open(img, true)) {
            assertEquals(12, Ext4Fsck.superBlock(dev).lastOrphan());
            assertEquals(List.of(), Ext4Fsck.check(dev), "orphans are legitimate");
        }
        try (MountedExt4 again = MountedExt4.image(img, Map.of())) {
            assertEquals(freeBefore, Ext4SbInfo.of(again.sb).groups.freeBlocks(), "orphan cleanup freed the blocks");
            assertEquals(Errno.ENOENT.neg(), again.sys.open(again.task, "/f", Fcntl.O_RDONLY, 0));
        }
        try (FileBlockDevice dev = FileBlockDevice.open(img, true)) {
            assertEquals(0, Ext4Fsck.superBlock(dev).lastOrphan());
        }
        assertFalse(fs.isMounted());
        fs.close(fd); // after the unmount: nothing happens to the image any more
    }

    @Test
    void mount_readOnlyOption_refusesWrites() throws Exception {
        Path img = tmp.resolve("r.img");
        MountedExt4.image(img, "16m").unmount();
        byte[] before = Files.readAllBytes(img);
        try (MountedExt4 fs = MountedExt4.image(img, Map.of("ro", ""))) {
            assertEquals(Errno.EROFS.neg(), fs.mkdir("/d"));
            assertEquals(Errno.EROFS.neg(), fs.sys.open(fs.task, "/f", Fcntl.O_CREAT | Fcntl.O_WRONLY, 0644));
            assertEquals(3, fs.stat("/").nlink());
        }
        assertArrayEquals(before, Files.readAllBytes(img));
    }
}
