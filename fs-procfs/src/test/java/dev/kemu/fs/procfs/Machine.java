package dev.kemu.fs.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.spi.MountException;
import dev.kemu.vfs.testing.TestMachine;
import java.util.Map;

/** The test machine with procfs at {@code /proc} (with the given options). */
final class Machine extends TestMachine {
    Machine(Map<String, String> procOptions) throws MountException {
        super("proc", "/proc", procOptions, "/work");
    }

    Machine() throws MountException {
        this(Map.of());
    }

    /** procfs on a machine whose VFS follows {@code behaviour} (a kernel version's). */
    Machine(dev.kemu.vfs.VfsBehaviour behaviour) throws MountException {
        super("proc", null, "/proc", Map.of(), "/work", behaviour);
    }

    /** Opens {@code path} as task {@code t}, reads it to the end in pieces of {@code chunk}, closes it. */
    String readFileAs(Task t, String path, int chunk) {
        long fd = callAs(t, () -> sys.open(t, path, dev.kemu.vfs.Fcntl.O_RDONLY, 0));
        assertTrue(fd >= 0, () -> "open " + path + ": " + Errno.of(fd));
        StringBuilder out = new StringBuilder();
        while (true) {
            UserBuffer buf = UserBuffer.allocate(chunk);
            long n = callAs(t, () -> sys.read(t, (int) fd, buf, chunk));
            assertTrue(n >= 0, () -> "read " + path + ": " + Errno.of(n));
            if (n == 0) {
                break;
            }
            out.append(new String(buf.read(0, (int) n), java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        assertEquals(0, callAs(t, () -> sys.close(t, (int) fd)));
        return out.toString();
    }

    String readFile(String path, int chunk) {
        return readFileAs(task, path, chunk);
    }
}
