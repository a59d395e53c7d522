package dev.kemu.vfs;

/**
 * A task's user memory at an address, resolved through its memory map: 0 and a buffer whose
 * pages are the mappings' own (page-cache pages for a file mapping), or -EFAULT when the range is
 * not wholly mapped with the access asked for. With -EFAULT, {@code buf} still covers the
 * accessible prefix (possibly empty) and faults past it, so a call given it fails where Linux's
 * copy would: a short count, or EFAULT when nothing was copied. A machine that cannot resolve
 * addresses (the host backend) answers ENOSYS.
 */
public record UserMemory(long ret, UserBuffer buf) {
    public UserMemory {
        if (buf == null) {
            throw new IllegalArgumentException("user memory always has a buffer, faulting or not");
        }
    }
}
