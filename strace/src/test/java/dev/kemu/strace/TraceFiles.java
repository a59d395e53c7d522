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

/** Finds the recorded traces on the test class path (directory {@code traces/}). */
final class TraceFiles {

    private TraceFiles() {
    }

    static Path root() {
        URL url = TraceFiles.class.getClassLoader().getResource("traces");
        if (url == null) {
            throw new IllegalStateException("traces/ is not on the test class path");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> all() {
        try (Stream<Path> s = Files.walk(root())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".strace")).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String text(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
