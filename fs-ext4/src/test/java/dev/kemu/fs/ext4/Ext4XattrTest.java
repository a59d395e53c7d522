package dev.kemu.fs.ext4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.Xattr;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * ext4 extended attributes in the inode's extra space: the calls' answers, the room there is,
 * the on-disk form as e2fsck and debugfs read it, and what a remount reads back.
 */
@ExtendWith(FsckAfterEach.class)
class Ext4XattrTest {
    @TempDir
    Path tmp;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static long set(MountedExt4 fs, String path, String name, byte[] v, int flags) {
        return fs.sys.setxattr(fs.task, path, name, UserBuffer.of(v), v.length, flags);
    }

    private static long getLen(MountedExt4 fs, String path, String name) {
        return fs.sys.getxattr(fs.task, path, name, null, 0);
    }

    private static byte[] get(MountedExt4 fs, String path, String name) {
        UserBuffer buf = UserBuffer.allocate(256);
        long n = fs.sys.getxattr(fs.task, path, name, buf, 256);
        assertTrue(n >= 0, () -> "getxattr " + name + " = " + Errno.of(n));
        return buf.read(0, (int) n);
    }

    private static List<String> names(MountedExt4 fs, String path) {
        UserBuffer buf = UserBuffer.allocate(1024);
        long n = fs.sys.listxattr(fs.task, path, buf, 1024);
        assertTrue(n >= 0, () -> "listxattr = " + Errno.of(n));
        List<String> out = new ArrayList<>();
        String all = new String(buf.read(0, (int) n), StandardCharsets.ISO_8859_1);
        for (String s : all.split("\0")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** user::rw-, user:1000:rwx, group::r--, mask::r-x, other::--- in the posix_acl_xattr form. */
    private static byte[] acl() {
        ByteBuffer bb = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN).putInt(2);
        bb.putShort((short) 1).putShort((short) 6).putInt(-1);
        bb.putShort((short) 2).putShort((short) 7).putInt(1000);
        bb.putShort((short) 4).putShort((short) 4).putInt(-1);
        bb.putShort((short) 0x10).putShort((short) 5).putInt(-1);
        bb.putShort((short) 0x20).putShort((short) 0).putInt(-1);
        return bb.array();
    }

    @Test
    void setxattr_inInode_getListRemove() throws Exception {
        try (MountedExt4 fs = MountedExt4.ramdisk("64m")) {
            fs.writeFile("/f", b("data"));
            assertEquals(Errno.ENODATA.neg(), getLen(fs, "/f", "security.selinux"));
            assertEquals(0, set(fs, "/f", "user.mime", b("text/plain"), 0));
            assertEquals(0, set(fs, "/f", "trusted.t", b("x"), Xattr.XATTR_CREATE));
            assertEquals(Errno.EEXIST.neg(), set(fs, "/f", "trusted.t", b("y"), Xattr.XATTR_CREATE));
            assertEquals(Errno.ENODATA.neg(), set(fs, "/f", "user.none", b("y"), Xattr.XATTR_REPLACE));
            assertEquals(10, getLen(fs, "/f", "user.mime"));
            assertArrayEquals(b("text/plain"), get(fs, "/f", "user.mime"));
            assertEquals(List.of("user.mime", "trusted.t"), names(fs, "/f"));
            assertEquals(0, fs.sys.removexattr(fs.task, "/f", "user.mime"));
            assertEquals(Errno.ENODATA.neg(), fs.sys.removexattr(fs.task, "/f", "user.mime"));
            assertEquals(List.of("trusted.t"), names(fs, "/f"));
            assertArrayEquals(b("data"), fs.readFile("/f"));
            assertEquals(List.of(), fs.fsck());
        }
    }

    @Test
    void setxattr_pastTheInodeSpace_enospc() throws Exception {
        try (MountedExt4 fs = MountedExt4.ramdisk("64m")) {
            fs.writeFile("/f", b(""));
            // 256-byte inodes, i_extra_isize 32: 92 bytes after the magic; an entry named "a"
            // takes 20, the end marker 4, so a value may take 68
            assertEquals(Errno.ENOSPC.neg(), set(fs, "/f", "user.a", new byte[69], 0));
            assertEquals(0, set(fs, "/f", "user.a", new byte[68], 0));
            assertEquals(Errno.ENOSPC.neg(), set(fs, "/f", "user.b", new byte[0], 0));
            assertEquals(Errno.ENOSPC.neg(), set(fs, "/f", "user.big", new byte[4000], 0));
            assertEquals(0, set(fs, "/f", "user.a", new byte[1], 0));
            assertEquals(0, set(fs, "/f", "user.b", new byte[0], 0));
            assertEquals(List.of("user.a", "user.b"), names(fs, "/f"));
        }
    }

    @Test
    void setxattr_extendedAcl_storedAndModeFromMask() throws Exception {
        try (MountedExt4 fs = MountedExt4.ramdisk("64m")) {
            fs.writeFile("/f", b(""));
            assertEquals(Errno.ENODATA.neg(), getLen(fs, "/f", Xattr.POSIX_ACL_ACCESS));
            assertEquals(0, set(fs, "/f", Xattr.POSIX_ACL_ACCESS, acl(), 0));
            assertEquals(0650, fs.stat("/f").mode() & 0777);
            assertArrayEquals(acl(), get(fs, "/f", Xattr.POSIX_ACL_ACCESS));
            assertEquals(List.of(Xattr.POSIX_ACL_ACCESS), names(fs, "/f"));
        }
    }

    @Test
    void kemuWritesAttributes_e2fsckCleanDebugfsReadsAndRemountReadsBack() throws Exception {
        HostTools.assumeAvailable();
        Path img = tmp.resolve("xattr.img");
        try (MountedExt4 fs = MountedExt4.image(img, "64m")) {
            fs.writeFile("/f", b("hello"));
            assertEquals(0, fs.mkdir("/d"));
            assertEquals(0, set(fs, "/f", "user.mime", b("text/plain"), 0));
            assertEquals(0, set(fs, "/d", "security.tag", b("s0"), 0));
            assertEquals(0, set(fs, "/f", Xattr.POSIX_ACL_ACCESS, acl(), 0));
            assertEquals(0, set(fs, "/d", "user.dir", b("1"), 0));
            assertEquals(List.of(), fs.fsck());
        }
        HostTools.assertE2fsckClean(img);
        String list = HostTools.run(HostTools.DEBUGFS, "-R", "ea_list /f", img.toString()).text();
        assertTrue(list.contains("user.mime (10) = \"text/plain\""), list);
        assertTrue(list.contains("system.posix_acl_access"), list);
        String dlist = HostTools.run(HostTools.DEBUGFS, "-R", "ea_list /d", img.toString()).text();
        assertTrue(dlist.contains("security.tag (2) = \"s0\""), dlist);
        String v = HostTools.run(HostTools.DEBUGFS, "-R", "ea_get /d user.dir", img.toString()).text();
        assertTrue(v.contains("1"), v);
        try (MountedExt4 fs = MountedExt4.image(img, "64m")) {
            assertArrayEquals(b("text/plain"), get(fs, "/f", "user.mime"));
            assertArrayEquals(acl(), get(fs, "/f", Xattr.POSIX_ACL_ACCESS));
            assertEquals(List.of("user.mime", Xattr.POSIX_ACL_ACCESS), names(fs, "/f"));
            assertEquals(List.of("security.tag", "user.dir"), names(fs, "/d"));
            assertEquals(0, fs.sys.removexattr(fs.task, "/d", "security.tag"));
        }
        HostTools.assertE2fsckClean(img);
    }

    @Test
    void debugfsSetAttribute_readHere() throws Exception {
        HostTools.assumeAvailable();
        Path img = tmp.resolve("real.img");
        HostTools.mkfs(img, "64M");
        Path local = tmp.resolve("local");
        java.nio.file.Files.write(local, b("x"));
        HostTools.debugfsWrite(img, "write " + local + " f");
        HostTools.debugfsWrite(img, "ea_set /f user.origin debugfs");
        try (MountedExt4 fs = MountedExt4.image(img, java.util.Map.of())) {
            assertArrayEquals(b("debugfs"), get(fs, "/f", "user.origin"));
            assertTrue(names(fs, "/f").contains("user.origin"), names(fs, "/f").toString());
            assertEquals(0, set(fs, "/f", "user.more", b("kemu"), 0));
        }
        HostTools.assertE2fsckClean(img);
        String v = HostTools.run(HostTools.DEBUGFS, "-R", "ea_get /f user.more", img.toString()).text();
        assertTrue(v.contains("kemu"), v);
    }

    @Test
    void fgetxattr_onOpenFile_readsWhatPathSet() throws Exception {
        try (MountedExt4 fs = MountedExt4.ramdisk("64m")) {
            int fd = fs.open("/g", Fcntl.O_CREAT | Fcntl.O_RDWR);
            assertEquals(0, set(fs, "/g", "user.k", b("v"), 0));
            UserBuffer out = UserBuffer.allocate(4);
            assertEquals(1, fs.sys.fgetxattr(fs.task, fd, "user.k", out, 4));
            assertEquals(Errno.ERANGE.neg(), fs.sys.flistxattr(fs.task, fd, UserBuffer.allocate(6), 6));
            assertEquals("user.k\0".length(), fs.sys.flistxattr(fs.task, fd, UserBuffer.allocate(7), 7));
            fs.close(fd);
        }
    }
}
