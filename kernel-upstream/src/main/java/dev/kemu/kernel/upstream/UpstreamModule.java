package dev.kemu.kernel.upstream;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import dev.kemu.kernel.KernelVersion;
import dev.kemu.kernel.spi.BehaviourSwitch;
import dev.kemu.pipe.PipeBehaviour;
import dev.kemu.pipe.PipeBufOps;
import java.util.ArrayList;
import java.util.List;

/** The bindings of one upstream version: behaviours built from the switches that hold for it. */
final class UpstreamModule extends AbstractModule {
    private final KernelVersion version;

    UpstreamModule(KernelVersion version) {
        this.version = version;
    }

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), PipeBehaviour.class).setBinding().toInstance(pipeBehaviour(version));
        Multibinder<BehaviourSwitch> switches = Multibinder.newSetBinder(binder(), BehaviourSwitch.class);
        UpstreamSwitches.ALL.forEach(s -> switches.addBinding().toInstance(s));
    }

    static PipeBehaviour pipeBehaviour(KernelVersion v) {
        boolean byFlag = UpstreamSwitches.MERGE_BY_FLAG.on(v);
        boolean linkedFix = UpstreamSwitches.NO_MERGE_INTO_LINKED.on(v);
        boolean dirty = UpstreamSwitches.DIRTY_PIPE.on(v);
        boolean notification = UpstreamSwitches.NOTIFICATION_PIPE.on(v);
        return new PipeBehaviour() {
            @Override
            public MergeRule mergeRule() {
                return byFlag ? MergeRule.BY_FLAG : MergeRule.BY_OPS;
            }

            @Override
            public Unmergeable unmergeable() {
                if (!linkedFix) {
                    return Unmergeable.NOTHING;
                }
                return byFlag ? Unmergeable.CLEAR_CAN_MERGE : Unmergeable.NOMERGE_OPS;
            }

            @Override
            public PipeBufOps packetOps() {
                return byFlag ? PipeBufOps.ANON : PipeBufOps.PACKET;
            }

            @Override
            public boolean spliceReadInitsFlags() {
                // Slots filled from the page cache kept their stale flags until the Dirty Pipe fix;
                // before 5.8 that was harmless, as merging looked at the ops, not the flags.
                return byFlag && !dirty;
            }

            @Override
            public boolean acceptsNotificationPipeFlag() {
                return notification;
            }
        };
    }

    /** One line: the switches that are on for {@code v}. */
    static String summary(KernelVersion v) {
        List<String> on = new ArrayList<>();
        for (BehaviourSwitch s : UpstreamSwitches.ALL) {
            if (s.on(v)) {
                on.add(s.name());
            }
        }
        return on.isEmpty() ? "no later switches on" : String.join(", ", on);
    }
}
