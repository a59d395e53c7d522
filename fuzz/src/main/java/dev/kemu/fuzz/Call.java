package dev.kemu.fuzz;

import java.util.List;

/**
 * One system call of a random scenario: the syscall's name as strace prints it and its
 * arguments in strace's order, descriptors still symbolic ({@link Val.Fd}).
 */
record Call(String name, List<Val> args) {
    Call {
        args = List.copyOf(args);
    }

    static Call of(String name, Val... args) {
        return new Call(name, List.of(args));
    }

    /** The calls whose descriptors this one uses. */
    List<Integer> uses() {
        return args.stream().filter(a -> a instanceof Val.Fd f && f.call() >= 0).map(a -> ((Val.Fd) a).call()).toList();
    }
}
