package dev.kemu.replay;

import dev.kemu.vfs.Signal;
import dev.kemu.vfs.SleepHook;
import dev.kemu.vfs.Task;

/** The planted fault of {@link Replayer#wakingEveryCallEarly()}: a sleeping call is signalled as soon as it sleeps. */
final class EarlyWaker implements SleepHook {
    private final RunQueue cpu;

    EarlyWaker(RunQueue cpu) {
        this.cpu = cpu;
    }

    @Override
    public void beforeSleep(Task task, Object what) {
        cpu.beforeSleep(task, what);
        task.sendSignal(Signal.SIGALRM);
    }

    @Override
    public void afterSleep(Task task, Object what) {
        cpu.afterSleep(task, what);
    }

    @Override
    public void woken(Task task) {
        cpu.woken(task);
    }
}
