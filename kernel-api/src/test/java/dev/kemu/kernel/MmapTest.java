package dev.kemu.kernel;

import static dev.kemu.vfs.Mman.MAP_ANONYMOUS;
import static dev.kemu.vfs.Mman.MAP_FIXED;
import static dev.kemu.vfs.Mman.MAP_PRIVATE;
import static dev.kemu.vfs.Mman.MAP_SHARED;
import static dev.kemu.vfs.Mman.PROT_NONE;
import static dev.kemu.vfs.Mman.PROT_READ;
import static dev.kemu.vfs.Mman.PROT_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Iovec;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.UserMemory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** File and anonymous mappings of a task ({@code mm/mmap.c:do_mmap()} and friends) as system calls see them. */
class MmapTest {
    private static final long AT = 0x7f12_3456_0000L;
    private final Booted m = new Booted();

    private int file(String path, String content, int flags) {
        int fd = m.open(path, Fcntl.O_RDWR | Fcntl.O_CREAT | Fcntl.O_TRUNC);
        assertEquals(content.length(), m.write(fd, content));
        m.k.close(m.t, fd);
        return m.open(path, flags);
    }

    private UserBuffer mem(long addr, int len, boolean write) {
        UserMemory um = m.k.userMemory(m.t, addr, len, write);
        assertEquals(0, um.ret(), () -> Errno.of(um.ret()).name());
        return um.buf();
    }

    private static String text(byte[] b) {
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Test
    void mmapAt_sharedFileMapping_storesAreSeenByRead() {
        int fd = file("/f", "hello world", Fcntl.O_RDWR);
        assertEquals(AT, m.k.mmapAt(m.t, AT, 0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
        mem(AT, 5, true).write(0, Booted.bytes("HELLO"), 0, 5);
        assertEquals("HELLO world", m.read(fd, 11));
    }

    @Test
    void mmap_sharedFileMapping_seesLaterPwrite() {
        int fd = file("/f", "hello world", Fcntl.O_RDWR);
        long addr = m.k.mmap(m.t, 0, 4096, PROT_READ, MAP_SHARED, fd, 0);
        assertTrue(addr > 0);
        UserBuffer view = mem(addr, 11, false);
        assertEquals(5, m.k.pwrite64(m.t, fd, UserBuffer.of(Booted.bytes("HOWDY")), 5, 0));
        assertEquals("HOWDY world", text(view.read(0, 11)));
    }

    @Test
    void mmap_privateFileMapping_copiesOnWrite() {
        int fd = file("/f", "hello world", Fcntl.O_RDONLY);
        long addr = m.k.mmap(m.t, 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
        mem(addr, 5, true).write(0, Booted.bytes("HELLO"), 0, 5);
        assertEquals("HELLO world", text(mem(addr, 11, false).read(0, 11)));
        assertEquals("hello world", m.read(fd, 11), "the file keeps its bytes");
    }

    @Test
    void write_fromMappedRange_writesTheFilesBytes() {
        int src = file("/src", "copied through a mapping", Fcntl.O_RDONLY);
        long addr = m.k.mmap(m.t, 0, 4096, PROT_READ, MAP_PRIVATE, src, 0);
        int dst = m.open("/dst", Fcntl.O_RDWR | Fcntl.O_CREAT);
        assertEquals(24, m.k.write(m.t, dst, mem(addr, 24, false), 24));
        assertEquals(0, m.k.lseek(m.t, dst, 0, Fcntl.SEEK_SET));
        assertEquals("copied through a mapping", m.read(dst, 24));
    }

    @Test
    void write_fromUnmappedAddress_returnsEfault() {
        int fd = m.open("/dst", Fcntl.O_RDWR | Fcntl.O_CREAT);
        UserMemory um = m.k.userMemory(m.t, AT, 10, false);
        assertEquals(Errno.EFAULT.neg(), um.ret());
        assertEquals(Errno.EFAULT.neg(), m.k.write(m.t, fd, um.buf(), 10));
    }

    @Test
    void read_intoReadOnlyMapping_returnsEfault() {
        int fd = file("/f", "data", Fcntl.O_RDONLY);
        long addr = m.k.mmap(m.t, 0, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
        UserMemory um = m.k.userMemory(m.t, addr, 4, true);
        assertEquals(Errno.EFAULT.neg(), um.ret());
        assertEquals(Errno.EFAULT.neg(), m.k.read(m.t, fd, um.buf(), 4));
    }

    @Test
    void read_acrossTheEndOfAMapping_isShort() {
        int fd = file("/f", "x".repeat(8192), Fcntl.O_RDONLY);
        long anon = m.k.mmapAt(m.t, AT, 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        UserMemory um = m.k.userMemory(m.t, anon + 4000, 200, true);
        assertEquals(Errno.EFAULT.neg(), um.ret());
        assertEquals(96, m.k.read(m.t, fd, um.buf(), 200), "the copy stops at the unmapped page");
    }

    @Test
    void mmap_errors_inDoMmapOrder() {
        int ro = file("/f", "data", Fcntl.O_RDONLY);
        int wo = m.open("/f", Fcntl.O_WRONLY);
        int[] p = m.pipe();
        assertEquals(Errno.EINVAL.neg(), m.k.mmap(m.t, 0, 4096, PROT_READ, MAP_SHARED, 99, 1), "offset first");
        assertEquals(Errno.EBADF.neg(), m.k.mmap(m.t, 0, 4096, PROT_READ, MAP_SHARED, 99, 0));
        assertEquals(Errno.EINVAL.neg(), m.k.mmap(m.t, 0, 0, PROT_READ, MAP_SHARED, ro, 0), "length 0");
        assertEquals(Errno.EACCES.neg(), m.k.mmap(m.t, 0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0));
        assertEquals(Errno.EACCES.neg(), m.k.mmap(m.t, 0, 4096, PROT_READ, MAP_PRIVATE, wo, 0));
        assertEquals(Errno.ENODEV.neg(), m.k.mmap(m.t, 0, 4096, PROT_READ, MAP_PRIVATE, p[0], 0));
        assertEquals(Errno.EINVAL.neg(), m.k.mmap(m.t, 0, 4096, PROT_READ, 0, ro, 0), "neither shared nor private");
        assertEquals(Errno.EINVAL.neg(), m.k.mmap(m.t, AT + 1, 4096, PROT_READ, MAP_PRIVATE | MAP_FIXED, ro, 0));
        assertEquals(Errno.EOVERFLOW.neg(), m.k.mmap(m.t, 0, 8192, PROT_READ, MAP_PRIVATE, ro, -4096L & Long.MAX_VALUE & ~4095L));
    }

    @Test
    void mmap_devZero_isAnonymousMemory() {
        int fd = m.open("/dev/zero", Fcntl.O_RDWR);
        long addr = m.k.mmap(m.t, 0, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        UserBuffer b = mem(addr, 8192, true);
        b.write(100, Booted.bytes("mine"), 0, 4);
        assertEquals("\0mine\0", text(mem(addr + 99, 6, false).read(0, 6)));
        assertEquals("\0\0\0\0", m.read(fd, 4), "the device still reads zeros");
    }

    @Test
    void vmsplice_sharedFileMappingThenPwrite_readerSeesTheNewBytes() {
        int fd = file("/f", "original", Fcntl.O_RDWR);
        long addr = m.k.mmap(m.t, 0, 4096, PROT_READ, MAP_SHARED, fd, 0);
        int[] p = m.pipe();
        assertEquals(8, m.k.vmsplice(m.t, p[1], List.of(new Iovec(mem(addr, 8, false), 8)), 0));
        assertEquals(8, m.k.pwrite64(m.t, fd, UserBuffer.of(Booted.bytes("REPLACED")), 8, 0));
        assertEquals("REPLACED", m.read(p[0], 8), "the pipe holds the page-cache page itself");
    }

    @Test
    void munmap_thenAccess_faults() {
        long addr = m.k.mmapAt(m.t, AT, 0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        assertEquals(0, m.k.munmap(m.t, addr + 4096, 4096));
        assertEquals(0, m.k.userMemory(m.t, addr, 4096, true).ret());
        assertEquals(Errno.EFAULT.neg(), m.k.userMemory(m.t, addr, 4097, false).ret());
        assertEquals(Errno.EINVAL.neg(), m.k.munmap(m.t, addr + 1, 4096));
        assertEquals(Errno.EINVAL.neg(), m.k.munmap(m.t, addr, 0));
    }

    @Test
    void mprotect_toNone_faultsAndHoleIsEnomem() {
        long addr = m.k.mmapAt(m.t, AT, 0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        mem(addr, 4, true).write(0, Booted.bytes("keep"), 0, 4);
        assertEquals(0, m.k.mprotect(m.t, addr + 4096, 4096, PROT_NONE));
        assertEquals(Errno.EFAULT.neg(), m.k.userMemory(m.t, addr + 4096, 1, false).ret());
        assertEquals("keep", text(mem(addr, 4, false).read(0, 4)), "the untouched part kept its page");
        assertEquals(Errno.ENOMEM.neg(), m.k.mprotect(m.t, addr, 3 * 4096, PROT_READ));
        assertEquals(Errno.EINVAL.neg(), m.k.mprotect(m.t, addr + 1, 4096, PROT_READ));
    }

    @Test
    void mprotect_writeOnSharedMappingOfReadOnlyFile_returnsEacces() {
        int fd = file("/f", "data", Fcntl.O_RDONLY);
        long addr = m.k.mmap(m.t, 0, 4096, PROT_READ, MAP_SHARED, fd, 0);
        assertEquals(Errno.EACCES.neg(), m.k.mprotect(m.t, addr, 4096, PROT_READ | PROT_WRITE));
    }

    @Test
    void mremap_growInPlaceAndShrink() {
        long addr = m.k.mmapAt(m.t, AT, 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        mem(addr, 2, true).write(0, Booted.bytes("ab"), 0, 2);
        assertEquals(addr, m.k.mremap(m.t, addr, 4096, 3 * 4096, 0, 0));
        assertEquals("ab", text(mem(addr, 2, false).read(0, 2)));
        assertEquals(0, m.k.userMemory(m.t, addr, 3 * 4096, true).ret());
        assertEquals(addr, m.k.mremap(m.t, addr, 3 * 4096, 4096, 0, 0));
        assertEquals(Errno.EFAULT.neg(), m.k.userMemory(m.t, addr + 4096, 1, false).ret());
        assertEquals(Errno.EFAULT.neg(), m.k.mremap(m.t, AT - 0x100000, 4096, 8192, 0, 0), "nothing mapped there");
    }

    /** As a 6.18 host answers: after mprotect of its first page, the 8 KiB range is two mappings (vma_to_resize). */
    @Test
    void mremap_rangeSplitByMprotect_returnsEfault() {
        long addr = m.k.mmap(m.t, 0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        assertEquals(0, m.k.mprotect(m.t, addr, 4096, PROT_READ));
        assertEquals(Errno.EFAULT.neg(), m.k.mremap(m.t, addr, 8192, 16384, dev.kemu.vfs.Mman.MREMAP_MAYMOVE, 0));
    }

    @Test
    void msync_sharedMappingWithHole_syncsAndReturnsEnomem() {
        int fd = file("/f", "data", Fcntl.O_RDWR);
        long addr = m.k.mmapAt(m.t, AT, 0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        assertEquals(0, m.k.msync(m.t, addr, 4096, dev.kemu.vfs.Mman.MS_SYNC));
        assertEquals(Errno.ENOMEM.neg(), m.k.msync(m.t, addr, 8192, dev.kemu.vfs.Mman.MS_SYNC));
        assertEquals(Errno.EINVAL.neg(), m.k.msync(m.t, addr, 4096, dev.kemu.vfs.Mman.MS_SYNC | dev.kemu.vfs.Mman.MS_ASYNC));
    }

    @Test
    void brk_growsTheHeapAndAddressesInsideValidate() {
        m.t.mm().setStartBrk(0x5600_0000_0000L);
        assertEquals(0x5600_0000_0000L, m.k.brk(m.t, 0));
        assertEquals(0x5600_0002_1000L, m.k.brk(m.t, 0x5600_0002_1000L));
        assertEquals(0, m.k.userMemory(m.t, 0x5600_0002_0000L, 4096, true).ret());
        assertEquals(0x5600_0002_1000L, m.k.brk(m.t, 0x1000), "below the heap: the break is unchanged");
    }

    @Test
    void madvise_dontneedOnPrivateFileMapping_dropsTheCopy() {
        int fd = file("/f", "file", Fcntl.O_RDONLY);
        long addr = m.k.mmap(m.t, 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
        mem(addr, 4, true).write(0, Booted.bytes("COPY"), 0, 4);
        assertEquals(0, m.k.madvise(m.t, addr, 4096, dev.kemu.vfs.Mman.MADV_DONTNEED));
        assertEquals("file", text(mem(addr, 4, false).read(0, 4)));
        assertEquals(Errno.EINVAL.neg(), m.k.madvise(m.t, addr, 4096, 999));
    }

    @Test
    void mmap_pastEndOfFile_faultsBeyondTheLastPage() {
        int fd = file("/f", "short", Fcntl.O_RDONLY);
        long addr = m.k.mmap(m.t, 0, 3 * 4096, PROT_READ, MAP_PRIVATE, fd, 0);
        assertEquals(0, m.k.userMemory(m.t, addr, 4096, false).ret());
        assertEquals(Errno.EFAULT.neg(), m.k.userMemory(m.t, addr + 4096, 1, false).ret(), "SIGBUS territory");
    }
}
