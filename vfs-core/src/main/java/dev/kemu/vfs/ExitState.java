package dev.kemu.vfs;

/** Where a task is in its life ({@code task_struct->exit_state}). */
public enum ExitState {
    /** Running (or asleep in a syscall). */
    RUNNING,
    /** {@code do_exit} has started: descriptors and memory are being released. */
    EXITING,
    /** {@code EXIT_ZOMBIE}: exited, its status kept until the parent reaps it. */
    ZOMBIE,
    /** {@code EXIT_DEAD}: reaped (or never to be waited for: a thread, a child of init); its id is free. */
    DEAD
}
