package dev.kemu.fs.ext4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kemu.fs.ext4.disklayout.Ext4Extent;
import dev.kemu.fs.ext4.disklayout.Ext4Inode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The extent tree on an inode that no directory names: merging limits and lookups that need no
 * data blocks (the physical blocks are made up and never read).
 */
@ExtendWith(FsckAfterEach.class)
class ExtentTreeTest {
    private static Ext4InodeInfo detachedInode(MountedExt4 fs) {
        Ext4Inode disk = new Ext4Inode(0100644, 0, 0, 0, 0, 0, 0, 0, 1, 0, Ext4Inode.EXTENTS_FL, 0,
                ExtentNode.emptyRoot().encodeRoot(), 1, 0, 32, 0, 0, 0, 0, 0, new byte[256]);
        return new Ext4InodeInfo(9999, disk, Ext4SbInfo.of(fs.sb).csumSeed);
    }

    private static List<Ext4Extent> extents(ExtentTree t) {
        List<Ext4Extent> out = new ArrayList<>();
        t.forEachFrom(0, out::add);
        return out;
    }

    @Test
    void insert_contiguousBlocks_initializedExtentsStopAt32768() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("64m");
        ExtentTree t = new ExtentTree(Ext4SbInfo.of(fs.sb), detachedInode(fs));
        for (long l = 0; l < 40000; l++) {
            t.insert(new Ext4Extent(l, 1, false, 1_000_000 + l));
        }
        assertEquals(List.of(new Ext4Extent(0, 32768, false, 1_000_000),
                new Ext4Extent(32768, 40000 - 32768, false, 1_000_000 + 32768)), extents(t));
        assertEquals(0, t.depth());
    }

    @Test
    void insert_contiguousUnwritten_stopAt32767() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("64m");
        ExtentTree t = new ExtentTree(Ext4SbInfo.of(fs.sb), detachedInode(fs));
        for (long l = 0; l < 33000; l++) {
            t.insert(new Ext4Extent(l, 1, true, 2_000_000 + l));
        }
        assertEquals(List.of(new Ext4Extent(0, 32767, true, 2_000_000),
                new Ext4Extent(32767, 33000 - 32767, true, 2_000_000 + 32767)), extents(t));
    }

    @Test
    void insert_mergesWithBothNeighbours() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("64m");
        ExtentTree t = new ExtentTree(Ext4SbInfo.of(fs.sb), detachedInode(fs));
        t.insert(new Ext4Extent(10, 5, false, 500));
        t.insert(new Ext4Extent(16, 4, false, 506));
        t.insert(new Ext4Extent(0, 2, false, 490)); // to the left, physically contiguous but not logically
        assertEquals(3, extents(t).size());
        t.insert(new Ext4Extent(15, 1, false, 505));
        assertEquals(List.of(new Ext4Extent(0, 2, false, 490), new Ext4Extent(10, 10, false, 500)), extents(t));
        assertNull(t.lookup(5));
        assertEquals(new Ext4Extent(10, 10, false, 500), t.lookup(19));
        assertThrows(IllegalStateException.class, () -> t.insert(new Ext4Extent(12, 1, false, 900)));
    }

    @Test
    void convertToWritten_middleOfUnwritten_splitsInThree() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("64m");
        ExtentTree t = new ExtentTree(Ext4SbInfo.of(fs.sb), detachedInode(fs));
        t.insert(new Ext4Extent(0, 10, true, 700));
        t.convertToWritten(4);
        assertEquals(List.of(new Ext4Extent(0, 4, true, 700), new Ext4Extent(4, 1, false, 704),
                new Ext4Extent(5, 5, true, 705)), extents(t));
        t.convertToWritten(5);
        assertEquals(List.of(new Ext4Extent(0, 4, true, 700), new Ext4Extent(4, 2, false, 704),
                new Ext4Extent(6, 4, true, 706)), extents(t));
    }
}
