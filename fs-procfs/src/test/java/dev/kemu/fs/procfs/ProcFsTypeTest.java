package dev.kemu.fs.procfs;

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

/** {@link ProcFsType}: discovery, mounting, the mount option, and the root directory. */
class ProcFsTypeTest {
    @Test
    void discover_onClassPath_findsProcBesideTheCoreRamfs() {
        FileSystemTypes types = FileSystemTypes.discover();
        assertInstanceOf(ProcFsType.class, types.get("proc"));
        assertTrue(types.get("ramfs") != null);
    }

    @Test
    void mount_discoveredType_plugsIntoTheVfsWithoutCoreChanges() throws MountException {
        Vfs vfs = Vfs.withRoot(FileSystemTypes.discover(), "ramfs", null, Map.of());
        SuperBlock sb = vfs.mount("proc", null, "/proc", Map.of());
        assertEquals("proc", sb.type());
        assertEquals(1024, sb.blockSize());
        assertEquals(Integer.MAX_VALUE, sb.maxBytes());
        assertTrue(vfs.superBlocks().contains(sb));
    }

    @Test
    void mount_unknownOption_throwsMountExceptionNamingIt() {
        MountException e = assertThrows(MountException.class, () -> new Machine(Map.of("hidepid", "2")));
        assertEquals("proc: Unknown parameter 'hidepid'", e.getMessage());
    }

    @Test
    void mount_emptyVersion_throwsMountException() {
        assertThrows(MountException.class, () -> new Machine(Map.of("version", "")));
    }

    @Test
    void stat_root_isDirectory0555OfSizeZeroWithBlockSize1024() throws MountException {
        Kstat st = new Machine().stat("/proc");
        assertEquals(StatMode.S_IFDIR | 0555, st.mode());
        assertEquals(0, st.size());
        assertEquals(0, st.blocks());
        assertEquals(1024, st.blksize());
        assertEquals(3, st.nlink(), ". and .. and sys/..");
    }
}
