package dev.kemu.pipe;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Iovec;
import dev.kemu.vfs.KernelStats;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserLong;
import dev.kemu.vfs.VfsSyscalls;
import java.util.List;

/**
 * The splice, tee and vmsplice system calls ({@code fs/splice.c:SYSCALL_DEFINE6(splice)},
 * {@code __do_splice()}, {@code do_splice()}, {@code do_tee()}, {@code SYSCALL_DEFINE4(vmsplice)}),
 * with their checks in the order 6.18 makes them.
 *
 * <p>Errors: splice — 0 for {@code len == 0} before anything, EINVAL for unknown flags, EBADF
 * for a bad descriptor, ESPIPE for an offset on a pipe side (before the mode check), EFAULT for
 * an offset pointer that faults, EBADF for the wrong access mode, EINVAL for the same pipe on
 * both sides, for an offset on a file without pread/pwrite, for an O_APPEND output, for neither
 * side a pipe and for a file without splice methods; rw_verify_area's EINVAL; at run time
 * EAGAIN, EPIPE (+SIGPIPE), ERESTARTSYS. tee — EINVAL for flags (before {@code len == 0}), EBADF,
 * EINVAL unless two different pipes. vmsplice — EINVAL for flags, EBADF (descriptor, mode, not a
 * pipe), EINVAL for more than IOV_MAX vectors, 0 for nothing to move.
 */
public final class SpliceCalls {
    /** SPLICE_F_ALL. */
    public static final int SPLICE_F_ALL = 0xF;

    private final PipeBehaviour behaviour;
    private final VfsSyscalls vfs;
    private final SpliceToPipe toPipe;
    private final PipeToPipe pipeToPipe;
    private final CopyCalls copies;

    /**
     * The splice family for one kernel.
     *
     * @param pipes the pipe layer whose pipefs holds the tasks' private pipes
     */
    public SpliceCalls(PipeBehaviour behaviour, CopyBehaviour copyBehaviour, VfsSyscalls vfs, PipeSyscalls pipes) {
        this.behaviour = behaviour;
        this.vfs = vfs;
        this.toPipe = new SpliceToPipe(behaviour);
        this.pipeToPipe = new PipeToPipe(behaviour);
        this.copies = new CopyCalls(vfs, copyBehaviour,
                new DirectSplice(behaviour, copyBehaviour, toPipe, pipes.pipefs()), toPipe);
    }

    /** Counts bytes that moved as page references. */
    private static long countRef(long ret) {
        if (ret > 0) {
            KernelStats.add(KernelStats.Counter.BYTES_BY_REFERENCE, ret);
        }
        return ret;
    }

    /** copy_file_range and sendfile, which share the private-pipe machinery. */
    public CopyCalls copies() {
        return copies;
    }

    /** {@code splice(2)}; {@code len} is a {@code size_t} (negative means above SSIZE_MAX). */
    public long splice(Task t, int fdIn, UserLong offIn, int fdOut, UserLong offOut, long len, int flags) {
        if (len == 0) {
            return 0;
        }
        if (behaviour.spliceFlagsChecked() && (flags & ~SPLICE_F_ALL) != 0) {
            return Errno.EINVAL.neg();
        }
        return withInOut(t, fdIn, fdOut, (in, out) -> behaviour.spliceOrder() == PipeBehaviour.SpliceOrder.OFFSETS_FIRST
                ? doSpliceUser(in, offIn, out, offOut, len, flags) : doSpliceOld(in, offIn, out, offOut, len, flags));
    }

    /** What splice and tee do once they hold both files. */
    private interface InOut {
        long apply(File in, File out);
    }

    /**
     * Looks up both descriptors as splice and tee do (EBADF for either), checking each one's
     * access mode right after it when the version does so at the syscall (up to 5.7), and drops
     * the references afterwards.
     */
    private long withInOut(Task t, int fdIn, int fdOut, InOut body) {
        boolean modesAtSyscall = behaviour.spliceOrder() == PipeBehaviour.SpliceOrder.MODES_AT_SYSCALL;
        File in = vfs.fdget(t, fdIn);
        if (in == null) {
            return Errno.EBADF.neg();
        }
        try {
            if (modesAtSyscall && !in.canRead()) {
                return Errno.EBADF.neg();
            }
            File out = vfs.fdget(t, fdOut);
            if (out == null) {
                return Errno.EBADF.neg();
            }
            try {
                if (modesAtSyscall && !out.canWrite()) {
                    return Errno.EBADF.neg();
                }
                return body.apply(in, out);
            } finally {
                out.put();
            }
        } finally {
            in.put();
        }
    }

    /**
     * Up to 5.8 {@code do_splice} read each offset inside its branch, after the ESPIPE and
     * FMODE_PREAD/PWRITE checks, and wrote it back whatever the result.
     */
    private long doSpliceOld(File in, UserLong offIn, File out, UserLong offOut, long len, int flags) {
        if (!in.canRead() || !out.canWrite()) {
            return Errno.EBADF.neg();
        }
        Pipe ipipe = PipeSyscalls.pipeInfo(in);
        Pipe opipe = PipeSyscalls.pipeInfo(out);
        if (ipipe != null && opipe != null) {
            return doSplice(in, offIn == null ? null : new long[1], out, offOut == null ? null : new long[1], len, flags);
        }
        if (ipipe != null || opipe != null) {
            UserLong user = ipipe != null ? offOut : offIn;
            UserLong onPipe = ipipe != null ? offIn : offOut;
            File file = ipipe != null ? out : in;
            if (onPipe != null) {
                return Errno.ESPIPE.neg();
            }
            long[] off = null;
            if (user != null) {
                if ((file.mode() & (ipipe != null ? File.FMODE_PWRITE : File.FMODE_PREAD)) == 0) {
                    return Errno.EINVAL.neg();
                }
                if (user.faults()) {
                    return Errno.EFAULT.neg();
                }
                off = new long[] {user.get()};
            }
            long ret = ipipe != null ? doSplice(in, null, out, off, len, flags) : doSplice(in, off, out, null, len, flags);
            if (off != null) {
                user.set(off[0]);
            }
            return ret;
        }
        return Errno.EINVAL.neg();
    }

    /** {@code __do_splice} (5.10+): the user offsets. */
    private long doSpliceUser(File in, UserLong offIn, File out, UserLong offOut, long len, int flags) {
        Pipe ipipe = PipeSyscalls.pipeInfo(in);
        Pipe opipe = PipeSyscalls.pipeInfo(out);
        if (ipipe != null && offIn != null) {
            return Errno.ESPIPE.neg();
        }
        if (opipe != null && offOut != null) {
            return Errno.ESPIPE.neg();
        }
        long[] oOut = null;
        long[] oIn = null;
        if (offOut != null) {
            if (offOut.faults()) {
                return Errno.EFAULT.neg();
            }
            oOut = new long[] {offOut.get()};
        }
        if (offIn != null) {
            if (offIn.faults()) {
                return Errno.EFAULT.neg();
            }
            oIn = new long[] {offIn.get()};
        }
        long ret = doSplice(in, oIn, out, oOut, len, flags);
        if (ret < 0) {
            return ret;
        }
        if (oOut != null) {
            offOut.set(oOut[0]);
        }
        if (oIn != null) {
            offIn.set(oIn[0]);
        }
        return ret;
    }

    private int nonblock(File f, int flags) {
        if (behaviour.pipeNonblockMeansSpliceNonblock() && (f.flags() & Fcntl.O_NONBLOCK) != 0) {
            return flags | SpliceFromPipe.SPLICE_F_NONBLOCK;
        }
        return flags;
    }

    /** {@code do_splice}: the dispatch on which side is a pipe. */
    long doSplice(File in, long[] offIn, File out, long[] offOut, long len, int flags) {
        dev.kemu.vfs.Ftrace.enter("do_splice");
        return dev.kemu.vfs.Ftrace.exit(doSpliceTraced(in, offIn, out, offOut, len, flags));
    }

    private long doSpliceTraced(File in, long[] offIn, File out, long[] offOut, long len, int flags) {
        if (!in.canRead() || !out.canWrite()) {
            return Errno.EBADF.neg();
        }
        Pipe ipipe = PipeSyscalls.pipeInfo(in);
        Pipe opipe = PipeSyscalls.pipeInfo(out);
        if (ipipe != null && opipe != null) {
            if (offIn != null || offOut != null) {
                return Errno.ESPIPE.neg();
            }
            if (ipipe == opipe) {
                return Errno.EINVAL.neg();
            }
            flags = nonblock(out, nonblock(in, flags));
            KernelStats.add(KernelStats.Counter.SPLICE_PIPE_TO_PIPE, 1);
            return countRef(pipeToPipe.splicePipeToPipe(ipipe, opipe, len, flags));
        }
        if (ipipe != null) {
            if (offIn != null) {
                return Errno.ESPIPE.neg();
            }
            long[] pos;
            if (offOut != null) {
                if ((out.mode() & File.FMODE_PWRITE) == 0) {
                    return Errno.EINVAL.neg();
                }
                pos = new long[] {offOut[0]};
            } else {
                pos = new long[] {out.pos()};
            }
            if ((out.flags() & Fcntl.O_APPEND) != 0) {
                return Errno.EINVAL.neg();
            }
            long err = VfsSyscalls.rwVerifyArea(out, pos[0], len);
            if (err < 0) {
                return err;
            }
            KernelStats.add(KernelStats.Counter.SPLICE_PIPE_TO_FILE, 1);
            long ret = doSpliceFrom(ipipe, out, pos, len, nonblock(in, flags));
            if (offOut == null) {
                out.setPos(pos[0]);
            } else {
                offOut[0] = pos[0];
            }
            return ret;
        }
        if (opipe != null) {
            if (offOut != null) {
                return Errno.ESPIPE.neg();
            }
            long[] pos;
            if (offIn != null) {
                if ((in.mode() & File.FMODE_PREAD) == 0) {
                    return Errno.EINVAL.neg();
                }
                pos = new long[] {offIn[0]};
            } else {
                pos = new long[] {in.pos()};
            }
            KernelStats.add(KernelStats.Counter.SPLICE_FILE_TO_PIPE, 1);
            long ret = toPipe.spliceFileToPipeChecked(in, opipe, pos, len, nonblock(out, flags));
            if (offIn == null) {
                in.setPos(pos[0]);
            } else {
                offIn[0] = pos[0];
            }
            return ret;
        }
        return Errno.EINVAL.neg();
    }

    /** {@code do_splice_from}: the output file's splice_write; without one EINVAL (5.10+) or a write per buffer (before). */
    private long doSpliceFrom(Pipe pipe, File out, long[] ppos, long len, int flags) {
        dev.kemu.vfs.Ftrace.enter("do_splice_from");
        return dev.kemu.vfs.Ftrace.exit(doSpliceFromTraced(pipe, out, ppos, len, flags));
    }

    private long doSpliceFromTraced(Pipe pipe, File out, long[] ppos, long len, int flags) {
        return writeEnd(out, behaviour).spliceWrite(pipe, out, ppos, len, flags);
    }

    /** The splice_write an output file has: the version's write end for page-cache files, the file's own otherwise. */
    static SpliceWriteEnd writeEnd(File out, PipeBehaviour behaviour) {
        switch (out.fop().spliceWrite()) {
            case DISCARD:
                return DiscardSpliceWrite.INSTANCE;
            case SOCKET:
                return SpliceToSocket.INSTANCE;
            case NONE:
                return behaviour.spliceNeedsMethods() ? NoSpliceWrite.INSTANCE : DefaultFileSpliceWrite.INSTANCE;
            default:
                return PipeSyscalls.pipeInfo(out) != null ? IterFileSpliceWrite.INSTANCE : behaviour.spliceWriteEnd();
        }
    }

    /** {@code tee(2)}. */
    public long tee(Task t, int fdIn, int fdOut, long len, int flags) {
        if (behaviour.spliceFlagsChecked() && (flags & ~SPLICE_F_ALL) != 0) {
            return Errno.EINVAL.neg();
        }
        if (len == 0) {
            return 0;
        }
        return withInOut(t, fdIn, fdOut, (in, out) -> doTee(in, out, len, flags));
    }

    /** {@code do_tee}. */
    private long doTee(File in, File out, long len, int flags) {
        Pipe ipipe = PipeSyscalls.pipeInfo(in);
        Pipe opipe = PipeSyscalls.pipeInfo(out);
        if (!in.canRead() || !out.canWrite()) {
            return Errno.EBADF.neg();
        }
        if (ipipe == null || opipe == null || ipipe == opipe) {
            return Errno.EINVAL.neg();
        }
        flags = nonblock(out, nonblock(in, flags));
        long ret = PipeToPipe.ipipePrep(ipipe, flags);
        if (ret == 0) {
            ret = PipeToPipe.opipePrep(opipe, flags);
            if (ret == 0) {
                KernelStats.add(KernelStats.Counter.TEE, 1);
                ret = countRef(pipeToPipe.linkPipe(ipipe, opipe, len, flags));
            }
        }
        return ret;
    }

    /** {@code vmsplice(2)}, with the version's order of checks. */
    public long vmsplice(Task t, int fd, List<Iovec> iov, int flags) {
        PipeBehaviour.VmspliceOrder order = behaviour.vmspliceOrder();
        if ((order == PipeBehaviour.VmspliceOrder.V2 || order == PipeBehaviour.VmspliceOrder.V4)
                && (flags & ~SPLICE_F_ALL) != 0) {
            return Errno.EINVAL.neg();
        }
        if (order == PipeBehaviour.VmspliceOrder.V1 || order == PipeBehaviour.VmspliceOrder.V2) {
            if (iov.size() > Fcntl.IOV_MAX) {
                return Errno.EINVAL.neg();
            }
            if (iov.isEmpty()) {
                return 0;
            }
        }
        File f = vfs.fdget(t, fd);
        if (f == null) {
            return Errno.EBADF.neg();
        }
        try {
            boolean source;
            if (f.canWrite()) {
                source = true;
            } else if (f.canRead()) {
                source = false;
            } else {
                return Errno.EBADF.neg();
            }
            Pipe pipe = PipeSyscalls.pipeInfo(f);
            boolean early = order == PipeBehaviour.VmspliceOrder.V1 || order == PipeBehaviour.VmspliceOrder.V2;
            if (early && pipe == null) {
                return Errno.EBADF.neg();
            }
            if (iov.size() > Fcntl.IOV_MAX) {
                return Errno.EINVAL.neg();
            }
            if (order == PipeBehaviour.VmspliceOrder.V3 && (flags & ~SPLICE_F_ALL) != 0) {
                return Errno.EINVAL.neg();
            }
            List<Iovec> vecs = iov;
            if (behaviour.vmspliceStopsAtEmptySegment()) {
                // get_iovec_page_array: a zero-length segment ends the call there.
                int stop = 0;
                while (stop < iov.size() && iov.get(stop).len() != 0) {
                    stop++;
                }
                vecs = iov.subList(0, stop);
            }
            long total = 0;
            for (Iovec v : vecs) {
                total += Math.min(v.len(), Fcntl.MAX_RW_COUNT - total);
            }
            if (total == 0) {
                return 0;
            }
            if (pipe == null) {
                return Errno.EBADF.neg();
            }
            KernelStats.add(KernelStats.Counter.VMSPLICE, 1);
            return source ? countRef(Vmsplice.toPipe(pipe, vecs, flags)) : Vmsplice.toUser(pipe, f, vecs, total, flags);
        } finally {
            f.put();
        }
    }
}
