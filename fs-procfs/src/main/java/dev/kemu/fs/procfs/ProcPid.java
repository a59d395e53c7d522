package dev.kemu.fs.procfs;

import dev.kemu.vfs.Inode;
import dev.kemu.vfs.SuperBlock;
import dev.kemu.vfs.Task;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A task's directory ({@code fs/proc/base.c:proc_pid_make_inode()}, {@code tgid_base_stuff})
 * and its {@code status} file ({@code fs/proc/array.c:proc_pid_status()}).
 *
 * <p>Which task a file describes is decided when the file is opened: {@code /proc/self} asks for
 * {@link Task#current()} then (the task that followed the link), {@code /proc/<pid>} names a
 * fixed task. The text is made from the task's state at each show, so a later open, or a read
 * from offset 0, sees a changed umask.
 *
 * <p>{@code status} carries the lines the model has values for: the task's name (fixed, as
 * tasks have no {@code comm}), umask, state, ids (root, no parent: {@code PPid} 0), thread count.
 * Memory, signal and capability lines are left out rather than invented.
 */
final class ProcPid {
    /** {@code task->comm} for every task: the model does not run programs. */
    static final String COMM = "kemu";

    private ProcPid() {
    }

    /** The directory standing for {@code task}, which may resolve to null (no current task). */
    static Inode newDir(SuperBlock sb, Supplier<Task> task) {
        Inode status = ProcInodes.newFile(sb, 0444, ProcSingleFile.pidEntry(inode -> {
            Task t = task.get();
            return t == null ? null : () -> procPidStatus(t);
        }), ProcInodes.PID_FILE_IOPS);
        return ProcInodes.newDir(sb, new ProcDir(Map.of("status", status))
                .refusing(dev.kemu.vfs.spi.Iattr.ATTR_MODE | dev.kemu.vfs.spi.Iattr.ATTR_UID | dev.kemu.vfs.spi.Iattr.ATTR_GID));
    }

    /** {@code proc_pid_status}: {@code task_name}, {@code task_state}, umask, ids, threads. */
    static byte[] procPidStatus(Task task) {
        int pid = task.pid();
        StringBuilder s = new StringBuilder(512);
        s.append("Name:\t").append(COMM).append('\n');
        s.append("Umask:\t").append(String.format("%04o", task.umask())).append('\n');
        s.append("State:\tR (running)\n");
        s.append("Tgid:\t").append(pid).append('\n');
        s.append("Ngid:\t0\n");
        s.append("Pid:\t").append(pid).append('\n');
        s.append("PPid:\t0\n");
        s.append("TracerPid:\t0\n");
        s.append("Uid:\t0\t0\t0\t0\n");
        s.append("Gid:\t0\t0\t0\t0\n");
        s.append("Groups:\t \n");
        s.append("NStgid:\t").append(pid).append('\n');
        s.append("NSpid:\t").append(pid).append('\n');
        s.append("NSpgid:\t").append(pid).append('\n');
        s.append("NSsid:\t").append(pid).append('\n');
        s.append("Kthread:\t0\n");
        s.append("Threads:\t1\n");
        s.append("NoNewPrivs:\t0\n");
        s.append("Seccomp:\t0\n");
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
