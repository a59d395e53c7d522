package dev.kemu.vfs;

/**
 * One {@code struct pollfd} as user space passes it: the descriptor and the events asked for.
 *
 * @param fd the descriptor; a negative one is skipped (revents 0)
 * @param events the requested events ({@code POLLIN}, ... as in {@link PollTable})
 */
public record PollFd(int fd, int events) {
}
