/**
 * The {@code kemu} command line: one package-private class per subcommand, built by a picocli
 * factory that fills {@code @Inject} constructors with the kernel registry; exit codes mapped in {@code ExitCodes}; bad input is an
 * {@code InputException} whose message names the file and line or the option.
 */
package dev.kemu.cli;
