/**
 * Concurrent splice/tee stress on an emulated kernel, with data that checks itself, a deadlock
 * watchdog and reproducible operation mixes ({@link dev.kemu.stress.StressEngine}).
 *
 * <h2>The workload</h2>
 * N tasks, threads of one process: each is a {@code Task} cloned from one parent with the
 * descriptor table shared, so all of them use the same pipe descriptors. Pipes come in classes
 * ({@code Layout}, from {@code --pipes M}):
 * <ul>
 * <li><b>W</b> (M): take write(2) and vmsplice; give to read(2), vmsplice-to-user, tee, and
 *     splices into S pipes and files;
 * <li><b>S</b> (max(2, M)): take splices from W pipes, from each other (every pair both ways
 *     round: the ABBA pattern) and from files; give to read(2), tee, vmsplice-to-user, files;
 * <li><b>mirrors</b> (M): take tee only; give to read(2);
 * <li><b>lanes</b> (max(1, M/2)): write(2) in, read(2) out, and their ends are closed and
 *     reopened (a new pipe once both are closed): writers meet EPIPE, readers EOF;
 * <li>one <b>scratch file</b> per task on the emulated root: splices from W/S pipes append an
 *     extent on a fresh page, splices into S pipes consume the oldest one.
 * </ul>
 * W, S and mirror pipes alternate between O_NONBLOCK and blocking files (lanes alternate per
 * generation). Every operation draws a blocking variant (10 %: no SPLICE_F_NONBLOCK, read(2) and
 * write(2) even on a blocking file) or a non-blocking one (SPLICE_F_NONBLOCK; on a blocking file,
 * vmsplice-to-user instead of read(2), the neighbouring O_NONBLOCK W pipe instead of write(2),
 * vmsplice into a lane instead of write(2)). Task 0, the <em>pump</em>, always runs the
 * non-blocking variant. Since it performs every kind of operation on every pipe, every sleeping
 * task always has someone who will eventually wake it.
 *
 * <p>Routing avoids two real bugs of old kernels that the mix is not about: partial pipe-to-pipe
 * moves only land in pipes that never see write(2) (3.10's merge into a shared page, research
 * §10.2), and a file extent never shares a page with an earlier one (3.10's pipe_to_file
 * same-page skip, §10.3). With either rule dropped, 3.10 would report lost and torn data, and
 * rightly so.
 *
 * <h2>The data</h2>
 * Every byte belongs to a 16-byte unit ({@code UnitCodec}): stream (the writing task), serial
 * number, record length, index in the record, flags, and a check over all of it. A record is 1
 * to 256 units with consecutive serials (at most PIPE_BUF bytes). Lengths and buffer offsets
 * are multiples of 16, so no correct kernel splits a unit; partial splices may split records,
 * and the checker does not reassemble them: it accounts for units. Checks:
 * <ul>
 * <li><b>exactly once</b> (W, S, files): every unit read out is reported, as a run of serials,
 *     to the tracker, which keeps one sliding bitmap per stream ({@code SerialWindow}). At the
 *     end every serial a writer handed out must have been read once (or voided by the writer
 *     after a short write): a missing one is lost, a second sighting is duplicated. A write that
 *     delivered nothing takes its serials back ({@code RecordSource.rewind});
 * <li><b>tee</b>: copies go to mirrors only. Mirror readers check each unit and count bytes;
 *     the bytes read from mirrors must equal the sum of tee's results, exactly;
 * <li><b>lanes</b>: bytes written = bytes read + bytes still queued when the read end closed
 *     (measured right after the close, when no write can succeed and no read can happen);
 * <li><b>torn records</b>: in W pipes and lanes (no partial moves ever land there), within one
 *     read, an atomic record (one write of at most PIPE_BUF, or one vmsplice slot) must not end
 *     before its last unit or begin after its first, except at the chunk's edges, where the read
 *     length or an earlier consumer cut it. Every unit anywhere must decode (else corrupt);
 * <li><b>order</b>: in W pipes and lanes a task sees each stream's serials strictly increasing
 *     (one writer per stream, FIFO, consumers take prefixes only). Elsewhere records may have
 *     travelled different paths and the order is not checked.
 * </ul>
 *
 * <h2>Expected and unexpected results</h2>
 * EAGAIN from non-blocking calls, ERESTARTSYS once the engine signals, EPIPE from lane writes,
 * EOF from lane reads, EBUSY from F_SETPIPE_SZ, 0 from tee (the input emptied or the output filled
 * between its waits and the linking) are expected; anything else, any short atomic write, and
 * any exception out of a syscall are unexpected ({@code TaskContext}).
 *
 * <h2>The watchdog rule</h2>
 * See {@code StallRules}: a lock cycle; a task asleep while its wait condition holds for the
 * stall time (a lost wake-up); every live task asleep on conditions that do not hold while the
 * pump lives (the pump never blocks, so this is a model bug); no operation completed for twice
 * the stall time. Not deadlocks: sleepers whose condition is false while someone who can change
 * it runs, and, once the pump has finished its quota or the time is up, sleepers nobody is left
 * to wake: the engine ends those sleeps with SIGTERM (ERESTARTSYS). A task that does not return
 * within the exit bound after the signal is reported.
 *
 * <h2>Threads</h2>
 * <ul>
 * <li>N workers ({@code kemu-stress-i}), daemon threads, one per task;
 * <li>the tracker ({@code kemu-stress-tracker}): consumes run batches;
 * <li>the watchdog ({@code kemu-stress-watchdog}): samples every 100 ms, reports progress;
 * <li>the engine's calling thread: sets up, supervises (deadline, quota, signals), drains and
 *     accounts.
 * </ul>
 * After a deadlock the deadlocked workers are abandoned: a thread parked in
 * {@code ReentrantLock.lock()} ignores interrupts, and they hold pipe mutexes, so the engine
 * reports without draining and never touches a pipe again. They are daemon threads and do not
 * keep the JVM alive.
 *
 * <h2>Locks</h2>
 * The stress code takes no lock of its own around kernel calls. Pipe mutexes belong to the
 * kernel model; the watchdog only ever {@code tryLock}s one (to read a sleeper's wait
 * condition) and the engine locks none after a deadlock. {@code RunControl}'s monitor guards
 * the first deadlock report and the engine's waits. Lane ends are guarded by use counts
 * ({@code Lane}), not locks, so a task never sleeps on them.
 *
 * <h2>Memory ordering of every cross-thread handoff</h2>
 * <ul>
 * <li>worker → tracker, run batches: a multi-producer single-consumer queue (JCTools
 *     {@code MpscArrayQueue}; {@code -Dkemu.stress.queue=jdk} swaps in
 *     {@code ConcurrentLinkedQueue}). Producers are the workers and the drain, each filling a
 *     batch alone and never touching it after {@code offer}; the consumer is the tracker
 *     thread. The offer is a release (ordered store of the element), the poll an acquire
 *     (volatile load of it), so the batch's contents happen-before their use. Measured at 8
 *     tasks, 20 s, two runs each on a busy 2-core machine: 640–680 k operations per CPU second
 *     with JCTools, 575–605 k with {@code ConcurrentLinkedQueue}. With one offer per 512 runs
 *     the queue is no hot spot either way; JCTools is kept;
 * <li>worker → engine, counters: plain fields, read after {@code Thread.join} (or, after a
 *     deadlock, only for workers whose volatile {@code finished} flag, written last, is set);
 * <li>worker → watchdog, progress: {@code TaskStats.opsDone}, release store by the owner,
 *     acquire load by the reader;
 * <li>worker → watchdog, sleep census: volatile {@code episode} then volatile {@code what},
 *     written by the sleeping task; the reader takes episode, what, episode and trusts a sample
 *     whose two episodes agree;
 * <li>engine → workers, phase: volatile {@code stop}, {@code ending}, {@code signalsSent}, only
 *     ever set; {@code signalsSent} is set before the first signal, so a worker that got
 *     ERESTARTSYS sees it;
 * <li>worker ↔ worker, lanes: use counts (CAS) and a volatile generation, published
 *     generation-first (see {@code Lane});
 * <li>watchdog/supervisor → engine, findings: {@code RunControl}'s monitor.
 * </ul>
 */
package dev.kemu.stress;
