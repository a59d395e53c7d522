package dev.kemu.strace;

import java.util.List;

/**
 * Writes traces back as strace text.
 *
 * <p>Parsed lines and values are printed from their raw text, so printing a parsed trace gives back the input byte
 * for byte (each line followed by {@code \n}). Lines and values built by code are formatted as strace does
 * (strace src/syscall.c, src/util.c): {@code name(a, b)}, then one space, then spaces up to column
 * {@value #RESULT_COLUMN} (0-based; nothing more when the call text is already that long), then {@code = } and the
 * result: {@code close(3)                                = 0}. A line's {@link Stamp} is printed around it from its
 * prefix and suffix text, and the column counts from the start of the line, pid and time included, as strace
 * counts it.
 */
public final class TracePrinter {

    /** The 0-based column at which strace prints the {@code =} of a result (its {@code -a} default). */
    public static final int RESULT_COLUMN = 40;

    private TracePrinter() {
    }

    /**
     * The text of a whole trace.
     *
     * @param trace the trace
     * @return every line followed by {@code \n}
     */
    public static String print(Trace trace) {
        StringBuilder sb = new StringBuilder();
        for (TraceLine line : trace.lines()) {
            appendLine(sb, line);
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * The text of one line, without a newline.
     *
     * @param line the line
     * @return its text
     */
    public static String format(TraceLine line) {
        if (line instanceof SyscallLine s && s.raw() != null) {
            return s.raw();
        }
        if (line instanceof UnfinishedLine u && u.raw() != null) {
            return u.raw();
        }
        if (line instanceof ResumedLine r && r.raw() != null) {
            return r.raw();
        }
        StringBuilder sb = new StringBuilder();
        appendLine(sb, line);
        return sb.toString();
    }

    /**
     * The text of one value.
     *
     * @param arg the value
     * @return its raw text, or the value formatted as strace would print it
     */
    public static String formatArg(Arg arg) {
        if (arg.raw() != null) {
            return arg.raw();
        }
        StringBuilder sb = new StringBuilder();
        appendArg(sb, arg);
        return sb.toString();
    }

    /**
     * The text of a result (after {@code "= "}).
     *
     * @param result the result
     * @return e.g. {@code -1 EBADF (Bad file descriptor)}
     */
    public static String formatResult(Result result) {
        if (result.raw() != null) {
            return result.raw();
        }
        StringBuilder sb = new StringBuilder();
        if (result.unavailable()) {
            return "? <unavailable>";
        }
        if (result.value().isEmpty()) {
            sb.append('?');
        } else if (result.isHex()) {
            long v = result.value().getAsLong();
            sb.append(v == 0 ? "0" : "0x" + Long.toHexString(v));
        } else {
            sb.append(result.value().getAsLong());
        }
        appendDecoration(sb, result.decoration());
        if (result.errno() != null) {
            sb.append(' ').append(result.errno());
        }
        if (result.comment() != null) {
            sb.append(" (").append(result.comment()).append(')');
        }
        return sb.toString();
    }

    private static void appendLine(StringBuilder sb, TraceLine line) {
        if (line instanceof SyscallLine s) {
            appendCall(sb, s);
        } else if (line instanceof Comment c) {
            sb.append(c.text());
        } else if (line instanceof SignalLine s) {
            sb.append(s.stamp().prefix()).append(s.text());
        } else if (line instanceof ExitLine e) {
            sb.append(e.stamp().prefix()).append(e.text());
        } else if (line instanceof DumpLine d) {
            sb.append(d.text());
        } else if (line instanceof UnfinishedLine u) {
            appendUnfinished(sb, u);
        } else if (line instanceof ResumedLine r) {
            appendResumed(sb, r);
        }
    }

    private static void appendCall(StringBuilder sb, SyscallLine s) {
        if (s.raw() != null) {
            sb.append(s.raw());
            return;
        }
        int start = sb.length();
        sb.append(s.stamp().prefix()).append(s.name()).append('(');
        appendAll(sb, s.args());
        sb.append(')');
        appendResult(sb, start, s.result(), s.stamp(), s.name());
    }

    private static void appendUnfinished(StringBuilder sb, UnfinishedLine u) {
        if (u.raw() != null) {
            sb.append(u.raw());
            return;
        }
        sb.append(u.stamp().prefix()).append(u.name()).append('(');
        appendAll(sb, u.args());
        sb.append(u.args().isEmpty() ? " " : ",  ").append("<unfinished ...>");
    }

    private static void appendResumed(StringBuilder sb, ResumedLine r) {
        if (r.raw() != null) {
            sb.append(r.raw());
            return;
        }
        int start = sb.length();
        sb.append(r.stamp().prefix()).append("<... ").append(r.name()).append(" resumed>");
        if (r.vanished()) {
            sb.append(" <unfinished ...>");
        }
        if (r.changesLast()) {
            sb.append(" => ");
        }
        appendAll(sb, r.args());
        sb.append(')');
        appendResult(sb, start, r.result(), r.stamp(), r.name());
    }

    /** Calls whose result is an address: strace prints it in hex ({@code RVAL_HEX} in their decoders). */
    private static final java.util.Set<String> ADDRESS_RESULTS = java.util.Set.of("mmap", "brk", "mremap", "shmat");

    private static void appendResult(StringBuilder sb, int lineStart, Result result, Stamp stamp, String name) {
        sb.append(' ');
        while (sb.length() - lineStart < RESULT_COLUMN) {
            sb.append(' ');
        }
        String text = formatResult(result);
        if (result.raw() == null && ADDRESS_RESULTS.contains(name) && !result.isError() && result.value().isPresent()
                && result.decoration() == null && result.comment() == null) {
            long v = result.value().getAsLong();
            text = v == 0 ? "0" : "0x" + Long.toHexString(v);
        } else if (result.raw() == null && name.equals("umask") && !result.isError() && result.value().isPresent()) {
            // RVAL_OCTAL: printed with "%#03lo" (000, 022, 0777).
            StringBuilder o = new StringBuilder("0").append(Long.toOctalString(result.value().getAsLong()));
            while (o.length() < 3) {
                o.insert(0, '0');
            }
            text = o.toString();
        }
        sb.append("= ").append(text).append(stamp.suffix());
    }

    private static void appendAll(StringBuilder sb, List<Arg> args) {
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            appendArg(sb, args.get(i));
        }
    }

    private static void appendArg(StringBuilder sb, Arg arg) {
        if (arg.raw() != null) {
            sb.append(arg.raw());
        } else if (arg instanceof Num n) {
            sb.append(n.value());
            appendDecoration(sb, n.decoration());
        } else if (arg instanceof Sym s) {
            sb.append(s.text());
            appendDecoration(sb, s.decoration());
        } else if (arg instanceof Named n) {
            sb.append(n.name()).append('=');
            appendArg(sb, n.value());
        } else if (arg instanceof Str s) {
            byte[] b = s.bytesUnsafe();
            StraceString.appendQuoted(sb, b, b.length, s.truncated(), s.quoting());
        } else if (arg instanceof Addr a) {
            sb.append("0x").append(Long.toHexString(a.value()));
        } else if (arg instanceof Null) {
            sb.append("NULL");
        } else if (arg instanceof ListArg l) {
            sb.append('[');
            appendAll(sb, l.items());
            sb.append(']');
        } else if (arg instanceof StructArg st) {
            appendStruct(sb, st);
        } else if (arg instanceof Changed ch) {
            appendArg(sb, ch.before());
            sb.append(" => ");
            appendArg(sb, ch.after());
        }
    }

    private static void appendDecoration(StringBuilder sb, String decoration) {
        if (decoration == null) {
            return;
        }
        String deleted = " " + ValueParser.DELETED;
        if (decoration.endsWith(deleted)) {
            sb.append('<').append(decoration, 0, decoration.length() - deleted.length()).append('>')
                    .append(ValueParser.DELETED);
        } else {
            sb.append('<').append(decoration).append('>');
        }
    }

    private static void appendStruct(StringBuilder sb, StructArg st) {
        sb.append('{');
        List<StructArg.Field> fields = st.fields();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(fields.get(i).name()).append('=');
            appendArg(sb, fields.get(i).value());
        }
        if (st.ellipsis()) {
            sb.append(fields.isEmpty() ? "..." : ", ...");
        }
        sb.append('}');
    }
}
