package dev.kemu.fs.procfs;

import static dev.kemu.vfs.Fcntl.O_RDONLY;
import static dev.kemu.vfs.Fcntl.O_RDWR;
import static dev.kemu.vfs.Fcntl.SEEK_END;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.File;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.spi.FileOperations.SpliceRead;
import dev.kemu.vfs.spi.FileOperations.SpliceWrite;
import dev.kemu.vfs.spi.MountException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /proc/version}: a {@code proc_create_single} entry behind {@code proc_iter_file_ops}. */
class ProcVersionTest {
    @Test
    void read_withoutOption_namesRelease618() throws MountException {
        Machine m = new Machine();
        String text = m.readFile("/proc/version", 4096);
        assertTrue(text.startsWith("Linux version 6.18 ("), text);
        assertTrue(text.endsWith("\n"));
        assertEquals(StatMode.S_IFREG | 0444, m.stat("/proc/version").mode());
        assertEquals(0, m.stat("/proc/version").size());
    }

    @Test
    void read_withVersionOption_namesThatRelease() throws MountException {
        Machine m = new Machine(Map.of("version", "5.10.102"));
        assertTrue(m.readFile("/proc/version", 5).startsWith("Linux version 5.10.102 ("));
    }

    @Test
    void write_returnsEioAsProcRegWriteDoes() throws MountException {
        Machine m = new Machine();
        int fd = m.openOk("/proc/version", O_RDWR, 0);
        assertEquals(Errno.EIO.neg(), m.write(fd, new byte[] {'x'}));
    }

    @Test
    void lseek_end_returnsEinval() throws MountException {
        Machine m = new Machine();
        int fd = m.openOk("/proc/version", O_RDONLY, 0);
        assertEquals(Errno.EINVAL.neg(), m.lseek(fd, 0, SEEK_END));
    }

    @Test
    void splice_version_readsByCopyAndHasNoSpliceWrite() throws MountException {
        Machine m = new Machine();
        int fd = m.openOk("/proc/version", O_RDONLY, 0);
        File file = m.sys.fdget(m.task, fd);
        try {
            assertEquals(SpliceRead.COPY, file.fop().spliceRead());
            assertEquals(SpliceWrite.NONE, file.fop().spliceWrite());
        } finally {
            file.put();
        }
    }
}
