package dev.kemu.stress;

/**
 * How many pipes of each class a run has, from {@code --pipes M}: M W pipes, max(2, M) S pipes
 * (two at least, so that S-to-S splices go both ways), M mirrors and max(1, M / 2) lanes.
 */
record Layout(int w, int s, int mirrors, int lanes) {
    Layout {
        if (w < 1 || s < 2 || mirrors < 1 || lanes < 1) {
            throw new IllegalArgumentException("layout " + w + "/" + s + "/" + mirrors + "/" + lanes);
        }
    }

    static Layout forPipes(int pipes) {
        return new Layout(pipes, Math.max(2, pipes), pipes, Math.max(1, pipes / 2));
    }

    /** W and S pipes together: the sources of tee, of splices into files and of vmsplice reads. */
    int sources() {
        return w + s;
    }

    /** Every permanent pipe (W, S, mirrors): the targets of F_SETPIPE_SZ. */
    int permanent() {
        return w + s + mirrors;
    }
}
