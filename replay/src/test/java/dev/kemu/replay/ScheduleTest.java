package dev.kemu.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.strace.SignalLine;
import dev.kemu.strace.TraceParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The events of a pass: where calls start and where split calls must have finished, in log order. */
class ScheduleTest {
    private static Schedule of(String log) {
        return new Schedule(TraceParser.parse("t.strace", log).lines().iterator());
    }

    private static List<Schedule.Event> all(Schedule s) {
        List<Schedule.Event> out = new ArrayList<>();
        for (Schedule.Event e = s.next(); e != null; e = s.next()) {
            out.add(e);
        }
        return out;
    }

    @Test
    void splitCall_startsAtItsFirstHalfWithBothHalvesJoined_andResumesAtItsSecond() {
        List<Schedule.Event> ev = all(of("""
                100 read(3,  <unfinished ...>
                101 write(4, "hi", 2)                   = 2
                100 <... read resumed>"hi", 16)         = 2
                """));
        assertEquals(3, ev.size());
        Schedule.Start start = assertInstanceOf(Schedule.Start.class, ev.get(0));
        assertTrue(start.split());
        assertFalse(start.endless());
        assertEquals(1, start.lineNo());
        assertEquals(3, start.call().args().size(), "the arguments of both halves");
        assertEquals(2, start.call().result().value().getAsLong(), "the result of the second half");
        Schedule.Start whole = assertInstanceOf(Schedule.Start.class, ev.get(1));
        assertFalse(whole.split());
        assertEquals(101, whole.pid());
        Schedule.Resume resume = assertInstanceOf(Schedule.Resume.class, ev.get(2));
        assertEquals(3, resume.lineNo());
        assertEquals(start.call(), resume.call());
    }

    @Test
    void firstHalfNeverResumed_isAnEndlessStart_atItsPlace() {
        List<Schedule.Event> ev = all(of("""
                100 read(3,  <unfinished ...>
                101 close(4)                            = 0
                """));
        Schedule.Start start = assertInstanceOf(Schedule.Start.class, ev.get(0));
        assertTrue(start.endless());
        assertTrue(start.call().result().value().isEmpty(), "the log never shows its result");
        assertEquals(1, start.lineNo());
        assertEquals(2, ev.get(1).lineNo());
    }

    @Test
    void signalAfter_isTheTasksNextSignalBeforeItsNextCall() {
        Schedule s = of("""
                100 wait4(101,  <unfinished ...>
                101 kill(100, SIGUSR1)                  = 0
                100 <... wait4 resumed>0x7ffd0, 0, NULL) = ? ERESTARTSYS (To be restarted if SA_RESTART is set)
                101 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=9, si_uid=0, si_status=0, si_utime=0, si_stime=0} ---
                100 --- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, si_pid=101, si_uid=0} ---
                100 wait4(101,  <unfinished ...>
                """);
        s.next();
        assertEquals("SIGUSR1", s.signalAfter(100), "past its own resumed half and another task's signal");
        assertNull(s.signalAfter(101), "its next call, the kill, comes first");
        assertNull(s.signalAfter(102), "a task the log does not show again");
        s.next();
        assertEquals("SIGCHLD", s.signalAfter(101));
    }

    @Test
    void otherLines_comeInTheirPlace() {
        List<Schedule.Event> ev = all(of("""
                100 exit_group(0)                       = ?
                100 +++ exited with 0 +++
                """));
        assertEquals(2, ev.size());
        assertInstanceOf(Schedule.Other.class, ev.get(1));
        assertEquals(2, ev.get(1).lineNo());
        assertFalse(((Schedule.Other) ev.get(1)).line() instanceof SignalLine);
    }

    @Test
    void mergedPerProcessFiles_aCallEndsJustBeforeItsTasksNextLine() {
        Schedule s = new Schedule(TraceParser.parse("t.strace", """
                100 wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 101
                101 exit_group(0)                       = ?
                101 +++ exited with 0 +++
                100 close(3)                            = 0
                """).lines().iterator(), true);
        List<Schedule.Event> ev = all(s);
        assertTrue(((Schedule.Start) ev.get(0)).split(), "its end is not where strace printed it");
        assertEquals(List.of("Start 100", "Start 101", "Resume 101", "Other 101", "Resume 100", "Start 100", "Resume 100"),
                ev.stream().map(e -> e.getClass().getSimpleName() + " " + e.pid()).toList());
    }
}
