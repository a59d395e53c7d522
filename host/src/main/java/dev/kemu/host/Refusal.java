package dev.kemu.host;

/**
 * A call the host machine did not make because it would have written outside its directory (or
 * sent signals to the machine's own processes); the call returned {@code -EACCES} instead.
 *
 * @param call the system call, e.g. {@code openat}
 * @param path the path or argument it was refused for
 * @param reason why, for the user
 */
public record Refusal(String call, String path, String reason) {
}
