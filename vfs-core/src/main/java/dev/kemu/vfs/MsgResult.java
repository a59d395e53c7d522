package dev.kemu.vfs;

/**
 * What {@code recvmsg} returns: the byte count (or a negated errno) and the {@code msg_flags} the
 * kernel writes back into the {@code msghdr} (MSG_TRUNC for a datagram cut to the buffer).
 *
 * @param ret bytes received or a negated errno
 * @param msgFlags the returned {@code msg_flags}; 0 on error
 */
public record MsgResult(long ret, int msgFlags) {
}
