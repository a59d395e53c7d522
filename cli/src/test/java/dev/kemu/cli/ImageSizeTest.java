package dev.kemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --image-size}: the size of a new image, refused where it cannot apply. */
class ImageSizeTest {
    private static final String TRACE = "../traces/linux-6.18/file_dirs_unlink.strace";
    private static final Path E2FSCK = Path.of("/sbin/e2fsck");

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run kemu(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void replay_newImageWithSize_makesThatSizeAndE2fsckPasses() throws Exception {
        Path img = dir.resolve("new.img");
        Run r = kemu("replay", "--image", img.toString(), "--image-size", "16M", TRACE);
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("PASS "), r.out());
        assertEquals(16L << 20, Files.size(img));
        Assumptions.assumeTrue(Files.isExecutable(E2FSCK), "e2fsprogs is not installed");
        Process p = new ProcessBuilder(E2FSCK.toString(), "-fn", img.toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), text);
        // The same size again is accepted: the image is reused as it is.
        Run again = kemu("replay", "--image", img.toString(), "--image-size", "16384K", TRACE);
        assertEquals(0, again.code(), again.out() + again.err());
    }

    @Test
    void replay_existingImageOtherSize_refusedNothingWritten() throws Exception {
        Path img = dir.resolve("old.img");
        assertEquals(0, kemu("replay", "--image", img.toString(), "--image-size", "8M", TRACE).code());
        byte[] before = Files.readAllBytes(img);
        Run r = kemu("replay", "--image", img.toString(), "--image-size", "16M", TRACE);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--image-size 16M: " + img + " exists with 8388608 bytes, not 16777216"), r.err());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(img)), "the image is untouched");
    }

    @Test
    void replay_imageSizeWithoutImage_refused() {
        Run r = kemu("replay", "--image-size", "16M", TRACE);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--image-size 16M without --image"), r.err());
    }

    @Test
    void replay_imageSizeMalformedOrTooSmall_refusedNoImageMade() {
        Path img = dir.resolve("bad.img");
        Run r = kemu("replay", "--image", img.toString(), "--image-size", "lots", TRACE);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--image-size: 'lots' is not a size"), r.err());
        Run small = kemu("replay", "--image", img.toString(), "--image-size", "100K", TRACE);
        assertEquals(2, small.code());
        assertTrue(small.err().contains("--image-size 100K: an image is at least 1M"), small.err());
        assertFalse(Files.exists(img));
    }
}
