package dev.kemu.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/** The host's e2fsprogs for the image tests (skipped when they are missing), and a child kemu. */
final class E2fsprogs {
    private E2fsprogs() {
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

    static void assumeAvailable() {
        assumeTrue(MKFS != null && E2FSCK != null && DEBUGFS != null && DUMPE2FS != null,
                "e2fsprogs (mkfs.ext4, e2fsck, debugfs, dumpe2fs) not installed");
    }

    /** An exit status and the merged output. */
    record Result(int rc, String out) {
    }

    /** Runs a command with a bounded wait; a hang is an assertion failure. */
    static Result run(long timeoutSeconds, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        // Read on another thread so that a child that fills the pipe cannot block the wait.
        java.util.concurrent.CompletableFuture<byte[]> out = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return p.getInputStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            return new Result(-1, "timed out after " + timeoutSeconds + " s: " + String.join(" ", cmd));
        }
        try {
            return new Result(p.exitValue(), new String(out.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new Result(p.exitValue(), "");
        }
    }

    static Result run(String... cmd) throws IOException, InterruptedException {
        return run(120, cmd);
    }

    /** {@code mkfs.ext4 -q -F -b 4096 img size}. */
    static void mkfs(Path img, String size) throws IOException, InterruptedException {
        Result r = run(MKFS, "-q", "-F", "-b", "4096", img.toString(), size);
        if (r.rc() != 0) {
            throw new AssertionError("mkfs.ext4: " + r.out());
        }
    }

    /** {@code debugfs -w -R cmd img}. */
    static void debugfsWrite(Path img, String cmd) throws IOException, InterruptedException {
        Result r = run(DEBUGFS, "-w", "-R", cmd, img.toString());
        if (r.rc() != 0) {
            throw new AssertionError("debugfs " + cmd + ": " + r.out());
        }
    }

    /** {@code e2fsck -fn img}. */
    static Result e2fsckN(Path img) throws IOException, InterruptedException {
        return run(E2FSCK, "-fn", img.toString());
    }

    /** kemu as a child process of this JVM (this test classpath), with a bounded wait. */
    static Result kemu(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String[] cmd = new String[args.length + 4];
        cmd[0] = java;
        cmd[1] = "-cp";
        cmd[2] = System.getProperty("java.class.path");
        cmd[3] = Main.class.getName();
        System.arraycopy(args, 0, cmd, 4, args.length);
        return run(timeoutSeconds, cmd);
    }

    /**
     * The image's SHA-256 read by a child process ({@code sha256sum}): while this JVM has the image
     * mounted, opening and closing the file here would drop the JVM's record lock on it (POSIX
     * {@code fcntl} locks belong to the process and go with any of its descriptors' close).
     */
    static String sha256Outside(Path p) throws IOException, InterruptedException {
        Result r = run("sha256sum", p.toString());
        if (r.rc() != 0) {
            throw new AssertionError("sha256sum: " + r.out());
        }
        return r.out().split("\\s+")[0];
    }

    static String sha256(Path p) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
