package dev.kemu.cli;

import com.google.inject.Inject;
import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.replay.CallOutcome;
import dev.kemu.replay.Replayer;
import dev.kemu.replay.TraceReport;
import dev.kemu.strace.Str;
import dev.kemu.strace.Trace;
import dev.kemu.strace.TraceParser;
import dev.kemu.strace.TracePrinter;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.UserLong;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kemu demo}: the seed story with no input. The same-file copy_file_range of the seed on
 * 3.10+cfr, 5.2 and 6.18 — three kernels, three different files afterwards — and then the
 * splice dispatch, one call per branch, on 3.10 and 6.18.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = KemuVersion.class,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the demo ran"},
        footerHeading = "%nExamples:%n",
        footer = {"  kemu demo", "  kemu demo --fs tmpfs"},
        description = "The copy_file_range seed on three kernels, and splice's dispatch, with no input needed.")
final class DemoCommand implements Callable<Integer> {
    static final List<String> KERNELS = List.of("3.10+cfr", "5.2", "6.18");

    @Spec
    CommandSpec spec;

    @Option(names = "--fs", paramLabel = "TYPE", defaultValue = "ext4", description = "root filesystem type (default: ${DEFAULT-VALUE})")
    String fsType;

    private final Machines machines;

    @Inject
    DemoCommand(Machines machines) {
        this.machines = machines;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Trace seed;
        try (InputStream in = DemoCommand.class.getResourceAsStream("seed_cfr_same_page.strace")) {
            seed = TraceParser.parse("seed_cfr_same_page.strace", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        RootOptions root = new RootOptions();
        root.fsType = fsType;
        out.println("kemu demo: one copy_file_range, three kernels");
        out.println();
        out.println("  A 300-byte file f holds \"ABCDEFGHIJKLMNOPQRSTUVWXYZABCD...\". The program calls");
        out.println("    copy_file_range(fd, [0], fd, [100], 200, 0)");
        out.println("  (source and destination overlap inside page 0), then reads the file back.");
        out.println();
        out.printf("  %-9s %-22s %s%n", "kernel", "copy_file_range", "bytes 100..139 afterwards");
        byte[] original = null;
        List<List<String>> graphs = new java.util.ArrayList<>();
        for (String v : KERNELS) {
            Kernel k = machines.boot(machines.resolve(v, "demo"), root);
            TraceReport r = new Replayer(k, Replayer.Mode.WHOLE_TRACE).traced().replay(seed, "seed");
            CallOutcome copy = find(r, "copy_file_range");
            CallOutcome read = find(r, "pread64");
            byte[] after = ((Str) read.actual().args().get(1)).bytes();
            if (original == null) {
                original = ((Str) read.recorded().args().get(1)).bytes();
            }
            String result = "= " + TracePrinter.formatResult(copy.actual().result());
            int paren = result.indexOf(" (");
            result = paren > 0 ? result.substring(0, paren) : result;
            String bytes = Arrays.equals(after, original) ? "unchanged" : new String(after, 100, 40, StandardCharsets.ISO_8859_1);
            out.printf("  %-9s %-22s %s%n", v, result, bytes);
            graphs.add(copy.graph());
        }
        out.println();
        out.println("  Why (function_graph excerpts; ./kemu trace shows the whole call):");
        for (int i = 0; i < KERNELS.size(); i++) {
            out.println();
            out.printf("  %s%n", KERNELS.get(i));
            for (String g : excerpt(graphs.get(i))) {
                out.println("    " + g);
            }
        }
        out.println();
        spliceDispatch(out, root);
        out.println("Next: ./kemu replay traces/linux-6.18/*.strace            (real traces, real results)");
        out.println("      ./kemu compare --kernels 3.10+cfr,5.2,6.18 traces/derived/seed_cfr_same_page-6.18.strace");
        out.println("      ./kemu trace --kernel 3.10+cfr --lines 10 traces/derived/seed_cfr_same_page-3.10+cfr.strace");
        out.println("      ./kemu compare --kernels 3.10+cfr,5.2,6.18 --html seed.html traces/derived/seed_cfr_same_page-6.18.strace");
        out.println("                                                      (the pipe slots and pages, call by call, in a browser)");
        out.flush();
        return ExitCodes.OK;
    }

    /** The lines of a call graph that explain its result: the functions that decide it and their notes. */
    static List<String> excerpt(List<String> graph) {
        List<String> out = new java.util.ArrayList<>();
        for (String g : graph) {
            String t = g.strip();
            if (t.startsWith("/* mutex_lock") || t.startsWith("}")) {
                continue;
            }
            if (t.contains("pipe_to_file") || t.contains("memcpy") || t.contains("generic_perform_write") || t.contains("copy ")
                    || t.contains("smears") || t.contains("slot 0 <-") || t.contains("generic_copy_file_checks")
                    || t.contains("overlapped") || t.contains("iter_file_splice_write")) {
                out.add(g);
            }
        }
        int indent = out.stream().mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        List<String> wrapped = new java.util.ArrayList<>();
        for (String l : out) {
            String line = l.substring(indent);
            String pad = " ".repeat(line.length() - line.stripLeading().length() + 3);
            while (line.length() > 92) {
                int cut = line.lastIndexOf(' ', 92);
                if (cut <= pad.length()) {
                    break;
                }
                wrapped.add(line.substring(0, cut));
                line = pad + line.substring(cut + 1);
            }
            wrapped.add(line);
        }
        return wrapped;
    }

    private static CallOutcome find(TraceReport r, String name) {
        return r.outcomes().stream().filter(o -> o.recorded().name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the seed trace has no " + name));
    }

    /** The four branches of do_splice, one call each, and what each kernel answers. */
    private void spliceDispatch(PrintWriter out, RootOptions root) {
        out.println("splice(fd_in, off_in, fd_out, off_out, len, flags): do_splice's four branches");
        out.println();
        String[][] rows = {
            {"both pipes", "splice(p[0], NULL, q[1], NULL, 5, 0)"},
            {"both pipes, same pipe", "splice(p[0], NULL, p[1], NULL, 5, 0)"},
            {"in is a pipe", "splice(p[0], NULL, file, [0], 5, 0)"},
            {"in is a pipe, off_in", "splice(p[0], [0], file, NULL, 5, 0)"},
            {"out is a pipe", "splice(file, [0], q[1], NULL, 5, 0)"},
            {"in is a pipe, O_APPEND", "splice(p[0], NULL, append, NULL, 5, 0)"},
            {"neither is a pipe", "splice(file, NULL, file, NULL, 5, 0)"},
            {"wrong mode and offset", "splice(p[1], [0], q[1], NULL, 5, 0)"},
        };
        String[] kernels = {"3.10", "6.18"};
        out.println(String.format("  %-24s %-40s %-9s %s", "branch", "call", kernels[0], kernels[1]));
        String[][] results = new String[rows.length][kernels.length];
        for (int kv = 0; kv < kernels.length; kv++) {
            for (int i = 0; i < rows.length; i++) {
                Kernel k = machines.boot(machines.resolve(kernels[kv], "demo"), root);
                results[i][kv] = describe(runBranch(k, i));
            }
        }
        for (int i = 0; i < rows.length; i++) {
            out.println(String.format("  %-24s %-40s %-9s %s", rows[i][0], rows[i][1], results[i][0], results[i][1]));
        }
        out.println();
        out.println("  The last row: 3.10 checks the access mode (EBADF) before the offset; from 5.10");
        out.println("  __do_splice gives ESPIPE for an offset on a pipe first.");
        out.println();
    }

    private static String describe(long ret) {
        return Errno.isError(ret) ? Errno.of(ret).name() : "= " + ret;
    }

    /** Sets up pipes p and q (p holding 10 bytes) and a 10-byte file, then makes call {@code i}. */
    private static long runBranch(Kernel k, int i) {
        Task t = k.newTask();
        int[] p = new int[2];
        int[] q = new int[2];
        k.pipe2(t, p, 0);
        k.pipe2(t, q, 0);
        k.write(t, p[1], UserBuffer.of("0123456789".getBytes(StandardCharsets.US_ASCII)), 10);
        int file = (int) k.openat(t, Fcntl.AT_FDCWD, "demo-file", Fcntl.O_RDWR | Fcntl.O_CREAT | Fcntl.O_TRUNC, 0644);
        k.write(t, file, UserBuffer.of("abcdefghij".getBytes(StandardCharsets.US_ASCII)), 10);
        int append = (int) k.openat(t, Fcntl.AT_FDCWD, "demo-file", Fcntl.O_WRONLY | Fcntl.O_APPEND, 0);
        switch (i) {
            case 0: return k.splice(t, p[0], null, q[1], null, 5, 0);
            case 1: return k.splice(t, p[0], null, p[1], null, 5, 0);
            case 2: return k.splice(t, p[0], null, file, UserLong.of(0), 5, 0);
            case 3: return k.splice(t, p[0], UserLong.of(0), file, null, 5, 0);
            case 4: return k.splice(t, file, UserLong.of(0), q[1], null, 5, 0);
            case 5: return k.splice(t, p[0], null, append, null, 5, 0);
            case 6: return k.splice(t, file, null, file, null, 5, 0);
            default: return k.splice(t, p[1], UserLong.of(0), q[1], null, 5, 0);
        }
    }
}
