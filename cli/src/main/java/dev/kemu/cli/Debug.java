package dev.kemu.cli;

/** Whether {@code --debug} was given: internal errors then show their stack trace. */
final class Debug {
    static volatile boolean enabled;

    private Debug() {
    }
}
