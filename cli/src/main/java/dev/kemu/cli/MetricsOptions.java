package dev.kemu.cli;

import dev.kemu.vfs.KernelStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --metrics} and {@code --metrics-out FILE}: the emulated kernels' counters
 * ({@link KernelStats}) published through Micrometer, printed as a summary or written in the
 * Prometheus text format.
 */
final class MetricsOptions {
    @Option(names = "--metrics", description = "print a summary of what the kernel did (splices by path, bytes by reference and copied, ...)")
    boolean metrics;

    @Option(names = "--metrics-out", paramLabel = "FILE", description = "write the metrics in the Prometheus text format to FILE (default: none)")
    String metricsOut;

    boolean wanted() {
        return metrics || metricsOut != null;
    }

    /** Starts counting if metrics were asked for. */
    void start() {
        if (metricsOut != null) {
            Path p = Path.of(metricsOut);
            if (Files.isDirectory(p)) {
                throw new InputException("--metrics-out: " + metricsOut + " is a directory, expected a file name");
            }
            Path parent = p.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new InputException("--metrics-out: the directory " + parent + " does not exist");
            }
        }
        if (wanted()) {
            KernelStats.start();
        }
    }

    /** Stops counting and reports: a summary on {@code out}, the Prometheus text in the file. */
    void finish(PrintWriter out) {
        Map<String, Object> m = stop();
        if (m == null) {
            return;
        }
        out.println();
        out.println("metrics:");
        for (KernelStats.Counter c : KernelStats.Counter.values()) {
            if (c != KernelStats.Counter.PAGE_CACHE_PAGES_DROPPED) {
                out.printf("  %-52s %,d%n", c.description(), KernelStats.get(c));
            }
        }
        out.printf("  %-52s %,d%n", "page-cache pages alive at the end", KernelStats.pageCachePages());
        out.flush();
    }

    /**
     * Stops counting and writes the Prometheus text to the file, if asked.
     *
     * @return with {@code --metrics}, the counters by name ({@code splice_calls_by_reference: 12}) for the JSON output;
     *     otherwise null
     */
    Map<String, Object> stop() {
        if (!wanted()) {
            return null;
        }
        KernelStats.stop();
        if (metricsOut != null) {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            for (KernelStats.Counter c : KernelStats.Counter.values()) {
                if (c == KernelStats.Counter.PAGE_CACHE_PAGES_DROPPED) {
                    continue;
                }
                FunctionCounter.builder("kemu." + c.name().toLowerCase(Locale.ROOT), c, KernelStats::get)
                        .description(c.description()).register(registry);
            }
            Gauge.builder("kemu.page_cache_pages_alive", KernelStats::pageCachePages)
                    .description("page-cache pages alive at the end").register(registry);
            try {
                Files.writeString(Path.of(metricsOut), registry.scrape(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InputException("--metrics-out: cannot write " + metricsOut + ": " + e.getMessage());
            }
        }
        if (!metrics) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (KernelStats.Counter c : KernelStats.Counter.values()) {
            if (c != KernelStats.Counter.PAGE_CACHE_PAGES_DROPPED) {
                m.put(c.name().toLowerCase(Locale.ROOT), KernelStats.get(c));
            }
        }
        m.put("page_cache_pages_alive", KernelStats.pageCachePages());
        return m;
    }
}
