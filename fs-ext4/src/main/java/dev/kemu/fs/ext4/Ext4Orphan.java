package dev.kemu.fs.ext4;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.kemu.fs.ext4.disklayout.Ext4Inode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;

/**
 * The orphan list ({@code fs/ext4/orphan.c:ext4_orphan_add()}, {@code ext4_orphan_del()},
 * {@code ext4_orphan_cleanup()}): inodes whose last link is gone while they are still open. The
 * superblock's {@code s_last_orphan} names the newest, and each orphan's {@code i_dtime} names the
 * next, so that a mount after a crash (or an unmount with files still open) can free them.
 *
 * <p>Locking: {@link #lock} ({@code s_orphan_lock}) guards the in-memory list; it is taken after
 * the inode locks and before the groups lock and the inode monitors (it writes inodes).
 */
final class Ext4Orphan {
    private final Ext4SbInfo sbi;
    private final Object lock = new Object();
    /** Newest first, as on disk. */
    @GuardedBy("lock")
    private final LinkedList<Ext4InodeInfo> list = new LinkedList<>();
    /** The chain found on disk at mount, until {@link #cleanup} has processed it. */
    @GuardedBy("lock")
    private long diskHead;

    Ext4Orphan(Ext4SbInfo sbi, long diskHead) {
        this.sbi = sbi;
        this.diskHead = diskHead;
    }

    /** {@code s_last_orphan} as it should be written now. */
    long head() {
        synchronized (lock) {
            return list.isEmpty() ? diskHead : list.getFirst().ino;
        }
    }

    /** {@code ext4_orphan_add}. */
    void add(Ext4InodeInfo info) {
        synchronized (lock) {
            if (list.contains(info)) {
                return;
            }
            info.setDtime(head());
            list.addFirst(info);
            sbi.inodes.writeInode(info);
        }
    }

    /** {@code ext4_orphan_del}: unlinks {@code info} from the chain if it is on it. */
    void remove(Ext4InodeInfo info) {
        synchronized (lock) {
            int i = list.indexOf(info);
            if (i < 0) {
                return;
            }
            long next = info.dtime();
            list.remove(i);
            info.setDtime(0);
            if (i > 0) {
                Ext4InodeInfo prev = list.get(i - 1);
                prev.setDtime(next);
                sbi.inodes.writeInode(prev);
            } else if (list.isEmpty()) {
                diskHead = next;
            }
        }
    }

    /** The inode numbers on the list, newest first (for tests and the checker). */
    List<Long> inos() {
        synchronized (lock) {
            List<Long> out = new ArrayList<>();
            list.forEach(i -> out.add(i.ino));
            return out;
        }
    }

    /**
     * {@code ext4_orphan_cleanup} at mount: frees the orphans a previous mount left, or finishes
     * their truncation when they still have links.
     */
    void cleanup() {
        long ino;
        synchronized (lock) {
            ino = diskHead;
            diskHead = 0;
        }
        Set<Long> seen = new HashSet<>();
        long inodes = sbi.es().inodesCount();
        while (ino != 0 && ino <= inodes && seen.add(ino)) {
            Ext4Inode disk = sbi.inodes.readDisk(ino);
            long next = disk.dtime();
            sbi.inodes.releaseOrphan(ino, disk);
            ino = next;
        }
    }

    /** True when this thread holds the orphan lock (see {@link Ext4Error}). */
    boolean heldByCurrentThread() {
        return Thread.holdsLock(lock);
    }
}
