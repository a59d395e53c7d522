package dev.kemu.strace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceReaderTest {

    private static final String LOG = "# kernel: 6.18\n# note:  two words \n\n# later: not a header? yes, still one\n"
            + "close(0) = 0\n# after: no\nread(3, \"\", 0) = 0\nread(3, \"\\x41\", 1) = 1\n";

    @Test
    void headers_beforeFirstLine_areKnown() {
        try (TraceReader r = TraceReader.of("x", new StringReader(LOG))) {
            assertEquals(Map.of("kernel", "6.18", "note", "two words", "later", "not a header? yes, still one"),
                    r.headers());
            assertEquals(new Comment(1, "# kernel: 6.18"), r.next());
        }
    }

    @Test
    void next_wholeLog_returnsEveryLineThenNull() {
        try (TraceReader r = TraceReader.of("x", new StringReader(LOG))) {
            int n = 0;
            for (TraceLine line = r.next(); line != null; line = r.next()) {
                n++;
                assertEquals(n, line.lineNo());
            }
            assertEquals(8, n);
            assertNull(r.next());
        }
    }

    @Test
    void openOnePass_file_readsLikeAReader_andReportsBadUtf8AtItsLine(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("one.strace");
        Files.writeString(log, LOG, StandardCharsets.UTF_8);
        try (TraceReader r = TraceReader.openOnePass(log)) {
            assertEquals("6.18", r.headers().get("kernel"));
            int n = 0;
            Str first = null;
            for (TraceLine line : r) {
                n++;
                if (first == null && line instanceof SyscallLine s && s.name().equals("read")) {
                    first = (Str) s.arg(1);
                }
            }
            assertEquals(8, n);
            assertEquals(Quoting.DEFAULT, first.quoting(), "no first pass: the quoting seen so far");
        }
        Path bad = dir.resolve("bad.strace");
        Files.write(bad, "close(0) = 0\nclose(\u00ff) = 0\n".getBytes(StandardCharsets.ISO_8859_1));
        try (TraceReader r = TraceReader.openOnePass(bad)) {
            r.next();
            TraceFormatException e = assertThrows(TraceFormatException.class, r::next);
            assertEquals(2, e.lineNo());
        }
    }

    @Test
    void of_reader_quotesFromWhatItHasSeen() {
        try (TraceReader r = TraceReader.of("x", new StringReader(LOG))) {
            Str first = null;
            Str second = null;
            for (TraceLine line : r) {
                if (line instanceof SyscallLine s && s.name().equals("read")) {
                    if (first == null) {
                        first = (Str) s.arg(1);
                    } else {
                        second = (Str) s.arg(1);
                    }
                }
            }
            assertEquals(Quoting.DEFAULT, first.quoting());
            assertEquals(Quoting.HEX_ALL, second.quoting());
        }
    }

    @Test
    void open_file_quotesFromTheWholeFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("q.strace");
        Files.writeString(f, LOG);
        try (TraceReader r = TraceReader.open(f)) {
            assertEquals("q.strace", r.source());
            for (TraceLine line : r) {
                if (line instanceof SyscallLine s && s.name().equals("read")) {
                    assertEquals(Quoting.HEX_ALL, ((Str) s.arg(1)).quoting(), s.raw());
                }
            }
        }
        assertEquals(TraceParser.parse("q.strace", LOG), TraceParser.parse(f));
    }

    @Test
    void logCutShortInACall_endsWithThatCallsFirstHalf_butACutLineElsewhereIsAnError() {
        String cut = "pipe2([3, 4], 0)                        = 0\nsplice(3, NULL, 5, NULL, 100, 0";
        java.util.List<TraceLine> lines = TraceParser.parse("cut.strace", cut).lines();
        assertEquals(2, lines.size());
        UnfinishedLine u = (UnfinishedLine) lines.get(1);
        assertEquals("splice", u.name());
        assertEquals(6, u.args().size());
        assertEquals(2, u.lineNo());
        assertEquals("splice(3, NULL, 5, NULL, 100, 0", TracePrinter.format(u), "printed back as it stands");
        TraceFormatException e = assertThrows(TraceFormatException.class,
                () -> TraceParser.parse("mid.strace", "splice(3, NULL, 5, NULL, 100, 0\nclose(3) = 0\n"));
        assertTrue(e.getMessage().contains("mid.strace:1"), e.getMessage());
        assertThrows(TraceFormatException.class, () -> TraceParser.parse("end.strace", "splice(3, NULL, 5, NULL, 100, 0\n"),
                "a whole last line (with its newline) that is not strace output");
    }

    @Test
    void gzipFile_readsAsThePlainOne_andAFileThatIsNotGzipIsAnError(@TempDir Path dir) throws IOException {
        Path plain = dir.resolve("q.strace");
        Files.writeString(plain, LOG);
        Path gz = dir.resolve("q.strace.gz");
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(LOG.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(TraceParser.parse(plain).lines(), TraceParser.parse(gz).lines());
        try (TraceReader a = TraceReader.open(gz); TraceReader b = TraceReader.open(plain)) {
            assertEquals("q.strace.gz", a.source());
            Iterator<TraceLine> ib = b.iterator();
            for (TraceLine line : a) {
                assertEquals(line, ib.next());
            }
        }
        Path notGz = dir.resolve("r.strace.gz");
        Files.writeString(notGz, LOG);
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, () -> TraceParser.parse(notGz));
        assertTrue(e.getMessage().contains("not a gzip file"), e.getMessage());
    }

    @Test
    void open_badLine_reportsItWhenReached(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.strace");
        Files.writeString(f, "close(0) = 0\nclose(1) = 0\nclose(3 4) = 0\n");
        try (TraceReader r = TraceReader.open(f)) {
            r.next();
            r.next();
            TraceFormatException e = assertThrows(TraceFormatException.class, r::next);
            assertEquals("bad.strace:3:8: expected ',' or ')' after argument", e.getMessage());
        }
    }

    @Test
    void open_invalidUtf8_reportsLineAndColumn(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bin.strace");
        Files.write(f, new byte[] {'c', 'l', 'o', 's', 'e', '(', '0', ')', ' ', '=', ' ', '0', '\n', '#', ' ',
            (byte) 0xc3, '(', '\n'});
        try (TraceReader r = TraceReader.open(f)) {
            r.next();
            TraceFormatException e = assertThrows(TraceFormatException.class, r::next);
            assertEquals(2, e.lineNo());
            assertEquals(3, e.column());
        }
    }

    @Test
    void close_closesTheReader() {
        boolean[] closed = {false};
        Reader reader = new StringReader("close(0) = 0\n") {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        TraceReader r = TraceReader.of("x", reader);
        r.close();
        assertTrue(closed[0]);
    }

    @Test
    void iterator_secondCall_throws() {
        try (TraceReader r = TraceReader.of("x", new StringReader(LOG))) {
            r.iterator();
            assertThrows(IllegalStateException.class, r::iterator);
        }
    }

    @Test
    void next_carriageReturn_staysInItsLine() {
        try (TraceReader r = TraceReader.of("x", new StringReader("# a\r\n# b\n"))) {
            assertEquals(new Comment(1, "# a\r"), r.next());
            assertEquals(new Comment(2, "# b"), r.next());
        }
    }

    /** 50 MB of -f log made up on the fly, so that the test holds no copy of it either. */
    private static final class GeneratedLog extends Reader {

        private static final String BLOCK = String.join("\n",
                "%d  15:04:05.123456 read(3</tmp/in>, \"" + "\\x41\\x42".repeat(200) + "\"..., 4096) = 4096 <0.000010>",
                "%d  15:04:05.123460 write(4<pipe:[77]>,  <unfinished ...>",
                "%d  15:04:05.123461 rt_sigprocmask(SIG_BLOCK, [INT TERM CHLD], [], 8) = 0",
                "%d  15:04:05.123470 <... write resumed>) = 4096",
                "%d  15:04:05.123471 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=9, si_uid=0, "
                        + "si_status=0, si_utime=0, si_stime=0} ---",
                "") ;
        private final long total;
        private long produced;
        private String chunk = "";
        private int at;
        private int round;

        GeneratedLog(long total) {
            this.total = total;
        }

        @Override
        public int read(char[] buf, int off, int len) {
            if (at == chunk.length()) {
                if (produced >= total) {
                    return -1;
                }
                round++;
                chunk = BLOCK.replace("%d", Integer.toString(1000 + round % 7));
                at = 0;
            }
            int n = Math.min(len, chunk.length() - at);
            chunk.getChars(at, at + n, buf, off);
            at += n;
            produced += n;
            return n;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void next_fiftyMegabytes_streamsWithoutKeepingLines() throws Exception {
        long size = 50L << 20;
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            WeakReference<TraceLine> early;
            long lines = 0;
            long bytes = 0;
            CallJoiner joiner = new CallJoiner();
            try (TraceReader r = TraceReader.of("gen", new GeneratedLog(size))) {
                TraceLine first = r.next();
                early = new WeakReference<>(first);
                bytes += TracePrinter.format(first).length() + 1;
                lines++;
                first = null;
                for (TraceLine line = r.next(); line != null; line = r.next()) {
                    bytes += TracePrinter.format(line).getBytes(StandardCharsets.US_ASCII).length + 1;
                    lines++;
                    joiner.accept(line);
                    if (lines == 1000) {
                        assertNoLinesHeld(r);
                    }
                }
                assertTrue(joiner.pending().isEmpty());
                for (int i = 0; i < 20 && early.get() != null; i++) {
                    System.gc();
                }
                assertNull(early.get(), "the reader kept its first line");
            }
            assertTrue(bytes >= size, bytes + " bytes");
            assertTrue(lines > (size / 2000), lines + " lines");
        });
    }

    /** By design: after the header block, no field of the reader or its line source holds lines. */
    private static void assertNoLinesHeld(TraceReader r) throws IllegalAccessException {
        for (Object o : new Object[] {r, fieldValue(r, "lines")}) {
            for (Class<?> k = o.getClass(); k != Object.class; k = k.getSuperclass()) {
                for (Field f : k.getDeclaredFields()) {
                    f.setAccessible(true);
                    Object v = f.get(o);
                    if (v instanceof ArrayDeque<?> q) {
                        assertTrue(q.isEmpty(), f.getName());
                    } else if (v instanceof Collection<?> c) {
                        assertTrue(c.isEmpty(), f.getName());
                    } else if (v instanceof Iterator<?>) {
                        throw new AssertionError("unexpected iterator field " + f.getName());
                    }
                }
            }
        }
    }

    private static Object fieldValue(Object o, String name) throws IllegalAccessException {
        try {
            Field f = o.getClass().getDeclaredField(name);
            f.setAccessible(true);
            return f.get(o);
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void openOnePassWanted_unwantedLines_areSkippedUnparsed_wantedKeepTheirLineNumbers(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("w.strace");
        Files.writeString(f, """
                # cwd: /home/u
                getpid() = 7
                this line is not strace output
                getcwd("/tmp", 4096) = 5
                write(1, "getcwd(", 7) = 7
                """);
        java.util.List<String> seen = new java.util.ArrayList<>();
        try (TraceReader r = TraceReader.openOnePass(f, raw -> raw.contains("getcwd("))) {
            assertEquals("/home/u", r.headers().get("cwd"));
            for (TraceLine l = r.next(); l != null; l = r.next()) {
                if (l instanceof SyscallLine s) {
                    seen.add(s.lineNo() + " " + s.name());
                }
            }
        }
        // getpid came with the headers (read ahead), the malformed line was never parsed.
        assertEquals(java.util.List.of("2 getpid", "4 getcwd", "5 write"), seen);
    }
}
