/**
 * The {@code kemu} command line: one package-private class per subcommand, built through a
 * Guice-backed picocli factory; exit codes mapped in {@code ExitCodes}; bad input is an
 * {@code InputException} whose message names the file and line or the option.
 */
package dev.kemu.cli;
