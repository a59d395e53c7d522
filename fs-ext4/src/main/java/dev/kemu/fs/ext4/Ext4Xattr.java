package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4Inode;
import dev.kemu.fs.ext4.disklayout.Ext4XattrIbody;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.VfsBehaviour;
import dev.kemu.vfs.Xattr;
import dev.kemu.vfs.spi.XattrOperations;
import java.util.ArrayList;
import java.util.List;

/**
 * ext4 extended attributes ({@code fs/ext4/xattr.c:ext4_xattr_get()}, {@code ext4_xattr_set_handle()},
 * {@code ext4_listxattr()}, {@code ext4_xattr_handler_map}; {@code fs/ext4/acl.c:ext4_set_acl()},
 * {@code ext4_acl_to_disk()}, {@code ext4_acl_from_disk()}), with the default mount options
 * {@code user_xattr} and {@code acl}: handlers for {@code user.} (index 1), {@code trusted.} (4),
 * {@code security.} (6), and POSIX ACLs (2 and 3, empty name, in ext4's ACL format).
 *
 * <p>Deliberate divergence: attributes live in the inode's extra space only (96 bytes less the
 * header and end marker with 256-byte inodes). Where Linux would go on to an attribute block
 * ({@code i_file_acl}), the model answers ENOSPC; an attribute block made by another
 * implementation is not read. A new attribute goes after the others, as
 * {@code ext4_xattr_ibody_find} leaves the search at the end of the unsorted in-inode entries.
 */
final class Ext4Xattr implements XattrOperations {
    static final int INDEX_USER = 1;
    static final int INDEX_POSIX_ACL_ACCESS = 2;
    static final int INDEX_POSIX_ACL_DEFAULT = 3;
    static final int INDEX_TRUSTED = 4;
    static final int INDEX_SECURITY = 6;
    static final int INDEX_SYSTEM = 7;

    /** The index and the stored name of a full attribute name. */
    private record Key(int index, String name) {
    }

    private static Key key(String full) {
        if (full.equals(Xattr.POSIX_ACL_ACCESS)) {
            return new Key(INDEX_POSIX_ACL_ACCESS, "");
        }
        if (full.equals(Xattr.POSIX_ACL_DEFAULT)) {
            return new Key(INDEX_POSIX_ACL_DEFAULT, "");
        }
        if (full.startsWith(Xattr.USER_PREFIX)) {
            return new Key(INDEX_USER, full.substring(Xattr.USER_PREFIX.length()));
        }
        if (full.startsWith(Xattr.TRUSTED_PREFIX)) {
            return new Key(INDEX_TRUSTED, full.substring(Xattr.TRUSTED_PREFIX.length()));
        }
        if (full.startsWith(Xattr.SECURITY_PREFIX)) {
            return new Key(INDEX_SECURITY, full.substring(Xattr.SECURITY_PREFIX.length()));
        }
        throw new IllegalArgumentException("no ext4 handler for " + full);
    }

    /** {@code ext4_xattr_handler} + {@code xattr_prefix}: the full name, or null for an index without handler. */
    private static String fullName(Ext4XattrIbody.Attr a) {
        return switch (a.nameIndex()) {
            case INDEX_USER -> Xattr.USER_PREFIX + a.name();
            case INDEX_POSIX_ACL_ACCESS -> Xattr.POSIX_ACL_ACCESS;
            case INDEX_POSIX_ACL_DEFAULT -> Xattr.POSIX_ACL_DEFAULT;
            case INDEX_TRUSTED -> Xattr.TRUSTED_PREFIX + a.name();
            case INDEX_SECURITY -> Xattr.SECURITY_PREFIX + a.name();
            default -> null;
        };
    }

    private static Ext4XattrIbody ibody(Inode inode) {
        Ext4Inode base = Ext4Inodes.info(inode).base();
        return Ext4XattrIbody.decode(base.raw(), base.ibodyOffset());
    }

    @Override
    public boolean hasHandler(String prefix, VfsBehaviour behaviour) {
        return true;
    }

    @Override
    public boolean posixAcl() {
        return true;
    }

    /** {@code ext4_xattr_ibody_get}; ACLs come back in the {@code posix_acl_xattr} format. */
    @Override
    public byte[] get(Inode inode, String name) {
        Key k = key(name);
        for (Ext4XattrIbody.Attr a : ibody(inode).attrs()) {
            if (a.nameIndex() == k.index() && a.name().equals(k.name())) {
                return Xattr.isPosixAcl(name) ? Ext4Acl.fromDisk(a.value()) : a.value();
            }
        }
        return null;
    }

    /**
     * {@code ext4_xattr_set_handle} on the in-inode area: EEXIST, ENODATA as the flags say;
     * ENOSPC when the area cannot hold the result; EROFS on a read-only filesystem. ctime changes.
     */
    @Override
    public int set(Inode inode, String name, byte[] value, int flags) {
        try (Ext4Journal.Handle h = Ext4Journal.start(inode)) {
            return setHandle(inode, name, value, flags);
        }
    }

    private int setHandle(Inode inode, String name, byte[] value, int flags) {
        Ext4SbInfo sbi = Ext4SbInfo.of(inode);
        if (sbi.readOnly) {
            return Errno.EROFS.negInt();
        }
        Key k = key(name);
        Ext4InodeInfo info = Ext4Inodes.info(inode);
        Ext4Inode base = info.base();
        List<Ext4XattrIbody.Attr> attrs = new ArrayList<>(Ext4XattrIbody.decode(base.raw(), base.ibodyOffset()).attrs());
        int at = -1;
        for (int i = 0; i < attrs.size(); i++) {
            if (attrs.get(i).nameIndex() == k.index() && attrs.get(i).name().equals(k.name())) {
                at = i;
            }
        }
        if (at < 0 && (flags & Xattr.XATTR_REPLACE) != 0) {
            return Errno.ENODATA.negInt();
        }
        if (at >= 0 && (flags & Xattr.XATTR_CREATE) != 0) {
            return Errno.EEXIST.negInt();
        }
        if (value == null) {
            if (at < 0) {
                return 0;
            }
            attrs.remove(at);
        } else {
            byte[] stored = Xattr.isPosixAcl(name) ? Ext4Acl.toDisk(value) : value;
            Ext4XattrIbody.Attr a = new Ext4XattrIbody.Attr(k.index(), k.name(), stored);
            if (at >= 0) {
                attrs.set(at, a);
            } else {
                attrs.add(a);
            }
            int area = base.raw().length - base.ibodyOffset();
            if (base.raw().length <= Ext4Inode.GOOD_OLD_SIZE || Ext4XattrIbody.used(attrs) > Ext4XattrIbody.capacity(area)) {
                return Errno.ENOSPC.negInt();
            }
        }
        info.setIbody(new Ext4XattrIbody(attrs));
        long now = Ext4SbInfo.now();
        info.setTimes(-1, -1, now);
        inode.setTimes(null, null, dev.kemu.vfs.Timespec.now());
        sbi.inodes.writeInode(info);
        return 0;
    }

    /** {@code ext4_listxattr}: the in-inode entries in their order, those with a handler. */
    @Override
    public List<String> list(Inode inode) {
        List<String> out = new ArrayList<>();
        for (Ext4XattrIbody.Attr a : ibody(inode).attrs()) {
            String n = fullName(a);
            if (n != null) {
                out.add(n);
            }
        }
        return out;
    }
}
