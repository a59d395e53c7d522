package dev.kemu.strace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TraceParserLinesTest {

    private static SyscallLine call(String line) {
        return (SyscallLine) TraceParser.parseLine(line);
    }

    @Test
    void parse_errorResult_hasErrnoAndText() {
        Result r = call("close(3)                                = -1 EBADF (Bad file descriptor)").result();
        assertEquals(OptionalLong.of(-1), r.value());
        assertEquals("EBADF", r.errno());
        assertEquals("Bad file descriptor", r.comment());
        assertTrue(r.isError());
        assertEquals("-1 EBADF (Bad file descriptor)", r.raw());
    }

    @Test
    void parse_restartResult_hasNoValue() {
        Result r = call("vmsplice(4, [{iov_base=\"\\x41\", iov_len=1}], 1, 0) = ? ERESTARTSYS "
                + "(To be restarted if SA_RESTART is set)").result();
        assertTrue(r.value().isEmpty());
        assertEquals("ERESTARTSYS", r.errno());
        assertEquals("To be restarted if SA_RESTART is set", r.comment());
        assertTrue(r.isError());
    }

    @Test
    void parse_questionMarkResult_isEmpty() {
        Result r = call("exit_group(0)                           = ?").result();
        assertEquals(Result.unknown().value(), r.value());
        assertNull(r.errno());
        assertNull(r.comment());
        assertFalse(r.isError());
    }

    @Test
    void parse_hexFlagsResult_hasValueAndComment() {
        Result r = call("fcntl(3, F_GETFL)                       = 0x8001 (flags O_WRONLY|O_LARGEFILE)").result();
        assertEquals(0x8001, r.value().getAsLong());
        assertEquals("flags O_WRONLY|O_LARGEFILE", r.comment());
        assertNull(r.errno());
        assertTrue(r.isHex());
        Result cloexec = call("fcntl(3, F_GETFD)                       = 0x1 (flags FD_CLOEXEC)").result();
        assertEquals(1, cloexec.value().getAsLong());
        assertEquals("flags FD_CLOEXEC", cloexec.comment());
    }

    @Test
    void parse_commentWithParentheses_keepsInnerText() {
        Result r = call("poll([{fd=3, events=POLLIN}], 1, 0)     = 1 ([{fd=3, revents=POLLIN}])").result();
        assertEquals("[{fd=3, revents=POLLIN}]", r.comment());
    }

    @Test
    void parse_signalLine_givesSignalName() {
        String text = "--- SIGPIPE {si_signo=SIGPIPE, si_code=SI_USER, si_pid=12336, si_uid=0} ---";
        SignalLine s = (SignalLine) TraceParser.parseLine(text);
        assertEquals("SIGPIPE", s.signal());
        assertEquals(text, s.text());
        assertEquals("SIGALRM",
                ((SignalLine) TraceParser.parseLine("--- SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL} ---")).signal());
        assertEquals("SIGSTOP", ((SignalLine) TraceParser.parseLine("--- stopped by SIGSTOP ---")).signal());
    }

    @Test
    void parse_exitLines_keepText() {
        assertEquals(new ExitLine(1, "+++ exited with 0 +++"), TraceParser.parseLine("+++ exited with 0 +++"));
        assertEquals(new ExitLine(1, "+++ killed by SIGPIPE +++"), TraceParser.parseLine("+++ killed by SIGPIPE +++"));
    }

    @Test
    void parse_commentsAndBlanks_keepLineNumbers() {
        Trace t = TraceParser.parse("x.strace", "# kernel: 5.8\n\n# note:  two words \nclose(0) = 0\n");
        assertEquals(List.of(new Comment(1, "# kernel: 5.8"), new Blank(2), new Comment(3, "# note:  two words ")),
                t.lines().subList(0, 3));
        assertEquals(4, t.calls().get(0).lineNo());
        assertEquals("5.8", t.header("kernel").orElseThrow());
        assertEquals("two words", t.header("note").orElseThrow());
    }

    @Test
    void parse_textWithoutFinalNewline_keepsLastLine() {
        Trace t = TraceParser.parse("x", "close(0) = 0\nclose(1) = 0");
        assertEquals(2, t.calls().size());
        assertEquals(0, TraceParser.parse("x", "").lines().size());
    }

    @Test
    void parse_reader_sameAsString() {
        String text = "# kernel: 6.18\nclose(3)                                = 0\n";
        assertEquals(TraceParser.parse("<stdin>", text), TraceParser.parse("<stdin>", new StringReader(text)));
    }

    @Test
    void parse_emptyStringInHexTrace_takesTraceQuoting() {
        Trace t = TraceParser.parse("x", "read(3, \"\", 0) = 0\nread(3, \"\\x41\", 1) = 1\n");
        assertEquals(Quoting.HEX_ALL, ((Str) t.calls().get(0).arg(1)).quoting());
        Trace plain = TraceParser.parse("x", "read(3, \"\", 0) = 0\nread(3, \"\\1\", 1) = 1\n");
        assertEquals(Quoting.DEFAULT, ((Str) plain.calls().get(0).arg(1)).quoting());
    }

    @Test
    void parse_xTrace_plainAndHexStringsTakeHexNonprintable() {
        Trace t = TraceParser.parse("x", "write(1, \"a\\nb\", 3) = 3\nwrite(1, \"\\x61\\x01\", 2) = 2\n");
        assertEquals(Quoting.HEX_NONPRINTABLE, ((Str) t.calls().get(0).arg(1)).quoting());
        assertEquals(Quoting.HEX_NONPRINTABLE, ((Str) t.calls().get(1).arg(1)).quoting());
        assertEquals("\"\\x61\\x62\"", StraceString.quote(new byte[] {'a', 'b', 0}, 2, false, Quoting.HEX_ALL));
    }

    @Test
    void parse_hugeString_isLinear() {
        int n = 2 * 1024 * 1024;
        StringBuilder sb = new StringBuilder("write(3, \"");
        for (int i = 0; i < n; i++) {
            sb.append("\\x").append(Character.forDigit((i >> 4) & 15, 16)).append(Character.forDigit(i & 15, 16));
        }
        sb.append("\", ").append(n).append(") = ").append(n);
        String line = sb.toString();
        long t0 = System.nanoTime();
        Trace t = TraceParser.parse("big", line + "\n");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Str s = (Str) t.calls().get(0).arg(1);
        assertEquals(n, s.length());
        assertEquals((byte) 0xff, s.bytes()[255]);
        assertEquals(line + "\n", TracePrinter.print(t));
        assertTrue(ms < 20_000, "parsing an 8 MB line took " + ms + " ms");
    }
}
