package dev.kemu.fs.ext4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.fs.ext4.disklayout.Ext4GroupDesc;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The randomized workload on a RAM disk, and the checker catching a corrupted bitmap. */
@ExtendWith(FsckAfterEach.class)
class RandomWorkloadTest {
    @Test
    void workload_100000Operations_matchesModelAndFsckClean() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("64m");
        long t0 = System.nanoTime();
        Workload w = new Workload(fs, 20240601L, 192 * 1024);
        w.run(100_000);
        System.out.printf("100000 operations in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertEquals(List.of(), fs.fsck());
    }

    @Test
    void fsck_flippedBlockBitmapBit_reportsIt() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("64m");
        new Workload(fs, 7L, 64 * 1024).run(500);
        assertEquals(List.of(), fs.fsck());
        BlockDevice dev = fs.device();
        fs.unmount();
        Ext4GroupDesc gd = Ext4GroupDesc.decode(dev.readBlock(1, 4096), 0, 64);
        // Flip a bit well inside the data area: a free block marked used (or a used one freed).
        byte[] bitmap = dev.readBlock(gd.blockBitmap(), 4096);
        bitmap[1500] ^= 0x10;
        dev.writeBlock(gd.blockBitmap(), 4096, bitmap, 0);
        List<String> problems = Ext4Fsck.check(dev);
        assertFalse(problems.isEmpty());
        assertTrue(problems.stream().anyMatch(p -> p.contains("block bitmap of group 0")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("block bitmap checksum of group 0")), problems.toString());
    }
}
