package dev.kemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every subcommand's output, human and JSON, and the error messages, pinned by golden files in
 * {@code src/test/resources/golden}: exit code, standard output and standard error. A change to
 * the output is made on purpose: run with {@code -Dkemu.golden.update=true}, then read the diff
 * of the golden files before committing it.
 */
class GoldenTest {
    private static final String T = "../traces/linux-6.18/";
    private static final String D = "../traces/derived/";
    private static final String IN = "src/test/resources/inputs/";

    static Stream<Arguments> cases() {
        return Stream.of(
                c("usage-no-command", new String[0]),
                c("version", "--version"),
                c("help-replay", "replay", "--help"),
                c("help-stress", "stress", "-h"),
                c("help-command-compare", "help", "compare"),
                c("help-top", "help"),
                c("debug-after-command", "replay", "--debug", "--kernel", "9.9", T + "pipe_basic_write_read.strace"),
                c("stdin-replay", "replay", "-"),
                c("stdin-run-malformed", "run", "--kernel", "6.18", "-"),
                c("trace-open-range", "trace", "--kernel", "6.18", "--lines", "11-", D + "seed_cfr_same_page-6.18.strace"),
                c("error-lines-zero", "trace", "--kernel", "6.18", "--lines", "0", D + "seed_cfr_same_page-6.18.strace"),
                c("error-fs-with-image", "replay", "--fs", "tmpfs", "--image", "x.img", T + "pipe_basic_write_read.strace"),
                c("error-host-with-fs", "run", "--kernel", "host", "--fs", "tmpfs", T + "pipe_basic_write_read.strace"),
                c("error-fuzz-out", "fuzz", "--seconds", "1", "--out", "pom.xml/mismatches"),
                c("replay-xfail", "replay", "../traces/fuzz/ext4_dir_llseek_seek_data.strace", "../traces/fuzz/devnull_sendfile_to.strace"),
                c("replay-xfail-listed", "replay", "../traces/ltp/sendfile04.strace"),
                c("replay-xpass", "replay", IN + "divergence_fixed.strace"),
                c("replay-divergence-elsewhere", "replay", IN + "divergence_wrong_line.strace"),
                c("replay-no-calls", "replay", IN + "no_calls.strace"),
                c("run-no-calls", "run", "--kernel", "6.18", IN + "no_calls.strace"),
                c("run-blocked", "run", "--kernel", "4.9", T + "splice_nonblock_eagain.strace"),
                c("compare-not-run", "compare", "--kernels", "5.2,6.18", IN + "unmodelled.strace"),
                c("trace-not-run", "trace", "--kernel", "6.18", IN + "unmodelled.strace"),
                c("kernels-version", "kernels", "4.9"),
                c("kernels-version-json", "kernels", "--json", "3.10+cfr"),
                c("kernels-diff", "kernels", "--diff", "5.7", "5.8"),
                c("kernels-diff-plugins", "kernels", "--diff", "3.10", "4.5"),
                c("kernels-diff-json", "kernels", "--json", "--diff", "5.18", "5.19"),
                c("error-kernels-version-and-diff", "kernels", "4.9", "--diff", "5.7", "5.8"),
                c("error-kernels-diff-unknown", "kernels", "--diff", "5.7", "9.9"),
                c("replay-color-always", "replay", "--color=always", T + "pipe_basic_write_read.strace", IN + "wrong_expectation.strace"),
                c("replay-color-never", "--color=never", "replay", T + "pipe_basic_write_read.strace", IN + "wrong_expectation.strace"),
                c("compare-color-always", "compare", "--color", "always", "--kernels", "3.10+cfr,5.2,6.18", D + "seed_cfr_same_page-6.18.strace"),
                c("trace-color-always", "trace", "--color=always", "--kernel", "3.10+cfr", "--lines", "10", D + "seed_cfr_same_page-6.18.strace"),
                c("error-color-value", "replay", "--color=sometimes", T + "pipe_basic_write_read.strace"),
                c("run-x", "run", "-x", "--kernel", "6.18", T + "pipe_basic_write_read.strace"),
                c("run-xx", "run", "-xx", "--kernel", "6.18", T + "pipe_basic_write_read.strace"),
                c("run-default-quoting", "run", "--kernel", "6.18", T + "pipe_basic_write_read.strace"),
                c("error-output-unwritable", "run", "--kernel", "6.18", "-o", "no/such/dir/out.strace", T + "pipe_basic_write_read.strace"),
                c("replay-json-metrics", "replay", "--json", "--metrics", T + "pipe_basic_write_read.strace"),
                c("run-json-blocked", "run", "--json", "--kernel", "4.9", T + "splice_nonblock_eagain.strace"),
                c("kernels", "kernels"),
                c("kernels-json", "kernels", "--json"),
                c("error-evidence-without-recordings", "kernels", "--write-evidence", "x.tsv"),
                c("error-evidence-exists", "kernels", "--recordings", "../traces", "--write-evidence", IN + "malformed.strace"),
                c("error-recordings-empty", "kernels", "--recordings", IN),
                c("replay-pass", "replay", T + "pipe_basic_write_read.strace", T + "file_dup_errors.strace",
                        D + "dirtypipe-5.8.strace"),
                c("replay-json", "replay", "--json", T + "splice_slots_capacity.strace", D + "seed_cfr_same_page-3.10+cfr.strace"),
                c("replay-fail", "replay", IN + "wrong_expectation.strace"),
                c("replay-unsupported", "replay", IN + "unmodelled.strace"),
                c("replay-forced-kernel", "replay", "--kernel", "5.2", D + "seed_cfr_same_page-6.18.strace"),
                c("run-seed-310cfr", "run", "--kernel", "3.10+cfr", D + "seed_cfr_same_page-6.18.strace"),
                c("run-json", "run", "--json", "--kernel", "5.2", D + "seed_cfr_same_page-6.18.strace"),
                c("compare-seed", "compare", "--kernels", "3.10+cfr,5.2,6.18", D + "seed_cfr_same_page-6.18.strace"),
                c("compare-all", "compare", "--all", "--kernels", "5.8,6.18", D + "dirtypipe-5.8.strace"),
                c("compare-json", "compare", "--json", "--kernels", "3.10+cfr,6.18", D + "seed_cfr_same_page-6.18.strace"),
                c("trace-310cfr", "trace", "--kernel", "3.10+cfr", "--lines", "10", D + "seed_cfr_same_page-6.18.strace"),
                c("trace-618", "trace", "--kernel", "6.18", "--lines", "9-11", D + "seed_cfr_same_page-6.18.strace"),
                c("trace-json", "trace", "--json", "--kernel", "5.2", "--lines", "10", D + "seed_cfr_same_page-6.18.strace"),
                c("demo", "demo"),
                c("error-unknown-kernel", "replay", "--kernel", "9.9", T + "pipe_basic_write_read.strace"),
                c("error-missing-file", "replay", "--kernel", "6.18", "no/such/file.strace"),
                c("error-directory", "run", "--kernel", "6.18", "../traces"),
                c("error-malformed-line", "replay", IN + "malformed.strace"),
                c("error-unknown-syscall", "replay", IN + "unknown_syscall.strace"),
                c("error-no-header", "replay", IN + "no_header.strace"),
                c("error-bad-lines", "trace", "--kernel", "6.18", "--lines", "9-x", D + "seed_cfr_same_page-6.18.strace"),
                c("error-one-kernel", "compare", "--kernels", "6.18", D + "seed_cfr_same_page-6.18.strace"),
                c("error-unknown-option", "replay", "--frobnicate", T + "pipe_basic_write_read.strace"),
                c("error-missing-kernel-value", "run", "--kernel"),
                c("error-unknown-fs", "replay", "--fs", "zfs", T + "pipe_basic_write_read.strace"),
                c("error-unknown-command", "frobnicate"),
                c("replay-one-unreadable", "replay", "--kernel", "6.18", IN + "malformed.strace", T + "pipe_basic_write_read.strace"),
                c("syscalls-outside", "syscalls", "--class", "outside"),
                c("error-syscalls-class", "syscalls", "--class", "sometimes"));
    }

    private static Arguments c(String name, String... args) {
        return Arguments.of(name, args);
    }

    /**
     * What a case's {@code -} reads: the seed trace for {@code stdin-replay}, a malformed one for the other
     * {@code stdin-} cases, nothing otherwise.
     */
    private static java.io.InputStream stdin(String name) throws IOException {
        if (!name.startsWith("stdin-")) {
            return java.io.InputStream.nullInputStream();
        }
        Path p = Path.of(name.equals("stdin-replay") ? D + "seed_cfr_same_page-6.18.strace" : IN + "malformed.strace");
        return new java.io.ByteArrayInputStream(Files.readAllBytes(p));
    }

    /** Runs the tool in-process and renders exit code, stdout and stderr the way the golden files hold them. */
    static String run(String... args) {
        return run(java.io.InputStream.nullInputStream(), args);
    }

    static String run(java.io.InputStream in, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, in, new PrintWriter(out, true), new PrintWriter(err, true));
        // Which pipe a blocked task sleeps on is named by an id counted across the machines this JVM booted.
        return ("exit: " + code + "\n--- stdout\n" + out + "--- stderr\n" + err).replaceAll("(blocked forever on pipe#)\\d+", "$1N");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void subcommand_matchesItsGoldenFile(String name, String[] args) throws IOException {
        String got = run(stdin(name), args);
        Path golden = Path.of("src/test/resources/golden", name + ".txt");
        if (Boolean.getBoolean("kemu.golden.update")) {
            Files.writeString(golden, got, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), got, () -> "kemu " + String.join(" ", args));
    }
}
