package dev.kemu.vfs;

/** The clone flags ({@code include/uapi/linux/sched.h}). */
public final class Sched {
    /** {@code CSIGNAL}: the legacy clone's exit-signal byte. */
    public static final long CSIGNAL = 0xff;
    public static final long CLONE_NEWTIME = 0x80;
    public static final long CLONE_VM = 0x100;
    public static final long CLONE_FS = 0x200;
    public static final long CLONE_FILES = 0x400;
    public static final long CLONE_SIGHAND = 0x800;
    public static final long CLONE_PIDFD = 0x1000;
    public static final long CLONE_PTRACE = 0x2000;
    public static final long CLONE_VFORK = 0x4000;
    public static final long CLONE_PARENT = 0x8000;
    public static final long CLONE_THREAD = 0x10000;
    public static final long CLONE_NEWNS = 0x20000;
    public static final long CLONE_SYSVSEM = 0x40000;
    public static final long CLONE_SETTLS = 0x80000;
    public static final long CLONE_PARENT_SETTID = 0x100000;
    public static final long CLONE_CHILD_CLEARTID = 0x200000;
    public static final long CLONE_DETACHED = 0x400000;
    public static final long CLONE_UNTRACED = 0x800000;
    public static final long CLONE_CHILD_SETTID = 0x1000000;
    public static final long CLONE_NEWCGROUP = 0x2000000;
    public static final long CLONE_NEWUTS = 0x4000000;
    public static final long CLONE_NEWIPC = 0x8000000;
    public static final long CLONE_NEWUSER = 0x10000000;
    public static final long CLONE_NEWPID = 0x20000000;
    public static final long CLONE_NEWNET = 0x40000000;
    public static final long CLONE_IO = 0x80000000L;
    public static final long CLONE_CLEAR_SIGHAND = 0x100000000L;
    public static final long CLONE_INTO_CGROUP = 0x200000000L;
    /** {@code CLONE_LEGACY_FLAGS}: the 32 bits the legacy clone has. */
    public static final long CLONE_LEGACY_FLAGS = 0xffffffffL;
    /** The namespace flags whose namespaces {@code create_new_namespaces} makes (CAP_SYS_ADMIN). */
    static final long NS_FLAGS = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID | CLONE_NEWNET
            | CLONE_NEWCGROUP | CLONE_NEWTIME;

    private Sched() {
    }
}
