package dev.kemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script {@code ./kemu}, run by bash on a tree of its own: a copy of the script next
 * to a small stand-in {@code cli/target/kemu.jar} (a {@code Main} that prints its arguments and a
 * {@code ClassDataTraining} that loads a class), with sources older than the jar so that no build
 * starts. It writes the class-data archive once, maps it on later starts, writes it again when the
 * jar is newer, and runs without one where it cannot write.
 */
class LauncherTest {
    private static final long WAIT_SECONDS = 120;

    @TempDir
    Path tmp;

    private Path root;
    private Path jar;
    private Path jsa;

    private record Run(int code, String out) {
    }

    @BeforeEach
    void layOut() throws Exception {
        root = tmp.resolve("tree");
        Path target = root.resolve("cli/target");
        Files.createDirectories(target);
        Files.copy(Path.of("..", "kemu"), root.resolve("kemu"));
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        Files.setLastModifiedTime(root.resolve("pom.xml"), FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        jar = target.resolve("kemu.jar");
        jsa = target.resolve("kemu.jsa");
        writeStandInJar(jar);
        // Readable by every user, for the run as another user.
        for (Path p = root; p != null && p.startsWith(tmp); p = p.getParent()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(root.resolve("cli"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** Compiles the two stand-in classes and packs them with a Main-Class manifest. */
    private void writeStandInJar(Path to) throws IOException {
        Path src = tmp.resolve("src/dev/kemu/cli");
        Path classes = tmp.resolve("classes");
        Files.createDirectories(src);
        Files.createDirectories(classes);
        Files.writeString(src.resolve("Main.java"), "package dev.kemu.cli;\n"
                + "public class Main { public static void main(String[] a) { System.out.println(\"stand-in: \" + String.join(\" \", a)); } }\n");
        Files.writeString(src.resolve("ClassDataTraining.java"), "package dev.kemu.cli;\n"
                + "public class ClassDataTraining { public static void main(String[] a) { Main.main(new String[] {\"training\"}); } }\n");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(),
                src.resolve("Main.java").toString(), src.resolve("ClassDataTraining.java").toString());
        assertEquals(0, rc, "javac of the stand-in classes");
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.kemu.cli.Main");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(to), mf)) {
            for (String name : List.of("Main.class", "ClassDataTraining.class")) {
                out.putNextEntry(new JarEntry("dev/kemu/cli/" + name));
                out.write(Files.readAllBytes(classes.resolve("dev/kemu/cli").resolve(name)));
                out.closeEntry();
            }
        }
    }

    private Run launch(List<String> prefix, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add("bash");
        cmd.add(root.resolve("kemu").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(tmp.toFile());
        pb.environment().remove("KEMU_JAVA_OPTS");
        pb.environment().remove("KEMU_CDS");
        pb.environment().putAll(env);
        Process p = pb.start();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(p.getInputStream(), buf));
        reader.start();
        assertTrue(p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "the launcher did not finish within " + WAIT_SECONDS + " s");
        reader.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        return new Run(p.exitValue(), buf.toString(StandardCharsets.UTF_8));
    }

    private static void copy(InputStream in, OutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Run launch(String... args) throws Exception {
        return launch(List.of(), Map.of(), args);
    }

    @Test
    void launch_firstRun_writesTheArchiveNextToTheJar_andRunsTheCommand() throws Exception {
        Run r = launch("kernels", "--json");

        assertEquals(0, r.code(), r.out());
        assertEquals("stand-in: kernels --json\n", r.out());
        assertTrue(Files.size(jsa) > 0, "no archive at " + jsa);
        assertTrue(Files.getLastModifiedTime(jsa).compareTo(Files.getLastModifiedTime(jar)) > 0);
    }

    @Test
    void launch_archiveNewerThanJar_mapsItAndKeepsIt() throws Exception {
        launch("first");
        FileTime written = Files.getLastModifiedTime(jsa);

        // -Xshare:on after the launcher's options: the JVM refuses to start unless it maps the archive.
        Run r = launch(List.of(), Map.of("KEMU_JAVA_OPTS", "-Xshare:on -Xlog:class+load=info"), "second");

        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("dev.kemu.cli.Main source: shared objects file (top)"), r.out());
        assertTrue(r.out().contains("\nstand-in: second\n"), r.out());
        assertEquals(written, Files.getLastModifiedTime(jsa));
    }

    @Test
    void launch_jarNewerThanArchive_writesTheArchiveAgain() throws Exception {
        launch("first");
        FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 30_000);
        Files.setLastModifiedTime(jsa, old);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() - 20_000));

        Run r = launch("again");

        assertEquals(0, r.code(), r.out());
        assertEquals("stand-in: again\n", r.out());
        assertTrue(Files.getLastModifiedTime(jsa).compareTo(Files.getLastModifiedTime(jar)) > 0, "the archive was not written again");
    }

    @Test
    void launch_treeNotWritable_runsWithoutAnArchive() throws Exception {
        List<String> prefix = List.of();
        if ("root".equals(System.getProperty("user.name"))) {
            // Root writes anywhere; as nobody every directory of this tree is read-only.
            prefix = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
        } else {
            Files.setPosixFilePermissions(jar.getParent(), PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        try {
            Run r = launch(prefix, Map.of("HOME", tmp.toString()), "kernels");

            assertEquals(0, r.code(), r.out());
            assertEquals("stand-in: kernels\n", r.out());
            assertFalse(Files.exists(jsa), "an archive was written in a read-only directory");
        } finally {
            Files.setPosixFilePermissions(jar.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void launch_cdsTurnedOff_writesNoArchive() throws Exception {
        Run r = launch(List.of(), Map.of("KEMU_CDS", "0"), "syscalls");

        assertEquals(0, r.code(), r.out());
        assertEquals("stand-in: syscalls\n", r.out());
        assertFalse(Files.exists(jsa));
    }
}
