package dev.kemu.fs.tmpfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.FileSystemTypes;
import dev.kemu.vfs.Kstat;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.SuperBlock;
import dev.kemu.vfs.Vfs;
import dev.kemu.vfs.spi.MountException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link TmpfsType}: discovery, mounting, and the mount options. */
class TmpfsTypeTest {
    @Test
    void discover_onClassPath_findsTmpfsBesideTheCoreRamfs() {
        FileSystemTypes types = FileSystemTypes.discover();
        assertInstanceOf(TmpfsType.class, types.get("tmpfs"));
        assertTrue(types.get("ramfs") != null, "the core's own type is still there");
    }

    @Test
    void mount_discoveredType_plugsIntoTheVfsWithoutCoreChanges() throws MountException {
        Vfs vfs = Vfs.withRoot(FileSystemTypes.discover(), "ramfs", null, Map.of());
        SuperBlock sb = vfs.mount("tmpfs", null, "/tmp", Map.of());
        assertEquals("tmpfs", sb.type());
        assertEquals(Long.MAX_VALUE, sb.maxBytes());
        assertEquals(4096, sb.blockSize());
        assertTrue(vfs.superBlocks().contains(sb));
    }

    @Test
    void mount_root_isStickyWorldWritableDirectoryOfSize40() throws MountException {
        Machine m = new Machine();
        Kstat root = m.stat("/tmp");
        assertEquals(StatMode.S_IFDIR | 01777, root.mode());
        assertEquals(40, root.size());
        assertEquals(2, root.nlink());
        assertEquals(0, root.blocks());
        assertEquals(4096, root.blksize());
    }

    @Test
    void mount_modeOption_setsRootPermissions() throws MountException {
        Machine m = new Machine(Map.of("mode", "755"));
        assertEquals(StatMode.S_IFDIR | 0755, m.stat("/tmp").mode());
        assertThrows(MountException.class, () -> new Machine(Map.of("mode", "9")));
        assertThrows(MountException.class, () -> new Machine(Map.of("mode", "-1")));
    }

    @Test
    void mount_unknownOption_throwsMountExceptionNamingIt() {
        MountException e = assertThrows(MountException.class, () -> new Machine(Map.of("colour", "blue")));
        assertEquals("tmpfs: Unknown parameter 'colour'", e.getMessage());
    }

    @Test
    void mount_sizeWithBadSuffix_throwsMountException() {
        MountException e = assertThrows(MountException.class, () -> new Machine(Map.of("size", "64q")));
        assertEquals("tmpfs: Bad value for 'size'", e.getMessage());
    }

    @Test
    void mount_sizeAsShareOfRam_isRefused() {
        assertThrows(MountException.class, () -> new Machine(Map.of("size", "50%")));
    }

    @Test
    void memparse_suffixesAndCNotation_giveBytes() throws MountException {
        assertEquals(64L << 20, ShmemOptions.memparse("64m", "size"));
        assertEquals(64L << 20, ShmemOptions.memparse("64M", "size"));
        assertEquals(1L << 30, ShmemOptions.memparse("1g", "size"));
        assertEquals(4096, ShmemOptions.memparse("0x1000", "size"));
        assertEquals(8, ShmemOptions.memparse("010", "size"));
        assertEquals(0, ShmemOptions.memparse("0", "size"));
        assertThrows(MountException.class, () -> ShmemOptions.memparse("", "size"));
        assertThrows(MountException.class, () -> ShmemOptions.memparse("1kk", "size"));
        assertThrows(MountException.class, () -> ShmemOptions.memparse("16e", "size"));
    }

    @Test
    void parse_sizeNotPageAligned_roundsUpToWholePages() throws MountException {
        assertEquals(2, ShmemOptions.parse(Map.of("size", "5000")).maxBlocks());
        assertEquals(0, ShmemOptions.parse(Map.of("size", "0")).maxBlocks());
        assertEquals(7, ShmemOptions.parse(Map.of("nr_blocks", "7")).maxBlocks());
    }
}
