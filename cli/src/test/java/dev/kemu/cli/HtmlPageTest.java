package dev.kemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The {@code --html} page as text: its size, that it refers to nothing outside itself, the byte strips, the notes. */
class HtmlPageTest {
    /** Every seed scenario of traces/derived on the kernel its header names, and Dirty Pipe on 5.8. */
    @Test
    void render_seedScenariosAndDirtyPipe_underOneMegabyteAndSelfContained() throws Exception {
        List<Path> traces;
        try (var s = Files.list(Path.of("../traces/derived"))) {
            traces = s.filter(p -> p.getFileName().toString().matches("(seed_.*|dirtypipe)-.*\\.strace")).sorted().toList();
        }
        assertEquals(9, traces.size(), traces.toString());
        Pattern external = Pattern.compile("(?i)\\b(src|href)\\s*=|url\\(\\s*['\"]?(https?:|//)|@import|<link\\b|fetch\\(|XMLHttpRequest");
        for (Path t : traces) {
            String name = t.getFileName().toString();
            String version = Files.readAllLines(t).get(0).replace("# kernel:", "").trim();
            String page = HtmlBrowserTest.render(version, t.toString(), new HtmlPage());
            int bytes = page.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            assertTrue(bytes < 1_000_000, name + ": " + bytes + " bytes");
            Matcher m = external.matcher(page);
            assertFalse(m.find(), () -> name + " refers outside itself: " + page.substring(Math.max(0, m.start() - 40), m.end() + 40));
            // one step per call of the trace
            long calls;
            try (var lines = Files.lines(t)) {
                calls = lines.filter(l -> !l.startsWith("#") && !l.isBlank()).count();
            }
            assertEquals(calls, Pattern.compile("<section class=\"step\"").matcher(page).results().count(), name);
        }
    }

    @Test
    void hexStrip_longRunWithAChangedStretch_showsTheLeadAndAWindowAroundTheChange() {
        byte[] now = new byte[4096];
        byte[] before = new byte[4096];
        for (int i = 0; i < 4; i++) {
            now[1000 + i] = 0x41;
        }
        String html = HexStrip.html(CallViews.bytes(0, now, before), null);
        assertTrue(html.contains("data-changed=\"1000-1003\""), html);
        assertTrue(html.contains("<mark class=\"c\">41 41 41 41</mark>"), html);
        assertTrue(html.contains("<mark class=\"c\">AAAA</mark>"), html);
        // the first 32 bytes, then 8 bytes either side of the change; the rest is told as gaps
        assertTrue(html.contains("… 960 bytes not shown (32–991) …"), html);
        assertTrue(html.contains("… 3084 bytes not shown (1012–4095) …"), html);
    }

    @Test
    void hexStrip_noBefore_marksNothingChanged() {
        String html = HexStrip.html(CallViews.bytes(100, "ab<".getBytes(java.nio.charset.StandardCharsets.US_ASCII), null), null);
        assertEquals("<div class=\"bytes\" data-from=\"100\" data-count=\"3\" data-changed=\"\"><div class=\"row\">"
                + "<span class=\"off\">0064</span> <span class=\"hex\">61 62 3c</span> <span class=\"asc\">ab&lt;</span></div></div>", html);
    }

    @Test
    void inside_graphNotes_keepsSlotsPagesAndCopiesWithoutLocksOrReturnValues() {
        List<String> graph = List.of("SyS_copy_file_range() {", "  /* mutex_lock(pipe#1) */",
                "  /* pipe#1 slot 0 <- page#1 (file f, index 0) +0 len 200, page_cache_pipe_buf_ops, flags 0 */",
                "  pagecache_write_begin(); /* = 0 */", "  /* memcpy skipped: buf->page == page */", "} /* = 200 */");
        assertEquals(List.of("pipe#1 slot 0 <- page#1 (file f, index 0) +0 len 200, page_cache_pipe_buf_ops, flags 0",
                "memcpy skipped: buf->page == page"), HtmlPage.inside(graph));
    }
}
