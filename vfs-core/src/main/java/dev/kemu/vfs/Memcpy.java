package dev.kemu.vfs;

/**
 * The kernel's {@code memcpy} as x86-64 executes it ({@code arch/x86/lib/memcpy_64.S}:
 * {@code rep movsb} on every CPU with ERMS/FSRM).
 *
 * <p>When source and destination overlap with the destination above the source, a forward byte
 * copy reads bytes it has already overwritten: the source pattern "smears" across the
 * destination with a period of {@code dst - src}. {@link System#arraycopy} would behave like
 * {@code memmove} instead, hiding the result the kernel produces for overlapping same-file
 * copies; so every copy between page-sized buffers in the model goes through here.
 * Deliberate divergence: CPUs without ERMS use {@code memcpy_orig}, which copies backwards in
 * that case; the model follows the common modern CPU.
 */
public final class Memcpy {
    private Memcpy() {
    }

    /** Copies {@code len} bytes forward, byte by byte in effect, with {@code rep movsb} semantics. */
    public static void forward(byte[] src, int srcPos, byte[] dst, int dstPos, int len) {
        if (src != dst || dstPos <= srcPos || dstPos >= srcPos + len) {
            System.arraycopy(src, srcPos, dst, dstPos, len);
            return;
        }
        // Overlap with dst above src: copy in blocks of the distance, each block disjoint from
        // the one it reads, which gives exactly the byte-by-byte forward result.
        int distance = dstPos - srcPos;
        int done = 0;
        while (done < len) {
            int n = Math.min(distance, len - done);
            System.arraycopy(src, srcPos + done, dst, dstPos + done, n);
            done += n;
        }
    }
}
