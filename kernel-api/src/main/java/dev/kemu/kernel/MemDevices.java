package dev.kemu.kernel;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.IovIter;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.Vfs;
import dev.kemu.vfs.ramfs.RamfsType;

/**
 * The character devices a machine boots with ({@code drivers/char/mem.c:devlist} and
 * {@code chr_dev_init()}: major 1, each node mode 0666): null 1:3, zero 1:5, full 1:7,
 * random 1:8, urandom 1:9; and {@code /dev/tty} 5:0 ({@code drivers/tty/tty_io.c:tty_init()}, {@link DevTty}). The drivers are registered with the VFS by device number, so a node
 * made later with {@code mknod(..., S_IFCHR, makedev(1, 5))} opens the same driver, as
 * {@code chrdev_open} finds it.
 */
final class MemDevices {
    private MemDevices() {
    }

    /** {@code makedev(1, 3)}. */
    static final long NULL_RDEV = 0x103;

    /** Registers the drivers and, when {@code /dev} is a ramfs, creates their nodes. */
    static void register(Vfs vfs, dev.kemu.vfs.Inode devDir, DeviceBehaviour behaviour, Crng crng) {
        DevRandom random = new DevRandom(crng, behaviour);
        vfs.registerChrdev(NULL_RDEV, new DevNull());
        vfs.registerChrdev(DevZero.RDEV, new DevZero(behaviour));
        vfs.registerChrdev(DevFull.RDEV, new DevFull(behaviour));
        vfs.registerChrdev(DevRandom.RANDOM_RDEV, random);
        vfs.registerChrdev(DevRandom.URANDOM_RDEV, random);
        vfs.registerChrdev(DevTty.RDEV, new DevTty());
        if (devDir.sb().type().equals("ramfs")) {
            node(devDir, "null", NULL_RDEV, vfs);
            node(devDir, "zero", DevZero.RDEV, vfs);
            node(devDir, "full", DevFull.RDEV, vfs);
            node(devDir, "random", DevRandom.RANDOM_RDEV, vfs);
            node(devDir, "urandom", DevRandom.URANDOM_RDEV, vfs);
            node(devDir, "tty", DevTty.RDEV, vfs);
        }
    }

    private static void node(dev.kemu.vfs.Inode dir, String name, long rdev, Vfs vfs) {
        dev.kemu.vfs.Inode node = RamfsType.mknod(dir, name, StatMode.S_IFCHR | 0666, vfs.chrdev(rdev));
        node.initSpecial(rdev);
        node.nameIfUnnamed(name);
    }

    /** {@code read_iter_zero}: zeros for the whole count; short only at a fault, EFAULT when nothing was copied. */
    static long zeroFill(IovIter to) {
        long total = to.count();
        long done = 0;
        while (done < total) {
            int n = (int) Math.min(total - done, dev.kemu.vfs.Page.SIZE);
            int z = to.zero(n);
            done += z;
            if (z < n) {
                break;
            }
        }
        return done == 0 && total > 0 ? Errno.EFAULT.neg() : done;
    }
}
