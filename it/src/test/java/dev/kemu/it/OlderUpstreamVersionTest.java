package dev.kemu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The releases between 3.10 and 4.5 (3.11 to 4.4, with 3.16 and 4.4 long-term branches): what
 * each of them has that its neighbours do not, from the release trees' sources.
 */
class OlderUpstreamVersionTest {
    private static final Kernels KERNELS = Kernels.discover();
    private Kernel k;
    private Task t;

    private void boot(String version) throws Exception {
        k = KERNELS.boot(version, BootOptions.standard());
        t = k.newTask();
    }

    @AfterEach
    void shutdown() {
        if (k != null) {
            k.shutdown();
        }
    }

    @Test
    void listedVersions_from310To44_allPresent() {
        var listed = KERNELS.listedVersions();
        for (String v : new String[] {"3.10", "3.11", "3.15", "3.16", "3.19", "4.0", "4.4", "4.5"}) {
            assertTrue(listed.contains(v), () -> v + " missing from " + listed);
        }
    }

    /** {@code fs/fcntl.c:setfl()}: pipes are exempt from the direct_IO test from 4.5 on. */
    @ParameterizedTest
    @CsvSource({"3.10, EINVAL", "3.16, EINVAL", "4.4.302, EINVAL", "4.5, OK", "6.18, OK"})
    void setflODirect_onPipe_byVersion(String version, String want) throws Exception {
        boot(version);
        int[] p = new int[2];
        assertEquals(0, k.pipe2(t, p, 0));
        long ret = k.fcntl(t, p[1], Fcntl.F_SETFL, Fcntl.O_DIRECT);
        assertEquals(want, ret == 0 ? "OK" : Errno.of(ret).name());
    }

    /** The syscall table: a call wired in after the release answers ENOSYS before its arguments are read. */
    @ParameterizedTest
    @CsvSource({"3.14, ENOSYS, ENOSYS", "3.16, EBADF, ENOSYS", "3.17, EBADF, OK", "4.4, EBADF, OK"})
    void laterCalls_onOlderReleases_enosys(String version, String renameat2, String memfd) throws Exception {
        boot(version);
        long r = k.renameat2(t, -1, "a", -1, "b", 0);
        assertEquals(renameat2, Errno.of(r).name());
        long m = k.memfdCreate(t, "x", 0);
        assertEquals(memfd, m >= 0 ? "OK" : Errno.of(m).name());
        long c = k.copyFileRange(t, -1, null, -1, null, 1, 0);
        assertEquals("ENOSYS", Errno.of(c).name());
    }
}
