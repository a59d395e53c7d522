package dev.kemu.stress;

import dev.kemu.vfs.SleepHook;
import dev.kemu.vfs.Task;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who sleeps on which wait queue: the {@link SleepHook} of every worker task. Each task writes
 * only its own slot (from its own thread, inside the syscall); the watchdog reads the slots. A
 * slot's {@code episode} is incremented before {@code what} is published (both volatile), so a
 * reader that sees the same episode before and after reading {@code what} saw one sleep.
 */
final class SleepCensus implements SleepHook {
    /** One task's sleep state. */
    static final class Slot {
        volatile Object what;
        volatile long episode;
    }

    /** A wait queue of a pipe, as the pipe layer names it ({@code "pipe#12 rd_wait"}). */
    record PipeWait(long pipeId, boolean read) {
    }

    private static final Pattern PIPE_WAIT = Pattern.compile("pipe#(\\d+) (rd|wr)_wait");

    private final Map<Task, Slot> slots = new IdentityHashMap<>();
    private final Slot[] byIndex;

    SleepCensus(int tasks) {
        byIndex = new Slot[tasks];
        for (int i = 0; i < tasks; i++) {
            byIndex[i] = new Slot();
        }
    }

    /** Registers a task before any thread runs it (the map is read-only afterwards). */
    void register(Task task, int index) {
        slots.put(task, byIndex[index]);
        task.setSleepHook(this);
    }

    @Override
    public void beforeSleep(Task task, Object what) {
        Slot s = slots.get(task);
        if (s != null) {
            s.episode = s.episode + 1;
            s.what = what;
        }
    }

    @Override
    public void afterSleep(Task task, Object what) {
        Slot s = slots.get(task);
        if (s != null) {
            s.what = null;
        }
    }

    Slot slot(int index) {
        return byIndex[index];
    }

    /** The pipe wait queue {@code what} names, or null when it is not one. */
    static PipeWait parse(Object what) {
        if (what == null) {
            return null;
        }
        Matcher m = PIPE_WAIT.matcher(what.toString());
        return m.find() ? new PipeWait(Long.parseLong(m.group(1)), m.group(2).equals("rd")) : null;
    }
}
