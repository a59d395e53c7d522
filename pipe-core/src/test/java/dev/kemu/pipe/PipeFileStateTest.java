package dev.kemu.pipe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fallocate;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.FileIoctl;
import dev.kemu.vfs.Statfs;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The file-state calls on pipes: EFAULT from pipe2, FIONREAD, and the EINVAL/ESPIPE of files that are not files. */
class PipeFileStateTest {
    private final Machine m = Machine.boot();
    private final Task t = m.newTask();

    @Test
    void pipe2_unwritableArray_isEfault_andLeavesNoDescriptor() {
        long r = Machine.call(t, () -> m.pipeCalls.pipe2(t, null, 0));
        assertEquals(Errno.EFAULT.neg(), r);
        assertArrayEquals(new int[0], t.files().openFds());
        int[] p = m.pipe(t, 0);
        assertEquals(0, p[0], "the numbers taken for the failed call are free again");
    }

    @Test
    void pipe2_badFlags_isEinval_beforeEfault() {
        assertEquals(Errno.EINVAL.neg(), Machine.call(t, () -> m.pipeCalls.pipe2(t, null, 0x1)));
    }

    @Test
    void fionread_countsTheBytesQueued() {
        int[] p = m.pipe(t, 0);
        m.write(t, p[1], "hello, pipe");
        UserBuffer out = UserBuffer.allocate(4);
        assertEquals(0, Machine.call(t, () -> m.vfsCalls.ioctl(t, p[0], FileIoctl.FIONREAD, 0, out)));
        assertEquals(11, ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN).getInt());
        m.read(t, p[0], 6);
        assertEquals(0, Machine.call(t, () -> m.vfsCalls.ioctl(t, p[1], FileIoctl.FIONREAD, 0, out)));
        assertEquals(5, ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN).getInt());
        assertEquals(Errno.ENOTTY.neg(), Machine.call(t, () -> m.vfsCalls.ioctl(t, p[0], 0x5401, 0, out)));
        assertEquals(Errno.EFAULT.neg(), Machine.call(t, () -> m.vfsCalls.ioctl(t, p[0], FileIoctl.FIONREAD, 0, null)));
    }

    @Test
    void fsync_pipe_isEinval_syncfs_isZero() {
        int[] p = m.pipe(t, 0);
        assertEquals(Errno.EINVAL.neg(), Machine.call(t, () -> m.vfsCalls.fsync(t, p[1])));
        assertEquals(Errno.EINVAL.neg(), Machine.call(t, () -> m.vfsCalls.fdatasync(t, p[0])));
        assertEquals(0, Machine.call(t, () -> m.vfsCalls.syncfs(t, p[0])));
    }

    @Test
    void fadvise_pipe_isEspipe_evenWithBadAdvice() {
        int[] p = m.pipe(t, 0);
        assertEquals(Errno.ESPIPE.neg(), Machine.call(t, () -> m.vfsCalls.fadvise64(t, p[0], 0, -1, 99)));
    }

    @Test
    void fallocate_pipe_writeEndIsEspipe_readEndIsEbadf() {
        int[] p = m.pipe(t, 0);
        Fallocate.Modes modes = Fallocate.Modes.EXCLUSIVE;
        assertEquals(Errno.ESPIPE.neg(), Machine.call(t, () -> m.vfsCalls.fallocate(t, p[1], 0, 0, 10, modes)));
        assertEquals(Errno.EBADF.neg(), Machine.call(t, () -> m.vfsCalls.fallocate(t, p[0], 0, 0, 10, modes)));
    }

    @Test
    void fstatfs_pipe_isPipefsWithoutMountFlags() {
        int[] p = m.pipe(t, 0);
        t.enter();
        try {
            Statfs s = m.vfsCalls.fstatfs(t, p[0]).statfs();
            assertEquals(Statfs.PIPEFS_MAGIC, s.type());
            assertEquals(Statfs.ST_VALID, s.flags());
        } finally {
            t.exit();
        }
    }

    @Test
    void ficlone_fromAPipe_isExdev() {
        int[] p = m.pipe(t, 0);
        int f = m.createFile(t, "f", "", Fcntl.O_RDWR);
        assertEquals(Errno.EXDEV.neg(), Machine.call(t, () -> m.vfsCalls.ioctl(t, f, FileIoctl.FICLONE, p[0], null)));
    }
}
