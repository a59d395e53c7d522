package dev.kemu.replay;

import dev.kemu.vfs.Task;
import java.util.List;

/**
 * Told of every call the replayer has finished with, in log order, on the replayer's thread while the emulated
 * machine is quiet (every task between calls or asleep): a listener may look at the model's state, without
 * changing it, as it stands after the call.
 */
@FunctionalInterface
public interface CallListener {
    /**
     * @param outcome the call and what the emulated kernel did with it
     * @param tasks every task the replay has made so far, the first task first (exited ones included)
     */
    void called(CallOutcome outcome, List<Task> tasks);
}
