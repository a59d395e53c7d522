package dev.kemu.kernel;

import static dev.kemu.vfs.Sched.*;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.Capability;
import dev.kemu.vfs.CloneResult;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.ExitState;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Net;
import dev.kemu.vfs.Signal;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.Wait;
import dev.kemu.vfs.WaitResult;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Processes and threads through the kernel: clone, execve, exit, wait4, kill ({@code kernel/fork.c}, {@code kernel/exit.c}, {@code kernel/signal.c}). */
class ProcessSyscallsTest {
    private final Booted m = new Booted();
    private final Kernel k = m.k;
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Runs {@code body} as {@code task} on another thread and returns once that task is asleep. */
    private <T> Future<T> startAsleep(Task task, Callable<T> body) throws Exception {
        CountDownLatch asleep = new CountDownLatch(1);
        task.setSleepHook((t, what) -> asleep.countDown());
        Future<T> f = pool.submit(body);
        assertTrue(asleep.await(10, SECONDS), "the call did not sleep");
        return f;
    }

    private Task fork(Task parent) {
        CloneResult r = k.fork(parent);
        assertTrue(r.ret() > 0, () -> Booted.name(r.ret()));
        assertEquals(r.ret(), r.child().pid());
        return r.child();
    }

    private String read(Task t, int fd, int n) {
        UserBuffer buf = UserBuffer.allocate(n);
        long r = k.read(t, fd, buf, n);
        return r < 0 ? Errno.of(r).name() : new String(buf.read(0, (int) r), StandardCharsets.ISO_8859_1);
    }

    private long write(Task t, int fd, String s) {
        byte[] b = Booted.bytes(s);
        return k.write(t, fd, UserBuffer.of(b), b.length);
    }

    private void makeProgram(String path, int mode) {
        int fd = m.open(path, Fcntl.O_CREAT | Fcntl.O_WRONLY);
        assertEquals(0, k.close(m.t, fd));
        assertEquals(0, k.chmod(m.t, path, mode));
    }

    // clone and fork

    @Test
    void fork_sharesOpenFileDescriptions_readInOneMovesTheOthersPosition() {
        int fd = m.open("/f", Fcntl.O_CREAT | Fcntl.O_RDWR);
        m.write(fd, "abcdef");
        k.lseek(m.t, fd, 0, Fcntl.SEEK_SET);
        Task child = fork(m.t);
        assertEquals("abc", read(child, fd, 3));
        assertEquals("def", m.read(fd, 3), "the child's read moved the shared file position");
    }

    @Test
    void fork_copiesTheTable_closeInChildLeavesTheParentsOpen() {
        int fd = m.open("/f", Fcntl.O_CREAT | Fcntl.O_RDWR);
        Task child = fork(m.t);
        assertEquals(0, k.close(child, fd));
        assertEquals(0, k.fstat(m.t, fd).ret());
        assertEquals(Errno.EBADF.neg(), k.close(child, fd));
    }

    @Test
    void cloneFiles_sharesTheTable_closeInOneIsSeenByTheOther() {
        int fd = m.open("/f", Fcntl.O_CREAT | Fcntl.O_RDWR);
        CloneResult r = k.clone(m.t, CLONE_VM | CLONE_FILES, Signal.SIGCHLD.number());
        assertEquals(0, k.close(r.child(), fd));
        assertEquals(Errno.EBADF.neg(), k.close(m.t, fd));
        int again = m.open("/g", Fcntl.O_CREAT | Fcntl.O_RDWR);
        assertEquals(fd, again, "the freed number is the lowest in the shared table");
        assertEquals(0, k.close(r.child(), again));
    }

    @Test
    void cloneFs_sharesTheUmask_forkCopiesIt() {
        Task sharing = k.clone(m.t, CLONE_FS, Signal.SIGCHLD.number()).child();
        Task copying = fork(m.t);
        k.umask(m.t, 077);
        assertEquals(077, sharing.umask());
        assertEquals(022, copying.umask());
    }

    @Test
    void cloneThread_joinsTheGroup_sameTgidOwnTidSameParent() {
        Task child = fork(m.t);
        CloneResult r = k.clone(child, CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM
                | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID, 0);
        Task thread = r.child();
        assertEquals(child.tgid(), thread.tgid());
        assertNotEquals(child.pid(), thread.pid());
        assertSame(m.t, thread.parent());
        assertEquals(-1, thread.exitSignal());
        assertFalse(m.t.children().contains(thread), "a thread is not a child");
        child.setHandled(Signal.SIGUSR1, true);
        assertTrue(thread.isHandled(Signal.SIGUSR1), "CLONE_SIGHAND shares the handlers");
    }

    @Test
    void clone_flagChecks_inCopyProcessOrder() {
        long einval = Errno.EINVAL.neg();
        assertEquals(einval, k.clone(m.t, CLONE_NEWNS | CLONE_FS, 0).ret());
        assertEquals(einval, k.clone(m.t, CLONE_NEWUSER | CLONE_FS, 0).ret());
        assertEquals(einval, k.clone(m.t, CLONE_THREAD | CLONE_VM, 0).ret());
        assertEquals(einval, k.clone(m.t, CLONE_SIGHAND, 0).ret());
        assertEquals(einval, k.clone(m.t, CLONE_THREAD | CLONE_SIGHAND | CLONE_VM | CLONE_NEWPID, 0).ret());
        assertEquals(einval, k.clone(m.t, CLONE_PIDFD | CLONE_DETACHED, 0).ret());
        m.t.dropCapability(Capability.CAP_SYS_ADMIN);
        assertEquals(einval, k.clone(m.t, CLONE_SIGHAND | CLONE_NEWNET, 0).ret(), "the flag checks come before the capability");
        assertEquals(Errno.EPERM.neg(), k.clone(m.t, CLONE_NEWNET, 0).ret());
        assertEquals(Net.NOT_MODELLED, k.clone(m.t, CLONE_NEWUSER, 0).ret(), "a user namespace needs no capability");
        assertTrue(m.t.children().isEmpty(), "no child was made");
    }

    private static Kernel boot(int major, int minor) throws Exception {
        return Kernels.of(java.util.List.of(new KernelsTest.FakeProvider("a", major, minor)),
                dev.kemu.vfs.FileSystemTypes.of(new dev.kemu.vfs.ramfs.RamfsType()))
                .boot(major + "." + minor, BootOptions.standard().withRoot("ramfs", null));
    }

    @Test
    void clone_versions_clone3From5_3_pidfdFrom5_2_pidfdWithThreadFrom6_9() throws Exception {
        Kernel k52 = boot(5, 2);
        Task t52 = k52.newTask();
        assertEquals(Errno.ENOSYS.neg(), k52.clone3(t52, 0, 17).ret());
        assertEquals(Errno.EINVAL.neg(), k52.clone(t52, CLONE_PIDFD | CLONE_DETACHED, 17).ret());
        Kernel k51 = boot(5, 1);
        assertTrue(k51.clone(k51.newTask(), CLONE_PIDFD | CLONE_DETACHED, 17).ret() > 0, "an unknown bit to the legacy clone");
        long threadPidfd = CLONE_VM | CLONE_SIGHAND | CLONE_THREAD | CLONE_PIDFD;
        Kernel k68 = boot(6, 8);
        assertEquals(Errno.EINVAL.neg(), k68.clone(k68.newTask(), threadPidfd, 0).ret());
        assertEquals(Net.NOT_MODELLED, k.clone(m.t, threadPidfd, 0).ret(), "PIDFD_THREAD: allowed, but a pidfd is outside the model");
    }

    @Test
    void clone_fromInit_cloneParentIsEinval() {
        Task init = k.task(1);
        assertEquals(1, init.tgid());
        assertEquals(Errno.EINVAL.neg(), k.clone(init, CLONE_PARENT, 0).ret());
    }

    @Test
    void cloneParent_makesASiblingWithTheCallersParent() {
        Task child = fork(m.t);
        Task sibling = k.clone(child, CLONE_PARENT, 0).child();
        assertSame(m.t, sibling.parent());
        assertTrue(m.t.children().contains(sibling));
    }

    @Test
    void clone3_ownChecks_beforeCopyProcess() {
        long einval = Errno.EINVAL.neg();
        assertEquals(einval, k.clone3(m.t, 0, 65).ret(), "exit signal past _NSIG");
        assertEquals(einval, k.clone3(m.t, 0, -1).ret());
        assertEquals(einval, k.clone3(m.t, 1L << 40, 17).ret(), "unknown flag");
        assertEquals(einval, k.clone3(m.t, Signal.SIGCHLD.number(), 0).ret(), "CSIGNAL bits are reserved");
        assertEquals(einval, k.clone3(m.t, CLONE_DETACHED, 17).ret());
        assertEquals(einval, k.clone3(m.t, CLONE_SIGHAND | CLONE_VM | CLONE_CLEAR_SIGHAND, 0).ret());
        assertEquals(einval, k.clone3(m.t, CLONE_VM | CLONE_SIGHAND | CLONE_THREAD, 17).ret(), "a thread has no exit signal");
        assertTrue(k.clone(m.t, CLONE_DETACHED, 17).ret() > 0, "the legacy clone ignores CLONE_DETACHED");
        assertTrue(k.clone3(m.t, CLONE_CLEAR_SIGHAND, 17).ret() > 0);
    }

    @Test
    void cloneClearSighand_resetsHandlersKeepsIgnored() throws Exception {
        m.t.setHandled(Signal.SIGUSR1, true);
        m.t.setIgnored(Signal.SIGUSR2, true);
        Task child = k.clone3(m.t, CLONE_CLEAR_SIGHAND, 17).child();
        assertFalse(child.isHandled(Signal.SIGUSR1));
        assertTrue(child.isIgnored(Signal.SIGUSR2));
        assertTrue(m.t.isHandled(Signal.SIGUSR1));
    }

    // vfork and execve

    @Test
    void vfork_parentBlockedUntilTheChildExecs() throws Exception {
        makeProgram("/prog", 0755);
        Future<CloneResult> vfork = startAsleep(m.t, () -> k.vfork(m.t));
        assertFalse(vfork.isDone());
        Task child = m.t.children().get(0);
        assertEquals(0, k.execve(child, "/prog"));
        CloneResult r = vfork.get(10, SECONDS);
        assertEquals(child.pid(), r.ret());
        assertSame(child, r.child());
    }

    @Test
    void vfork_parentReleasedWhenTheChildExits() throws Exception {
        Future<CloneResult> vfork = startAsleep(m.t, () -> k.clone(m.t, CLONE_VM | CLONE_VFORK, 17));
        Task child = m.t.children().get(0);
        k.exitTask(child, 0);
        assertEquals(child.pid(), vfork.get(10, SECONDS).ret());
    }

    @Test
    void execve_closesCloexecDescriptors_andUnsharesTheTable() {
        makeProgram("/prog", 0700);
        int keep = m.open("/a", Fcntl.O_CREAT | Fcntl.O_RDWR);
        int cloexec = m.open("/b", Fcntl.O_CREAT | Fcntl.O_RDWR | Fcntl.O_CLOEXEC);
        Task child = k.clone(m.t, CLONE_VM | CLONE_FILES, 17).child();
        assertEquals(0, k.execve(child, "/prog"));
        assertEquals(Errno.EBADF.neg(), k.fstat(child, cloexec).ret());
        assertEquals(0, k.fstat(child, keep).ret());
        assertEquals(0, k.fstat(m.t, cloexec).ret(), "the other user of the table keeps its descriptor");
        assertEquals(0, k.close(child, keep));
        assertEquals(0, k.fstat(m.t, keep).ret(), "the table is no longer shared");
    }

    @Test
    void execve_resetsHandlersKeepsIgnoredAndEmptiesTheMemory() {
        makeProgram("/prog", 0100);
        Task child = fork(m.t);
        child.setHandled(Signal.SIGTERM, true);
        child.setIgnored(Signal.SIGINT, true);
        long addr = k.mmap(child, 0, 4096, 3, 0x22, -1, 0);
        assertTrue(addr > 0);
        assertEquals(0, k.execve(child, "/prog"));
        assertFalse(child.isHandled(Signal.SIGTERM));
        assertTrue(child.isIgnored(Signal.SIGINT));
        assertTrue(child.mm().vmas().isEmpty());
    }

    @Test
    void execve_errors_inLinuxOrder() {
        makeProgram("/noexec", 0644);
        makeProgram("/prog", 0755);
        assertEquals(0, k.mkdir(m.t, "/dir", 0755));
        assertEquals(Errno.ENOENT.neg(), k.execve(m.t, "/missing"));
        assertEquals(Errno.ENOENT.neg(), k.execve(m.t, ""));
        assertEquals(Errno.ENOTDIR.neg(), k.execve(m.t, "/prog/x"));
        assertEquals(Errno.EACCES.neg(), k.execve(m.t, "/dir"));
        assertEquals(Errno.EACCES.neg(), k.execve(m.t, "/noexec"));
        assertEquals(Errno.EACCES.neg(), k.execve(m.t, "/dev/null"), "not a regular file");
        assertEquals(0, k.symlink(m.t, "/loop", "/loop"));
        assertEquals(Errno.ELOOP.neg(), k.execve(m.t, "/loop"));
    }

    @Test
    void execve_byANonLeaderThread_killsTheOthersAndTakesTheLeadersId() {
        makeProgram("/prog", 0755);
        Task proc = fork(m.t);
        Task thread = k.clone(proc, CLONE_VM | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD, 0).child();
        Task other = k.clone(proc, CLONE_VM | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD, 0).child();
        int tgid = proc.tgid();
        int otherTid = other.pid();
        assertEquals(0, k.execve(thread, "/prog"));
        assertEquals(tgid, thread.pid());
        assertSame(thread, k.task(tgid));
        assertNull(k.task(otherTid));
        assertEquals(ExitState.DEAD, proc.exitState());
        assertEquals(ExitState.DEAD, other.exitState());
        assertSame(m.t, thread.parent());
        assertEquals(0, k.wait4(m.t, -1, Wait.WNOHANG).ret(), "nothing exited: the process lives on");
    }

    // exit and wait

    @Test
    void exit_lastWriter_blockedReaderOnAnotherThreadGetsEof() throws Exception {
        int[] p = m.pipe();
        Task writer = fork(m.t);
        assertEquals(0, k.close(m.t, p[1]));
        Future<String> read = startAsleep(m.t, () -> read(m.t, p[0], 10));
        k.exitTask(writer, 0);
        assertEquals("", read.get(10, SECONDS));
    }

    @Test
    void exit_sharedTable_stillOpenForTheOtherUser() {
        int[] p = m.pipe();
        Task thread = k.clone(m.t, CLONE_VM | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD, 0).child();
        k.exitTask(thread, 0);
        assertEquals(2, m.write(p[1], "ok"));
        assertEquals("ok", m.read(p[0], 2));
        assertEquals(ExitState.DEAD, thread.exitState(), "a thread is released at once");
    }

    @Test
    void exit_lastReader_writerGetsEpipeAndSigpipe() {
        int[] p = m.pipe();
        Task reader = fork(m.t);
        assertEquals(0, k.close(m.t, p[0]));
        assertEquals(1, m.write(p[1], "x"), "the child still reads");
        k.exitTask(reader, 0);
        assertEquals(Errno.EPIPE.neg(), m.write(p[1], "x"));
        assertTrue(m.t.takeRaisedSignals().contains(Signal.SIGPIPE));
    }

    @Test
    void wait4_blocksUntilTheChildExits_returnsItsStatusWord() throws Exception {
        Task child = fork(m.t);
        Future<WaitResult> w = startAsleep(m.t, () -> k.wait4(m.t, -1, 0));
        k.exitTask(child, 3);
        WaitResult r = w.get(10, SECONDS);
        assertEquals(child.tgid(), r.ret());
        assertEquals(3 << 8, r.status());
        assertEquals(ExitState.DEAD, child.exitState());
        assertNull(k.task(child.pid()), "reaped");
    }

    @Test
    void wait4_wnohang_runningChildGivesZero_exitedChildIsReaped() {
        Task child = fork(m.t);
        assertEquals(0, k.wait4(m.t, -1, Wait.WNOHANG).ret());
        k.exitTask(child, 256 + 7);
        assertEquals(ExitState.ZOMBIE, child.exitState());
        assertSame(child, k.task(child.pid()), "a zombie keeps its id");
        WaitResult r = k.wait4(m.t, child.tgid(), Wait.WNOHANG);
        assertEquals(child.tgid(), r.ret());
        assertEquals(7 << 8, r.status(), "only the low byte of the code");
        assertEquals(Errno.ECHILD.neg(), k.wait4(m.t, -1, Wait.WNOHANG).ret());
    }

    @Test
    void wait4_errors() {
        assertEquals(Errno.ECHILD.neg(), k.wait4(m.t, -1, 0).ret(), "no children");
        Task child = fork(m.t);
        assertEquals(Errno.ECHILD.neg(), k.wait4(m.t, child.tgid() + 100, 0).ret(), "not a child");
        assertEquals(Errno.EINVAL.neg(), k.wait4(m.t, -1, Wait.WNOWAIT).ret(), "wait4 has no WNOWAIT");
        assertEquals(Errno.EINVAL.neg(), k.wait4(m.t, child.tgid() + 100, 0x100).ret(), "options before the pid");
        assertEquals(Errno.ESRCH.neg(), k.wait4(m.t, Integer.MIN_VALUE, 0).ret());
        assertEquals(Errno.ECHILD.neg(), k.wait4(m.t, -1, Wait.__WCLONE | Wait.WNOHANG).ret(), "a SIGCHLD child is no clone child");
        assertEquals(0, k.wait4(m.t, -1, Wait.__WALL | Wait.WNOHANG).ret());
    }

    @Test
    void wait4_signal_givesErestartsys() throws Exception {
        Task child = fork(m.t);
        Future<WaitResult> w = startAsleep(m.t, () -> k.wait4(m.t, -1, 0));
        assertEquals(0, k.kill(child, m.t.tgid(), Signal.SIGTERM.number()));
        assertEquals(Errno.ERESTARTSYS.neg(), w.get(10, SECONDS).ret());
    }

    @Test
    void waitid_reportsCodeAndPid_wnowaitKeepsTheZombie() {
        Task child = fork(m.t);
        assertEquals(Errno.EINVAL.neg(), k.waitid(m.t, Wait.P_ALL, 0, Wait.WNOHANG).ret(), "no event asked for");
        assertEquals(Errno.EINVAL.neg(), k.waitid(m.t, Wait.P_PID, 0, Wait.WEXITED).ret());
        assertEquals(Errno.EINVAL.neg(), k.waitid(m.t, Wait.P_PGID, -1, Wait.WEXITED).ret());
        assertEquals(0, k.waitid(m.t, Wait.P_PGID, 0, Wait.WEXITED | Wait.WNOHANG).ret(), "the child is in the caller's group");
        WaitResult none = k.waitid(m.t, Wait.P_ALL, 0, Wait.WEXITED | Wait.WNOHANG);
        assertEquals(0, none.ret());
        assertEquals(0, none.pid());
        k.exitTask(child, 5);
        WaitResult peek = k.waitid(m.t, Wait.P_PID, child.tgid(), Wait.WEXITED | Wait.WNOWAIT);
        assertEquals(new WaitResult(0, 5, child.tgid(), WaitResult.CLD_EXITED), peek);
        assertEquals(ExitState.ZOMBIE, child.exitState());
        assertEquals(peek, k.waitid(m.t, Wait.P_ALL, 0, Wait.WEXITED));
        assertEquals(ExitState.DEAD, child.exitState());
    }

    @Test
    void killedBy_statusIsTheSignal_withCoreBit() {
        Task a = fork(m.t);
        Task b = fork(m.t);
        k.killedBy(a, Signal.SIGTERM, false);
        k.killedBy(b, Signal.SIGSEGV, true);
        assertEquals(15, k.wait4(m.t, a.tgid(), 0).status());
        assertEquals(0x80 | 11, k.wait4(m.t, b.tgid(), 0).status());
    }

    @Test
    void exitGroup_fromAThread_endsTheGroup_leaderReportedWithTheGroupCode() {
        Task proc = fork(m.t);
        Task thread = k.clone(proc, CLONE_VM | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD, 0).child();
        k.exitGroup(thread, 4);
        assertEquals(ExitState.ZOMBIE, proc.exitState());
        assertEquals(ExitState.DEAD, thread.exitState());
        WaitResult r = k.wait4(m.t, -1, 0);
        assertEquals(proc.tgid(), r.ret());
        assertEquals(4 << 8, r.status());
    }

    @Test
    void exit_leaderBeforeItsThread_isReportedOnlyWhenTheLastThreadExits() {
        Task proc = fork(m.t);
        Task thread = k.clone(proc, CLONE_VM | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD, 0).child();
        k.exitTask(proc, 1);
        assertEquals(0, k.wait4(m.t, -1, Wait.WNOHANG).ret(), "delay_group_leader");
        k.exitTask(thread, 2);
        assertEquals(1 << 8, k.wait4(m.t, -1, Wait.WNOHANG).status(), "the leader's own code");
    }

    @Test
    void exit_parentFirst_childrenGoToInit_whichReapsThem() {
        Task child = fork(m.t);
        Task grandchild = fork(child);
        k.exitTask(child, 0);
        assertSame(k.task(1), grandchild.parent());
        k.exitTask(grandchild, 0);
        assertEquals(ExitState.DEAD, grandchild.exitState());
        assertNull(k.task(grandchild.pid()));
    }

    @Test
    void exit_parentIgnoresSigchld_childIsReapedAtOnce() {
        m.t.setIgnored(Signal.SIGCHLD, true);
        Task child = fork(m.t);
        k.exitTask(child, 0);
        assertEquals(ExitState.DEAD, child.exitState());
        assertEquals(Errno.ECHILD.neg(), k.wait4(m.t, -1, Wait.WNOHANG).ret());
    }

    // signals

    @Test
    void exit_child_sendsSigchldToAParentWithAHandler() {
        Task quiet = fork(m.t);
        k.exitTask(quiet, 0);
        assertFalse(m.t.isPending(Signal.SIGCHLD), "SIG_DFL SIGCHLD is discarded");
        m.t.setHandled(Signal.SIGCHLD, true);
        Task child = fork(m.t);
        k.exitTask(child, 0);
        assertTrue(m.t.isPending(Signal.SIGCHLD));
    }

    @Test
    void kill_wakesASleepingRead_withErestartsys() throws Exception {
        int[] p = m.pipe();
        Task child = fork(m.t);
        Future<String> read = startAsleep(child, () -> read(child, p[0], 1));
        assertEquals(0, k.kill(m.t, child.tgid(), Signal.SIGTERM.number()));
        assertEquals("ERESTARTSYS", read.get(10, SECONDS));
    }

    @Test
    void kill_ignoredSignals_doNotWakeASleepingRead() throws Exception {
        int[] p = m.pipe();
        Task child = fork(m.t);
        child.setIgnored(Signal.SIGUSR1, true);
        Future<String> read = startAsleep(child, () -> read(child, p[0], 1));
        assertEquals(0, k.kill(m.t, child.tgid(), Signal.SIGCHLD.number()));
        assertEquals(0, k.kill(m.t, child.tgid(), Signal.SIGWINCH.number()));
        assertEquals(0, k.tkill(m.t, child.pid(), Signal.SIGUSR1.number()));
        assertFalse(child.isPending(Signal.SIGCHLD));
        assertEquals(1, write(m.t, p[1], "x"));
        assertEquals("x", read.get(10, SECONDS), "the read slept on until data came");
    }

    @Test
    void kill_handledDefaultIgnoredSignal_wakesASleepingRead() throws Exception {
        int[] p = m.pipe();
        Task child = fork(m.t);
        child.setHandled(Signal.SIGCHLD, true);
        Future<String> read = startAsleep(child, () -> read(child, p[0], 1));
        assertEquals(0, k.tgkill(m.t, child.tgid(), child.pid(), Signal.SIGCHLD.number()));
        assertEquals("ERESTARTSYS", read.get(10, SECONDS));
    }

    @Test
    void kill_errors_andProbes() {
        Task child = fork(m.t);
        int nobody = child.pid() + 1000;
        assertEquals(0, k.kill(m.t, child.tgid(), 0));
        assertEquals(Errno.ESRCH.neg(), k.kill(m.t, nobody, 0));
        assertEquals(Errno.ESRCH.neg(), k.kill(m.t, nobody, 100), "the task is looked up before the signal is checked");
        assertEquals(Errno.EINVAL.neg(), k.kill(m.t, child.tgid(), 65));
        assertEquals(Errno.EINVAL.neg(), k.kill(m.t, child.tgid(), -1));
        assertEquals(Errno.ESRCH.neg(), k.kill(m.t, Integer.MIN_VALUE, 0));
        assertEquals(0, k.kill(m.t, -1, 0));
        assertEquals(0, k.kill(m.t, 0, 0));
        assertEquals(Errno.ESRCH.neg(), k.kill(m.t, -child.tgid(), 0), "the child leads no group");
        assertEquals(Net.NOT_MODELLED, k.kill(m.t, child.tgid(), 34), "real-time signals");
        assertEquals(Errno.EINVAL.neg(), k.tkill(m.t, 0, 15));
        assertEquals(Errno.EINVAL.neg(), k.tgkill(m.t, 0, child.pid(), 15));
        assertEquals(Errno.ESRCH.neg(), k.tgkill(m.t, m.t.tgid(), child.pid(), 15), "the thread is not in that group");
        assertEquals(Errno.ESRCH.neg(), k.tkill(m.t, nobody, 15));
        k.exitTask(child, 0);
        assertEquals(0, k.kill(m.t, child.tgid(), 15), "a zombie exists");
        k.wait4(m.t, -1, 0);
        assertEquals(Errno.ESRCH.neg(), k.kill(m.t, child.tgid(), 0));
    }

    @Test
    void setIgnored_sigkillOrSigstop_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> m.t.setIgnored(Signal.SIGKILL, true));
        assertThrows(IllegalArgumentException.class, () -> m.t.setHandled(Signal.SIGSTOP, true));
    }

    @Test
    void signal_numbersAndNames() {
        assertEquals(Signal.SIGCHLD, Signal.of(17));
        assertEquals(Signal.SIGUSR1, Signal.of(10));
        assertEquals(Signal.SIGSYS, Signal.of(31));
        assertNull(Signal.of(0));
        assertNull(Signal.of(34));
        assertEquals(Signal.SIGHUP, Signal.byName("SIGHUP"));
        assertNull(Signal.byName("SIGFOO"));
        assertEquals(31, Signal.values().length);
    }
}
