package dev.kemu.pipe;

import dev.kemu.vfs.AddressSpace;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Memcpy;
import dev.kemu.vfs.Page;

/**
 * The splice actor for page-cache files up to 3.15 ({@code fs/splice.c:pipe_to_file()}, 3.10–3.15): for each
 * pipe buffer, {@code write_begin} the destination page, copy {@code only if (buf->page != page)},
 * then {@code write_end} with the full length as if it had been copied.
 *
 * <p>So when the buffer references the very page the bytes are meant to land in — a same-file
 * copy through sendfile, splice or a backported copy_file_range whose source and destination
 * share a page — nothing moves, yet the byte count is reported and the position advances.
 * Buffers from other pages are copied from those pages as they are at that moment (possibly
 * already changed by an earlier buffer of the same call). Gone in 3.16 with
 * {@code generic_file_splice_write}, when ext4 and tmpfs moved to {@code iter_file_splice_write}.
 */
final class PipeToFile implements SpliceActor {
    static final PipeToFile INSTANCE = new PipeToFile();

    @Override
    public int actor(Pipe pipe, PipeBuffer buf, SpliceDesc sd) {
        dev.kemu.vfs.Ftrace.enter("pipe_to_file");
        return (int) dev.kemu.vfs.Ftrace.exit(actorTraced(pipe, buf, sd));
    }

    private int actorTraced(Pipe pipe, PipeBuffer buf, SpliceDesc sd) {
        File file = sd.file;
        AddressSpace mapping = file.inode().mapping();
        int offset = (int) (sd.pos & (Page.SIZE - 1));
        int thisLen = sd.len;
        if (thisLen + offset > Page.SIZE) {
            thisLen = Page.SIZE - offset;
        }
        Page[] pagep = new Page[1];
        int ret = mapping.aops().writeBegin(file, mapping, sd.pos, thisLen, pagep);
        if (ret < 0) {
            return ret;
        }
        Page page = pagep[0];
        dev.kemu.vfs.Ftrace.leaf("pagecache_write_begin", 0);
        if (buf.page() != page) {
            if (dev.kemu.vfs.Ftrace.on()) dev.kemu.vfs.Ftrace.note("memcpy " + thisLen + " bytes: " + dev.kemu.vfs.Ftrace.page(buf.page()) + " +" + buf.offset()
                    + " -> " + dev.kemu.vfs.Ftrace.page(page) + " +" + offset);
            Memcpy.forward(buf.page().data(), buf.offset(), page.data(), offset, thisLen);
            dev.kemu.vfs.KernelStats.add(dev.kemu.vfs.KernelStats.Counter.BYTES_COPIED, thisLen);
        } else {
            dev.kemu.vfs.KernelStats.add(dev.kemu.vfs.KernelStats.Counter.MEMCPY_SKIPPED, 1);
            if (dev.kemu.vfs.Ftrace.on()) dev.kemu.vfs.Ftrace.note("memcpy skipped: buf->page == page (" + dev.kemu.vfs.Ftrace.page(page)
                    + "): " + thisLen + " bytes reported written, none moved");
        }
        return mapping.aops().writeEnd(file, mapping, sd.pos, thisLen, thisLen, page);
    }
}
