package dev.kemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real SIGINT to {@code kemu stress --image} on a {@code mkfs.ext4} image: the tool finishes
 * the running journal transaction, unmounts, exits 130, and {@code e2fsck -fn} finds the image
 * clean with {@code needs_recovery} cleared.
 */
class InterruptImageTest {
    @TempDir
    Path tmp;

    private static String tool(String name) {
        for (String dir : new String[] {"/sbin", "/usr/sbin", "/bin", "/usr/bin"}) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /** {@code s_feature_incompat & needs_recovery} of the image's superblock. */
    private static boolean needsRecovery(Path img) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "r")) {
            f.seek(1024 + 0x60);
            int incompat = Integer.reverseBytes(f.readInt());
            return (incompat & 0x4) != 0;
        }
    }

    private static Process run(List<String> cmd) throws Exception {
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    @Test
    void sigint_stressOnJournalledImage_exits130AndImageIsClean() throws Exception {
        String mkfs = tool("mkfs.ext4");
        String e2fsck = tool("e2fsck");
        assumeTrue(mkfs != null && e2fsck != null, "e2fsprogs not installed");
        Path img = tmp.resolve("stress.img");
        Process m = run(List.of(mkfs, "-q", "-F", "-b", "4096", img.toString(), "64M"));
        assertTrue(m.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, m.exitValue());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process kemu = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "stress", "--image", img.toString(), "--seconds", "120", "--threads", "4")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("out.txt").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!needsRecovery(img)) {
                assertTrue(kemu.isAlive(), () -> "kemu ended before mounting: " + output());
                assertTrue(System.nanoTime() < deadline, "the image was not mounted within 60 s");
                Thread.sleep(50);
            }
            Thread.sleep(1500); // let the tasks write for a while
            Process kill = run(List.of("kill", "-INT", Long.toString(kemu.pid())));
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
            assertTrue(kemu.waitFor(90, TimeUnit.SECONDS), "kemu did not exit within 90 s of SIGINT");
        } finally {
            kemu.destroyForcibly();
        }
        assertEquals(130, kemu.exitValue(), this::output);
        assertTrue(!needsRecovery(img), "needs_recovery still set after Ctrl-C");
        Process fsck = run(List.of(e2fsck, "-fn", img.toString()));
        String text = new String(fsck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(fsck.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, fsck.exitValue(), text);
    }

    private String output() {
        try {
            return Files.readString(tmp.resolve("out.txt"));
        } catch (java.io.IOException e) {
            return "(no output)";
        }
    }
}
