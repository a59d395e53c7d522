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
 * splice(2) as 6.18 does it ({@code fs/splice.c}), and the two version-dependent bugs it takes
 * part in: pipe-to-pipe moves whole buffers and shares partial ones by page reference; a file
 * spliced into a pipe is referenced, not copied; the aliasing of partially spliced anonymous
 * buffers (research §10.2) and Dirty Pipe (§10.1) appear exactly under the behaviours of the
 * kernels that had them; the argument checks come in the order of §9.1.
 */
class SpliceTest {
    /** 3.10–5.0: nothing makes a shared anonymous slot unmergeable, and merging is decided by ops. */
    static final PipeBehaviour ALIASING = new PipeBehaviour() {
        @Override
        public Unmergeable unmergeable() {
            return Unmergeable.NOTHING;
        }

        @Override
        public MergeRule mergeRule() {
            return MergeRule.BY_OPS;
        }
    };

    /** 5.8–5.16.10: CAN_MERGE decides merging, and splice from the page cache leaves a recycled slot's flags. */
    static final PipeBehaviour DIRTY_PIPE = new PipeBehaviour() {
        @Override
        public boolean spliceReadInitsFlags() {
            return false;
        }
    };

    /** 4.9–5.7: the same stale flags, but merging is decided by ops, so they do no harm. */
    static final PipeBehaviour STALE_FLAGS_MERGE_BY_OPS = new PipeBehaviour() {
        @Override
        public boolean spliceReadInitsFlags() {
            return false;
        }

        @Override
        public MergeRule mergeRule() {
            return MergeRule.BY_OPS;
        }
    };

    private Machine m;
    private Task t;

    @BeforeEach
    void boot() {
        m = Machine.boot();
        t = m.newTask();
    }

    private void reboot(PipeBehaviour behaviour) {
        m = Machine.boot(behaviour);
        t = m.newTask();
    }

    /** The {@code i}-th occupied slot, oldest first. */
    private static PipeBuffer slot(Pipe pipe, int i) {
        pipe.mutex().lock();
        try {
            return pipe.buf(pipe.tail + i);
        } finally {
            pipe.mutex().unlock();
        }
    }

    @Test
    void splice_fileToPipe_referencesThePageCachePage() {
        int fd = m.createFile(t, "/f", "hello", Fcntl.O_RDWR);
        int[] p = m.pipe(t, 0);

        assertEquals(5, m.splice(t, fd, UserLong.of(0), p[1], null, 5, 0));
        assertEquals(1, m.pwrite(t, fd, "J", 0));

        Page page = slot(Machine.pipeOf(t, p[0]), 0).page();
        assertEquals(PipeBufOps.PAGE_CACHE, slot(Machine.pipeOf(t, p[0]), 0).ops());
        assertEquals('J', page.data()[0]);
        assertEquals("Jello", m.read(t, p[0], 100).text());
    }

    @Test
    void splice_partThenRestOfABuffer_sharesThenMovesTheSamePage() {
        int[] a = m.pipe(t, 0);
        int[] b = m.pipe(t, 0);
        assertEquals(10, m.write(t, a[1], "0123456789"));
        Page original = slot(Machine.pipeOf(t, a[0]), 0).page();

        assertEquals(4, m.splice(t, a[0], b[1], 4, 0)); // part of the buffer: a second reference
        assertEquals(6, m.splice(t, a[0], b[1], 100, 0));

        Pipe out = Machine.pipeOf(t, b[0]);
        assertSame(original, slot(out, 0).page());
        assertSame(original, slot(out, 1).page());
        assertEquals(0, slot(out, 0).offset());
        assertEquals(4, slot(out, 0).len());
        assertEquals(4, slot(out, 1).offset());
        assertEquals(6, slot(out, 1).len());
        assertEquals(0, Machine.pipeOf(t, a[0]).bytesQueued());
        assertEquals("0123456789", m.read(t, b[0], 100).text());
    }

    @Test
    void splice_wholeBuffer_keepsItsFlagsAndLeavesNoCopy() {
        int[] a = m.pipe(t, 0);
        int[] b = m.pipe(t, 0);
        assertEquals(3, m.write(t, a[1], "abc"));

        assertEquals(3, m.splice(t, a[0], b[1], 3, 0));
        // The moved buffer is still CAN_MERGE: a write to the output appends to it.
        assertEquals(1, m.write(t, b[1], "d"));

        Pipe out = Machine.pipeOf(t, b[0]);
        assertEquals(PipeBuffer.CAN_MERGE, slot(out, 0).flags() & PipeBuffer.CAN_MERGE);
        assertEquals(4, slot(out, 0).len());
        assertEquals("abcd", m.read(t, b[0], 100).text());
    }

    @Test
    void splice_partOfBufferThenWrites_fixedKernelKeepsPipesApart() {
        int[] c = m.pipe(t, 0);
        int[] d = m.pipe(t, 0);
        assertEquals(6, m.write(t, c[1], "abcdef"));
        assertEquals(3, m.splice(t, c[0], d[1], 3, 0));

        assertEquals(1, m.write(t, d[1], "X"));
        assertEquals(1, m.write(t, c[1], "Y"));

        assertEquals("abcX", m.read(t, d[0], 16).text());
        assertEquals("defY", m.read(t, c[0], 16).text());
    }

    @Test
    void splice_partOfBufferThenWrites_aliasingKernelOverwritesTheOtherPipe() {
        reboot(ALIASING);
        int[] c = m.pipe(t, 0);
        int[] d = m.pipe(t, 0);
        assertEquals(6, m.write(t, c[1], "abcdef"));
        assertEquals(3, m.splice(t, c[0], d[1], 3, 0));

        assertEquals(1, m.write(t, d[1], "X"));
        assertEquals(1, m.write(t, c[1], "Y"));

        assertEquals("abcX", m.read(t, d[0], 16).text());
        assertEquals("XefY", m.read(t, c[0], 16).text());
    }

    /** Research §10.1: the LTP dirtypipe sequence with a 16-byte file, X = 5 and "XYZ". */
    private String dirtyPipe() {
        int fd = m.createFile(t, "/victim", "0123456789ABCDEF", Fcntl.O_RDONLY);
        int[] p = m.pipe(t, 0);
        assertEquals(65536, m.fcntl(t, p[1], Fcntl.F_GETPIPE_SZ, 0));
        m.fillWithPages(t, p[1], Pipe.DEF_BUFFERS);
        for (int i = 0; i < Pipe.DEF_BUFFERS; i++) {
            assertEquals(Page.SIZE, m.read(t, p[0], Page.SIZE).ret());
        }

        assertEquals(1, m.splice(t, fd, UserLong.of(4), p[1], null, 1, 0));
        assertEquals(3, m.write(t, p[1], "XYZ"));

        assertEquals("4XYZ", m.read(t, p[0], 100).text());
        return m.pread(t, fd, 16, 0).text();
    }

    @Test
    void write_afterSpliceIntoRecycledSlot_fixedKernelLeavesFileAlone() {
        assertEquals("0123456789ABCDEF", dirtyPipe());
    }

    @Test
    void write_afterSpliceIntoRecycledSlot_dirtyPipeKernelWritesThePageCache() {
        reboot(DIRTY_PIPE);

        assertEquals("01234XYZ89ABCDEF", dirtyPipe());
    }

    @Test
    void write_afterSpliceIntoRecycledSlot_staleFlagsHarmlessWhenMergingByOps() {
        reboot(STALE_FLAGS_MERGE_BY_OPS);

        assertEquals("0123456789ABCDEF", dirtyPipe());
    }

    @Test
    void splice_samePipe_returnsEinval() {
        int[] p = m.pipe(t, 0);
        assertEquals(1, m.write(t, p[1], "x"));

        assertEquals(Errno.EINVAL.neg(), m.splice(t, p[0], p[1], 1, 0));
        assertEquals(1, Machine.pipeOf(t, p[0]).bytesQueued());
    }

    @Test
    void splice_zeroLength_returnsZeroBeforeCheckingFlagsOrDescriptors() {
        assertEquals(0, m.splice(t, -1, -1, 0, 0xffff));
    }

    @Test
    void splice_unknownFlag_returnsEinvalBeforeEbadf() {
        assertEquals(Errno.EINVAL.neg(), m.splice(t, -1, -1, 1, 0x10));
    }

    @Test
    void splice_badDescriptor_returnsEbadf() {
        int[] q = m.pipe(t, 0);

        assertEquals(Errno.EBADF.neg(), m.splice(t, -1, q[1], 1, 0));
        assertEquals(Errno.EBADF.neg(), m.splice(t, q[0], 99, 1, 0));
    }

    @Test
    void splice_offsetOnWrongEndOfPipe_returnsEspipeBeforeEbadf() {
        int[] p = m.pipe(t, 0);
        int[] q = m.pipe(t, 0);

        assertEquals(Errno.ESPIPE.neg(), m.splice(t, p[1], UserLong.of(0), q[1], null, 1, 0));
        assertEquals(Errno.EBADF.neg(), m.splice(t, p[1], null, q[1], null, 1, 0));
    }

    @Test
    void splice_wrongAccessModes_returnEbadf() {
        int[] q = m.pipe(t, 0);
        int wronly = m.createFile(t, "/w", "data", Fcntl.O_WRONLY);
        int rdonly = m.createFile(t, "/r", "data", Fcntl.O_RDONLY);
        assertEquals(1, m.write(t, q[1], "x"));

        assertEquals(Errno.EBADF.neg(), m.splice(t, wronly, q[1], 1, 0));
        assertEquals(Errno.EBADF.neg(), m.splice(t, q[0], rdonly, 1, 0));
    }

    @Test
    void splice_neitherSideAPipe_returnsEinval() {
        int in = m.createFile(t, "/in", "data", Fcntl.O_RDONLY);
        int out = m.createFile(t, "/out", "", Fcntl.O_WRONLY);

        assertEquals(Errno.EINVAL.neg(), m.splice(t, in, out, 4, 0));
    }

    @Test
    void splice_pipeToAppendOnlyFile_returnsEinval() {
        int[] p = m.pipe(t, 0);
        int out = m.createFile(t, "/out", "", Fcntl.O_WRONLY | Fcntl.O_APPEND);
        assertEquals(1, m.write(t, p[1], "x"));

        assertEquals(Errno.EINVAL.neg(), m.splice(t, p[0], out, 1, 0));
    }

    @Test
    void splice_negativeInputOffset_returnsEinval() {
        int fd = m.createFile(t, "/f", "data", Fcntl.O_RDONLY);
        int[] p = m.pipe(t, 0);

        assertEquals(Errno.EINVAL.neg(), m.splice(t, fd, UserLong.of(-1), p[1], null, 1, 0));
    }

    @Test
    void splice_faultingInputOffset_returnsEfault() {
        int fd = m.createFile(t, "/f", "data", Fcntl.O_RDONLY);
        int[] p = m.pipe(t, 0);

        assertEquals(Errno.EFAULT.neg(), m.splice(t, fd, UserLong.faulting(), p[1], null, 1, 0));
    }

    @Test
    void splice_fileToPipeWithSizeMaxLength_returnsEinval() {
        int fd = m.createFile(t, "/f", "data", Fcntl.O_RDONLY);
        int[] p = m.pipe(t, 0);

        assertEquals(Errno.EINVAL.neg(), m.splice(t, fd, p[1], -1L, 0));
    }

    @Test
    void splice_fileToPipeWithOffset_advancesTheOffsetNotThePosition() {
        int fd = m.createFile(t, "/f", "0123456789", Fcntl.O_RDONLY);
        int[] p = m.pipe(t, 0);
        UserLong off = UserLong.of(3);

        assertEquals(4, m.splice(t, fd, off, p[1], null, 4, 0));

        assertEquals(7, off.get());
        assertEquals(2, m.splice(t, fd, p[1], 2, 0));
        assertEquals("345601", m.read(t, p[0], 100).text());
    }

    @Test
    void splice_emptyPipeWithSpliceNonblock_returnsEagain() {
        int[] a = m.pipe(t, 0);
        int[] b = m.pipe(t, 0);
        int out = m.createFile(t, "/out", "", Fcntl.O_WRONLY);

        assertEquals(Errno.EAGAIN.neg(), m.splice(t, a[0], b[1], 1, SPLICE_F_NONBLOCK));
        assertEquals(Errno.EAGAIN.neg(), m.splice(t, a[0], out, 1, SPLICE_F_NONBLOCK));
    }

    @Test
    void splice_emptyPipeOpenedNonblocking_returnsEagainWithoutFlag() {
        int[] a = m.pipe(t, Fcntl.O_NONBLOCK);
        int[] b = m.pipe(t, 0);
        int out = m.createFile(t, "/out", "", Fcntl.O_WRONLY);

        assertEquals(Errno.EAGAIN.neg(), m.splice(t, a[0], b[1], 1, 0));
        assertEquals(Errno.EAGAIN.neg(), m.splice(t, a[0], out, 1, 0));
    }

    @Test
    void splice_fileIntoFullPipeOpenedNonblocking_returnsEagainWithoutFlag() {
        int fd = m.createFile(t, "/f", "data", Fcntl.O_RDONLY);
        int[] p = m.pipe(t, Fcntl.O_NONBLOCK);
        m.fillWithPages(t, p[1], Pipe.DEF_BUFFERS);

        assertEquals(Errno.EAGAIN.neg(), m.splice(t, fd, p[1], 4, 0));
    }

    @Test
    void splice_intoPipeWithoutReaders_returnsEpipeAndRaisesSigpipe() {
        int fd = m.createFile(t, "/f", "data", Fcntl.O_RDONLY);
        int[] p = m.pipe(t, 0);
        int[] q = m.pipe(t, 0);
        assertEquals(1, m.write(t, q[1], "x"));
        assertEquals(0, m.close(t, p[0]));
        t.takeRaisedSignals();

        assertEquals(Errno.EPIPE.neg(), m.splice(t, fd, p[1], 4, 0));
        assertEquals(List.of(Signal.SIGPIPE), t.takeRaisedSignals());
        assertEquals(Errno.EPIPE.neg(), m.splice(t, q[0], p[1], 1, 0));
        assertEquals(List.of(Signal.SIGPIPE), t.takeRaisedSignals());
    }

    @Test
    void splice_pipeToFile_writesTheBytesAndConsumesThem() {
        int[] p = m.pipe(t, 0);
        int out = m.createFile(t, "/out", "", Fcntl.O_RDWR);
        assertEquals(5, m.write(t, p[1], "hello"));
        UserLong off = UserLong.of(2);

        assertEquals(5, m.splice(t, p[0], null, out, off, 5, 0));

        assertEquals(7, off.get());
        assertEquals("\0\0hello", m.pread(t, out, 100, 0).text());
        assertEquals(0, Machine.pipeOf(t, p[0]).bytesQueued());
    }

    @Test
    void splice_emptyPipeWithoutWriters_returnsZero() {
        int[] a = m.pipe(t, 0);
        int[] b = m.pipe(t, 0);
        assertEquals(0, m.close(t, a[1]));

        assertEquals(0, m.splice(t, a[0], b[1], 1, 0));
    }

    private int bigFile(int size) {
        StringBuilder sb = new StringBuilder(size);
        for (int i = 0; i < size; i++) {
            sb.append((char) ('a' + i % 26));
        }
        return m.createFile(t, "/big", sb.toString(), Fcntl.O_RDONLY);
    }

    @Test
    void splice_fileFromOffsetOneWithRingSizedLength_stopsWhenTheRingIsFull() {
        int fd = bigFile(70000);
        int[] p = m.pipe(t, 0);
        UserLong off = UserLong.of(1);

        // The first slot holds the 4095 bytes left in page 0; sixteen slots are used.
        assertEquals(65535, m.splice(t, fd, off, p[1], null, 65536, 0));
        assertEquals(65536, off.get());
    }

    @Test
    void splice_fileLongerThanTheRing_isClampedToTheFreeSlots() {
        int fd = bigFile(70000);
        int[] p = m.pipe(t, 0);

        assertEquals(65536, m.splice(t, fd, UserLong.of(0), p[1], null, 70000, 0));
    }

    @Test
    void splice_fileNearEof_returnsTheRestAndAdvancesThePosition() {
        int fd = bigFile(70000);
        int[] p = m.pipe(t, 0);
        assertEquals(69990, m.call(t, () -> m.vfsCalls.lseek(t, fd, 69990, Fcntl.SEEK_SET)));

        assertEquals(10, m.splice(t, fd, p[1], 100, 0));
        assertEquals(70000, m.call(t, () -> m.vfsCalls.lseek(t, fd, 0, Fcntl.SEEK_CUR)));
        assertEquals(0, m.splice(t, fd, p[1], 100, 0));
    }

    @Test
    void splice_pipeIntoFullPipeNonblocking_returnsEagain() {
        int[] a = m.pipe(t, 0);
        int[] b = m.pipe(t, 0);
        assertEquals(1, m.write(t, a[1], "x"));
        m.fillWithPages(t, b[1], Pipe.DEF_BUFFERS);

        assertEquals(Errno.EAGAIN.neg(), m.splice(t, a[0], b[1], 1, SPLICE_F_NONBLOCK));
        assertEquals(1, Machine.pipeOf(t, a[0]).bytesQueued());
    }
}
