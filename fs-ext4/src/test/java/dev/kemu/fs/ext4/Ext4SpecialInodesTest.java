package dev.kemu.fs.ext4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Kstat;
import dev.kemu.vfs.Mman;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.UserMemory;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * FIFOs and device nodes on ext4 ({@code fs/ext4/namei.c:ext4_mknod()}; the device number in
 * {@code i_block} as {@code ext4_write_inode} stores it) and shared mappings of ext4 files
 * written back, checked against the real e2fsprogs.
 */
@ExtendWith(FsckAfterEach.class)
class Ext4SpecialInodesTest {
    @TempDir
    Path tmp;

    private static long call(MountedExt4 fs, java.util.function.LongSupplier body) {
        fs.task.enter();
        try {
            return body.getAsLong();
        } finally {
            fs.task.exit();
        }
    }

    @Test
    void mknod_fifoAndDevices_surviveRemountAndE2fsckIsClean() throws Exception {
        HostTools.assumeAvailable();
        Path img = tmp.resolve("special.img");
        long bigDev = (300L << 8) | (70000L & 0xff) | ((70000L & ~0xffL) << 12);
        try (MountedExt4 fs = MountedExt4.image(img, "64m")) {
            assertEquals(0, call(fs, () -> fs.sys.mknod(fs.task, "/fifo", StatMode.S_IFIFO | 0640, 0)));
            assertEquals(0, call(fs, () -> fs.sys.mknod(fs.task, "/zero", StatMode.S_IFCHR | 0666, 0x105)));
            assertEquals(0, call(fs, () -> fs.sys.mknod(fs.task, "/big", StatMode.S_IFBLK | 0600, bigDev)));
        }
        HostTools.assertE2fsckClean(img);
        String stat = HostTools.run(HostTools.DEBUGFS, "-R", "stat /big", img.toString()).text();
        assertTrue(stat.contains("Device major/minor number: 300:70000"), stat);
        try (MountedExt4 fs = MountedExt4.image(img, Map.of())) {
            Kstat fifo = fs.stat("/fifo");
            assertEquals(StatMode.S_IFIFO | 0640, fifo.mode());
            assertEquals(StatMode.S_IFCHR | 0644, fs.stat("/zero").mode(), "the umask applies");
            assertEquals(0x105, fs.stat("/zero").rdev());
            assertEquals(bigDev, fs.stat("/big").rdev());
        }
    }

    @Test
    void mmapShared_storeThenMsync_reachesTheImage() throws Exception {
        HostTools.assumeAvailable();
        Path img = tmp.resolve("mmap.img");
        try (MountedExt4 fs = MountedExt4.image(img, "64m")) {
            fs.writeFile("/f", "0123456789".getBytes());
            int fd = fs.open("/f", Fcntl.O_RDWR);
            long addr = call(fs, () -> fs.sys.mmap(fs.task, 0, 4096, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_SHARED, fd, 0));
            assertTrue(addr > 0);
            UserMemory um = fs.task.mm().userMemory(addr, 4, true);
            assertEquals(0, um.ret());
            um.buf().write(0, "ABCD".getBytes(), 0, 4);
            assertEquals(0, call(fs, () -> fs.sys.msync(fs.task, addr, 4096, Mman.MS_SYNC)));
            assertArrayEquals("ABCD456789".getBytes(), fs.pread(fd, 10, 0));
            fs.close(fd);
        }
        HostTools.assertE2fsckClean(img);
        assertArrayEquals("ABCD456789".getBytes(), HostTools.debugfsCat(img, "/f"));
    }

    @Test
    void mmapShared_storeIntoAHole_getsItsBlockAtWriteback() throws Exception {
        HostTools.assumeAvailable();
        Path img = tmp.resolve("hole.img");
        try (MountedExt4 fs = MountedExt4.image(img, "64m")) {
            int fd = fs.open("/sparse", Fcntl.O_RDWR | Fcntl.O_CREAT);
            assertEquals(0, call(fs, () -> fs.sys.ftruncate(fs.task, fd, 3 * 4096)));
            long addr = call(fs, () -> fs.sys.mmap(fs.task, 0, 3 * 4096, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_SHARED, fd, 0));
            UserMemory um = fs.task.mm().userMemory(addr + 4096, 5, true);
            assertEquals(0, um.ret());
            um.buf().write(0, "HELLO".getBytes(), 0, 5);
            assertEquals(0, call(fs, () -> fs.sys.msync(fs.task, addr, 3 * 4096, Mman.MS_SYNC)));
            assertArrayEquals("HELLO".getBytes(), fs.pread(fd, 5, 4096));
            fs.close(fd);
        }
        HostTools.assertE2fsckClean(img);
        byte[] onDisk = HostTools.debugfsCat(img, "/sparse");
        assertEquals(3 * 4096, onDisk.length);
        assertArrayEquals("HELLO".getBytes(), java.util.Arrays.copyOfRange(onDisk, 4096, 4101));
    }
}
