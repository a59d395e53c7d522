package dev.kemu.strace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Logs strace 6.1 wrote for real programs, each option set: every line parses, and each construct reads right. */
class RealLogTest {

    static Stream<Path> logs() {
        return RealLogs.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logs")
    void read_realLog_everyLineParsesAndPrintsBack(Path log) {
        List<String> text = RealLogs.lines(log);
        assertTrue(text.size() >= 2, log + " is nearly empty");
        List<TraceLine> lines = new ArrayList<>();
        try (TraceReader r = TraceReader.open(log)) {
            for (TraceLine line : r) {
                lines.add(line);
            }
        }
        assertEquals(text.size(), lines.size());
        for (int i = 0; i < lines.size(); i++) {
            TraceLine line = lines.get(i);
            assertEquals(i + 1, line.lineNo());
            assertEquals(text.get(i), TracePrinter.format(line), log + ":" + (i + 1));
            if (line instanceof SyscallLine s) {
                assertNull(s.opaque(), log + ":" + (i + 1) + " " + s.opaque());
            }
        }
        assertEquals(lines, TraceParser.parse(log).lines());
    }

    @Test
    void read_prlimitOfPlainLog_givesMultiplicationAsConstant() {
        SyscallLine prlimit = calls("cp-plain.strace", "prlimit64").get(0);
        StructArg limits = (StructArg) prlimit.arg(3);
        assertEquals(Sym.of("8192*1024"), limits.field("rlim_cur").orElseThrow().withoutRaw());
        assertEquals(Sym.of("RLIM64_INFINITY"), limits.field("rlim_max").orElseThrow().withoutRaw());
    }

    @Test
    void read_ioctlWithTwoNames_givesOneConstant() {
        SyscallLine ioctl = calls("cp-plain.strace", "ioctl").stream()
                .filter(c -> c.raw().contains("FICLONE")).findFirst().orElseThrow();
        assertEquals("BTRFS_IOC_CLONE or FICLONE", ((Sym) ioctl.arg(1)).text());
        assertEquals("EOPNOTSUPP", ioctl.result().errno());
    }

    @Test
    void read_followForksLog_givesEveryLineThePidItStartsWith() {
        for (String name : List.of("cp-f.strace", "bash-pipe-f.strace", "sigpipe-f.strace", "python-copies-f.strace")) {
            List<String> text = RealLogs.lines(RealLogs.path(name));
            List<TraceLine> lines = RealLogs.parse(name);
            for (int i = 0; i < lines.size(); i++) {
                int pid = Integer.parseInt(text.get(i).substring(0, text.get(i).indexOf(' ')));
                assertEquals(pid, lines.get(i).pid(), name + ":" + (i + 1));
            }
        }
    }

    @Test
    void read_bracketPidLog_givesPidOnlyWhereStracePrintedIt() {
        Path log = RealLogs.path("bash-pid-brackets.strace");
        List<String> text = RealLogs.lines(log);
        List<TraceLine> lines = TraceParser.parse(log).lines();
        Pattern pid = Pattern.compile("^\\[pid +(\\d+)\\] ");
        int withPid = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = pid.matcher(text.get(i));
            int expected = m.find() ? Integer.parseInt(m.group(1)) : 0;
            withPid += expected > 0 ? 1 : 0;
            assertEquals(expected, lines.get(i).pid(), "line " + (i + 1));
        }
        assertTrue(withPid > 5 && withPid < lines.size(), withPid + " lines with a pid");
    }

    @Test
    void read_separateFilesPerProcess_haveNoPid() {
        List<Path> files = RealLogs.ff();
        assertTrue(files.size() >= 3, files.toString());
        for (Path f : files) {
            for (TraceLine line : TraceParser.parse(f).lines()) {
                assertEquals(0, line.pid(), f + ":" + line.lineNo());
                assertFalse(line instanceof UnfinishedLine || line instanceof ResumedLine, f + ":" + line.lineNo());
            }
        }
    }

    @Test
    void read_timeOfDayLogs_giveMicrosecondsSinceMidnight() {
        Pattern t = Pattern.compile("^(?:\\d+ +)?(\\d\\d):(\\d\\d):(\\d\\d)(?:\\.(\\d{6}))? ");
        for (String name : List.of("cat-t.strace", "cat-tt.strace", "bash-pipe-f-tt-T-y.strace")) {
            List<String> text = RealLogs.lines(RealLogs.path(name));
            List<TraceLine> lines = RealLogs.parse(name);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = t.matcher(text.get(i));
                assertTrue(m.find(), name + ":" + (i + 1));
                long micros = ((Long.parseLong(m.group(1)) * 60 + Long.parseLong(m.group(2))) * 60
                        + Long.parseLong(m.group(3))) * 1_000_000 + (m.group(4) == null ? 0 : Long.parseLong(m.group(4)));
                assertEquals(micros, lines.get(i).timeMicros().orElseThrow(), name + ":" + (i + 1));
                assertEquals(Stamp.Clock.TIME_OF_DAY, lines.get(i).stamp().clock());
            }
        }
    }

    @Test
    void read_unixAndRelativeTimeLogs_giveTheirClock() {
        Pattern t = Pattern.compile("^(?:\\d+ +)? *(\\d+)\\.(\\d{6}) ");
        Map<String, Stamp.Clock> clocks = Map.of("cat-ttt-T.strace", Stamp.Clock.UNIX, "cat-r.strace",
                Stamp.Clock.RELATIVE, "timeout-kill-f-ttt.strace", Stamp.Clock.UNIX);
        clocks.forEach((name, clock) -> {
            List<String> text = RealLogs.lines(RealLogs.path(name));
            List<TraceLine> lines = RealLogs.parse(name);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = t.matcher(text.get(i));
                assertTrue(m.find(), name + ":" + (i + 1));
                assertEquals(Long.parseLong(m.group(1)) * 1_000_000 + Long.parseLong(m.group(2)),
                        lines.get(i).timeMicros().orElseThrow(), name + ":" + (i + 1));
                assertEquals(clock, lines.get(i).stamp().clock(), name + ":" + (i + 1));
            }
        });
    }

    @Test
    void read_durationLogs_giveTheDurationOfEveryFinishedCall() {
        Pattern d = Pattern.compile(" <(\\d+)\\.(\\d{6})>$");
        for (String name : List.of("cat-T.strace", "cat-ttt-T.strace", "bash-pipe-f-tt-T-y.strace")) {
            List<String> text = RealLogs.lines(RealLogs.path(name));
            List<TraceLine> lines = RealLogs.parse(name);
            int withDuration = 0;
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = d.matcher(text.get(i));
                TraceLine line = lines.get(i);
                if (m.find()) {
                    withDuration++;
                    assertEquals(Long.parseLong(m.group(1)) * 1_000_000 + Long.parseLong(m.group(2)),
                            line.durationMicros().orElseThrow(), name + ":" + (i + 1));
                } else {
                    assertTrue(line.durationMicros().isEmpty(), name + ":" + (i + 1));
                }
                if (line instanceof SyscallLine s && !s.name().equals("exit_group")) {
                    assertTrue(s.durationMicros().isPresent(), name + ":" + (i + 1));
                }
            }
            assertTrue(withDuration > 10, name);
        }
    }

    @Test
    void read_decoratedLog_keepsDescriptorsNumbersWithTheirPaths() {
        List<SyscallLine> opens = calls("cat-y.strace", "openat");
        SyscallLine openA = opens.stream().filter(c -> ((Str) c.arg(1)).text().equals("a")).findFirst().orElseThrow();
        assertEquals("AT_FDCWD", ((Sym) openA.arg(0)).text());
        String dir = ((Sym) openA.arg(0)).decoration();
        assertTrue(dir.startsWith("/"), dir);
        assertEquals(dir + "/a", openA.result().decoration());
        assertEquals(3, openA.result().value().orElseThrow());
        SyscallLine read = calls("cat-y.strace", "read").get(2);
        Num fd = assertInstanceOf(Num.class, read.arg(0));
        assertEquals(3, fd.value());
        assertEquals(dir + "/a", fd.path().orElseThrow());
    }

    @Test
    void read_deviceDecoration_givesPathAndDevice() {
        SyscallLine stat = calls("cat-yy.strace", "newfstatat").stream()
                .filter(c -> c.raw().startsWith("newfstatat(1<")).findFirst().orElseThrow();
        Num fd = (Num) stat.arg(0);
        assertEquals(1, fd.value());
        assertEquals("/dev/null<char 1:3>", fd.decoration());
        assertEquals("/dev/null", fd.path().orElseThrow());
    }

    @Test
    void read_pathWithAngleBracketsQuoteAndNewline_decodesTheEscapes() {
        for (String name : List.of("cat-y-escaped-path.strace", "cat-yy-xx-escaped-path.strace")) {
            SyscallLine read = calls(name, "read").stream()
                    .filter(c -> ((Num) c.arg(0)).path().orElse("").contains("ird")).findFirst().orElseThrow();
            String path = ((Num) read.arg(0)).path().orElseThrow();
            assertTrue(path.endsWith("/we>ird<na\"me\nx"), name + ": " + path);
        }
    }

    @Test
    void read_socketsAndPipes_keepTheirKindAndInode() {
        SyscallLine pipe = calls("sockets-yy.strace", "pipe2").get(0);
        ListArg fds = (ListArg) pipe.arg(0);
        Num r = (Num) fds.get(0);
        Num w = (Num) fds.get(1);
        assertTrue(r.decoration().matches("pipe:\\[\\d+\\]"), r.decoration());
        assertEquals(r.decoration(), w.decoration());
        assertTrue(r.path().isEmpty());
        SyscallLine socket = calls("sockets-yy.strace", "socket").get(0);
        assertTrue(socket.result().decoration().matches("TCP:\\[\\d+\\]"), socket.result().decoration());
        SyscallLine bind = calls("sockets-yy.strace", "bind").get(0);
        StructArg addr = (StructArg) bind.arg(1);
        assertEquals(Sym.of("inet_addr(\"127.0.0.1\")"), addr.field("sin_addr").orElseThrow().withoutRaw());
    }

    @Test
    void read_verboseConstants_keepTheNumberAndTheComment() {
        SyscallLine open = calls("cp-Xverbose.strace", "openat").stream()
                .filter(c -> ((Str) c.arg(1)).text().equals("b") && c.result().errno() == null)
                .findFirst().orElseThrow();
        assertEquals(-100, ((Num) open.arg(0)).value());
        assertEquals("-100 /* AT_FDCWD */", open.arg(0).raw());
        assertEquals(0x201, ((Num) open.arg(2)).value());
        SyscallLine raw = calls("cp-Xraw.strace", "openat").stream()
                .filter(c -> ((Str) c.arg(1)).text().equals("b") && c.result().errno() == null)
                .findFirst().orElseThrow();
        assertEquals(new Num(-100, "-100"), raw.arg(0));
        assertEquals(new Addr(0x201, "0x201"), raw.arg(2));
    }

    @Test
    void read_verboseStat_givesEveryFieldWithDateComments() {
        SyscallLine stat = calls("cp-v.strace", "newfstatat").get(0);
        StructArg st = (StructArg) stat.arg(2);
        assertFalse(st.ellipsis());
        assertEquals(Sym.of("makedev(0xfe, 0)").text().substring(0, 8),
                ((Sym) st.field("st_dev").orElseThrow()).text().substring(0, 8));
        Num atime = (Num) st.field("st_atime").orElseThrow();
        assertTrue(atime.raw().matches("\\d+ /\\* \\d{4}-\\d\\d-\\d\\dT.*\\+0000 \\*/"), atime.raw());
        SyscallLine execve = calls("cp-v.strace", "execve").get(0);
        ListArg env = (ListArg) execve.arg(2);
        assertTrue(env.items().stream().allMatch(a -> a instanceof Str), env.toString());
    }

    @Test
    void read_pipelineWithForks_joinsEverySplitCallAtItsTwoLines() {
        for (String name : List.of("bash-pipe-f.strace", "bash-pipe-f-tt-T-y.strace", "sigpipe-f.strace")) {
            List<String> text = RealLogs.lines(RealLogs.path(name));
            List<TraceLine> joined = CallJoiner.join(RealLogs.parse(name));
            int split = 0;
            for (TraceLine line : joined) {
                if (line instanceof SyscallLine s && s.endLineNo() != s.lineNo()) {
                    split++;
                    String start = text.get(s.lineNo() - 1);
                    String end = text.get(s.endLineNo() - 1);
                    assertTrue(start.startsWith(s.pid() + " ") && start.endsWith("<unfinished ...>")
                            && start.contains(" " + s.name() + "("), start);
                    assertTrue(end.startsWith(s.pid() + " ") && end.contains("<... " + s.name() + " resumed>"), end);
                    assertTrue(s.endLineNo() > s.lineNo());
                }
            }
            assertTrue(split >= 2, name + ": " + split + " split calls");
            long unfinished = RealLogs.parse(name).stream().filter(l -> l instanceof UnfinishedLine).count();
            long left = joined.stream().filter(l -> l instanceof UnfinishedLine).count();
            assertEquals(unfinished - split, left, name);
        }
    }

    @Test
    void read_joinedRead_hasArgumentsOfBothHalvesAndTheResult() {
        List<TraceLine> lines = RealLogs.parse("bash-pipe-f.strace");
        Map<Integer, UnfinishedLine> open = new HashMap<>();
        int checked = 0;
        for (TraceLine line : lines) {
            if (line instanceof UnfinishedLine u) {
                open.put(u.pid(), u);
            } else if (line instanceof ResumedLine r && open.containsKey(r.pid())) {
                UnfinishedLine u = open.remove(r.pid());
                SyscallLine s = CallJoiner.joined(u, r);
                assertEquals(u.args().size() + r.args().size(), s.args().size());
                assertEquals(r.result(), s.result());
                assertEquals(u.lineNo(), s.lineNo());
                assertEquals(r.lineNo(), s.endLineNo());
                checked++;
            }
        }
        assertTrue(checked >= 2);
    }

    @Test
    void read_killedSleep_givesVanishedCallAndKillStatus() {
        List<TraceLine> lines = RealLogs.parse("timeout-kill-f-ttt.strace");
        ResumedLine vanished = lines.stream().filter(l -> l instanceof ResumedLine r && r.vanished())
                .map(l -> (ResumedLine) l).findFirst().orElseThrow();
        assertEquals("clock_nanosleep", vanished.name());
        assertTrue(vanished.result().value().isEmpty());
        ExitLine killed = lines.stream().filter(l -> l instanceof ExitLine e && e.pid() == vanished.pid())
                .map(l -> (ExitLine) l).findFirst().orElseThrow();
        assertEquals("SIGKILL", killed.signal().orElseThrow());
        assertTrue(killed.exitCode().isEmpty());
        ExitLine parent = (ExitLine) lines.get(lines.size() - 1);
        assertEquals(137, parent.exitCode().orElseThrow());
        assertTrue(parent.signal().isEmpty());
        SignalLine alarm = lines.stream().filter(l -> l instanceof SignalLine s && s.signal().equals("SIGALRM"))
                .map(l -> (SignalLine) l).findFirst().orElseThrow();
        assertEquals(Sym.of("SI_TIMER"), alarm.siginfo().orElseThrow().field("si_code").orElseThrow().withoutRaw());
        SyscallLine wait = lines.stream().filter(l -> l instanceof SyscallLine s && s.name().equals("wait4")
                && s.result().value().orElseThrow() == vanished.pid()).map(l -> (SyscallLine) l).findFirst()
                .orElseThrow();
        assertEquals(Sym.of("{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}"), ((ListArg) wait.arg(1)).get(0).withoutRaw());
    }

    @Test
    void read_childKilledByPipe_givesSigchldFields() {
        List<TraceLine> lines = RealLogs.parse("sigpipe-f.strace");
        ExitLine killed = lines.stream().filter(l -> l instanceof ExitLine e && e.signal().isPresent())
                .map(l -> (ExitLine) l).findFirst().orElseThrow();
        assertEquals("SIGPIPE", killed.signal().orElseThrow());
        SignalLine chld = lines.stream().filter(l -> l instanceof SignalLine s && s.signal().equals("SIGCHLD")
                && s.text().contains("CLD_KILLED")).map(l -> (SignalLine) l).findFirst().orElseThrow();
        StructArg info = chld.siginfo().orElseThrow();
        assertEquals(Sym.of("CLD_KILLED"), info.field("si_code").orElseThrow().withoutRaw());
        assertEquals(Num.of(killed.pid()), info.field("si_pid").orElseThrow().withoutRaw());
        assertEquals(Sym.of("SIGPIPE"), info.field("si_status").orElseThrow().withoutRaw());
        assertEquals(Num.of(0), info.field("si_uid").orElseThrow().withoutRaw());
    }

    @Test
    void read_brokenPipe_givesSigpipeAndKilledBySigpipe() {
        List<TraceLine> lines = RealLogs.parse("sigpipe.strace");
        SyscallLine epipe = lines.stream().filter(l -> l instanceof SyscallLine s && s.result().isError())
                .map(l -> (SyscallLine) l).findFirst().orElseThrow();
        assertEquals("EPIPE", epipe.result().errno());
        SignalLine sig = lines.stream().filter(l -> l instanceof SignalLine).map(l -> (SignalLine) l)
                .findFirst().orElseThrow();
        assertEquals("SIGPIPE", sig.signal());
        assertEquals(Sym.of("SI_USER"), sig.siginfo().orElseThrow().field("si_code").orElseThrow().withoutRaw());
        ExitLine exit = (ExitLine) lines.get(lines.size() - 1);
        assertEquals("SIGPIPE", exit.signal().orElseThrow());
        assertFalse(exit.coreDumped());
    }

    @Test
    void read_waitForKilledChild_givesStatusAsConstant() {
        SyscallLine wait = CallJoiner.join(RealLogs.parse("sigpipe-f.strace")).stream()
                .filter(l -> l instanceof SyscallLine s && s.name().equals("wait4") && s.raw() == null
                        && TracePrinter.format(s).contains("WIFSIGNALED"))
                .map(l -> (SyscallLine) l).findFirst().orElseThrow();
        ListArg status = (ListArg) wait.arg(1);
        assertEquals(Sym.of("{WIFSIGNALED(s) && WTERMSIG(s) == SIGPIPE}"), status.get(0).withoutRaw());
    }

    @Test
    void read_segfault_givesSiginfoAddressAndKill() {
        List<TraceLine> lines = RealLogs.parse("segv.strace");
        SignalLine sig = (SignalLine) lines.stream().filter(l -> l instanceof SignalLine).findFirst().orElseThrow();
        assertEquals("SIGSEGV", sig.signal());
        assertEquals(Null.of(), sig.siginfo().orElseThrow().field("si_addr").orElseThrow().withoutRaw());
        ExitLine exit = (ExitLine) lines.get(lines.size() - 1);
        assertEquals("SIGSEGV", exit.signal().orElseThrow());
    }

    @Test
    void read_copiesInPython_givesChangedOffsets() {
        SyscallLine sendfile = calls("python-copies-f.strace", "sendfile").get(0);
        assertEquals(Changed.of(ListArg.of(Num.of(0)), ListArg.of(Num.of(1000))), sendfile.arg(2).withoutRaw());
        SyscallLine splice = calls("python-copies-f.strace", "splice").get(0);
        assertEquals(100, splice.result().value().orElseThrow());
    }

    @Test
    void read_hexLogs_giveTheirQuotingToEmptyStrings() {
        List<Str> empty = new ArrayList<>();
        for (SyscallLine s : calls("dd-xx.strace", null)) {
            for (Arg a : s.args()) {
                if (a instanceof Str str) {
                    assertEquals(Quoting.HEX_ALL, str.quoting(), s.raw());
                    if (str.length() == 0) {
                        empty.add(str);
                    }
                }
            }
        }
        assertFalse(empty.isEmpty());
    }

    @Test
    void read_dumpOfWrite_givesTheBytesWritten() {
        List<TraceLine> lines = RealLogs.parse("sh-dump-read-write.strace");
        int write = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i) instanceof SyscallLine s && s.name().equals("write")) {
                write = i;
            }
        }
        StringBuilder dumped = new StringBuilder();
        for (int i = write + 1; i < lines.size() && lines.get(i) instanceof DumpLine d; i++) {
            assertEquals(16 * (i - write - 1), d.offset().orElseThrow());
            dumped.append(new String(d.bytes(), java.nio.charset.StandardCharsets.US_ASCII));
        }
        assertEquals("0123456789abcdefghijklmnopqrstuvwxyz", dumped.toString());
    }

    @Test
    void read_instructionPointerSyscallNumberAndComm_stayInPrefix() {
        Path log = RealLogs.path("sh-i-n-Y.strace");
        List<String> text = RealLogs.lines(log);
        List<TraceLine> lines = TraceParser.parse(log).lines();
        for (int i = 0; i < lines.size(); i++) {
            String t = text.get(i);
            assertEquals(Integer.parseInt(t.substring(0, t.indexOf('<'))), lines.get(i).pid(), t);
            assertTrue(lines.get(i).timeMicros().isPresent(), t);
        }
        SyscallLine write = lines.stream().filter(l -> l instanceof SyscallLine s && s.name().equals("write"))
                .map(l -> (SyscallLine) l).findFirst().orElseThrow();
        assertTrue(write.stamp().prefix().matches("\\d+<sh> [0-9:.]+ \\[ +1\\] \\[[0-9a-f]{16}\\] "),
                write.stamp().prefix());
    }

    @Test
    void read_threadsStartedWithClone3_joinTheSplitChangedStruct() {
        List<TraceLine> lines = RealLogs.parse("python-threads-f.strace");
        long split = lines.stream().filter(l -> l instanceof ResumedLine r && r.changesLast()).count();
        assertTrue(split >= 1);
        int joined = 0;
        for (TraceLine line : CallJoiner.join(lines)) {
            if (line instanceof SyscallLine s && s.name().equals("clone3") && s.raw() == null) {
                Changed ch = (Changed) s.arg(0);
                assertTrue(((StructArg) ch.before()).field("flags").isPresent());
                ListArg tid = (ListArg) ((StructArg) ch.after()).field("parent_tid").orElseThrow();
                assertEquals(s.result().value().orElseThrow(), ((Num) tid.get(0)).value());
                assertEquals(Num.of(88), s.arg(1).withoutRaw());
                joined++;
            }
        }
        assertEquals(split, joined);
    }

    @Test
    void read_verboseFlagsWithCommentEach_orTheBits() {
        SyscallLine socket = calls("sh-Xverbose-flags.strace", "socket").get(0);
        assertEquals(0x80801, ((Num) socket.arg(1)).value());
        SyscallLine statx = calls("sh-Xverbose-flags.strace", "statx").get(0);
        assertEquals(0x900, ((Num) statx.arg(2)).value());
        SyscallLine raw = calls("stat-Xraw.strace", "statx").get(0);
        assertEquals(new Num(0x900, "|0x900"), raw.arg(2));
    }

    @Test
    void read_stoppedContinuedInterruptedKilledChild_givesEachSignalAndTheInterruptedSleeps() {
        List<TraceLine> lines = RealLogs.parse("python-stop-cont-int-kill-f-tt.strace");
        SignalLine stop = lines.stream().filter(l -> l instanceof SignalLine s && s.stopped())
                .map(l -> (SignalLine) l).findFirst().orElseThrow();
        assertEquals("SIGSTOP", stop.signal());
        int child = stop.pid();
        List<String> childSignals = lines.stream().filter(l -> l instanceof SignalLine s && s.pid() == child)
                .map(l -> ((SignalLine) l).signal()).toList();
        assertEquals(List.of("SIGSTOP", "SIGSTOP", "SIGCONT", "SIGINT"), childSignals);
        List<String> chld = lines.stream().filter(l -> l instanceof SignalLine s && s.signal().equals("SIGCHLD"))
                .map(l -> ((Sym) ((SignalLine) l).siginfo().orElseThrow().field("si_code").orElseThrow()).text())
                .toList();
        assertEquals(List.of("CLD_STOPPED", "CLD_CONTINUED", "CLD_KILLED"), chld);
        long interrupted = CallJoiner.join(lines).stream().filter(l -> l instanceof SyscallLine s
                && s.pid() == child && "ERESTARTNOHAND".equals(s.result().errno()) && s.endLineNo() > s.lineNo())
                .count();
        assertEquals(2, interrupted);
        assertTrue(lines.stream().anyMatch(l -> l instanceof ResumedLine r && r.vanished() && r.pid() == child));
        assertEquals("SIGKILL", lines.stream().filter(l -> l instanceof ExitLine e && e.pid() == child)
                .map(l -> ((ExitLine) l).signal().orElseThrow()).findFirst().orElseThrow());
    }

    private static List<SyscallLine> calls(String log, String name) {
        List<SyscallLine> out = new ArrayList<>();
        for (TraceLine line : RealLogs.parse(log)) {
            if (line instanceof SyscallLine s && (name == null || s.name().equals(name))) {
                out.add(s);
            }
        }
        return out;
    }
}
