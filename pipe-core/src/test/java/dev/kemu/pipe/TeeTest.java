package dev.kemu.pipe;

import static dev.kemu.pipe.Machine.SPLICE_F_NONBLOCK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Page;
import dev.kemu.vfs.Signal;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserLong;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * tee(2) as 6.18 does it ({@code fs/splice.c:do_tee()}, {@code link_pipe()}): it shares the
 * input's buffers by page reference without consuming them, so a later change to a spliced file
 * shows through both pipes; the shared copies take no merges on fixed kernels, and do on the
 * kernels of research §10.2; its argument checks come in the order of §9.2.
 */
class TeeTest {
    private Machine m;
    private Task t;

    @BeforeEach
    void boot() {
        m = Machine.boot();
        t = m.newTask();
    }

    @Test
    void tee_splicedFileThenFileWritten_bothPipesSeeTheNewBytes() {
        int fd = m.createFile(t, "/f", "hello", Fcntl.O_RDWR);
        int[] a = m.pipe(t, 0);
        int[] c = m.pipe(t, 0);
        assertEquals(5, m.splice(t, fd, UserLong.of(0), a[1], null, 5, 0));

        assertEquals(5, m.tee(t, a[0], c[1], 5, 0));
        assertEquals(1, m.pwrite(t, fd, "J", 0));

        assertEquals("Jello", m.read(t, c[0], 100).text());
        assertEquals("Jello", m.read(t, a[0], 100).text());
    }

    @Test
    void tee_fullBuffers_consumesNothingAndSharesThePages() {
        int[] a = m.pipe(t, 0);
        int[] c = m.pipe(t, 0);
        m.fillWithPages(t, a[1], 2);
        assertEquals(3, m.write(t, a[1], "xyz"));

        assertEquals(2 * Page.SIZE + 2, m.tee(t, a[0], c[1], 2 * Page.SIZE + 2, 0));

        Pipe in = Machine.pipeOf(t, a[0]);
        Pipe out = Machine.pipeOf(t, c[0]);
        assertEquals(2L * Page.SIZE + 3, in.bytesQueued());
        assertEquals(2L * Page.SIZE + 2, out.bytesQueued());
        in.mutex().lock();
        out.mutex().lock();
        try {
            for (int i = 0; i < 3; i++) {
                assertSame(in.buf(in.tail + i).page, out.buf(out.tail + i).page, "slot " + i);
            }
            assertEquals(0, out.buf(out.tail + 2).flags & PipeBuffer.CAN_MERGE);
        } finally {
            out.mutex().unlock();
            in.mutex().unlock();
        }
    }

    /** Research §10.2, reproduction A: returns what b and then a read. */
    private List<String> teeThenWriteBoth() {
        int[] a = m.pipe(t, 0);
        int[] b = m.pipe(t, 0);
        assertEquals(1, m.write(t, a[1], "A"));
        assertEquals(1, m.tee(t, a[0], b[1], 1, 0));

        assertEquals(1, m.write(t, b[1], "B"));
        assertEquals(1, m.write(t, a[1], "C"));

        return List.of(m.read(t, b[0], 16).text(), m.read(t, a[0], 16).text());
    }

    @Test
    void write_afterTee_fixedKernelAppendsToOwnBuffer() {
        assertEquals(List.of("AB", "AC"), teeThenWriteBoth());
    }

    @Test
    void write_afterTee_aliasingKernelOverwritesTheOtherPipe() {
        m = Machine.boot(SpliceTest.ALIASING);
        t = m.newTask();

        assertEquals(List.of("AC", "AC"), teeThenWriteBoth());
    }

    @Test
    void tee_unknownFlagWithZeroLength_returnsEinval() {
        assertEquals(Errno.EINVAL.neg(), m.tee(t, -1, -1, 0, 0xffff));
    }

    @Test
    void tee_zeroLength_returnsZeroBeforeDescriptors() {
        assertEquals(0, m.tee(t, -1, -1, 0, 0));
    }

    @Test
    void tee_badDescriptor_returnsEbadf() {
        int[] p = m.pipe(t, 0);

        assertEquals(Errno.EBADF.neg(), m.tee(t, -1, p[1], 1, 0));
        assertEquals(Errno.EBADF.neg(), m.tee(t, p[0], -1, 1, 0));
    }

    @Test
    void tee_writeEndAsInput_returnsEbadf() {
        int[] p = m.pipe(t, 0);
        int[] q = m.pipe(t, 0);

        assertEquals(Errno.EBADF.neg(), m.tee(t, p[1], q[1], 1, 0));
    }

    @Test
    void tee_samePipe_returnsEinval() {
        int[] p = m.pipe(t, 0);
        assertEquals(1, m.write(t, p[1], "x"));

        assertEquals(Errno.EINVAL.neg(), m.tee(t, p[0], p[1], 1, 0));
    }

    @Test
    void tee_fileAsInput_returnsEinval() {
        int fd = m.createFile(t, "/f", "data", Fcntl.O_RDONLY);
        int[] p = m.pipe(t, 0);

        assertEquals(Errno.EINVAL.neg(), m.tee(t, fd, p[1], 1, 0));
    }

    @Test
    void tee_emptyInputNonblocking_returnsEagain() {
        int[] a = m.pipe(t, 0);
        int[] b = m.pipe(t, 0);
        int[] na = m.pipe(t, Fcntl.O_NONBLOCK);

        assertEquals(Errno.EAGAIN.neg(), m.tee(t, a[0], b[1], 1, SPLICE_F_NONBLOCK));
        assertEquals(Errno.EAGAIN.neg(), m.tee(t, na[0], b[1], 1, 0));
    }

    @Test
    void tee_fullOutputNonblocking_returnsEagain() {
        int[] a = m.pipe(t, 0);
        int[] b = m.pipe(t, Fcntl.O_NONBLOCK);
        assertEquals(1, m.write(t, a[1], "x"));
        m.fillWithPages(t, b[1], Pipe.DEF_BUFFERS);

        assertEquals(Errno.EAGAIN.neg(), m.tee(t, a[0], b[1], 1, 0));
    }

    @Test
    void tee_emptyInputWithoutWriters_returnsZero() {
        int[] a = m.pipe(t, 0);
        int[] b = m.pipe(t, 0);
        assertEquals(0, m.close(t, a[1]));

        assertEquals(0, m.tee(t, a[0], b[1], 1, 0));
    }

    @Test
    void tee_outputWithoutReaders_returnsEpipeAndRaisesSigpipe() {
        int[] a = m.pipe(t, 0);
        int[] b = m.pipe(t, 0);
        assertEquals(1, m.write(t, a[1], "x"));
        assertEquals(0, m.close(t, b[0]));
        t.takeRaisedSignals();

        assertEquals(Errno.EPIPE.neg(), m.tee(t, a[0], b[1], 1, 0));
        assertEquals(List.of(Signal.SIGPIPE), t.takeRaisedSignals());
    }

    @Test
    void tee_moreThanTheOutputHolds_stopsWhenItIsFull() {
        int[] a = m.pipe(t, 0);
        int[] b = m.pipe(t, 0);
        assertEquals(2 * Page.SIZE, m.fcntl(t, b[1], Fcntl.F_SETPIPE_SZ, 2 * Page.SIZE));
        assertEquals(Page.SIZE, m.write(t, b[1], new byte[Page.SIZE]));
        m.fillWithPages(t, a[1], 2);

        // One slot is free in the output: one page is linked and the call returns.
        assertEquals(Page.SIZE, m.tee(t, a[0], b[1], 2 * Page.SIZE, 0));
    }
}
