package dev.kemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.replay.Replayer;
import dev.kemu.replay.TraceReport;
import dev.kemu.replay.TraceWorld;
import dev.kemu.strace.Trace;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --html} pages in a real browser: headless Chromium, driven through the DevTools protocol, with no
 * network (a dead proxy; every request the pages make is checked to be the page's own file). The test steps with
 * the keyboard, jumps with permalinks and the call list, and asserts on the DOM: how many slots and pages each
 * step draws, which slot references which page, which bytes are marked changed after the 3.10 skipped copy and the
 * 5.2 smear, and Dirty Pipe's slot holding the read-only file's page. Skipped when no Chromium is installed;
 * {@code .ci/run} installs one.
 */
class HtmlBrowserTest {
    private static final String SEED = "../traces/derived/seed_cfr_same_page-6.18.strace";
    private static final String DIRTY_PIPE = "../traces/derived/dirtypipe-5.8.strace";
    // line numbers in the traces: the copy_file_range of the seed, Dirty Pipe's splice, write and pread
    private static final int SEED_COPY = 10;
    private static final int DP_SPLICE = 44;
    private static final int DP_WRITE = 45;
    private static final int DP_PREAD = 46;

    @TempDir
    static Path dir;
    private static DevTools browser;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> chromium = DevTools.findBrowser();
        Assumptions.assumeTrue(chromium.isPresent(), "no Chromium on the PATH (Debian: apt-get install chromium)");
        assertEquals(0, Main.run(new String[] {"trace", "--kernel", "3.10+cfr", "--html", dir.resolve("seed.html").toString(), SEED},
                new java.io.PrintWriter(java.io.Writer.nullWriter()), new java.io.PrintWriter(System.err, true)));
        assertEquals(0, Main.run(new String[] {"compare", "--kernels", "3.10+cfr,5.2,6.18", "--html", dir.resolve("cmp.html").toString(), SEED},
                new java.io.PrintWriter(java.io.Writer.nullWriter()), new java.io.PrintWriter(System.err, true)));
        assertEquals(0, Main.run(new String[] {"trace", "--kernel", "5.8", "--html", dir.resolve("dirtypipe.html").toString(), DIRTY_PIPE},
                new java.io.PrintWriter(java.io.Writer.nullWriter()), new java.io.PrintWriter(System.err, true)));
        Files.writeString(dir.resolve("misdrawn.html"), render("5.8", DIRTY_PIPE, new HtmlPage(true)));
        browser = new DevTools(chromium.get());
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    /** The page {@code renderer} makes for {@code trace} on {@code version}, as {@code kemu trace --html} does. */
    static String render(String version, String trace, HtmlPage renderer) {
        LogArg log = LogArg.one(List.of(trace));
        Trace t = TraceFiles.load(log);
        Machines machines = new Machines(Kernels.discover());
        Kernel k = machines.boot(machines.resolve(version, null), new RootOptions(), TraceWorld.of(t));
        CallViews views = new CallViews();
        TraceReport r = new Replayer(k, Replayer.Mode.WHOLE_TRACE).traced().onEachCall(views).replay(t, log.name());
        k.shutdown();
        return renderer.render(log.name(), "", List.of(HtmlOutput.run(r, views)));
    }

    private static String url(String page, String hash) {
        return dir.resolve(page).toUri() + (hash == null ? "" : "#" + hash);
    }

    private static String visible() throws Exception {
        return browser.evalString("[...document.querySelectorAll('section.step')].filter(s => !s.hidden).map(s => s.id).join(' ')");
    }

    @Test
    void seedOn310cfr_arrowKeysStepAndTheSkippedCopyLeavesThePageUnmarked() throws Exception {
        browser.open(url("seed.html", null));
        assertEquals("call-6", visible());
        for (int i = 0; i < 4; i++) {
            browser.press("ArrowRight", 39);
        }
        assertEquals("call-" + SEED_COPY, visible());
        assertEquals("#call-" + SEED_COPY, browser.evalString("location.hash"));
        String step = "document.getElementById('call-" + SEED_COPY + "')";
        // the task's private pipe: a ring of 16 slots, all free again after the copy; one page, the file's
        assertEquals(16, browser.evalInt(step + ".querySelectorAll('g.pipe g.slot').length"));
        assertEquals(0, browser.evalInt(step + ".querySelectorAll('g.slot.used').length"));
        assertEquals("f:0", browser.evalString("[..." + step + ".querySelectorAll('svg g.page')].map(g => g.dataset.file + ':' + g.dataset.index).join(' ')"));
        assertEquals("200", browser.evalString(step + ".querySelector('.result').dataset.result"));
        // pipe_to_file skipped the copy: 200 bytes reported, not one changed
        assertEquals("", browser.evalString(step + ".querySelector('svg g.page').dataset.changed"));
        assertEquals(0, browser.evalInt(step + ".querySelectorAll('mark.c').length"));
        // during the call slot 0 of the private pipe held that very page (dashed: released before the call returned)
        String page = browser.evalString(step + ".querySelector('svg g.page[data-file=\"f\"]').dataset.page");
        assertEquals("pipe#1:0>" + page, browser.evalString("[..." + step + ".querySelectorAll('path.ref')].map(r => r.dataset.slot + '>' + r.dataset.page).join(' ')"));
        assertTrue(browser.evalString(step + ".querySelector('path.ref').getAttribute('class')").contains("during"));
        browser.press("ArrowLeft", 37);
        assertEquals("call-9", visible());
        browser.press("End", 35);
        assertEquals("call-12", visible());
        assertEquals(List.of(), browser.errors());
    }

    @Test
    void compare_permalinkShowsTheKernelsSideBySideWithTheSmearAndTheDifferingResultMarked() throws Exception {
        browser.open(url("cmp.html", "call-" + SEED_COPY));
        assertEquals("call-" + SEED_COPY, visible());
        String k = "document.querySelector('#call-" + SEED_COPY + " .kernel[data-kernel=\"%s\"]')";
        assertEquals(3, browser.evalInt("document.querySelectorAll('#call-" + SEED_COPY + " .kernel').length"));
        // 5.2: the forward copy inside page 0 smears bytes 100..299, every one of them changed
        String k52 = String.format(k, "5.2");
        assertEquals("100-299", browser.evalString(k52 + ".querySelector('svg g.page[data-file=\"f\"]').dataset.changed"));
        assertEquals("100-299", browser.evalString(k52 + ".querySelector('li.file .after .bytes').dataset.changed"));
        assertEquals(200, browser.evalInt("[..." + k52 + ".querySelectorAll('li.file .after .hex mark.c')].map(m => m.textContent.split(' ').length).reduce((a, b) => a + b, 0)"));
        assertEquals("100-299", browser.evalString(k52 + ".querySelector('li.file .after .bytes').dataset.differs"));
        // 3.10+cfr: the skipped copy; 6.18: EINVAL, marked as differing from the first kernel
        String k310 = String.format(k, "3.10+cfr");
        assertEquals("", browser.evalString(k310 + ".querySelector('svg g.page[data-file=\"f\"]').dataset.changed"));
        String k618 = String.format(k, "6.18");
        assertTrue(browser.evalString(k618 + ".querySelector('.result').dataset.result").contains("EINVAL"));
        assertEquals(1, browser.evalInt(k618 + ".querySelectorAll('.result.differs').length"));
        assertEquals(0, browser.evalInt(k52 + ".querySelectorAll('.result.differs').length"));
        // a jump with the call list
        browser.eval("(() => { const s = document.getElementById('jump'); s.value = 'call-12'; s.dispatchEvent(new Event('change')); })()");
        assertEquals("call-12", visible());
        assertEquals(List.of(), browser.errors());
    }

    @Test
    void dirtyPipe_theSplicedSlotHoldsTheReadOnlyFilesPageAndTheWriteLandsInIt() throws Exception {
        assertDirtyPipe("dirtypipe.html");
    }

    @Test
    void dirtyPipe_aRendererThatDrawsTheSlotPointingAtAnotherPage_isCaught() {
        AssertionError e = assertThrows(AssertionError.class, () -> assertDirtyPipe("misdrawn.html"));
        assertTrue(e.getMessage().startsWith("the page slot 0 of pipe#1 references"), e.getMessage());
    }

    private static void assertDirtyPipe(String page) throws Exception {
        browser.open(url(page, "call-" + DP_SPLICE));
        String step = "document.getElementById('call-" + DP_SPLICE + "')";
        assertEquals(16, browser.evalInt(step + ".querySelectorAll('g.pipe[data-pipe=\"pipe#1\"] g.slot').length"));
        assertEquals("0", browser.evalString("[..." + step + ".querySelectorAll('g.slot.used')].map(g => g.dataset.slot).join(' ')"));
        String used = step + ".querySelector('g.slot.used')";
        String target = browser.evalString(used + ".dataset.page");
        // the slot references the page cache page of the read-only file, and carries the stale CAN_MERGE
        assertEquals("victim:0", browser.evalString("(p => p && p.dataset.file + ':' + p.dataset.index)(" + step
                + ".querySelector('svg g.page[data-page=\"" + target + "\"]'))"), "the page slot 0 of pipe#1 references");
        assertTrue(browser.evalString(used + ".dataset.flags").contains("CAN_MERGE"));
        assertEquals("pipe#1:0>" + target, browser.evalString("[..." + step + ".querySelectorAll('path.ref')].map(r => r.dataset.slot + '>' + r.dataset.page).join(' ')"));
        assertEquals(1, browser.evalInt(step + ".querySelectorAll('svg g.page').length"));
        browser.press("ArrowRight", 39);
        assertEquals("call-" + DP_WRITE, visible());
        step = "document.getElementById('call-" + DP_WRITE + "')";
        // the 16-byte pipe write went into the file's page at offset 10
        assertEquals("10-25", browser.evalString(step + ".querySelector('svg g.page[data-file=\"victim\"]').dataset.changed"));
        assertEquals("10-25", browser.evalString(step + ".querySelector('li.file[data-file=\"victim\"] .after .bytes').dataset.changed"));
        assertEquals("AAAAAAAABBBBBBBB", browser.evalString("[..." + step + ".querySelectorAll('li.file[data-file=\"victim\"] .after .asc mark.c')].map(m => m.textContent).join('')"));
        browser.press("ArrowRight", 39);
        assertEquals("call-" + DP_PREAD, visible());
        assertEquals(List.of(), browser.errors());
    }

    @Test
    void screenshot_ofTheSameCopyOnThreeKernels_hasThePicturesStructure() throws Exception {
        browser.open(url("cmp.html", "call-" + SEED_COPY));
        BufferedImage png = ImageIO.read(new java.io.ByteArrayInputStream(browser.screenshot()));
        assertEquals(1400, png.getWidth());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < png.getHeight(); y += 7) {
            for (int x = 0; x < png.getWidth(); x += 7) {
                colours.add(png.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 8, "a drawn page, not a blank one: " + colours.size() + " colours");
        // the structure: per kernel one SVG; 3.10+cfr and 5.2 draw the private pipe's 16 slots, the file's page and
        // the slot that held it during the call; 6.18 refuses before any pipe exists and draws the page only
        String outline = browser.evalString("[...document.querySelectorAll('#call-" + SEED_COPY + " svg.machine')].map(svg => "
                + "[...svg.children].map(c => c.tagName + (c.classList.length ? '.' + [...c.classList].join('.') : '')"
                + " + (c.classList.contains('pipe') ? '[' + c.querySelectorAll('g.slot').length + ' slots]' : '')).join(',')).join(' | ')");
        assertEquals("title,defs,g.pipe[16 slots],g.page.file,path.ref.during | title,defs,g.pipe[16 slots],g.page.file,path.ref.during"
                + " | title,defs,g.page.file", outline);
    }

    @Test
    void pages_fetchNothingButThemselves() throws Exception {
        for (String page : List.of("seed.html", "cmp.html", "dirtypipe.html")) {
            browser.open(url(page, null));
        }
        for (String u : browser.requests()) {
            assertTrue(u.startsWith("file:") || u.equals("about:blank"), "the page asked for " + u);
        }
        assertEquals(List.of(), browser.errors());
    }

    /**
     * Not a check: with {@code -Dkemu.picture=FILE}, writes the README's picture (the 3.10+cfr same-page copy at its
     * copy_file_range) as the browser shows it.
     */
    @Test
    void readmePicture() throws Exception {
        String out = System.getProperty("kemu.picture");
        Assumptions.assumeTrue(out != null, "set -Dkemu.picture=FILE to write the README's picture");
        Path page = dir.resolve("readme.html");
        assertEquals(0, Main.run(new String[] {"trace", "--kernel", "3.10+cfr", "--html", page.toString(),
                "../traces/derived/seed_cfr_same_page-3.10+cfr.strace"},
                new java.io.PrintWriter(java.io.Writer.nullWriter()), new java.io.PrintWriter(System.err, true)));
        browser.open(url("readme.html", "call-" + SEED_COPY));
        Files.write(Path.of(out), browser.screenshot());
    }
}
