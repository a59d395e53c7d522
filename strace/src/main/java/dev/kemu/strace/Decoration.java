package dev.kemu.strace;

import java.util.Optional;

/**
 * Reads the {@code -y}/{@code -yy} decoration of a descriptor (strace src/util.c:printfd()): a path printed like a
 * string without quotes and with {@code <} and {@code >} escaped, optionally followed by a {@code -yy} detail in
 * angle brackets ({@code /dev/null<char 1:3>}); or a kind and an inode ({@code pipe:[123]}, {@code TCP:[456]}).
 */
final class Decoration {

    private Decoration() {
    }

    /**
     * The decoded path of a file decoration.
     *
     * @param decoration the text inside the outer angle brackets, or null
     * @return the path, one char per byte; empty when there is no path
     */
    static Optional<String> path(String decoration) {
        if (decoration == null || decoration.isEmpty()) {
            return Optional.empty();
        }
        // An escaped path starts with '/', or with "\x2f" / "\57"-style escapes under -x/-xx.
        int end = decoration.endsWith(" " + ValueParser.DELETED)
                ? decoration.length() - ValueParser.DELETED.length() - 1 : decoration.length();
        int inner = decoration.indexOf('<');
        if (inner >= 0 && inner < end && decoration.charAt(end - 1) == '>') {
            end = inner;
        }
        String body = decoration.substring(0, end);
        if (!body.startsWith("/") && !body.startsWith("\\")) {
            return Optional.empty();
        }
        try {
            Cursor c = new Cursor("<decoration>", 1, "\"" + body + "\"");
            StringLiteral s = StringLiteral.read(c);
            if (!c.atEnd()) {
                return Optional.empty();
            }
            byte[] b = s.bytes();
            return b.length > 0 && b[0] == '/'
                    ? Optional.of(new String(b, java.nio.charset.StandardCharsets.ISO_8859_1)) : Optional.empty();
        } catch (TraceFormatException e) {
            return Optional.empty();
        }
    }
}
