package dev.kemu.strace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CallJoinerTest {

    private static final String LOG = String.join("\n",
            "10    read(3,  <unfinished ...>",
            "11    write(4, \"ab\", 2 <unfinished ...>",
            "11    <... write resumed>)              = 2",
            "12    close(5)                          = 0",
            "10    <... read resumed>\"xy\", 10)       = 2 <0.000500>",
            "13    <... close resumed>)              = 0",
            "14    nanosleep({tv_sec=1, tv_nsec=0},  <unfinished ...>",
            "");

    private static List<TraceLine> lines() {
        return TraceParser.parse("j", LOG).lines();
    }

    @Test
    void join_interleavedPids_joinsEachCallWhereItStarted() {
        List<TraceLine> joined = CallJoiner.join(lines());
        assertEquals(5, joined.size());
        SyscallLine read = (SyscallLine) joined.get(0);
        assertEquals("read", read.name());
        assertEquals(10, read.pid());
        assertEquals(1, read.lineNo());
        assertEquals(5, read.endLineNo());
        assertEquals(List.of(Num.of(3), Str.of("xy", Quoting.DEFAULT), Num.of(10)),
                read.args().stream().map(Arg::withoutRaw).toList());
        assertEquals(2, read.result().value().orElseThrow());
        assertEquals(500, read.durationMicros().orElseThrow());
        SyscallLine write = (SyscallLine) joined.get(1);
        assertEquals(2, write.lineNo());
        assertEquals(3, write.endLineNo());
        assertEquals(3, write.args().size());
        assertEquals(4, joined.get(2).lineNo());
        ResumedLine orphan = (ResumedLine) joined.get(3);
        assertEquals(13, orphan.pid());
        UnfinishedLine open = (UnfinishedLine) joined.get(4);
        assertEquals(14, open.pid());
    }

    @Test
    void accept_stream_returnsJoinedCallAtItsResumption() {
        CallJoiner j = new CallJoiner();
        List<TraceLine> in = lines();
        assertNull(j.accept(in.get(0)));
        assertNull(j.accept(in.get(1)));
        SyscallLine write = (SyscallLine) j.accept(in.get(2));
        assertEquals("write", write.name());
        assertSame(in.get(3), j.accept(in.get(3)));
        assertEquals("read", ((SyscallLine) j.accept(in.get(4))).name());
        assertSame(in.get(5), j.accept(in.get(5)));
        assertNull(j.accept(in.get(6)));
        assertEquals(List.of(14), List.copyOf(j.pending().keySet()));
    }

    @Test
    void joined_printsAsOneCall() {
        SyscallLine read = (SyscallLine) CallJoiner.join(lines()).get(0);
        assertEquals("10    read(3, \"xy\", 10)                 = 2 <0.000500>", TracePrinter.format(read));
    }

    @Test
    void joined_halvesOfDifferentCalls_throws() {
        List<TraceLine> in = lines();
        assertThrows(IllegalArgumentException.class,
                () -> CallJoiner.joined((UnfinishedLine) in.get(0), (ResumedLine) in.get(2)));
    }
}
