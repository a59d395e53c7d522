package dev.kemu.fs.ext4;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A transaction ({@code include/linux/jbd2.h:transaction_t}) reduced to what the log needs: its id
 * ({@code t_tid}), the newest copy of every metadata block changed in it ({@code t_buffers}, one
 * copy per home block as jbd2 keeps one journal head per buffer), and the blocks it revokes
 * ({@code j_revoke} records tagged with {@code t_tid}).
 *
 * <p>Locking: guarded by the {@link Jbd2Journal} monitor while running; once committing it is
 * only read, by the committing thread and by device reads under that monitor.
 */
final class Jbd2Transaction {
    final int tid;
    /** Home block to its newest contents, in the order the blocks were first changed. */
    final Map<Long, byte[]> blocks = new LinkedHashMap<>();
    /** Home blocks freed from the journal's view: older log copies must not be replayed. */
    final Set<Long> revokes = new LinkedHashSet<>();
    final long startNanos = System.nanoTime();

    Jbd2Transaction(int tid) {
        this.tid = tid;
    }

    boolean isEmpty() {
        return blocks.isEmpty() && revokes.isEmpty();
    }

    @Override
    public String toString() {
        return "transaction(" + Integer.toUnsignedString(tid) + ", " + blocks.size() + " blocks, " + revokes.size()
                + " revoked)";
    }
}
