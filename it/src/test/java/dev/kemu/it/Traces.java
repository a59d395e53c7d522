package dev.kemu.it;

import dev.kemu.strace.Trace;
import dev.kemu.strace.TraceParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The project's copies of the recorded and derived traces, from the test class path. */
final class Traces {
    private Traces() {
    }

    static Path dir(String name) {
        try {
            return Path.of(Traces.class.getResource("/traces/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code .strace} files of a directory (also compressed, {@code .strace.gz}), sorted. */
    static List<Path> files(String name) {
        try (Stream<Path> s = Files.list(dir(name))) {
            return s.filter(p -> p.toString().endsWith(".strace") || p.toString().endsWith(".strace.gz")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Trace parse(Path p) {
        return TraceParser.parse(p);
    }
}
