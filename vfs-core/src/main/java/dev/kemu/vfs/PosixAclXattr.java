package dev.kemu.vfs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A POSIX ACL in its extended attribute form ({@code fs/posix_acl.c:posix_acl_from_xattr()},
 * {@code posix_acl_valid()}, {@code posix_acl_equiv_mode()}, {@code posix_acl_to_xattr()};
 * {@code include/uapi/linux/posix_acl_xattr.h}): a 4-byte version (2), then 8-byte entries of
 * tag (16 bits), permissions (16 bits) and id (32 bits).
 *
 * <p>Ids are taken as they are (the caller's user namespace is the initial one); only the
 * invalid id {@code (uid_t)-1} of an ACL_USER or ACL_GROUP entry is refused.
 */
record PosixAclXattr(List<Entry> entries) {
    static final int VERSION = 2;
    static final int ACL_USER_OBJ = 0x01;
    static final int ACL_USER = 0x02;
    static final int ACL_GROUP_OBJ = 0x04;
    static final int ACL_GROUP = 0x08;
    static final int ACL_MASK = 0x10;
    static final int ACL_OTHER = 0x20;
    static final long ACL_UNDEFINED_ID = 0xFFFFFFFFL;

    /** {@code struct posix_acl_entry}. */
    record Entry(int tag, int perm, long id) {
    }

    PosixAclXattr {
        entries = List.copyOf(entries);
    }

    /** A parsed value, or the errno {@code posix_acl_from_xattr} returns; {@code acl} null for an ACL of no entries. */
    record Parsed(long err, PosixAclXattr acl) {
    }

    /**
     * {@code posix_acl_from_xattr}: EINVAL for a value shorter than the header, EOPNOTSUPP for
     * another version, EINVAL for a size that is not whole entries, an unknown tag or an
     * invalid id; no entries is no ACL.
     */
    static Parsed fromXattr(byte[] value) {
        if (value.length < 4) {
            return new Parsed(Errno.EINVAL.neg(), null);
        }
        ByteBuffer b = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != VERSION) {
            return new Parsed(Errno.EOPNOTSUPP.neg(), null);
        }
        if ((value.length - 4) % 8 != 0) {
            return new Parsed(Errno.EINVAL.neg(), null);
        }
        int count = (value.length - 4) / 8;
        if (count == 0) {
            return new Parsed(0, null);
        }
        List<Entry> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int p = 4 + 8 * i;
            int tag = b.getShort(p) & 0xFFFF;
            int perm = b.getShort(p + 2) & 0xFFFF;
            long id = b.getInt(p + 4) & 0xFFFFFFFFL;
            switch (tag) {
                case ACL_USER_OBJ, ACL_GROUP_OBJ, ACL_MASK, ACL_OTHER -> out.add(new Entry(tag, perm, ACL_UNDEFINED_ID));
                case ACL_USER, ACL_GROUP -> {
                    if (id == ACL_UNDEFINED_ID) {
                        return new Parsed(Errno.EINVAL.neg(), null);
                    }
                    out.add(new Entry(tag, perm, id));
                }
                default -> {
                    return new Parsed(Errno.EINVAL.neg(), null);
                }
            }
        }
        return new Parsed(0, new PosixAclXattr(out));
    }

    /** {@code posix_acl_valid}: entries in tag order, ids ascending, a mask when named entries exist; 0 or EINVAL. */
    long valid() {
        int state = ACL_USER_OBJ;
        long id = 0;
        boolean needsMask = false;
        for (Entry e : entries) {
            if ((e.perm() & ~7) != 0) {
                return Errno.EINVAL.neg();
            }
            switch (e.tag()) {
                case ACL_USER_OBJ -> {
                    if (state != ACL_USER_OBJ) {
                        return Errno.EINVAL.neg();
                    }
                    state = ACL_USER;
                }
                case ACL_USER, ACL_GROUP -> {
                    if (state != e.tag() || e.id() < id) {
                        return Errno.EINVAL.neg();
                    }
                    id = e.id() + 1;
                    needsMask = true;
                }
                case ACL_GROUP_OBJ -> {
                    if (state != ACL_USER) {
                        return Errno.EINVAL.neg();
                    }
                    state = ACL_GROUP;
                    id = 0;
                }
                case ACL_MASK -> {
                    if (state != ACL_GROUP) {
                        return Errno.EINVAL.neg();
                    }
                    state = ACL_OTHER;
                }
                case ACL_OTHER -> {
                    if (state == ACL_OTHER || (state == ACL_GROUP && !needsMask)) {
                        state = 0;
                    } else {
                        return Errno.EINVAL.neg();
                    }
                }
                default -> {
                    return Errno.EINVAL.neg();
                }
            }
        }
        return state == 0 ? 0 : Errno.EINVAL.neg();
    }

    /**
     * {@code posix_acl_equiv_mode}: the permission bits the ACL gives {@code mode} (the group
     * class from the mask when there is one), and whether the mode says all of it.
     */
    record Equiv(int mode, boolean equivalent) {
    }

    Equiv equivMode(int mode) {
        int m = 0;
        boolean equiv = true;
        for (Entry e : entries) {
            switch (e.tag()) {
                case ACL_USER_OBJ -> m |= (e.perm() & 7) << 6;
                case ACL_GROUP_OBJ -> m |= (e.perm() & 7) << 3;
                case ACL_OTHER -> m |= e.perm() & 7;
                case ACL_MASK -> {
                    m = (m & ~070) | ((e.perm() & 7) << 3);
                    equiv = false;
                }
                default -> equiv = false;
            }
        }
        return new Equiv((mode & ~0777) | m, equiv);
    }

    /** {@code posix_acl_to_xattr}: version 2, ids only where the tag has one. */
    byte[] toXattr() {
        ByteBuffer b = ByteBuffer.allocate(4 + 8 * entries.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(VERSION);
        for (Entry e : entries) {
            b.putShort((short) e.tag()).putShort((short) e.perm()).putInt((int) e.id());
        }
        return b.array();
    }
}
