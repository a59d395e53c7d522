package dev.kemu.strace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StraceStringTest {

    private static final byte[] ALL_BYTES = new byte[256];
    private static final byte[] TRICKY = {0, '1', 0, 'a', 1, '8', 1, '9', 8, '0', 8, '8', 0x3f, '7', 0x40, '7', 0x40,
        0x40, '\\', '"', '\'', (byte) 0xff, '0'};
    private static final byte[] HELLO = "hello, world\n".getBytes(StandardCharsets.US_ASCII);

    static {
        for (int i = 0; i < 256; i++) {
            ALL_BYTES[i] = (byte) i;
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void quote_default_matchesStraceOctalRules() {
        assertEquals("\"\\0001\\0a\\18\\19\\0100\\108?7@7@@\\\\\\\"'\\3770\"",
                StraceString.quote(TRICKY, Quoting.DEFAULT));
        assertEquals("\"hello, world\\n\"", StraceString.quote(HELLO, Quoting.DEFAULT));
        assertEquals("\"\\t\\n\\v\\f\\r\\7\\10\\33\\177\"",
                StraceString.quote(ascii("\t\n\u000b\f\r\u0007\b\u001b\u007f"), Quoting.DEFAULT));
        assertEquals("\"\"", StraceString.quote(new byte[0], Quoting.DEFAULT));
    }

    @Test
    void quote_defaultLastByte_usesShortOctalEvenIfCutBeforeADigit() {
        byte[] b = {1, '2'};
        assertEquals("\"\\0012\"", StraceString.quote(b, Quoting.DEFAULT));
        assertEquals("\"\\1\"...", StraceString.quote(b, 1, true, Quoting.DEFAULT));
    }

    @Test
    void quote_hexNonprintable_hexesWholeStringOnlyWhenNeeded() {
        assertEquals("\"hello, world\\n\"", StraceString.quote(HELLO, Quoting.HEX_NONPRINTABLE));
        assertEquals("\"a\\tb\\\"\\\\\"", StraceString.quote(ascii("a\tb\"\\"), Quoting.HEX_NONPRINTABLE));
        assertEquals("\"\\x61\\x01\"", StraceString.quote(new byte[] {'a', 1}, Quoting.HEX_NONPRINTABLE));
        assertEquals("\"\\x61\\x7f\"", StraceString.quote(new byte[] {'a', 0x7f}, Quoting.HEX_NONPRINTABLE));
    }

    @Test
    void quote_hexAll_hexesEveryByte() {
        assertEquals("\"\\x68\\x69\\x0a\"", StraceString.quote(ascii("hi\n"), Quoting.HEX_ALL));
        assertEquals("\"\\x00\\xff\"...", StraceString.quote(new byte[] {0, -1, 5}, 2, true, Quoting.HEX_ALL));
    }

    @Test
    void quote_hexEscapes_hexesOnlyNumericEscapes() {
        assertEquals("\"\\x001\\x00a\\x018\\x019\\x080\\x088?7@7@@\\\\\\\"'\\xff0\"",
                StraceString.quote(TRICKY, Quoting.HEX_ESCAPES));
    }

    @Test
    void quote_lengthOutOfRange_throws() {
        assertThrows(IndexOutOfBoundsException.class, () -> StraceString.quote(new byte[2], 3, false, Quoting.DEFAULT));
    }

    /** The files hold what strace 6.1 printed for the same three buffers in each mode. */
    @ParameterizedTest
    @CsvSource({"default,DEFAULT", "x,HEX_NONPRINTABLE", "xx,HEX_ALL", "non-ascii-chars,HEX_ESCAPES"})
    void quote_realStraceOutput_isReproduced(String mode, Quoting quoting) throws IOException {
        String file = "quoting/strace-6.1-" + mode + ".strace";
        String text;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Trace t = TraceParser.parse(file, text);
        assertEquals(text, TracePrinter.print(t));
        List<SyscallLine> calls = t.calls();
        assertEquals(3, calls.size());
        List<byte[]> expected = List.of(ALL_BYTES, TRICKY, HELLO);
        for (int i = 0; i < 3; i++) {
            Str s = (Str) calls.get(i).arg(1);
            assertArrayEquals(expected.get(i), s.bytes());
            assertEquals(s.raw(), StraceString.quote(expected.get(i), quoting));
            assertEquals(calls.get(i).raw(), TracePrinter.format(SyscallLine.of("write",
                    Result.ofValue(expected.get(i).length), Num.of(1), Str.of(expected.get(i), quoting),
                    Num.of(expected.get(i).length))));
        }
        for (SyscallLine call : calls) {
            assertEquals(quoting, ((Str) call.arg(1)).quoting(), "the quoting of the trace applies to every string");
        }
        assertEquals(new ExitLine(7, "+++ exited with 0 +++"), t.lines().get(6));
    }

    @Test
    void unquote_everyEscapeForm_decodes() {
        StraceString.Decoded d = StraceString.unquote("\"\\x41\\x4A\\0\\12\\123\\n\\t\\r\\v\\f\\a\\b\\\"\\\\\\'z\"");
        assertArrayEquals(new byte[] {'A', 'J', 0, 10, 'S', '\n', '\t', '\r', 0x0b, '\f', 7, 8, '"', '\\', '\'', 'z'},
                d.bytes());
        assertFalse(d.truncated());
    }

    @Test
    void unquote_octalTakesAtMostThreeDigits() {
        assertArrayEquals(new byte[] {0, '1'}, StraceString.unquote("\"\\0001\"").bytes());
        assertArrayEquals(new byte[] {(byte) 0377, '7'}, StraceString.unquote("\"\\3777\"").bytes());
    }

    @Test
    void unquote_truncatedLiteral_isMarked() {
        StraceString.Decoded d = StraceString.unquote("\"ab\"...");
        assertTrue(d.truncated());
        assertArrayEquals(ascii("ab"), d.bytes());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"\"|DEFAULT", "\"abc\"|DEFAULT", "\"\\1\"|DEFAULT", "\"\\x61\"|HEX_ALL", "\"\\x61\\x01\"|HEX_ALL",
        "\"\\x01z\"|HEX_ESCAPES", "\"\\x41b\"|HEX_ESCAPES", "\"\\x4A\"|HEX_ALL", "\"\\a\"|DEFAULT",
        "\"a\\x0a\"|HEX_ESCAPES"})
    void unquote_detectsQuoting(String literal, Quoting expected) {
        assertEquals(expected, StraceString.unquote(literal).quoting());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "abc|1", "\"abc|5", "\"abc\"x|6", "\"\\q\"|2", "\"\\x4\"|2", "\"\\xg0\"|2", "\"\\400\"|2", "\"abc\\|5",
        "\"a\tb\"|3", "\"\u00e9\"|2"})
    void unquote_malformed_throwsWithColumn(String literal, int column) {
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> StraceString.unquote(literal));
        assertEquals("<string>", e.source());
        assertEquals(1, e.lineNo());
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.getMessage().startsWith("<string>:1:" + column + ": "), e.getMessage());
    }

    @Test
    void roundTrip_randomBytes_everyQuoting() {
        Random rnd = new Random(20240611L);
        byte[] alphabet = ascii("01789\\\"'\t\n\u000b\f\r\u0000\u0001\u007fax ");
        for (int iter = 0; iter < 3000; iter++) {
            int len = rnd.nextInt(iter % 10 == 0 ? 2000 : 40);
            byte[] b = new byte[len];
            boolean biased = rnd.nextBoolean();
            for (int i = 0; i < len; i++) {
                b[i] = biased ? alphabet[rnd.nextInt(alphabet.length)] : (byte) rnd.nextInt(256);
            }
            for (Quoting q : Quoting.values()) {
                String literal = StraceString.quote(b, q);
                StraceString.Decoded d = StraceString.unquote(literal);
                assertArrayEquals(b, d.bytes(), literal);
                assertFalse(d.truncated());
                assertEquals(literal, StraceString.quote(d.bytes(), d.quoting()), "detected " + d.quoting());
                int cut = len == 0 ? 0 : rnd.nextInt(len);
                StraceString.Decoded t = StraceString.unquote(StraceString.quote(b, cut, true, q));
                assertTrue(t.truncated());
                assertArrayEquals(java.util.Arrays.copyOf(b, cut), t.bytes());
            }
        }
    }

    @Test
    void decoded_copiesBytesAndComparesContent() {
        byte[] b = {1, 2, 3};
        StraceString.Decoded d = new StraceString.Decoded(b, false, Quoting.HEX_ALL);
        b[0] = 9;
        assertEquals(1, d.bytes()[0]);
        d.bytes()[1] = 9;
        assertEquals(2, d.bytes()[1]);
        assertEquals(new StraceString.Decoded(new byte[] {1, 2, 3}, false, Quoting.HEX_ALL), d);
        assertEquals(new StraceString.Decoded(new byte[] {1, 2, 3}, false, Quoting.HEX_ALL).hashCode(), d.hashCode());
        assertNotEquals(new StraceString.Decoded(new byte[] {1, 2, 3}, true, Quoting.HEX_ALL), d);
    }
}
