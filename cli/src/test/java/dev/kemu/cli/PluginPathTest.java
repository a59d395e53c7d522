package dev.kemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --plugin-path} and {@code KEMU_PLUGIN_PATH}: plugin jars compiled and packed here, at test
 * time, against the SPI on the test class path, then loaded by the command line: a good one, and
 * ones that are broken, duplicate what is built in, or declare another SPI version.
 */
class PluginPathTest {
    private static final String KERNEL = """
            package acme;
            public final class AcmeKernel implements dev.kemu.kernel.spi.KernelProvider {
                public String id() { return "acme-4.4"; }
                public String description() { return "Acme's 4.4 appliance kernel"; }
                public java.util.List<dev.kemu.kernel.spi.KernelVariant> variants() {
                    return java.util.List.of(new dev.kemu.kernel.spi.KernelVariant("4.4-acme", "the appliance build"));
                }
                public boolean covers(dev.kemu.kernel.KernelVersion v) { return v.toString().equals("4.4-acme"); }
                public java.util.List<dev.kemu.kernel.spi.BehaviourSwitch> switches() { return java.util.List.of(); }
                public com.google.inject.Module module(dev.kemu.kernel.KernelVersion v) { return binder -> { }; }
            }
            """;
    private static final String FS = """
            package acme;
            public final class AcmeFs implements dev.kemu.vfs.spi.FileSystemType {
                public String name() { return "acmefs"; }
                public String description() { return "Acme's filesystem (ramfs underneath)"; }
                public dev.kemu.vfs.SuperBlock mount(dev.kemu.vfs.Vfs vfs, String source, java.util.Map<String, String> options)
                        throws dev.kemu.vfs.spi.MountException {
                    return new dev.kemu.vfs.ramfs.RamfsType().mount(vfs, source, options);
                }
            }
            """;
    private static final String TMPFS_AGAIN = """
            package acme;
            public final class OtherTmpfs implements dev.kemu.vfs.spi.FileSystemType {
                public String name() { return "tmpfs"; }
                public dev.kemu.vfs.SuperBlock mount(dev.kemu.vfs.Vfs vfs, String source, java.util.Map<String, String> options)
                        throws dev.kemu.vfs.spi.MountException {
                    throw new dev.kemu.vfs.spi.MountException("never");
                }
            }
            """;
    private static final String KERNEL_SERVICE = "META-INF/services/dev.kemu.kernel.spi.KernelProvider";
    private static final String FS_SERVICE = "META-INF/services/dev.kemu.vfs.spi.FileSystemType";
    private static final String TRACE = "../traces/linux-6.18/pipe_basic_write_read.strace";

    @TempDir
    Path tmp;

    /** Compiles {@code sources} (class name to text) and packs them with {@code resources} into DIR/NAME. */
    private Path jar(Path dir, String name, String spiVersion, Map<String, String> sources, Map<String, String> resources)
            throws IOException {
        Path src = Files.createTempDirectory(tmp, "src");
        Path classes = Files.createTempDirectory(tmp, "classes");
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path")));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path f = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
            args.add(f.toString());
        }
        if (!sources.isEmpty()) {
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)), "the plugin source compiles");
        }
        Files.createDirectories(dir);
        Path jar = dir.resolve(name);
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (spiVersion != null) {
            mf.getMainAttributes().putValue("Kemu-Spi-Version", spiVersion);
        }
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os, mf);
                Stream<Path> files = Files.walk(classes)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
            for (Map.Entry<String, String> e : resources.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    private Path goodJar(Path dir) throws IOException {
        return jar(dir, "acme.jar", "1.0", Map.of("acme.AcmeKernel", KERNEL, "acme.AcmeFs", FS),
                Map.of(KERNEL_SERVICE, "acme.AcmeKernel\n", FS_SERVICE, "acme.AcmeFs\n"));
    }

    /** Exit code, standard output, standard error. */
    private record Result(int code, String out, String err) {
    }

    private static Result run(String env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true), new PrintWriter(err, true), env);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void kernels_goodPluginJar_listsItsKernelWithTheJar() throws IOException {
        Path jar = goodJar(tmp.resolve("plugins"));
        Result r = run(null, "--plugin-path", tmp.resolve("plugins").toString(), "kernels");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("acme-4.4: Acme's 4.4 appliance kernel\n  from " + jar + "\n"), r.out());
        assertTrue(r.out().contains("linux-3.10: Linux 3.10: pipe_to_file as the splice write end, pre-4.x pipe rules\n  from built in\n"),
                r.out());
    }

    @Test
    void filesystems_goodPluginJar_listsItsTypeWithTheJar() throws IOException {
        Path jar = goodJar(tmp.resolve("plugins"));
        Result r = run(tmp.resolve("plugins").toString(), "filesystems");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("acmefs  Acme's filesystem (ramfs underneath)\n        from " + jar + "\n"), r.out());
        assertTrue(r.out().matches("(?s).*ext4 .*\\n +from built in\\n.*"), r.out());
    }

    @Test
    void filesystems_noPluginPath_listsOnlyBuiltIn() {
        Result r = run(null, "filesystems", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"name\":\"tmpfs\""), r.out());
        assertTrue(!r.out().contains("acmefs"), r.out());
    }

    @Test
    void replay_pluginKernelAndFilesystem_runTheTrace() throws IOException {
        goodJar(tmp.resolve("plugins"));
        Result r = run(null, "--plugin-path", tmp.resolve("plugins").toString(), "replay", "--kernel", "4.4-acme",
                "--fs", "acmefs", TRACE);
        assertEquals(0, r.code(), r.out() + r.err());
    }

    @Test
    void pluginPath_brokenServiceEntry_namesTheJarAndExits2() throws IOException {
        Path jar = jar(tmp.resolve("plugins"), "broken.jar", "1.0", Map.of(), Map.of(KERNEL_SERVICE, "acme.Missing\n"));
        Result r = run(null, "--plugin-path", tmp.resolve("plugins").toString(), "kernels");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("kemu: " + jar + ": cannot load its providers: ServiceConfigurationError"), r.err());
        assertTrue(r.err().contains("acme.Missing"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void pluginPath_notAJar_namesTheFileAndExits2() throws IOException {
        Files.createDirectories(tmp.resolve("plugins"));
        Path bad = Files.writeString(tmp.resolve("plugins/garbage.jar"), "not a zip");
        Result r = run(null, "--plugin-path", tmp.resolve("plugins").toString(), "kernels");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("kemu: " + bad + ": not a readable jar"), r.err());
    }

    @Test
    void pluginPath_duplicateFilesystemName_namesBothOriginsAndExits2() throws IOException {
        Path jar = jar(tmp.resolve("plugins"), "dup.jar", "1.0", Map.of("acme.OtherTmpfs", TMPFS_AGAIN),
                Map.of(FS_SERVICE, "acme.OtherTmpfs\n"));
        Result r = run(null, "--plugin-path", tmp.resolve("plugins").toString(), "filesystems");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("kemu: " + jar + ": two filesystem types are called 'tmpfs'"), r.err());
        assertTrue(r.err().contains("(built in)") && r.err().contains("(" + jar + ")"), r.err());
    }

    @Test
    void pluginPath_sameKernelInTwoJars_namesTheSecondAndExits2() throws IOException {
        Path dir = tmp.resolve("plugins");
        goodJar(dir);
        Path second = jar(dir, "zz-acme-copy.jar", "1.0", Map.of("acme.AcmeKernel", KERNEL), Map.of(KERNEL_SERVICE, "acme.AcmeKernel\n"));
        Result r = run(null, "--plugin-path", dir.toString(), "kernels");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("kemu: " + second + ": two kernel providers have the id 'acme-4.4'"), r.err());
    }

    @Test
    void pluginPath_newerSpiMajor_refusedWithBothVersions() throws IOException {
        Path jar = jar(tmp.resolve("plugins"), "future.jar", "2.0", Map.of("acme.AcmeKernel", KERNEL),
                Map.of(KERNEL_SERVICE, "acme.AcmeKernel\n"));
        Result r = run(null, "--plugin-path", tmp.resolve("plugins").toString(), "kernels");
        assertEquals(2, r.code());
        assertEquals("kemu: " + jar + ": built against SPI 2.0, which this kemu (SPI 1.0) cannot load: "
                + "a plugin needs the same major version and no newer minor one\n", r.err());
    }

    @Test
    void pluginPath_noSpiVersion_refused() throws IOException {
        Path jar = jar(tmp.resolve("plugins"), "old.jar", null, Map.of("acme.AcmeKernel", KERNEL),
                Map.of(KERNEL_SERVICE, "acme.AcmeKernel\n"));
        Result r = run(null, "--plugin-path", tmp.resolve("plugins").toString(), "kernels");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("kemu: " + jar + ": declares no SPI version"), r.err());
    }

    @Test
    void pluginPath_missingDirectory_exits2() {
        Result r = run(null, "--plugin-path", tmp.resolve("nowhere").toString(), "kernels");
        assertEquals(2, r.code());
        assertEquals("kemu: " + tmp.resolve("nowhere") + ": plugin path: not a directory\n", r.err());
    }

    @Test
    void pluginPath_optionGiven_environmentIgnored() throws IOException {
        goodJar(tmp.resolve("plugins"));
        Files.createDirectories(tmp.resolve("empty"));
        Result r = run(tmp.resolve("plugins").toString(), "--plugin-path", tmp.resolve("empty").toString(), "kernels");
        assertEquals(0, r.code(), r.err());
        assertTrue(!r.out().contains("acme-4.4"), r.out());
    }
}
