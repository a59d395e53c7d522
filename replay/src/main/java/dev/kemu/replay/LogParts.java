package dev.kemu.replay;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A log as its parts: its name, its headers, a full pass, a pass filtered by raw text where the source can skip
 * lines unparsed (null: the full pass), and whether calls end unseen.
 */
record LogParts(String name, Function<String, Optional<String>> headers, Supplier<LogSource.Pass> all,
        Function<Predicate<String>, LogSource.Pass> filtered, boolean callsEndUnseen) implements LogSource {
    @Override
    public Optional<String> header(String key) {
        return headers.apply(key);
    }

    @Override
    public LogSource.Pass open() {
        return all.get();
    }

    @Override
    public LogSource.Pass open(Predicate<String> wanted) {
        return filtered == null ? all.get() : filtered.apply(wanted);
    }
}
