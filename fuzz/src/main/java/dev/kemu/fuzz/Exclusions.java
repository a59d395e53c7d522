package dev.kemu.fuzz;

import dev.kemu.vfs.Fcntl;

/**
 * What the generator leaves out on purpose, because the model does not claim it, with the
 * reason for each. Every exclusion is a documented limit of the model, not a way to hide a
 * mismatch in what it does claim.
 * <ul>
 * <li>O_DIRECT on files: direct I/O's alignment rules (512-byte aligned offsets, lengths and
 * buffers on this ext4) are not modelled, so O_DIRECT is kept only for pipes (packet mode, via
 * pipe2); opens and F_SETFL do not ask for it.</li>
 * <li>O_TMPFILE that would succeed: unnamed inodes are not modelled (the filesystems have no
 * tmpfile method), so O_TMPFILE is asked for only read-only, where Linux refuses it with EINVAL
 * before anything else (that check order is modelled and tested).</li>
 * <li>Truncating a file while a pipe may hold its pages: on ext4 the bytes a pipe holds on
 * pages past the new end of file are zeroed or kept depending on the size of the page-cache
 * folio the write happened to get (large folios are zeroed in place by
 * {@code truncate_inode_partial_folio}, small ones are dropped), which is not deterministic;
 * after a splice or sendfile from a file into a pipe, the scenario does not truncate.</li>
 * </ul>
 */
final class Exclusions {
    private Exclusions() {
    }

    /** The open flags the generator may ask for. */
    static long openFlags(long flags) {
        flags &= ~Fcntl.O_DIRECT;
        if ((flags & (Fcntl.O_TMPFILE & ~Fcntl.O_DIRECTORY)) != 0) {
            flags &= ~Fcntl.O_ACCMODE;
        }
        return flags;
    }

    /** Whether the scenario may truncate a file from here on. */
    static boolean truncateAllowed(Generator.Build b) {
        return !b.filePagesInPipe;
    }

    /** The F_SETFL flags the generator may ask for. */
    static long setflFlags(long flags) {
        return flags & ~Fcntl.O_DIRECT;
    }
}
