package dev.kemu.replay;

import dev.kemu.strace.SyscallLine;

/**
 * A call run on the emulated kernel.
 *
 * @param ret the kernel's return value (a result or a negated errno)
 * @param actual the line re-emitted with the emulated results
 * @param dataDifference a difference in the data returned (bytes read, stat fields, fds), or null
 */
record Executed(long ret, SyscallLine actual, String dataDifference) {
}
