package dev.kemu.strace;

import java.io.ByteArrayOutputStream;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A line of the hex dump strace writes after a call with {@code -e read=FD} or {@code -e write=FD} (strace
 * src/util.c:dumpstr(), dumpiov_upto()): {@code  | 00010  67 68 69 6a 6b 6c 6d 6e  6f 70 ...  ghijklmnop... |}, 16
 * bytes a line after their offset, or {@code  * 2 bytes in buffer 0} before the dump of each iovec. The line belongs
 * to the call above it; strace writes it without pid or time.
 *
 * @param lineNo the 1-based line number, 0 when built by code
 * @param text the whole line
 */
public record DumpLine(int lineNo, String text) implements TraceLine {

    private static final String ROW = " | ";
    private static final String IOV = " * ";

    /**
     * Checks that the text is a dump row or an iovec header.
     *
     * @param lineNo the 1-based line number, 0 when built by code
     * @param text the whole line
     */
    public DumpLine {
        Objects.requireNonNull(text, "text");
        if (!isDump(text) || lineNo < 0) {
            throw new IllegalArgumentException("not a dump line: " + text);
        }
    }

    static boolean isDump(String text) {
        return text.indexOf('\n') < 0 && ((text.startsWith(ROW) && text.endsWith(" |") && text.length() > 12)
                || (text.startsWith(IOV) && text.contains(" bytes in buffer ")));
    }

    /**
     * The offset of the first byte of a dump row.
     *
     * @return the offset, empty for an iovec header
     */
    public OptionalInt offset() {
        if (!text.startsWith(ROW)) {
            return OptionalInt.empty();
        }
        int end = text.indexOf(' ', ROW.length());
        try {
            return OptionalInt.of(Integer.parseInt(text, ROW.length(), end, 16));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * The bytes of a dump row, read from its hex columns.
     *
     * @return up to 16 bytes; empty for an iovec header
     */
    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16);
        if (!text.startsWith(ROW)) {
            return out.toByteArray();
        }
        int i = text.indexOf(' ', ROW.length()) + 2;
        for (int k = 0; k < 16 && i > 1 && i + 1 < text.length(); k++) {
            int hi = Character.digit(text.charAt(i), 16);
            int lo = Character.digit(text.charAt(i + 1), 16);
            if (hi < 0 || lo < 0) {
                break;
            }
            out.write(hi << 4 | lo);
            i += k == 7 ? 4 : 3;
        }
        return out.toByteArray();
    }
}
