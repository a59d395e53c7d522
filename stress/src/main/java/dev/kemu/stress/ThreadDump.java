package dev.kemu.stress;

import dev.kemu.pipe.Pipe;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a deadlock report shows about each worker: what it sleeps on, which pipe mutexes it holds
 * and which it waits for (read from each mutex: {@code ReentrantLock.toString()} names the owner,
 * {@code hasQueuedThread} the waiters), the JVM's own lock information, and its stack.
 */
final class ThreadDump {
    private static final int MAX_FRAMES = 40;
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private ThreadDump() {
    }

    /**
     * The worker threads the JVM finds deadlocked on locks, described (those in the cycle, and
     * those only queued behind it), or null when there are none.
     */
    static String lockCycle(Thread[] workers) {
        long[] ids = MX.findDeadlockedThreads();
        if (ids == null) {
            return null;
        }
        Map<Long, Long> owner = new HashMap<>();
        for (ThreadInfo info : MX.getThreadInfo(ids)) {
            if (info != null) {
                owner.put(info.getThreadId(), info.getLockOwnerId());
            }
        }
        List<String> cycle = new ArrayList<>();
        List<String> behind = new ArrayList<>();
        for (Thread t : workers) {
            if (!owner.containsKey(t.getId())) {
                continue;
            }
            long at = owner.get(t.getId());
            for (int step = 0; step < owner.size() && at != t.getId() && owner.containsKey(at); step++) {
                at = owner.get(at);
            }
            (at == t.getId() ? cycle : behind).add(t.getName());
        }
        if (cycle.isEmpty() && behind.isEmpty()) {
            return null;
        }
        return "threads " + String.join(", ", cycle) + " each wait for a lock another of them holds"
                + (behind.isEmpty() ? "" : "; " + String.join(", ", behind) + " wait behind them");
    }

    static String describe(String finding, Thread[] workers, SleepCensus census, Iterable<Pipe> pipes) {
        Map<String, List<String>> held = new HashMap<>();
        for (Pipe p : pipes) {
            String s = p.mutex().toString();
            int at = s.indexOf("[Locked by thread ");
            if (at >= 0) {
                String owner = s.substring(at + "[Locked by thread ".length(), s.length() - 1);
                held.computeIfAbsent(owner, k -> new ArrayList<>()).add(p + " mutex");
            }
        }
        StringBuilder sb = new StringBuilder("DEADLOCK: ").append(finding).append('\n');
        long[] ids = new long[workers.length];
        for (int i = 0; i < workers.length; i++) {
            ids[i] = workers[i].getId();
        }
        ThreadInfo[] infos = MX.getThreadInfo(ids, MX.isObjectMonitorUsageSupported(), MX.isSynchronizerUsageSupported());
        for (int i = 0; i < workers.length; i++) {
            Thread t = workers[i];
            sb.append("task ").append(i).append(i == 0 ? " (pump)" : "").append(", thread ").append(t.getName())
                    .append(", ").append(t.getState());
            Object what = census.slot(i).what;
            if (what != null) {
                sb.append(", asleep on ").append(what);
            }
            sb.append('\n');
            sb.append("  holds: ").append(held.getOrDefault(t.getName(), List.of())).append('\n');
            for (Pipe p : pipes) {
                if (p.mutex().hasQueuedThread(t)) {
                    sb.append("  waits for: ").append(p).append(" mutex\n");
                }
            }
            ThreadInfo info = infos[i];
            if (info != null) {
                if (info.getLockName() != null) {
                    sb.append("  jvm: waiting on ").append(info.getLockName());
                    if (info.getLockOwnerName() != null) {
                        sb.append(" owned by ").append(info.getLockOwnerName());
                    }
                    sb.append('\n');
                }
                LockInfo[] locked = info.getLockedSynchronizers();
                if (locked.length > 0) {
                    sb.append("  jvm: holds");
                    for (LockInfo l : locked) {
                        sb.append(' ').append(l);
                    }
                    sb.append('\n');
                }
            }
            StackTraceElement[] stack = t.getStackTrace();
            for (int f = 0; f < Math.min(stack.length, MAX_FRAMES); f++) {
                sb.append("    at ").append(stack[f]).append('\n');
            }
            if (stack.length > MAX_FRAMES) {
                sb.append("    ... ").append(stack.length - MAX_FRAMES).append(" more\n");
            }
        }
        return sb.toString();
    }
}
