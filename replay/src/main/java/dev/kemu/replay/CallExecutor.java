package dev.kemu.replay;

import dev.kemu.kernel.Syscalls;
import dev.kemu.strace.Arg;
import dev.kemu.strace.Changed;
import dev.kemu.strace.ListArg;
import dev.kemu.strace.Null;
import dev.kemu.strace.Num;
import dev.kemu.strace.Quoting;
import dev.kemu.strace.Result;
import dev.kemu.strace.Str;
import dev.kemu.strace.StructArg;
import dev.kemu.strace.Sym;
import dev.kemu.strace.SyscallLine;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Iovec;
import dev.kemu.vfs.Kstat;
import dev.kemu.vfs.StatResult;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.UserLong;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Runs one recorded call on the emulated kernel: reads the arguments the way the kernel would
 * receive them, calls the kernel, and re-emits the line with the emulated results, noting any
 * difference in the data the call returned (bytes read, stat fields, descriptors).
 */
final class CallExecutor {
    /** The calls the replayer can run; anything else is UNSUPPORTED. */
    static final Set<String> SUPPORTED = union(union(FileCalls.NAMES, ProcessCalls.NAMES, CredCalls.NAMES), MemoryCalls.NAMES, union(union(SocketCalls.NAMES, PollCalls.NAMES, Set.of()), XattrCalls.NAMES, Set.of("open", "openat", "creat", "close", "read", "write", "pread64",
            "pwrite64", "readv", "writev", "lseek", "ftruncate", "fstat", "newfstatat", "mkdir", "mkdirat", "unlink",
            "unlinkat", "rmdir", "dup", "dup2", "dup3", "fcntl", "pipe", "pipe2", "splice", "tee", "vmsplice", "copy_file_range", "sendfile",
            "stat", "lstat", "execve", "exit", "exit_group", "sync")));

    private static Set<String> union(Set<String> a, Set<String> b, Set<String> c) {
        java.util.Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        all.addAll(c);
        return Set.copyOf(all);
    }

    /** Largest user buffer the replayer backs with memory; a larger count is clamped (the kernel clamps at MAX_RW_COUNT). */
    private static final long MAX_BUFFER = Fcntl.MAX_RW_COUNT;

    private final Syscalls kernel;
    private final Task task;
    private final FileCalls files;
    private final MemoryCalls memory;
    private final SocketCalls sockets;
    private final PollCalls polls;
    /** Whether a path (absolute or relative to the starting directory) names a directory of the recording machine. */
    private java.util.function.Predicate<String> recordedDirectory = p -> false;
    private final XattrCalls xattrs;
    private final CredCalls creds;

    private final ProcessCalls processes;

    CallExecutor(Syscalls kernel, Task task, ProcessCalls.Pids pids) {
        this.kernel = kernel;
        this.task = task;
        this.processes = new ProcessCalls(kernel, task, pids);
        this.files = new FileCalls(kernel, task);
        this.memory = new MemoryCalls(kernel, task);
        this.sockets = new SocketCalls(kernel, task);
        this.polls = new PollCalls(kernel, task);
        this.xattrs = new XattrCalls(kernel, task);
        this.creds = new CredCalls(kernel, task);
    }

    void recordedDirectories(java.util.function.Predicate<String> isRecorded) {
        this.recordedDirectory = isRecorded;
    }

    /** The mapping calls, which the replayer also applies to the task's map when they are outside the model. */
    MemoryCalls memory() {
        return memory;
    }

    /** The descriptors that hold a file of the recording machine ({@link Outside}), for calls moving data out to one. */
    private java.util.function.IntPredicate recordingMachines = fd -> false;

    void recordingMachineFds(java.util.function.IntPredicate isRecordingMachines) {
        this.recordingMachines = isRecordingMachines;
    }

    Executed run(SyscallLine line) {
        Args a = new Args(line);
        int[] inOut = TRANSFERS.get(line.name());
        if (inOut != null && recordingMachines.test(a.integer(inOut[1])) && !recordingMachines.test(a.integer(inOut[0]))) {
            return drainOut(line, a, inOut);
        }
        switch (line.name()) {
            case "open":
                return plain(line, kernel.open(task, a.path(0), a.integer(1), a.count() > 2 ? a.integer(2) : 0));
            case "openat":
                return plain(line, kernel.openat(task, a.integer(0), a.path(1), a.integer(2), a.count() > 3 ? a.integer(3) : 0));
            case "creat":
                return plain(line, kernel.creat(task, a.path(0), a.integer(1)));
            case "close":
                return plain(line, kernel.close(task, a.integer(0)));
            case "read":
                return read(line, a, false);
            case "pread64":
                return read(line, a, true);
            case "write":
                return write(line, a, false);
            case "pwrite64":
                return write(line, a, true);
            case "readv":
                return readv(line, a);
            case "writev":
                return plain(line, kernel.writev(task, a.integer(0), iovecs(a, true)));
            case "lseek":
                return plain(line, kernel.lseek(task, a.integer(0), a.num(1), a.integer(2)));
            case "ftruncate":
                return plain(line, kernel.ftruncate(task, a.integer(0), a.num(1)));
            case "fstat":
                return stat(line, kernel.fstat(task, a.integer(0)), 1, null);
            case "newfstatat":
                return stat(line, kernel.newfstatat(task, a.integer(0), a.path(1), a.integer(3)), 2,
                        a.integer(0) == Fcntl.AT_FDCWD || a.path(1).startsWith("/") ? a.path(1) : null);
            case "stat":
                return stat(line, kernel.newfstatat(task, Fcntl.AT_FDCWD, a.path(0), 0), 1, a.path(0));
            case "lstat":
                return stat(line, kernel.newfstatat(task, Fcntl.AT_FDCWD, a.path(0), Fcntl.AT_SYMLINK_NOFOLLOW), 1, a.path(0));
            case "execve":
                return execve(line, a);
            case "sync":
                // fs/sync.c:ksys_sync(): writes every filesystem back; always 0.
                kernel.sync();
                return plain(line, 0);
            case "exit":
                // kernel/exit.c:do_exit(): exit_files, the last close of each file happens here.
                kernel.exitTask(task, a.integer(0));
                return new Executed(0, line, null);
            case "exit_group":
                kernel.exitGroup(task, a.integer(0));
                return new Executed(0, line, null);
            case "mkdir":
                return plain(line, kernel.mkdir(task, a.path(0), a.integer(1)));
            case "mkdirat":
                return plain(line, kernel.mkdirat(task, a.integer(0), a.path(1), a.integer(2)));
            case "unlink":
                return plain(line, kernel.unlink(task, a.path(0)));
            case "unlinkat":
                return plain(line, kernel.unlinkat(task, a.integer(0), a.path(1), a.integer(2)));
            case "rmdir":
                return plain(line, kernel.rmdir(task, a.path(0)));
            case "dup":
                return plain(line, kernel.dup(task, a.integer(0)));
            case "dup2":
                return plain(line, kernel.dup2(task, a.integer(0), a.integer(1)));
            case "dup3":
                return plain(line, kernel.dup3(task, a.integer(0), a.integer(1), a.integer(2)));
            case "fcntl":
                return fcntl(line, a);
            case "pipe":
            case "pipe2":
                return pipe(line, a);
            case "splice": {
                UserLong in = a.userLong(1);
                UserLong out = a.userLong(3);
                long ret = kernel.splice(task, a.integer(0), in, a.integer(2), out, a.num(4), a.integer(5));
                return offsets(line, ret, 1, in, 3, out);
            }
            case "copy_file_range": {
                UserLong in = a.userLong(1);
                UserLong out = a.userLong(3);
                long ret = kernel.copyFileRange(task, a.integer(0), in, a.integer(2), out, a.num(4), a.integer(5));
                return offsets(line, ret, 1, in, 3, out);
            }
            case "sendfile": {
                UserLong off = a.userLong(2);
                long ret = kernel.sendfile(task, a.integer(0), a.integer(1), off, a.num(3));
                return offsets(line, ret, 2, off, -1, null);
            }
            case "tee":
                return plain(line, kernel.tee(task, a.integer(0), a.integer(1), a.num(2), a.integer(3)));
            case "vmsplice":
                return plain(line, kernel.vmsplice(task, a.integer(0), vmspliceIovecs(line, a), a.integer(3)));
            default:
                if (FileCalls.NAMES.contains(line.name())) {
                    return files.run(line, a);
                }
                if (MemoryCalls.NAMES.contains(line.name())) {
                    return memory.run(line, a);
                }
                if (SocketCalls.NAMES.contains(line.name())) {
                    return sockets.run(line, a);
                }
                if (PollCalls.NAMES.contains(line.name())) {
                    return polls.run(line, a);
                }
                if (XattrCalls.NAMES.contains(line.name())) {
                    return xattrs.run(line, a);
                }
                if (CredCalls.NAMES.contains(line.name())) {
                    return creds.run(line, a);
                }
                if (ProcessCalls.NAMES.contains(line.name())) {
                    return processes.run(line, a);
                }
                throw new ReplayException("syscall " + line.name() + " is not modelled");
        }
    }

    /** The calls that move data between two descriptors: the argument indexes of the input and the output. */
    private static final java.util.Map<String, int[]> TRANSFERS = java.util.Map.of("copy_file_range", new int[] {0, 2},
            "sendfile", new int[] {1, 0}, "splice", new int[] {0, 2});

    /**
     * A transfer from the model's file or pipe to a file of the recording machine (a program's standard output
     * redirected to a file, {@code cat f > out}): the bytes leave the model, so only its side runs. The input gives up
     * what the record shows was moved, read at the call's input offset (or its file position, which moves), and
     * the count it could give is compared. An error the record shows came from the recording machine's file: it is
     * taken from the record.
     */
    private Executed drainOut(SyscallLine line, Args a, int[] inOut) {
        if (line.result().errno() != null) {
            long ret;
            try {
                ret = Errno.valueOf(line.result().errno()).neg();
            } catch (IllegalArgumentException e) {
                ret = Errno.EIO.neg();
            }
            return new Executed(ret, line, null);
        }
        long want = line.result().value().orElse(0);
        int in = a.integer(inOut[0]);
        int offArg = line.name().equals("sendfile") ? 2 : inOut[0] + 1;
        Long off = a.isNull(offArg) ? null : a.pointed(offArg);
        UserBuffer buf = buffer(want);
        long got = off == null ? kernel.read(task, in, buf, want) : kernel.pread64(task, in, buf, want, off);
        SyscallLine actual = line.withResult(Results.of(got));
        return new Executed(got, actual, null);
    }

    /**
     * A call that writes offsets back through {@code loff_t *} arguments: strace prints the value written back
     * after {@code =>} ({@code [100] => [150]}) where it shows it; the model's must be the same.
     */
    private static Executed offsets(SyscallLine line, long ret, int i1, UserLong o1, int i2, UserLong o2) {
        SyscallLine actual = line.withResult(Results.of(ret));
        String diff = null;
        int[] idx = {i1, i2};
        UserLong[] offs = {o1, o2};
        for (int k = 0; k < 2; k++) {
            int i = idx[k];
            UserLong o = offs[k];
            if (i < 0 || o == null || o.faults() || !(line.args().get(i) instanceof Changed c)) {
                continue;
            }
            Long want = c.after() instanceof ListArg l && l.size() == 1 && l.get(0) instanceof Num n ? n.value() : null;
            Arg before = c.before();
            actual = actual.withArg(i, new Changed(before.withoutRaw(), ListArg.of(Num.of(o.get())), null));
            if (diff == null && want != null && ret >= 0 && want != o.get()) {
                diff = "offset written back: expected [" + want + "], got [" + o.get() + "]";
            }
        }
        return new Executed(ret, actual, diff);
    }

    /**
     * The task's memory at an address strace printed instead of the bytes (it could not read them, or the call
     * failed first): the pages of whatever the task's map holds there, faulting where it holds nothing
     * ({@code Syscalls.userMemory}).
     */
    private UserBuffer mapped(dev.kemu.strace.Addr addr, long count, boolean write) {
        return kernel.userMemory(task, addr.value(), Math.max(0, Math.min(count, MAX_BUFFER)), write).buf();
    }

    private static Executed plain(SyscallLine line, long ret) {
        return new Executed(ret, line.withResult(Results.of(ret)), null);
    }

    private static Quoting quotingOf(Arg a) {
        return a instanceof Str ? ((Str) a).quoting() : Quoting.HEX_ALL;
    }

    private static UserBuffer buffer(long count) {
        return UserBuffer.allocate((int) Math.max(0, Math.min(count, MAX_BUFFER)));
    }

    /** The largest scratch buffer kept between calls; a larger one is fresh memory each time. */
    private static final int MAX_SCRATCH = 1 << 20;

    /** The task's buffer for plain reads and writes, kept between calls (null until the first). */
    private UserBuffer scratch;

    /**
     * The buffer of a read or write whose address the log does not show: the same user memory each call, as a
     * program reading or writing through one buffer passes it, so a call costs no fresh pages. Nothing keeps a
     * reference to it past the call (only vmsplice maps user pages into a pipe, and it takes fresh ones).
     */
    private UserBuffer reused(long count) {
        int n = (int) Math.max(0, Math.min(count, MAX_BUFFER));
        if (n > MAX_SCRATCH) {
            return UserBuffer.allocate(n);
        }
        if (scratch == null || scratch.length() < n) {
            scratch = UserBuffer.allocate(Math.min(MAX_SCRATCH, Math.max(n, 2 * (scratch == null ? 2048 : scratch.length()))));
        }
        return scratch.prefix(n);
    }

    private Executed read(SyscallLine line, Args a, boolean positioned) {
        long count = a.num(2);
        UserBuffer buf = a.raw(1) instanceof dev.kemu.strace.Addr ad ? mapped(ad, count, true) : reused(count);
        long ret = positioned ? kernel.pread64(task, a.integer(0), buf, count, a.num(3)) : kernel.read(task, a.integer(0), buf, count);
        SyscallLine actual = line.withResult(Results.of(ret));
        String diff = null;
        if (ret >= 0) {
            byte[] got = buf.read(0, (int) ret);
            actual = actual.withArg(1, Str.of(got, quotingOf(a.raw(1))));
            diff = compareData(a.raw(1), got, line.result());
            // Only a read that differs asks why: random bytes, or stores through a mapping the log cannot show.
            if (diff != null && randomDevice(a.integer(0))) {
                diff = null;
            }
            if (diff != null && a.raw(1) instanceof Str rec) {
                long from = positioned ? a.num(3) : kernel.lseek(task, a.integer(0), 0, Fcntl.SEEK_CUR) - ret;
                if (from >= 0 && learnMappedStores(a.integer(0), from, rec.bytes())) {
                    diff = null;
                }
            }
        }
        return new Executed(ret, actual, diff);
    }

    /**
     * Stores through a shared writable mapping of a file are plain memory writes: strace does not see them, so the
     * record shows their effect only when the file is read. When a read of a file the task maps shared and writable
     * returns other bytes than the model holds, the difference is what the program stored there: the replayer makes
     * the same stores into the mapping's pages (the file's page-cache pages) and the read agrees.
     *
     * @return true when the bytes read are wholly inside such a mapping and were stored there
     */
    private boolean learnMappedStores(int fd, long off, byte[] recorded) {
        dev.kemu.vfs.File f = task.files().peek(fd);
        if (f == null || recorded.length == 0) {
            return false;
        }
        for (dev.kemu.vfs.Vma v : task.mm().vmas()) {
            long fileStart = v.pgoff() << 12;
            long fileEnd = fileStart + (v.end() - v.start());
            if (v.file() != null && v.shared() && (v.prot() & 2) != 0 && v.file().inode() == f.inode()
                    && off >= fileStart && off + recorded.length <= fileEnd) {
                dev.kemu.vfs.UserMemory mem = kernel.userMemory(task, v.start() + (off - fileStart), recorded.length, true);
                if (mem.ret() < 0) {
                    return false;
                }
                mem.buf().write(0, recorded, 0, recorded.length);
                return true;
            }
        }
        return false;
    }

    /**
     * True for {@code /dev/random} and {@code /dev/urandom} (1:8, 1:9): what they read is random on both machines,
     * so only the count is compared.
     */
    private boolean randomDevice(int fd) {
        StatResult st = kernel.fstat(task, fd);
        return st.ret() == 0 && dev.kemu.vfs.StatMode.isChr(st.stat().mode())
                && (st.stat().rdev() == ((1 << 8) | 8) || st.stat().rdev() == ((1 << 8) | 9));
    }

    /** Compares read data with the recorded string (as far as strace printed it). */
    private static String compareData(Arg recordedArg, byte[] got, Result recorded) {
        if (!(recordedArg instanceof Str) || recorded.isError()) {
            return null;
        }
        Str rec = (Str) recordedArg;
        if (!rec.truncated() && rec.length() != got.length && Results.matches(recorded, got.length)) {
            return "read " + got.length + " bytes, the record shows " + rec.length();
        }
        return Hexdump.difference("bytes read", rec, got);
    }

    private Executed write(SyscallLine line, Args a, boolean positioned) {
        long count = a.num(2);
        UserBuffer buf = a.raw(1) instanceof dev.kemu.strace.Addr ad ? mapped(ad, count, false) : null;
        if (!a.isNull(1) && a.raw(1) instanceof Str) {
            byte[] data = a.str(1).bytes();
            buf = reused(count);
            int n = Math.min(data.length, buf.length());
            buf.write(0, data, 0, n);
            if (n < buf.length()) {
                // Past what strace printed the model writes zeros, as from fresh memory, whatever the last call left.
                buf.write(n, new byte[buf.length() - n], 0, buf.length() - n);
            }
        }
        long ret = positioned ? kernel.pwrite64(task, a.integer(0), buf, count, a.num(3))
                : kernel.write(task, a.integer(0), buf, count);
        return plain(line, ret);
    }

    /** The iovec array of readv/writev/vmsplice: data from the record (writes) or fresh buffers (reads). */
    List<Iovec> iovecs(Args a, boolean withData) {
        Arg list = a.raw(1);
        long n = a.num(2);
        List<Iovec> out = new ArrayList<>();
        if (list instanceof ListArg) {
            for (Arg item : ((ListArg) list).items()) {
                if (item instanceof Sym && ((Sym) item).text().equals("...")) {
                    break;
                }
                if (!(item instanceof StructArg)) {
                    throw new ReplayException("an iovec is printed as {iov_base=..., iov_len=...}, not " + Args.describe(item));
                }
                StructArg s = (StructArg) item;
                Arg base = s.field("iov_base").orElseThrow(() -> new ReplayException("iovec without iov_base"));
                long len = s.field("iov_len").filter(x -> x instanceof Num).map(x -> ((Num) x).value())
                        .orElseThrow(() -> new ReplayException("iovec without a numeric iov_len"));
                UserBuffer buf = null;
                if (!(base instanceof Null)) {
                    buf = buffer(len);
                    if (withData && base instanceof Str) {
                        byte[] d = ((Str) base).bytes();
                        buf.write(0, d, 0, Math.min(d.length, buf.length()));
                    }
                }
                out.add(new Iovec(buf, buf == null ? len : Math.min(len, buf.length())));
            }
        } else if (!(list instanceof Null)) {
            throw new ReplayException("an iovec array is printed as [...], not " + Args.describe(list));
        }
        // strace elides long arrays; the count argument says how many vectors the call had.
        while (out.size() < n && out.size() <= Fcntl.IOV_MAX) {
            out.add(new Iovec(null, 0));
        }
        return out;
    }

    /**
     * The iovecs of a vmsplice, with the first buffer placed where the record says it started in its page. strace
     * prints a buffer's bytes, not its address, yet {@code vmsplice_to_pipe} gives each page of the buffer its own
     * pipe slot: a vmsplice that stops short because the pipe filled took whole slots, so the recorded count tells
     * the first buffer's offset in its page ({@code -count mod PAGE_SIZE}).
     */
    private List<Iovec> vmspliceIovecs(SyscallLine line, Args a) {
        List<Iovec> iov = iovecs(a, true);
        if (iov.isEmpty() || iov.get(0).base() == null || line.result().value().isEmpty()) {
            return iov;
        }
        long recorded = line.result().value().getAsLong();
        Iovec first = iov.get(0);
        int offset = (int) (-recorded & (dev.kemu.vfs.Page.SIZE - 1));
        if (recorded <= 0 || recorded >= first.len() || offset == 0) {
            return iov;
        }
        UserBuffer moved = UserBuffer.allocate(offset, first.base().length());
        moved.write(0, first.base().read(0, first.base().length()), 0, first.base().length());
        List<Iovec> out = new ArrayList<>(iov);
        out.set(0, new Iovec(moved, first.len()));
        return out;
    }

    private Executed readv(SyscallLine line, Args a) {
        List<Iovec> iov = iovecs(a, false);
        long ret = kernel.readv(task, a.integer(0), iov);
        SyscallLine actual = line.withResult(Results.of(ret));
        String diff = null;
        if (ret >= 0 && a.raw(1) instanceof ListArg) {
            ListArg rec = (ListArg) a.raw(1);
            List<Arg> items = new ArrayList<>();
            long left = ret;
            for (int i = 0; i < rec.size(); i++) {
                Arg item = rec.get(i);
                if (!(item instanceof StructArg) || i >= iov.size()) {
                    items.add(item);
                    continue;
                }
                StructArg s = (StructArg) item;
                Iovec v = iov.get(i);
                int n = (int) Math.min(left, v.len());
                byte[] got = v.base() == null ? new byte[0] : v.base().read(0, n);
                left -= n;
                Arg recBase = s.field("iov_base").orElse(null);
                if (diff == null && recBase instanceof Str) {
                    diff = compareData(recBase, got, line.result());
                    if (diff != null) {
                        diff = "iovec " + i + ": " + diff;
                    }
                }
                Arg newBase = v.base() == null ? recBase : Str.of(got, quotingOf(recBase));
                items.add(StructArg.of(s.ellipsis(), new StructArg.Field("iov_base", newBase),
                        new StructArg.Field("iov_len", Num.of(v.len()))));
            }
            actual = actual.withArg(1, ListArg.of(items.toArray(new Arg[0])));
        }
        return new Executed(ret, actual, diff);
    }

    /** The fields a directory's entries decide, which for a directory of the recording machine the record alone knows. */
    private static final Set<String> DIRECTORY_CONTENT_FIELDS = Set.of("st_size", "st_blocks", "st_nlink");

    /**
     * A stat call: the owned fields compared; for a directory of the recording machine ({@code path} names one that
     * existed before the program), not the fields its entries decide (size, blocks, links), since the record does not
     * show all its entries.
     */
    private Executed stat(SyscallLine line, StatResult r, int argIndex, String path) {
        boolean recordingsDirectory = path != null && r.stat() != null && dev.kemu.vfs.StatMode.isDir(r.stat().mode())
                && recordedDirectory.test(path);
        SyscallLine actual = line.withResult(Results.of(r.ret()));
        String diff = null;
        Arg rec = line.args().get(argIndex);
        if (r.stat() != null) {
            Kstat st = r.stat();
            List<StructArg.Field> fields = new ArrayList<>();
            boolean ellipsis = true;
            if (rec instanceof StructArg) {
                StructArg rs = (StructArg) rec;
                ellipsis = rs.ellipsis();
                for (StructArg.Field f : rs.fields()) {
                    Arg got = statField(f.name(), st);
                    if (got == null) {
                        fields.add(f);
                        continue;
                    }
                    fields.add(new StructArg.Field(f.name(), got));
                    if (diff == null && !(recordingsDirectory && DIRECTORY_CONTENT_FIELDS.contains(f.name()))) {
                        long expected = new Args(SyscallLine.of("stat", Result.unknown(), f.value())).num(0);
                        long value = new Args(SyscallLine.of("stat", Result.unknown(), got)).num(0);
                        if (expected != value) {
                            diff = f.name() + ": expected " + describeField(f.value()) + ", got " + describeField(got);
                        }
                    }
                }
            } else {
                fields.add(new StructArg.Field("st_mode", statField("st_mode", st)));
                fields.add(new StructArg.Field("st_size", statField("st_size", st)));
            }
            actual = actual.withArg(argIndex, StructArg.of(ellipsis, fields.toArray(new StructArg.Field[0])));
        }
        return new Executed(r.ret(), actual, diff);
    }

    private static String describeField(Arg a) {
        return a instanceof Sym ? ((Sym) a).text() : a instanceof Num ? Long.toString(((Num) a).value()) : a.toString();
    }

    /** The modelled stat fields; null for the ones that depend on the recording machine (st_dev, st_ino, times, ids). */
    private static Arg statField(String name, Kstat st) {
        switch (name) {
            case "st_mode":
                return Sym.of(Symbols.modeNames(st.mode()));
            case "st_size":
                return Num.of(st.size());
            case "st_nlink":
                return Num.of(st.nlink());
            case "st_blksize":
                return Num.of(st.blksize());
            case "st_blocks":
                return Num.of(st.blocks());
            default:
                return null;
        }
    }

    private Executed fcntl(SyscallLine line, Args a) {
        int cmd = a.integer(1);
        if (cmd == 5 || cmd == 6 || cmd == 7 || cmd == 36 || cmd == 37 || cmd == 38) {
            throw new ReplayException("fcntl " + Args.describe(a.raw(1)) + ": record locks are not modelled yet");
        }
        long arg = a.count() > 2 ? a.num(2) : 0;
        long ret = kernel.fcntl(task, a.integer(0), cmd, arg);
        Result r = Results.of(ret);
        if (ret > 0 && cmd == Fcntl.F_GETFL) {
            r = Result.ofFlags(ret, Symbols.openFlagNames(ret));
        } else if (ret > 0 && cmd == Fcntl.F_GETFD) {
            r = Result.ofFlags(ret, (ret & Fcntl.FD_CLOEXEC) != 0 ? "FD_CLOEXEC" : "0x" + Long.toHexString(ret));
        }
        return new Executed(ret, line.withResult(r), null);
    }

    private Executed pipe(SyscallLine line, Args a) {
        // NULL, or an address strace could not write the descriptors to: the kernel cannot either (EFAULT).
        boolean unwritable = a.raw(0) instanceof dev.kemu.strace.Null || a.raw(0) instanceof dev.kemu.strace.Addr;
        int[] fds = unwritable ? null : new int[2];
        long ret = line.name().equals("pipe") ? kernel.pipe(task, fds) : kernel.pipe2(task, fds, a.integer(1));
        SyscallLine actual = line.withResult(Results.of(ret));
        String diff = null;
        if (ret == 0 && fds != null) {
            actual = actual.withArg(0, ListArg.of(Num.of(fds[0]), Num.of(fds[1])));
            Arg rec = a.raw(0);
            if (rec instanceof ListArg && ((ListArg) rec).size() == 2) {
                long r0 = new Args(SyscallLine.of("pipe", Result.unknown(), ((ListArg) rec).get(0))).num(0);
                long r1 = new Args(SyscallLine.of("pipe", Result.unknown(), ((ListArg) rec).get(1))).num(0);
                if (r0 != fds[0] || r1 != fds[1]) {
                    diff = "descriptors: expected [" + r0 + ", " + r1 + "], got " + Arrays.toString(fds);
                }
            }
        }
        return new Executed(ret, actual, diff);
    }

    /**
     * {@code fs/exec.c:do_execveat_common()} as far as the model goes ({@code Syscalls.execve}): the program is looked
     * up (the image itself is outside the model), and on success the descriptor table is unshared and the
     * close-on-exec descriptors are closed.
     */
    private Executed execve(SyscallLine line, Args a) {
        return plain(line, kernel.execve(task, a.path(0)));
    }

    /**
     * Holds the descriptor a recorded open of a file of the recording machine returned (a {@code /proc} or
     * {@code /sys} file the model does not generate): {@code /dev/null} is opened in its place with the recorded
     * close-on-exec flag, so later descriptor numbers agree; the number the model allocates must be the recorded one.
     *
     * @return the divergence, or null
     */
    String placeholder(SyscallLine line) {
        Args a = new Args(line);
        int flags = a.integer(line.name().equals("open") ? 1 : 2);
        long want = line.result().value().orElse(-1);
        long fd = kernel.openat(task, Fcntl.AT_FDCWD, "/dev/null", Fcntl.O_RDONLY | (flags & Fcntl.O_CLOEXEC), 0);
        if (fd != want) {
            return "descriptor: the record shows " + want + ", the model allocated " + Results.describe(fd);
        }
        return null;
    }

    /** Used by messages: the errno name of a return value. */
    static String errnoName(long ret) {
        return Errno.isError(ret) ? Errno.of(ret).name() : null;
    }
}
