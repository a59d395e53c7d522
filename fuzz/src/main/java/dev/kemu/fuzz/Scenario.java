package dev.kemu.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * A random scenario: scenario {@code index} of the campaign with seed {@code seed}, a list of
 * calls in order. Removing calls renumbers the descriptor references of the rest
 * ({@link #keep}), so a shrunk scenario is again a scenario.
 */
record Scenario(long seed, long index, List<Call> calls) {
    Scenario {
        calls = List.copyOf(calls);
    }

    int size() {
        return calls.size();
    }

    /**
     * The scenario with only the calls whose indexes {@code keep} holds, and with every call
     * that uses a descriptor of a removed call removed too.
     */
    Scenario keep(boolean[] keep) {
        boolean[] k = keep.clone();
        int[] newIndex = new int[calls.size()];
        List<Call> out = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            if (k[i]) {
                for (int used : calls.get(i).uses()) {
                    if (!k[used]) {
                        k[i] = false;
                        break;
                    }
                }
            }
            if (!k[i]) {
                newIndex[i] = -1;
                continue;
            }
            newIndex[i] = out.size();
            List<Val> args = new ArrayList<>();
            for (Val a : calls.get(i).args()) {
                args.add(a instanceof Val.Fd f && f.call() >= 0 ? Val.Fd.from(newIndex[f.call()], f.end()) : a);
            }
            out.add(new Call(calls.get(i).name(), args));
        }
        return new Scenario(seed, index, out);
    }
}
