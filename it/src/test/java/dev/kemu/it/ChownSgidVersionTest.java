package dev.kemu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.vfs.Capability;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.Task;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * 6.2's "attr: use consistent sgid stripping checks" ({@code fs/attr.c:setattr_should_drop_sgid()}): a chown by a
 * caller outside the file's group, without CAP_FSETID, drops S_ISGID even when S_IXGRP is clear; before, only
 * together with S_IXGRP. S_ISUID goes either way.
 */
class ChownSgidVersionTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"3.10, 02644", "5.10, 02644", "6.1, 02644", "6.2, 0644", "6.18, 0644"})
    void chgrpOutsideTheFilesGroup_dropsSgidWithoutGroupExec_from62(String version, String expectedMode) throws Exception {
        Kernel k = Kernels.discover().boot(version, BootOptions.standard().withRoot("ramfs", null));
        try {
            Task root = k.newTask();
            int fd = (int) k.openat(root, Fcntl.AT_FDCWD, "f", Fcntl.O_WRONLY | Fcntl.O_CREAT, 0644);
            assertEquals(0, k.close(root, fd));
            assertEquals(0, k.chown(root, "f", 1000, 3000));
            assertEquals(0, k.chmod(root, "f", 06644));

            Task user = k.newTask();
            user.setCredentials(1000, 1000, java.util.Set.of(1000));
            for (Capability c : Capability.values()) {
                user.dropCapability(c);
            }
            assertEquals(0, k.chown(user, "f", -1, 1000));
            int mode = k.newfstatat(user, Fcntl.AT_FDCWD, "f", 0).stat().mode();
            assertEquals(Integer.parseInt(expectedMode, 8), mode & 07777, "mode after chgrp on " + version);
            assertEquals(StatMode.S_IFREG, mode & StatMode.S_IFMT);
        } finally {
            k.shutdown();
        }
    }
}
