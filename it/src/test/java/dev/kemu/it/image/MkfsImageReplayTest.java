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
 * results as on the default root, and {@code e2fsck -fn} is clean afterwards: with 4 KiB blocks,
 * and with the 1 KiB blocks plain {@code mkfs.ext4} gives a 16 MiB image and the 2 KiB of
 * {@code -b 2048}.
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

    /**
     * The traces whose results do not depend on the block size: file_fstat_newfstatat stats a new
     * directory, whose st_size is one block (4096 where it was recorded, 1024 or 2048 here).
     */
    static Stream<String> blockSizeIndependentTraces() {
        return traces().filter(t -> !t.equals("file_fstat_newfstatat.strace"));
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
        replayOnMkfsImage(name, "-b", "4096", "64M");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blockSizeIndependentTraces")
    void recordedTrace_onPlainMkfs16MImageOfOneKiBBlocks_passesAndLeavesItClean(String name) throws Exception {
        String dumpe2fs = replayOnMkfsImage(name, "16M");
        assertTrue(dumpe2fs.contains("Block size:               1024"), dumpe2fs);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blockSizeIndependentTraces")
    void recordedTrace_onMkfsImageOfTwoKiBBlocks_passesAndLeavesItClean(String name) throws Exception {
        String dumpe2fs = replayOnMkfsImage(name, "-b", "2048", "32M");
        assertTrue(dumpe2fs.contains("Block size:               2048"), dumpe2fs);
    }

    /** mkfs.ext4 -q -F [args but the last] IMAGE SIZE, the replay, e2fsck -fn; dumpe2fs -h of the result. */
    private String replayOnMkfsImage(String name, String... mkfsArgs) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(MKFS) && Files.isExecutable(E2FSCK), "e2fsprogs is not installed");
        Path image = dir.resolve("mkfs.img");
        java.util.List<String> mkfs = new java.util.ArrayList<>(java.util.List.of(MKFS.toString(), "-q", "-F"));
        mkfs.addAll(java.util.Arrays.asList(mkfsArgs).subList(0, mkfsArgs.length - 1));
        mkfs.add(image.toString());
        mkfs.add(mkfsArgs[mkfsArgs.length - 1]);
        run(mkfs.toArray(String[]::new));
        Path trace = Path.of(MkfsImageReplayTest.class.getResource("/traces/linux-6.18/" + name).toURI());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"replay", "--image", image.toString(), trace.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertTrue(out.toString().startsWith("PASS " + name + ": ") && out.toString().endsWith("\n1 passed, 0 failed\n"),
                out + err.toString());
        assertEquals(0, code);
        run(E2FSCK.toString(), "-fn", image.toString());
        return run("/sbin/dumpe2fs", "-h", image.toString());
    }
}
