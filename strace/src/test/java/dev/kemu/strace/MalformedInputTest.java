package dev.kemu.strace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MalformedInputTest {

    private static final String GOOD = "# kernel: 6.18\nclose(0) = 0\nclose(1) = 0\n\nclose(2) = 0\nclose(3) = 0\n";

    private static TraceFormatException parseAtLine7(String badLine) {
        return assertThrows(TraceFormatException.class, () -> TraceParser.parse("bad.strace", GOOD + badLine + "\n"));
    }

    @Test
    void parse_missingComma_reportsSourceLineAndColumn() {
        TraceFormatException e = parseAtLine7("close(3, 10 0) = 0");
        assertEquals("bad.strace:7:12: expected ',' or ')' after argument", e.getMessage());
        assertEquals("bad.strace", e.source());
        assertEquals(7, e.lineNo());
        assertEquals(12, e.column());
        assertEquals("expected ',' or ')' after argument", e.detail());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiterString = " ## ", quoteCharacter = '`', value = {
        "close(3 ## 8 ## unexpected end of line",
        "close(3) ## 9 ## expected ' = '",
        "`close(3)   ` ## 12 ## expected '='",
        "close(3) = ## 11 ## expected ' ' after '='",
        "`close(3) = ` ## 12 ## expected a number or '?'",
        "close(3) = 0 garbage ## 13 ## unexpected text after the result",
        "`close(3) = 0 ` ## 13 ## unexpected text after the result",
        "close(3) = -1 EBADF (Bad file descriptor ## 41 ## expected ')'",
        "close(3) = 0x ## 12 ## bad number",
        "close(3) = abc ## 12 ## expected a number or '?'",
        "close(3) == 0 ## 11 ## expected ' ' after '='",
        "close(3)= 0 ## 9 ## expected ' = '",
        "(3) = 0 ## 1 ## empty system call name",
        "`  close(3) = 0` ## 1 ## expected a system call name",
        "3close(3) = 0 ## 1 ## starts with a digit",
        "close 3) = 0 ## 6 ## expected '('",
        "close(3, ) = 0 ## 10 ## expected a value",
        "close(3 4) = 0 ## 8 ## expected ',' or ')' after argument",
        "write(3, \"abc, 3) = 3 ## 22 ## unterminated string literal",
        "write(3, \"\\q\", 1) = 1 ## 11 ## bad escape",
        "write(3, \"\\x4\", 1) = 1 ## 11 ## two hex digits",
        "write(3, \"\\x4g\", 1) = 1 ## 11 ## two hex digits",
        "write(3, \"\\400\", 1) = 1 ## 11 ## octal value",
        "write(3, \"abc\\ ## 14 ## unterminated escape",
        "write(3, \"a\tb\", 3) = 3 ## 12 ## unexpected character",
        "write(3, \"\u00e9\", 1) = 1 ## 11 ## unexpected character",
        "x(\"\\x41\"..) = 0 ## 9 ## expected ',' or ')'",
        "x([1, 2) = 0 ## 8 ## expected ',' or ']'",
        "x({a=1) = 0 ## 7 ## expected ',' or '}'",
        "x(O_RDONLY|) = 0 ## 12 ## empty flag",
        "x(O_RDONLY||O_CREAT) = 0 ## 12 ## empty flag",
        "x(|O_RDONLY) = 0 ## 3 ## expected a value",
        "x(99999999999999999999) = 0 ## 3 ## does not fit in 64 bits",
        "x(-9223372036854775809) = 0 ## 3 ## does not fit in 64 bits",
        "x(0x1ffffffffffffffff) = 0 ## 3 ## does not fit in 64 bits",
        "x(09) = 0 ## 3 ## bad octal number",
        "x(-) = 0 ## 3 ## expected a number or constant",
        "x(-FOO) = 0 ## 3 ## expected a number or constant",
        "x(12abc) = 0 ## 3 ## bad number",
        "x(1 /* c ) = 0 ## 4 ## unterminated comment",
        "x(makedev(1, 2 = 0 ## 19 ## unclosed '('",
        "x(makedev(1, 2) = 0 ## 16 ## expected ',' or ')' after argument",
        "x(1 => ) = 0 ## 8 ## expected a value",
        "close(3) = 18446744073709551616 ## 12 ## does not fit in 64 bits",
        "x([1, 2}) = 0 ## 8 ## expected ',' or ']'",
        "x({a=1]) = 0 ## 7 ## expected ',' or '}'",
        "x([HUP INT) = 0 ## 7 ## expected ',' or ']'",
        "read(3 <unfinished ...>) = 0 ## 7 ## expected ',' or ')'",
        "<... read resumed \"\", 10) = 0 ## 10 ## expected ' resumed>'",
        "<... read resumed>\"\", 10 <unfinished ...> ## 25 ## expected ',' or ')'",
        "[pid x] close(3) = 0 ## 6 ## expected '[pid N] '",
        "12:3:4 close(3) = 0 ## 1 ## expected a time",
        "1700000000. close(3) = 0 ## 12 ## expected digits after '.'",
        "1700000000.5close(3) = 0 ## 13 ## expected ' ' after the timestamp",
        "close(3</tmp/a) = 0 ## 8 ## unterminated descriptor decoration",
        "close(\"a\"</tmp/a>) = 0 ## 7 ## decoration",
        "close(3 /* x */ 4) = 0 ## 16 ## expected ',' or ')'",
        "--- SIGPIPE ## 1 ## expected a signal line",
        "--- foo bar --- ## 5 ## expected a signal name",
        "+++ exited ## 1 ## expected an exit line",
        "`   ` ## 1 ## only white space",
        "`\t` ## 1 ## only white space"})
    void parse_malformedLine_throwsTraceFormatException(String line, int column, String message) {
        TraceFormatException e = parseAtLine7(line);
        assertEquals(7, e.lineNo(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.detail().contains(message), e.getMessage());
        assertTrue(e.getMessage().startsWith("bad.strace:7:" + column + ": "), e.getMessage());
    }

    /** Forms that an earlier, narrower grammar rejected and that strace 6.x does write. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiterString = " ## ", quoteCharacter = '`', value = {
        "x([1 2]) = 0 ## Sym",
        "x({=1}) = 0 ## Sym",
        "x({a 1}) = 0 ## Sym",
        "x({..., a=1}) = 0 ## Sym",
        "x(f(\"a\")) = 0 ## Sym",
        "12345 close(3) = 0 ## SyscallLine",
        "[pid 12] close(3) = 0 ## SyscallLine",
        "read(3,  <unfinished ...> ## UnfinishedLine",
        "<... read resumed>\"\", 10) = 0 ## ResumedLine"})
    void parse_formsRejectedBefore_parse(String line, String kind) {
        TraceLine parsed = TraceParser.parse("ok.strace", GOOD + line + "\n").lines().get(6);
        if (kind.equals("Sym")) {
            assertEquals(Sym.class, ((SyscallLine) parsed).arg(0).getClass(), line);
        } else {
            assertEquals(kind, parsed.getClass().getSimpleName(), line);
        }
    }

    @Test
    void parse_deeplyNestedValue_throwsInsteadOfOverflowingTheStack() {
        String deep = "x(" + "[".repeat(100_000) + "]".repeat(100_000) + ") = 0";
        TraceFormatException e = parseAtLine7(deep);
        assertTrue(e.detail().contains("nested"), e.getMessage());
        assertEquals(68, e.column());
    }

    @Test
    void parse_everyPrefixOfRealLines_failsOnlyWithTraceFormatException() {
        List<String> lines = List.of(
                "readv(3, [{iov_base=\"\\x48\\x65\", iov_len=2}, {iov_base=\"\", iov_len=0}], 2) = 2",
                "newfstatat(3, \"\", {st_mode=S_IFREG|0644, st_size=1234, ...}, AT_EMPTY_PATH) = 0",
                "fcntl(3, F_GETFL)                       = 0x8002 (flags O_RDWR|O_LARGEFILE)",
                "unlinkat(AT_FDCWD, \"\\x64\", 0x1 /* AT_??? */) = -1 EINVAL (Invalid argument)",
                "vmsplice(3, [{iov_base=\"\\x2e\"..., iov_len=10}], 1, 0) = ? ERESTARTSYS (To be restarted)",
                "sendfile(3, 3, [0] => [100], 100)       = 100",
                "write(1, \"\\0001\\0a\\18\\177\\\\\\\"\\n\", 8) = 8",
                "--- SIGPIPE {si_signo=SIGPIPE, si_code=SI_USER, si_pid=12336, si_uid=0} ---");
        int failures = 0;
        for (String full : lines) {
            for (int n = 0; n < full.length(); n++) {
                try {
                    TraceParser.parse("p", GOOD + full.substring(0, n) + "\n");
                } catch (TraceFormatException e) {
                    assertEquals(7, e.lineNo(), e.getMessage());
                    assertTrue(e.column() >= 1 && e.column() <= n + 1, e.getMessage());
                    failures++;
                } catch (RuntimeException e) {
                    fail("prefix of length " + n + " of " + full + " threw " + e);
                }
            }
        }
        assertTrue(failures > 500, "only " + failures + " prefixes were rejected");
    }

    @Test
    void parse_randomMutations_failOnlyWithTraceFormatException() {
        String base = "vmsplice(6, [{iov_base=\"\\x41\\x42\", iov_len=2}, {iov_base=NULL, iov_len=0}], 2, "
                + "0x100 /* SPLICE_F_??? */) = -1 EINVAL (Invalid argument)";
        String alphabet = "()[]{}\",= |\\x0789aZ_-./*<>?\t";
        Random rnd = new Random(7L);
        int rejected = 0;
        for (int iter = 0; iter < 20_000; iter++) {
            StringBuilder sb = new StringBuilder(base);
            for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                int at = rnd.nextInt(sb.length());
                switch (rnd.nextInt(3)) {
                    case 0 -> sb.setCharAt(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
                    case 1 -> sb.deleteCharAt(at);
                    default -> sb.insert(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
            }
            String line = sb.toString();
            try {
                TracePrinter.print(TraceParser.parse("m", line));
            } catch (TraceFormatException e) {
                assertEquals(1, e.lineNo());
                rejected++;
            } catch (RuntimeException e) {
                fail("mutated line " + line + " threw " + e);
            }
        }
        assertTrue(rejected > 10_000, "only " + rejected + " mutations were rejected");
    }

    @Test
    void parse_fileWithInvalidUtf8_reportsLine(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bin.strace");
        Files.write(f, new byte[] {'#', ' ', 'a', '\n', '#', ' ', (byte) 0xc3, '(', '\n'});
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> TraceParser.parse(f));
        assertEquals("bin.strace", e.source());
        assertEquals(2, e.lineNo());
        assertEquals(3, e.column());
    }

    @Test
    void parse_goodFile_usesFileNameAsSource(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("ok.strace");
        Files.writeString(f, GOOD);
        Trace t = TraceParser.parse(f);
        assertEquals("ok.strace", t.source());
        assertEquals(4, t.calls().size());
    }

    @Test
    void parseLine_withNewline_throws() {
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> TraceParser.parseLine("a\nb"));
        assertEquals(2, e.column());
    }
}
