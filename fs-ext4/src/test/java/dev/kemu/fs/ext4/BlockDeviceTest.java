package dev.kemu.fs.ext4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RAM disk and the image file. */
class BlockDeviceTest {
    @TempDir
    Path tmp;

    @Test
    void memory_untouchedBlocks_costNothingAndReadZero() {
        MemoryBlockDevice dev = MemoryBlockDevice.ofBytes(1L << 30);
        assertEquals(1L << 30, dev.sizeInBytes());
        assertEquals(1L << 21, dev.nrSectors());
        assertEquals(262144, dev.sizeInBlocks(4096));
        assertEquals(1L << 20, dev.sizeInBlocks(1024));
        assertEquals(0, dev.bytesAllocated());
        assertArrayEquals(new byte[4096], dev.readBlock(200_000, 4096));
        dev.writeBlock(5, 4096, new byte[4096], 0);
        assertEquals(0, dev.bytesAllocated(), "writing zeros keeps a block sparse");
        byte[] b = new byte[4096];
        b[4095] = 9;
        dev.writeBlock(262143, 4096, b, 0);
        assertEquals(4096, dev.bytesAllocated());
        assertArrayEquals(b, dev.readBlock(262143, 4096));
        assertArrayEquals(java.util.Arrays.copyOfRange(b, 3072, 4096), dev.readBlock((1L << 20) - 1, 1024));
        assertThrows(IllegalArgumentException.class, () -> dev.readBlock(262144, 4096));
        assertThrows(IllegalArgumentException.class, () -> dev.readBlock(1L << 20, 1024));
    }

    @Test
    void memory_byteRanges_crossBlocks() {
        MemoryBlockDevice dev = MemoryBlockDevice.ofBytes(4 * 4096);
        byte[] data = new byte[6000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        dev.write(3000, data, 0, data.length);
        byte[] back = new byte[6000];
        dev.read(3000, back, 0, back.length);
        assertArrayEquals(data, back);
        dev.close();
        assertArrayEquals(data, readAgain(dev), "a RAM disk keeps its contents after close");
    }

    private static byte[] readAgain(MemoryBlockDevice dev) {
        byte[] back = new byte[6000];
        dev.read(3000, back, 0, back.length);
        return back;
    }

    @Test
    void file_createIsSparseAndReadsBack() throws Exception {
        Path img = tmp.resolve("d.img");
        try (FileBlockDevice dev = FileBlockDevice.create(img, 64L << 20)) {
            assertEquals(64L << 20, dev.sizeInBytes());
            assertEquals(16384, dev.sizeInBlocks(4096));
            byte[] b = new byte[4096];
            b[0] = 1;
            dev.writeBlock(100, 4096, b, 0);
            dev.flush();
        }
        assertEquals(64L << 20, Files.size(img));
        try (FileBlockDevice dev = FileBlockDevice.open(img, true)) {
            assertEquals(1, dev.readBlock(100, 4096)[0]);
            assertEquals(1, dev.readBlock(400, 1024)[0], "the same byte as block 400 of 1 KiB");
            assertThrows(IllegalStateException.class, () -> dev.writeBlock(1, 4096, new byte[4096], 0));
        }
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> FileBlockDevice.create(img, 4096));
        assertTrue(Files.exists(img));
    }
}
