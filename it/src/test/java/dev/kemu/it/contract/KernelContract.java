package dev.kemu.it.contract;

import static dev.kemu.it.contract.Machine.alphabet;
import static dev.kemu.it.contract.Machine.r;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Iovec;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.UserLong;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The common scenarios, written once and run on every kernel variant by a subclass per
 * version. Each expectation defaults to 6.18's result; a subclass states where its kernel
 * differs, and why (research/kernel-semantics.md, by section).
 */
abstract class KernelContract {
    /** The kernel version the subclass runs. */
    abstract String version();

    Machine boot() {
        return new Machine(version());
    }

    // ---- expectations (6.18 unless overridden) ----

    /** copy_file_range(f, [0], f, [100], 200) on a 300-byte file: the result and bytes 100..103 afterwards, "WXYZ" when unchanged (§10.3, §10.4). */
    String seedCopy() {
        return "EINVAL WXYZ";
    }

    /** sendfile of 100 bytes from [0] into the same file at 200 (same page): the result and bytes 200..203, "STUV" when unchanged (§10.3). */
    String sendfileSamePage() {
        return "100 ABCD";
    }

    /** §10.2 reproduction A (tee aliasing): what pipe b reads. */
    String teeAliasing() {
        return "AB";
    }

    /** §10.2 reproduction B (partial splice aliasing): what pipe c reads last. */
    String partialSpliceAliasing() {
        return "defY";
    }

    /** §10.1 Dirty Pipe: the victim's bytes 10..12 after the write into the refilled pipe. */
    String dirtyPipe() {
        return "klm";
    }

    /** splice with an unknown flag (0x100), and tee with one and len 0 (§9.1, §9.2). */
    String unknownSpliceFlags() {
        return "EINVAL EINVAL";
    }

    /** splice(write end, &off, ...) of a pipe: mode or offset first (§9.1 S4 vs S1–S3). */
    String offsetOnWrongModePipe() {
        return "ESPIPE";
    }

    /** splice from an empty O_NONBLOCK pipe with flags 0: EAGAIN from 5.2, blocks before (§4.5). */
    String nonblockPipeSplice() {
        return "EAGAIN";
    }

    /** copy_file_range from a tmpfs file to an ext4 file (§7.4). */
    String crossFilesystemCopy() {
        return "EXDEV";
    }

    /** copy_file_range from /proc/self/status to an ext4 file (§10.6). */
    String procfsCopy() {
        return "EXDEV";
    }

    /** vmsplice with {0-byte, 5-byte} segments (§10.8). */
    String vmspliceEmptyFirstSegment() {
        return "5";
    }

    /** F_SETPIPE_SZ with 2^32 + 4096 (§10.7). */
    String setPipeSizeAbove4g() {
        return "4096";
    }

    /** splice of SIZE_MAX bytes from a file into an empty pipe (§4.2, corrections). */
    String spliceSizeMax() {
        return "EINVAL";
    }

    /** splice from a file into a pipe without readers (§10.5). */
    String spliceIntoReaderlessPipe() {
        return "EPIPE";
    }

    /** vmsplice(bad fd, iov, 0 segments) (§1 row 21). */
    String vmspliceBadFdNoSegments() {
        return "EBADF";
    }

    /**
     * splice 1009 bytes of /dev/zero into a pipe, 3 bytes of a pipe into /dev/zero, 3 bytes of a
     * pipe into /dev/full: 6.7+ {@code copy_splice_read}/{@code splice_write_zero}; 5.10-6.6 no
     * splice methods (EINVAL); before 5.10 the {@code default_file_splice_*} fallbacks through
     * read and write (/dev/full's write is ENOSPC).
     */
    String memDeviceSplices() {
        return "1009 3 EINVAL";
    }

    /** splice 16 bytes of /dev/urandom into a pipe: EINVAL on 5.10-5.18 (no splice_read before random.c's 5.19 rework). */
    String urandomSplice() {
        return "16";
    }

    // ---- the scenarios ----

    @Test
    void splice_memoryDevices() {
        Machine m = boot();
        int zero = m.open("/dev/zero", dev.kemu.vfs.Fcntl.O_RDWR);
        int full = m.open("/dev/full", dev.kemu.vfs.Fcntl.O_RDWR);
        int[] p = m.pipe(0);
        String in = Machine.r(m.k.splice(m.t, zero, null, p[1], null, 1009, 0));
        int[] q = m.pipe(0);
        m.write(q[1], "abcdef");
        String out = Machine.r(m.k.splice(m.t, q[0], null, zero, null, 3, 0));
        String toFull = Machine.r(m.k.splice(m.t, q[0], null, full, null, 3, 0));
        assertEquals(memDeviceSplices(), in + " " + out + " " + toFull);
    }

    @Test
    void splice_urandom() {
        Machine m = boot();
        int fd = m.open("/dev/urandom", dev.kemu.vfs.Fcntl.O_RDONLY);
        int[] p = m.pipe(0);
        assertEquals(urandomSplice(), Machine.r(m.k.splice(m.t, fd, null, p[1], null, 16, 0)));
    }

    @Test
    void copyFileRange_samePageOverlap() {
        Machine m = boot();
        int fd = m.file("f", alphabet(300));
        long r = m.k.copyFileRange(m.t, fd, UserLong.of(0), fd, UserLong.of(100), 200, 0);
        assertEquals(seedCopy(), r(r) + " " + m.pread(fd, 4, 100));
    }

    @Test
    void sendfile_intoTheSamePage() {
        Machine m = boot();
        int fd = m.file("f", alphabet(300));
        m.k.lseek(m.t, fd, 200, Fcntl.SEEK_SET);
        long r = m.k.sendfile(m.t, fd, fd, UserLong.of(0), 100);
        assertEquals(sendfileSamePage(), r(r) + " " + m.pread(fd, 4, 200));
    }

    @Test
    void tee_thenWritesToBothPipes() {
        Machine m = boot();
        int[] a = m.pipe(0);
        int[] b = m.pipe(0);
        m.write(a[1], "A");
        assertEquals("1", r(m.k.tee(m.t, a[0], b[1], 1, 0)));
        m.write(b[1], "B");
        m.write(a[1], "C");
        assertEquals(teeAliasing(), m.read(b[0], 16));
        assertEquals("AC", m.read(a[0], 16));
    }

    @Test
    void partialSplice_thenWritesToBothPipes() {
        Machine m = boot();
        int[] c = m.pipe(0);
        int[] d = m.pipe(0);
        m.write(c[1], "abcdef");
        assertEquals("3", r(m.k.splice(m.t, c[0], null, d[1], null, 3, 0)));
        m.write(d[1], "X");
        m.write(c[1], "Y");
        assertEquals("abcX", m.read(d[0], 16));
        assertEquals(partialSpliceAliasing(), m.read(c[0], 16));
    }

    @Test
    void dirtyPipe_writeAfterSpliceIntoRecycledSlot() {
        Machine m = boot();
        m.file("victim", "abcdefghijklmnopqrstuvwxyz");
        int ro = m.open("victim", Fcntl.O_RDONLY);
        int[] p = m.pipe(0);
        String page = "P".repeat(4096);
        for (int i = 0; i < 16; i++) {
            m.write(p[1], page);
        }
        for (int i = 0; i < 16; i++) {
            m.read(p[0], 4096);
        }
        assertEquals("1", r(m.k.splice(m.t, ro, UserLong.of(9), p[1], null, 1, 0)));
        assertEquals("3", r(m.write(p[1], "XYZ")));
        assertEquals(dirtyPipe(), m.pread(ro, 3, 10));
        assertEquals("jXYZ", m.read(p[0], 16));
    }

    @Test
    void unknownFlags_onSpliceAndTee() {
        Machine m = boot();
        int[] p = m.pipe(Fcntl.O_NONBLOCK);
        int[] q = m.pipe(Fcntl.O_NONBLOCK);
        m.write(p[1], "data");
        long s = m.k.splice(m.t, p[0], null, q[1], null, 4, 0x100);
        long t = m.k.tee(m.t, p[0], q[1], 0, 0x100);
        assertEquals(unknownSpliceFlags(), r(s) + " " + r(t));
    }

    @Test
    void offset_onWrongModePipe() {
        Machine m = boot();
        int[] p = m.pipe(0);
        int[] q = m.pipe(0);
        assertEquals(offsetOnWrongModePipe(), r(m.k.splice(m.t, p[1], UserLong.of(0), q[1], null, 1, 0)));
    }

    @Test
    void splice_fromEmptyNonblockingPipe_withoutSpliceNonblock() {
        Machine m = boot();
        int[] p = m.pipe(Fcntl.O_NONBLOCK);
        int fd = m.file("out", "");
        long r = m.k.splice(m.t, p[0], null, fd, null, 10, 0);
        assertEquals(nonblockPipeSplice(), r == dev.kemu.vfs.Errno.ERESTARTSYS.neg() ? "blocks" : r(r));
    }

    @Test
    void copyFileRange_acrossFilesystems() {
        Machine m = boot();
        int in = m.open("/tmp/src", Fcntl.O_RDWR | Fcntl.O_CREAT | Fcntl.O_TRUNC);
        m.write(in, "hello tmpfs");
        int out = m.file("dst", "");
        assertEquals(crossFilesystemCopy(), r(m.k.copyFileRange(m.t, in, UserLong.of(0), out, null, 11, 0)));
    }

    @Test
    void copyFileRange_fromProcfs() {
        Machine m = boot();
        int in = m.open("/proc/self/status", Fcntl.O_RDONLY);
        int out = m.file("dst", "");
        assertEquals(procfsCopy(), r(m.k.copyFileRange(m.t, in, null, out, null, 65536, 0)));
    }

    @Test
    void vmsplice_withEmptyFirstSegment() {
        Machine m = boot();
        int[] p = m.pipe(0);
        List<Iovec> iov = List.of(new Iovec(UserBuffer.allocate(0), 0), Iovec.of(UserBuffer.of("abcde".getBytes())));
        assertEquals(vmspliceEmptyFirstSegment(), r(m.k.vmsplice(m.t, p[1], iov, 0)));
    }

    @Test
    void setPipeSize_above4g() {
        Machine m = boot();
        int[] p = m.pipe(0);
        assertEquals(setPipeSizeAbove4g(), r(m.k.fcntl(m.t, p[1], Fcntl.F_SETPIPE_SZ, (1L << 32) + 4096)));
    }

    @Test
    void splice_sizeMaxFromFile() {
        Machine m = boot();
        int in = m.file("src", alphabet(100));
        int[] p = m.pipe(0);
        assertEquals(spliceSizeMax(), r(m.k.splice(m.t, in, UserLong.of(0), p[1], null, -1L, 0)));
    }

    @Test
    void splice_intoPipeWithoutReaders() {
        Machine m = boot();
        int in = m.file("src", alphabet(100));
        int[] p = m.pipe(0);
        m.k.close(m.t, p[0]);
        assertEquals(spliceIntoReaderlessPipe(), r(m.k.splice(m.t, in, UserLong.of(0), p[1], null, 100, 0)));
    }

    @Test
    void vmsplice_badFdAndNoSegments() {
        Machine m = boot();
        assertEquals(vmspliceBadFdNoSegments(), r(m.k.vmsplice(m.t, 99, List.of(), 0)));
    }
}
