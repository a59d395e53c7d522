package dev.kemu.vfs;

import dev.kemu.vfs.spi.DirContext;
import java.util.ArrayList;
import java.util.List;

/**
 * getdents64 ({@code fs/readdir.c:SYSCALL_DEFINE3(getdents64)}, {@code iterate_dir()},
 * {@code filldir64()}).
 *
 * <p>Entries are taken while they fit in {@code count} bytes; each entry's {@code d_off} is the
 * position the next one was found at, the last one's the position the directory reached. The
 * file position advances to there. Errors: EBADF (closed or O_PATH), ENOTDIR (no
 * {@code iterate_shared}), ENOENT (the directory was removed), EINVAL (the first entry does not
 * fit); a filesystem's own errors.
 */
final class Readdir {
    private Readdir() {
    }

    static Getdents getdents64(Task task, int fd, long count) {
        File f = FdCalls.fdget(task, fd);
        if (f == null) {
            return Getdents.error(Errno.EBADF);
        }
        try {
            if (!f.fop().canIterate()) {
                return Getdents.error(Errno.ENOTDIR);
            }
            // count is an unsigned int.
            long room = count & 0xFFFFFFFFL;
            Filldir buf = new Filldir(room);
            Inode inode = f.inode();
            f.posLock().lock();
            inode.lock().lock();
            try {
                if (inode.isDeadDir()) {
                    return Getdents.error(Errno.ENOENT);
                }
                DirContext ctx = new DirContext(buf::fill, f.pos());
                int err = f.fop().iterateShared(f, ctx);
                f.setPos(ctx.pos());
                return buf.result(err, ctx.pos());
            } finally {
                inode.lock().unlock();
                f.posLock().unlock();
            }
        } finally {
            f.put();
        }
    }

    /** {@code struct getdents_callback64} and {@code filldir64}. */
    private static final class Filldir {
        private final List<Dirent64> entries = new ArrayList<>();
        private final List<long[]> pending = new ArrayList<>();
        private final List<String> names = new ArrayList<>();
        private long count;
        private long error;

        Filldir(long count) {
            this.count = count;
        }

        boolean fill(String name, long offset, long ino, int type) {
            int reclen = Dirent64.reclen(name);
            error = Errno.EINVAL.neg();
            if (reclen > count) {
                return false;
            }
            if (!pending.isEmpty()) {
                // The previous entry's d_off is where this one was found.
                pending.get(pending.size() - 1)[1] = offset;
            }
            pending.add(new long[] {ino, 0, type});
            names.add(name);
            count -= reclen;
            return true;
        }

        Getdents result(int iterateErr, long finalPos) {
            if (pending.isEmpty()) {
                long err = iterateErr < 0 ? iterateErr : error;
                return err < 0 ? new Getdents(err, List.of()) : new Getdents(0, List.of());
            }
            pending.get(pending.size() - 1)[1] = finalPos;
            long total = 0;
            for (int i = 0; i < pending.size(); i++) {
                long[] e = pending.get(i);
                Dirent64 d = new Dirent64(e[0], e[1], (int) e[2], names.get(i));
                entries.add(d);
                total += d.reclen();
            }
            return new Getdents(total, entries);
        }
    }
}
