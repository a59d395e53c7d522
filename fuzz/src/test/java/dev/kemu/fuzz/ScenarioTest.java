package dev.kemu.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.strace.TracePrinter;
import dev.kemu.vfs.Fcntl;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Scenarios: the same seed gives the same calls, and taking calls out keeps the rest runnable. */
class ScenarioTest {
    /** The scenario as text, descriptors shown as the call that made them. */
    private static String text(Scenario s) {
        return s.calls().stream().map(c -> TracePrinter.format(Lines.line(c, fd -> fd.call() < 0 ? fd.number() : 1000 + fd.call() * 2
                + fd.end()))).collect(Collectors.joining("\n"));
    }

    @Test
    void scenario_sameSeedAndIndex_givesTheSameCalls() {
        for (int i = 0; i < 50; i++) {
            assertEquals(text(Generator.scenario(7, i)), text(Generator.scenario(7, i)));
        }
    }

    @Test
    void scenario_otherIndexOrSeed_givesOtherCalls() {
        assertNotEquals(text(Generator.scenario(7, 1)), text(Generator.scenario(7, 2)));
        assertNotEquals(text(Generator.scenario(7, 1)), text(Generator.scenario(8, 1)));
    }

    @Test
    void scenario_pipes_areAlwaysNonBlocking() {
        for (int i = 0; i < 300; i++) {
            for (Call c : Generator.scenario(3, i).calls()) {
                if (c.name().equals("pipe2")) {
                    assertTrue((((Val.Int) c.args().get(0)).value() & Fcntl.O_NONBLOCK) != 0, c::toString);
                }
                if (c.name().equals("fcntl") && ((Val.Int) c.args().get(1)).value() == Fcntl.F_SETFL) {
                    assertTrue((((Val.Int) c.args().get(2)).value() & Fcntl.O_NONBLOCK) != 0, c::toString);
                }
                if (c.name().equals("splice") || c.name().equals("tee") || c.name().equals("vmsplice")) {
                    long flags = ((Val.Int) c.args().get(c.args().size() - 1)).value();
                    assertTrue((flags & Flags.SPLICE_F_NONBLOCK) != 0, c::toString);
                }
            }
        }
    }

    @Test
    void keep_withoutTheOpen_dropsTheCallsThatUseItsDescriptor() {
        Val.Fd cwd = Val.Fd.of(Fcntl.AT_FDCWD);
        Scenario s = new Scenario(1, 0, List.of(
                Call.of("openat", cwd, Generator.path("a"), Generator.n(Fcntl.O_RDWR | Fcntl.O_CREAT), Generator.n(0644)),
                Call.of("pipe2", Generator.n(Fcntl.O_NONBLOCK)),
                Call.of("write", Val.Fd.from(0, 0), new Val.Bytes(new byte[] {1}), Generator.n(1)),
                Call.of("splice", Val.Fd.from(0, 0), new Val.Ptr(0L), Val.Fd.from(1, 1), new Val.Ptr(null), Generator.n(1),
                        Generator.n(Flags.SPLICE_F_NONBLOCK)),
                Call.of("read", Val.Fd.from(1, 0), Generator.n(10))));
        boolean[] keep = new boolean[5];
        Arrays.fill(keep, true);
        keep[0] = false;

        Scenario kept = s.keep(keep);

        assertEquals(List.of("pipe2", "read"), kept.calls().stream().map(Call::name).toList());
        assertEquals(Val.Fd.from(0, 0), kept.calls().get(1).args().get(0), "renumbered: the pipe is call 0 now");
    }

    @Test
    void shrink_keepsOnlyTheCallsTheDifferenceNeeds() {
        Scenario s = Generator.scenario(5, 5);
        String a = s.calls().get(2).name();
        // "Fails" while call 2's name and some pipe2 are both present: ddmin must find about two calls.
        Scenario small = Shrinker.shrink(s, s.size() - 1, c -> c.calls().stream().anyMatch(x -> x.name().equals("pipe2"))
                && c.calls().stream().anyMatch(x -> x.name().equals(a)), System.nanoTime() + 5_000_000_000L);

        assertTrue(small.size() <= 2, () -> small.size() + " calls left: " + text(small));
    }
}
