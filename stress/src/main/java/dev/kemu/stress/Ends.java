package dev.kemu.stress;

import dev.kemu.pipe.Pipe;

/**
 * The two descriptors of one pipe in the tasks' shared descriptor table, whether its files are
 * O_NONBLOCK, and the pipe itself (for the watchdog, which inspects wait conditions).
 */
record Ends(int rfd, int wfd, boolean nonblock, Pipe pipe) {
}
