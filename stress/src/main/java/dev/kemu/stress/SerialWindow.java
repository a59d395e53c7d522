package dev.kemu.stress;

/**
 * Which serials of one stream have been accounted for (read out, or voided by their writer): a
 * sliding bitmap. Every serial below {@code base} is accounted for; the ring covers the words
 * from {@code base} up to the highest serial seen, and grows when a serial lies beyond it. Its
 * size is bounded by how far the stream's oldest unaccounted unit lags behind its newest
 * accounted one, that is by the data in flight. Used by the tracker thread only.
 */
final class SerialWindow {
    private long[] words = new long[64];
    private int head;
    private long baseWord;
    private long topWord = -1;
    private long duplicates;

    /** Marks {@code count} serials from {@code first}; a serial marked twice counts as a duplicate. */
    void mark(long first, long count) {
        long end = first + count;
        long s = first;
        while (s < end) {
            long w = s >>> 6;
            int bit = (int) (s & 63);
            int n = (int) Math.min(64 - bit, end - s);
            long mask = (n == 64 ? -1L : (1L << n) - 1) << bit;
            if (w < baseWord) {
                duplicates += n;
            } else {
                ensure(w);
                int i = (int) ((head + (w - baseWord)) & (words.length - 1));
                long old = words[i];
                duplicates += Long.bitCount(old & mask);
                words[i] = old | mask;
                topWord = Math.max(topWord, w);
            }
            s += n;
        }
        while (words[head] == -1L) {
            words[head] = 0;
            head = (head + 1) & (words.length - 1);
            baseWord++;
        }
    }

    private void ensure(long w) {
        long rel = w - baseWord;
        if (rel < words.length) {
            return;
        }
        int size = words.length;
        while (size <= rel) {
            size <<= 1;
        }
        long[] grown = new long[size];
        for (int i = 0; i < words.length; i++) {
            grown[i] = words[(head + i) & (words.length - 1)];
        }
        words = grown;
        head = 0;
    }

    /** Serials marked more than once. */
    long duplicates() {
        return duplicates;
    }

    /** Serials below {@code limit} never marked: lost, when {@code limit} serials were handed out. */
    long missingBelow(long limit) {
        return limit - markedIn(0, limit);
    }

    /** Serials at or above {@code limit} that were marked: units that were never handed out. */
    long markedFrom(long limit) {
        return markedIn(limit, Long.MAX_VALUE);
    }

    private long markedIn(long from, long to) {
        long base = baseWord * 64;
        long n = Math.max(0, Math.min(base, to) - from);
        for (long w = baseWord; w <= topWord; w++) {
            long bits = words[(int) ((head + (w - baseWord)) & (words.length - 1))];
            long lo = w * 64;
            if (lo + 64 <= from || lo >= to) {
                continue;
            }
            long mask = -1L;
            if (from > lo) {
                mask &= -1L << (from - lo);
            }
            if (to < lo + 64) {
                mask &= (1L << (to - lo)) - 1;
            }
            n += Long.bitCount(bits & mask);
        }
        return n;
    }
}
