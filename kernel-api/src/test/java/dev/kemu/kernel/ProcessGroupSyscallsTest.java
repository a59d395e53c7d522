package dev.kemu.kernel;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.kernel.spi.SyscallTable;
import dev.kemu.vfs.CloneResult;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Signal;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.TaskList;
import dev.kemu.vfs.Wait;
import dev.kemu.vfs.WaitResult;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Process groups and sessions through the kernel: setpgid, getpgid, getpgrp, setsid, getsid, and kill and wait to groups ({@code kernel/sys.c}). */
class ProcessGroupSyscallsTest {
    private final Booted m = new Booted();
    private final Kernel k = m.k;
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private Task fork(Task parent) {
        CloneResult r = k.fork(parent);
        assertTrue(r.ret() > 0, () -> Booted.name(r.ret()));
        return r.child();
    }

    /** Runs {@code body} as {@code task} on another thread and returns once that task is asleep. */
    private <T> Future<T> startAsleep(Task task, Callable<T> body) throws Exception {
        CountDownLatch asleep = new CountDownLatch(1);
        task.setSleepHook((t, what) -> asleep.countDown());
        Future<T> f = pool.submit(body);
        assertTrue(asleep.await(10, SECONDS), "the call did not sleep");
        return f;
    }

    private static Kernel boot(int major, int minor) throws Exception {
        return Kernels.of(java.util.List.of(new KernelsTest.FakeProvider("a", major, minor)),
                dev.kemu.vfs.FileSystemTypes.of(new dev.kemu.vfs.ramfs.RamfsType()))
                .boot(major + "." + minor, BootOptions.standard().withRoot("ramfs", null));
    }

    @Test
    void table_groupCalls_areModelledInEveryVersion() {
        for (String call : new String[] {"setpgid", "getpgid", "getpgrp", "setsid", "getsid"}) {
            assertTrue(SyscallTable.MODELLED.contains(call), call);
            assertFalse(SyscallTable.INTRODUCED.containsKey(call), call);
        }
    }

    @Test
    void newTask_startedFromOutside_inGroupAndSessionZeroAndMayLeadItsOwn() {
        assertEquals(0, k.getpgrp(m.t));
        assertEquals(0, k.getsid(m.t, 0));
        assertEquals(TaskList.INIT_PID, k.getsid(m.t, TaskList.INIT_PID));
        assertEquals(0, k.setpgid(m.t, 0, 0));
        assertEquals(m.t.tgid(), k.getpgid(m.t, 0));
        assertEquals(Errno.EPERM.neg(), k.setsid(m.t), "now a group leader");
    }

    /** What an LTP test does: its child makes its own group, exits, is reaped; killing the group then finds nobody. */
    @Test
    void kill_groupOfAReapedChild_returnsEsrch() {
        Task child = fork(m.t);
        assertEquals(0, k.setpgid(child, 0, 0));
        assertEquals(child.tgid(), k.getpgid(m.t, child.tgid()));
        k.exitGroup(child, 0);
        assertEquals(child.tgid(), k.wait4(m.t, child.tgid(), 0).ret());
        assertEquals(Errno.ESRCH.neg(), k.kill(m.t, -child.tgid(), Signal.SIGKILL.number()));
    }

    @Test
    void kill_group_breaksTheSleepOfEveryMember() throws Exception {
        Task child = fork(m.t);
        assertEquals(0, k.setpgid(child, 0, 0));
        Task grandchild = fork(child);
        Future<WaitResult> w = startAsleep(child, () -> k.wait4(child, -1, 0));
        assertEquals(0, k.kill(m.t, -child.tgid(), Signal.SIGUSR1.number()));
        assertEquals(Errno.ERESTARTSYS.neg(), w.get(10, SECONDS).ret());
        assertTrue(grandchild.isPending(Signal.SIGUSR1), "the grandchild inherited the group");
        assertFalse(m.t.isPending(Signal.SIGUSR1));
    }

    @Test
    void wait4_negativeGroup_sleepsUntilAMemberExits() throws Exception {
        Task outside = fork(m.t);
        Task member = fork(m.t);
        assertEquals(0, k.setpgid(m.t, member.tgid(), 0));
        Future<WaitResult> w = startAsleep(m.t, () -> k.wait4(m.t, -member.tgid(), 0));
        k.exitGroup(outside, 1);
        k.exitGroup(member, 2);
        WaitResult r = w.get(10, SECONDS);
        assertEquals(member.tgid(), r.ret());
        assertEquals(2 << 8, r.status());
    }

    @Test
    void setpgid_childAfterExecve_returnsEacces() {
        int fd = m.open("/prog", dev.kemu.vfs.Fcntl.O_CREAT | dev.kemu.vfs.Fcntl.O_WRONLY);
        assertEquals(0, k.close(m.t, fd));
        assertEquals(0, k.chmod(m.t, "/prog", 0755));
        Task child = fork(m.t);
        assertEquals(0, k.setpgid(m.t, child.tgid(), 0), "before execve the parent may move it");
        assertEquals(0, k.execve(child, "/prog"));
        assertEquals(Errno.EACCES.neg(), k.setpgid(m.t, child.tgid(), m.t.tgid()));
    }

    @Test
    void setsid_child_returnsItsIdAndLeavesTheParentsSession() {
        Task child = fork(m.t);
        assertEquals(child.tgid(), k.setsid(child));
        assertEquals(child.tgid(), k.getsid(m.t, child.tgid()));
        assertEquals(Errno.EPERM.neg(), k.setpgid(m.t, child.tgid(), 0), "a child in another session");
        assertEquals(Errno.ESRCH.neg(), k.getsid(m.t, child.tgid() + 1000));
    }

    @Test
    void waitid_pgidZero_einvalBefore5_4() throws Exception {
        Kernel k53 = boot(5, 3);
        Task t53 = k53.newTask();
        assertEquals(0, k53.setpgid(t53, 0, 0));
        CloneResult c = k53.fork(t53);
        assertEquals(Errno.EINVAL.neg(), k53.waitid(t53, Wait.P_PGID, 0, Wait.WEXITED | Wait.WNOHANG).ret());
        assertEquals(0, k53.waitid(t53, Wait.P_PGID, t53.tgid(), Wait.WEXITED | Wait.WNOHANG).ret());
        k53.exitGroup(c.child(), 0);
        fork(m.t);
        assertEquals(0, k.waitid(m.t, Wait.P_PGID, 0, Wait.WEXITED | Wait.WNOHANG).ret(), "6.18 takes 0 for the caller's group");
    }
}
