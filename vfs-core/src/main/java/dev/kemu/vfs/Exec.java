package dev.kemu.vfs;

import java.util.ArrayList;
import java.util.List;

/**
 * execve ({@code fs/exec.c:do_execveat_common()}, {@code do_open_execat()}, {@code de_thread()},
 * {@code begin_new_exec()}, {@code do_close_on_exec()}). The program image is outside the model:
 * the path is looked up and checked, then the task is made what a new program starts with.
 *
 * <p>Errors: the lookup's (ENOENT, ENOTDIR, ELOOP, ENAMETOOLONG); EACCES for anything but a
 * regular file ({@code may_open} with MAY_EXEC, a directory included) and for a file without
 * any execute bit (root's {@code generic_permission}). ENOEXEC is user space's (the loader
 * finds no format); ETXTBSY (a file open for writing) is not modelled.
 *
 * <p>On success: the other threads of the group are killed and released without an exit
 * status, a non-leader takes the leader's id and parent ({@code de_thread}); the descriptor
 * table is unshared and its close-on-exec descriptors closed; a vfork parent is released; the
 * address space is replaced by an empty one; signal handlers are unshared and reset to
 * SIG_DFL, ignored signals staying ignored ({@code flush_signal_handlers}); {@code PF_FORKNOEXEC}
 * is cleared (a parent may no longer move the process to another group). The process group and
 * session are the thread group's and stay as they are. The credentials keep their ids (no
 * set-user-id or set-group-id programs are modelled, nor file capabilities) and get the
 * capabilities an exec gives ({@link CommonCap#bprmCreds}).
 */
final class Exec {
    private Exec() {
    }

    static long execve(Task t, String path) {
        Namei.Result r = Namei.lookup(t, Fcntl.AT_FDCWD, path, false, true);
        if (r.err() < 0) {
            return r.err();
        }
        Inode inode = r.path().inode();
        if (!StatMode.isReg(inode.mode()) || (inode.mode() & 0111) == 0) {
            return Errno.EACCES.neg();
        }
        deThread(t);
        // begin_new_exec -> commit_creds(bprm->cred): no set-id programs, so only what commoncap changes.
        t.setCred(CommonCap.bprmCreds(t.cred()));
        FdTable files = t.files();
        if (files.isShared()) {
            FdTable own = files.copy();
            files.unshared();
            t.setFiles(own);
            files = own;
        }
        for (File f : files.removeCloseOnExec()) {
            f.put();
        }
        TaskList tl = t.vfs().taskList();
        MmStruct old;
        boolean dropOld;
        tl.lock().lock();
        try {
            Fork.completeVforkDoneLocked(tl, t);
            t.setForkNoExecLocked(false);
            old = t.replaceMm(new MmStruct());
            dropOld = !tl.mmUsedByOthersLocked(t, old);
            if (tl.sighandUsedByOthersLocked(t, t.sighand())) {
                t.setSighand(t.sighand().copy());
            }
            t.sighand().flushHandlers();
        } finally {
            tl.lock().unlock();
        }
        if (dropOld) {
            old.exitMmap();
        }
        return 0;
    }

    /** {@code de_thread}: every other thread exits; a non-leader becomes the leader, with its id. */
    private static void deThread(Task t) {
        TaskList tl = t.vfs().taskList();
        List<Task> others;
        tl.lock().lock();
        try {
            others = new ArrayList<>(t.signal().liveLocked());
            others.remove(t);
            for (Task o : others) {
                o.sendSignal(Signal.SIGKILL);
            }
        } finally {
            tl.lock().unlock();
        }
        for (Task o : others) {
            Exit.doExit(o, Signal.SIGKILL.number());
        }
        tl.lock().lock();
        try {
            SignalStruct group = t.signal();
            Task leader = group.leaderLocked();
            if (leader == t) {
                return;
            }
            // The leader is a zombie held back by this live thread: this thread takes its place.
            Task parent = leader.realParentLocked();
            int exitSignal = leader.exitSignal();
            tl.releaseLocked(leader);
            tl.takeTidLocked(t, leader);
            group.setLeaderLocked(t);
            t.setExitSignalLocked(exitSignal);
            tl.attachLocked(t, parent, true);
            tl.childExit().signalAll();
        } finally {
            tl.lock().unlock();
        }
    }
}
