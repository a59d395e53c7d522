package dev.kemu.fs.ext4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.Net;
import dev.kemu.vfs.Sockaddr;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.SuperBlock;
import dev.kemu.vfs.testing.OwnerCallsContract;
import dev.kemu.vfs.testing.TestMachine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The owner calls on ext4 ({@code ext4_setattr}; {@code i_uid}/{@code i_gid} with their high
 * halves in {@code osd2.linux2}), each test ending with {@link Ext4Fsck} finding nothing; owners
 * written to an image (with a bound socket's name) are read back after a remount and by the real
 * {@code debugfs}, and {@code e2fsck -fn} finds the image clean.
 */
class Ext4OwnerCallsTest extends OwnerCallsContract {
    @TempDir
    Path tmp;

    @Override
    protected TestMachine newMachine() throws Exception {
        return TestMachine.mounted("ext4", "/mnt", Map.of("size", "64m"));
    }

    @Override
    protected String dir() {
        return "/mnt";
    }

    @AfterEach
    void fsckClean() {
        if (m != null) {
            SuperBlock sb = m.mountedSb();
            assertEquals(List.of(), Ext4Fsck.check(sb));
            m.vfs.shutdown();
        }
    }

    @Test
    void chown_wideIds_surviveRemountAndE2fsckIsClean() throws Exception {
        HostTools.assumeAvailable();
        m.vfs.shutdown();
        Path img = tmp.resolve("owners.img");
        m = new TestMachine("ext4", img.toString(), "/mnt", Map.of("size", "64m"), "/mnt") {
        };
        m.task.setUmask(022);
        m.touch("wide");
        assertEquals(0, m.mkdir("d", 0755));
        m.touch("d/suid");
        assertEquals(0, m.call(() -> m.sys.symlink(m.task, "wide", "link")));
        assertEquals(0, m.call(() -> m.sys.mknod(m.task, "fifo", StatMode.S_IFIFO | 0600, 0)));
        assertEquals(0, m.call(() -> m.sys.chmod(m.task, "d/suid", 04755)));
        assertEquals(0, m.call(() -> m.sys.chown(m.task, "wide", 0x12345, 0x6789a)));
        assertEquals(0, m.call(() -> m.sys.chown(m.task, "d", 1000, 100)));
        assertEquals(0, m.call(() -> m.sys.chown(m.task, "d/suid", 7, -1)));
        assertEquals(0, m.call(() -> m.sys.lchown(m.task, "link", 65534, 65534)));
        assertEquals(0, m.call(() -> m.sys.chown(m.task, "fifo", 3, 4)));
        long sock = m.call(() -> m.sys.socket(m.task, Net.AF_UNIX, Net.SOCK_STREAM, 0, 46));
        assertEquals(0, m.call(() -> m.sys.bind(m.task, (int) sock, Sockaddr.unix("/mnt/d/sock"), 110)));
        assertEquals(0, m.close((int) sock));
        assertEquals(0, m.call(() -> m.sys.chown(m.task, "d/sock", 9, 9)));
        assertEquals(List.of(), Ext4Fsck.check(m.mountedSb()));
        m.vfs.shutdown();
        HostTools.assertE2fsckClean(img);
        String wide = HostTools.run(HostTools.DEBUGFS, "-R", "stat /wide", img.toString()).text();
        assertTrue(wide.contains("User: 74565") && wide.contains("Group: 424090"), wide);
        String suid = HostTools.run(HostTools.DEBUGFS, "-R", "stat /d/suid", img.toString()).text();
        assertTrue(suid.contains("Mode:  0755") && suid.contains("User:     7"), suid);

        m = new TestMachine("ext4", img.toString(), "/mnt", Map.of(), "/mnt") {
        };
        assertEquals(0x12345, m.stat("wide").uid());
        assertEquals(0x6789a, m.stat("wide").gid());
        assertEquals(1000, m.stat("d").uid());
        assertEquals(100, m.stat("d").gid());
        assertEquals(StatMode.S_IFREG | 0755, m.stat("d/suid").mode());
        assertEquals(7, m.stat("d/suid").uid());
        assertEquals(0, m.stat("d/suid").gid());
        assertEquals(65534, m.lstatResult("link").stat().uid());
        assertEquals(0x12345, m.stat("link").uid());
        assertEquals(4, m.lstatResult("fifo").stat().gid());
        assertEquals(StatMode.S_IFSOCK | 0755, m.lstatResult("d/sock").stat().mode());
        assertEquals(9, m.lstatResult("d/sock").stat().uid());
        long c = m.call(() -> m.sys.socket(m.task, Net.AF_UNIX, Net.SOCK_STREAM, 0, 46));
        assertEquals(dev.kemu.vfs.Errno.ECONNREFUSED.neg(), m.call(() -> m.sys.connect(m.task, (int) c, Sockaddr.unix("d/sock"), 110, true)));
    }
}
