package dev.kemu.vfs;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of what the emulated kernels did, for {@code --metrics}: splice calls by path, bytes
 * moved by reference and bytes copied, copies skipped by 3.10's {@code pipe_to_file}, page-cache
 * pages, pipe lock waits and their time.
 *
 * <p>Process-wide and off by default: while off, every hook costs one volatile read. Counters
 * are {@link LongAdder}s, so concurrent tasks add without contention; a snapshot read while
 * tasks run is not atomic across counters (each counter is exact once the tasks stop).
 */
public final class KernelStats {
    /** What is counted. */
    public enum Counter {
        SPLICE_PIPE_TO_PIPE("splice calls, pipe to pipe"),
        SPLICE_FILE_TO_PIPE("splice calls, file to pipe"),
        SPLICE_PIPE_TO_FILE("splice calls, pipe to file"),
        TEE("tee calls"),
        VMSPLICE("vmsplice calls"),
        SENDFILE("sendfile calls"),
        COPY_FILE_RANGE("copy_file_range calls"),
        BYTES_BY_REFERENCE("bytes moved by page reference"),
        BYTES_COPIED("bytes copied between pages"),
        MEMCPY_SKIPPED("copies skipped by pipe_to_file (buf->page == page)"),
        PAGE_CACHE_PAGES("page-cache pages created"),
        PAGE_CACHE_PAGES_DROPPED("page-cache pages dropped"),
        LOCK_WAITS("pipe lock acquisitions that had to wait"),
        LOCK_WAIT_NANOS("nanoseconds spent waiting for pipe locks");

        private final String description;

        Counter(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private static volatile boolean enabled;
    private static final Map<Counter, LongAdder> COUNTERS = new EnumMap<>(Counter.class);

    static {
        for (Counter c : Counter.values()) {
            COUNTERS.put(c, new LongAdder());
        }
    }

    private KernelStats() {
    }

    /** Turns counting on and clears the counters. */
    public static void start() {
        COUNTERS.values().forEach(LongAdder::reset);
        enabled = true;
    }

    /** Turns counting off (the counters keep their values). */
    public static void stop() {
        enabled = false;
    }

    public static boolean enabled() {
        return enabled;
    }

    /** Adds {@code n} to a counter when counting is on. */
    public static void add(Counter c, long n) {
        if (enabled) {
            COUNTERS.get(c).add(n);
        }
    }

    /** The current value of a counter. */
    public static long get(Counter c) {
        return COUNTERS.get(c).sum();
    }

    /** Page-cache pages alive now (created minus dropped since {@link #start()}). */
    public static long pageCachePages() {
        return get(Counter.PAGE_CACHE_PAGES) - get(Counter.PAGE_CACHE_PAGES_DROPPED);
    }
}
