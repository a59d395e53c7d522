package dev.kemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image in use: one writer or any number of readers ({@code FileBlockDevice}'s lock), a second
 * kemu refused with exit 2 and nothing written, {@code --read-only} and {@code --image FILE:ro}
 * writing not one byte. The other kemu is a child process; this JVM holds the image through a
 * booted kernel, so that the two overlap for sure.
 */
class ImageUseTest {
    static final String TRACE = "../traces/linux-6.18/file_dirs_unlink.strace";

    @TempDir
    Path tmp;
    Path img;

    @BeforeEach
    void image() throws Exception {
        E2fsprogs.assumeAvailable();
        img = tmp.resolve("use.img");
        E2fsprogs.mkfs(img, "64M");
        // A first replay lays the image out (/scenario, the mount points).
        String[] r = run("replay", "--image", img.toString(), TRACE);
        assertEquals("0", r[0], r[1] + r[2]);
    }

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    private Kernel bootOn(Map<String, String> options) throws Exception {
        Kernels kernels = Kernels.discover();
        BootOptions std = BootOptions.standard();
        return kernels.boot("6.18", new BootOptions("ext4", img.toString(), options, std.mounts(), std.cwd()));
    }

    @Test
    void replay_readOnly_imageSha256Unchanged() throws Exception {
        String before = E2fsprogs.sha256(img);
        String[] r = run("replay", "--read-only", "--image", img.toString(), TRACE);
        // The trace writes: EROFS differs from the record (exit 1), but nothing is an internal error.
        assertEquals("1", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("EROFS"), r[1]);
        String[] suffix = run("replay", "--image", img + ":ro", TRACE);
        assertEquals("1", suffix[0], suffix[1] + suffix[2]);
        assertEquals(before, E2fsprogs.sha256(img));
    }

    @Test
    void replay_secondWriterWhileMounted_refusedExit2NothingWritten_e2fsckCleanAfterTheFirst() throws Exception {
        Kernel first = bootOn(Map.of());
        String mounted;
        try {
            mounted = E2fsprogs.sha256Outside(img);
            E2fsprogs.Result second = E2fsprogs.kemu(120, "replay", "--image", img.toString(), TRACE);
            assertEquals(2, second.rc(), second.out());
            assertTrue(second.out().contains("is in use by another process"), second.out());
            assertEquals(mounted, E2fsprogs.sha256Outside(img), "the refused kemu wrote nothing");
            E2fsprogs.Result reader = E2fsprogs.kemu(120, "replay", "--read-only", "--image", img.toString(), TRACE);
            assertEquals(2, reader.rc(), "a reader waits for no writer: " + reader.out());
        } finally {
            first.shutdown();
        }
        assertNotEquals(mounted, E2fsprogs.sha256(img), "the first wrote its clean state at unmount");
        E2fsprogs.Result fsck = E2fsprogs.e2fsckN(img);
        assertEquals(0, fsck.rc(), fsck.out());
    }

    @Test
    void replay_twoReadersAtOnce_bothRun() throws Exception {
        String before = E2fsprogs.sha256(img);
        Kernel first = bootOn(Map.of("ro", ""));
        try {
            E2fsprogs.Result second = E2fsprogs.kemu(120, "replay", "--read-only", "--image", img.toString(), TRACE);
            assertEquals(1, second.rc(), "EROFS for the trace's writes, no refusal: " + second.out());
            assertTrue(second.out().contains("EROFS"), second.out());
            E2fsprogs.Result writer = E2fsprogs.kemu(120, "replay", "--image", img.toString(), TRACE);
            assertEquals(2, writer.rc(), "a writer waits for no reader: " + writer.out());
        } finally {
            first.shutdown();
        }
        assertEquals(before, E2fsprogs.sha256(img));
    }
}
