package dev.kemu.it.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.replay.Replayer;
import dev.kemu.replay.TraceReport;
import dev.kemu.replay.TraceWorld;
import dev.kemu.replay.Verdict;
import dev.kemu.strace.Trace;
import dev.kemu.strace.TraceParser;
import org.junit.jupiter.api.Test;

/**
 * What real logs need beyond the modelled calls: calls outside the model taken from the record and counted, the
 * recording machine's descriptors and {@code /proc} files, the recording's working directory, files that existed
 * before the program ran, ignored signals, offsets written back. Each rule is shown to catch a planted divergence.
 */
class ReplayWorldTest {
    private static final Kernels KERNELS = Kernels.discover();

    static TraceReport replay(String text) {
        Trace t = TraceParser.parse("t.strace", text);
        BootOptions opts = TraceWorld.of(t).layout(BootOptions.standard(), null, type -> KERNELS.fsTypes().get(type) != null);
        Kernel k;
        try {
            k = KERNELS.boot("6.18", opts);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        try {
            return new Replayer(k, Replayer.Mode.FIRST_DIVERGENCE).replay(t, "t.strace");
        } finally {
            k.shutdown();
        }
    }

    static void assertPass(TraceReport r) {
        assertNull(r.bug(), r::reason);
        assertEquals(Verdict.PASS, r.verdict(), () -> "line " + r.lineNo() + ": " + r.reason());
    }

    @Test
    void callsOutsideTheModel_areTakenFromTheRecordAndCounted() {
        TraceReport r = replay("""
                brk(NULL)                               = 0x55d000000000
                getpid()                                = 4242
                clock_gettime(CLOCK_MONOTONIC, {tv_sec=1, tv_nsec=2}) = 0
                close(3)                                = -1 EBADF (Bad file descriptor)
                """);
        assertPass(r);
        assertEquals(new TraceReport.Counts(4, 1, 3, 0), r.counts());
        assertEquals("4 calls, 1 compared, 3 outside the model", r.counts().describe());
    }

    @Test
    void modelledCall_stillComparedAmongOutsideOnes() {
        TraceReport r = replay("""
                getpid()                                = 4242
                close(3)                                = 0
                """);
        assertEquals(Verdict.FAIL, r.verdict());
        assertEquals(2, r.lineNo());
    }

    @Test
    void callNotModelledYet_isUnsupportedWithTheReason() {
        TraceReport r = replay("""
                getpid()                                = 4242
                socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3
                """);
        assertEquals(Verdict.UNSUPPORTED, r.verdict());
        assertEquals(2, r.lineNo());
        assertTrue(r.reason().contains("socket"), r.reason());
    }

    @Test
    void recordingMachinesDescriptors_ioOnThemIsOutside_dupAndCloseAreModelled() {
        TraceReport r = replay("""
                # stdio: inherited
                fstat(1, {st_mode=S_IFIFO|0600, st_size=0, ...}) = 0
                ioctl(1, TCGETS, 0x7ffd00000000)        = -1 ENOTTY (Inappropriate ioctl for device)
                write(1, "abc", 3)                      = 3
                dup2(1, 5)                              = 5
                lseek(5, 0, SEEK_CUR)                   = -1 ESPIPE (Illegal seek)
                close(5)                                = 0
                openat(AT_FDCWD, "/tmp/f", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 3
                lseek(3, 0, SEEK_CUR)                   = 0
                """);
        assertPass(r);
        assertEquals(new TraceReport.Counts(8, 4, 4, 0), r.counts());
    }

    @Test
    void descriptorReopenedByTheTrace_isTheModels() {
        TraceReport r = replay("""
                # stdio: inherited
                close(1)                                = 0
                openat(AT_FDCWD, "/tmp/f", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 1
                lseek(1, 0, SEEK_CUR)                   = -1 ESPIPE (Illegal seek)
                """);
        assertEquals(Verdict.FAIL, r.verdict(), "lseek on a regular file opened by the trace is compared");
        assertEquals(4, r.lineNo());
    }

    @Test
    void scenarioWithoutExecve_usesTheModelsDevNullOnItsFirstDescriptors() {
        TraceReport r = replay("""
                fstat(1, {st_mode=S_IFIFO|0600, st_size=0, ...}) = 0
                """);
        assertEquals(Verdict.FAIL, r.verdict(), "descriptor 1 is the model's /dev/null: a character device");
        assertPass(replay("""
                execve("/usr/bin/prog", ["prog"], 0x7ffd00000000 /* 3 vars */) = 0
                fstat(1, {st_mode=S_IFIFO|0600, st_size=0, ...}) = 0
                """));
    }

    @Test
    void procFileOfTheRecordingMachine_isTakenFromTheRecord_itsDescriptorHeld() {
        TraceReport r = replay("""
                openat(AT_FDCWD, "/proc/filesystems", O_RDONLY|O_CLOEXEC) = 3
                newfstatat(3, "", {st_mode=S_IFREG|0444, st_size=0, ...}, AT_EMPTY_PATH) = 0
                read(3, "nodev\\tsysfs\\nnodev\\ttmpfs\\n", 1024) = 24
                read(3, "", 1024)                       = 0
                openat(AT_FDCWD, "/tmp/f", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 4
                close(3)                                = 0
                close(4)                                = 0
                """);
        assertPass(r);
        assertEquals(new TraceReport.Counts(7, 3, 4, 0), r.counts());
    }

    @Test
    void procFileOfTheRecordingMachine_descriptorNumberIsStillChecked() {
        TraceReport r = replay("""
                openat(AT_FDCWD, "/proc/filesystems", O_RDONLY|O_CLOEXEC) = 4
                """);
        assertEquals(Verdict.FAIL, r.verdict());
        assertTrue(r.reason().contains("descriptor"), r.reason());
    }

    @Test
    void sysPathMissingInTheRecord_isMissingInTheModel() {
        assertPass(replay("""
                openat(AT_FDCWD, "/sys/fs/selinux/enforce", O_RDONLY) = -1 ENOENT (No such file or directory)
                """));
    }

    @Test
    void filesThatExistedBeforeTheProgram_areRebuiltInTheRecordedWorkingDirectory() {
        TraceReport r = replay("""
                # cwd: /home/user/work
                # fs: ext4
                openat(AT_FDCWD, "a", O_RDONLY)         = 3
                newfstatat(3, "", {st_mode=S_IFREG|0644, st_size=6, ...}, AT_EMPTY_PATH) = 0
                read(3, "hello\\n", 4096)                = 6
                read(3, "", 4096)                       = 0
                openat(AT_FDCWD, "/home/user/work/b", O_WRONLY|O_CREAT|O_EXCL, 0644) = 4
                openat(AT_FDCWD, "missing", O_RDONLY)   = -1 ENOENT (No such file or directory)
                """);
        assertPass(r);
    }

    @Test
    void fileTheTraceCreated_isNotRebuilt() {
        TraceReport r = replay("""
                # cwd: /home/user/work
                openat(AT_FDCWD, "b", O_WRONLY|O_CREAT|O_EXCL, 0644) = 3
                close(3)                                = 0
                openat(AT_FDCWD, "b", O_RDONLY)         = 3
                read(3, "x", 10)                        = 1
                """);
        assertEquals(Verdict.FAIL, r.verdict(), "b was created empty by the trace: reading a byte from it diverges");
        assertEquals(5, r.lineNo());
    }

    @Test
    void workingDirectoryOnExt4UnderTmp_isNotHiddenByTheStandardTmpfs() {
        Trace t = TraceParser.parse("t", "# cwd: /tmp/rec\n# fs: ext4\n");
        BootOptions o = TraceWorld.of(t).layout(BootOptions.standard(), null, type -> true);
        assertEquals("/tmp/rec", o.cwd());
        assertTrue(o.mounts().stream().noneMatch(m -> m.at().equals("/tmp")), o.mounts().toString());
        Trace t2 = TraceParser.parse("t", "# cwd: /tmp/rec\n# fs: tmpfs\n");
        assertTrue(TraceWorld.of(t2).layout(BootOptions.standard(), null, type -> true).mounts().stream()
                .anyMatch(m -> m.at().equals("/tmp") && m.type().equals("tmpfs")));
    }

    @Test
    void disk_isAsLargeAsTheRecordedStatfsSays() {
        Trace t = TraceParser.parse("t", "statfs(\"/\", {f_type=EXT2_SUPER_MAGIC, f_bsize=4096, f_blocks=262144, "
                + "f_bfree=100, f_bavail=90, f_files=65536, f_ffree=60000, f_fsid={val=[0x1, 0x2]}, f_namelen=255, "
                + "f_frsize=4096, f_flags=ST_VALID|ST_RELATIME}) = 0\n");
        TraceWorld w = TraceWorld.of(t);
        assertEquals(1L << 30, w.diskBytes().orElseThrow());
        assertEquals("1073741824", w.layout(BootOptions.standard(), null, type -> true).rootOptions().get("size"));
        Trace tmpfs = TraceParser.parse("t", "statfs(\"/tmp\", {f_type=TMPFS_MAGIC, f_bsize=4096, f_blocks=100, f_bfree=100, "
                + "f_bavail=100, f_files=10, f_ffree=10, f_fsid={val=[0, 0]}, f_namelen=255, f_frsize=4096, f_flags=ST_VALID}) = 0\n");
        assertTrue(TraceWorld.of(tmpfs).diskBytes().isEmpty(), "only ext4's size sizes the emulated ext4");
    }

    @Test
    void workingDirectory_fromTheFirstGetcwd() {
        Trace t = TraceParser.parse("t", "getcwd(\"/srv/data\", 4096) = 10\n");
        assertEquals("/srv/data", TraceWorld.of(t).cwd().orElseThrow());
    }

    @Test
    void signalTheProgramIgnores_isNotExpectedInTheRecord() {
        String pipeWithoutReader = """
                pipe2([3, 4], 0)                        = 0
                close(3)                                = 0
                write(4, "x", 1)                        = -1 EPIPE (Broken pipe)
                """;
        assertPass(replay("rt_sigaction(SIGPIPE, {sa_handler=SIG_IGN, sa_mask=[], sa_flags=SA_RESTORER, "
                + "sa_restorer=0x7f0000001000}, NULL, 8) = 0\n" + pipeWithoutReader));
        // Under strace an ignored signal may still be shown: ptrace keeps it for the tracer.
        assertPass(replay("rt_sigaction(SIGPIPE, {sa_handler=SIG_IGN, sa_mask=[], sa_flags=SA_RESTORER, "
                + "sa_restorer=0x7f0000001000}, NULL, 8) = 0\n" + pipeWithoutReader
                + "--- SIGPIPE {si_signo=SIGPIPE, si_code=SI_USER, si_pid=1, si_uid=0} ---\n"));
        TraceReport r = replay(pipeWithoutReader);
        assertEquals(Verdict.FAIL, r.verdict(), "without SIG_IGN the model raises SIGPIPE the record does not show");
    }

    @Test
    void signalsFromOutsideTheModel_areAcceptedWhereTheyStand() {
        assertPass(replay("""
                --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=99, si_uid=0, si_status=0, si_utime=0, si_stime=0} ---
                close(3)                                = -1 EBADF (Bad file descriptor)
                """));
        TraceReport r = replay("""
                --- SIGPIPE {si_signo=SIGPIPE, si_code=SI_USER, si_pid=99, si_uid=0} ---
                close(3)                                = -1 EBADF (Bad file descriptor)
                """);
        assertEquals(Verdict.FAIL, r.verdict(), "SIGPIPE is the model's to raise");
    }

    @Test
    void offsetWrittenBack_isCompared() {
        String head = """
                openat(AT_FDCWD, "/tmp/in", O_RDWR|O_CREAT|O_TRUNC, 0644) = 3
                pwrite64(3, "0123456789012345678901234567890123456789", 40, 0) = 40
                openat(AT_FDCWD, "/tmp/out", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 4
                """;
        assertPass(replay(head + "sendfile(4, 3, [10] => [30], 20) = 20\n"));
        TraceReport r = replay(head + "sendfile(4, 3, [10] => [31], 20) = 20\n");
        assertEquals(Verdict.FAIL, r.verdict());
        assertTrue(r.reason().contains("offset written back: expected [31], got [30]"), r.reason());
    }

    @Test
    void execveOfTheProgram_closesCloseOnExecDescriptors_andExitReleasesFiles() {
        assertPass(replay("""
                execve("/usr/bin/prog", ["prog"], 0x7ffd00000000 /* 3 vars */) = 0
                openat(AT_FDCWD, "/tmp/f", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 3
                exit_group(0)                           = ?
                +++ exited with 0 +++
                """));
        TraceReport r = replay("""
                execve("/usr/bin/missing", ["missing"], 0x7ffd00000000 /* 3 vars */) = -1 ENOENT (No such file or directory)
                """);
        assertPass(r);
    }

    @Test
    void storesThroughASharedWritableMapping_areLearntFromTheReadsThatShowThem() {
        String head = """
                openat(AT_FDCWD, "/tmp/m", O_RDWR|O_CREAT|O_TRUNC, 0644) = 3
                ftruncate(3, 8192)                      = 0
                """;
        String read = "pread64(3, \"HELLO\", 5, 4096) = 5\n";
        assertPass(replay(head + "mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_SHARED, 3, 0) = 0x7f0000000000\n" + read));
        TraceReport priv = replay(head + "mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE, 3, 0) = 0x7f0000000000\n" + read);
        assertEquals(Verdict.FAIL, priv.verdict(), "stores to a private mapping never reach the file");
        TraceReport ro = replay(head + "mmap(NULL, 8192, PROT_READ, MAP_SHARED, 3, 0) = 0x7f0000000000\n" + read);
        assertEquals(Verdict.FAIL, ro.verdict(), "a read-only mapping cannot have been stored through");
        TraceReport none = replay(head + read);
        assertEquals(Verdict.FAIL, none.verdict());
    }

    @Test
    void programThatRanAsAnOrdinaryUser_hasNoCapabilities() {
        String grow = """
                pipe2([3, 4], 0)                        = 0
                fcntl(4, F_SETPIPE_SZ, 2097152)         = -1 EPERM (Operation not permitted)
                """;
        assertPass(replay("geteuid()                               = 1000\n" + grow));
        TraceReport root = replay(grow);
        assertEquals(Verdict.FAIL, root.verdict(), "root has CAP_SYS_RESOURCE: the pipe grows past pipe-max-size");
        assertPass(replay("geteuid()                               = 0\n" + grow.replace(
                "-1 EPERM (Operation not permitted)", "2097152")));
    }

    @Test
    void pipeIntoAnUnwritableArray_isEfault_andLeavesNoDescriptor() {
        assertPass(replay("""
                pipe(NULL)                              = -1 EFAULT (Bad address)
                pipe2(0x1, O_CLOEXEC)                   = -1 EFAULT (Bad address)
                close(3)                                = -1 EBADF (Bad file descriptor)
                """));
    }

    @Test
    void directoryOfTheRecordingMachine_itsSizeIsNotCompared_oneTheTraceMadeIs() {
        assertPass(replay("""
                # cwd: /home/user/work
                newfstatat(AT_FDCWD, "/home/user/work", {st_mode=S_IFDIR|0755, st_size=12288, ...}, 0) = 0
                """));
        TraceReport made = replay("""
                # cwd: /home/user/work
                mkdir("d", 0755)                        = 0
                newfstatat(AT_FDCWD, "d", {st_mode=S_IFDIR|0755, st_size=12288, ...}, 0) = 0
                """);
        assertEquals(Verdict.FAIL, made.verdict(), "a directory the trace made is the model's: its size is compared");
    }

    @Test
    void oneFileReadThroughTwoDescriptors_keepsEveryByteEitherShowed() {
        assertPass(replay("""
                # cwd: /home/user/work
                openat(AT_FDCWD, "f", O_RDONLY)         = 3
                read(3, "0123456789abcdefghij", 4096)   = 20
                openat(AT_FDCWD, "f", O_RDONLY)         = 4
                read(4, "01234567", 8)                  = 8
                lseek(3, 0, SEEK_SET)                   = 0
                read(3, "0123456789abcdefghij", 4096)   = 20
                """));
    }

    @Test
    void whatTheProgramChanged_isNotTakenForWhatWasThereBefore() {
        assertPass(replay("""
                # cwd: /home/user/work
                newfstatat(AT_FDCWD, "d", {st_mode=S_IFDIR|0755, st_size=4096, ...}, 0) = 0
                chmod("d", 0775)                        = 0
                newfstatat(AT_FDCWD, "d", {st_mode=S_IFDIR|0775, st_size=4096, ...}, 0) = 0
                openat(AT_FDCWD, "f", O_RDONLY)         = 3
                read(3, "abc", 10)                      = 3
                close(3)                                = 0
                openat(AT_FDCWD, "f", O_WRONLY|O_APPEND) = 3
                write(3, "def", 3)                      = 3
                close(3)                                = 0
                openat(AT_FDCWD, "f", O_RDONLY)         = 3
                read(3, "abcdef", 10)                   = 6
                """));
    }

    @Test
    void statusFlagsOfTheRecordingMachinesStdout_areTakenFromTheRecord() {
        assertPass(replay("""
                execve("/usr/bin/prog", ["prog"], 0x7ffd00000000 /* 3 vars */) = 0
                fcntl(1, F_GETFL)                       = 0x8001 (flags O_WRONLY|O_LARGEFILE)
                fcntl(1, F_DUPFD_CLOEXEC, 10)           = 10
                fcntl(10, F_GETFL)                      = 0x8001 (flags O_WRONLY|O_LARGEFILE)
                fcntl(10, F_GETFD)                      = 0x1 (flags FD_CLOEXEC)
                """));
    }

    @Test
    void directoryOfTheRecordingMachine_keepsItsModeWhateverIsFoundInsideItFirst() {
        assertPass(replay("""
                execve("/opt/home/.tool/bin/prog", ["prog"], 0x7ffd00000000 /* 3 vars */) = 0
                newfstatat(AT_FDCWD, "/opt/home", {st_mode=S_IFDIR|0700, st_size=4096, ...}, 0) = 0
                newfstatat(AT_FDCWD, "/opt/home/.tool", {st_mode=S_IFDIR|0755, st_size=4096, ...}, 0) = 0
                """));
    }

    @Test
    void copyToTheRecordingMachinesStdout_readsTheModelsSide_andMovesItsPosition() {
        String head = """
                execve("/usr/bin/prog", ["prog"], 0x7ffd00000000 /* 3 vars */) = 0
                openat(AT_FDCWD, "f", O_RDWR|O_CREAT|O_TRUNC, 0644) = 3
                write(3, "abcdef", 6)                   = 6
                lseek(3, 0, SEEK_SET)                   = 0
                copy_file_range(3, NULL, 1, NULL, 9223372035781033984, 0) = 6
                """;
        assertPass(replay(head + "copy_file_range(3, NULL, 1, NULL, 9223372035781033984, 0) = 0\n"));
        TraceReport r = replay(head + "copy_file_range(3, NULL, 1, NULL, 9223372035781033984, 0) = 6\n");
        assertEquals(Verdict.FAIL, r.verdict(), "the first copy took the file's six bytes");
        assertEquals(6, r.lineNo());
    }
}
