package dev.kemu.stress;

import dev.kemu.kernel.Kernel;
import dev.kemu.pipe.Pipe;
import dev.kemu.pipe.PipeSyscalls;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Task;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pipes and files of one run, all in the descriptor table the tasks share: W, S and mirror
 * pipes (never closed; alternately O_NONBLOCK), the lanes, and one scratch file per task. Built
 * by the parent task before any worker starts; the arrays never change afterwards, and the
 * registry of pipes by id (for the watchdog) changes only when a lane gets a new pipe.
 */
final class Topology {
    final Layout layout;
    final Ends[] w;
    final Ends[] s;
    final Ends[] mirrors;
    final Lane[] lanes;
    final ScratchFile[] files;
    private final Map<Long, Pipe> pipes = new ConcurrentHashMap<>();

    private Topology(Layout layout, int tasks) {
        this.layout = layout;
        this.w = new Ends[layout.w()];
        this.s = new Ends[layout.s()];
        this.mirrors = new Ends[layout.mirrors()];
        this.lanes = new Lane[layout.lanes()];
        this.files = new ScratchFile[tasks];
    }

    static Topology create(Kernel k, Task parent, Layout layout, int tasks, String dir) {
        Topology t = new Topology(layout, tasks);
        for (int i = 0; i < layout.w(); i++) {
            t.w[i] = t.newPipe(k, parent, i % 2 == 0);
        }
        for (int i = 0; i < layout.s(); i++) {
            t.s[i] = t.newPipe(k, parent, i % 2 == 1);
        }
        for (int i = 0; i < layout.mirrors(); i++) {
            t.mirrors[i] = t.newPipe(k, parent, i % 2 == 0);
        }
        for (int i = 0; i < layout.lanes(); i++) {
            t.lanes[i] = new Lane(i, new Lane.Gen(0, t.newPipe(k, parent, Lane.nonblockFor(i, 0))));
        }
        for (int i = 0; i < tasks; i++) {
            String path = dir + "/kemu-stress-" + i;
            long fd = k.openat(parent, Fcntl.AT_FDCWD, path, Fcntl.O_RDWR | Fcntl.O_CREAT | Fcntl.O_TRUNC, 0644);
            if (fd < 0) {
                throw new IllegalStateException("cannot create " + path + ": errno " + -fd);
            }
            t.files[i] = new ScratchFile((int) fd, path);
        }
        return t;
    }

    /** A new pipe (pipe2) registered for the watchdog; throws when the table is full. */
    Ends newPipe(Kernel k, Task task, boolean nonblock) {
        Ends e = tryNewPipe(k, task, nonblock);
        if (e == null) {
            throw new IllegalStateException("pipe2 failed while setting up the stress run");
        }
        return e;
    }

    /** A new pipe, or null when pipe2 fails. */
    Ends tryNewPipe(Kernel k, Task task, boolean nonblock) {
        int[] fds = new int[2];
        if (k.pipe2(task, fds, nonblock ? Fcntl.O_NONBLOCK : 0) != 0) {
            return null;
        }
        Pipe p = PipeSyscalls.pipeInfo(task.files().peek(fds[0]));
        pipes.put(p.id(), p);
        return new Ends(fds[0], fds[1], nonblock, p);
    }

    /** A lane's old pipe is gone for good. */
    void forget(Pipe p) {
        pipes.remove(p.id());
    }

    /** W pipes first, then S pipes. */
    Ends source(int i) {
        return i < w.length ? w[i] : s[i - w.length];
    }

    /** True when source {@code i} is a W pipe. */
    boolean sourceIsW(int i) {
        return i < w.length;
    }

    /** W, S, then mirrors. */
    Ends permanent(int i) {
        if (i < w.length) {
            return w[i];
        }
        return i < w.length + s.length ? s[i - w.length] : mirrors[i - w.length - s.length];
    }

    /** The order slot of a lane in the checkers (after the W pipes). */
    int laneOrderKey(int lane) {
        return w.length + lane;
    }

    int orderKeys() {
        return w.length + lanes.length;
    }

    Pipe pipe(long id) {
        return pipes.get(id);
    }

    Iterable<Pipe> pipes() {
        return pipes.values();
    }
}
