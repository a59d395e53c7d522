package dev.kemu.fs.ext4;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.kemu.fs.ext4.disklayout.Ext4SuperBlock;
import dev.kemu.vfs.Errno;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the filesystem does when it finds its metadata corrupt ({@code fs/ext4/super.c:__ext4_error()},
 * {@code __ext4_error_inode()}, {@code ext4_handle_error()}, {@code save_error_info()},
 * {@code ext4_update_super()}, {@code ext4_errno_to_code()}): it logs the error, records it in the
 * superblock ({@code EXT4_ERROR_FS} in {@code s_state}, {@code s_error_count}, the first- and
 * last-error fields) and, with {@code errors=remount-ro} (the default, or the superblock's
 * {@code s_errors}), turns the filesystem read-only: later writes fail with EROFS and nothing but
 * the error record reaches the device. {@code errors=continue} keeps it writable.
 *
 * <p>Deliberate divergences: errors found while mounting are not recorded, so that a mount that
 * fails writes nothing; the error record is written only while the mount is writable (the kernel
 * writes it whenever the block device is writable, even for a read-only mount); the superblock
 * written with it keeps the free counts of the last commit instead of the in-memory ones; there
 * is no panic ({@code errors=panic} remounts read-only). Messages go to the host's standard error
 * in the kernel log's words and are kept for {@link #log()}.
 *
 * <p>Locking: {@link #lock} is a leaf guarding the pending record and the log. The record is
 * written under {@code superLock}, which must not be taken while the groups or orphan lock is held
 * (they nest inside it); an error found there (a bad bitmap) stays pending until the next error
 * found elsewhere, {@code syncfs} or unmount commits it ({@code s_sb_upd_work} defers it the same
 * way).
 */
final class Ext4Error {
    /** {@code errors=} behaviour. */
    enum Behaviour {
        CONTINUE, REMOUNT_RO, PANIC;

        /** From the mount option's value; null for an unknown one. */
        static Behaviour parse(String v) {
            return switch (v == null ? "" : v) {
                case "continue" -> CONTINUE;
                case "remount-ro" -> REMOUNT_RO;
                case "panic" -> PANIC;
                default -> null;
            };
        }

        /** From {@code s_errors}, as {@code ext4_fill_super} sets the default. */
        static Behaviour ofSuper(int sErrors) {
            return switch (sErrors) {
                case Ext4SuperBlock.ERRORS_CONTINUE -> CONTINUE;
                case Ext4SuperBlock.ERRORS_PANIC -> PANIC;
                default -> REMOUNT_RO;
            };
        }
    }

    private static final int LOG_MAX = 100;

    private final Ext4SbInfo sbi;
    private final Object lock = new Object();
    private volatile String device = "?";
    /** Set once the mount succeeded: errors before that fail the mount and are not recorded. */
    private volatile boolean live;
    private volatile Behaviour behaviour;
    /** An error turned the filesystem read-only. */
    private volatile boolean aborted;
    @GuardedBy("lock")
    private int pendingCount;
    @GuardedBy("lock")
    private Record pendingFirst;
    @GuardedBy("lock")
    private Record pendingLast;
    @GuardedBy("lock")
    private final List<String> log = new ArrayList<>();

    /** One error: the fields of the superblock's error record. */
    record Record(long time, long ino, long block, String function, int code) {
    }

    Ext4Error(Ext4SbInfo sbi) {
        this.sbi = sbi;
        this.behaviour = Behaviour.ofSuper(sbi.es().errors());
    }

    /** The mount succeeded on {@code device}; {@code option} is the {@code errors=} option, or null. */
    void attach(String deviceName, Behaviour option) {
        device = deviceName;
        if (option != null) {
            behaviour = option;
        }
        live = true;
    }

    Behaviour behaviour() {
        return behaviour;
    }

    /** True once an error has turned the filesystem read-only. */
    boolean aborted() {
        return aborted;
    }

    /**
     * The errno for corruption {@code e} found by the operation {@code function}, with the error
     * recorded ({@code EXT4_ERROR_INODE_ERR}).
     *
     * @return the negated errno ({@code -EUCLEAN} or {@code -EBADMSG})
     */
    static int fsError(Ext4SbInfo sbi, String function, FsCorruptedException e) {
        if (!e.reported()) {
            sbi.errors.error(function, e.ino(), e.block(), e.errnoValue(), e.getMessage());
        }
        return e.errnoValue().negInt();
    }

    /** {@code __ext4_error}: logs, records and, by the {@code errors=} behaviour, stops writes. */
    void error(String function, long ino, long block, Errno errno, String message) {
        StringBuilder msg = new StringBuilder("EXT4-fs error (device ").append(device).append("): ")
                .append(function).append(": ");
        if (ino != 0) {
            msg.append("inode #").append(ino).append(": ");
        }
        if (block != 0) {
            msg.append("block ").append(block).append(": ");
        }
        msg.append(message);
        boolean record;
        synchronized (lock) {
            if (log.size() < LOG_MAX) {
                log.add(msg.toString());
            }
            record = live && !sbi.readOnly;
            if (record) {
                Record r = new Record(Ext4SbInfo.now(), ino, block, function, code(errno));
                if (pendingFirst == null) {
                    pendingFirst = r;
                }
                pendingLast = r;
                pendingCount++;
            }
        }
        System.err.println(msg);
        if (!live) {
            return;
        }
        if (record) {
            commitIfSafe();
        }
        if (behaviour != Behaviour.CONTINUE && !sbi.readOnly) {
            System.err.println("EXT4-fs (" + device + "): Remounting filesystem read-only");
            aborted = true;
            sbi.emergencyReadOnly("errors=" + (behaviour == Behaviour.PANIC ? "panic" : "remount-ro")
                    + " after a metadata error");
        }
    }

    /** Writes the pending record unless a lock that nests inside {@code superLock} is held here. */
    private void commitIfSafe() {
        if (sbi.groups.lock.isHeldByCurrentThread() || sbi.orphans.heldByCurrentThread()) {
            return;
        }
        commitPending();
    }

    /**
     * {@code ext4_commit_super} of the pending error record: the superblock as last written, with
     * the error fields updated. Takes {@code superLock}; the caller holds neither the groups lock
     * nor the orphan lock.
     */
    void commitPending() {
        synchronized (sbi.superLock) {
            int count;
            Record first;
            Record last;
            synchronized (lock) {
                count = pendingCount;
                first = pendingFirst;
                last = pendingLast;
                pendingCount = 0;
                pendingFirst = null;
                pendingLast = null;
            }
            if (count == 0) {
                return;
            }
            try {
                sbi.commitError(count, first, last);
            } catch (UncheckedIOException e) {
                // The image is gone; the error stays in the log.
            }
        }
    }

    /** The error messages so far (at most the first 100). */
    List<String> log() {
        synchronized (lock) {
            return List.copyOf(log);
        }
    }

    /** {@code ext4_errno_to_code}. */
    static int code(Errno errno) {
        return switch (errno) {
            case EIO -> 1;
            case ENOMEM -> 2;
            case EBADMSG -> 3;
            case EUCLEAN -> 4;
            case ENOSPC -> 5;
            case EROFS -> 7;
            case EFBIG -> 8;
            case EEXIST -> 9;
            case ERANGE -> 10;
            case EOVERFLOW -> 11;
            case EBUSY -> 12;
            case ENOTDIR -> 13;
            case ENOTEMPTY -> 14;
            case EFAULT -> 16;
            default -> 0;
        };
    }
}
