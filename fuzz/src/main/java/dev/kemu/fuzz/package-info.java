/**
 * Differential fuzzing ({@code kemu fuzz}): random scenarios of the modelled calls run on the
 * host kernel and on the emulated kernel of the same version; every difference in a return
 * value, an errno, the data returned or a signal raised is shrunk to a minimal scenario and
 * written as an strace regression trace with the host's results as the record.
 * {@link dev.kemu.fuzz.Fuzzer} is the entry point.
 *
 * <h2>Threads and locks</h2>
 * A campaign runs on the calling thread and has no shared state: each scenario gets its own
 * host machine (its own temporary directory, removed after the scenario) and its own emulated
 * machine. The host machine's watchdog threads are its own business ({@code dev.kemu.host}).
 *
 * <h2>Determinism</h2>
 * Scenario {@code n} of seed {@code s} comes from a {@link java.util.SplittableRandom} seeded
 * with {@code s} and {@code n} only, so a campaign's scenarios do not depend on timing or on
 * what earlier scenarios returned; descriptors are symbolic ({@code Val.Fd}) and resolved
 * against the results of the run at hand.
 *
 * <h2>What is compared, and what is not</h2>
 * Return values, errnos, every byte a read returns, the descriptors a pipe returns, the signals
 * raised, and {@code st_mode}, {@code st_nlink} and {@code st_size}. Not {@code st_blocks}: on
 * ext4 it counts delayed-allocation reservations sized by the folio the page cache could
 * allocate, which depends on the state of the host's memory (see {@code Lines}). For the same
 * reason, the bytes a pipe still references on pages wholly past a truncation point depend on
 * the folio size the host used: with a large folio the kernel zeroes them with the end-of-file
 * page ({@code mm/truncate.c:truncate_inode_partial_folio()}), with small ones it does not.
 * The generator keeps away from what cannot be compared safely: it never writes far into a file
 * (no sparse files of terabytes for a huge copy to move), never lets a call sleep, and keeps
 * every path inside the scenario's directory.
 */
package dev.kemu.fuzz;
