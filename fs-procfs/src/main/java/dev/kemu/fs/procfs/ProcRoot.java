package dev.kemu.fs.procfs;

import dev.kemu.vfs.Inode;
import dev.kemu.vfs.SuperBlock;
import dev.kemu.vfs.Task;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * The root of procfs ({@code fs/proc/root.c:proc_root_init()}, {@code proc_root_lookup()}):
 * {@code self}, {@code sys}, {@code version}, and a numeric name for the calling task
 * ({@code proc_pid_lookup}).
 */
final class ProcRoot {
    private ProcRoot() {
    }

    /** Builds the tree of one mount and returns its root inode. */
    static Inode create(SuperBlock sb) {
        ProcSbInfo info = ProcSbInfo.of(sb);
        Inode self = ProcPid.newDir(sb, Task::current);
        Inode sys = ProcSys.create(sb);
        Inode version = ProcInodes.newFile(sb, 0444,
                ProcSingleFile.procEntry(inode -> () -> versionProcShow(info.release())));
        ProcDir root = new ProcDir(Map.of("self", self, "sys", sys, "version", version), Set.of("self"),
                ProcRoot::procPidLookup);
        Inode rootInode = ProcInodes.newDir(sb, root);
        rootInode.incNlink(); // proc_mkdir("sys"): one link per subdirectory
        return rootInode;
    }

    /**
     * {@code proc_pid_lookup}: {@code /proc/<pid>} for the calling task. The model has no task
     * list, so other pids are ENOENT; a directory once looked up stays in the dentry cache, bound
     * to its task.
     */
    private static Inode procPidLookup(Inode dir, String name) {
        Task current = Task.current();
        if (current == null || !name.equals(Integer.toString(current.pid()))) {
            return null;
        }
        return ProcPid.newDir(dir.sb(), () -> current);
    }

    /** {@code fs/proc/version.c:version_proc_show()}: the {@code linux_proc_banner} line. */
    static byte[] versionProcShow(String release) {
        return ("Linux version " + release + " (kemu@kemu) (kemu model of the Linux VFS) #1 SMP PREEMPT_DYNAMIC\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
