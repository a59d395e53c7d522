package dev.kemu.fs.tmpfs;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.Timespec;
import dev.kemu.vfs.VfsBehaviour;
import dev.kemu.vfs.Xattr;
import dev.kemu.vfs.spi.XattrOperations;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;

/**
 * tmpfs extended attributes ({@code mm/shmem.c:shmem_xattr_handlers}, {@code shmem_xattr_handler_set()},
 * {@code shmem_listxattr()}; {@code fs/xattr.c:simple_xattr_set()}, {@code simple_xattr_get()},
 * {@code simple_xattr_list()}): {@code security.}, {@code trusted.} and, from 6.6,
 * {@code user.} handlers, and POSIX ACLs ({@code CONFIG_TMPFS_POSIX_ACL}, as distributions
 * build it). Each inode's attributes are a tree ordered by name ({@code simple_xattrs}); the list
 * gives the ACLs first ({@code posix_acl_listxattr}), then the tree in order.
 *
 * <p>Deliberate divergence: {@code nr_inodes} is not modelled, so the {@code free_ispace} charge
 * (40 bytes plus name and value per attribute) never runs out and tmpfs never answers ENOSPC.
 */
final class ShmemXattrs implements XattrOperations {
    /** Attributes per inode; the inode's lock guards its tree. */
    private final Map<Inode, TreeMap<String, byte[]>> xattrs = Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    public boolean hasHandler(String prefix, VfsBehaviour behaviour) {
        return !prefix.equals(Xattr.USER_PREFIX) || behaviour.shmemUserXattr();
    }

    @Override
    public boolean posixAcl() {
        return true;
    }

    @Override
    public byte[] get(Inode inode, String name) {
        TreeMap<String, byte[]> m = xattrs.get(inode);
        byte[] v = m == null ? null : m.get(name);
        return v == null ? null : v.clone();
    }

    /** {@code simple_xattr_set}: EEXIST for XATTR_CREATE on a present name, ENODATA for XATTR_REPLACE on an absent one. */
    @Override
    public int set(Inode inode, String name, byte[] value, int flags) {
        TreeMap<String, byte[]> m = xattrs.computeIfAbsent(inode, i -> new TreeMap<>());
        boolean present = m.containsKey(name);
        if (present && (flags & Xattr.XATTR_CREATE) != 0) {
            return Errno.EEXIST.negInt();
        }
        if (!present && (flags & Xattr.XATTR_REPLACE) != 0) {
            return Errno.ENODATA.negInt();
        }
        if (value == null) {
            if (!present) {
                return 0;
            }
            m.remove(name);
        } else {
            m.put(name, value.clone());
        }
        inode.setTimes(null, null, Timespec.now());
        return 0;
    }

    @Override
    public List<String> list(Inode inode) {
        TreeMap<String, byte[]> m = xattrs.get(inode);
        List<String> out = new ArrayList<>();
        if (m == null) {
            return out;
        }
        for (String acl : List.of(Xattr.POSIX_ACL_ACCESS, Xattr.POSIX_ACL_DEFAULT)) {
            if (m.containsKey(acl)) {
                out.add(acl);
            }
        }
        for (String n : m.keySet()) {
            if (!Xattr.isPosixAcl(n)) {
                out.add(n);
            }
        }
        return out;
    }
}
