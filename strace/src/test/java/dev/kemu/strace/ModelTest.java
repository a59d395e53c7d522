package dev.kemu.strace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelTest {

    @Test
    void str_copiesBytesInAndOut() {
        byte[] b = {1, 2, 3};
        Str s = Str.of(b, Quoting.HEX_ALL);
        b[0] = 9;
        assertEquals(1, s.bytes()[0]);
        s.bytes()[1] = 9;
        assertEquals(2, s.bytes()[1]);
        assertEquals(3, s.length());
    }

    @Test
    void str_equalsComparesContent() {
        Str a = new Str(new byte[] {1, 2}, false, Quoting.HEX_ALL, "\"\\x01\\x02\"");
        Str b = new Str(new byte[] {1, 2}, false, Quoting.HEX_ALL, "\"\\x01\\x02\"");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new Str(new byte[] {1, 3}, false, Quoting.HEX_ALL, "\"\\x01\\x02\""));
        assertNotEquals(a, new Str(new byte[] {1, 2}, true, Quoting.HEX_ALL, "\"\\x01\\x02\""));
        assertNotEquals(a, new Str(new byte[] {1, 2}, false, Quoting.DEFAULT, "\"\\x01\\x02\""));
        assertNotEquals(a, Str.of(new byte[] {1, 2}, Quoting.HEX_ALL));
        assertTrue(a.toString().contains("length=2"));
    }

    @Test
    void str_withBytesAndQuoting_dropRaw() {
        Str s = (Str) ((SyscallLine) TraceParser.parseLine("read(3, \"abc\"..., 3) = 3")).arg(1);
        Str w = s.withBytes(new byte[] {'x'});
        assertNull(w.raw());
        assertEquals(s.quoting(), w.quoting());
        assertEquals(false, w.truncated());
        Str q = s.withQuoting(Quoting.HEX_ALL);
        assertEquals("\"\\x61\\x62\\x63\"...", TracePrinter.formatArg(q));
    }

    @Test
    void syscallLine_copiesArgsAndRejectsChanges() {
        List<Arg> args = new ArrayList<>(List.of(Num.of(3)));
        SyscallLine l = new SyscallLine(0, "close", args, Result.ofValue(0));
        args.add(Num.of(4));
        assertEquals(1, l.args().size());
        assertThrows(UnsupportedOperationException.class, () -> l.args().add(Num.of(5)));
        assertThrows(IndexOutOfBoundsException.class, () -> l.withArg(1, Num.of(5)));
    }

    @Test
    void syscallLine_withArg_keepsOtherPartsAndDropsRaw() {
        SyscallLine l = (SyscallLine) TraceParser.parseLine("dup2(3, 4)                              = 4");
        SyscallLine m = l.withArg(1, Num.of(5));
        assertNull(m.raw());
        assertEquals(l.lineNo(), m.lineNo());
        assertEquals(l.result(), m.result());
        assertSame(l.arg(0), m.arg(0));
        assertEquals(Num.of(5), m.arg(1));
        assertEquals("dup2(3, 5)                              = 4", TracePrinter.format(m));
        SyscallLine r = l.withResult(Result.ofErrno("EBADF", "Bad file descriptor"));
        assertNull(r.raw());
        assertEquals(l.args(), r.args());
    }

    @Test
    void records_rejectInvalidParts() {
        assertThrows(IllegalArgumentException.class, () -> new Comment(1, "no hash"));
        assertThrows(IllegalArgumentException.class, () -> new Comment(1, "# a\nb"));
        assertThrows(IllegalArgumentException.class, () -> new Blank(-1));
        assertThrows(IllegalArgumentException.class, () -> SyscallLine.of("", Result.ofValue(0)));
        assertThrows(IllegalArgumentException.class, () -> SyscallLine.of("9x", Result.ofValue(0)));
        assertThrows(IllegalArgumentException.class, () -> Sym.of(""));
        assertThrows(IllegalArgumentException.class, () -> Result.ofErrno("E BADF", "x"));
        assertThrows(IllegalArgumentException.class, () -> new StructArg.Field("", Num.of(1)));
        assertThrows(NullPointerException.class, () -> Str.of((byte[]) null, Quoting.DEFAULT));
        assertThrows(NullPointerException.class, () -> Changed.of(Num.of(1), null));
    }

    @Test
    void sym_parts_splitsOutsideParentheses() {
        assertEquals(List.of("O_WRONLY", "O_CREAT", "O_TRUNC"), Sym.of("O_WRONLY|O_CREAT|O_TRUNC").parts());
        assertEquals(List.of("S_IFREG", "0644"), Sym.of("S_IFREG|0644").parts());
        assertEquals(List.of("f(A|B)", "C"), Sym.of("f(A|B)|C").parts());
        assertEquals(List.of("AT_FDCWD"), Sym.of("AT_FDCWD").parts());
    }

    @Test
    void result_factoriesAndPredicates() {
        assertTrue(Result.ofErrno("EBADF", "Bad file descriptor").isError());
        assertTrue(Result.interrupted("ERESTARTSYS", null).isError());
        assertTrue(Result.interrupted("ERESTARTSYS", null).value().isEmpty());
        assertEquals(-1, Result.ofErrno("EBADF", null).value().getAsLong());
        assertTrue(Result.ofFlags(1, "FD_CLOEXEC").isHex());
        assertEquals("flags FD_CLOEXEC", Result.ofFlags(1, "FD_CLOEXEC").comment());
        Result parsed = ((SyscallLine) TraceParser.parseLine("close(3) = 0")).result();
        assertEquals(Result.ofValue(0), parsed.withoutRaw());
    }

    @Test
    void structArg_field_findsFirstByName() {
        StructArg s = StructArg.of(false, new StructArg.Field("a", Num.of(1)), new StructArg.Field("a", Num.of(2)));
        assertEquals(Num.of(1), s.field("a").orElseThrow());
        assertTrue(s.field("b").isEmpty());
    }

    @Test
    void trace_callsAndHeader() {
        Trace t = new Trace("x", List.of(new Comment(1, "#kernel:3.10"), new Comment(2, "# kernel: 4.5"),
                SyscallLine.of("close", Result.ofValue(0), Num.of(3)), SignalLine.of("SIGPIPE")));
        assertEquals("3.10", t.header("kernel").orElseThrow());
        assertEquals(1, t.calls().size());
        assertThrows(UnsupportedOperationException.class, () -> t.lines().add(new Blank(0)));
    }

    @Test
    void withoutRaw_parsedValuesEqualCodeBuiltOnes() {
        SyscallLine l = (SyscallLine) TraceParser.parseLine("readv(3, [{iov_base=\"\\x41\", iov_len=1}, "
                + "{iov_base=NULL, iov_len=0}], 2) = 1");
        ListArg expected = ListArg.of(
                StructArg.of(false, new StructArg.Field("iov_base", Str.of("A", Quoting.HEX_ALL)),
                        new StructArg.Field("iov_len", Num.of(1))),
                StructArg.of(false, new StructArg.Field("iov_base", Null.of()),
                        new StructArg.Field("iov_len", Num.of(0))));
        assertNotEquals(expected, l.arg(1));
        assertEquals(expected, l.arg(1).withoutRaw());
        assertEquals(Num.of(3), l.arg(0).withoutRaw());
        SyscallLine s = (SyscallLine) TraceParser.parseLine("sendfile(3, 3, [0] => [100], 0x4a6380) = 100");
        assertEquals(Changed.of(ListArg.of(Num.of(0)), ListArg.of(Num.of(100))), s.arg(2).withoutRaw());
        assertEquals(Addr.of(0x4a6380), s.arg(3).withoutRaw());
        assertEquals(Sym.of("O_RDONLY"), new Sym("O_RDONLY", "O_RDONLY").withoutRaw());
        assertEquals("1", TracePrinter.formatArg(new Num(1, "0x1 /* AT_??? */").withoutRaw()));
    }
}
