package dev.kemu.strace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each line form and argument construct strace 6.x writes, one at a time. */
class LineFormsTest {

    private static SyscallLine call(String line) {
        return assertInstanceOf(SyscallLine.class, TraceParser.parseLine(line));
    }

    private static Arg arg(String line, int index) {
        return call(line).arg(index).withoutRaw();
    }

    // --- prefixes and suffix

    @Test
    void unnamedCall_ofATaskKilledEnteringIt_parsesAndJoins() {
        List<TraceLine> lines = TraceParser.parse("t", "31665 ???( <unfinished ...>\n31666 close(3) = 0\n"
                + "31665 <... ??? resumed>)                = ?\n").lines();
        UnfinishedLine u = assertInstanceOf(UnfinishedLine.class, lines.get(0));
        assertEquals("???", u.name());
        SyscallLine joined = assertInstanceOf(SyscallLine.class, CallJoiner.join(lines).get(0));
        assertEquals("???", joined.name());
        assertEquals(1, joined.lineNo());
        assertEquals(3, joined.endLineNo());
        assertTrue(joined.result().value().isEmpty());
        assertEquals("31665 <... ??? resumed>)                = ?", TracePrinter.format(lines.get(2)));
    }

    @Test
    void parse_pidPrefixOfSharedLog_givesPid() {
        SyscallLine s = call("1234  close(3)                    = 0");
        assertEquals(1234, s.pid());
        assertEquals("1234  ", s.stamp().prefix());
        assertEquals(List.of(Num.of(3)), s.args().stream().map(Arg::withoutRaw).toList());
        assertTrue(s.timeMicros().isEmpty());
    }

    @Test
    void parse_bracketPidPrefix_givesPid() {
        assertEquals(77, call("[pid    77] close(3) = 0").pid());
        assertEquals(123456, call("[pid 123456] close(3) = 0").pid());
    }

    @Test
    void parse_noPrefix_givesPidZeroAndNoTime() {
        SyscallLine s = call("close(3) = 0");
        assertEquals(0, s.pid());
        assertEquals(Stamp.NONE, s.stamp());
        assertTrue(s.durationMicros().isEmpty());
    }

    @Test
    void parse_secondsTimestamp_givesMicrosecondsSinceMidnight() {
        SyscallLine s = call("15:04:05 close(3) = 0");
        assertEquals(Stamp.Clock.TIME_OF_DAY, s.stamp().clock());
        assertEquals(((15 * 60 + 4) * 60 + 5) * 1_000_000L, s.timeMicros().orElseThrow());
    }

    @Test
    void parse_microsecondsTimestamp_addsTheFraction() {
        assertEquals(((15 * 60 + 4) * 60 + 5) * 1_000_000L + 123456,
                call("15:04:05.123456 close(3) = 0").timeMicros().orElseThrow());
    }

    @Test
    void parse_unixTimestamp_givesMicrosecondsSinceEpoch() {
        SyscallLine s = call("1700000000.123456 close(3) = 0");
        assertEquals(Stamp.Clock.UNIX, s.stamp().clock());
        assertEquals(1_700_000_000_123_456L, s.timeMicros().orElseThrow());
    }

    @Test
    void parse_nanosecondTimestamp_dropsDigitsBeyondMicroseconds() {
        assertEquals(1_700_000_000_123_456L, call("1700000000.123456789 close(3) = 0").timeMicros().orElseThrow());
    }

    @Test
    void parse_relativeTimestamp_isRelativeClock() {
        SyscallLine s = call("     0.000123 close(3) = 0");
        assertEquals(Stamp.Clock.RELATIVE, s.stamp().clock());
        assertEquals(123, s.timeMicros().orElseThrow());
    }

    @Test
    void parse_durationSuffix_givesDurationAndLeavesResult() {
        SyscallLine s = call("close(3)                                = 0 <0.000012>");
        assertEquals(12, s.durationMicros().orElseThrow());
        assertEquals(Result.ofValue(0), s.result().withoutRaw());
        assertEquals(" <0.000012>", s.stamp().suffix());
    }

    @Test
    void parse_pidTimeAndDuration_givesAllThree() {
        SyscallLine s = call("4321  15:04:05.000001 read(3, \"a\", 1) = 1 <1.500000>");
        assertEquals(4321, s.pid());
        assertEquals(54_245_000_001L, s.timeMicros().orElseThrow());
        assertEquals(1_500_000, s.durationMicros().orElseThrow());
    }

    @Test
    void format_builtLineWithPid_padsResultColumnFromLineStart() {
        SyscallLine s = new SyscallLine(0, "close", List.of(Num.of(3)), Result.ofValue(0), null, Stamp.ofPid(42), 0,
                null);
        assertEquals("42    close(3)                          = 0", TracePrinter.format(s));
        assertEquals(42, TraceParser.parseLine(TracePrinter.format(s)).pid());
    }

    // --- decorations

    @Test
    void parse_decoratedDescriptor_staysNumWithPath() {
        Num fd = (Num) call("read(3</tmp/a>, \"x\", 1) = 1").arg(0);
        assertEquals(3, fd.value());
        assertEquals("/tmp/a", fd.decoration());
        assertEquals("/tmp/a", fd.path().orElseThrow());
        assertEquals("3</tmp/a>", fd.raw());
    }

    @Test
    void parse_decoratedResult_givesValueAndDecoration() {
        Result r = call("openat(AT_FDCWD</tmp>, \"x\", O_RDONLY) = 3</tmp/x>").result();
        assertEquals(3, r.value().orElseThrow());
        assertEquals("/tmp/x", r.decoration());
        assertFalse(r.isError());
    }

    @Test
    void parse_decoratedConstant_keepsConstantText() {
        Sym cwd = (Sym) call("openat(AT_FDCWD</tmp>, \"x\", O_RDONLY) = 3").arg(0);
        assertEquals("AT_FDCWD", cwd.text());
        assertEquals("/tmp", cwd.decoration());
    }

    @Test
    void parse_pipePair_givesBothDescriptorsWithTheInode() {
        ListArg fds = (ListArg) call("pipe2([3<pipe:[123]>, 4<pipe:[123]>], 0) = 0").arg(0);
        assertEquals("pipe:[123]", ((Num) fds.get(0)).decoration());
        assertEquals(4, ((Num) fds.get(1)).value());
        assertTrue(((Num) fds.get(1)).path().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"socket:[456]", "TCP:[456]", "TCP:[127.0.0.1:80->127.0.0.1:5555]",
        "UNIX-STREAM:[1->2]", "anon_inode:[eventpoll]", "/dev/null<char 1:3>"})
    void parse_decorationKinds_keepTheirText(String decoration) {
        Num fd = (Num) call("close(5<" + decoration + ">) = 0").arg(0);
        assertEquals(decoration, fd.decoration());
    }

    @Test
    void parse_deviceDecoration_pathLeavesOutDevice() {
        assertEquals("/dev/null", ((Num) call("close(1</dev/null<char 1:3>>) = 0").arg(0)).path().orElseThrow());
    }

    @Test
    void parse_escapedAngleBracketsInPath_decodes() {
        Num fd = (Num) call("close(3</tmp/a\\76b\\74c\\nd>) = 0").arg(0);
        assertEquals("/tmp/a>b<c\nd", fd.path().orElseThrow());
        Num hex = (Num) call("close(3<\\x2f\\x61\\x3e>) = 0").arg(0);
        assertEquals("/a>", hex.path().orElseThrow());
    }

    @Test
    void parse_deletedFileDecoration_marksItDeleted() {
        SyscallLine s = call("memfd_create(\"x\", MFD_CLOEXEC)    = 18</memfd:x>(deleted)");
        assertEquals("/memfd:x (deleted)", s.result().decoration());
        Num fd = (Num) call("write(18</memfd:x>(deleted), \"hello\", 5) = 5").arg(0);
        assertEquals("/memfd:x (deleted)", fd.decoration());
        assertEquals("/memfd:x", fd.path().orElseThrow());
        assertEquals("write(18</memfd:x>(deleted), \"hello\", 5) = 5",
                TracePrinter.format(SyscallLine.of("write", Result.ofValue(5), fd.withoutRaw(),
                        Str.of("hello", Quoting.DEFAULT), Num.of(5))));
    }

    @Test
    void parse_verboseConstantWithDecoration_givesNumCommentAndPath() {
        Num fd = (Num) call("openat(-100 /* AT_FDCWD */</tmp>, \"x\", 0) = 3").arg(0);
        assertEquals(-100, fd.value());
        assertEquals("/tmp", fd.decoration());
    }

    // --- unfinished and resumed

    @Test
    void parse_unfinishedWithArgs_givesArgsSoFar() {
        UnfinishedLine u = assertInstanceOf(UnfinishedLine.class,
                TraceParser.parseLine("5093  read(3,  <unfinished ...>"));
        assertEquals("read", u.name());
        assertEquals(List.of(Num.of(3)), u.args().stream().map(Arg::withoutRaw).toList());
        assertEquals(5093, u.pid());
    }

    @Test
    void parse_unfinishedForms_allParse() {
        assertEquals(0, ((UnfinishedLine) TraceParser.parseLine("12 getpid( <unfinished ...>")).args().size());
        assertEquals(1, ((UnfinishedLine) TraceParser.parseLine("12 close(4 <unfinished ...>")).args().size());
        UnfinishedLine clone = (UnfinishedLine) TraceParser.parseLine(
                "12 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLD <unfinished ...>");
        assertEquals(Named.of("flags", Sym.of("CLONE_CHILD_CLEARTID|SIGCHLD")), clone.args().get(1).withoutRaw());
    }

    @Test
    void parse_resumed_givesRestAndResult() {
        ResumedLine r = assertInstanceOf(ResumedLine.class,
                TraceParser.parseLine("5093  <... read resumed>\"ab\", 4096) = 2"));
        assertEquals("read", r.name());
        assertEquals(2, r.args().size());
        assertEquals(2, r.result().value().orElseThrow());
        assertFalse(r.vanished());
    }

    @Test
    void parse_resumedStartingWithComma_andEmpty_parse() {
        ResumedLine clone = (ResumedLine) TraceParser.parseLine("1 <... clone resumed>, child_tidptr=0x7f00) = 5");
        assertEquals(List.of(Named.of("child_tidptr", Addr.of(0x7f00))),
                clone.args().stream().map(Arg::withoutRaw).toList());
        ResumedLine close = (ResumedLine) TraceParser.parseLine("1 <... close resumed>)              = 0");
        assertTrue(close.args().isEmpty());
    }

    @Test
    void parse_resumedOfVanishedProcess_isFlagged() {
        ResumedLine r = (ResumedLine) TraceParser.parseLine("9 <... clock_nanosleep resumed> <unfinished ...>) = ?");
        assertTrue(r.vanished());
        assertTrue(r.result().value().isEmpty());
    }

    @Test
    void parse_restartSyscall_isOrdinaryCallWithConstant() {
        SyscallLine s = call("restart_syscall(<... resuming interrupted read ...>) = 0");
        assertEquals(Sym.of("<... resuming interrupted read ...>"), s.arg(0).withoutRaw());
    }

    // --- results

    @Test
    void parse_unavailableResult_hasNoValue() {
        Result r = call("exit(0) = ? <unavailable>").result();
        assertTrue(r.unavailable());
        assertTrue(r.value().isEmpty());
        assertEquals("? <unavailable>", TracePrinter.formatResult(r.withoutRaw()));
    }

    @Test
    void parse_resultForms_giveValueErrnoAndComment() {
        assertEquals(0x7f12_3456_7000L, call("mmap(NULL, 4096, PROT_READ, MAP_SHARED, 3, 0) = 0x7f1234567000")
                .result().value().orElseThrow());
        Result poll = call("poll([{fd=3, events=POLLIN}], 1, 0) = 1 ([{fd=3, revents=POLLIN}])").result();
        assertEquals("[{fd=3, revents=POLLIN}]", poll.comment());
        assertEquals("in [3]", call("select(4, [3], NULL, NULL, NULL) = 1 (in [3])").result().comment());
        assertEquals("Timeout", call("select(4, [3], NULL, NULL, {tv_sec=0, tv_usec=0}) = 0 (Timeout)")
                .result().comment());
        Result enoent = call("openat(AT_FDCWD, \"x\", O_RDONLY) = -1 ENOENT (No such file or directory)").result();
        assertEquals(Result.ofErrno("ENOENT", "No such file or directory"), enoent.withoutRaw());
        Result restart = call("read(0, 0x7ffc, 10) = ? ERESTARTSYS (To be restarted if SA_RESTART is set)")
                .result();
        assertEquals(Result.interrupted("ERESTARTSYS", "To be restarted if SA_RESTART is set"), restart.withoutRaw());
    }

    // --- exits and signals

    @Test
    void parse_exitLines_giveStatus() {
        ExitLine exited = (ExitLine) TraceParser.parseLine("12 +++ exited with 3 +++");
        assertEquals(3, exited.exitCode().orElseThrow());
        assertEquals(12, exited.pid());
        assertTrue(exited.signal().isEmpty());
        ExitLine killed = (ExitLine) TraceParser.parseLine("+++ killed by SIGKILL +++");
        assertEquals("SIGKILL", killed.signal().orElseThrow());
        assertFalse(killed.coreDumped());
        assertTrue(killed.exitCode().isEmpty());
        ExitLine core = (ExitLine) TraceParser.parseLine("+++ killed by SIGSEGV (core dumped) +++");
        assertEquals("SIGSEGV", core.signal().orElseThrow());
        assertTrue(core.coreDumped());
        assertEquals(core.text(), ExitLine.killed("SIGSEGV", true).text());
    }

    @Test
    void parse_sigchld_givesSiginfoFields() {
        SignalLine s = (SignalLine) TraceParser.parseLine("7 15:04:05 --- SIGCHLD {si_signo=SIGCHLD, "
                + "si_code=CLD_EXITED, si_pid=123, si_uid=0, si_status=0, si_utime=0, si_stime=0} ---");
        assertEquals("SIGCHLD", s.signal());
        assertEquals(7, s.pid());
        assertEquals(54_245_000_000L, s.timeMicros().orElseThrow());
        StructArg info = s.siginfo().orElseThrow();
        assertEquals(Num.of(123), info.field("si_pid").orElseThrow().withoutRaw());
        assertEquals(Sym.of("CLD_EXITED"), info.field("si_code").orElseThrow().withoutRaw());
        assertFalse(s.stopped());
    }

    @Test
    void parse_stop_givesSignalWithoutSiginfo() {
        SignalLine s = (SignalLine) TraceParser.parseLine("--- stopped by SIGSTOP ---");
        assertEquals("SIGSTOP", s.signal());
        assertTrue(s.stopped());
        assertTrue(s.siginfo().isEmpty());
    }

    @Test
    void parse_sigpipe_givesSiCode() {
        SignalLine s = (SignalLine) TraceParser.parseLine(
                "--- SIGPIPE {si_signo=SIGPIPE, si_code=SI_USER, si_pid=12, si_uid=0} ---");
        assertEquals(Sym.of("SI_USER"), s.siginfo().orElseThrow().field("si_code").orElseThrow().withoutRaw());
    }

    // --- argument expressions

    @Test
    void parse_arithmeticConstants_areSyms() {
        assertEquals(Sym.of("8192*1024"), ((StructArg) arg(
                "prlimit64(0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}) = 0", 3))
                .field("rlim_cur").orElseThrow());
        assertEquals(Sym.of("1<<20"), arg("x(1<<20) = 0", 0));
    }

    @Test
    void parse_signalSets_areSyms() {
        assertEquals(Sym.of("~[RTMIN RT_1]"), arg("rt_sigprocmask(SIG_BLOCK, ~[RTMIN RT_1], [], 8) = 0", 1));
        assertEquals(Sym.of("[HUP INT QUIT]"), arg("rt_sigprocmask(SIG_BLOCK, [HUP INT QUIT], NULL, 8) = 0", 1));
        assertEquals(ListArg.of(Sym.of("CHLD")), arg("rt_sigprocmask(SIG_BLOCK, [CHLD], NULL, 8) = 0", 1));
        assertEquals(ListArg.of(), arg("rt_sigprocmask(SIG_SETMASK, [], NULL, 8) = 0", 1));
    }

    @Test
    void parse_waitStatus_isSymInList() {
        assertEquals(ListArg.of(Sym.of("{WIFEXITED(s) && WEXITSTATUS(s) == 0}")),
                arg("wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 5", 1));
        assertEquals(ListArg.of(Sym.of("{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}")),
                arg("wait4(-1, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}], 0, NULL) = 5", 1));
    }

    @Test
    void parse_namedArguments_areNamed() {
        SyscallLine s = call("clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, "
                + "child_tidptr=0x7f85b0900a10) = 5101");
        assertEquals(Named.of("child_stack", Null.of()), s.arg(0).withoutRaw());
        assertEquals("flags", ((Named) s.arg(1)).name());
        assertEquals(TracePrinter.format(s).substring(0, 40), TracePrinter.format(s.withoutRaw()).substring(0, 40));
    }

    @Test
    void parse_deviceNumbers_areSyms() {
        assertEquals(Sym.of("makedev(0x1, 0x3)"), arg("mknodat(AT_FDCWD, \"n\", S_IFCHR|0600, makedev(0x1, 0x3)) = 0",
                3));
        StructArg st = (StructArg) arg("newfstatat(1, \"\", {st_mode=S_IFCHR|0620, st_rdev=makedev(0x88, 0), ...}, "
                + "AT_EMPTY_PATH) = 0", 2);
        assertEquals(Sym.of("makedev(0x88, 0)"), st.field("st_rdev").orElseThrow());
        assertTrue(st.ellipsis());
    }

    @Test
    void parse_pointerWithCountComment_isNum() {
        SyscallLine exec = call("execve(\"/bin/cat\", [\"cat\", \"a\"], 0x7ffd1000 /* 35 vars */) = 0");
        Num env = (Num) exec.arg(2);
        assertEquals(0x7ffd1000L, env.value());
        assertEquals("0x7ffd1000 /* 35 vars */", env.raw());
        assertEquals(0x55d4, ((Num) call("getdents64(3, 0x55d4 /* 5 entries */, 32768) = 144").arg(1)).value());
    }

    @Test
    void parse_ioctlForms_parse() {
        assertEquals(Sym.of("BTRFS_IOC_CLONE or FICLONE"), arg("ioctl(4, BTRFS_IOC_CLONE or FICLONE, 3) = 0", 1));
        assertEquals(Sym.of("_IOC(_IOC_READ, 0x54, 0x13, 0x4)"),
                arg("ioctl(1, _IOC(_IOC_READ, 0x54, 0x13, 0x4), 0x7ffc) = -1 ENOTTY (Inappropriate ioctl for device)",
                        1));
        assertEquals(Sym.of("{B38400 opost isig icanon echo ...}"),
                arg("ioctl(0, TCGETS, {B38400 opost isig icanon echo ...}) = 0", 2));
        StructArg termios = (StructArg) arg("ioctl(0, TCGETS, {c_iflag=ICRNL|IXON, c_oflag=NL0|CR0, "
                + "c_cflag=B38400|CS8|CREAD, c_lflag=ISIG|ICANON, c_line=N_TTY, c_cc=[[VINTR]=0x3, [VQUIT]=0x1c]})"
                + " = 0", 2);
        assertEquals(Sym.of("[[VINTR]=0x3, [VQUIT]=0x1c]"), termios.field("c_cc").orElseThrow());
    }

    @Test
    void parse_clone3_givesChangedStruct() {
        Changed ch = (Changed) arg("clone3({flags=CLONE_VM|CLONE_VFORK, exit_signal=SIGCHLD, stack=0x7f00, "
                + "stack_size=0x9000} => {parent_tid=[0]}, 88) = 123", 0);
        assertEquals(Sym.of("CLONE_VM|CLONE_VFORK"), ((StructArg) ch.before()).field("flags").orElseThrow());
        assertEquals(ListArg.of(Num.of(0)), ((StructArg) ch.after()).field("parent_tid").orElseThrow());
    }

    @Test
    void parse_timesAndSigactions_areStructs() {
        StructArg ts = (StructArg) arg("nanosleep({tv_sec=0, tv_nsec=100000000}, NULL) = 0", 0);
        assertEquals(Num.of(100_000_000), ts.field("tv_nsec").orElseThrow());
        StructArg sa = (StructArg) arg("rt_sigaction(SIGINT, {sa_handler=SIG_DFL, sa_mask=[], sa_flags=SA_RESTORER, "
                + "sa_restorer=0x7f00}, NULL, 8) = 0", 1);
        assertEquals(ListArg.of(), sa.field("sa_mask").orElseThrow());
        assertEquals(Addr.of(0x7f00), sa.field("sa_restorer").orElseThrow());
    }

    @Test
    void parse_verboseStat_keepsDateComment() {
        StructArg st = (StructArg) call("newfstatat(3, \"\", {st_size=1, st_atime=1700000000 /* "
                + "2023-11-14T22:13:20.123456789+0000 */, st_atime_nsec=123456789}, AT_EMPTY_PATH) = 0").arg(2);
        assertEquals(1_700_000_000L, ((Num) st.field("st_atime").orElseThrow()).value());
    }

    @Test
    void parse_rawAndVerboseConstants_areNumbers() {
        SyscallLine raw = call("openat(-100, \"b\", 0x241, 0644) = 4");
        assertEquals(-100, ((Num) raw.arg(0)).value());
        assertEquals(0x241, ((Addr) raw.arg(2)).value());
        SyscallLine verbose = call("openat(-100 /* AT_FDCWD */, \"b\", 0x241 /* O_WRONLY|O_CREAT|O_TRUNC */, 0644) = 4");
        assertEquals(-100, ((Num) verbose.arg(0)).value());
        assertEquals(0x241, ((Num) verbose.arg(2)).value());
    }

    @Test
    void parse_cutStringsAndQuotings_decode() {
        Str cut = (Str) call("read(3, \"abc\"..., 4096) = 4096").arg(1);
        assertTrue(cut.truncated());
        assertEquals("abc", cut.text());
        // -x prints a string with an unprintable byte all in hex, as -xx does: the preferred of the two is taken
        assertEquals(Quoting.HEX_ALL, ((Str) call("write(1, \"\\x01\\x41\", 2) = 2").arg(1)).quoting());
        assertEquals(Quoting.HEX_ALL, ((Str) call("write(1, \"\\x41\", 1) = 1").arg(1)).quoting());
        assertEquals(Quoting.DEFAULT, ((Str) call("write(1, \"\\1A\\n\", 3) = 3").arg(1)).quoting());
    }

    @Test
    void parse_socketAddress_givesFunctionsAsSyms() {
        StructArg sa = (StructArg) arg("connect(3, {sa_family=AF_INET, sin_port=htons(80), "
                + "sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0", 1);
        assertEquals(Sym.of("htons(80)"), sa.field("sin_port").orElseThrow());
        assertEquals(Sym.of("inet_addr(\"127.0.0.1\")"), sa.field("sin_addr").orElseThrow());
        Sym v6 = (Sym) arg("connect(3, {sa_family=AF_INET6, sin6_port=htons(0), "
                + "inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}, 28) = 0", 1);
        assertTrue(v6.text().startsWith("{sa_family=AF_INET6"));
    }

    @Test
    void parse_verboseFlagParts_orTheirBits() {
        assertEquals(0x80801, ((Num) call("socket(0x1 /* AF_UNIX */, 0x1 /* SOCK_STREAM */|0x80800 /* "
                + "SOCK_CLOEXEC|SOCK_NONBLOCK */, 0) = 3").arg(1)).value());
        Sym mixed = (Sym) call("x(0x1 /* A */|B) = 0").arg(0);
        assertEquals("0x1 /* A */|B", mixed.text());
    }

    @Test
    void parse_rawFlagsWithoutZeroPart_isNum() {
        assertEquals(0x900, ((Num) call("statx(-100, \"/\", |0x900, 0xfff, 0x7ffc) = 0").arg(2)).value());
        assertThrows(TraceFormatException.class, () -> TraceParser.parseLine("x(|O_RDONLY) = 0"));
    }

    @Test
    void parse_prefixWithCommSyscallNumberAndInstructionPointer_givesPidAndTime() {
        SyscallLine s = call("25826<sh> 16:16:39.714406 [   1] [00007f31d3466350] write(1, \"hi\\n\", 3) = 3");
        assertEquals(25826, s.pid());
        assertEquals(((16 * 60 + 16) * 60 + 39) * 1_000_000L + 714406, s.timeMicros().orElseThrow());
        ExitLine e = (ExitLine) TraceParser.parseLine("11284 16:05:14.429958 [ 231] [????????????????] "
                + "+++ exited with 0 +++");
        assertEquals(0, e.exitCode().orElseThrow());
    }

    @Test
    void parse_resumedChangedValue_joinsIntoChanged() {
        Trace t = TraceParser.parse("c", "7 clone3({flags=CLONE_VM, exit_signal=0} <unfinished ...>\n"
                + "7 <... clone3 resumed> => {parent_tid=[8]}, 88) = 8\n");
        ResumedLine r = (ResumedLine) t.lines().get(1);
        assertTrue(r.changesLast());
        SyscallLine s = (SyscallLine) CallJoiner.join(t.lines()).get(0);
        assertEquals(Changed.of(StructArg.of(false, new StructArg.Field("flags", Sym.of("CLONE_VM")),
                new StructArg.Field("exit_signal", Num.of(0))), StructArg.of(false, new StructArg.Field("parent_tid",
                ListArg.of(Num.of(8))))), s.arg(0).withoutRaw());
        assertEquals("7 clone3({flags=CLONE_VM, exit_signal=0} => {parent_tid=[8]}, 88) = 8",
                TracePrinter.format(s));
    }

    @Test
    void parse_dumpRows_giveOffsetAndBytes() {
        DumpLine row = (DumpLine) TraceParser.parseLine(" | 00010  67 68 69 6a 6b 6c 6d 6e  6f 70 71 72 73 74 75 76  "
                + "ghijklmnopqrstuv |");
        assertEquals(16, row.offset().orElseThrow());
        assertEquals("ghijklmnopqrstuv", new String(row.bytes(), java.nio.charset.StandardCharsets.US_ASCII));
        DumpLine iov = (DumpLine) TraceParser.parseLine(" * 2 bytes in buffer 0");
        assertTrue(iov.offset().isEmpty());
        assertEquals(0, iov.bytes().length);
    }

    // --- opaque lines

    @Test
    void parse_wordsTheGrammarDoesNotKnow_giveOpaqueLineWithReason() {
        SyscallLine s = call("ioctl(3, SOME_REQUEST with words, 0x1) = 0");
        assertNotNull(s.opaque());
        assertFalse(s.isParsed());
        assertTrue(s.opaque().contains("expected ',' or ')'"), s.opaque());
        assertEquals(List.of(Sym.of("3, SOME_REQUEST with words, 0x1")), s.args().stream().map(Arg::withoutRaw)
                .toList());
        assertEquals(OptionalLong.of(0), s.result().value());
        assertEquals("ioctl(3, SOME_REQUEST with words, 0x1) = 0", TracePrinter.format(s));
    }

    @Test
    void parse_numbersSideBySide_isStillAnError() {
        assertThrows(TraceFormatException.class, () -> TraceParser.parseLine("close(3 4) = 0"));
        assertNull(call("close(3) = 0").opaque());
    }
}
