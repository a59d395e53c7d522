package dev.kemu.cli;

import com.google.inject.Inject;
import dev.kemu.kernel.Kernels;
import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Builds the subcommands, giving each the kernel registry through its {@link Inject} constructor.
 * The classes' only dependency is the registry (and classes that take the registry), so a
 * constructor walk does what an injector would, without assembling one at every start: picocli
 * creates every subcommand to parse a command line, and an injector for the command tree cost a
 * quarter of a second of start-up. Guice assembles the kernels, when a command boots one.
 */
final class InjectingFactory implements CommandLine.IFactory {
    private final Kernels kernels;

    InjectingFactory(Kernels kernels) {
        this.kernels = kernels;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        if (cls == Kernels.class) {
            return cls.cast(kernels);
        }
        if (!cls.getName().startsWith("dev.kemu.")) {
            return CommandLine.defaultFactory().create(cls);
        }
        Constructor<?> ctor = injectable(cls);
        Class<?>[] types = ctor.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            args[i] = create(types[i]);
        }
        ctor.setAccessible(true);
        return cls.cast(ctor.newInstance(args));
    }

    /** The constructor marked {@link Inject}, else the one without parameters. */
    private static Constructor<?> injectable(Class<?> cls) throws NoSuchMethodException {
        for (Constructor<?> c : cls.getDeclaredConstructors()) {
            if (c.isAnnotationPresent(Inject.class)) {
                return c;
            }
        }
        return cls.getDeclaredConstructor();
    }
}
