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
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A recorded trace replays on a fresh image made by the real {@code mkfs.ext4} with the same
 * results as on the default root, and {@code e2fsck -fn} is clean afterwards.
 */
class MkfsImageReplayTest {
    private static final Path MKFS = Path.of("/sbin/mkfs.ext4");
    private static final Path E2FSCK = Path.of("/sbin/e2fsck");

    @TempDir
    Path dir;

    static Stream<String> traces() {
        return Stream.of("file_dirs_unlink.strace", "file_fstat_newfstatat.strace", "splice_pipe_to_file_off.strace",
                "cfr_large_1mib.strace", "mixed_tee_fanout_files.strace", "real_cat_to_file.strace");
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", cmd) + " finished");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ":\n" + out);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traces")
    void recordedTrace_onMkfsImage_passesAndLeavesItClean(String name) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(MKFS) && Files.isExecutable(E2FSCK), "e2fsprogs is not installed");
        Path image = dir.resolve("mkfs.img");
        run(MKFS.toString(), "-q", "-F", "-b", "4096", image.toString(), "64M");
        Path trace = Path.of(MkfsImageReplayTest.class.getResource("/traces/linux-6.18/" + name).toURI());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"replay", "--image", image.toString(), trace.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertTrue(out.toString().startsWith("PASS " + name + ": ") && out.toString().endsWith("\n1 passed, 0 failed\n"),
                out + err.toString());
        assertEquals(0, code);
        run(E2FSCK.toString(), "-fn", image.toString());
    }
}
