package dev.kemu.vfs;

import dev.kemu.vfs.spi.MountException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * memfd_create ({@code mm/memfd.c:SYSCALL_DEFINE2(memfd_create)}; {@code mm/shmem.c:shmem_file_setup()}):
 * an unlinked regular file, mode 0777, on the machine's internal tmpfs mount ({@code shm_mnt}),
 * open for reading and writing, named {@code memfd:NAME} (what {@code /proc/self/fd} shows as
 * {@code /memfd:NAME (deleted)}). It is a tmpfs file like any other: read, write, splice,
 * sendfile, copy_file_range, ftruncate and fallocate work on it.
 *
 * <p>Errors, in order: EINVAL for an unknown flag ({@code MFD_NOEXEC_SEAL} and {@code MFD_EXEC}
 * from 6.3, EINVAL together), EFAULT for a null name, EINVAL for a name over
 * {@value #MFD_NAME_MAX_LEN} bytes, EMFILE.
 *
 * <p>Deliberate divergences: seals are not modelled ({@code MFD_ALLOW_SEALING} is accepted and
 * changes nothing); {@code MFD_HUGETLB} gives a tmpfs file (hugetlbfs is not modelled).
 */
public final class Memfd {
    public static final int MFD_CLOEXEC = 0x0001;
    public static final int MFD_ALLOW_SEALING = 0x0002;
    public static final int MFD_HUGETLB = 0x0004;
    public static final int MFD_NOEXEC_SEAL = 0x0008;
    public static final int MFD_EXEC = 0x0010;
    /** {@code MFD_HUGE_MASK << MFD_HUGE_SHIFT}: the huge page size encoding allowed with MFD_HUGETLB. */
    private static final int MFD_HUGE_BITS = 0x3f << 26;
    /** {@code NAME_MAX - strlen("memfd:")}. */
    public static final int MFD_NAME_MAX_LEN = 249;

    private static final AtomicLong IDS = new AtomicLong();

    private Memfd() {
    }

    /** @param execFlags whether the version knows {@code MFD_NOEXEC_SEAL} and {@code MFD_EXEC} (6.3) */
    static long memfdCreate(Task task, String name, int flags, boolean execFlags) {
        int all = MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_HUGETLB | (execFlags ? MFD_NOEXEC_SEAL | MFD_EXEC : 0);
        if ((flags & MFD_HUGETLB) == 0 ? (flags & ~all) != 0 : (flags & ~(all | MFD_HUGE_BITS)) != 0) {
            return Errno.EINVAL.neg();
        }
        if ((flags & MFD_EXEC) != 0 && (flags & MFD_NOEXEC_SEAL) != 0) {
            return Errno.EINVAL.neg();
        }
        if (name == null) {
            return Errno.EFAULT.neg();
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MFD_NAME_MAX_LEN) {
            return Errno.EINVAL.neg();
        }
        File file;
        try {
            file = shmemFileSetup(task.vfs(), "memfd:" + name);
        } catch (MountException e) {
            throw new IllegalStateException("the internal tmpfs mount failed: " + e.getMessage(), e);
        }
        if (file == null) {
            return Errno.ENOSPC.neg();
        }
        int fd = task.files().install(file, 0, (flags & MFD_CLOEXEC) != 0);
        if (fd < 0) {
            file.put();
        }
        return fd;
    }

    /**
     * {@code shmem_file_setup}: a new inode on the internal mount with no name left in any
     * directory, opened O_RDWR|O_LARGEFILE; null when the filesystem cannot create it.
     */
    private static File shmemFileSetup(Vfs vfs, String name) throws MountException {
        VfsPath root = vfs.shmMount();
        Inode dir = root.inode();
        Inode inode;
        dir.lock().lock();
        try {
            Namei.Result r = Namei.lookupChild(vfs, root, "memfd#" + IDS.incrementAndGet());
            if (r.err() < 0) {
                return null;
            }
            Dentry d = r.path().dentry();
            if (dir.iop().create(dir, d, StatMode.S_IFREG | 0777) < 0) {
                return null;
            }
            inode = d.inode();
            dir.iop().unlink(dir, d);
            inode.dropNlink();
            root.dentry().forget(d.name());
        } finally {
            dir.lock().unlock();
        }
        inode.nameIfUnnamed(name);
        File f = OpenCalls.dentryOpen(vfs, null, inode, Fcntl.O_RDWR | Fcntl.O_LARGEFILE, File.FMODE_READ | File.FMODE_WRITE);
        int err = f.fop().open(inode, f);
        if (err < 0) {
            f.put();
            return null;
        }
        return f;
    }
}
