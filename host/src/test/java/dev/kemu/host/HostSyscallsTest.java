package dev.kemu.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Iovec;
import dev.kemu.vfs.Signal;
import dev.kemu.vfs.SleepHook;
import dev.kemu.vfs.StatResult;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.UserLong;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The host machine against the machine's own kernel: paths, descriptor numbers, memory, signals and sleeps. */
@Timeout(30)
class HostSyscallsTest extends HostMachineTest {
    private static UserBuffer bytes(String s) {
        return UserBuffer.of(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void newTask_firstOpen_getsDescriptorThreeAsInAFreshProcess() {
        assertEquals(3, host.openat(t, Fcntl.AT_FDCWD, "f", Fcntl.O_RDWR | Fcntl.O_CREAT, 0644));
        assertEquals(4, host.dup(t, 3));
        assertEquals(0, host.close(t, 3));
        assertEquals(3, host.openat(t, Fcntl.AT_FDCWD, "f", Fcntl.O_RDONLY, 0));
        assertEquals(Errno.EBADF.neg(), host.close(t, 7));
    }

    @Test
    void openat_relativePath_createsTheFileInTheMachinesDirectory() {
        long fd = host.openat(t, Fcntl.AT_FDCWD, "f", Fcntl.O_WRONLY | Fcntl.O_CREAT, 0666);
        assertEquals(5, host.write(t, (int) fd, bytes("hello"), 5));
        assertTrue(Files.isRegularFile(host.directory().resolve("f")));
        StatResult st = host.newfstatat(t, Fcntl.AT_FDCWD, "f", 0);
        assertEquals(0100644, st.stat().mode(), "0666 less the task's umask 022");
        assertEquals(5, st.stat().size());
    }

    @Test
    void openat_outsideForWriting_isRefusedWithEaccesAndNothingIsCreated(@TempDir Path elsewhere) {
        String victim = elsewhere.resolve("victim").toString();

        assertEquals(Errno.EACCES.neg(), host.openat(t, Fcntl.AT_FDCWD, victim, Fcntl.O_WRONLY | Fcntl.O_CREAT, 0644));
        assertEquals(Errno.EACCES.neg(), host.openat(t, Fcntl.AT_FDCWD, "../" + host.directory().getFileName() + "2",
                Fcntl.O_WRONLY | Fcntl.O_CREAT, 0644));
        assertEquals(Errno.EACCES.neg(), host.mkdir(t, elsewhere.resolve("d").toString(), 0755));
        assertFalse(Files.exists(elsewhere.resolve("victim")));
        assertFalse(Files.exists(elsewhere.resolve("d")));
        assertEquals(3, host.refusals().size());
    }

    @Test
    void unlink_ofDevNull_isRefused_butWritingToItWorks() {
        assertEquals(Errno.EACCES.neg(), host.unlink(t, "/dev/null"));
        assertTrue(Files.exists(Path.of("/dev/null")));
        long fd = host.openat(t, Fcntl.AT_FDCWD, "/dev/null", Fcntl.O_WRONLY | Fcntl.O_CREAT | Fcntl.O_TRUNC, 0644);
        assertEquals(3, host.write(t, (int) fd, bytes("abc"), 3));
    }

    @Test
    void openat_outsideThatTheKernelRefusesAnyway_getsTheKernelsErrno(@TempDir Path elsewhere) {
        assertEquals(Errno.ENOENT.neg(), host.openat(t, Fcntl.AT_FDCWD, elsewhere + "/no/such", Fcntl.O_WRONLY | Fcntl.O_CREAT, 0644));
        assertEquals(Errno.ENOTDIR.neg(), host.openat(t, 0, "x", Fcntl.O_WRONLY | Fcntl.O_CREAT, 0644));
        assertEquals(Errno.EISDIR.neg(), host.openat(t, Fcntl.AT_FDCWD, elsewhere.toString(), Fcntl.O_WRONLY, 0));
        assertTrue(host.refusals().isEmpty());
    }

    @Test
    void openat_outsideReadOnly_readsTheMachinesFile(@TempDir Path elsewhere) throws Exception {
        Files.writeString(elsewhere.resolve("r"), "outside");
        long fd = host.openat(t, Fcntl.AT_FDCWD, elsewhere.resolve("r").toString(), Fcntl.O_RDONLY, 0);
        UserBuffer buf = UserBuffer.allocate(100);
        assertEquals(7, host.read(t, (int) fd, buf, 100));
        assertArrayEquals("outside".getBytes(StandardCharsets.US_ASCII), buf.read(0, 7));
    }

    @Test
    void dup2_ontoAFreeNumber_mapsThatNumber_andCloseUnmapsIt() {
        long fd = host.openat(t, Fcntl.AT_FDCWD, "f", Fcntl.O_RDWR | Fcntl.O_CREAT, 0644);
        assertEquals(9, host.dup2(t, (int) fd, 9));
        assertEquals(5, host.write(t, 9, bytes("abcde"), 5));
        assertEquals(5, host.lseek(t, (int) fd, 0, Fcntl.SEEK_CUR), "one open file behind both numbers");
        assertEquals(9, host.dup2(t, 9, 9));
        assertEquals(Errno.EBADF.neg(), host.dup2(t, 9, 1024), "past RLIMIT_NOFILE");
        assertEquals(Errno.EINVAL.neg(), host.dup3(t, 9, 9, 0));
        assertEquals(0, host.close(t, 9));
        assertEquals(Errno.EBADF.neg(), host.write(t, 9, bytes("x"), 1));
        assertEquals(Errno.EINVAL.neg(), host.fcntl(t, (int) fd, Fcntl.F_DUPFD, 1024));
        assertEquals(10, host.fcntl(t, (int) fd, Fcntl.F_DUPFD, 10));
    }

    @Test
    void write_toPipeWithoutReaders_isEpipeAndRaisesSigpipe_pwriteIsEspipeWithout() {
        int[] p = new int[2];
        assertEquals(0, host.pipe2(t, p, 0));
        assertEquals(0, host.close(t, p[0]));

        assertEquals(Errno.EPIPE.neg(), host.write(t, p[1], bytes("x"), 1));
        assertEquals(List.of(Signal.SIGPIPE), t.takeRaisedSignals());
        assertEquals(Errno.ESPIPE.neg(), host.pwrite64(t, p[1], bytes("x"), 1, 0));
        assertEquals(List.of(), t.takeRaisedSignals());
    }

    @Test
    void read_ofAnEmptyPipe_sleeps_andTheHooksSignalInterruptsItWithErestartsys() {
        int[] p = new int[2];
        host.pipe2(t, p, 0);
        t.setSleepHook((task, what) -> task.sendSignal(Signal.SIGALRM));

        assertEquals(Errno.ERESTARTSYS.neg(), host.read(t, p[0], UserBuffer.allocate(10), 10));
        assertEquals(List.of(Signal.SIGALRM), t.takeRaisedSignals());
        assertEquals(3, host.write(t, p[1], bytes("abc"), 3), "the machine goes on after the interrupted call");
    }

    @Test
    void read_ofAnEmptyPipe_withNoOneToWakeIt_isCutAfterTheLongestSleep() {
        int[] p = new int[2];
        host.pipe2(t, p, 0);
        t.setSleepHook(SleepHook.NONE);

        assertEquals(Errno.ERESTARTSYS.neg(), host.read(t, p[0], UserBuffer.allocate(10), 10));
        assertEquals(List.of(Signal.SIGKILL), t.takeRaisedSignals());
    }

    @Test
    void vmsplice_thenAStoreToTheBuffer_isWhatTheReaderSees() {
        int[] p = new int[2];
        host.pipe2(t, p, Fcntl.O_NONBLOCK);
        UserBuffer buf = bytes("before");
        assertEquals(6, host.vmsplice(t, p[1], List.of(Iovec.of(buf)), 0));

        buf.write(0, "AFTER!".getBytes(StandardCharsets.US_ASCII), 0, 6);
        UserBuffer in = UserBuffer.allocate(6);
        assertEquals(6, host.read(t, p[0], in, 6));
        assertArrayEquals("AFTER!".getBytes(StandardCharsets.US_ASCII), in.toByteArray(), "the pipe holds the user's page");
    }

    @Test
    void splice_withOffset_updatesTheCallersOffset() {
        long fd = host.openat(t, Fcntl.AT_FDCWD, "f", Fcntl.O_RDWR | Fcntl.O_CREAT, 0644);
        host.write(t, (int) fd, bytes("0123456789"), 10);
        int[] p = new int[2];
        host.pipe2(t, p, Fcntl.O_NONBLOCK);
        UserLong off = UserLong.of(4);

        assertEquals(3, host.splice(t, (int) fd, off, p[1], null, 3, 0));
        assertEquals(7, off.get());
        assertEquals(Errno.EFAULT.neg(), host.splice(t, (int) fd, UserLong.faulting(), p[1], null, 3, 0));
    }

    @Test
    void read_countPastTheBuffer_faultsAtTheGuardPage_insteadOfWritingOverTheJvm() {
        long fd = host.openat(t, Fcntl.AT_FDCWD, "f", Fcntl.O_RDWR | Fcntl.O_CREAT, 0644);
        host.pwrite64(t, (int) fd, UserBuffer.allocate(3 * 4096), 3 * 4096, 0);

        assertEquals(4096, host.pread64(t, (int) fd, UserBuffer.allocate(10), 3 * 4096, 0));
    }

    @Test
    void close_ofTheMachine_removesItsDirectory() throws Exception {
        long fd = host.openat(t, Fcntl.AT_FDCWD, "f", Fcntl.O_RDWR | Fcntl.O_CREAT, 0644);
        host.mkdir(t, "d", 0);
        host.openat(t, Fcntl.AT_FDCWD, "d/g", Fcntl.O_RDWR | Fcntl.O_CREAT, 0);
        Path dir = host.directory();
        assertTrue(fd >= 0 && Files.isDirectory(dir));

        host.close();

        assertFalse(Files.exists(dir));
    }

    @Test
    void release_namesTheHostKernel() {
        assertTrue(host.release().startsWith("host " + System.getProperty("os.version")));
        assertTrue(HostSyscalls.modelledRelease().matches("\\d+\\.\\d+(\\.\\d+)?"));
    }
}
