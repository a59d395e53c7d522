/**
 * The host backend ({@code --kernel host}): the modelled system calls made for real on the
 * machine's own Linux kernel, through JNA and glibc's {@code syscall(2)}, in a temporary
 * directory of their own. {@link dev.kemu.host.HostSyscalls} is the only entry point.
 *
 * <h2>Threads</h2>
 * A task's calls run on the calling thread, one thread per task at a time; several tasks may
 * run on several threads. The watchdog adds one shared daemon timer thread
 * ({@code kemu-host-watchdog}) that samples sleeping calls, and a short-lived thread
 * ({@code kemu-host-sleep}) per call found asleep, which runs the task's sleep hook and, if a
 * signal is then pending, interrupts the call with {@code tgkill(2)}. A JVM shutdown hook
 * removes the directories of machines still open.
 *
 * <h2>Locks</h2>
 * <pre>
 * Machine monitor          the task table and the refusal list; never held across a system call
 * FdMap monitor            one task's descriptor numbers; never held across a system call
 * UserMemory monitor       the retained (vmsplice'd) mappings; held while copying them in
 * Watchdog.Guard.lock      the sleep of one guarded call (Task.sleepOn's condition)
 * </pre>
 * No two of these are held at once, except that {@code Machine.run} takes the UserMemory
 * monitor while no other is held.
 *
 * <h2>Memory ordering of the native buffers</h2>
 * <ul>
 * <li>A call's buffers are written (user bytes in) by the calling thread before the system call
 * and read (the kernel's stores out) by the same thread after it returns; the kernel's accesses
 * happen inside the call, so program order is the whole story.</li>
 * <li>Retained buffers (pages a pipe may reference after {@code vmsplice}) are rewritten from
 * their {@code UserBuffer} under the UserMemory monitor at the start of every call of the
 * machine, so a store the user made before a call is in the pages when the kernel reads them
 * during that call, on whichever thread it runs; they are unmapped only by {@code close()},
 * after which no call may run.</li>
 * <li>The watchdog's guard state is an {@code AtomicInteger}: the calling thread's
 * IN_CALL→DONE and the waker's IN_CALL→KILLING are the only transitions out of IN_CALL, so
 * exactly one wins; the waker's plain writes (the sleep hook's decision) happen-before its
 * volatile store of KILLED, which the caller reads before it returns.</li>
 * </ul>
 */
package dev.kemu.host;
