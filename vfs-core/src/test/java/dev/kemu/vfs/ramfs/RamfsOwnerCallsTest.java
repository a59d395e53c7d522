package dev.kemu.vfs.ramfs;

import dev.kemu.vfs.testing.OwnerCallsContract;
import dev.kemu.vfs.testing.TestMachine;
import java.util.Map;

/** The owner calls on ramfs ({@code simple_setattr}). */
class RamfsOwnerCallsTest extends OwnerCallsContract {
    @Override
    protected TestMachine newMachine() throws Exception {
        return TestMachine.mounted("ramfs", "/mnt", Map.of());
    }

    @Override
    protected String dir() {
        return "/mnt";
    }
}
