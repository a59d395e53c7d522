package dev.kemu.fs.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Statfs;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** statfs and fsync on procfs: {@code simple_statfs} with {@code PROC_SUPER_MAGIC}, no {@code fsync}. */
class ProcStatfsTest {
    @Test
    void statfs_proc_isSimpleStatfsWithProcMagic() throws Exception {
        Machine m = new Machine(Map.of());
        Statfs s = m.statfs("/proc/version");
        assertEquals(Statfs.PROC_SUPER_MAGIC, s.type());
        assertEquals(4096, s.bsize());
        assertEquals(0, s.blocks());
        assertEquals(0, s.files());
        assertEquals(255, s.namelen());
        assertEquals(Statfs.ST_VALID | Statfs.ST_RELATIME, s.flags());
        assertEquals(m.vfs.superBlocks().get(1).dev(), s.fsid(), "f_fsid is the device number");
    }

    @Test
    void fsync_procFile_isEinval() throws Exception {
        Machine m = new Machine(Map.of());
        int fd = m.openOk("/proc/version", Fcntl.O_RDONLY, 0);
        assertEquals(Errno.EINVAL.neg(), m.fsync(fd));
    }
}
