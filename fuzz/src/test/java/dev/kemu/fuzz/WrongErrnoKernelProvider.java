package dev.kemu.fuzz;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import dev.kemu.kernel.KernelVersion;
import dev.kemu.kernel.spi.KernelProvider;
import dev.kemu.kernel.spi.KernelVariant;
import dev.kemu.pipe.PipeBehaviour;
import java.util.List;

/**
 * A kernel no one ever shipped, for tests only: 6.18 with splice(2) checking its arguments in the
 * 3.10 order ({@link PipeBehaviour.SpliceOrder#MODES_AT_SYSCALL}), so that
 * {@code splice(pipe_write_end, &off, ...)} fails with EBADF (the descriptor is not readable)
 * where 6.18 gives ESPIPE (an offset on a pipe, {@code fs/splice.c:__do_splice()}).
 */
public final class WrongErrnoKernelProvider implements KernelProvider {
    static final String VERSION = "6.18+wrongerrno";

    @Override
    public String id() {
        return "test-wrongerrno";
    }

    @Override
    public String description() {
        return "6.18 with splice's argument checks in the wrong order (tests only)";
    }

    @Override
    public List<KernelVariant> variants() {
        return List.of(new KernelVariant(VERSION, "splice checks descriptor modes before offsets"));
    }

    @Override
    public boolean covers(KernelVersion version) {
        return version.toString().equals(VERSION);
    }

    @Override
    public Module module(KernelVersion version) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), PipeBehaviour.class).setBinding().toInstance(new PipeBehaviour() {
                    @Override
                    public SpliceOrder spliceOrder() {
                        return SpliceOrder.MODES_AT_SYSCALL;
                    }
                });
            }
        };
    }
}
