package dev.kemu.fs.ext4;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Unmounts every ext4 filesystem a test left mounted and fails the test when {@link Ext4Fsck}
 * found anything at any unmount during it ({@link MountedExt4#unmount} checks before it
 * releases the device), so every test that mounts ends with a checked filesystem.
 */
final class FsckAfterEach implements AfterEachCallback {
    @Override
    public void afterEach(ExtensionContext context) {
        for (MountedExt4 m : MountedExt4.drainLive()) {
            m.unmount();
        }
        List<String> problems = MountedExt4.drainUnmountProblems();
        assertEquals(List.of(), problems, "Ext4Fsck after " + context.getDisplayName());
    }
}
