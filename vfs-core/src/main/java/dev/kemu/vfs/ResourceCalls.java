package dev.kemu.vfs;

/**
 * prlimit64, getrlimit and setrlimit ({@code kernel/sys.c:SYSCALL_DEFINE4(prlimit64)},
 * {@code do_prlimit()}).
 *
 * <p>Errors, in order: EFAULT (setrlimit without a limit), ESRCH (prlimit64 for a pid that is
 * neither 0 nor the task's own; the model has no other processes to look up), EINVAL (resource
 * at or past {@code RLIM_NLIMITS}), EINVAL (soft above hard), EPERM (a hard
 * {@code RLIMIT_NOFILE} above {@code nr_open}), EPERM (raising a hard limit: the task has no
 * {@code CAP_SYS_RESOURCE}).
 *
 * <p>A new {@code RLIMIT_NOFILE} soft value becomes the size of the descriptor table at once:
 * descriptors already open above it stay open, new ones are allocated below it.
 */
final class ResourceCalls {
    private ResourceCalls() {
    }

    /** {@code prlimit64}: {@code newLimit} null for NULL; the old limit is always reported. */
    static RlimitResult prlimit64(Task task, int pid, int resource, Rlimit newLimit) {
        if (pid != 0 && pid != task.pid()) {
            return RlimitResult.error(Errno.ESRCH);
        }
        return doPrlimit(task, resource, newLimit);
    }

    static RlimitResult getrlimit(Task task, int resource) {
        return doPrlimit(task, resource, null);
    }

    /** {@code setrlimit}; a null limit stands for a pointer that faults. */
    static long setrlimit(Task task, int resource, Rlimit limit) {
        if (limit == null) {
            return Errno.EFAULT.neg();
        }
        return doPrlimit(task, resource, limit).ret();
    }

    /** {@code do_prlimit}: the old value, and the new one stored when given and allowed. */
    private static RlimitResult doPrlimit(Task task, int resource, Rlimit newLimit) {
        if (resource < 0 || resource >= Rlimits.RLIM_NLIMITS) {
            return RlimitResult.error(Errno.EINVAL);
        }
        if (newLimit != null) {
            if (newLimit.softAboveHard()) {
                return RlimitResult.error(Errno.EINVAL);
            }
            if (resource == Rlimits.RLIMIT_NOFILE && Long.compareUnsigned(newLimit.max(), Rlimits.NR_OPEN) > 0) {
                return RlimitResult.error(Errno.EPERM);
            }
        }
        Rlimits limits = task.rlimits();
        synchronized (limits) {
            Rlimit old = limits.get(resource);
            if (newLimit != null) {
                if (Long.compareUnsigned(newLimit.max(), old.max()) > 0) {
                    return RlimitResult.error(Errno.EPERM);
                }
                limits.set(resource, newLimit);
                if (resource == Rlimits.RLIMIT_NOFILE) {
                    task.files().setLimit(Rlimits.tableSize(newLimit));
                }
            }
            return new RlimitResult(0, old);
        }
    }
}
