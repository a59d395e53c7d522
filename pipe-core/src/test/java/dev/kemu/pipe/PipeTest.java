package dev.kemu.pipe;

import static dev.kemu.pipe.Machine.SPLICE_F_NONBLOCK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Page;
import dev.kemu.vfs.Signal;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserLong;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pipe itself ({@code fs/pipe.c}, 6.18): capacity counted in slots, the merge rule of
 * {@code anon_pipe_write}, PIPE_BUF atomicity, packet mode, EOF and EPIPE/SIGPIPE, and
 * F_SETPIPE_SZ/F_GETPIPE_SZ, with the numbers measured on the host kernel
 * (research/kernel-semantics.md §2–3).
 */
class PipeTest {
    private Machine m;
    private Task t;

    @BeforeEach
    void boot() {
        m = Machine.boot();
        t = m.newTask();
    }

    private static byte[] filled(int n, char c) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) c);
        return b;
    }

    private int occupancy(int fd) {
        Pipe pipe = Machine.pipeOf(t, fd);
        pipe.mutex().lock();
        try {
            return pipe.occupancy();
        } finally {
            pipe.mutex().unlock();
        }
    }

    @Test
    void splice_sixteenOneByteBuffers_fillTheRing() {
        int fd = m.createFile(t, "/f", "abcdefghijklmnopqrstuvwxyz", Fcntl.O_RDONLY);
        int[] p = m.pipe(t, 0);
        for (int i = 0; i < Pipe.DEF_BUFFERS; i++) {
            assertEquals(1, m.splice(t, fd, UserLong.of(i), p[1], null, 1, SPLICE_F_NONBLOCK), "splice " + i);
        }

        assertEquals(Errno.EAGAIN.neg(), m.splice(t, fd, UserLong.of(16), p[1], null, 1, SPLICE_F_NONBLOCK));
        assertEquals(16, Machine.pipeOf(t, p[0]).bytesQueued());
        assertEquals(16, occupancy(p[0]));
    }

    @Test
    void write_afterSixteenOneByteSplices_returnsEagain() {
        int fd = m.createFile(t, "/f", "abcdefghijklmnopqrstuvwxyz", Fcntl.O_RDONLY);
        int[] p = m.pipe(t, Fcntl.O_NONBLOCK);
        for (int i = 0; i < Pipe.DEF_BUFFERS; i++) {
            assertEquals(1, m.splice(t, fd, UserLong.of(i), p[1], null, 1, 0));
        }

        // 16 bytes queued, but page-cache buffers never take a merge and no slot is free.
        assertEquals(Errno.EAGAIN.neg(), m.write(t, p[1], "x"));
        assertEquals("abcdefghijklmnop", m.read(t, p[0], 100).text());
    }

    @Test
    void write_smallIntoMergeableTail_mergesIntoLastBuffer() {
        int[] p = m.pipe(t, 0);

        assertEquals(10, m.write(t, p[1], "0123456789"));
        assertEquals(5, m.write(t, p[1], "abcde"));

        assertEquals(1, occupancy(p[0]));
        assertEquals("0123456789abcde", m.read(t, p[0], 100).text());
    }

    @Test
    void write_pageSized_neverMerges() {
        int[] p = m.pipe(t, 0);
        assertEquals(10, m.write(t, p[1], filled(10, 'a')));

        assertEquals(Page.SIZE, m.write(t, p[1], filled(Page.SIZE, 'b')));
        assertEquals(2, occupancy(p[0]));
        assertEquals(2 * Page.SIZE, m.write(t, p[1], filled(2 * Page.SIZE, 'c')));

        // len % 4096 == 0: nothing goes into the 10-byte buffer, three fresh slots follow it.
        assertEquals(4, occupancy(p[0]));
        assertEquals(10, m.read(t, p[0], 10).ret());
        assertEquals(3 * Page.SIZE, Machine.pipeOf(t, p[0]).bytesQueued());
    }

    @Test
    void write_longerThanAPage_mergesOnlyItsRemainder() {
        int[] p = m.pipe(t, 0);
        assertEquals(10, m.write(t, p[1], filled(10, 'a')));

        assertEquals(Page.SIZE + 100, m.write(t, p[1], filled(Page.SIZE + 100, 'b')));

        // The first len % 4096 = 100 bytes join the 10-byte buffer; one full page follows.
        assertEquals(2, occupancy(p[0]));
        Machine.Read first = m.read(t, p[0], 110);
        assertEquals(110, first.ret());
        assertEquals(Page.SIZE, Machine.pipeOf(t, p[0]).bytesQueued());
    }

    @Test
    void write_twoSlotPipe_100Then8000BothSucceed() {
        int[] p = m.pipe(t, Fcntl.O_NONBLOCK);
        assertEquals(2 * Page.SIZE, m.fcntl(t, p[1], Fcntl.F_SETPIPE_SZ, 2 * Page.SIZE));

        assertEquals(100, m.write(t, p[1], filled(100, 'a')));
        assertEquals(8000, m.write(t, p[1], filled(8000, 'b')));

        // 3904 bytes merged into the first buffer, then one full page.
        assertEquals(2, occupancy(p[0]));
        assertEquals(8100, Machine.pipeOf(t, p[0]).bytesQueued());
        Machine.Read r = m.read(t, p[0], 9000);
        assertEquals(8100, r.ret());
        assertEquals('a', r.data()[99]);
        assertEquals('b', r.data()[100]);
    }

    @Test
    void write_twoSlotPipeHolding4000And4096_returnsEagainFor96Bytes() {
        int[] p = m.pipe(t, Fcntl.O_NONBLOCK);
        assertEquals(2 * Page.SIZE, m.fcntl(t, p[1], Fcntl.F_SETPIPE_SZ, 2 * Page.SIZE));
        assertEquals(4000, m.write(t, p[1], filled(4000, 'a')));
        assertEquals(Page.SIZE, m.write(t, p[1], filled(Page.SIZE, 'b')));

        // Room is left only in the first buffer; a write appends to the last one only.
        assertEquals(Errno.EAGAIN.neg(), m.write(t, p[1], filled(96, 'c')));
        assertEquals(8096, Machine.pipeOf(t, p[0]).bytesQueued());
    }

    @Test
    void write_twoSlotPipe5000Twice_secondIsPartial() {
        int[] p = m.pipe(t, Fcntl.O_NONBLOCK);
        assertEquals(2 * Page.SIZE, m.fcntl(t, p[1], Fcntl.F_SETPIPE_SZ, 2 * Page.SIZE));

        assertEquals(5000, m.write(t, p[1], filled(5000, 'a')));
        // More than PIPE_BUF: 904 bytes merge into slot 1, and no slot is left for the rest.
        assertEquals(904, m.write(t, p[1], filled(5000, 'b')));
    }

    @Test
    void write_pipeBufWithFreeBytesButNoFreeSlot_returnsEagainAndWritesNothing() {
        int[] p = m.pipe(t, Fcntl.O_NONBLOCK);
        m.fillWithPages(t, p[1], Pipe.DEF_BUFFERS - 1);
        assertEquals(1, m.write(t, p[1], "x"));
        long queued = 15L * Page.SIZE + 1;

        // 4095 bytes are free in the last buffer, but a 4096-byte write is never split.
        assertEquals(Errno.EAGAIN.neg(), m.write(t, p[1], filled(Page.SIZE, 'y')));
        assertEquals(queued, Machine.pipeOf(t, p[0]).bytesQueued());

        // A write that fits those 4095 bytes merges.
        assertEquals(Page.SIZE - 1, m.write(t, p[1], filled(Page.SIZE - 1, 'z')));
        assertEquals(queued + Page.SIZE - 1, Machine.pipeOf(t, p[0]).bytesQueued());
    }

    @Test
    void read_packetPipe_returnsOnePacketAndDropsItsRest() {
        int[] p = m.pipe(t, Fcntl.O_DIRECT | Fcntl.O_NONBLOCK);
        assertEquals(3, m.write(t, p[1], "abc"));
        assertEquals(4, m.write(t, p[1], "defg"));
        assertEquals(5, m.write(t, p[1], "hijkl"));
        assertEquals(3, occupancy(p[0]));

        assertEquals("abc", m.read(t, p[0], 100).text());
        assertEquals("de", m.read(t, p[0], 2).text());
        assertEquals("hijkl", m.read(t, p[0], 100).text());
        assertEquals(Errno.EAGAIN.neg(), m.read(t, p[0], 100).ret());
    }

    @Test
    void read_emptyPipeWithoutWriters_returnsEof() {
        int[] p = m.pipe(t, 0);
        assertEquals(2, m.write(t, p[1], "hi"));
        assertEquals(0, m.close(t, p[1]));

        assertEquals("hi", m.read(t, p[0], 100).text());
        assertEquals(0, m.read(t, p[0], 100).ret());
    }

    @Test
    void read_emptyNonblockingPipeWithWriters_returnsEagain() {
        int[] p = m.pipe(t, Fcntl.O_NONBLOCK);

        assertEquals(Errno.EAGAIN.neg(), m.read(t, p[0], 100).ret());
    }

    @Test
    void write_withoutReaders_returnsEpipeAndRaisesSigpipe() {
        int[] p = m.pipe(t, 0);
        assertEquals(0, m.close(t, p[0]));
        t.takeRaisedSignals();

        assertEquals(Errno.EPIPE.neg(), m.write(t, p[1], "x"));
        assertEquals(List.of(Signal.SIGPIPE), t.takeRaisedSignals());
    }

    @ParameterizedTest(name = "F_SETPIPE_SZ {0} -> {1}")
    @CsvSource({
        "0, 4096",
        "1, 4096",
        "4096, 4096",
        "4097, 8192",
        "5000, 8192",
        "12288, 16384",
        "1048576, 1048576",
        "4294971392, 4096", // 2^32 + 4096: the upper half of the argument is dropped
    })
    void fcntlSetPipeSize_size_roundsUpToPowerOfTwoPages(long arg, long expected) {
        int[] p = m.pipe(t, 0);

        assertEquals(expected, m.fcntl(t, p[1], Fcntl.F_SETPIPE_SZ, arg));
        assertEquals(expected, m.fcntl(t, p[0], Fcntl.F_GETPIPE_SZ, 0));
    }

    @ParameterizedTest(name = "F_SETPIPE_SZ {0} -> EINVAL")
    @CsvSource({"2147483649", "-1", "9223372036854775807"})
    void fcntlSetPipeSize_aboveTwoToThe31_returnsEinval(long arg) {
        int[] p = m.pipe(t, 0);

        assertEquals(Errno.EINVAL.neg(), m.fcntl(t, p[1], Fcntl.F_SETPIPE_SZ, arg));
        assertEquals(Pipe.DEF_BUFFERS * Page.SIZE, m.fcntl(t, p[1], Fcntl.F_GETPIPE_SZ, 0));
    }

    @Test
    void fcntlSetPipeSize_aboveMaxSizeWithoutCapSysResource_returnsEperm() {
        int[] p = m.pipe(t, 0);
        t.dropCapability(dev.kemu.vfs.Capability.CAP_SYS_RESOURCE);

        assertEquals(Errno.EPERM.neg(), m.fcntl(t, p[1], Fcntl.F_SETPIPE_SZ, PipeSyscalls.PIPE_MAX_SIZE + 1));
        assertEquals(PipeSyscalls.PIPE_MAX_SIZE, m.fcntl(t, p[1], Fcntl.F_SETPIPE_SZ, PipeSyscalls.PIPE_MAX_SIZE));
    }

    @Test
    void fcntlSetPipeSize_behaviourBefore49_refusesAboveMaxEvenWhenShrinking() {
        Machine old = Machine.boot(new PipeBehaviour() {
            @Override
            public boolean setSizeEpermOnlyWhenGrowing() {
                return false;
            }

            @Override
            public boolean allocCappedByMaxSize() {
                return false;
            }
        });
        Task u = old.newTask();
        int[] p = old.pipe(u, 0);
        assertEquals(2 * PipeSyscalls.PIPE_MAX_SIZE, old.fcntl(u, p[1], Fcntl.F_SETPIPE_SZ, 2L * PipeSyscalls.PIPE_MAX_SIZE));
        u.dropCapability(dev.kemu.vfs.Capability.CAP_SYS_RESOURCE);
        old.vfs.pipeSysctl().setPipeMaxSize(8192);
        assertEquals(Errno.EPERM.neg(), old.fcntl(u, p[1], Fcntl.F_SETPIPE_SZ, 65536), "shrinking, but above the max");
        int[] q = old.pipe(u, 0);
        assertEquals(65536, old.fcntl(u, q[1], Fcntl.F_GETPIPE_SZ, 0), "new pipes are not capped before 4.9");
    }

    @Test
    void fcntlSetPipeSize_belowOccupancy_returnsEbusy() {
        int[] p = m.pipe(t, 0);
        m.fillWithPages(t, p[1], 3);

        assertEquals(Errno.EBUSY.neg(), m.fcntl(t, p[1], Fcntl.F_SETPIPE_SZ, Page.SIZE));
        assertEquals(Errno.EBUSY.neg(), m.fcntl(t, p[1], Fcntl.F_SETPIPE_SZ, 2 * Page.SIZE));
        assertEquals(16384, m.fcntl(t, p[1], Fcntl.F_SETPIPE_SZ, 12288));
        // The queued data survives the move to the new ring.
        assertEquals(3L * Page.SIZE, m.read(t, p[0], 4 * Page.SIZE).ret());
    }

    @Test
    void fcntlGetPipeSize_newPipe_returns65536() {
        int[] p = m.pipe(t, 0);

        assertEquals(65536, m.fcntl(t, p[0], Fcntl.F_GETPIPE_SZ, 0));
        assertEquals(65536, m.fcntl(t, p[1], Fcntl.F_GETPIPE_SZ, 0));
    }

    @Test
    void fcntlPipeSize_regularFile_returnsEbadf() {
        int fd = m.createFile(t, "/f", "x", Fcntl.O_RDWR);

        assertEquals(Errno.EBADF.neg(), m.fcntl(t, fd, Fcntl.F_GETPIPE_SZ, 0));
        assertEquals(Errno.EBADF.neg(), m.fcntl(t, fd, Fcntl.F_SETPIPE_SZ, Page.SIZE));
    }

    @Test
    void read_acrossBuffers_returnsBytesInWriteOrder() {
        int[] p = m.pipe(t, 0);
        byte[] a = filled(Page.SIZE, 'a');
        byte[] b = filled(3, 'b');
        assertEquals(Page.SIZE, m.write(t, p[1], a));
        assertEquals(3, m.write(t, p[1], b));

        Machine.Read r = m.read(t, p[0], Page.SIZE + 10);

        assertEquals(Page.SIZE + 3, r.ret());
        byte[] expected = new byte[Page.SIZE + 3];
        System.arraycopy(a, 0, expected, 0, a.length);
        System.arraycopy(b, 0, expected, a.length, b.length);
        assertArrayEquals(expected, r.data());
    }
}
