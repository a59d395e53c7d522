package dev.kemu.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.kemu.kernel.Kernels;
import picocli.CommandLine;

/** Builds the subcommands through Guice, so that they get the kernel registry injected. */
final class GuiceFactory implements CommandLine.IFactory {
    private final Injector injector;

    GuiceFactory(Kernels kernels) {
        this.injector = Guice.createInjector(new AbstractModule() {
            @Provides
            @Singleton
            Kernels kernels() {
                return kernels;
            }
        });
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        if (cls.getName().startsWith("dev.kemu.")) {
            return injector.getInstance(cls);
        }
        return CommandLine.defaultFactory().create(cls);
    }
}
