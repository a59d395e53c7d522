package dev.kemu.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Logs recorded on real kernels, kept as {@code linux-<uname -r>/<name>.strace} (what
 * {@code oracle/record-kernel.sh} writes): the release each was recorded on, from its folder's
 * name, and whether its header leaves it out of the replays ({@code # not replayed: why}).
 */
public final class RealRecordings {
    private static final Pattern FOLDER = Pattern.compile("linux-(\\d+\\.\\d+(?:\\.\\d+)?)(.*)");

    private RealRecordings() {
    }

    /** One log: the release its folder names, {@code folder/file} as its name, and its path. */
    public record Log(String release, String name, Path file) {
        /** The reason of a {@code # not replayed:} header line, or null when the log is replayed. */
        public String notReplayed() {
            return header(file, "not replayed");
        }
    }

    /** The release a folder named {@code linux-6.18.44-fc-v1300} holds ({@code 6.18.44}), or null. */
    public static String release(String folder) {
        Matcher m = FOLDER.matcher(folder);
        return m.matches() ? m.group(1) : null;
    }

    /** Every {@code .strace} and {@code .strace.gz} log in the {@code linux-<release>/} folders under {@code root}, sorted. */
    public static List<Log> under(Path root) {
        List<Log> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                String release = release(dir.getFileName().toString());
                if (release == null) {
                    continue;
                }
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(p -> p.toString().endsWith(".strace") || p.toString().endsWith(".strace.gz")).sorted()
                            .forEach(f -> out.add(new Log(release, dir.getFileName() + "/" + f.getFileName(), f)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The value of a {@code # key:} line among the log's leading comment lines, or null. */
    public static String header(Path file, String key) {
        String prefix = "# " + key + ":";
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String l = r.readLine(); l != null && l.startsWith("#"); l = r.readLine()) {
                if (l.startsWith(prefix)) {
                    return l.substring(prefix.length()).trim();
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
