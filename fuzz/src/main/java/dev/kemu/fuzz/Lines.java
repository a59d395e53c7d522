package dev.kemu.fuzz;

import dev.kemu.strace.Addr;
import dev.kemu.strace.Arg;
import dev.kemu.strace.ListArg;
import dev.kemu.strace.Null;
import dev.kemu.strace.Num;
import dev.kemu.strace.Quoting;
import dev.kemu.strace.Result;
import dev.kemu.strace.Str;
import dev.kemu.strace.StructArg;
import dev.kemu.strace.Sym;
import dev.kemu.strace.SyscallLine;
import dev.kemu.vfs.Fcntl;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Writes a scenario call as the strace line a program making it would produce, with its
 * descriptors resolved and its outputs (read buffers, the pipe pair, the stat structure) as
 * placeholders the replayer fills with what the kernel returned. Arguments follow strace's
 * printing: {@code AT_FDCWD}, flag names, octal modes, {@code size_t} lengths unsigned, offset
 * pointers as {@code [N]}, data with {@code -xx} quoting.
 */
final class Lines {
    /** The address strace would print for a buffer the kernel fills. */
    private static final long BUFFER_ADDRESS = 0x7ffd0000L;
    /**
     * The stat fields recorded and so compared. Not {@code st_blocks}: on ext4 it counts
     * delayed-allocation reservations, sized by the folio the page cache managed to allocate for
     * the write (large folios since 6.16, smaller ones when memory is fragmented), and a buffered
     * write that faults after {@code write_begin} leaves its reservation behind; so it depends on
     * the state of the host's memory, not only on the calls.
     */
    private static final String[] STAT_FIELDS = {"st_mode", "st_nlink", "st_size"};

    private Lines() {
    }

    static SyscallLine line(Call c, ToIntFunction<Val.Fd> fds) {
        List<Val> a = c.args();
        List<Arg> out = new ArrayList<>();
        switch (c.name()) {
            case "openat":
                out.add(dirfd(a.get(0), fds));
                out.add(path(a.get(1)));
                out.add(Sym.of(Flags.open(num(a.get(2)))));
                out.add(Sym.of(Flags.mode(num(a.get(3)))));
                break;
            case "newfstatat":
                out.add(dirfd(a.get(0), fds));
                out.add(path(a.get(1)));
                out.add(stat());
                out.add(Sym.of(Flags.at(num(a.get(2)))));
                break;
            case "mkdirat":
                out.add(dirfd(a.get(0), fds));
                out.add(path(a.get(1)));
                out.add(Sym.of(Flags.mode(num(a.get(2)))));
                break;
            case "unlinkat":
                out.add(dirfd(a.get(0), fds));
                out.add(path(a.get(1)));
                out.add(Sym.of(Flags.at(num(a.get(2)))));
                break;
            case "read":
            case "pread64":
                out.add(fd(a.get(0), fds));
                out.add(Addr.of(BUFFER_ADDRESS));
                out.add(size(a.get(1)));
                if (a.size() > 2) {
                    out.add(Num.of(num(a.get(2))));
                }
                break;
            case "write":
            case "pwrite64":
                out.add(fd(a.get(0), fds));
                out.add(Str.of(((Val.Bytes) a.get(1)).bytes(), Quoting.HEX_ALL));
                out.add(size(a.get(2)));
                if (a.size() > 3) {
                    out.add(Num.of(num(a.get(3))));
                }
                break;
            case "readv":
            case "writev":
            case "vmsplice":
                out.add(fd(a.get(0), fds));
                Val.Vecs v = (Val.Vecs) a.get(1);
                out.add(iovecs(v, !c.name().equals("readv")));
                out.add(Num.of(num(a.get(2))));
                if (c.name().equals("vmsplice")) {
                    out.add(Sym.of(Flags.splice(num(a.get(3)))));
                }
                break;
            case "lseek":
                out.add(fd(a.get(0), fds));
                out.add(Num.of(num(a.get(1))));
                out.add(Sym.of(Flags.whence(num(a.get(2)))));
                break;
            case "fcntl":
                out.add(fd(a.get(0), fds));
                int cmd = (int) num(a.get(1));
                out.add(Sym.of(Flags.fcntlCmd(cmd)));
                if (a.size() > 2) {
                    long arg = num(a.get(2));
                    out.add(cmd == Fcntl.F_SETFL ? Sym.of(Flags.open(arg)) : Num.of(arg));
                }
                break;
            case "pipe2":
                out.add(ListArg.of(Num.of(0), Num.of(0)));
                out.add(Sym.of(Flags.pipe(num(a.get(0)))));
                break;
            case "dup3":
                out.add(fd(a.get(0), fds));
                out.add(fd(a.get(1), fds));
                out.add(Sym.of(Flags.pipe(num(a.get(2)))));
                break;
            case "splice":
            case "copy_file_range":
                out.add(fd(a.get(0), fds));
                out.add(ptr(a.get(1)));
                out.add(fd(a.get(2), fds));
                out.add(ptr(a.get(3)));
                out.add(size(a.get(4)));
                out.add(c.name().equals("splice") ? Sym.of(Flags.splice(num(a.get(5)))) : Num.of(num(a.get(5))));
                break;
            case "tee":
                out.add(fd(a.get(0), fds));
                out.add(fd(a.get(1), fds));
                out.add(size(a.get(2)));
                out.add(Sym.of(Flags.splice(num(a.get(3)))));
                break;
            case "sendfile":
                out.add(fd(a.get(0), fds));
                out.add(fd(a.get(1), fds));
                out.add(ptr(a.get(2)));
                out.add(size(a.get(3)));
                break;
            case "fstat":
                out.add(fd(a.get(0), fds));
                out.add(stat());
                break;
            default:
                // close, dup, dup2, ftruncate: descriptors and plain numbers.
                for (Val x : a) {
                    out.add(x instanceof Val.Fd ? fd(x, fds) : Num.of(num(x)));
                }
        }
        return new SyscallLine(0, c.name(), out, Result.unknown());
    }

    private static long num(Val v) {
        return ((Val.Int) v).value();
    }

    private static Arg fd(Val v, ToIntFunction<Val.Fd> fds) {
        return Num.of(fds.applyAsInt((Val.Fd) v));
    }

    private static Arg dirfd(Val v, ToIntFunction<Val.Fd> fds) {
        int fd = fds.applyAsInt((Val.Fd) v);
        return fd == Fcntl.AT_FDCWD ? Sym.of("AT_FDCWD") : Num.of(fd);
    }

    private static Arg path(Val v) {
        return Str.of(((Val.Bytes) v).bytes(), Quoting.HEX_ALL);
    }

    /** A {@code size_t}, printed unsigned as strace does. */
    private static Arg size(Val v) {
        long n = num(v);
        return n < 0 ? new Num(n, Long.toUnsignedString(n)) : Num.of(n);
    }

    private static Arg ptr(Val v) {
        Long p = ((Val.Ptr) v).value();
        return p == null ? Null.of() : ListArg.of(Num.of(p));
    }

    private static Arg stat() {
        List<StructArg.Field> f = new ArrayList<>();
        for (String name : STAT_FIELDS) {
            f.add(new StructArg.Field(name, Num.of(0)));
        }
        return StructArg.of(true, f.toArray(new StructArg.Field[0]));
    }

    private static Arg iovecs(Val.Vecs v, boolean withData) {
        List<Arg> items = new ArrayList<>();
        for (int i = 0; i < v.bufs().size(); i++) {
            byte[] b = v.bufs().get(i);
            Arg base = b == null ? Null.of() : Str.of(withData ? b : new byte[0], Quoting.HEX_ALL);
            items.add(StructArg.of(false, new StructArg.Field("iov_base", base),
                    new StructArg.Field("iov_len", Num.of(v.lens().get(i)))));
        }
        return ListArg.of(items.toArray(new Arg[0]));
    }
}
