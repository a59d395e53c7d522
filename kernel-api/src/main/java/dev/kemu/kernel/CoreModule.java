package dev.kemu.kernel;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import dev.kemu.kernel.spi.BehaviourSwitch;
import dev.kemu.kernel.spi.SyscallTable;
import dev.kemu.pipe.CopyBehaviour;
import dev.kemu.pipe.PipeBehaviour;
import dev.kemu.vfs.FileSystemTypes;
import dev.kemu.vfs.VfsBehaviour;

/**
 * The bindings every kernel has: its version, boot options and filesystem types, plus defaults
 * (the 6.18 behaviour) for what a plugin may override with {@code OptionalBinder.setBinding()}.
 */
final class CoreModule extends AbstractModule {
    private final KernelVersion version;
    private final BootOptions options;
    private final FileSystemTypes fsTypes;

    CoreModule(KernelVersion version, BootOptions options, FileSystemTypes fsTypes) {
        this.version = version;
        this.options = options;
        this.fsTypes = fsTypes;
    }

    @Override
    protected void configure() {
        bind(KernelVersion.class).toInstance(version);
        bind(BootOptions.class).toInstance(options);
        bind(FileSystemTypes.class).toInstance(fsTypes);
        OptionalBinder.newOptionalBinder(binder(), VfsBehaviour.class).setDefault().toInstance(VfsBehaviour.DEFAULT);
        OptionalBinder.newOptionalBinder(binder(), PipeBehaviour.class).setDefault().toInstance(PipeBehaviour.DEFAULT);
        OptionalBinder.newOptionalBinder(binder(), CopyBehaviour.class).setDefault().toInstance(CopyBehaviour.DEFAULT);
        OptionalBinder.newOptionalBinder(binder(), DeviceBehaviour.class).setDefault().toInstance(DeviceBehaviour.DEFAULT);
        OptionalBinder.newOptionalBinder(binder(), SyscallTable.class).setDefault().toInstance(SyscallTable.forVersion(version));
        Multibinder.newSetBinder(binder(), BehaviourSwitch.class);
    }
}
