/**
 * One emulated machine per {@link dev.kemu.kernel.Kernel}: the version, the mounted tree and the
 * system call table, assembled with Guice from the core's defaults and the bindings of the
 * plugin that covers the version ({@link dev.kemu.kernel.Kernels}).
 *
 * <p>Each syscall method marks the calling thread as the task's ({@code Task.enter()}) for the
 * duration of the call; one task may be driven by one thread at a time, several tasks by several
 * threads at once. No lock of this package is held while a syscall runs.
 */
package dev.kemu.kernel;
