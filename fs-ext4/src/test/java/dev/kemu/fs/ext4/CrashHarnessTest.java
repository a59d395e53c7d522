package dev.kemu.fs.ext4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL at chosen device writes: a child JVM ({@link CrashWorkload}) runs a seeded workload on a
 * plain {@code mkfs.ext4} image and stops at its N-th device write (N from the seed, anywhere in
 * the run, so mid-commit states are covered); the parent kills it with SIGKILL, then
 * <ul>
 * <li>{@code e2fsck -fy} must recover it by its journal replay alone (no repair asked, an extent
 * tree optimization aside), and a
 * second {@code e2fsck -fn} must find it clean;
 * <li>every file whose {@code fsync} returned before the kill, and that nothing touched after,
 * must read back byte for byte ({@code debugfs dump});
 * <li>a copy mounted in kemu (its own replay) must read the same and unmount e2fsck-clean.
 * </ul>
 * {@code -Dkemu.crash.points=200} runs 200 points; the default is a few, to keep the suite fast.
 */
class CrashHarnessTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void tools() {
        HostTools.assumeAvailable();
    }

    /** What one crash left. */
    record Outcome(long crashAt, Map<String, byte[]> synced, List<String> problems) {
    }

    @Test
    void sigkillAtRandomWrites_e2fsckRecoversAndSyncedFilesAreIntact() throws Exception {
        int points = Integer.getInteger("kemu.crash.points", 4);
        long writes = calibrate(1000);
        List<String> problems = new ArrayList<>();
        int syncedChecked = 0;
        for (int i = 0; i < points; i++) {
            long seed = 1000 + i;
            long crashAt = 1 + new Random(seed * 7919).nextLong(writes + writes / 10);
            Outcome o = crashAndCheck(seed, crashAt, false, true);
            syncedChecked += o.synced().size();
            problems.addAll(o.problems());
        }
        System.out.println("crash harness: " + points + " crash points, " + syncedChecked
                + " synced files checked, " + problems.size() + " problems");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void sigkillAtRandomWrites_fourConcurrentTasks_commitsHoldWholeOperations() throws Exception {
        int points = Integer.getInteger("kemu.crash.concurrentPoints", 3);
        tasks = 4;
        long writes = calibrate(3000);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            long seed = 3000 + i;
            long crashAt = 1 + new Random(seed * 7919).nextLong(writes);
            problems.addAll(crashAndCheck(seed, crashAt, false, true).problems());
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** Tasks in the child ({@code kemu.crash.tasks}). */
    private int tasks = 1;

    @Test
    void plantedFault_fsyncWithoutCommit_isCaught() throws Exception {
        long writes = calibrate(2000);
        int caught = 0;
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < 12 && caught == 0; i++) {
            long seed = 2000;
            long crashAt = writes - new Random(seed * 31 + i).nextLong(writes / 5);
            Outcome o = crashAndCheck(seed, crashAt, true, false);
            if (!o.problems().isEmpty()) {
                caught++;
                seen.append(o.problems());
            }
        }
        assertTrue(caught > 0, "the planted fault went unnoticed at 12 crash points");
    }

    /** The device writes of a whole run of the workload for {@code seed}. */
    private long calibrate(long seed) throws Exception {
        Path img = tmp.resolve("calibrate-" + seed + ".img");
        HostTools.mkfs(img, "32M");
        Process p = child(img, seed, 0, false);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = readLine(r, p)) != null) {
                if (line.startsWith("END writes=")) {
                    return Long.parseLong(line.substring("END writes=".length()));
                }
            }
        } finally {
            kill(p);
        }
        throw new AssertionError("the workload did not finish");
    }

    private Outcome crashAndCheck(long seed, long crashAt, boolean fault, boolean kemuReplay) throws Exception {
        Path img = tmp.resolve("crash-" + seed + "-" + crashAt + ".img");
        Files.deleteIfExists(img);
        HostTools.mkfs(img, "32M");
        Map<String, byte[]> synced = new LinkedHashMap<>();
        Process p = child(img, seed, crashAt, fault);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = readLine(r, p)) != null) {
                if (line.equals("CRASH") || line.startsWith("END")) {
                    break;
                } else if (line.startsWith("DIRTY ")) {
                    synced.remove(line.substring(6));
                } else if (line.startsWith("SYNCED ")) {
                    String[] parts = line.split(" ", 3);
                    synced.put(parts[1], Base64.getDecoder().decode(parts.length > 2 ? parts[2] : ""));
                }
            }
        } finally {
            kill(p);
        }
        String where = "seed " + seed + ", crash at write " + crashAt + ": ";
        List<String> problems = new ArrayList<>();
        Path kemuCopy = tmp.resolve("kemu-" + img.getFileName());
        Files.copy(img, kemuCopy);
        HostTools.Result fy = HostTools.run(HostTools.E2FSCK, "-fy", img.toString());
        if (fy.rc() > 1 || repairs(fy.text())) {
            problems.add(where + "e2fsck -fy had to repair (rc " + fy.rc() + "):\n" + fy.text());
        }
        HostTools.Result fn = HostTools.run(HostTools.E2FSCK, "-fn", img.toString());
        if (fn.rc() != 0) {
            problems.add(where + "e2fsck -fn after recovery (rc " + fn.rc() + "):\n" + fn.text());
        }
        for (Map.Entry<String, byte[]> e : synced.entrySet()) {
            Path out = tmp.resolve("dump-" + seed + "-" + crashAt);
            Files.deleteIfExists(out);
            HostTools.run(HostTools.DEBUGFS, "-R", "dump " + e.getKey() + " " + out, img.toString());
            byte[] got = Files.exists(out) ? Files.readAllBytes(out) : null;
            if (got == null || !Arrays.equals(e.getValue(), got)) {
                problems.add(where + "synced " + e.getKey() + " (" + e.getValue().length + " bytes) reads back "
                        + (got == null ? "missing" : got.length + " different bytes"));
            }
        }
        if (kemuReplay && problems.isEmpty()) {
            if (System.getProperty("kemu.crash.keep") != null) {
                Files.copy(kemuCopy, Path.of(System.getProperty("kemu.crash.keep"), "kept-" + seed + "-" + crashAt + ".img"));
            }
            try (MountedExt4 fs = MountedExt4.image(kemuCopy, "32m")) {
                for (Map.Entry<String, byte[]> e : synced.entrySet()) {
                    if (!Arrays.equals(e.getValue(), fs.readFile(e.getKey()))) {
                        problems.add(where + "kemu's replay: " + e.getKey() + " differs");
                    }
                }
            }
            HostTools.Result k = HostTools.run(HostTools.E2FSCK, "-fn", kemuCopy.toString());
            if (k.rc() != 0) {
                problems.add(where + "e2fsck -fn after kemu's replay and unmount:\n" + k.text());
            }
        }
        Files.deleteIfExists(kemuCopy);
        Files.deleteIfExists(img);
        return new Outcome(crashAt, synced, problems);
    }

    /**
     * Whether e2fsck answered a repair question. "Optimize?" (an extent tree that could be
     * shallower) is not one: e2fsck counts it as no fix, and a clean unmount can leave such trees.
     */
    static boolean repairs(String e2fsckOutput) {
        return e2fsckOutput.lines().anyMatch(l -> l.contains("? yes") && !l.contains("Optimize? yes"));
    }

    private Process child(Path img, long seed, long crashAt, boolean fault) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dkemu.crash.tasks=" + tasks, "-cp",
                System.getProperty("java.class.path"), CrashWorkload.class.getName(), img.toString(),
                Long.toString(seed), Long.toString(crashAt)));
        if (fault) {
            cmd.add("fault");
        }
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** A line within 120 s, or null at the end of the output. */
    private static String readLine(BufferedReader r, Process p) throws Exception {
        CompletableFuture<String> f = CompletableFuture.supplyAsync(() -> {
            try {
                return r.readLine();
            } catch (java.io.IOException e) {
                return null;
            }
        });
        try {
            return f.get(120, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            kill(p);
            throw new AssertionError("the workload child said nothing for 120 s");
        }
    }

    /** SIGKILL ({@code destroyForcibly} on Linux), waited for. */
    private static void kill(Process p) throws InterruptedException {
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the killed child did not exit");
        assertEquals(true, !p.isAlive());
    }
}
