package dev.kemu.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Kstat;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.UserBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** /dev/null, zero, full, random and urandom as 6.18 has them ({@code drivers/char/mem.c}, {@code random.c}). */
class MemDevicesTest {
    private final Booted m = new Booted();

    @ParameterizedTest
    @CsvSource({"/dev/null, 259", "/dev/zero, 261", "/dev/full, 263", "/dev/random, 264", "/dev/urandom, 265"})
    void fstat_deviceNode_isCharacterDevice0666WithItsNumber(String path, long rdev) {
        int fd = m.open(path, Fcntl.O_RDONLY);
        Kstat st = m.k.fstat(m.t, fd).stat();
        assertEquals(StatMode.S_IFCHR | 0666, st.mode());
        assertEquals(rdev, st.rdev());
    }

    @Test
    void read_devZero_fillsWithZeros() {
        int fd = m.open("/dev/zero", Fcntl.O_RDONLY);
        UserBuffer buf = UserBuffer.of(Booted.bytes("x".repeat(5000)));
        assertEquals(5000, m.k.read(m.t, fd, buf, 5000));
        assertArrayEquals(new byte[5000], buf.toByteArray());
    }

    @Test
    void write_devFull_returnsEnospcAndReadGivesZeros() {
        int fd = m.open("/dev/full", Fcntl.O_RDWR);
        assertEquals(Errno.ENOSPC.neg(), m.write(fd, "abc"));
        assertEquals("\0\0\0", m.read(fd, 3));
    }

    @Test
    void lseek_devZero_alwaysReturnsZero() {
        int fd = m.open("/dev/zero", Fcntl.O_RDONLY);
        assertEquals(0, m.k.lseek(m.t, fd, 12345, Fcntl.SEEK_SET));
    }

    @Test
    void read_urandomAfterReseed_repeatsTheSameBytes() {
        int fd = m.open("/dev/urandom", Fcntl.O_RDONLY);
        m.k.crng().reseed(42);
        String first = m.read(fd, 64);
        m.k.crng().reseed(42);
        assertEquals(64, first.length());
        assertEquals(first, m.read(fd, 64));
        assertFalse(first.chars().allMatch(c -> c == 0), "random bytes are not all zero");
    }

    @Test
    void splice_devZeroIntoPipe_queuesZerosOn618() {
        int fd = m.open("/dev/zero", Fcntl.O_RDONLY);
        int[] p = m.pipe();
        m.write(p[1], "xx");
        assertEquals(1009 * 5, m.k.splice(m.t, fd, null, p[1], null, 1009 * 5, 0));
        assertEquals("xx" + "\0".repeat(1009 * 5), m.read(p[0], 2 + 1009 * 5));
    }

    @Test
    void splice_pipeIntoDevZero_discardsOn618() {
        int fd = m.open("/dev/zero", Fcntl.O_WRONLY);
        int[] p = m.pipe();
        m.write(p[1], "x".repeat(1024));
        assertEquals(1024, m.k.splice(m.t, p[0], null, fd, null, 1024, 0));
        assertEquals(0, m.k.fcntl(m.t, p[0], Fcntl.F_SETFL, Fcntl.O_NONBLOCK));
        assertEquals("EAGAIN", m.read(p[0], 1));
    }

    @Test
    void splice_pipeIntoDevFull_isEinvalWithoutSpliceWrite() {
        int fd = m.open("/dev/full", Fcntl.O_WRONLY);
        int[] p = m.pipe();
        m.write(p[1], "abc");
        assertEquals(Errno.EINVAL.neg(), m.k.splice(m.t, p[0], null, fd, null, 3, 0));
    }

    @Test
    void mknod_charDeviceOneFive_opensTheZeroDriver() {
        assertEquals(0, m.k.mknod(m.t, "/myzero", StatMode.S_IFCHR | 0600, 0x105));
        int fd = m.open("/myzero", Fcntl.O_RDONLY);
        assertEquals("\0\0", m.read(fd, 2));
    }

    @Test
    void open_charDeviceWithoutDriver_returnsEnxio() {
        assertEquals(0, m.k.mknod(m.t, "/nodev", StatMode.S_IFCHR | 0600, 0x4207));
        assertEquals(Errno.ENXIO.neg(), m.k.open(m.t, "/nodev", Fcntl.O_RDONLY, 0));
        assertEquals(0x4207, m.k.newfstatat(m.t, Fcntl.AT_FDCWD, "/nodev", 0).stat().rdev());
    }
}
