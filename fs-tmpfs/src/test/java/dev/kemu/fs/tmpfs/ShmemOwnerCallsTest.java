package dev.kemu.fs.tmpfs;

import dev.kemu.vfs.testing.OwnerCallsContract;
import dev.kemu.vfs.testing.TestMachine;

/** The owner calls on tmpfs ({@code shmem_setattr}). */
class ShmemOwnerCallsTest extends OwnerCallsContract {
    @Override
    protected TestMachine newMachine() throws Exception {
        return new Machine();
    }

    @Override
    protected String dir() {
        return "/tmp";
    }
}
