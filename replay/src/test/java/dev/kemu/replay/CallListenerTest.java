package dev.kemu.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Replayer#onEachCall}: every call, in log order, with the tasks of the replay and the model's state after it. */
class CallListenerTest {
    private static final String TWO_TASKS = """
            100 pipe2([3, 4], 0)                    = 0
            100 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f0000000a10) = 101
            101 write(4, "hello", 5)                = 5
            100 close(4)                            = 0
            101 exit_group(0)                       = ?
            101 +++ exited with 0 +++
            100 exit_group(0)                       = ?
            100 +++ exited with 0 +++
            """;

    @Test
    void onEachCall_twoTasks_toldOfEveryCallInLogOrderWithEveryTaskSoFar() {
        List<String> seen = new ArrayList<>();
        TraceReport r = MultiTaskReplayTest.replay(TWO_TASKS, rp -> rp.onEachCall((o, tasks) -> {
            // the state after the call: the write's 5 bytes are queued in the pipe the first task holds at fd 3
            long queued = tasks.get(0).files() == null ? -1 : pipeBytes(tasks.get(0));
            seen.add(o.lineNo() + " " + o.recorded().name() + " tasks=" + tasks.size() + " queued=" + queued);
        }));
        assertEquals(Verdict.PASS, r.verdict(), r.reason());
        assertEquals(List.of("1 pipe2 tasks=1 queued=0", "2 clone tasks=2 queued=0", "3 write tasks=2 queued=5",
                "4 close tasks=2 queued=5", "5 exit_group tasks=2 queued=5", "7 exit_group tasks=2 queued=-1"), seen);
    }

    /** The bytes queued in the pipe at fd 3 of {@code t}, read from the model without a call. */
    private static long pipeBytes(dev.kemu.vfs.Task t) {
        dev.kemu.vfs.File f = t.files().peek(3);
        return f == null ? -1 : ((dev.kemu.pipe.Pipe) f.privateData()).bytesQueued();
    }
}
