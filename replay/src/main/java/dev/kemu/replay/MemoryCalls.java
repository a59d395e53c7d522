package dev.kemu.replay;

import dev.kemu.kernel.Syscalls;
import dev.kemu.strace.SyscallLine;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.Vma;
import java.util.Set;

/**
 * Mappings as the record shows them. Where a mapping lands is the recording machine's choice, so the model places
 * each at the address the record returned ({@code Syscalls.mmapAt}); what is compared is whether the call
 * succeeded and with which errno, the checks of {@code mm/mmap.c:do_mmap()} on the file and the protection.
 *
 * <p>Anonymous memory is outside the model's state, but the task's map must know it, so that an address inside it
 * is valid user memory and a later {@code munmap} or {@code mprotect} of a range holding file pages does what Linux
 * did: anonymous {@code mmap}, {@code brk}, and {@code munmap}/{@code mprotect}/{@code mremap}/{@code madvise}/
 * {@code msync} of ranges without a file mapping are applied to the map and counted as outside the model; those
 * that touch a mapping of a file are compared.
 */
final class MemoryCalls {
    /** The calls this class runs. */
    static final Set<String> NAMES = Set.of("mmap", "munmap", "mprotect", "mremap", "msync", "madvise", "brk");

    private final Syscalls kernel;
    private final Task task;
    private boolean brkKnown;

    MemoryCalls(Syscalls kernel, Task task) {
        this.kernel = kernel;
        this.task = task;
    }

    /** True when the call touches no mapping of a file: it is applied to the map but not compared. */
    boolean isAnonymous(SyscallLine line, Args a) {
        switch (line.name()) {
            case "brk":
                return true;
            case "mmap":
                return (a.num(3) & 0x20) != 0; // MAP_ANONYMOUS
            default:
                return !touchesFile(a.num(0), a.num(1));
        }
    }

    private boolean touchesFile(long addr, long len) {
        long end = addr + Math.max(len, 1);
        for (Vma v : task.mm().vmas()) {
            if (v.file() != null && v.start() < end && addr < v.end()) {
                return true;
            }
        }
        return false;
    }

    /** Applies a call outside the model to the task's map, so that later calls see the same memory. */
    void apply(SyscallLine line, Args a) {
        if (line.result().isError() || line.result().value().isEmpty()) {
            return;
        }
        long ret = line.result().value().getAsLong();
        switch (line.name()) {
            case "mmap":
                kernel.mmapAt(task, ret, a.num(0), a.num(1), a.integer(2), a.integer(3), a.integer(4), a.num(5));
                break;
            case "brk":
                if (a.num(0) == 0 && !brkKnown) {
                    // The heap starts where the recording machine put it.
                    task.mm().setStartBrk(ret);
                    brkKnown = true;
                }
                kernel.brk(task, ret);
                break;
            default:
                run(line, a);
                break;
        }
    }

    Executed run(SyscallLine line, Args a) {
        long ret;
        switch (line.name()) {
            case "mmap": {
                long at = line.result().isError() ? 0 : line.result().value().orElse(0);
                ret = kernel.mmapAt(task, at, a.num(0), a.num(1), a.integer(2), a.integer(3), a.integer(4), a.num(5));
                break;
            }
            case "munmap":
                ret = kernel.munmap(task, a.num(0), a.num(1));
                break;
            case "mprotect":
                ret = kernel.mprotect(task, a.num(0), a.num(1), a.integer(2));
                break;
            case "mremap":
                ret = kernel.mremap(task, a.num(0), a.num(1), a.num(2), a.integer(3), a.count() > 4 ? a.num(4) : 0);
                break;
            case "msync":
                ret = kernel.msync(task, a.num(0), a.num(1), a.integer(2));
                break;
            case "madvise":
                ret = kernel.madvise(task, a.num(0), a.num(1), a.integer(2));
                break;
            case "brk":
                ret = kernel.brk(task, a.num(0));
                break;
            default:
                throw new IllegalStateException("not a memory call: " + line.name());
        }
        // An address the call returns is the recording machine's; only success and the errno are compared.
        long shown = !dev.kemu.vfs.Errno.isError(ret) && line.result().value().isPresent() && !line.result().isError()
                ? line.result().value().getAsLong() : ret;
        boolean address = line.name().equals("mmap") || line.name().equals("mremap") || line.name().equals("brk");
        return new Executed(address ? shown : ret, line.withResult(Results.of(address ? shown : ret)), null);
    }
}
