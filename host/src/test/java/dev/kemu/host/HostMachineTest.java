package dev.kemu.host;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kemu.vfs.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh host machine (a sandbox directory on this machine's kernel, sleeps bounded to half a second) and one task
 * for each test; the machine is closed and its directory removed afterwards. Only on Linux x86-64.
 */
abstract class HostMachineTest {
    HostSyscalls host;
    Task t;

    @BeforeAll
    static void onLinuxX8664() {
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                "the host backend runs only on Linux x86-64");
    }

    @BeforeEach
    void open() throws Exception {
        host = HostSyscalls.open(null, 500);
        t = host.newTask();
    }

    @AfterEach
    void close() {
        host.close();
    }
}
