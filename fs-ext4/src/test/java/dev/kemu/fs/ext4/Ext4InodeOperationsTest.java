package dev.kemu.fs.ext4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.fs.ext4.disklayout.Ext4DirEntry2;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Kstat;
import dev.kemu.vfs.StatResult;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Namespace operations, link counts, sizes and block counts as ext4 reports them. */
@ExtendWith(FsckAfterEach.class)
class Ext4InodeOperationsTest {
    @Test
    void mount_superblock_hasExt4BlockSizeAndMaxBytes() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("64m");
        assertEquals(4096, fs.sb.blockSize());
        assertEquals(17592186040320L, fs.sb.maxBytes());
        assertEquals("ext4", fs.sb.type());
        Kstat root = fs.stat("/");
        assertEquals(2, root.ino());
        assertEquals(3, root.nlink(), "., .. and lost+found's ..");
        assertEquals(16384, fs.stat("/lost+found").size());
    }

    @Test
    void create_firstFile_getsInode12AndNoBlocks() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("64m");
        fs.close(fs.open("/f", Fcntl.O_CREAT | Fcntl.O_WRONLY));
        Kstat st = fs.stat("/f");
        assertEquals(12, st.ino());
        assertEquals(0, st.size());
        assertEquals(0, st.blocks());
        assertEquals(4096, st.blksize());
        assertEquals(1, st.nlink());
    }

    @Test
    void mkdir_newDirectory_isOneBlockWithTwoLinks() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("64m");
        assertEquals(0, fs.mkdir("/d"));
        Kstat d = fs.stat("/d");
        assertEquals(4096, d.size());
        assertEquals(8, d.blocks());
        assertEquals(2, d.nlink());
        assertEquals(4, fs.stat("/").nlink());
        assertEquals(Errno.EEXIST.neg(), fs.mkdir("/d"));
    }

    @Test
    void mkdir_manyEntries_directoryGrowsByBlocks() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("64m");
        assertEquals(0, fs.mkdir("/d"));
        for (int i = 0; i < 200; i++) {
            fs.close(fs.open("/d/a-rather-long-file-name-to-fill-blocks-" + i, Fcntl.O_CREAT | Fcntl.O_WRONLY));
        }
        Kstat d = fs.stat("/d");
        assertTrue(d.size() > 4096, "grew: " + d.size());
        assertEquals(0, d.size() % 4096);
        assertEquals(d.size() / 512, d.blocks());
        List<Ext4DirEntry2> entries = Ext4Dir.list(lookup(fs, "/d"));
        assertEquals(202, entries.size(), "200 names, '.' and '..'");
    }

    private static dev.kemu.vfs.Inode lookup(MountedExt4 fs, String path) {
        int fd = fs.open(path, Fcntl.O_RDONLY);
        dev.kemu.vfs.File f = fs.sys.fdget(fs.task, fd);
        dev.kemu.vfs.Inode inode = f.inode();
        f.put();
        fs.close(fd);
        return inode;
    }

    @Test
    void rmdir_nonEmpty_returnsEnotempty() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("64m");
        fs.mkdir("/d");
        fs.writeFile("/d/f", new byte[1]);
        assertEquals(Errno.ENOTEMPTY.neg(), fs.sys.rmdir(fs.task, "/d"));
        assertEquals(0, fs.sys.unlink(fs.task, "/d/f"));
        assertEquals(0, fs.sys.rmdir(fs.task, "/d"));
        assertEquals(3, fs.stat("/").nlink());
    }

    @Test
    void rmdir_openDirectory_hasSizeZeroAndNoLinksUntilClosed() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("64m");
        long freeInodes = Ext4SbInfo.of(fs.sb).groups.freeInodes();
        long freeBlocks = Ext4SbInfo.of(fs.sb).groups.freeBlocks();
        fs.mkdir("/d");
        int fd = fs.open("/d", Fcntl.O_RDONLY | Fcntl.O_DIRECTORY);
        assertEquals(0, fs.sys.rmdir(fs.task, "/d"));
        StatResult st = fs.sys.fstat(fs.task, fd);
        assertEquals(0, st.stat().size());
        assertEquals(0, st.stat().nlink());
        assertEquals(Errno.ENOENT.neg(), fs.sys.open(fs.task, "/d/x", Fcntl.O_CREAT | Fcntl.O_WRONLY, 0644));
        assertEquals(List.of(), fs.fsck(), "an open removed directory is an orphan");
        fs.close(fd);
        assertEquals(freeInodes, Ext4SbInfo.of(fs.sb).groups.freeInodes());
        assertEquals(freeBlocks, Ext4SbInfo.of(fs.sb).groups.freeBlocks());
    }

    @Test
    void unlink_openFile_keepsDataUntilLastClose() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("64m");
        long freeBlocks = Ext4SbInfo.of(fs.sb).groups.freeBlocks();
        byte[] data = new byte[100_000];
        Arrays.fill(data, (byte) 7);
        fs.writeFile("/f", data);
        int fd = fs.open("/f", Fcntl.O_RDWR);
        assertEquals(0, fs.sys.unlink(fs.task, "/f"));
        assertEquals(Errno.ENOENT.neg(), fs.sys.open(fs.task, "/f", Fcntl.O_RDONLY, 0));
        assertEquals(0, fs.sys.fstat(fs.task, fd).stat().nlink());
        assertEquals(List.of(), fs.fsck(), "an open unlinked file is on the orphan list");
        assertEquals(List.of(12L), Ext4SbInfo.of(fs.sb).orphans.inos());
        assertEquals(5, fs.pwrite(fd, "later".getBytes(), 200_000));
        assertArrayEquals(data, fs.pread(fd, data.length, 0));
        assertTrue(Ext4SbInfo.of(fs.sb).groups.freeBlocks() < freeBlocks);
        fs.close(fd);
        assertEquals(freeBlocks, Ext4SbInfo.of(fs.sb).groups.freeBlocks());
        assertEquals(List.of(), Ext4SbInfo.of(fs.sb).orphans.inos());
    }

    @Test
    void unlink_missing_returnsEnoent() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("64m");
        assertEquals(Errno.ENOENT.neg(), fs.sys.unlink(fs.task, "/nothing"));
        fs.mkdir("/d");
        assertEquals(Errno.EISDIR.neg(), fs.sys.unlink(fs.task, "/d"));
    }

    @Test
    void getattr_sparseFileWithTree_countsTreeBlock() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("64m");
        int fd = fs.open("/s", Fcntl.O_CREAT | Fcntl.O_RDWR);
        for (int i = 0; i < 4; i++) {
            fs.pwrite(fd, new byte[] {1}, i * 8192L);
        }
        assertEquals(4 * 8, fs.stat("/s").blocks(), "four extents fit in the inode");
        fs.pwrite(fd, new byte[] {1}, 4 * 8192L);
        assertEquals(5 * 8 + 8, fs.stat("/s").blocks(), "the fifth needs a leaf block");
        fs.close(fd);
    }

    @Test
    void lookup_nameTooLong_returnsEnametoolong() throws Exception {
        MountedExt4 fs = MountedExt4.ramdisk("64m");
        String name = "/" + "é".repeat(200); // 400 bytes in UTF-8, 200 characters
        assertEquals(Errno.ENAMETOOLONG.neg(), fs.sys.open(fs.task, name, Fcntl.O_CREAT | Fcntl.O_WRONLY, 0644));
    }
}
