package dev.kemu.it.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The project's trace directories on the test class path ({@code traces/fuzz}, {@code traces/linux-6.18}). */
final class FuzzTraces {
    private FuzzTraces() {
    }

    /** The {@code .strace} files of {@code traces/<name>}, sorted; none when the directory is missing. */
    static List<Path> files(String name) {
        URL url = FuzzTraces.class.getResource("/traces/" + name);
        if (url == null) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(Path.of(url.toURI()))) {
            return s.filter(p -> p.toString().endsWith(".strace")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean onLinuxX8664() {
        return System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64");
    }
}
