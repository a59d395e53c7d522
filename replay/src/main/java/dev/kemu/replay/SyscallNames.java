package dev.kemu.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The names of the x86-64 system calls, so that a trace naming a real call kemu does not model
 * is UNSUPPORTED, while a name no Linux has is bad input.
 */
public final class SyscallNames {
    private static final Set<String> NAMES = load();

    private SyscallNames() {
    }

    private static Set<String> load() {
        try (InputStream in = SyscallNames.class.getResourceAsStream("syscalls-x86_64.txt")) {
            if (in == null) {
                throw new IllegalStateException("syscalls-x86_64.txt is missing from the class path");
            }
            Set<String> names = new HashSet<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.trim());
                }
            }
            return Set.copyOf(names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True for a name of the x86-64 syscall table (e.g. {@code mmap}), false for anything else. */
    public static boolean isLinuxSyscall(String name) {
        return NAMES.contains(name);
    }

    /** True when the replayer can run the call. */
    public static boolean isModelled(String name) {
        return CallExecutor.SUPPORTED.contains(name);
    }
}
