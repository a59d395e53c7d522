/**
 * Replaying strace logs on an emulated kernel: one trace is one task, run on the calling
 * thread; a wait the record shows interrupted is interrupted by the signal the record names,
 * any other wait is reported as sleeping forever. No locks of its own.
 */
package dev.kemu.replay;
