package dev.kemu.pipe;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Ftrace;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserLong;
import dev.kemu.vfs.VfsSyscalls;

/**
 * copy_file_range and sendfile ({@code fs/read_write.c:SYSCALL_DEFINE6(copy_file_range)},
 * {@code vfs_copy_file_range()}, {@code generic_copy_file_checks()},
 * {@code generic_file_rw_checks()}, {@code do_sendfile()}, {@code SYSCALL_DEFINE4(sendfile64)}),
 * with the checks of each version band ({@link CopyBehaviour}).
 *
 * <p>Neither ext4 nor the other modelled filesystems has a {@code copy_file_range} or
 * {@code remap_file_range} method, so a copy always ends in {@code do_splice_direct}: page-cache
 * references through the task's private pipe, written with the version's splice write end.
 * That is why a same-file copy smears forward on 4.5–5.2 and silently skips same-page data on
 * 3.10 with copy_file_range backported.
 */
public final class CopyCalls {
    private final VfsSyscalls vfs;
    private final CopyBehaviour behaviour;
    private final DirectSplice direct;
    private final SpliceToPipe toPipe;

    CopyCalls(VfsSyscalls vfs, CopyBehaviour behaviour, DirectSplice direct, SpliceToPipe toPipe) {
        this.vfs = vfs;
        this.behaviour = behaviour;
        this.direct = direct;
        this.toPipe = toPipe;
    }

    /** {@code copy_file_range(2)}; {@code len} is a {@code size_t}. */
    public long copyFileRange(Task t, int fdIn, UserLong offIn, int fdOut, UserLong offOut, long len, int flags) {
        File in = vfs.fdget(t, fdIn);
        if (in == null) {
            return Errno.EBADF.neg();
        }
        try {
            File out = vfs.fdget(t, fdOut);
            if (out == null) {
                return Errno.EBADF.neg();
            }
            try {
                if (offIn != null && offIn.faults()) {
                    return Errno.EFAULT.neg();
                }
                if (offOut != null && offOut.faults()) {
                    return Errno.EFAULT.neg();
                }
                long posIn = offIn != null ? offIn.get() : in.pos();
                long posOut = offOut != null ? offOut.get() : out.pos();
                if (flags != 0) {
                    return Errno.EINVAL.neg();
                }
                dev.kemu.vfs.KernelStats.add(dev.kemu.vfs.KernelStats.Counter.COPY_FILE_RANGE, 1);
                long[] pin = {posIn};
                long[] pout = {posOut};
                long ret = vfsCopyFileRange(in, pin, out, pout, len);
                if (ret > 0) {
                    if (offIn != null) {
                        offIn.set(posIn + ret);
                    } else {
                        in.setPos(posIn + ret);
                    }
                    if (offOut != null) {
                        offOut.set(posOut + ret);
                    } else {
                        out.setPos(posOut + ret);
                    }
                }
                return ret;
            } finally {
                out.put();
            }
        } finally {
            in.put();
        }
    }

    /** {@code generic_file_rw_checks}: EISDIR, EINVAL for non-regular files, EBADF for modes and O_APPEND. */
    private static long rwChecks(File in, File out, boolean typeChecks) {
        if (typeChecks) {
            int mi = in.inode().mode();
            int mo = out.inode().mode();
            if (StatMode.isDir(mi) || StatMode.isDir(mo)) {
                return Errno.EISDIR.neg();
            }
            if (!StatMode.isReg(mi) || !StatMode.isReg(mo)) {
                return Errno.EINVAL.neg();
            }
        }
        if (!in.canRead() || !out.canWrite() || (out.flags() & Fcntl.O_APPEND) != 0) {
            return Errno.EBADF.neg();
        }
        return 0;
    }

    private static boolean sameSb(File in, File out) {
        return in.inode().sb() == out.inode().sb();
    }

    /** {@code vfs_copy_file_range} of the version band. */
    private long vfsCopyFileRange(File in, long[] pin, File out, long[] pout, long len) {
        Ftrace.enter("vfs_copy_file_range");
        return Ftrace.exit(vfsCopyFileRangeTraced(in, pin, out, pout, len));
    }

    private long vfsCopyFileRangeTraced(File in, long[] pin, File out, long[] pout, long len) {
        long err;
        switch (behaviour.copyFileRange()) {
            case RHEL7:
            case V4_5:
                if ((err = VfsSyscalls.rwVerifyArea(in, pin[0], len)) < 0
                        || (err = VfsSyscalls.rwVerifyArea(out, pout[0], len)) < 0
                        || (err = rwChecks(in, out, false)) < 0) {
                    return err;
                }
                if (!sameSb(in, out)) {
                    return Errno.EXDEV.neg();
                }
                if (len == 0) {
                    return 0;
                }
                if (behaviour.copyFileRange() == CopyBehaviour.CopyFileRange.RHEL7) {
                    Ftrace.note("no clone_file_range or copy_file_range in the file's file_operations_extend, and the"
                            + " do_splice_direct fallback is compiled out (\"splice is broken on RHEL7\"): ENOSYS");
                    return Errno.ENOSYS.neg();
                }
                return direct.doSpliceDirect(in, pin, out, pout, Math.min(len, Fcntl.MAX_RW_COUNT), 0, true);
            case V4_12:
                if ((err = rwChecksTypeOnly(in, out)) < 0
                        || (err = VfsSyscalls.rwVerifyArea(in, pin[0], len)) < 0
                        || (err = VfsSyscalls.rwVerifyArea(out, pout[0], len)) < 0
                        || (err = rwChecks(in, out, false)) < 0) {
                    return err;
                }
                if (!sameSb(in, out)) {
                    return Errno.EXDEV.neg();
                }
                if (len == 0) {
                    return 0;
                }
                return direct.doSpliceDirect(in, pin, out, pout, Math.min(len, Fcntl.MAX_RW_COUNT), 0, true);
            case V5_3:
            case V5_19:
            default:
                return copyChecked(in, pin, out, pout, len);
        }
    }

    private static long rwChecksTypeOnly(File in, File out) {
        int mi = in.inode().mode();
        int mo = out.inode().mode();
        if (StatMode.isDir(mi) || StatMode.isDir(mo)) {
            return Errno.EISDIR.neg();
        }
        if (!StatMode.isReg(mi) || !StatMode.isReg(mo)) {
            return Errno.EINVAL.neg();
        }
        return 0;
    }

    /** 5.3+: {@code generic_copy_file_checks}, then rw_verify_area, then the splice copy. */
    private long copyChecked(File in, long[] pin, File out, long[] pout, long len) {
        long[] count = {len};
        Ftrace.enter("generic_copy_file_checks");
        long err = Ftrace.exit(genericCopyFileChecks(in, pin[0], out, pout[0], count));
        if (err < 0) {
            return err;
        }
        if ((err = VfsSyscalls.rwVerifyArea(in, pin[0], count[0])) < 0
                || (err = VfsSyscalls.rwVerifyArea(out, pout[0], count[0])) < 0) {
            return err;
        }
        if (count[0] == 0) {
            return 0;
        }
        return direct.doSpliceDirect(in, pin, out, pout, Math.min(count[0], Fcntl.MAX_RW_COUNT), 0, true);
    }

    /** {@code generic_copy_file_checks}: 0 with {@code count[0]} shortened, or the errno of the first failing check. */
    private long genericCopyFileChecks(File in, long posIn, File out, long posOut, long[] countp) {
        long err = rwChecks(in, out, true);
        if (err < 0) {
            return err;
        }
        if (behaviour.copyFileRange() == CopyBehaviour.CopyFileRange.V5_19 && !sameSb(in, out)) {
            Ftrace.note("no copy_file_range method and the files are on different superblocks: EXDEV");
            return Errno.EXDEV.neg();
        }
        long count = countp[0];
        // Ensure offsets don't wrap (as unsigned 64-bit sums).
        if (Long.compareUnsigned(posIn + count, posIn) < 0 || Long.compareUnsigned(posOut + count, posOut) < 0) {
            return Errno.EOVERFLOW.neg();
        }
        Inode inodeIn = in.inode();
        long sizeIn = inodeIn.size();
        if (posIn >= sizeIn) {
            count = 0;
        } else if (Long.compareUnsigned(count, sizeIn - posIn) > 0) {
            count = sizeIn - posIn;
        }
        // generic_write_check_limits
        long maxSize = out.inode().sb().maxBytes();
        if (posOut >= maxSize) {
            return Errno.EFBIG.neg();
        }
        if (Long.compareUnsigned(count, maxSize - posOut) > 0) {
            count = maxSize - posOut;
        }
        if (inodeIn == out.inode() && posOut + count > posIn && posOut < posIn + count) {
            Ftrace.note("overlapped copying within the same file: [" + posIn + ", " + (posIn + count) + ") and ["
                    + posOut + ", " + (posOut + count) + ") overlap: EINVAL");
            return Errno.EINVAL.neg();
        }
        countp[0] = count;
        return 0;
    }

    /** {@code sendfile64(2)}: {@code offset} null for NULL; the offset is written back even on failure. */
    public long sendfile(Task t, int outFd, int inFd, UserLong offset, long count) {
        if (offset != null) {
            if (offset.faults()) {
                return Errno.EFAULT.neg();
            }
            long[] pos = {offset.get()};
            long ret = doSendfile(t, outFd, inFd, pos, count);
            offset.set(pos[0]);
            return ret;
        }
        return doSendfile(t, outFd, inFd, null, count);
    }

    /** {@code do_sendfile}. */
    private long doSendfile(Task t, int outFd, int inFd, long[] ppos, long count) {
        dev.kemu.vfs.KernelStats.add(dev.kemu.vfs.KernelStats.Counter.SENDFILE, 1);
        File in = vfs.fdget(t, inFd);
        if (in == null) {
            return Errno.EBADF.neg();
        }
        try {
            if (!in.canRead()) {
                return Errno.EBADF.neg();
            }
            long pos;
            if (ppos == null) {
                pos = in.pos();
            } else {
                pos = ppos[0];
                if ((in.mode() & File.FMODE_PREAD) == 0) {
                    return Errno.ESPIPE.neg();
                }
            }
            long err = VfsSyscalls.rwVerifyArea(in, pos, count);
            if (err < 0) {
                return err;
            }
            count = Math.min(count, Fcntl.MAX_RW_COUNT);
            File out = vfs.fdget(t, outFd);
            if (out == null) {
                return Errno.EBADF.neg();
            }
            try {
                return sendfileTo(in, ppos, pos, out, count);
            } finally {
                out.put();
            }
        } finally {
            in.put();
        }
    }

    private long sendfileTo(File in, long[] ppos, long pos, File out, long count) {
        if (!out.canWrite()) {
            return Errno.EBADF.neg();
        }
        long[] outPos = {out.pos()};
        long max = Math.min(in.inode().sb().maxBytes(), out.inode().sb().maxBytes());
        CopyBehaviour.Sendfile model = behaviour.sendfile();
        if (model == CopyBehaviour.Sendfile.V3_10 || model == CopyBehaviour.Sendfile.V4_5) {
            long err = VfsSyscalls.rwVerifyArea(out, outPos[0], count);
            if (err < 0) {
                return err;
            }
        }
        if (pos + count > max || pos + count < 0) {
            if (pos >= max) {
                return Errno.EOVERFLOW.neg();
            }
            count = max - pos;
        }
        long[] ipos = {pos};
        Pipe opipe = PipeSyscalls.pipeInfo(out);
        long ret;
        if (opipe != null && (model == CopyBehaviour.Sendfile.V5_12 || model == CopyBehaviour.Sendfile.V6)) {
            int fl = (out.flags() & Fcntl.O_NONBLOCK) != 0 ? SpliceFromPipe.SPLICE_F_NONBLOCK : 0;
            long verr = VfsSyscalls.rwVerifyArea(in, ipos[0], count);
            ret = verr < 0 ? verr : toPipe.spliceFileToPipe(in, opipe, ipos, count, fl);
        } else {
            if (model == CopyBehaviour.Sendfile.V5_12 || model == CopyBehaviour.Sendfile.V6) {
                long err = VfsSyscalls.rwVerifyArea(out, outPos[0], count);
                if (err < 0) {
                    return err;
                }
            }
            // 3.10 finds O_APPEND only in do_splice_from, after the input check and the first read.
            ret = direct.doSpliceDirect(in, ipos, out, outPos, count, 0, model != CopyBehaviour.Sendfile.V3_10);
        }
        if (ret > 0) {
            out.setPos(outPos[0]);
            if (ppos != null) {
                ppos[0] = ipos[0];
            } else {
                in.setPos(ipos[0]);
            }
        }
        if (ipos[0] > max) {
            return Errno.EOVERFLOW.neg();
        }
        return ret;
    }
}
