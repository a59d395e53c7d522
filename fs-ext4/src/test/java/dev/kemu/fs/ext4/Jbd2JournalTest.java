package dev.kemu.fs.ext4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.fs.ext4.disklayout.Ext4Features;
import dev.kemu.fs.ext4.disklayout.Ext4SuperBlock;
import dev.kemu.fs.ext4.disklayout.Jbd2Format;
import dev.kemu.fs.ext4.disklayout.Jbd2SuperBlock;
import dev.kemu.vfs.Fcntl;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal against the real e2fsprogs: transactions kemu writes into a {@code mkfs.ext4} image
 * are what e2fsck's replay accepts, kemu replays them itself at mount, and a clean unmount leaves
 * an empty journal and no {@code needs_recovery}.
 */
class Jbd2JournalTest {
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

    private static Ext4SuperBlock superBlock(Path img) throws Exception {
        byte[] b = new byte[2048];
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "r")) {
            f.readFully(b);
        }
        return Ext4SuperBlock.decode(b, Ext4SuperBlock.OFFSET);
    }

    /** Copies the image as it is now, as a crash at this moment would leave it. */
    private Path snapshot(Path img, String name) throws Exception {
        Path copy = tmp.resolve(name);
        Files.copy(img, copy);
        return copy;
    }

    @Test
    void mount_journalledImage_setsNeedsRecoveryUntilUnmount() throws Exception {
        Path img = tmp.resolve("j.img");
        HostTools.mkfs(img, "64M");
        try (MountedExt4 fs = MountedExt4.image(img, "64m")) {
            assertTrue(superBlock(img).hasIncompat(Ext4Features.INCOMPAT_RECOVER));
            fs.writeFile("/a", bytes(1, 10_000));
        }
        Ext4SuperBlock es = superBlock(img);
        assertFalse(es.hasIncompat(Ext4Features.INCOMPAT_RECOVER));
        assertEquals(Ext4SuperBlock.STATE_VALID_FS, es.state() & Ext4SuperBlock.STATE_VALID_FS);
        HostTools.assertE2fsckClean(img);
        assertArrayEquals(bytes(1, 10_000), HostTools.debugfsCat(img, "/a"));
    }

    @Test
    void fsync_thenCrash_e2fsckReplaysTheCommittedTransaction() throws Exception {
        Path img = tmp.resolve("j.img");
        HostTools.mkfs(img, "64M");
        Path crashed;
        try (MountedExt4 fs = MountedExt4.image(img, "64m")) {
            assertEquals(0, fs.mkdir("/d"));
            int fd = fs.open("/d/synced", Fcntl.O_CREAT | Fcntl.O_WRONLY);
            assertEquals(50_000, fs.write(fd, bytes(2, 50_000)));
            assertEquals(0, fs.sys.fsync(fs.task, fd));
            fs.close(fd);
            crashed = snapshot(img, "crashed.img");
        }
        // The image as the crash left it: the transaction is in the log, needs_recovery is set.
        assertTrue(superBlock(crashed).hasIncompat(Ext4Features.INCOMPAT_RECOVER));
        Path forKemu = snapshot(crashed, "for-kemu.img");
        HostTools.Result r = HostTools.run(HostTools.E2FSCK, "-fy", crashed.toString());
        assertTrue(r.rc() <= 1, r.text());
        assertTrue(r.text().contains("recovering journal"), r.text());
        assertFalse(r.text().contains("Fix? yes"), r.text());
        HostTools.assertE2fsckClean(crashed);
        assertArrayEquals(bytes(2, 50_000), HostTools.debugfsCat(crashed, "/d/synced"));
        // kemu's own replay at mount reaches the same state.
        try (MountedExt4 fs = MountedExt4.image(forKemu, "64m")) {
            assertArrayEquals(bytes(2, 50_000), fs.readFile("/d/synced"));
        }
        HostTools.assertE2fsckClean(forKemu);
    }

    @Test
    void commit_blockBeginningWithJbd2Magic_isEscapedAndBothReplaysRestoreIt() throws Exception {
        Path img = tmp.resolve("j.img");
        HostTools.mkfs(img, "64M");
        byte[] block = bytes(3, 4096);
        Jbd2Format.putBe32(block, 0, Jbd2Format.MAGIC);
        long home;
        Path crashed;
        try (MountedExt4 fs = MountedExt4.image(img, "64m")) {
            BlockDevice dev = fs.device();
            home = dev.sizeInBlocks(4096) - 10; // a free block near the end
            dev.writeBlock(home, 4096, block, 0); // through the journal, as metadata
            assertEquals(0, fs.sb.sop().syncFs(fs.sb));
            crashed = snapshot(img, "crashed.img");
            // Before the crash copy is replayed, scribble over the home block: only replay restores it.
        }
        try (RandomAccessFile f = new RandomAccessFile(crashed.toFile(), "rw")) {
            f.seek(home * 4096);
            f.write(new byte[4096]);
        }
        Jbd2SuperBlock jsb = journalSuperBlock(crashed);
        assertNotEquals(0, jsb.start());
        assertTrue(jsb.hasIncompat(Jbd2Format.FEATURE_INCOMPAT_CSUM_V3), jsb.toString());
        assertTrue(jsb.hasIncompat(Jbd2Format.FEATURE_INCOMPAT_64BIT), jsb.toString());
        assertTrue(jsb.checksumValid());
        Path forKemu = snapshot(crashed, "for-kemu.img");
        HostTools.Result r = HostTools.run(HostTools.E2FSCK, "-fy", crashed.toString());
        assertTrue(r.rc() <= 1, r.text());
        assertArrayEquals(block, readBlock(crashed, home));
        try (MountedExt4 fs = MountedExt4.image(forKemu, "64m")) {
            assertEquals(0040000, fs.stat("/").mode() & 0170000);
        }
        assertArrayEquals(block, readBlock(forKemu, home));
    }

    @Test
    void dataWrite_overBlockStillInTheLog_isRevokedSoNoReplayOverwritesIt() throws Exception {
        Path img = tmp.resolve("j.img");
        HostTools.mkfs(img, "64M");
        byte[] metadata = bytes(4, 4096);
        byte[] data = bytes(5, 4096);
        long home;
        Path crashed;
        try (MountedExt4 fs = MountedExt4.image(img, "64m")) {
            Jbd2Device dev = (Jbd2Device) fs.device();
            home = dev.sizeInBlocks(4096) - 20;
            dev.writeBlock(home, 4096, metadata, 0); // journalled, committed: a copy stays in the log
            assertEquals(0, fs.sb.sop().syncFs(fs.sb));
            dev.writeData(home, data, 0); // the block, freed, now holds file data
            assertEquals(0, fs.sb.sop().syncFs(fs.sb));
            crashed = snapshot(img, "crashed.img");
        }
        Jbd2SuperBlock jsb = journalSuperBlock(crashed);
        assertTrue(jsb.hasIncompat(Jbd2Format.FEATURE_INCOMPAT_REVOKE), jsb.toString());
        Path forKemu = snapshot(crashed, "for-kemu.img");
        HostTools.Result r = HostTools.run(HostTools.E2FSCK, "-fy", crashed.toString());
        assertTrue(r.rc() <= 1, r.text());
        assertArrayEquals(data, readBlock(crashed, home));
        try (MountedExt4 fs = MountedExt4.image(forKemu, "64m")) {
            assertEquals(0040000, fs.stat("/").mode() & 0170000);
        }
        assertArrayEquals(data, readBlock(forKemu, home));
    }

    private static byte[] readBlock(Path img, long block) throws Exception {
        byte[] b = new byte[4096];
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "r")) {
            f.seek(block * 4096);
            f.readFully(b);
        }
        return b;
    }

    /** The journal superblock of an image whose journal starts where mkfs.ext4 put it. */
    static Jbd2SuperBlock journalSuperBlock(Path img) throws Exception {
        try (FileBlockDevice dev = FileBlockDevice.open(img, true)) {
            Ext4SuperBlock es = Ext4Fsck.superBlock(dev);
            long[] map = Jbd2JournalInode.blockMap(dev, es, img.toString());
            return Jbd2SuperBlock.decode(dev.readBlock(map[0], es.blockSize()));
        }
    }
}
