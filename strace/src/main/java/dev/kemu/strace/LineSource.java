package dev.kemu.strace;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a log, one at a time, split at {@code \n} only (a final line without a newline counts; a {@code \r}
 * stays in its line). Memory is bounded by the longest line. Bytes are decoded as UTF-8 line by line, so an invalid
 * byte is reported with its line and column.
 */
abstract class LineSource implements AutoCloseable {

    final String source;
    private int lineNo;
    /** Whether the line last returned ended the input without a newline: the writer stopped in its middle. */
    boolean cut;

    LineSource(String source) {
        this.source = source;
    }

    /** The number of the line last returned by {@link #next()}. */
    int lineNo() {
        return lineNo;
    }

    /** The next line without its newline, or null at the end. */
    final String next() throws IOException {
        String line = read(lineNo + 1);
        if (line != null) {
            lineNo++;
        }
        return line;
    }

    abstract String read(int nextLineNo) throws IOException;

    @Override
    public abstract void close() throws IOException;

    static LineSource of(String source, Reader reader) {
        return new Chars(source, reader);
    }

    static LineSource of(String source, InputStream in) {
        return new Bytes(source, in);
    }

    /** Lines of a {@link Reader}. */
    private static final class Chars extends LineSource {

        private final Reader reader;
        private final char[] buf = new char[8192];
        private int pos;
        private int limit;
        private boolean eof;
        private final StringBuilder line = new StringBuilder();

        Chars(String source, Reader reader) {
            super(source);
            this.reader = reader;
        }

        @Override
        String read(int nextLineNo) throws IOException {
            line.setLength(0);
            while (true) {
                if (pos == limit) {
                    if (eof || !fill()) {
                        cut = line.length() > 0;
                        return line.length() == 0 ? null : line.toString();
                    }
                }
                int start = pos;
                while (pos < limit && buf[pos] != '\n') {
                    pos++;
                }
                line.append(buf, start, pos - start);
                if (pos < limit) {
                    pos++;
                    String s = line.toString();
                    trim();
                    return s;
                }
            }
        }

        private void trim() {
            if (line.capacity() > 1 << 16) {
                line.setLength(0);
                line.trimToSize();
            }
        }

        private boolean fill() throws IOException {
            int n = reader.read(buf);
            if (n < 0) {
                eof = true;
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    /** Lines of UTF-8 bytes. */
    private static final class Bytes extends LineSource {
        private static final java.lang.invoke.VarHandle WORDS =
                java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
        private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
        private static final long ONES = 0x0101010101010101L;
        private static final long HIGH_BITS = 0x8080808080808080L;

        private final InputStream in;
        private final byte[] buf = new byte[65536];
        private int pos;
        private int limit;
        private boolean eof;
        private byte[] line = new byte[256];
        private int len;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);

        Bytes(String source, InputStream in) {
            super(source);
            this.in = in;
        }

        @Override
        String read(int nextLineNo) throws IOException {
            len = 0;
            long high = 0;
            while (true) {
                if (pos == limit) {
                    if (eof || !fill()) {
                        cut = len > 0;
                        return len == 0 ? null : decode(line, 0, len, (high & HIGH_BITS) != 0, nextLineNo);
                    }
                }
                int start = pos;
                // One look at each byte: the end of the line, and whether any byte is not ASCII; eight bytes at a
                // time while none of them is a newline (a word holds one when the word XOR newlines has a zero byte).
                int p = pos;
                while (p + 8 <= limit) {
                    long x = (long) WORDS.get(buf, p);
                    long y = x ^ NEWLINES;
                    if (((y - ONES) & ~y & HIGH_BITS) != 0) {
                        break;
                    }
                    high |= x;
                    p += 8;
                }
                while (p < limit) {
                    byte b = buf[p];
                    if (b == '\n') {
                        break;
                    }
                    high |= b;
                    p++;
                }
                pos = p;
                boolean nonAscii = (high & HIGH_BITS) != 0;
                if (pos < limit && len == 0) {
                    // The whole line is in the buffer: decoded from there, without a copy.
                    pos++;
                    return decode(buf, start, p - start, nonAscii, nextLineNo);
                }
                append(start, pos - start);
                if (pos < limit) {
                    pos++;
                    return decode(line, 0, len, nonAscii, nextLineNo);
                }
            }
        }

        private void append(int from, int n) {
            if (len + n > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, len + n));
            }
            System.arraycopy(buf, from, line, len, n);
            len += n;
        }

        private String decode(byte[] bytes, int from, int n, boolean nonAscii, int lineNo) {
            String s;
            if (!nonAscii) {
                s = new String(bytes, from, n, StandardCharsets.ISO_8859_1);
            } else {
                decoder.reset();
                ByteBuffer bb = ByteBuffer.wrap(bytes, from, n);
                CharBuffer out = CharBuffer.allocate(n);
                CoderResult r = decoder.decode(bb, out, true);
                if (r.isError()) {
                    throw new TraceFormatException(source, lineNo, bb.position() - from + 1, "bytes that are not UTF-8");
                }
                decoder.flush(out);
                out.flip();
                s = out.toString();
            }
            if (line.length > 1 << 16) {
                line = new byte[256];
            }
            return s;
        }

        private boolean fill() throws IOException {
            int n = in.read(buf);
            while (n == 0) {
                n = in.read(buf);
            }
            if (n < 0) {
                eof = true;
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
