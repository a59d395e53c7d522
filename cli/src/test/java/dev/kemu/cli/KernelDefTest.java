package dev.kemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --kernel-def FILE}: a kernel defined as a modelled release with switches set, the
 * Debian definition shipped in {@code kernels/}, and the input errors a definition can have.
 */
class KernelDefTest {
    private static final String DEBIAN = "../kernels/debian-11-5.10.92-2.kernel.properties";
    private static final String DIRTY_PIPE = "../traces/derived/dirtypipe-5.8.strace";

    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true), new PrintWriter(err, true), null);
        return new Result(code, out.toString(), err.toString());
    }

    private Path def(String text) throws IOException {
        return Files.writeString(tmp.resolve("x.kernel.properties"), text);
    }

    @Test
    void replay_debianDefinition_dirtyPipeFixedWhereTheBaseHasIt() {
        // The recording shows the bug: it passes on 5.10.92 and must fail on Debian's build with the fix.
        Result base = run("--kernel-def", DEBIAN, "replay", "--kernel", "5.10.92", DIRTY_PIPE);
        assertEquals(0, base.code(), base.out() + base.err());
        Result debian = run("--kernel-def", DEBIAN, "replay", "--kernel", "5.10.92-2", DIRTY_PIPE);
        assertEquals(1, debian.code(), debian.out() + debian.err());
    }

    @Test
    void kernelsDiff_definitionAlone_comparedWithItsBaseWithTheBackport() {
        Result r = run("--kernel-def", DEBIAN, "kernels", "--diff", "5.10.92-2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Linux 5.10.92 (linux-upstream) -> Linux 5.10.92-2 (kernel-def:5.10.92-2): 1 switch change\n"), r.out());
        assertTrue(r.out().contains("DIRTY_PIPE  on -> off"), r.out());
        assertTrue(r.out().contains("backport 9d2231c5d74e (5.17)"), r.out());
    }

    @Test
    void kernels_definition_listedWithItsFileAndSettings() {
        Result r = run("--kernel-def", DEBIAN, "kernels");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("kernel-def:5.10.92-2: Debian 11 bullseye 5.10.92-2"), r.out());
        assertTrue(r.out().contains("  from " + DEBIAN + "\n"), r.out());
        assertTrue(r.out().contains("    DIRTY_PIPE  off backport 9d2231c5d74e (5.17)"), r.out());
    }

    @Test
    void kernelsVersion_definition_showsTheSwitchAsSet() {
        Result r = run("--kernel-def", DEBIAN, "kernels", "5.10.92-2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("(?s).*\\n  off +DIRTY_PIPE .*"), r.out());
        Result base = run("--kernel-def", DEBIAN, "kernels", "5.10.92");
        assertTrue(base.out().matches("(?s).*\\n  on +DIRTY_PIPE .*"), base.out());
    }

    @Test
    void kernelDef_inPluginPath_loaded() throws IOException {
        Files.copy(Path.of(DEBIAN), tmp.resolve("debian.kernel.properties"));
        Result r = run("--plugin-path", tmp.toString(), "kernels", "--diff", "5.10.92-2");
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void kernelDef_unknownSwitch_namesFileAndLine() throws IOException {
        Path f = def("name = 5.10.92-9\nbase = 5.10.92\n# a comment\nswitch.NO_SUCH = off\nswitch.NO_SUCH.commit = abcdef1\n"
                + "switch.NO_SUCH.upstream = 5.17\n");
        Result r = run("--kernel-def", f.toString(), "kernels");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("kemu: " + f + ":4: unknown switch 'NO_SUCH' for linux-upstream; its switches: "), r.err());
    }

    @Test
    void kernelDef_unknownBase_namesFileAndLine() throws IOException {
        Path f = def("name = 9.9.1-1\nbase = 9.9.1\n");
        Result r = run("--kernel-def", f.toString(), "kernels");
        assertEquals(2, r.code());
        assertEquals("kemu: " + f + ":2: base '9.9.1' is not a modelled release (kemu kernels lists them)\n", r.err());
    }

    @Test
    void kernelDef_nameTaken_refused() throws IOException {
        Path f = def("name = 3.10.0-1160.el7\nbase = 3.10.0\n");
        Result r = run("--kernel-def", f.toString(), "kernels");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("kemu: " + f + ":1: kernel 3.10.0-1160.el7 is already defined by linux-3.10 (built in)"), r.err());
    }

    @Test
    void kernelDef_nameNotOfTheBase_refused() throws IOException {
        Path f = def("name = 5.10.0-11-amd64\nbase = 5.10.92\n");
        Result r = run("--kernel-def", f.toString(), "kernels");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("kemu: " + f + ":1: name '5.10.0-11-amd64' must be the base release 5.10.92 with a suffix"), r.err());
    }

    @Test
    void kernelDef_switchWithoutCommit_refused() throws IOException {
        Path f = def("name = 5.10.92-9\nbase = 5.10.92\nswitch.DIRTY_PIPE = off\n");
        Result r = run("--kernel-def", f.toString(), "kernels");
        assertEquals(2, r.code());
        assertEquals("kemu: " + f + ":3: 'switch.DIRTY_PIPE.commit' is missing: the upstream commit the backport took\n", r.err());
    }

    @Test
    void kernelDef_unknownKey_refused() throws IOException {
        Path f = def("name = 5.10.92-9\nbase = 5.10.92\nbogus = 1\n");
        Result r = run("--kernel-def", f.toString(), "kernels");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("kemu: " + f + ":3: unknown key 'bogus'"), r.err());
    }

    @Test
    void kernelsDiff_oneVersionNotDefined_refused() {
        Result r = run("kernels", "--diff", "5.10");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("one version is compared with its base only when a kernel definition made it"), r.err());
    }
}
