package dev.kemu.replay;

/**
 * A recorded call the replayer cannot run as written: an argument it does not understand (an
 * unknown flag name, a structure where a number belongs). The trace is then reported
 * UNSUPPORTED with this message; it is never a crash.
 */
final class ReplayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReplayException(String message) {
        super(message, null, false, false);
    }
}
