package dev.kemu.vfs;

import java.util.EnumSet;
import java.util.Set;

/**
 * {@code include/linux/sched/signal.h:struct sighand_struct}: the dispositions of a task's signals,
 * shared by the tasks cloned with {@code CLONE_SIGHAND} (every thread of a group).
 *
 * <p>Only what the kernel acts on is kept: whether a handler is installed (a disposition that is
 * neither SIG_DFL nor SIG_IGN) and whether the signal is ignored (SIG_IGN). The handlers
 * themselves run in user space, outside the model. Guarded by this object's monitor
 * ({@code sighand->siglock}).
 */
final class SighandStruct {
    private final Set<Signal> handled = EnumSet.noneOf(Signal.class);
    private final Set<Signal> ignored = EnumSet.noneOf(Signal.class);

    /** {@code rt_sigaction} with a handler ({@code on}) or back to SIG_DFL. */
    synchronized void setHandled(Signal sig, boolean on) {
        checkCatchable(sig);
        ignored.remove(sig);
        if (on) {
            handled.add(sig);
        } else {
            handled.remove(sig);
        }
    }

    /** {@code rt_sigaction} with SIG_IGN ({@code on}) or back to SIG_DFL. */
    synchronized void setIgnored(Signal sig, boolean on) {
        checkCatchable(sig);
        handled.remove(sig);
        if (on) {
            ignored.add(sig);
        } else {
            ignored.remove(sig);
        }
    }

    private static void checkCatchable(Signal sig) {
        if (sig.kernelOnly()) {
            // do_sigaction refuses these with EINVAL before anything is recorded.
            throw new IllegalArgumentException(sig + " cannot be caught or ignored");
        }
    }

    synchronized boolean handled(Signal sig) {
        return handled.contains(sig);
    }

    synchronized boolean ignored(Signal sig) {
        return ignored.contains(sig);
    }

    /**
     * {@code kernel/signal.c:sig_task_ignored()}: SIG_IGN, or SIG_DFL for a signal whose default
     * action is to ignore it. Blocked signals are not modelled, so none escapes this way.
     */
    synchronized boolean discards(Signal sig) {
        return ignored.contains(sig) || (!handled.contains(sig) && sig.ignoredByDefault());
    }

    /** {@code copy_sighand}: a copy for a child cloned without CLONE_SIGHAND. */
    synchronized SighandStruct copy() {
        SighandStruct c = new SighandStruct();
        c.handled.addAll(handled);
        c.ignored.addAll(ignored);
        return c;
    }

    /** {@code flush_signal_handlers(t, force_default=0)}: handlers go back to SIG_DFL, ignored signals stay ignored. */
    synchronized void flushHandlers() {
        handled.clear();
    }
}
