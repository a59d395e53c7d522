package dev.kemu.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.kemu.kernel.spi.KernelProvider;
import dev.kemu.kernel.spi.KernelVariant;
import dev.kemu.vfs.FileSystemTypes;
import dev.kemu.vfs.ramfs.RamfsType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry: resolving versions, refusing ambiguous plugins, booting machines. */
class KernelsTest {
    /** A provider covering one mainline series, for these tests. */
    static final class FakeProvider implements KernelProvider {
        private final String id;
        private final int major;
        private final int minor;

        FakeProvider(String id, int major, int minor) {
            this.id = id;
            this.major = major;
            this.minor = minor;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String description() {
            return "fake " + major + "." + minor;
        }

        @Override
        public List<KernelVariant> variants() {
            return List.of(new KernelVariant(major + "." + minor, "fake"));
        }

        @Override
        public boolean covers(KernelVersion v) {
            return v.major() == major && v.minor() == minor && v.suffix().isEmpty();
        }

        @Override
        public Module module(KernelVersion version) {
            return new AbstractModule() {
            };
        }
    }

    private static Kernels registry(KernelProvider... providers) {
        return Kernels.of(List.of(providers), FileSystemTypes.of(new RamfsType()));
    }

    @Test
    void resolve_upstreamAlias_meansNewest() throws Exception {
        Kernels k = registry(new FakeProvider("a", 6, 18));
        assertEquals("6.18", k.resolve("upstream").version().toString());
    }

    @Test
    void resolve_stableRelease_goesToTheBranchesProvider() throws Exception {
        Kernels k = registry(new FakeProvider("a", 5, 10), new FakeProvider("b", 6, 18));
        assertEquals("a", k.resolve("5.10.102").provider().id());
    }

    @Test
    void resolve_localVersionSuffix_modelsTheRelease() throws Exception {
        Kernels k = registry(new FakeProvider("a", 6, 18));
        Kernels.Resolved r = k.resolve("6.18.44-fc-v1300");
        assertEquals("a", r.provider().id());
        assertEquals("6.18.44", r.version().toString());
        assertThrows(UnknownKernelException.class, () -> k.resolve("6.17.2-generic"));
    }

    @Test
    void resolve_unknownVersion_listsWhatIsAvailable() {
        Kernels k = registry(new FakeProvider("a", 6, 18));
        UnknownKernelException e = assertThrows(UnknownKernelException.class, () -> k.resolve("9.9"));
        assertTrue(e.getMessage().contains("'9.9'"), e.getMessage());
        assertTrue(e.getMessage().contains("6.18"), e.getMessage());
        assertTrue(e.available().contains("upstream"));
    }

    @Test
    void twoProvidersWithOneId_failAtStartUp() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> registry(new FakeProvider("same", 5, 10), new FakeProvider("same", 6, 18)));
        assertTrue(e.getMessage().contains("same"));
    }

    @Test
    void twoProvidersClaimingOneVersion_failAtStartUp() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> registry(new FakeProvider("a", 5, 10), new FakeProvider("b", 5, 10)));
        assertTrue(e.getMessage().contains("5.10"), e.getMessage());
    }

    @Test
    void boot_withoutPluginBindings_runsThe618Defaults() throws Exception {
        Kernel k = registry(new FakeProvider("a", 6, 18)).boot("6.18",
                BootOptions.standard().withRoot("ramfs", null));
        var t = k.newTask();
        int[] fds = new int[2];
        assertEquals(0, k.pipe2(t, fds, 0));
        assertEquals(3, fds[0], "0, 1 and 2 are open on /dev/null");
        assertEquals(65536, k.fcntl(t, fds[0], dev.kemu.vfs.Fcntl.F_GETPIPE_SZ, 0));
    }
}
