package dev.kemu.cli;

import picocli.CommandLine;

/**
 * The exit codes, mapped in one place: 0 success, 1 a divergence or a failed invariant, 2 bad
 * usage or unreadable input, 3 an internal error (a bug in kemu; {@code --debug} shows the stack).
 */
final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {
    static final int OK = 0;
    static final int DIVERGENCE = 1;
    static final int BAD_INPUT = 2;
    static final int INTERNAL = 3;

    @Override
    public int getExitCode(Throwable t) {
        return t instanceof InputException ? BAD_INPUT : INTERNAL;
    }
}
