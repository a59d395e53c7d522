package dev.kemu.fuzz;

import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Delta debugging over a scenario's calls (Zeller and Hildebrandt's ddmin): first everything
 * after the diverging call goes, then ever smaller chunks of calls are taken out as long as the
 * scenario still diverges the same way, down to single calls. Taking out a call also takes out
 * the calls that use its descriptors ({@link Scenario#keep}), so what is left always runs.
 */
final class Shrinker {
    private Shrinker() {
    }

    /**
     * The smallest scenario found before {@code deadlineNanos} that still {@code fails}.
     *
     * @param s a scenario that fails, diverging at call {@code failingCall}
     */
    static Scenario shrink(Scenario s, int failingCall, Predicate<Scenario> fails, long deadlineNanos) {
        Scenario cur = s;
        if (failingCall + 1 < s.size()) {
            boolean[] keep = new boolean[s.size()];
            Arrays.fill(keep, 0, failingCall + 1, true);
            Scenario cut = s.keep(keep);
            if (fails.test(cut)) {
                cur = cut;
            }
        }
        int n = 2;
        while (cur.size() >= 2 && System.nanoTime() < deadlineNanos) {
            boolean reduced = false;
            int size = cur.size();
            for (int i = 0; i < n && !reduced && System.nanoTime() < deadlineNanos; i++) {
                int from = i * size / n;
                int to = (i + 1) * size / n;
                if (from == to) {
                    continue;
                }
                boolean[] keep = new boolean[size];
                Arrays.fill(keep, true);
                Arrays.fill(keep, from, to, false);
                Scenario candidate = cur.keep(keep);
                if (candidate.size() < size && fails.test(candidate)) {
                    cur = candidate;
                    n = Math.max(n - 1, 2);
                    reduced = true;
                }
            }
            if (!reduced) {
                if (n >= size) {
                    break;
                }
                n = Math.min(size, 2 * n);
            }
        }
        return cur;
    }
}
