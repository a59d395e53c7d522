package dev.kemu.fs.tmpfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Mman;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.UserMemory;
import org.junit.jupiter.api.Test;

/** mknod on tmpfs ({@code mm/shmem.c:shmem_mknod()}) and shared mappings of tmpfs files. */
class ShmemSpecialTest {
    private final Machine m;

    ShmemSpecialTest() throws Exception {
        m = new Machine();
    }

    @Test
    void mknod_fifo_isAFifoThatGrowsTheDirectory() {
        long before = m.stat("/tmp").size();
        assertEquals(0, m.call(() -> m.sys.mknod(m.task, "f", StatMode.S_IFIFO | 0600, 0)));
        assertEquals(StatMode.S_IFIFO | 0600, m.stat("/tmp/f").mode());
        assertEquals(before + ShmemInodes.BOGO_DIRENT_SIZE, m.stat("/tmp").size());
        assertEquals(Errno.EEXIST.neg(), m.call(() -> m.sys.mknod(m.task, "f", StatMode.S_IFIFO | 0600, 0)));
    }

    @Test
    void open_fifoWithoutPipeLayer_returnsEnxio() {
        assertEquals(0, m.call(() -> m.sys.mknod(m.task, "f", StatMode.S_IFIFO | 0600, 0)));
        assertEquals(Errno.ENXIO.neg(), m.open("f", Fcntl.O_RDWR, 0), "no pipefifo_fops installed in this machine");
    }

    @Test
    void mmapShared_storesAreSeenByRead() {
        int fd = (int) m.open("f", Fcntl.O_CREAT | Fcntl.O_RDWR, 0644);
        assertEquals(6, m.write(fd, "tmpfs!".getBytes()));
        long addr = m.call(() -> m.sys.mmap(m.task, 0, 4096, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_SHARED, fd, 0));
        assertTrue(addr > 0);
        UserMemory um = m.task.mm().userMemory(addr, 5, true);
        um.buf().write(0, "TMPFS".getBytes(), 0, 5);
        assertEquals("TMPFS!", m.pread(fd, 6, 0).text());
    }
}
