package dev.kemu.fs.ext4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.fs.ext4.disklayout.Ext4SuperBlock;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.spi.MountException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corrupt metadata met as ext4 meets it: checksums verified on read with EFSBADCRC (EBADMSG),
 * the error recorded in the superblock and the filesystem turned read-only ({@link Ext4Error}),
 * mount checks made before the first write, the image lock, MMP. Images are made by
 * {@code mkfs.ext4} and {@code debugfs}, then damaged at the byte {@code debugfs} and
 * {@code dumpe2fs} locate.
 */
class Ext4ErrorTest {
    private static final Map<String, String> REMOUNT_RO = Map.of("errors", "remount-ro");

    @TempDir
    Path tmp;
    Path img;

    @BeforeEach
    void image() throws Exception {
        HostTools.assumeAvailable();
        img = tmp.resolve("e.img");
        HostTools.mkfs(img, "256M");
        Path local = tmp.resolve("local");
        Files.write(local, "some contents".getBytes());
        HostTools.debugfsWrite(img, "write " + local + " f");
        HostTools.debugfsWrite(img, "mkdir d");
        HostTools.debugfsWrite(img, "write " + local + " d/g");
    }

    /** The images here are damaged on purpose: what Ext4Fsck says at their unmount is expected. */
    @AfterEach
    void forgetExpectedProblems() {
        MountedExt4.drainUnmountProblems();
    }

    @Test
    void mount_corruptRootInode_refusedAndImageUnchanged() throws Exception {
        flipByte(inodePos("<2>") + 0x10);
        String before = sha256(img);
        MountException e = assertThrows(MountException.class, () -> MountedExt4.image(img, Map.of()));
        assertTrue(e.getMessage().contains("get root inode failed"), e.getMessage());
        assertEquals(before, sha256(img));
    }

    @Test
    void open_inodeChecksumBad_ebadmsgThenReadOnly_onlyTheErrorRecordWritten() throws Exception {
        flipByte(inodePos("/f") + 0x10);
        byte[] before = Files.readAllBytes(img);
        try (MountedExt4 fs = MountedExt4.image(img, REMOUNT_RO)) {
            assertEquals(Errno.EBADMSG.neg(), fs.sys.open(fs.task, "/f", Fcntl.O_RDONLY, 0));
            assertEquals(Errno.EROFS.neg(), fs.mkdir("/new"));
            assertEquals(Errno.EROFS.neg(), fs.sys.open(fs.task, "/d/g", Fcntl.O_WRONLY, 0));
        }
        byte[] after = Files.readAllBytes(img);
        Ext4SuperBlock es = Ext4SuperBlock.decode(after, Ext4SuperBlock.OFFSET);
        assertEquals(Ext4SuperBlock.STATE_ERROR_FS, es.state() & Ext4SuperBlock.STATE_ERROR_FS);
        // With a journal, ext4_setup_super keeps VALID_FS and sets needs_recovery instead; after the
        // error the journal is never emptied, so needs_recovery stays: the image is not marked clean.
        assertTrue((es.state() & Ext4SuperBlock.STATE_VALID_FS) == 0
                || es.hasIncompat(dev.kemu.fs.ext4.disklayout.Ext4Features.INCOMPAT_RECOVER), "never marked clean again");
        assertEquals(1, es.errorCount());
        assertTrue(es.checksumValid());
        // Block 0 holds the superblock (mount count, then the error record); nothing else changed.
        assertArrayEquals(Arrays.copyOfRange(before, 4096, before.length), Arrays.copyOfRange(after, 4096, after.length));
        String dump = HostTools.run(HostTools.DUMPE2FS, "-h", img.toString()).text();
        assertTrue(dump.contains("FS Error count:           1"), dump);
        assertTrue(dump.contains("First error function:     ext4_lookup"), dump);
        assertTrue(dump.contains("clean with errors") || dump.contains("not clean with errors"), dump);
    }

    @Test
    void open_inodeChecksumBad_superblockSaysContinue_staysWritable() throws Exception {
        flipByte(inodePos("/f") + 0x10);
        assertEquals(Ext4SuperBlock.ERRORS_CONTINUE, superBlock().errors(), "mkfs.ext4's default");
        try (MountedExt4 fs = MountedExt4.image(img, Map.of())) {
            assertEquals(Errno.EBADMSG.neg(), fs.sys.open(fs.task, "/f", Fcntl.O_RDONLY, 0));
            assertEquals(0, fs.mkdir("/new"));
        }
        Ext4SuperBlock es = superBlock();
        assertEquals(1, es.errorCount());
    }

    @Test
    void lookup_dirBlockChecksumBad_ebadmsg() throws Exception {
        long blk = firstBlock("/d");
        flipByte(blk * 4096 + 20);
        try (MountedExt4 fs = MountedExt4.image(img, Map.of())) {
            assertEquals(Errno.EBADMSG.neg(), fs.sys.open(fs.task, "/d/g", Fcntl.O_RDONLY, 0));
            assertArrayEquals("some contents".getBytes(), fs.readFile("/f"), "reads still work");
        }
        assertEquals(1, superBlock().errorCount());
    }

    @Test
    void read_extentBlockChecksumBad_ebadmsg() throws Exception {
        Path sparse = tmp.resolve("sparse");
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            for (int i = 0; i < 40; i++) {
                f.seek(i * 2L * 4096);
                f.write('x');
            }
        }
        HostTools.debugfsWrite(img, "write " + sparse + " sparse");
        String ex = HostTools.run(HostTools.DEBUGFS, "-R", "ex /sparse", img.toString()).text();
        Matcher m = Pattern.compile("(?m)^\\s*0/\\s*1\\s+\\d+/\\s*\\d+\\s+\\d+\\s*-\\s*\\d+\\s+(\\d+)").matcher(ex);
        assertTrue(m.find(), ex);
        flipByte(Long.parseLong(m.group(1)) * 4096 + 30);
        try (MountedExt4 fs = MountedExt4.image(img, REMOUNT_RO)) {
            int fd = fs.open("/sparse", Fcntl.O_RDONLY);
            assertTrue(fd >= 0, "the inode itself is fine");
            assertEquals(Errno.EBADMSG.neg(), fs.sys.pread64(fs.task, fd, dev.kemu.vfs.UserBuffer.allocate(1), 1,
                    39 * 2L * 4096));
        }
        assertEquals(1, superBlock().errorCount());
    }

    @Test
    void write_blockBitmapChecksumBad_groupSkippedErrorRecordedThenReadOnly() throws Exception {
        long bitmap = dumpe2fsNumber("Block bitmap at (\\d+)");
        flipByte(bitmap * 4096 + 4000); // a bit of a free block: only the checksum tells
        try (MountedExt4 fs = MountedExt4.image(img, REMOUNT_RO)) {
            int fd = fs.open("/new", Fcntl.O_CREAT | Fcntl.O_WRONLY);
            assertTrue(fd >= 0);
            // The first page gets a block of another group; the error made the filesystem read-only
            // before the second page, so the write is short.
            assertEquals(4096, fs.write(fd, new byte[8192]));
            assertEquals(Errno.EROFS.neg(), fs.write(fd, new byte[10]));
            fs.close(fd);
        }
        Ext4SuperBlock es = superBlock();
        assertEquals(1, es.errorCount());
        String dump = HostTools.run(HostTools.DUMPE2FS, "-h", img.toString()).text();
        assertTrue(dump.contains("ext4_validate_block_bitmap"), dump);
    }

    @Test
    void mount_errorFsImage_mountsWithWarning() throws Exception {
        HostTools.patchSuperBlock(img, s -> s.withMountState(s.state() | Ext4SuperBlock.STATE_ERROR_FS, s.mntCount(),
                s.mtime(), s.wtime(), s.lastOrphan()));
        try (MountedExt4 fs = MountedExt4.image(img, Map.of())) {
            assertArrayEquals("some contents".getBytes(), fs.readFile("/f"));
        }
    }

    @Test
    void mount_readOnly_writesNotOneByte() throws Exception {
        String before = sha256(img);
        try (MountedExt4 fs = MountedExt4.image(img, Map.of("ro", ""))) {
            assertArrayEquals("some contents".getBytes(), fs.readFile("/d/g"));
            assertEquals(Errno.EROFS.neg(), fs.mkdir("/new"));
            assertEquals(Errno.EROFS.neg(), fs.sys.open(fs.task, "/f", Fcntl.O_WRONLY, 0));
        }
        assertEquals(before, sha256(img));
    }

    @Test
    void open_secondWriterInThisProcess_refusedUntilTheFirstCloses() throws Exception {
        FileBlockDevice first = FileBlockDevice.open(img, false);
        try {
            assertThrows(FileBlockDevice.ImageBusyException.class, () -> FileBlockDevice.open(img, false));
            assertThrows(FileBlockDevice.ImageBusyException.class, () -> FileBlockDevice.open(img, true));
        } finally {
            first.close();
        }
        FileBlockDevice.open(img, false).close();
    }

    @Test
    void mount_mmpImage_writableRefusedReadOnlyMounts() throws Exception {
        Path mmp = tmp.resolve("mmp.img");
        HostTools.mkfs(mmp, "64M", "-O", "mmp");
        String before = sha256(mmp);
        MountException e = assertThrows(MountException.class, () -> MountedExt4.image(mmp, Map.of()));
        assertTrue(e.getMessage().contains("multi-mount protection"), e.getMessage());
        try (MountedExt4 fs = MountedExt4.image(mmp, Map.of("ro", ""))) {
            assertEquals(Errno.EROFS.neg(), fs.mkdir("/x"));
        }
        assertEquals(before, sha256(mmp));
    }

    @Test
    void mount_blockBitmapOutsideGroup_refusedWithTheKernelsMessage() throws Exception {
        // The first descriptor's bg_block_bitmap_lo, at the start of block 1.
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.seek(4096);
            f.write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x00});
        }
        String before = sha256(img);
        for (Map<String, String> opts : java.util.List.of(Map.<String, String>of(), Map.of("ro", ""))) {
            MountException e = assertThrows(MountException.class, () -> MountedExt4.image(img, opts));
            assertTrue(e.getMessage().contains("ext4_check_descriptors: Block bitmap for group 0 not in group"),
                    e.getMessage());
        }
        assertEquals(before, sha256(img));
    }

    @Test
    void mount_blockBitmapHighWordPast48Bits_refusedNotAnInternalError() throws Exception {
        // bg_block_bitmap_hi of the first 64-byte descriptor.
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.seek(4096 + 0x20);
            f.write(new byte[] {0x00, 0x00, 0x01, 0x00});
        }
        MountException e = assertThrows(MountException.class, () -> MountedExt4.image(img, Map.of("ro", "")));
        assertTrue(e.getMessage().contains("Block bitmap for group 0 not in group (block 28147497671"),
                e.getMessage());
    }

    private Ext4SuperBlock superBlock() throws IOException {
        return Ext4SuperBlock.decode(Files.readAllBytes(img), Ext4SuperBlock.OFFSET);
    }

    private long inodePos(String spec) throws Exception {
        String out = HostTools.run(HostTools.DEBUGFS, "-R", "imap " + spec, img.toString()).text();
        Matcher m = Pattern.compile("located at block (\\d+), offset 0x([0-9a-f]+)").matcher(out);
        assertTrue(m.find(), out);
        return Long.parseLong(m.group(1)) * 4096 + Long.parseLong(m.group(2), 16);
    }

    private long firstBlock(String path) throws Exception {
        String out = HostTools.run(HostTools.DEBUGFS, "-R", "blocks " + path, img.toString()).text();
        Matcher m = Pattern.compile("(?m)^(\\d+)").matcher(out);
        assertTrue(m.find(), out);
        return Long.parseLong(m.group(1));
    }

    private long dumpe2fsNumber(String regex) throws Exception {
        String out = HostTools.run(HostTools.DUMPE2FS, img.toString()).text();
        Matcher m = Pattern.compile(regex).matcher(out);
        assertTrue(m.find(), out);
        return Long.parseLong(m.group(1));
    }

    private void flipByte(long pos) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.seek(pos);
            int b = f.read();
            f.seek(pos);
            f.write(b ^ 0x5a);
        }
        assertNotEquals("", sha256(img));
    }

    static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }
}
