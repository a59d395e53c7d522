package dev.kemu.stress;

/**
 * A batch of serial runs travelling from one worker to the tracker: each run is two longs,
 * {@code stream << 48 | first serial} and {@code count << 1 | kind}. Filled by one thread, then
 * handed over whole through the tracker's queue and never touched by the producer again.
 */
final class RunBatch {
    static final int RUNS = 512;
    /** A run of units read out of the system. */
    static final int READ = 0;
    /** A run of serials that were handed out but never delivered (a short or failed write). */
    static final int VOID = 1;

    final long[] data = new long[RUNS * 2];
    int size;

    boolean full() {
        return size == RUNS;
    }

    void add(int stream, long first, long count, int kind) {
        data[2 * size] = UnitCodec.word0(stream, first);
        data[2 * size + 1] = count << 1 | kind;
        size++;
    }
}
