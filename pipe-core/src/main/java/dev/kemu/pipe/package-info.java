/**
 * Pipes as rings of page-referencing buffer slots, and the splice family: splice, tee,
 * vmsplice, sendfile and copy_file_range ({@code fs/pipe.c}, {@code fs/splice.c},
 * {@code fs/read_write.c}).
 *
 * <h2>The ring</h2>
 * A {@link dev.kemu.pipe.Pipe} is an array of mutable {@link dev.kemu.pipe.PipeBuffer} slots
 * indexed by free-running {@code head} and {@code tail} counters, guarded by the pipe's mutex
 * (a {@code ReentrantLock}), with its two wait queues as conditions of that lock. This is the
 * kernel's own design, and it is what the model needs: a slot is reused in place, so flags can
 * outlive their buffer (Dirty Pipe), a write appends into the last slot's page, and splice
 * moves whole slot structs between rings. A lock-free queue (JCTools' SPSC/MPSC arrays) cannot
 * express those in-place updates (append to the newest slot, trim the oldest, move a slot
 * between two rings atomically, resize) without a lock around it anyway, and every pipe call
 * already takes the pipe mutex as the kernel does; so the ring is a plain array under that
 * mutex. JCTools earns its place where one thread hands work to another without such a lock:
 * the stress checker's run batches go through an {@code MpscArrayQueue}, measured against
 * {@code ConcurrentLinkedQueue} in the {@code stress} module's package notes.
 *
 * <h2>Lock order</h2>
 * <pre>
 * pipe A mutex, pipe B mutex      two pipes: always lower Pipe.id() first (PipeLocks.lockTwo);
 *                                 same pipe is EINVAL before any lock is taken
 *   Inode.lock() of a file        splice into a file (write_iter / pipe_to_file) under the pipe mutex
 *     Page monitor                read_folio while filling the pipe from the page cache
 * the private pipe of a task      (sendfile, copy_file_range) is never shared; its mutex is taken
 *                                 alone around each fill and drain
 * </pre>
 * ipipe_prep and opipe_prep take one pipe at a time and release it before the double lock, as
 * the kernel does; a sleeping task releases the pipe mutex inside {@code Condition.await}.
 *
 * <h2>Memory ordering</h2>
 * All ring state ({@code head}, {@code tail}, {@code max_usage}, readers, writers, every slot
 * field) is read and written only with the pipe mutex held, so the lock's happens-before edges
 * order it; no field needs to be volatile. Page contents written by {@code write()} into a
 * fresh anonymous page happen-before the slot is published by {@code head++} under the mutex,
 * and a reader takes the same mutex before copying out. Page-cache pages referenced by slots
 * are changed by file writes under the inode lock only; a pipe reader copying such a page may
 * see a concurrent file write partly, exactly as in the kernel (the reference is what the
 * model guarantees, not a snapshot).
 */
package dev.kemu.pipe;
