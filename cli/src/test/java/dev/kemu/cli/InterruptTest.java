package dev.kemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What Ctrl-C prints: the summary so far of replay, stress and fuzz, in words, not Java maps. */
class InterruptTest {
    @AfterEach
    void done() {
        Interrupt.done();
    }

    @Test
    void fire_summaryRegistered_printsItOnItsWriter() {
        StringWriter out = new StringWriter();
        Interrupt.onInterrupt(new PrintWriter(out), w -> w.println("3 passed, 0 failed"));
        Interrupt.fire();
        assertEquals("\n3 passed, 0 failed\n", out.toString());
    }

    @Test
    void fire_runDone_printsNothing() {
        StringWriter out = new StringWriter();
        Interrupt.onInterrupt(new PrintWriter(out), w -> w.println("3 passed"));
        Interrupt.done();
        Interrupt.fire();
        assertEquals("", out.toString());
    }

    @Test
    void replayInterrupted_noLogYet_saysHowFarItGot() {
        assertEquals("interrupted after 1 of 492 logs: 0 passed, 0 failed, 1 unreadable",
                ReplayCommand.interrupted(List.of(), 1, 492));
    }

    @Test
    void stressInterrupted_oneTask_singular() {
        assertEquals("kemu stress: interrupted after 2.5 s: 1 task, 148,884 operations; data not checked",
                StressCommand.interrupted(2_500_000_000L, 148_884, 1));
    }

    @Test
    void stressExpected_counts_readableNotAMap() {
        assertEquals("EAGAIN 148,884, EOF 12", StressCommand.expected(Map.of("EOF", 12L, "EAGAIN", 148_884L, "ERESTARTSYS", 0L)));
        assertEquals("none", StressCommand.expected(Map.of()));
        assertEquals("1 task", StressCommand.count(1, "task"));
        assertEquals("8 pipes", StressCommand.count(8, "pipe"));
    }

    @Test
    void fuzzInterrupted_mismatches_namesWhereTheyAre() {
        assertEquals("fuzz: interrupted after 12.3 s: 600 scenarios, 2 mismatches (their traces are in out)",
                FuzzCommand.interrupted(600, 2, 12.34, Path.of("out")));
    }
}
