package dev.kemu.kernel;

/**
 * What the memory and random character devices do differently from one kernel version to
 * another. A kernel plugin supplies one; every default is the behaviour of 6.18. Each method
 * names the kernel code whose history it follows.
 *
 * <p>Where a device has no {@code splice_read}/{@code splice_write}, the pipe layer's own switch
 * decides ({@code PipeBehaviour.spliceNeedsMethods}): before 5.10 {@code default_file_splice_read}
 * and {@code default_file_splice_write} go through the device's read and write; from 5.10 such a
 * splice is EINVAL.
 */
public interface DeviceBehaviour {
    /**
     * {@code drivers/char/mem.c:zero_fops}, {@code full_fops}: {@code splice_read} is
     * {@code copy_splice_read} for both and /dev/zero's {@code splice_write} is
     * {@code splice_write_zero} (6.7, commit 1b057bd800c3 "drivers/char/mem: implement splice()
     * for /dev/zero, /dev/full"; LTP splice08, splice09). Before: no splice methods.
     */
    default boolean memZeroFullSplice() {
        return true;
    }

    /**
     * {@code drivers/char/random.c:urandom_fops}, {@code random_fops}: {@code read_iter} and
     * {@code write_iter} with {@code splice_read} and {@code iter_file_splice_write} (5.19,
     * "random: wire up fops->splice_{read,write}_iter()"). Before: plain read and write, no
     * splice methods.
     */
    default boolean randomSpliceIter() {
        return true;
    }

    /** The 6.18 behaviour. */
    DeviceBehaviour DEFAULT = new DeviceBehaviour() {
    };
}
