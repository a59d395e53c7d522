package dev.kemu.fs.ext4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kemu.fs.ext4.disklayout.Ext4SuperBlock;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** The e2fsprogs tools of the host: mkfs.ext4, e2fsck, debugfs, dumpe2fs. */
final class HostTools {
    private HostTools() {
    }

    private static String find(String name) {
        for (String dir : new String[] {"/sbin", "/usr/sbin", "/bin", "/usr/bin"}) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    static final String MKFS = find("mkfs.ext4");
    static final String E2FSCK = find("e2fsck");
    static final String DEBUGFS = find("debugfs");
    static final String DUMPE2FS = find("dumpe2fs");
    /** Optional: only one test needs it. */
    static final String TUNE2FS = find("tune2fs");

    /** Skips the calling test when the tools are missing. */
    static void assumeAvailable() {
        assumeTrue(MKFS != null && E2FSCK != null && DEBUGFS != null && DUMPE2FS != null,
                "e2fsprogs (mkfs.ext4, e2fsck, debugfs, dumpe2fs) not installed");
    }

    /** The exit status and the merged output of a command. */
    record Result(int rc, byte[] out) {
        String text() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    static Result run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", cmd));
        }
        return new Result(p.exitValue(), out);
    }

    /** Runs a command whose stdout is data (debugfs cat): stderr is dropped. */
    static byte[] runForStdout(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", cmd));
        }
        assertEquals(0, p.exitValue(), String.join(" ", cmd));
        return out;
    }

    /** {@code mkfs.ext4 -q -F -b 4096 [extra] img size}. */
    static void mkfs(Path img, String size, String... extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(MKFS, "-q", "-F", "-b", "4096"));
        cmd.addAll(Arrays.asList(extra));
        cmd.add(img.toString());
        cmd.add(size);
        Result r = run(cmd.toArray(String[]::new));
        assertEquals(0, r.rc(), r.text());
    }

    /** {@code e2fsck -fn img}; asserts it found nothing to fix (exit status 0). */
    static String assertE2fsckClean(Path img) throws IOException, InterruptedException {
        Result r = run(E2FSCK, "-fn", img.toString());
        assertEquals(0, r.rc(), () -> "e2fsck -fn " + img + ":\n" + r.text());
        return r.text();
    }

    /** {@code debugfs -R "cat path" img}. */
    static byte[] debugfsCat(Path img, String path) throws IOException, InterruptedException {
        return runForStdout(DEBUGFS, "-R", "cat " + path, img.toString());
    }

    /** {@code debugfs -w -R "cmd" img}. */
    static String debugfsWrite(Path img, String cmd) throws IOException, InterruptedException {
        Result r = run(DEBUGFS, "-w", "-R", cmd, img.toString());
        assertEquals(0, r.rc(), r.text());
        return r.text();
    }

    /** The primary superblock of an image file. */
    static Ext4SuperBlock superBlock(Path img) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "r")) {
            byte[] b = new byte[Ext4SuperBlock.SIZE];
            f.seek(Ext4SuperBlock.OFFSET);
            f.readFully(b);
            return Ext4SuperBlock.decode(b, 0);
        }
    }

    /** Rewrites the primary superblock of an image file, with a fresh checksum. */
    static void patchSuperBlock(Path img, UnaryOperator<Ext4SuperBlock> change) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            byte[] b = new byte[Ext4SuperBlock.SIZE];
            f.seek(Ext4SuperBlock.OFFSET);
            f.readFully(b);
            Ext4SuperBlock sb = change.apply(Ext4SuperBlock.decode(b, 0));
            f.seek(Ext4SuperBlock.OFFSET);
            f.write(sb.encode());
        }
    }
}
