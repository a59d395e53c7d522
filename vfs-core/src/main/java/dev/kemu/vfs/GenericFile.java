package dev.kemu.vfs;

/**
 * The generic page-cache file methods filesystems plug into their file operations
 * ({@code mm/filemap.c:filemap_read()}, {@code generic_file_write_iter()},
 * {@code generic_perform_write()}; {@code fs/read_write.c:generic_file_llseek_size()}).
 */
public final class GenericFile {
    private GenericFile() {
    }

    /**
     * {@code filemap_read}: copies from page-cache pages (reading them in as needed) up to
     * {@code i_size}; a fault before any byte is EFAULT.
     */
    public static long readIter(Kiocb iocb, IovIter to) {
        File file = iocb.file();
        Inode inode = file.inode();
        long pos = iocb.pos();
        if (to.count() == 0) {
            return 0;
        }
        if (pos >= inode.sb().maxBytes()) {
            return 0;
        }
        long total = 0;
        Page[] pagep = new Page[1];
        while (to.count() > 0) {
            long isize = inode.size();
            if (pos >= isize) {
                break;
            }
            int err = inode.mapping().readCachePage(file, pos >>> Page.SHIFT, pagep);
            if (err < 0) {
                return total > 0 ? total : err;
            }
            int offset = (int) (pos & (Page.SIZE - 1));
            int n = (int) Math.min(Math.min(Page.SIZE - offset, isize - pos), to.count());
            int copied = to.copyPageToIter(pagep[0], offset, n);
            pos += copied;
            total += copied;
            if (copied < n) {
                if (total == 0) {
                    return Errno.EFAULT.neg();
                }
                break;
            }
        }
        iocb.setPos(pos);
        return total;
    }

    /**
     * {@code generic_write_checks} + {@code generic_write_check_limits}: positions an append at
     * EOF and limits the count to {@code s_maxbytes}.
     *
     * @return the count to write, 0, or -EFBIG
     */
    public static long writeChecks(Kiocb iocb, IovIter from) {
        long count = from.count();
        if (count == 0) {
            return 0;
        }
        Inode inode = iocb.file().inode();
        if (iocb.isAppend()) {
            iocb.setPos(inode.size());
        }
        long limit = inode.sb().maxBytes();
        long pos = iocb.pos();
        if (pos >= limit) {
            return Errno.EFBIG.neg();
        }
        return Math.min(count, limit - pos);
    }

    /** {@code generic_file_write_iter}: takes the inode lock and runs {@link #performWrite}. */
    public static long writeIter(Kiocb iocb, IovIter from) {
        Inode inode = iocb.file().inode();
        inode.lock().lock();
        try {
            long count = writeChecks(iocb, from);
            if (count <= 0) {
                return count;
            }
            return performWrite(iocb, from, count);
        } finally {
            inode.lock().unlock();
        }
    }

    /**
     * {@code generic_perform_write}: page by page, {@code write_begin} the destination page, copy
     * into it from the iterator, {@code write_end}. An iterator over pipe pages may name the
     * destination page itself; the copy is then a forward copy within one page.
     *
     * @return bytes written, or the first error when nothing was written
     */
    public static long performWrite(Kiocb iocb, IovIter from, long count) {
        Ftrace.enter("generic_perform_write");
        return Ftrace.exit(performWriteTraced(iocb, from, count));
    }

    private static long performWriteTraced(Kiocb iocb, IovIter from, long count) {
        File file = iocb.file();
        AddressSpace mapping = file.inode().mapping();
        long pos = iocb.pos();
        long written = 0;
        Page[] pagep = new Page[1];
        while (written < count) {
            int offset = (int) (pos & (Page.SIZE - 1));
            int bytes = (int) Math.min(Page.SIZE - offset, count - written);
            int err = mapping.aops().writeBegin(file, mapping, pos, bytes, pagep);
            if (err < 0) {
                if (written == 0) {
                    return err;
                }
                break;
            }
            if (Ftrace.on()) {
                noteCopy(from, pagep[0], offset, bytes);
            }
            int copied = from.copyPageFromIter(pagep[0], offset, bytes);
            KernelStats.add(KernelStats.Counter.BYTES_COPIED, copied);
            int status = mapping.aops().writeEnd(file, mapping, pos, bytes, copied, pagep[0]);
            if (status < 0) {
                if (written == 0) {
                    return status;
                }
                break;
            }
            pos += status;
            written += status;
            if (copied == 0) {
                if (written == 0) {
                    return Errno.EFAULT.neg();
                }
                break;
            }
        }
        iocb.setPos(pos);
        return written;
    }

    private static void noteCopy(IovIter from, Page dst, int offset, int bytes) {
        Ftrace.leaf("write_begin", 0);
        if (from instanceof BvecIter) {
            BvecIter b = (BvecIter) from;
            Page src = b.currentPage();
            Ftrace.note("copy " + bytes + " bytes: " + Ftrace.page(src) + " +" + b.currentOffset() + " -> " + Ftrace.page(dst) + " +" + offset);
            if (src == dst && offset > b.currentOffset() && offset < b.currentOffset() + bytes) {
                Ftrace.note("source and destination overlap in one page: the forward copy (rep movsb) re-reads bytes it"
                        + " already wrote, the source smears");
            }
        } else {
            Ftrace.note("copy " + bytes + " bytes from user memory -> " + Ftrace.page(dst) + " +" + offset);
        }
    }

    /**
     * {@code generic_file_llseek_size} with the file's {@code s_maxbytes} and {@code i_size}:
     * SEEK_DATA treats the whole file as data, SEEK_HOLE finds the implicit hole at EOF.
     */
    public static long llseek(File file, long offset, int whence) {
        Inode inode = file.inode();
        return llseekSize(file, offset, whence, inode.sb().maxBytes(), inode.size());
    }

    /** {@code generic_file_llseek_size}. */
    public static long llseekSize(File file, long offset, int whence, long maxSize, long eof) {
        switch (whence) {
            case Fcntl.SEEK_SET:
                break;
            case Fcntl.SEEK_END:
                offset += eof;
                break;
            case Fcntl.SEEK_CUR:
                if (offset == 0) {
                    return file.pos();
                }
                offset += file.pos();
                break;
            case Fcntl.SEEK_DATA:
                if (offset < 0 || offset >= eof) {
                    return Errno.ENXIO.neg();
                }
                break;
            case Fcntl.SEEK_HOLE:
                if (offset < 0 || offset >= eof) {
                    return Errno.ENXIO.neg();
                }
                offset = eof;
                break;
            default:
                return Errno.EINVAL.neg();
        }
        return setPos(file, offset, maxSize);
    }

    /** {@code vfs_setpos}: EINVAL for a negative or too large position. */
    public static long setPos(File file, long offset, long maxSize) {
        if (offset < 0 || offset > maxSize) {
            return Errno.EINVAL.neg();
        }
        file.setPos(offset);
        return offset;
    }

    /** {@code truncate_setsize}: sets {@code i_size} and drops the page cache past it. Caller holds the inode lock. */
    public static void truncateSetSize(Inode inode, long size) {
        long old = inode.size();
        inode.setSize(size);
        if (size < old) {
            inode.mapping().truncateFrom(size);
        }
    }
}
