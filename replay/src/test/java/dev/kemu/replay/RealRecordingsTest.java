package dev.kemu.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealRecordingsTest {
    @TempDir
    Path root;

    @Test
    void release_ofFolderNames_dropsTheLocalSuffix() {
        assertEquals("6.18.44", RealRecordings.release("linux-6.18.44-fc-v1300"));
        assertEquals("5.10.89", RealRecordings.release("linux-5.10.89"));
        assertEquals("6.18", RealRecordings.release("linux-6.18"));
        assertNull(RealRecordings.release("derived"));
        assertNull(RealRecordings.release("linux-next"));
    }

    @Test
    void under_releaseFolders_listsLogsWithTheirHeaders() throws Exception {
        Files.createDirectories(root.resolve("linux-4.4.178"));
        Files.createDirectories(root.resolve("derived"));
        Files.writeString(root.resolve("linux-4.4.178/a.strace"), "# kernel: 4.4.178\n# not replayed: an address strace does not print\nclose(3) = 0\n");
        Files.writeString(root.resolve("linux-4.4.178/README.md"), "# not a log\n");
        Files.writeString(root.resolve("derived/x.strace"), "# kernel: 5.8\n");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(root.resolve("linux-4.4.178/b.strace.gz")))) {
            out.write("# kernel: 4.4.178\nclose(3) = 0\n".getBytes(StandardCharsets.UTF_8));
        }
        List<RealRecordings.Log> logs = RealRecordings.under(root);
        assertEquals(List.of("linux-4.4.178/a.strace", "linux-4.4.178/b.strace.gz"), logs.stream().map(RealRecordings.Log::name).toList());
        assertEquals("4.4.178", logs.get(1).release());
        assertEquals("an address strace does not print", logs.get(0).notReplayed());
        assertNull(logs.get(1).notReplayed());
        assertEquals("4.4.178", RealRecordings.header(logs.get(1).file(), "kernel"));
    }
}
