package dev.kemu.fs.tmpfs;

import dev.kemu.vfs.spi.MountException;
import dev.kemu.vfs.testing.TestMachine;
import java.util.Map;

/** The test machine with tmpfs at {@code /tmp} (with the given options); the task starts there. */
final class Machine extends TestMachine {
    Machine(Map<String, String> tmpfsOptions) throws MountException {
        super("tmpfs", "/tmp", tmpfsOptions, "/tmp");
    }

    Machine() throws MountException {
        this(Map.of());
    }
}
