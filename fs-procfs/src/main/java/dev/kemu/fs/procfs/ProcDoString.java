package dev.kemu.fs.procfs;

import java.util.Arrays;

/**
 * The text side of a string sysctl ({@code kernel/sysctl.c:_proc_do_string()}, as
 * {@code proc_dostring()} calls it with {@code sysctl_writes_strict} at its default,
 * {@code SYSCTL_WRITES_STRICT}).
 *
 * <p>Reading at {@code pos} gives the value from {@code pos} on and a newline, cut to the count;
 * past the newline it gives nothing. Writing at {@code pos} keeps the value's first {@code pos}
 * bytes and puts the written bytes after them up to the first NUL or newline, at most
 * {@code maxlen - 1} bytes in all, and moves the position by the whole count; a write at a
 * position beyond the value's end changes nothing and leaves the position. So a write at 0
 * replaces the value and a second write on the same descriptor appends to it.
 *
 * <p>Deliberate divergence: 3.10 had no {@code sysctl_writes_strict} and always wrote from the
 * start; the model keeps the strict rule on every version, as {@link ProcSysFile} does.
 */
final class ProcDoString {
    private ProcDoString() {
    }

    /** The outcome of a write: the new value and the new file position. */
    record Written(byte[] value, long pos) {
    }

    /** {@code _proc_do_string(write=0)}: what a read of {@code count} bytes at {@code pos} returns. */
    static byte[] read(byte[] data, int maxlen, long pos, int count) {
        int len = Math.min(data.length, maxlen);
        if (count == 0 || pos > len) {
            return new byte[0];
        }
        int from = (int) pos;
        int n = Math.min(len - from, count);
        byte[] out = Arrays.copyOf(Arrays.copyOfRange(data, from, from + n), n < count ? n + 1 : n);
        if (n < count) {
            out[n] = '\n';
        }
        return out;
    }

    /** {@code _proc_do_string(write=1)}: the value and position after writing {@code buf} at {@code pos}. */
    static Written write(byte[] data, int maxlen, long pos, byte[] buf) {
        if (buf.length == 0) {
            return new Written(data, pos);
        }
        int len = Math.min(data.length, maxlen - 1);
        if (pos > len) {
            return new Written(data, pos);
        }
        len = (int) pos;
        byte[] out = Arrays.copyOf(data, maxlen - 1);
        for (int p = 0; p < buf.length && len < maxlen - 1; p++) {
            byte c = buf[p];
            if (c == 0 || c == '\n') {
                break;
            }
            out[len++] = c;
        }
        return new Written(Arrays.copyOf(out, len), pos + buf.length);
    }
}
