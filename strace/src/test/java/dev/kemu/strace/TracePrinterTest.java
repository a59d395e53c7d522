package dev.kemu.strace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TracePrinterTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void format_shortCall_padsResultToColumn40() {
        String line = TracePrinter.format(SyscallLine.of("close", Result.ofValue(0), Num.of(3)));
        assertEquals("close(3)                                = 0", line);
        assertEquals(40, line.indexOf('='));
    }

    @Test
    void format_callOf38Chars_padsWithTwoSpaces() {
        SyscallLine l = SyscallLine.of("copy_file_range", Result.ofErrno("EBADF", "Bad file descriptor"), Num.of(3),
                ListArg.of(Num.of(0)), Num.of(5), ListArg.of(Num.of(0)), Num.of(10), Num.of(0));
        assertEquals("copy_file_range(3, [0], 5, [0], 10, 0)  = -1 EBADF (Bad file descriptor)",
                TracePrinter.format(l));
    }

    @Test
    void format_callOf39Chars_usesOneSpace() {
        SyscallLine l = SyscallLine.of("copy_file_range", Result.ofValue(0), Num.of(3), Null.of(), Num.of(4),
                Null.of(), Num.of(0), Num.of(1));
        assertEquals("copy_file_range(3, NULL, 4, NULL, 0, 1) = 0", TracePrinter.format(l));
        assertEquals(40, TracePrinter.format(l).indexOf('='));
    }

    @Test
    void format_longCall_usesOneSpace() {
        SyscallLine l = SyscallLine.of("copy_file_range", Result.ofErrno("EINVAL", "Invalid argument"), Num.of(3),
                Null.of(), Num.of(4), Null.of(), Num.of(10), Num.of(1));
        assertEquals("copy_file_range(3, NULL, 4, NULL, 10, 1) = -1 EINVAL (Invalid argument)", TracePrinter.format(l));
    }

    @Test
    void formatResult_eachKind() {
        assertEquals("3", TracePrinter.formatResult(Result.ofValue(3)));
        assertEquals("-1 EBADF (Bad file descriptor)",
                TracePrinter.formatResult(Result.ofErrno("EBADF", "Bad file descriptor")));
        assertEquals("-1 ENOSYS", TracePrinter.formatResult(Result.ofErrno("ENOSYS", null)));
        assertEquals("? ERESTARTSYS (To be restarted if SA_RESTART is set)",
                TracePrinter.formatResult(Result.interrupted("ERESTARTSYS", "To be restarted if SA_RESTART is set")));
        assertEquals("?", TracePrinter.formatResult(Result.unknown()));
        assertEquals("0x8001 (flags O_WRONLY|O_LARGEFILE)",
                TracePrinter.formatResult(Result.ofFlags(0x8001, "O_WRONLY|O_LARGEFILE")));
        assertEquals("0 (flags 0)", TracePrinter.formatResult(Result.ofFlags(0, "0")));
        assertEquals("0 (Timeout)", TracePrinter.formatResult(new Result(OptionalLong.of(0), null, "Timeout", null)));
        assertEquals("-2", TracePrinter.formatResult(Result.ofValue(-2)));
    }

    @Test
    void format_fcntlFlagsLine_matchesStrace() {
        SyscallLine l = SyscallLine.of("fcntl", Result.ofFlags(0x8401, "O_WRONLY|O_APPEND|O_LARGEFILE"), Num.of(3),
                Sym.of("F_GETFL"));
        assertEquals("fcntl(3, F_GETFL)                       = 0x8401 (flags O_WRONLY|O_APPEND|O_LARGEFILE)",
                TracePrinter.format(l));
    }

    @Test
    void formatArg_strings_inEachQuoting() {
        byte[] b = ascii("hi\n\u0001");
        assertEquals("\"hi\\n\\1\"", TracePrinter.formatArg(Str.of(b, Quoting.DEFAULT)));
        assertEquals("\"\\x68\\x69\\x0a\\x01\"", TracePrinter.formatArg(Str.of(b, Quoting.HEX_NONPRINTABLE)));
        assertEquals("\"\\x68\\x69\\x0a\\x01\"", TracePrinter.formatArg(Str.of(b, Quoting.HEX_ALL)));
        assertEquals("\"hi\\n\\x01\"", TracePrinter.formatArg(Str.of(b, Quoting.HEX_ESCAPES)));
        assertEquals("\"hi\\n\"", TracePrinter.formatArg(Str.of("hi\n", Quoting.HEX_NONPRINTABLE)));
    }

    @Test
    void formatArg_truncatedString_hasDotsAfterQuote() {
        assertEquals("\"abc\"...", TracePrinter.formatArg(new Str(ascii("abc"), true, Quoting.DEFAULT, null)));
        assertEquals("\"\\x61\"...", TracePrinter.formatArg(new Str(ascii("a"), true, Quoting.HEX_ALL, null)));
    }

    @Test
    void formatArg_otherValues() {
        assertEquals("-1", TracePrinter.formatArg(Num.of(-1)));
        assertEquals("O_RDONLY|O_CLOEXEC", TracePrinter.formatArg(Sym.of("O_RDONLY|O_CLOEXEC")));
        assertEquals("0x4a6380", TracePrinter.formatArg(Addr.of(0x4a6380)));
        assertEquals("NULL", TracePrinter.formatArg(Null.of()));
        assertEquals("[]", TracePrinter.formatArg(ListArg.of()));
        assertEquals("[3, 4]", TracePrinter.formatArg(ListArg.of(Num.of(3), Num.of(4))));
        assertEquals("{st_mode=S_IFREG|0644, st_size=1234, ...}", TracePrinter.formatArg(StructArg.of(true,
                new StructArg.Field("st_mode", Sym.of("S_IFREG|0644")), new StructArg.Field("st_size", Num.of(1234)))));
        assertEquals("{iov_base=NULL, iov_len=0}", TracePrinter.formatArg(StructArg.of(false,
                new StructArg.Field("iov_base", Null.of()), new StructArg.Field("iov_len", Num.of(0)))));
        assertEquals("{...}", TracePrinter.formatArg(StructArg.of(true)));
        assertEquals("{}", TracePrinter.formatArg(StructArg.of(false)));
        assertEquals("[0] => [100]",
                TracePrinter.formatArg(Changed.of(ListArg.of(Num.of(0)), ListArg.of(Num.of(100)))));
    }

    @Test
    void format_iovecLine_fromCode() {
        SyscallLine l = SyscallLine.of("writev", Result.ofValue(5), Num.of(3), ListArg.of(
                StructArg.of(false, new StructArg.Field("iov_base", Str.of("Hello", Quoting.HEX_ALL)),
                        new StructArg.Field("iov_len", Num.of(5))),
                StructArg.of(false, new StructArg.Field("iov_base", Str.of("", Quoting.HEX_ALL)),
                        new StructArg.Field("iov_len", Num.of(0)))), Num.of(2));
        assertEquals("writev(3, [{iov_base=\"\\x48\\x65\\x6c\\x6c\\x6f\", iov_len=5}, {iov_base=\"\", iov_len=0}], 2)"
                + " = 5", TracePrinter.format(l));
    }

    @Test
    void withArgAndResult_replayedRead_reformatsLikeStrace() {
        SyscallLine failed = (SyscallLine) TraceParser.parseLine(
                "read(3, 0x4a6320, 100)                  = -1 EAGAIN (Resource temporarily unavailable)");
        SyscallLine ok = failed.withArg(1, Str.of("hello", Quoting.HEX_ALL)).withResult(Result.ofValue(5));
        assertNull(ok.raw());
        assertEquals("read(3, \"\\x68\\x65\\x6c\\x6c\\x6f\", 100)    = 5", TracePrinter.format(ok));
    }

    @Test
    void withArg_keepsRawOfOtherArgs() {
        SyscallLine l = (SyscallLine) TraceParser.parseLine(
                "openat(AT_FDCWD, \"\\x61\", O_RDWR|O_CREAT, 0644) = 3");
        SyscallLine renamed = l.withArg(1, Str.of("b", Quoting.HEX_ALL));
        assertEquals("openat(AT_FDCWD, \"\\x62\", O_RDWR|O_CREAT, 0644) = 3", TracePrinter.format(renamed));
        assertEquals("0644", renamed.arg(3).raw());
        SyscallLine unknownFlag = (SyscallLine) TraceParser.parseLine(
                "unlinkat(AT_FDCWD, \"\\x64\", 0x1 /* AT_??? */) = -1 EINVAL (Invalid argument)");
        assertEquals("unlinkat(AT_FDCWD, \"\\x64\", 0x1 /* AT_??? */) = 0",
                TracePrinter.format(unknownFlag.withResult(Result.ofValue(0))));
    }

    @Test
    void withArg_readDataWithBytes_keepsQuotingOfTrace() {
        Trace t = TraceParser.parse("t", "read(3, \"\\x41\", 100) = 1\nread(3, \"\", 100) = 0\n");
        SyscallLine eof = t.calls().get(1);
        Str data = ((Str) eof.arg(1)).withBytes(ascii("zz"));
        assertEquals("read(3, \"\\x7a\\x7a\", 100)                = 2",
                TracePrinter.format(eof.withArg(1, data).withResult(Result.ofValue(2))));
    }

    @Test
    void format_nonCallLines_printTheirText() {
        assertEquals("# kernel: 6.18", TracePrinter.format(new Comment(1, "# kernel: 6.18")));
        assertEquals("", TracePrinter.format(new Blank(2)));
        assertEquals("--- SIGPIPE {si_signo=SIGPIPE} ---", TracePrinter.format(SignalLine.of("SIGPIPE")));
        assertEquals("+++ exited with 0 +++", TracePrinter.format(ExitLine.exited(0)));
    }

    @Test
    void print_codeBuiltTrace_endsEveryLineWithNewline() {
        Trace t = new Trace("<code>", List.of(new Comment(0, "# kernel: 6.18"), new Blank(0),
                SyscallLine.of("pipe", Result.ofValue(0), ListArg.of(Num.of(3), Num.of(4))), ExitLine.exited(0)));
        String text = "# kernel: 6.18\n\npipe([3, 4])                            = 0\n+++ exited with 0 +++\n";
        assertEquals(text, TracePrinter.print(t));
        assertEquals(TracePrinter.print(t), TracePrinter.print(TraceParser.parse("<code>", text)));
    }

    @Test
    void format_parsedLine_printsRawUnchanged() {
        String odd = "close(3)  = 0";
        SyscallLine l = (SyscallLine) TraceParser.parseLine(odd);
        assertEquals(odd, TracePrinter.format(l));
        assertEquals("close(3)                                = 0", TracePrinter.format(l.withoutRaw()));
    }
}
