package dev.kemu.replay;

import dev.kemu.kernel.Syscalls;
import dev.kemu.strace.Addr;
import dev.kemu.strace.Arg;
import dev.kemu.strace.ListArg;
import dev.kemu.strace.Null;
import dev.kemu.strace.Num;
import dev.kemu.strace.Result;
import dev.kemu.strace.SyscallLine;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserLong;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The credential calls ({@code kernel/sys.c}, {@code kernel/groups.c}): ids as strace printed them ({@code -1}
 * included); what getresuid, getresgid and getgroups write back ({@code [0], [0], [0]}, {@code [0, 4]}) is compared
 * with the record. A pointer strace printed as an address (one it could not read or write) is one that faults.
 */
final class CredCalls {
    /** The calls this class runs. */
    static final Set<String> NAMES = Set.of("getuid", "geteuid", "getgid", "getegid", "setuid", "setgid", "setreuid",
            "setregid", "setresuid", "setresgid", "getresuid", "getresgid", "setfsuid", "setfsgid", "setgroups",
            "getgroups");

    /** The most groups backed with memory: {@code NGROUPS_MAX}. */
    private static final int MAX_GROUPS = 65536;

    private final Syscalls kernel;
    private final Task task;

    CredCalls(Syscalls kernel, Task task) {
        this.kernel = kernel;
        this.task = task;
    }

    Executed run(SyscallLine line, Args a) {
        return switch (line.name()) {
            case "getuid" -> plain(line, kernel.getuid(task));
            case "geteuid" -> plain(line, kernel.geteuid(task));
            case "getgid" -> plain(line, kernel.getgid(task));
            case "getegid" -> plain(line, kernel.getegid(task));
            case "setuid" -> plain(line, kernel.setuid(task, a.integer(0)));
            case "setgid" -> plain(line, kernel.setgid(task, a.integer(0)));
            case "setreuid" -> plain(line, kernel.setreuid(task, a.integer(0), a.integer(1)));
            case "setregid" -> plain(line, kernel.setregid(task, a.integer(0), a.integer(1)));
            case "setresuid" -> plain(line, kernel.setresuid(task, a.integer(0), a.integer(1), a.integer(2)));
            case "setresgid" -> plain(line, kernel.setresgid(task, a.integer(0), a.integer(1), a.integer(2)));
            case "setfsuid" -> plain(line, kernel.setfsuid(task, a.integer(0)));
            case "setfsgid" -> plain(line, kernel.setfsgid(task, a.integer(0)));
            case "getresuid", "getresgid" -> getres(line, a);
            case "setgroups" -> setgroups(line, a);
            default -> getgroups(line, a);
        };
    }

    private static Executed plain(SyscallLine line, long ret) {
        return new Executed(ret, line.withResult(Results.of(ret)), null);
    }

    /** A pointer to one id: NULL, an address strace could not use (both fault), or {@code [N]}. */
    private static UserLong idPointer(Args a, int i) {
        Arg raw = a.raw(i);
        if (raw instanceof Null || raw instanceof Addr) {
            return UserLong.faulting();
        }
        return UserLong.of(0);
    }

    private Executed getres(SyscallLine line, Args a) {
        UserLong[] ids = {idPointer(a, 0), idPointer(a, 1), idPointer(a, 2)};
        long ret = line.name().equals("getresuid") ? kernel.getresuid(task, ids[0], ids[1], ids[2])
                : kernel.getresgid(task, ids[0], ids[1], ids[2]);
        SyscallLine actual = line.withResult(Results.of(ret));
        String diff = null;
        if (ret == 0) {
            StringBuilder want = new StringBuilder();
            StringBuilder got = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                actual = actual.withArg(i, ListArg.of(Num.of(ids[i].get())));
                Long rec = a.raw(i) instanceof ListArg ? a.pointed(i) : null;
                want.append(i == 0 ? "" : ", ").append('[').append(rec).append(']');
                got.append(i == 0 ? "" : ", ").append('[').append(ids[i].get()).append(']');
                if (rec != null && rec != ids[i].get()) {
                    diff = "ids";
                }
            }
            if (diff != null) {
                diff = "ids: expected " + want + ", got " + got;
            }
        }
        return new Executed(ret, actual, diff);
    }

    /** The ids of a recorded group list, or null when strace printed an address or NULL. */
    private static List<Long> listed(Args a, int i) {
        if (!(a.raw(i) instanceof ListArg l)) {
            return null;
        }
        List<Long> out = new ArrayList<>();
        for (Arg g : l.items()) {
            out.add(new Args(SyscallLine.of("g", Result.unknown(), g)).num(0));
        }
        return out;
    }

    private Executed setgroups(SyscallLine line, Args a) {
        int size = a.integer(0);
        List<Long> rec = listed(a, 1);
        int[] list = null;
        if (rec != null) {
            // The kernel reads size entries; strace printed as many as it could read.
            list = new int[rec.size()];
            for (int i = 0; i < list.length; i++) {
                list[i] = rec.get(i).intValue();
            }
        }
        return plain(line, kernel.setgroups(task, size, list));
    }

    private Executed getgroups(SyscallLine line, Args a) {
        int size = a.integer(0);
        boolean faults = a.raw(1) instanceof Null || a.raw(1) instanceof Addr;
        int[] list = faults || size <= 0 ? null : new int[Math.min(size, MAX_GROUPS)];
        long ret = kernel.getgroups(task, size, list);
        SyscallLine actual = line.withResult(Results.of(ret));
        String diff = null;
        if (ret > 0 && size != 0 && list != null) {
            List<Arg> items = new ArrayList<>();
            List<Long> got = new ArrayList<>();
            for (int i = 0; i < ret; i++) {
                items.add(Num.of(list[i]));
                got.add(Integer.toUnsignedLong(list[i]));
            }
            actual = actual.withArg(1, new ListArg(items, null));
            List<Long> rec = listed(a, 1);
            if (rec != null && !rec.equals(got)) {
                diff = "groups: expected " + rec + ", got " + got;
            }
        }
        return new Executed(ret, actual, diff);
    }
}
