package dev.kemu.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kemu record [-o FILE] -- CMD [ARGS...]}: runs a program under strace with what replay needs (every
 * process, every byte: {@code -f -xx -s 1048576}) in the current directory, and writes a log that starts with
 * the header kemu reads: {@code # kernel:} (this machine's release), {@code # fs:} (the type of the filesystem
 * holding the current directory, from {@code /proc/self/mountinfo}) and {@code # cwd:}.
 *
 * <p>The log is written to a temporary file beside FILE and moved into place when strace is done, so an
 * interrupted recording leaves no half log under the name; an existing FILE is never overwritten unless
 * {@code --force} is given. The exit code is the program's, as strace's is.
 */
@Command(name = "record", mixinStandardHelpOptions = true, versionProvider = KemuVersion.class,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"N:the program's own exit code, as strace's", "2:bad usage, an existing FILE without --force, no strace"},
        footerHeading = "%nExamples:%n",
        footer = {"  kemu record -- ./prog arg", "  kemu record -o pipe.strace -- ./pipe_test", "  kemu record --force -o x.strace -- sh -c 'echo hi | cat'"},
        description = "Run a program under strace with the flags replay needs and write the log "
        + "with its header (# kernel:, # fs:, # cwd:).")
final class RecordCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "the log to write (default: CMD.strace)")
    String output;

    @Option(names = "--force", description = "overwrite FILE if it exists")
    boolean force;

    @Option(names = "--strace", paramLabel = "PATH", description = "the strace to run (default: strace on the PATH)")
    String strace = "strace";

    @Parameters(paramLabel = "CMD", arity = "1..*", description = "the program and its arguments (after --)")
    List<String> command;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path cwd = Path.of("").toAbsolutePath();
        String prog = Path.of(command.get(0)).getFileName().toString();
        Path out = Path.of(output != null ? output : prog + ".strace").toAbsolutePath();
        if (Files.exists(out) && !force) {
            throw new InputException(out + ": exists; choose another -o FILE or give --force to overwrite it");
        }
        if (out.getParent() != null && !Files.isDirectory(out.getParent())) {
            throw new InputException(out + ": no such directory " + out.getParent());
        }
        Path raw = Files.createTempFile(out.getParent(), "." + out.getFileName() + ".", ".raw");
        try {
            List<String> argv = new ArrayList<>(List.of(strace, "-f", "-q", "-xx", "-s", "1048576", "-o", raw.toString(), "--"));
            argv.addAll(command);
            Process p;
            try {
                p = new ProcessBuilder(argv).inheritIO().start();
            } catch (IOException e) {
                throw new InputException("cannot run " + strace + " (is strace installed?): " + e.getMessage());
            }
            int status = p.waitFor();
            // Created as any file the user writes is (the umask applies), under a name of its own, then moved.
            Path tmp = out.resolveSibling("." + out.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            try (OutputStream o = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                o.write(header(cwd, command).getBytes(StandardCharsets.UTF_8));
                Files.copy(raw, o);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            PrintWriter err = spec.commandLine().getErr();
            err.println("kemu: recorded " + String.join(" ", command) + " to " + out);
            err.flush();
            return status;
        } finally {
            Files.deleteIfExists(raw);
        }
    }

    private String header(Path cwd, List<String> cmd) throws IOException, InterruptedException {
        StringBuilder h = new StringBuilder();
        h.append("# kernel: ").append(release()).append('\n');
        h.append("# fs: ").append(fsType(cwd)).append('\n');
        h.append("# cwd: ").append(cwd).append('\n');
        h.append("# recorded: kemu record --");
        for (String a : cmd) {
            h.append(' ').append(shellQuote(a));
        }
        h.append('\n');
        return h.toString();
    }

    /** {@code arg} as a POSIX shell word, on one line: {@code $'...'} with C escapes when it holds control bytes. */
    static String shellQuote(String arg) {
        if (!arg.isEmpty() && arg.chars().allMatch(c -> Character.isLetterOrDigit(c) || "@%+=:,./_-".indexOf(c) >= 0)) {
            return arg;
        }
        if (arg.chars().noneMatch(c -> c < 0x20 || c == 0x7f)) {
            return "'" + arg.replace("'", "'\\''") + "'";
        }
        StringBuilder b = new StringBuilder("$'");
        for (char c : arg.toCharArray()) {
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\\' -> b.append("\\\\");
                case '\'' -> b.append("\\'");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('\'').toString();
    }

    /** This machine's release as kemu names versions: {@code 6.18.44} of {@code 6.18.44-generic}. */
    static String release() throws IOException {
        String r = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        int i = 0;
        while (i < r.length() && (Character.isDigit(r.charAt(i)) || r.charAt(i) == '.')) {
            i++;
        }
        String v = r.substring(0, i);
        return v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
    }

    /** The type of the filesystem mounted at the longest mount point above {@code dir} ({@code proc_pid_mountinfo}). */
    static String fsType(Path dir) throws IOException {
        String best = "";
        String type = "unknown";
        String d = dir.toRealPath().toString();
        try (InputStream in = Files.newInputStream(Path.of("/proc/self/mountinfo"));
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(" ");
                int dash = line.indexOf(" - ");
                if (f.length < 5 || dash < 0) {
                    continue;
                }
                String mp = unescape(f[4]);
                String fs = line.substring(dash + 3).split(" ")[0];
                boolean under = d.equals(mp) || mp.equals("/") || d.startsWith(mp + "/");
                if (under && mp.length() >= best.length()) {
                    best = mp;
                    type = fs;
                }
            }
        }
        return type;
    }

    /** Mount points in mountinfo escape space, tab, newline and backslash in octal ({@code fs/proc_namespace.c}). */
    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() + 0 && i + 3 <= s.length() - 1 + 1) {
                try {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                    i += 3;
                    continue;
                } catch (NumberFormatException e) {
                    // not an escape
                }
            }
            b.append(c);
        }
        return b.toString();
    }
}
