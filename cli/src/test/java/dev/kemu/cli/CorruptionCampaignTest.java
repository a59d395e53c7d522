package dev.kemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corruption campaign: images made by plain {@code mkfs.ext4} and filled by {@code debugfs}
 * and one kemu replay, then damaged by random bit flips in their metadata blocks (the primary
 * superblock, the group descriptors, the block and inode bitmaps, the inode table's used part,
 * an extent tree block, directory blocks), deterministic per seed; each image is replayed by kemu
 * in this JVM (the cli's {@code Main}, a bounded wait) with a trace that reads the files, looks
 * names up, creates, writes, fsyncs, renames and removes.
 *
 * <p>Each run is classified: a clear mount error (exit 2 with a message, no error recorded); a
 * kernel-like errno after the mount (EBADMSG or EUCLEAN in the results, or the error recorded in
 * the superblock, also when the boot's own lookups met it and the boot failed); ran and wrote; ran and wrote nothing; internal error (exit 3); hang (no end
 * within the wait). What is asserted:
 * <ul>
 * <li>no internal error and no hang;
 * <li>a refused mount wrote nothing (the image's bytes are unchanged);
 * <li>an error found during the run is recorded: the superblock says {@code EXT4_ERROR_FS} and is
 * not marked clean, so that the next mount and e2fsck know (with errors=remount-ro, which kemu
 * mounts images with, nothing but that record is written after it: the filesystem is read-only
 * from then on, which {@code Ext4ErrorTest} checks byte for byte);
 * <li>no silent write: a run that found no error and wrote must not make the image worse, that
 * is, every kind of problem {@code e2fsck -fn} reports afterwards (its message with the numbers
 * taken out) was reported for the image before the run. Damage ext4 cannot see (a flipped bit it
 * never reads) may stay; none may be added.
 * </ul>
 * Images: {@code -Dkemu.campaign.images=N} (60 by default, 1000 for the full run); seed
 * {@code -Dkemu.campaign.seed}.
 */
class CorruptionCampaignTest {
    private static final int IMAGES = Integer.getInteger("kemu.campaign.images", 60);
    private static final long SEED = Long.getLong("kemu.campaign.seed", 20261207L);
    private static final long WAIT_SECONDS = 60;
    private static final int FILES_IN_MANY = 300;

    @TempDir
    Path tmp;

    /** How a run ended. */
    enum Outcome {
        MOUNT_ERROR, ERRNO, RAN_AND_WROTE, RAN_NO_WRITE, INTERNAL_ERROR, HANG
    }

    /** A byte range of metadata, named for the report. */
    record Region(String kind, long start, long length) {
    }

    @Test
    void corruptedImages_clearErrorsOnly_noInternalErrorNoHangNoSilentWrite() throws Exception {
        E2fsprogs.assumeAvailable();
        Path base = tmp.resolve("base.img");
        Path trace = makeBase(base);
        List<Region> regions = regions(base);
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        List<String> violations = new ArrayList<>();
        int damaged = 0;
        ExecutorService runner = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "campaign-replay");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 0; i < IMAGES; i++) {
                Random rnd = new Random(SEED * 1_000_003L + i);
                Path img = tmp.resolve("c" + i + ".img");
                Files.copy(base, img);
                String flips = flip(img, regions, rnd);
                E2fsprogs.Result fsckBefore = E2fsprogs.e2fsckN(img);
                boolean isDamaged = fsckBefore.rc() != 0;
                damaged += isDamaged ? 1 : 0;
                byte[] before = Files.readAllBytes(img);
                Future<String[]> f = runner.submit(() -> run("replay", "--image", img.toString(), trace.toString()));
                String[] r;
                try {
                    r = f.get(WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    f.cancel(true);
                    counts.merge(Outcome.HANG, 1, Integer::sum);
                    violations.add("image " + i + " (" + flips + "): no end within " + WAIT_SECONDS + " s");
                    continue;
                }
                byte[] after = Files.readAllBytes(img);
                Outcome o = classify(r, before, after);
                counts.merge(o, 1, Integer::sum);
                String what = "image " + i + " (" + flips + "): ";
                switch (o) {
                    case INTERNAL_ERROR -> violations.add(what + "internal error: " + r[2]);
                    case MOUNT_ERROR -> {
                        if (!java.util.Arrays.equals(before, after)) {
                            violations.add(what + "the refused mount wrote to the image");
                        }
                        if (r[2].isBlank()) {
                            violations.add(what + "exit 2 without a message");
                        }
                    }
                    case ERRNO -> {
                        int state = u16(after, 1024 + 0x3A);
                        // Not marked clean: VALID_FS cleared, or (with a journal, where ext4_setup_super
                        // keeps VALID_FS) needs_recovery left set.
                        boolean needsRecovery = (u16(after, 1024 + 0x60) & 0x4) != 0;
                        boolean markedClean = (state & 1) != 0 && !needsRecovery;
                        if (!java.util.Arrays.equals(before, after) && ((state & 2) == 0 || markedClean)) {
                            violations.add(what + "an error met during the run was not recorded (s_state " + state + ")");
                        }
                    }
                    case RAN_AND_WROTE -> {
                        Set<String> was = problems(fsckBefore.out());
                        E2fsprogs.Result fsckAfter = E2fsprogs.e2fsckN(img);
                        Set<String> now = problems(fsckAfter.out());
                        now.removeAll(was);
                        if (!now.isEmpty()) {
                            violations.add(what + "written without an error and made worse: " + now);
                        }
                    }
                    default -> {
                    }
                }
                Files.delete(img);
            }
        } finally {
            runner.shutdownNow();
        }
        System.out.println("corruption campaign: " + IMAGES + " images (" + damaged + " that e2fsck -fn calls damaged), "
                + counts);
        assertTrue(damaged > IMAGES / 2, "most flips damage the image as e2fsck sees it: " + damaged);
        assertEquals(List.of(), violations);
    }

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    private static Outcome classify(String[] r, byte[] before, byte[] after) {
        int rc = Integer.parseInt(r[0]);
        if (rc == ExitCodes.INTERNAL || r[2].contains("internal error")) {
            return Outcome.INTERNAL_ERROR;
        }
        // An error recorded in the superblock was met after a successful mount: by the run, or by
        // the boot laying out its mount points (which then fails with exit 2).
        boolean recorded = (u16(after, 1024 + 0x3A) & 2) != 0 && (u16(before, 1024 + 0x3A) & 2) == 0
                || u32(after, 1024 + 0x194) > u32(before, 1024 + 0x194);
        if (recorded) {
            return Outcome.ERRNO;
        }
        if (rc == ExitCodes.BAD_INPUT) {
            return Outcome.MOUNT_ERROR;
        }
        if (r[1].contains("EBADMSG") || r[1].contains("EUCLEAN")) {
            return Outcome.ERRNO;
        }
        return java.util.Arrays.equals(before, after) ? Outcome.RAN_NO_WRITE : Outcome.RAN_AND_WROTE;
    }

    /** e2fsck's problem messages, numbers taken out; pass headers and the summary left out. */
    static Set<String> problems(String fsckOutput) {
        Set<String> out = new TreeSet<>();
        for (String line : fsckOutput.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("Pass ") || l.startsWith("e2fsck ") || l.contains(" files, ")
                    || l.startsWith("Warning: skipping journal") || l.contains("WARNING: Filesystem still has errors")
                    || l.endsWith("? no") && l.length() < 12 || l.startsWith("*****")) {
                continue;
            }
            out.add(l.replaceAll("0x[0-9a-fA-F]+", "#").replaceAll("\\d+", "#"));
        }
        return out;
    }

    /** Flips 1 to 3 random bits in random metadata regions; says which. */
    private static String flip(Path img, List<Region> regions, Random rnd) throws IOException {
        int n = 1 + rnd.nextInt(3);
        StringBuilder what = new StringBuilder();
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            for (int k = 0; k < n; k++) {
                Region reg = regions.get(rnd.nextInt(regions.size()));
                long pos = reg.start() + (long) (rnd.nextDouble() * reg.length());
                int bit = rnd.nextInt(8);
                f.seek(pos);
                int b = f.read();
                f.seek(pos);
                f.write(b ^ (1 << bit));
                what.append(k == 0 ? "" : ", ").append(reg.kind()).append(" byte ").append(pos).append(" bit ").append(bit);
            }
        }
        return what.toString();
    }

    /**
     * A 16 MiB image by plain mkfs.ext4, with files and directories by debugfs (a small file, a
     * sparse one of 40 extents, so that its tree has an index block, a directory of 300 names over
     * several blocks) and the layout a kemu replay makes; returns the campaign's trace.
     */
    private Path makeBase(Path base) throws Exception {
        E2fsprogs.mkfs(base, "16M");
        Path small = tmp.resolve("small");
        Files.writeString(small, "some contents");
        Path sparse = tmp.resolve("sparse");
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            for (int i = 0; i < 40; i++) {
                f.seek(i * 2L * 4096);
                f.write(String.format("chunk%02d\n", i).getBytes(StandardCharsets.US_ASCII));
            }
        }
        StringBuilder cmds = new StringBuilder();
        cmds.append("write ").append(small).append(" f\n");
        cmds.append("write ").append(sparse).append(" sparse\n");
        cmds.append("mkdir d\nwrite ").append(small).append(" d/g\nmkdir many\n");
        for (int i = 0; i < FILES_IN_MANY; i++) {
            cmds.append("write ").append(small).append(String.format(" many/file%03d%n", i));
        }
        Path cmdFile = tmp.resolve("cmds");
        Files.writeString(cmdFile, cmds);
        E2fsprogs.Result r = E2fsprogs.run(E2fsprogs.DEBUGFS, "-w", "-f", cmdFile.toString(), base.toString());
        assertEquals(0, r.rc(), r.out());
        Path trace = tmp.resolve("campaign.strace");
        Files.writeString(trace, String.join("\n",
                "# kernel: 6.18",
                "# fs: ext4",
                "# cwd: /scenario",
                "openat(AT_FDCWD, \"/f\", O_RDONLY) = 3",
                "read(3, \"some contents\", 100) = 13",
                "close(3) = 0",
                "openat(AT_FDCWD, \"/sparse\", O_RDONLY) = 3",
                "pread64(3, \"chunk39\\n\", 8, 319488) = 8",
                "pread64(3, \"chunk00\\n\", 8, 0) = 8",
                "close(3) = 0",
                "openat(AT_FDCWD, \"/many/file299\", O_RDONLY) = 3",
                "read(3, \"some contents\", 100) = 13",
                "close(3) = 0",
                "openat(AT_FDCWD, \"/many/new\", O_WRONLY|O_CREAT|O_EXCL, 0644) = 3",
                "write(3, \"hello\", 5) = 5",
                "fsync(3) = 0",
                "close(3) = 0",
                "mkdir(\"/newdir\", 0755) = 0",
                "rename(\"/d/g\", \"/newdir/g\") = 0",
                "unlink(\"/many/file000\") = 0",
                "unlink(\"/f\") = 0",
                "openat(AT_FDCWD, \"/sparse\", O_WRONLY|O_APPEND) = 3",
                "write(3, \"tail\", 4) = 4",
                "close(3) = 0",
                "") + "\n");
        String[] first = run("replay", "--image", base.toString(), trace.toString());
        assertEquals("0", first[0], "the trace replays on the clean image: " + first[1] + first[2]);
        // Undo the replay's own changes: the campaign starts from the image before it, with the
        // layout (/scenario, the mount points) kept.
        Files.delete(base);
        E2fsprogs.mkfs(base, "16M");
        r = E2fsprogs.run(E2fsprogs.DEBUGFS, "-w", "-f", cmdFile.toString(), base.toString());
        assertEquals(0, r.rc(), r.out());
        Files.writeString(cmdFile, "mkdir scenario\nmkdir proc\nmkdir tmp\nmkdir dev\n");
        r = E2fsprogs.run(E2fsprogs.DEBUGFS, "-w", "-f", cmdFile.toString(), base.toString());
        assertEquals(0, r.rc(), r.out());
        E2fsprogs.Result clean = E2fsprogs.e2fsckN(base);
        assertEquals(0, clean.rc(), clean.out());
        return trace;
    }

    /** The metadata regions of the image, found with dumpe2fs and debugfs. */
    private static List<Region> regions(Path img) throws Exception {
        List<Region> out = new ArrayList<>();
        int bs = 4096;
        out.add(new Region("superblock", 1024, 1024));
        String dump = E2fsprogs.run(E2fsprogs.DUMPE2FS, img.toString()).out();
        Matcher gd = Pattern.compile("Group descriptors at (\\d+)-(\\d+)").matcher(dump);
        assertTrue(gd.find(), dump);
        out.add(new Region("group descriptors", Long.parseLong(gd.group(1)) * bs, 64));
        out.add(new Region("block bitmap", number(dump, "Block bitmap at (\\d+)") * bs, bs));
        out.add(new Region("inode bitmap", number(dump, "Inode bitmap at (\\d+)") * bs, bs));
        long itable = number(dump, "Inode table at (\\d+)");
        // The used part: inodes 1 .. 330 or so (debugfs allocated them in order).
        out.add(new Region("inode table", itable * bs, (long) (FILES_IN_MANY + 20) * 256));
        String ex = E2fsprogs.run(E2fsprogs.DEBUGFS, "-R", "ex /sparse", img.toString()).out();
        Matcher idx = Pattern.compile("(?m)^\\s*0/\\s*1\\s+\\d+/\\s*\\d+\\s+\\d+\\s*-\\s*\\d+\\s+(\\d+)").matcher(ex);
        assertTrue(idx.find(), "the sparse file has an extent index block: " + ex);
        out.add(new Region("extent block", Long.parseLong(idx.group(1)) * bs, bs));
        for (String dir : List.of("/", "/d", "/many", "/scenario")) {
            String blocks = E2fsprogs.run(E2fsprogs.DEBUGFS, "-R", "blocks " + dir, img.toString()).out();
            Matcher m = Pattern.compile("(?m)(?<![\\w.])(\\d+)(?=\\s)").matcher(blocks.replaceAll("debugfs [^\\n]*\\n", ""));
            while (m.find()) {
                out.add(new Region("directory " + dir, Long.parseLong(m.group(1)) * bs, bs));
            }
        }
        return out;
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex);
        return Long.parseLong(m.group(1));
    }

    private static int u16(byte[] b, int off) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getShort(off) & 0xFFFF;
    }

    private static long u32(byte[] b, int off) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(off) & 0xFFFFFFFFL;
    }
}
