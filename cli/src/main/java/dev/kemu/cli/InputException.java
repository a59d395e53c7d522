package dev.kemu.cli;

/**
 * Bad input to the tool itself: an unreadable or malformed trace, an unknown kernel version, a
 * bad option value. The message names the file and line (or the option) and what was expected;
 * the command exits with {@link ExitCodes#BAD_INPUT}.
 */
final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InputException(String message) {
        super(message, null, false, false);
    }
}
