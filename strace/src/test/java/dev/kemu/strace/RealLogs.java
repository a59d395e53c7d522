package dev.kemu.strace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The logs strace 6.1 wrote on Linux 6.18, in {@code real/} on the test class path (see {@code real/record.sh}). */
final class RealLogs {

    private RealLogs() {
    }

    static Path dir() {
        URL url = RealLogs.class.getClassLoader().getResource("real/record.sh");
        if (url == null) {
            throw new IllegalStateException("real/ is not on the test class path");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> all() {
        try (Stream<Path> s = Files.list(dir())) {
            return s.filter(p -> p.getFileName().toString().contains(".strace")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code -ff} files, {@code bash-pipe-ff.strace.PID}. */
    static List<Path> ff() {
        return all().stream().filter(p -> p.getFileName().toString().startsWith("bash-pipe-ff.strace."))
                .collect(Collectors.toList());
    }

    static Path path(String name) {
        return dir().resolve(name);
    }

    static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<TraceLine> parse(String name) {
        return TraceParser.parse(path(name)).lines();
    }
}
