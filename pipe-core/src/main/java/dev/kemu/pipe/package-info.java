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
 * moves whole slot structs between rings. A queue of immutable elements (JCTools' SPSC/MPSC
 * arrays as they stand) cannot express those in-place updates (append to the newest slot, trim
 * the oldest, move a slot between two rings atomically, resize). A machine chooses between two
 * rings ({@link dev.kemu.pipe.PipeRingKind}, {@code --pipe-ring}):
 * <ul>
 * <li>{@code mutex}: every call under the pipe mutex, as {@code fs/pipe.c} does.
 * <li>{@code lockfree}: {@code read()} and {@code write()} run without the mutex while nobody
 * holds it ({@link dev.kemu.pipe.PipeFastPath}, {@link dev.kemu.pipe.SpscRing}), at most one
 * writing and one reading task at a time, with JCTools-style ordered publication of head and
 * tail; everything else (splice, tee, vmsplice, F_SETPIPE_SZ, close, poll, FIONREAD, packet-mode
 * writes, a second writer or reader arriving meanwhile, and any read or write the path cannot
 * finish without sleeping or waking someone) takes the mutex, which shuts the path first.
 * </ul>
 * JCTools itself serves where one thread hands work to another without such a lock: the stress
 * checker's run batches go through an {@code MpscArrayQueue}, measured against
 * {@code ConcurrentLinkedQueue} in the {@code stress} module's package notes.
 *
 * <h2>The lock-free ring: design</h2>
 * <ul>
 * <li><b>Mode word.</b> {@code SpscRing.gate} counts the mutex holders (a task asleep in a wait
 * holds its count too) and carries a sticky POLLED bit. The lock-free pipe's mutex is a
 * {@link dev.kemu.pipe.GatedMutex}: its first acquisition by a thread raises the gate and then
 * waits for the producer and consumer flags to drop (a bounded wait: the path never sleeps and
 * gives up its short spins when it sees the gate); its last release lowers it. Every operation
 * that takes the mutex, by whatever route ({@code pipe_lock}, {@code pipe_double_lock} through
 * {@link dev.kemu.pipe.PipeLocks}, the snapshots), thus has the ring to itself. Two-pipe
 * operations keep their ordered double locking; the gate adds no lock to the order below (the
 * drain waits only for code that holds no lock and takes none).
 * <li><b>Entering.</b> A writer CASes the producer flag 0&rarr;1 and then reads the gate; a
 * mutex holder adds to the gate and then reads the flags. All four accesses are volatile, so in
 * the synchronization order one of the two sees the other (Dekker): either the writer sees the
 * gate raised and leaves before touching anything, or the holder waits until the writer's
 * release store of the flag, after which everything the writer did happens-before the holder's
 * critical section. Symmetrically, a writer entering after a holder lowered the gate (a volatile
 * write after its last change) sees all of the holder's changes. The CAS also keeps a second
 * writer off the path: it takes the mutex instead. The reader has the same with its own flag.
 * <li><b>Indices.</b> {@code head} is written on the path only by the producer, with a release
 * store after the slots' fields and the page bytes; {@code tail} only by the consumer, with a
 * release store after it emptied the slots. Each loads the other's index with an acquire load,
 * and keeps a cached copy on its own cache line, loading afresh only when the cache says full or
 * empty (JCTools' {@code SpscArrayQueue}: producer and consumer fields padded apart). A mutex
 * holder marks both caches stale (F_SETPIPE_SZ renumbers the indices).
 * <li><b>The newest slot.</b> A write whose {@code len % PAGE_SIZE} bytes may merge and a read
 * that reaches the newest slot both take {@code SpscRing}'s claim (a CAS spin word held for a
 * bounded copy): the writer from its merge decision (which reads the tail under the claim)
 * until it has published {@code head}; the reader from before it reads that slot until it has
 * published {@code tail}. An append and a consumption of one slot therefore never overlap, and
 * a merge never lands in a slot the reader has already emptied.
 * </ul>
 *
 * <h2>The lock-free ring: why it is equivalent (proof sketch)</h2>
 * Claim: every history of a lock-free pipe is a history of the mutex pipe, i.e. each call has a
 * point inside its duration where it takes effect atomically with the result the mutex code
 * gives from that state.
 * <ol>
 * <li>Calls under the mutex exclude the path entirely (gate, above), and among themselves are
 * the mutex code; their linearization point is any instant of their critical section.
 * <li>A path write is all or nothing: it reserves every fresh slot it needs against the tail
 * before copying (falling back, with nothing changed, when they do not fit, when there is no
 * reader, or in packet mode) and makes them visible with one release store of {@code head};
 * room only grows while it copies, since only the consumer moves the tail. Its merge happens
 * under the claim, which it still holds at the store. Its linearization point is that store:
 * before it no reader can see any of its bytes (fresh slots are beyond {@code head}, merged
 * bytes beyond the slot's {@code len}, which a reader reads only under the claim), after it all.
 * The mutex code, not sleeping, gives the same result: it merges by the same rule, on the same
 * newest slot, into the same page, and writes whole the same slots.
 * <li>A path read that is satisfied (it copies as many bytes as asked) takes the oldest bytes;
 * appends do not change them, so it linearizes at its release store of {@code tail}. A short
 * read stops only after it loaded {@code head} afresh and found nothing more; it holds the claim
 * from before it read the newest slot, so no merge can have grown that slot since, and it
 * linearizes at that last load, where the pipe held exactly what it took. Between that load and
 * the tail store a writer sees less room than there is, and a writer that does not find room
 * falls back to the mutex, whose gate drains the reader first: no write decides anything from
 * the stale tail that it would decide differently from the fresh one.
 * <li>No wake-up is lost: the path never sleeps and never has to wake anyone, because a task
 * sleeping on a pipe wait queue holds a gate count (it went to sleep holding the mutex), so
 * while anybody sleeps every call takes the mutex and wakes as {@code fs/pipe.c} does; and a
 * polled pipe keeps its gate raised for good, so poll wake-ups come from mutex holders too.
 * <li>What the mutex code promises holds on the path: PIPE_BUF atomicity (a write of at most a
 * page merges whole or takes one slot whole, by 2), the merge rule of the version (the same
 * {@code canMerge}), stale CAN_MERGE flags (a path write fills a slot with {@code set}, as the
 * mutex code does, and never touches other slots' flags; splice and the ITER_PIPE helpers run
 * under the mutex), FIONREAD (under the mutex), EPIPE, SIGPIPE, EAGAIN and sleeping (mutex).
 * </ol>
 * Lincheck checks it: the operations of {@code it}'s {@code PipeLinearizabilityTest} (merging
 * and fresh writes, reads, splice and tee between two pipes, F_SETPIPE_SZ) and close against
 * reads, on the lock-free ring, by stress runs and by the model checker, against the sequential
 * specification the mutex ring is checked against; and a kernel whose writes publish
 * {@code head} before filling the slots ({@code PipeBehaviour.faultPublishHeadBeforeFill}) is
 * caught by the model checker.
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
 * On the mutex ring, all ring state ({@code head}, {@code tail}, {@code max_usage}, readers,
 * writers, every slot field) is read and written only with the pipe mutex held, so the lock's
 * happens-before edges order it; no field needs to be volatile. On the lock-free ring the same
 * holds for mutex holders, and the path's accesses are ordered by the edges listed above (gate
 * and flags: volatile; {@code head}, {@code tail}: release stores and acquire loads; the claim:
 * CAS acquire, release store). Page contents written by {@code write()} into a
 * fresh anonymous page happen-before the slot is published by {@code head++} under the mutex,
 * and a reader takes the same mutex before copying out. Page-cache pages referenced by slots
 * are changed by file writes under the inode lock only; a pipe reader copying such a page may
 * see a concurrent file write partly, exactly as in the kernel (the reference is what the
 * model guarantees, not a snapshot).
 */
package dev.kemu.pipe;
