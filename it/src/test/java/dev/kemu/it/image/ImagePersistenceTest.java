package dev.kemu.it.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ext4 image file written by one {@code kemu} run is read back by another with identical
 * content, and the real e2fsck finds it clean.
 */
class ImagePersistenceTest {
    @TempDir
    Path dir;

    private String kemu(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return code + "\n" + out + err;
    }

    @Test
    void image_writtenByOneRun_isReadByTheNext() throws Exception {
        Path image = dir.resolve("root.img");
        Path write = dir.resolve("write.strace");
        Path read = dir.resolve("read.strace");
        Files.writeString(write, "# kernel: 6.18\n"
                + "openat(AT_FDCWD, \"kept\", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 3\n"
                + "pwrite64(3, \"across runs\", 11, 5000) = 11\n"
                + "close(3) = 0\n", StandardCharsets.UTF_8);
        Files.writeString(read, "# kernel: 6.18\n"
                + "openat(AT_FDCWD, \"kept\", O_RDONLY) = 3\n"
                + "pread64(3, \"\\0\\0\\0across runs\", 100, 4997) = 14\n"
                + "newfstatat(3, \"\", {st_mode=S_IFREG|0644, st_size=5011, ...}, AT_EMPTY_PATH) = 0\n"
                + "close(3) = 0\n", StandardCharsets.UTF_8);
        assertEquals("0\nPASS write.strace: 3 calls, 3 compared, 0 outside the model\n1 passed, 0 failed\n", kemu("replay", "--image", image.toString(), write.toString()));
        assertTrue(Files.exists(image), "the image is created on first use");
        assertEquals("0\nPASS read.strace: 4 calls, 4 compared, 0 outside the model\n1 passed, 0 failed\n", kemu("replay", "--image", image.toString(), read.toString()));
        Path e2fsck = Path.of("/sbin/e2fsck");
        Assumptions.assumeTrue(Files.isExecutable(e2fsck), "e2fsck is not installed");
        Process p = new ProcessBuilder(e2fsck.toString(), "-fn", image.toString()).redirectErrorStream(true).start();
        String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "e2fsck finished");
        assertEquals(0, p.exitValue(), report);
    }
}
