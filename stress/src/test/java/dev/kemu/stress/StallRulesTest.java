package dev.kemu.stress;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.stress.StallRules.Phase;
import dev.kemu.stress.StallRules.Ripe;
import dev.kemu.stress.StallRules.TaskView;
import org.junit.jupiter.api.Test;

class StallRulesTest {
    private static final long STALL = 1_000;
    private final StallRules rules = new StallRules(STALL, 0);

    private static TaskView running(long ops) {
        return new TaskView(false, ops, false, 0, Ripe.NO, null);
    }

    private static TaskView asleep(long ops, long episode, Ripe ripe) {
        return new TaskView(false, ops, true, episode, ripe, "pipe#1 rd_wait");
    }

    private static TaskView finished(long ops) {
        return new TaskView(true, ops, false, 0, Ripe.NO, null);
    }

    @Test
    void tick_lockCycle_isReportedAtOnce() {
        String f = rules.tick(0, new TaskView[] {running(1)}, Phase.ACTIVE, "threads a, b");

        assertNotNull(f);
        assertTrue(f.startsWith("lock cycle"), f);
    }

    @Test
    void tick_sleeperWhoseConditionHoldsForTheStallTime_isALostWakeUp() {
        assertNull(rules.tick(0, new TaskView[] {running(1), asleep(5, 7, Ripe.YES)}, Phase.ACTIVE, null));
        assertNull(rules.tick(STALL / 2, new TaskView[] {running(2), asleep(5, 7, Ripe.YES)}, Phase.ACTIVE, null));
        String f = rules.tick(STALL, new TaskView[] {running(3), asleep(5, 7, Ripe.YES)}, Phase.ACTIVE, null);

        assertNotNull(f);
        assertTrue(f.startsWith("lost wake-up: task 1"), f);
    }

    @Test
    void tick_sleeperWokenAndAsleepAgain_startsAFreshClock() {
        rules.tick(0, new TaskView[] {running(1), asleep(5, 7, Ripe.YES)}, Phase.ACTIVE, null);

        assertNull(rules.tick(STALL, new TaskView[] {running(2), asleep(6, 8, Ripe.YES)}, Phase.ACTIVE, null));
    }

    @Test
    void tick_sleeperWhosePipeCouldNotBeInspected_isNeverReported() {
        rules.tick(0, new TaskView[] {running(1), asleep(5, 7, Ripe.YES)}, Phase.ACTIVE, null);
        rules.tick(STALL / 2, new TaskView[] {running(2), asleep(5, 7, Ripe.UNKNOWN)}, Phase.ACTIVE, null);

        assertNull(rules.tick(STALL, new TaskView[] {running(3), asleep(5, 7, Ripe.YES)}, Phase.ACTIVE, null));
    }

    @Test
    void tick_everyTaskThePumpIncludedAsleepOnFalseConditions_isNobodyToWake() {
        TaskView[] all = {asleep(1, 1, Ripe.NO), asleep(1, 1, Ripe.NO)};
        assertNull(rules.tick(0, all, Phase.ACTIVE, null));
        String f = rules.tick(STALL, all, Phase.ACTIVE, null);

        assertNotNull(f);
        assertTrue(f.startsWith("nobody to wake"), f);
    }

    @Test
    void tick_othersAsleepWhileThePumpRuns_isIdle() {
        for (long t = 0; t <= 3 * STALL; t += STALL / 4) {
            assertNull(rules.tick(t, new TaskView[] {running(t), asleep(1, 1, Ripe.NO), asleep(1, 2, Ripe.NO)}, Phase.ACTIVE, null));
        }
    }

    @Test
    void tick_sleepersAfterThePumpFinished_areIdleNotDeadlocked() {
        TaskView[] all = {finished(9), asleep(1, 1, Ripe.NO), asleep(1, 2, Ripe.NO)};
        assertNull(rules.tick(0, all, Phase.ENDING, null));
        assertNull(rules.tick(STALL, all, Phase.ENDING, null));
        assertNull(rules.tick(10 * STALL, all, Phase.STOPPING, null));
    }

    @Test
    void tick_noOperationForTwiceTheStallTime_isNoProgress() {
        TaskView[] stuck = {running(4), running(4)};
        assertNull(rules.tick(0, stuck, Phase.ACTIVE, null));
        assertNull(rules.tick(STALL, stuck, Phase.ACTIVE, null));
        String f = rules.tick(2 * STALL, stuck, Phase.ACTIVE, null);

        assertNotNull(f);
        assertTrue(f.startsWith("no progress"), f);
    }

    @Test
    void tick_noOperationWhileStopping_isLeftToTheExitBound() {
        TaskView[] stuck = {running(4), running(4)};
        rules.tick(0, stuck, Phase.STOPPING, null);

        assertNull(rules.tick(5 * STALL, stuck, Phase.STOPPING, null));
    }
}
