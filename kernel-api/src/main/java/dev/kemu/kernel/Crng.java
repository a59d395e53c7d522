package dev.kemu.kernel;

import java.util.SplittableRandom;

/**
 * The machine's random number generator ({@code drivers/char/random.c}'s crng), as
 * /dev/random and /dev/urandom read it: a seeded pseudo-random stream, so two runs with the same
 * seed read the same bytes. Not for anything that needs real randomness.
 */
public final class Crng {
    private SplittableRandom rng;

    Crng(long seed) {
        this.rng = new SplittableRandom(seed);
    }

    /** Restarts the stream from {@code seed}. */
    public synchronized void reseed(long seed) {
        rng = new SplittableRandom(seed);
    }

    /** Fills the first {@code n} bytes of {@code out}. */
    synchronized void nextBytes(byte[] out, int n) {
        for (int i = 0; i < n; i += 8) {
            long v = rng.nextLong();
            for (int j = 0; j < 8 && i + j < n; j++) {
                out[i + j] = (byte) (v >>> (8 * j));
            }
        }
    }
}
