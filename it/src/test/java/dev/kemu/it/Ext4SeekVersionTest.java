package dev.kemu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.VfsBehaviour.Ext4SeekHole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code lseek(fd, -1, SEEK_DATA)} on the ext4 root of each version band, as the kernels did it under
 * qemu: 0 with the position moved to 0 on 3.10 and 4.5 (the {@code ext4_map_blocks()} walk wraps
 * block 0xffffffff to 0), EUCLEAN on 4.10 ({@code ext4_get_next_extent()} returns the
 * {@code EXT_MAX_BLOCKS} check's {@code -EFSCORRUPTED}), ENXIO from 4.14 and with iomap (5.2, 6.18).
 * The plugins choose the era through {@code VfsBehaviour.ext4SeekHole()}.
 */
class Ext4SeekVersionTest {
    private static final Kernels KERNELS = Kernels.discover();
    private Kernel k;

    @AfterEach
    void shutdown() {
        if (k != null) {
            k.shutdown();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "3.10, MAP_BLOCKS, 0",
        "3.10.0-1160.el7, MAP_BLOCKS, 0",
        "4.5, MAP_BLOCKS, 0",
        "4.4, MAP_BLOCKS, 0",
        "4.4.178, NEXT_EXTENT_NONNEGATIVE, ENXIO",
        "4.6, NEXT_EXTENT, EUCLEAN",
        "4.9, NEXT_EXTENT, EUCLEAN",
        "4.9.337, NEXT_EXTENT_NONNEGATIVE, ENXIO",
        "4.10, NEXT_EXTENT, EUCLEAN",
        "4.14, NEXT_EXTENT_NONNEGATIVE, ENXIO",
        "4.15, IOMAP, ENXIO",
        "5.2, IOMAP, ENXIO",
        "6.18, IOMAP, ENXIO",
    })
    void seekData_minusOne_followsTheVersionsEra(String version, Ext4SeekHole era, String expected) throws Exception {
        k = KERNELS.boot(version, BootOptions.standard());
        assertEquals(era, k.vfs().behaviour().ext4SeekHole(), version);
        Task t = k.newTask();
        long fd = k.open(t, "/f", Fcntl.O_CREAT | Fcntl.O_RDWR, 0644);
        assertTrue(fd >= 0, () -> "open: " + Errno.of(fd));
        byte[] data = new byte[100];
        assertEquals(100, k.write(t, (int) fd, UserBuffer.of(data), data.length));
        long r = k.lseek(t, (int) fd, -1, Fcntl.SEEK_DATA);
        if (expected.equals("0")) {
            assertEquals(0, r, version);
        } else {
            assertEquals(Errno.valueOf(expected).neg(), r, version);
        }
        assertEquals(expected.equals("0") ? 0 : 100, k.lseek(t, (int) fd, 0, Fcntl.SEEK_CUR), "position on " + version);
    }
}
