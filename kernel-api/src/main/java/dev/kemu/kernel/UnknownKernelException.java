package dev.kemu.kernel;

import java.util.List;

/** A version string no plugin covers; the message lists what is available. */
public final class UnknownKernelException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> available;

    public UnknownKernelException(String requested, List<String> available) {
        super("unknown kernel version '" + requested + "'; available: " + String.join(", ", available));
        this.available = List.copyOf(available);
    }

    public List<String> available() {
        return available;
    }
}
