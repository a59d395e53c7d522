package dev.kemu.strace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TraceParserTest {


    private static SyscallLine call(String line) {
        return (SyscallLine) TraceParser.parseLine(line);
    }

    @Test
    void parse_close_readsNameArgAndResult() {
        SyscallLine c = call("close(3)                                = 0");
        assertEquals("close", c.name());
        assertEquals(List.of(new Num(3, "3")), c.args());
        assertEquals(OptionalLong.of(0), c.result().value());
        assertFalse(c.result().isError());
        assertEquals("0", c.result().raw());
        assertEquals(1, c.lineNo());
    }

    @Test
    void parse_noArgs_givesEmptyList() {
        SyscallLine c = call("getpid()                                = 42");
        assertTrue(c.args().isEmpty());
        assertEquals(42, c.result().value().getAsLong());
    }

    @Test
    void parse_unsignedMinusOne_wrapsToNegativeNum() {
        Num n = (Num) call("ftruncate(4, 18446744073709551615)      = -1 EINVAL (Invalid argument)").arg(1);
        assertEquals(-1, n.value());
        assertEquals("18446744073709551615", n.raw());
    }

    @Test
    void parse_fcntlDupfdMinusOne_keepsUnsigned32BitValue() {
        Num n = (Num) call("fcntl(3, F_DUPFD, 4294967295)           = -1 EINVAL (Invalid argument)").arg(2);
        assertEquals(4294967295L, n.value());
        assertEquals(new Sym("F_DUPFD", "F_DUPFD"), call("fcntl(3, F_DUPFD, 4294967295) = 0").arg(1));
    }

    @Test
    void parse_largeUnsignedLength_keepsBits() {
        SyscallLine c = call("copy_file_range(3, NULL, 1, NULL, 9223372035781033984, 0) = 50000");
        assertEquals(9223372035781033984L, ((Num) c.arg(4)).value());
        assertEquals(new Null("NULL"), c.arg(1));
        assertEquals(-1L, ((Num) call("x(18446744073709551615) = 0").arg(0)).value());
        assertEquals(Long.MIN_VALUE, ((Num) call("x(9223372036854775808) = 0").arg(0)).value());
    }

    @Test
    void parse_negativeNumbers_areSigned() {
        SyscallLine c = call("close(-1)                               = -1 EBADF (Bad file descriptor)");
        assertEquals(-1, ((Num) c.arg(0)).value());
        assertEquals(Long.MIN_VALUE, ((Num) call("x(-9223372036854775808) = 0").arg(0)).value());
    }

    @Test
    void parse_octalMode_isNumWithOctalValue() {
        SyscallLine c = call("openat(AT_FDCWD, \"\\x73\\x72\\x63\", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 3");
        Num mode = (Num) c.arg(3);
        assertEquals(0644, mode.value());
        assertEquals("0644", mode.raw());
        assertEquals(new Num(0, "0"), call("x(0) = 0").arg(0));
    }

    @Test
    void parse_flagSet_isSymWithParts() {
        Sym s = (Sym) call("openat(AT_FDCWD, \"\\x64\", O_RDWR|O_CREAT|O_TRUNC, 0644) = 3").arg(2);
        assertEquals("O_RDWR|O_CREAT|O_TRUNC", s.text());
        assertEquals(List.of("O_RDWR", "O_CREAT", "O_TRUNC"), s.parts());
        assertTrue(s.has("O_CREAT"));
        assertFalse(s.has("O_APPEND"));
        Sym at = (Sym) call("openat(AT_FDCWD, \"\\x64\", O_RDONLY) = 3").arg(0);
        assertEquals(List.of("AT_FDCWD"), at.parts());
    }

    @Test
    void parse_flagsWithUnknownBits_isSym() {
        Sym s = (Sym) call("openat(AT_FDCWD, \"\", O_RDONLY|0x200000) = 3").arg(2);
        assertEquals(List.of("O_RDONLY", "0x200000"), s.parts());
        Sym shift = (Sym) call("x(1<<20|FOO) = 0").arg(0);
        assertEquals(List.of("1<<20", "FOO"), shift.parts());
        Sym call = (Sym) call("mknod(\"\", S_IFCHR|0600, makedev(0x1, 0x3)) = 0").arg(2);
        assertEquals("makedev(0x1, 0x3)", call.text());
        assertEquals(List.of("(A|B)", "C"), ((Sym) call("x((A|B)|C) = 0").arg(0)).parts());
    }

    @Test
    void parse_symbolicArgs_areSyms() {
        SyscallLine c = call("lseek(3, 0, SEEK_SET)                   = 0");
        assertEquals(new Sym("SEEK_SET", "SEEK_SET"), c.arg(2));
        SyscallLine s = call("splice(5, NULL, 4, NULL, 100, SPLICE_F_NONBLOCK|SPLICE_F_MORE) = 0");
        assertEquals(List.of("SPLICE_F_NONBLOCK", "SPLICE_F_MORE"), ((Sym) s.arg(5)).parts());
    }

    @Test
    void parse_hexWithComment_isNum() {
        Num at = (Num) call("unlinkat(AT_FDCWD, \"\\x64\", 0x1 /* AT_??? */) = -1 EINVAL (Invalid argument)").arg(2);
        assertEquals(1, at.value());
        assertEquals("0x1 /* AT_??? */", at.raw());
        Num splice = (Num) call("tee(3, 6, 0, 0x100 /* SPLICE_F_??? */)  = 0").arg(3);
        assertEquals(256, splice.value());
        Num cmd = (Num) call("fcntl(3, 0x270f /* F_??? */, 0)         = -1 EINVAL (Invalid argument)").arg(1);
        assertEquals(9999, cmd.value());
        assertEquals(new Num(0, "0"), call("fcntl(3, 0x270f /* F_??? */, 0) = 0").arg(2));
    }

    @Test
    void parse_commentAfterOtherValues_keptInRaw() {
        SyscallLine c = call("x(FOO /* bar */, \"\" /* 0 */, NULL /* n */, [] /* l */, {} /* s */) = 0");
        assertEquals(new Sym("FOO", "FOO /* bar */"), c.arg(0));
        assertEquals("\"\" /* 0 */", c.arg(1).raw());
        assertEquals(new Null("NULL /* n */"), c.arg(2));
        assertEquals(0, ((ListArg) c.arg(3)).size());
        assertEquals("{} /* s */", c.arg(4).raw());
    }

    @Test
    void parse_bareHex_isAddr() {
        Addr a = (Addr) call("read(3, 0x4a6380, 5)                    = -1 EBADF (Bad file descriptor)").arg(1);
        assertEquals(0x4a6380, a.value());
        assertEquals("0x4a6380", a.raw());
        assertEquals(-1L, ((Addr) call("x(0xffffffffffffffff) = 0").arg(0)).value());
    }

    @Test
    void parse_hexString_decodesBytesAsHexAll() {
        Str s = (Str) call("write(3, \"\\x41\\x42\\x0a\", 3)             = 3").arg(1);
        assertArrayEquals(new byte[] {'A', 'B', '\n'}, s.bytes());
        assertFalse(s.truncated());
        assertEquals(Quoting.HEX_ALL, s.quoting());
        assertEquals("\"\\x41\\x42\\x0a\"", s.raw());
        assertEquals("AB\n", s.text());
    }

    @Test
    void parse_defaultString_decodesEscapes() {
        Str s = (Str) call("write(1, \"a\\nb\\1z\\200q\\\"\\\\\\0\", 10)      = 10").arg(1);
        assertArrayEquals(new byte[] {'a', '\n', 'b', 1, 'z', (byte) 0x80, 'q', '"', '\\', 0}, s.bytes());
        assertEquals(Quoting.DEFAULT, s.quoting());
    }

    @Test
    void parse_truncatedString_marksTruncated() {
        Str s = (Str) call("read(3, \"abc\"..., 100)                  = 100").arg(1);
        assertTrue(s.truncated());
        assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), s.bytes());
        assertEquals("\"abc\"...", s.raw());
        Str hex = (Str) call("read(3, \"\\x61\"..., 100) = 100").arg(1);
        assertTrue(hex.truncated());
        assertEquals(Quoting.HEX_ALL, hex.quoting());
    }

    @Test
    void parse_pipeFds_isListOfNums() {
        ListArg l = (ListArg) call("pipe2([5, 6], O_NONBLOCK)               = 0").arg(0);
        assertEquals(List.of(new Num(5, "5"), new Num(6, "6")), l.items());
        assertEquals("[5, 6]", l.raw());
    }

    @Test
    void parse_offsetPointer_isSingleItemList() {
        SyscallLine c = call("splice(3, NULL, 5, [5000], 1000, 0)     = 1000");
        assertEquals(5000, ((Num) ((ListArg) c.arg(3)).get(0)).value());
        assertEquals(0, ((ListArg) call("writev(3, [], 0)                        = 0").arg(1)).size());
    }

    @Test
    void parse_readvIovecs_givesStructFields() {
        SyscallLine c = call("readv(3, [{iov_base=\"\\x48\\x65\\x6c\\x6c\", iov_len=4}, "
                + "{iov_base=\"\\x6f\\x2c\\x20\\x77\\x6f\\x72\\x6c\\x64\", iov_len=100}], 2) = 12");
        ListArg iov = (ListArg) c.arg(1);
        assertEquals(2, iov.size());
        StructArg first = (StructArg) iov.get(0);
        assertFalse(first.ellipsis());
        assertEquals(List.of("iov_base", "iov_len"), first.fields().stream().map(StructArg.Field::name).toList());
        assertEquals("Hell", ((Str) first.field("iov_base").orElseThrow()).text());
        assertEquals(4, ((Num) first.field("iov_len").orElseThrow()).value());
        StructArg second = (StructArg) iov.get(1);
        assertEquals("o, world", ((Str) second.field("iov_base").orElseThrow()).text());
        assertEquals(100, ((Num) second.field("iov_len").orElseThrow()).value());
        assertTrue(second.field("nope").isEmpty());
        assertEquals(12, c.result().value().getAsLong());
    }

    @Test
    void parse_nullIovec_givesNullBase() {
        SyscallLine c = call("vmsplice(6, [{iov_base=NULL, iov_len=0}, {iov_base=0x4a6320, iov_len=8}], 2, 0) = 0");
        StructArg a = (StructArg) ((ListArg) c.arg(1)).get(0);
        assertInstanceOf(Null.class, a.field("iov_base").orElseThrow());
        StructArg b = (StructArg) ((ListArg) c.arg(1)).get(1);
        assertEquals(0x4a6320, ((Addr) b.field("iov_base").orElseThrow()).value());
    }

    @Test
    void parse_newfstatatStruct_hasFieldsAndEllipsis() {
        SyscallLine c = call("newfstatat(3, \"\", {st_mode=S_IFREG|0644, st_size=1234, ...}, AT_EMPTY_PATH) = 0");
        assertEquals(4, c.args().size());
        Str empty = (Str) c.arg(1);
        assertEquals(0, empty.length());
        assertEquals(Quoting.DEFAULT, empty.quoting());
        StructArg st = (StructArg) c.arg(2);
        assertTrue(st.ellipsis());
        assertEquals(List.of("S_IFREG", "0644"), ((Sym) st.field("st_mode").orElseThrow()).parts());
        assertEquals(1234, ((Num) st.field("st_size").orElseThrow()).value());
        assertEquals("{st_mode=S_IFREG|0644, st_size=1234, ...}", st.raw());
        assertEquals(new Sym("AT_EMPTY_PATH", "AT_EMPTY_PATH"), c.arg(3));
        StructArg onlyEllipsis = (StructArg) call("fstat(3, {...}) = 0").arg(1);
        assertTrue(onlyEllipsis.ellipsis());
        assertTrue(onlyEllipsis.fields().isEmpty());
    }

    @Test
    void parse_listEllipsis_isSymItem() {
        ListArg l = (ListArg) call("x([1, 2, ...]) = 0").arg(0);
        assertEquals(new Sym("...", "..."), l.get(2));
    }

    @Test
    void parse_changedValue_givesBeforeAndAfter() {
        SyscallLine c = call("sendfile(3, 3, [0] => [100], 100)       = 100");
        Changed ch = (Changed) c.arg(2);
        assertEquals(0, ((Num) ((ListArg) ch.before()).get(0)).value());
        assertEquals(100, ((Num) ((ListArg) ch.after()).get(0)).value());
        StructArg st = (StructArg) call("recvmsg(3, {msg_namelen=128 => 16}, 0) = 0").arg(1);
        assertEquals(16, ((Num) ((Changed) st.field("msg_namelen").orElseThrow()).after()).value());
    }
}
