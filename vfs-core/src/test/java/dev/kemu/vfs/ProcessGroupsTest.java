package dev.kemu.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Process groups and sessions ({@code kernel/sys.c:setpgid()}, {@code ksys_setsid()}), and kill
 * and wait over them ({@code kernel/signal.c:kill_something_info()}, {@code kernel/exit.c:do_wait()}).
 */
class ProcessGroupsTest {
    private final Sys sys = new Sys();
    private final Task shell = sys.task;
    private final ProcessSyscalls ps = new ProcessSyscalls(CloneRules.LATEST, true);

    private Task fork(Task parent) {
        CloneResult r = ps.fork(parent);
        assertTrue(r.ret() > 0, () -> "fork: " + r.ret());
        return r.child();
    }

    private Task thread(Task parent) {
        long flags = Sched.CLONE_VM | Sched.CLONE_FS | Sched.CLONE_FILES | Sched.CLONE_SIGHAND | Sched.CLONE_THREAD;
        CloneResult r = ps.clone(parent, flags, 0);
        assertTrue(r.ret() > 0, () -> "clone: " + r.ret());
        return r.child();
    }

    private void exec(Task t) {
        long fd = sys.open("/work/prog", Fcntl.O_CREAT | Fcntl.O_WRONLY, 0755);
        assertTrue(fd >= 0);
        assertEquals(0, sys.run(() -> sys.calls.close(shell, (int) fd)));
        assertEquals(0, ps.execve(t, "/work/prog"));
    }

    // The first task, fork and execve

    @Test
    void newTask_startedFromOutside_isInGroupAndSessionZero() {
        assertEquals(0, ps.getpgrp(shell));
        assertEquals(0, ps.getsid(shell, 0));
        assertEquals(TaskList.INIT_PID, ps.getpgid(shell, TaskList.INIT_PID));
        assertEquals(TaskList.INIT_PID, ps.getsid(shell, TaskList.INIT_PID));
    }

    @Test
    void fork_child_inheritsGroupAndSession() {
        Task c = fork(shell);
        assertEquals(0, ps.setpgid(shell, 0, 0));
        Task d = fork(shell);
        assertEquals(0, ps.getpgid(shell, c.tgid()));
        assertEquals(shell.tgid(), ps.getpgid(shell, d.tgid()));
        assertEquals(0, ps.getsid(d, 0));
    }

    @Test
    void execve_afterSetpgid_keepsGroupAndSession() {
        Task c = fork(shell);
        assertEquals(0, ps.setpgid(c, 0, 0));
        Task g = fork(c);
        assertEquals(g.tgid(), ps.setsid(g));
        exec(c);
        exec(g);
        assertEquals(c.tgid(), ps.getpgrp(c));
        assertEquals(0, ps.getsid(c, 0));
        assertEquals(g.tgid(), ps.getpgrp(g));
        assertEquals(g.tgid(), ps.getsid(g, 0));
    }

    @Test
    void getpgid_thread_returnsItsProcessGroup() {
        Task c = fork(shell);
        assertEquals(0, ps.setpgid(shell, c.tgid(), 0));
        Task th = thread(c);
        assertEquals(c.tgid(), ps.getpgid(shell, th.pid()));
    }

    @Test
    void getpgid_noSuchTask_returnsEsrch() {
        assertEquals(Errno.ESRCH.neg(), ps.getpgid(shell, 9999));
        assertEquals(Errno.ESRCH.neg(), ps.getsid(shell, 9999));
    }

    // setpgid's checks, in Linux's order

    @Test
    void setpgid_negativeGroup_returnsEinval() {
        assertEquals(Errno.EINVAL.neg(), ps.setpgid(shell, 0, -2));
    }

    @Test
    void setpgid_negativePidAndGroupZero_returnsEinvalBeforeEsrch() {
        assertEquals(Errno.EINVAL.neg(), ps.setpgid(shell, -5, 0));
    }

    @Test
    void setpgid_noSuchTask_returnsEsrch() {
        assertEquals(Errno.ESRCH.neg(), ps.setpgid(shell, 9999, 0));
    }

    @Test
    void setpgid_threadThatDoesNotLead_returnsEinval() {
        Task c = fork(shell);
        Task th = thread(c);
        assertEquals(Errno.EINVAL.neg(), ps.setpgid(shell, th.pid(), 0));
    }

    @Test
    void setpgid_childInAnotherSession_returnsEperm() {
        Task c = fork(shell);
        assertEquals(c.tgid(), ps.setsid(c));
        assertEquals(Errno.EPERM.neg(), ps.setpgid(shell, c.tgid(), 0));
    }

    @Test
    void setpgid_childThatHasExeced_returnsEacces() {
        Task c = fork(shell);
        exec(c);
        assertEquals(Errno.EACCES.neg(), ps.setpgid(shell, c.tgid(), 0));
        assertEquals(0, ps.setpgid(c, 0, 0), "the process itself may still move");
    }

    @Test
    void setpgid_processNeitherCallerNorChild_returnsEsrch() {
        Task c = fork(shell);
        Task grandchild = fork(c);
        assertEquals(Errno.ESRCH.neg(), ps.setpgid(shell, grandchild.tgid(), 0));
        assertEquals(Errno.ESRCH.neg(), ps.setpgid(shell, TaskList.INIT_PID, 0));
    }

    @Test
    void setpgid_childOfAnotherThreadOfTheCaller_succeeds() {
        Task th = thread(shell);
        Task c = fork(th);
        assertEquals(0, ps.setpgid(shell, c.tgid(), 0));
        assertEquals(c.tgid(), ps.getpgid(shell, c.tgid()));
    }

    @Test
    void setpgid_sessionLeader_returnsEperm() {
        Task c = fork(shell);
        assertEquals(c.tgid(), ps.setsid(c));
        assertEquals(Errno.EPERM.neg(), ps.setpgid(c, 0, 0));
    }

    @Test
    void setpgid_groupThatDoesNotExist_returnsEperm() {
        Task c = fork(shell);
        assertEquals(Errno.EPERM.neg(), ps.setpgid(c, 0, 9999));
        assertEquals(0, ps.getpgrp(c));
    }

    @Test
    void setpgid_groupOfAnotherSession_returnsEperm() {
        Task a = fork(shell);
        Task b = fork(shell);
        assertEquals(a.tgid(), ps.setsid(a));
        assertEquals(Errno.EPERM.neg(), ps.setpgid(b, 0, a.tgid()));
    }

    @Test
    void setpgid_siblingIntoFirstChildsGroup_joinsIt() {
        Task a = fork(shell);
        Task b = fork(shell);
        assertEquals(0, ps.setpgid(shell, a.tgid(), 0));
        assertEquals(0, ps.setpgid(shell, b.tgid(), a.tgid()));
        assertEquals(a.tgid(), ps.getpgid(shell, b.tgid()));
    }

    @Test
    void setpgid_groupWhoseLeaderIsReaped_stillExistsWhileAMemberLives() {
        Task a = fork(shell);
        Task b = fork(shell);
        assertEquals(0, ps.setpgid(a, 0, 0));
        assertEquals(0, ps.setpgid(b, 0, a.tgid()));
        ps.exitGroup(a, 0);
        assertEquals(a.tgid(), ps.wait4(shell, a.tgid(), 0).ret());
        Task c = fork(shell);
        assertEquals(0, ps.setpgid(c, 0, a.tgid()));
    }

    // setsid

    @Test
    void setsid_groupLeader_returnsEperm() {
        assertEquals(0, ps.setpgid(shell, 0, 0));
        assertEquals(Errno.EPERM.neg(), ps.setsid(shell));
    }

    @Test
    void setsid_groupOfItsIdOutlivesIt_returnsEperm() {
        Task a = fork(shell);
        assertEquals(0, ps.setpgid(a, 0, 0));
        Task b = fork(a);
        ps.exitGroup(a, 0);
        assertEquals(a.tgid(), ps.wait4(shell, a.tgid(), 0).ret());
        Task c = fork(b);
        assertEquals(0, ps.setpgid(c, 0, 0));
        assertEquals(Errno.EPERM.neg(), ps.setsid(c), "its own group");
        assertEquals(b.tgid(), ps.setsid(b), "group a lives on in c, which is not b's id");
    }

    @Test
    void setsid_firstTask_leadsANewSession() {
        assertEquals(shell.tgid(), ps.setsid(shell));
        assertEquals(shell.tgid(), ps.getsid(shell, 0));
    }

    @Test
    void setsid_child_leadsNewSessionAndGroup() {
        Task c = fork(shell);
        assertEquals(c.tgid(), ps.setsid(c));
        assertEquals(c.tgid(), ps.getsid(shell, c.tgid()));
        assertEquals(c.tgid(), ps.getpgid(shell, c.tgid()));
        assertEquals(Errno.EPERM.neg(), ps.setsid(c));
    }

    @Test
    void setsid_childOfSessionLeader_isNotALeader() {
        Task c = fork(shell);
        ps.setsid(c);
        Task g = fork(c);
        assertEquals(c.tgid(), ps.getsid(g, 0));
        assertEquals(0, ps.setpgid(g, 0, 0));
    }

    // kill to groups

    @Test
    void kill_negativeGroup_signalsEveryProcessOfIt() {
        Task a = fork(shell);
        Task b = fork(shell);
        Task other = fork(shell);
        assertEquals(0, ps.setpgid(a, 0, 0));
        assertEquals(0, ps.setpgid(b, 0, a.tgid()));
        assertEquals(0, ps.kill(shell, -a.tgid(), Signal.SIGUSR1.number()));
        assertTrue(a.isPending(Signal.SIGUSR1));
        assertTrue(b.isPending(Signal.SIGUSR1));
        assertFalse(other.isPending(Signal.SIGUSR1));
        assertFalse(shell.isPending(Signal.SIGUSR1));
    }

    @Test
    void kill_groupWithNoProcessLeft_returnsEsrch() {
        Task a = fork(shell);
        assertEquals(0, ps.setpgid(a, 0, 0));
        ps.exitGroup(a, 0);
        assertEquals(a.tgid(), ps.wait4(shell, a.tgid(), 0).ret());
        assertEquals(Errno.ESRCH.neg(), ps.kill(shell, -a.tgid(), Signal.SIGKILL.number()));
    }

    @Test
    void kill_groupOfAZombie_succeeds() {
        Task a = fork(shell);
        assertEquals(0, ps.setpgid(a, 0, 0));
        ps.exitGroup(a, 0);
        assertEquals(0, ps.kill(shell, -a.tgid(), Signal.SIGKILL.number()));
    }

    @Test
    void kill_groupBadSignal_returnsEinvalAndEmptyGroupEsrch() {
        Task a = fork(shell);
        assertEquals(0, ps.setpgid(a, 0, 0));
        assertEquals(Errno.EINVAL.neg(), ps.kill(shell, -a.tgid(), 99));
        assertEquals(Errno.ESRCH.neg(), ps.kill(shell, -9999, 99));
    }

    @Test
    void kill_zero_signalsTheCallersGroupWithTheCaller() {
        Task same = fork(shell);
        Task moved = fork(shell);
        assertEquals(0, ps.setpgid(moved, 0, 0));
        assertEquals(0, ps.kill(shell, 0, Signal.SIGUSR1.number()));
        assertTrue(shell.isPending(Signal.SIGUSR1));
        assertTrue(same.isPending(Signal.SIGUSR1));
        assertFalse(moved.isPending(Signal.SIGUSR1));
    }

    @Test
    void kill_minusOne_signalsAllButInitAndTheCaller() {
        Task a = fork(shell);
        Task b = fork(a);
        assertEquals(0, ps.kill(a, -1, Signal.SIGUSR1.number()));
        assertTrue(shell.isPending(Signal.SIGUSR1));
        assertTrue(b.isPending(Signal.SIGUSR1));
        assertFalse(a.isPending(Signal.SIGUSR1));
        assertFalse(sys.vfs.taskList().init().isPending(Signal.SIGUSR1));
    }

    @Test
    void kill_minusOneWithNoOtherProcess_returnsEsrch() {
        assertEquals(Errno.ESRCH.neg(), ps.kill(shell, -1, 0));
    }

    // wait for groups

    @Test
    void wait4_zero_reapsOnlyChildrenInTheCallersGroup() {
        Task moved = fork(shell);
        Task same = fork(shell);
        assertEquals(0, ps.setpgid(moved, 0, 0));
        ps.exitGroup(moved, 0);
        ps.exitGroup(same, 3);
        WaitResult r = ps.wait4(shell, 0, 0);
        assertEquals(same.tgid(), r.ret());
        assertEquals(Errno.ECHILD.neg(), ps.wait4(shell, 0, Wait.WNOHANG).ret());
        assertEquals(moved.tgid(), ps.wait4(shell, -1, 0).ret());
    }

    @Test
    void wait4_negativeGroup_reapsAChildOfThatGroup() {
        Task a = fork(shell);
        Task b = fork(shell);
        assertEquals(0, ps.setpgid(shell, b.tgid(), 0));
        ps.exitGroup(a, 0);
        ps.exitGroup(b, 0);
        assertEquals(b.tgid(), ps.wait4(shell, -b.tgid(), 0).ret());
        assertEquals(Errno.ECHILD.neg(), ps.wait4(shell, -9999, 0).ret());
    }

    @Test
    void waitid_pgid_reapsAChildOfThatGroup() {
        Task a = fork(shell);
        Task b = fork(shell);
        assertEquals(0, ps.setpgid(shell, b.tgid(), 0));
        ps.exitGroup(a, 0);
        ps.exitGroup(b, 0);
        WaitResult r = ps.waitid(shell, Wait.P_PGID, b.tgid(), Wait.WEXITED);
        assertEquals(0, r.ret());
        assertEquals(b.tgid(), r.pid());
        WaitResult own = ps.waitid(shell, Wait.P_PGID, 0, Wait.WEXITED);
        assertEquals(a.tgid(), own.pid());
    }

    @Test
    void waitid_pgidZeroBefore54_returnsEinval() {
        ProcessSyscalls old = new ProcessSyscalls(CloneRules.LATEST, false);
        fork(shell);
        assertEquals(Errno.EINVAL.neg(), old.waitid(shell, Wait.P_PGID, 0, Wait.WEXITED).ret());
        assertEquals(Errno.EINVAL.neg(), old.waitid(shell, Wait.P_PGID, -1, Wait.WEXITED).ret());
    }
}
