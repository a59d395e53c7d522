package dev.kemu.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A divergence of the model known and documented, so that a replay that fails there is XFAIL, counted apart, and one
 * that passes is XPASS, a failure (as in pytest): the documentation is then stale. Two sources: a log's own
 * {@code # divergence: ... differs at line N: ...} header (what {@code kemu fuzz} writes), which holds for a failure
 * at line N only; and an {@code expected-failures.tsv} beside the log (program, tab, reason), which holds for any
 * failure of {@code PROGRAM.strace}.
 *
 * @param line the line the replay must stop at, or 0 for any line
 * @param why what the documentation says
 */
record KnownDivergence(int line, String why) {
    private static final Pattern AT_LINE = Pattern.compile("differs at line (\\d+): ");
    private static final Map<Path, Map<String, String>> LISTS = new HashMap<>();

    /** Whether a replay that stopped at {@code lineNo} is this divergence. */
    boolean covers(int lineNo) {
        return line == 0 || line == lineNo;
    }

    /** The divergence known for a log, if any (none for standard input or an {@code -ff} set). */
    static Optional<KnownDivergence> of(LogArg log) {
        if (log.isSet() || log.files().get(0).equals(Stdin.ARG)) {
            return Optional.empty();
        }
        Path file = Path.of(log.files().get(0));
        String header = headerDivergence(file);
        if (header != null) {
            Matcher m = AT_LINE.matcher(header);
            return Optional.of(new KnownDivergence(m.find() ? Integer.parseInt(m.group(1)) : 0, header));
        }
        String name = file.getFileName().toString();
        if (!name.endsWith(".strace")) {
            return Optional.empty();
        }
        String reason = listed(file.toAbsolutePath().getParent()).get(name.substring(0, name.length() - ".strace".length()));
        return Optional.ofNullable(reason).map(r -> new KnownDivergence(0, r));
    }

    /** The text of the {@code # divergence:} header among the log's leading comments, or null. */
    private static String headerDivergence(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            for (String l = r.readLine(); l != null && l.startsWith("#"); l = r.readLine()) {
                if (l.startsWith("# divergence:")) {
                    return l.substring("# divergence:".length()).trim();
                }
            }
        } catch (IOException e) {
            // an unreadable log is reported when it is replayed
        }
        return null;
    }

    private static synchronized Map<String, String> listed(Path dir) {
        return LISTS.computeIfAbsent(dir, d -> {
            Map<String, String> m = new HashMap<>();
            Path tsv = d == null ? null : d.resolve("expected-failures.tsv");
            if (tsv == null || !Files.isRegularFile(tsv)) {
                return m;
            }
            try {
                for (String l : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
                    int tab = l.indexOf('\t');
                    if (!l.startsWith("#") && tab > 0) {
                        m.put(l.substring(0, tab).trim(), l.substring(tab + 1).trim());
                    }
                }
            } catch (IOException e) {
                // no list: nothing known
            }
            return m;
        });
    }
}
