package dev.kemu.cli;

import dev.kemu.pipe.Pipe;
import dev.kemu.pipe.PipeRing;
import dev.kemu.pipe.PipeSyscalls;
import dev.kemu.replay.CallListener;
import dev.kemu.replay.CallOutcome;
import dev.kemu.strace.TracePrinter;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.Page;
import dev.kemu.vfs.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes a {@link CallView} after every call of a replay: the pipes in the tasks' tables and their private
 * {@code splice_pipe}s, the pages their slots reference, the regular files opened and their page-cache pages.
 * Bounded: only what the scenario touches, a file's bytes up to {@link #FILE_BYTES}, a page's bytes only in the
 * region in use (up to the file's size for a page-cache page, the slots' spans for any other page). Labels
 * ({@code pipe#1}, {@code P3}) are given in the order things are first seen, so they read the same on every
 * kernel of a comparison. Runs on the replayer's thread while the machine is quiet; it takes each pipe's mutex
 * to copy its ring and reads pages without a lock, as a debugger would.
 */
final class CallViews implements CallListener {
    /** How many bytes of a file are kept per call. */
    static final int FILE_BYTES = 2 * Page.SIZE;
    /** How many page-cache pages of one file are drawn. */
    static final int FILE_PAGES = 2;

    private final List<CallView> views = new ArrayList<>();
    private final Map<Page, String> pageLabels = new IdentityHashMap<>();
    private final Map<Page, byte[]> pageBefore = new IdentityHashMap<>();
    private final Map<Pipe, String> pipeLabels = new IdentityHashMap<>();
    private final Map<Inode, String> fileNames = new LinkedHashMap<>();
    private final Map<Inode, byte[]> fileBefore = new IdentityHashMap<>();

    /** The views taken, one per call, in log order. */
    List<CallView> views() {
        return List.copyOf(views);
    }

    @Override
    public void called(CallOutcome o, List<Task> tasks) {
        Map<Pipe, List<String>> holders = new LinkedHashMap<>();
        for (Task t : tasks) {
            if (t.files() != null) {
                for (int fd : t.files().openFds()) {
                    File f = t.files().peek(fd);
                    Pipe p = PipeSyscalls.pipeInfo(f);
                    if (p != null) {
                        holders.computeIfAbsent(p, k -> new ArrayList<>()).add("fd " + fd + " of pid " + t.pid());
                    } else if (f != null && f.inode().isReg() && !fileNames.containsKey(f.inode())) {
                        fileNames.put(f.inode(), f.path().dentry().name());
                    }
                }
            }
            if (t.splicePipe() instanceof Pipe p) {
                holders.computeIfAbsent(p, k -> new ArrayList<>()).add("splice_pipe of pid " + t.pid());
            }
        }
        Map<Page, int[]> spans = new LinkedHashMap<>();
        Map<Pipe, PipeRing> rings = new LinkedHashMap<>();
        for (Pipe p : holders.keySet()) {
            PipeRing ring = p.ring();
            rings.put(p, ring);
            for (PipeRing.Slot s : ring.used()) {
                if (s.page() != null) {
                    spans.merge(s.page(), new int[] {s.offset(), s.offset() + s.len()},
                            (a, b) -> new int[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
                }
            }
        }
        List<CallView.FileView> files = new ArrayList<>();
        Map<Page, CallView.PageView> pages = new LinkedHashMap<>();
        for (Map.Entry<Inode, String> e : fileNames.entrySet()) {
            Inode inode = e.getKey();
            byte[] now = fileBytes(inode);
            byte[] was = fileBefore.put(inode, now);
            files.add(new CallView.FileView(e.getValue(), inode.size(), was == null ? null : bytes(0, was, null),
                    bytes(0, now, was)));
            int n = 0;
            for (Map.Entry<Long, Page> pe : inode.mapping().pages().entrySet()) {
                if (n++ < FILE_PAGES) {
                    int used = (int) Math.max(0, Math.min(Page.SIZE, inode.size() - pe.getKey() * Page.SIZE));
                    pages.put(pe.getValue(), page(pe.getValue(), 0, used, null));
                }
            }
        }
        for (Map.Entry<Page, int[]> e : spans.entrySet()) {
            Page pg = e.getKey();
            if (pg.mapping() != null && fileNames.containsKey(pg.mapping().host())) {
                pages.putIfAbsent(pg, page(pg, 0, Math.max(e.getValue()[1],
                        (int) Math.min(Page.SIZE, pg.mapping().host().size() - pg.index() * Page.SIZE)), null));
            } else {
                pages.put(pg, page(pg, e.getValue()[0], e.getValue()[1], opsOf(rings, pg)));
            }
        }
        for (Page pg : pages.keySet()) {
            pageBefore.put(pg, pg.data().clone());
        }
        List<CallView.PipeView> pipes = new ArrayList<>();
        for (Map.Entry<Pipe, PipeRing> e : rings.entrySet()) {
            PipeRing r = e.getValue();
            List<CallView.SlotView> slots = new ArrayList<>();
            for (PipeRing.Slot s : r.slots()) {
                slots.add(new CallView.SlotView(s.index(), s.used(), s.used() && s.page() != null ? label(s.page()) : null,
                        s.offset(), s.len(), s.ops(), s.flags()));
            }
            String name = pipeLabels.computeIfAbsent(e.getKey(), k -> "pipe#" + (pipeLabels.size() + 1));
            pipes.add(new CallView.PipeView(name, String.join(", ", holders.get(e.getKey())), r.head(), r.tail(),
                    r.maxUsage(), slots));
        }
        views.add(new CallView(o.lineNo(), o.recorded().pid(),
                TracePrinter.format(Quote.apply(o.actual(), dev.kemu.strace.Quoting.DEFAULT)),
                TracePrinter.formatResult(o.actual().result()), o.difference(), o.graph(), pipes,
                new ArrayList<>(pages.values()), files, held(o, pipes, pages.values())));
    }

    /**
     * What the private pipe's slots held during a sendfile or copy_file_range, from the graph's notes
     * ({@code pipe#1 slot 0 <- page#1 (file f, index 0) +0 len 200, ...}): by the call's end the slots are released,
     * so the picture after it cannot show them. Only when the view has one private pipe, and only for file pages
     * the view shows (the notes name anonymous pages by trace labels the view does not share).
     */
    static List<CallView.Held> held(CallOutcome o, List<CallView.PipeView> pipes, java.util.Collection<CallView.PageView> pages) {
        String name = o.recorded().name();
        if (!name.equals("sendfile") && !name.equals("sendfile64") && !name.equals("copy_file_range")) {
            return List.of();
        }
        List<CallView.PipeView> privatePipes = pipes.stream().filter(p -> p.where().contains("splice_pipe")).toList();
        if (privatePipes.size() != 1) {
            return List.of();
        }
        List<CallView.Held> out = new ArrayList<>();
        java.util.regex.Matcher m = SLOT_FILL.matcher("");
        for (String g : o.graph()) {
            if (!m.reset(g).find()) {
                continue;
            }
            for (CallView.PageView pg : pages) {
                if (m.group(2).equals(pg.file()) && Long.parseLong(m.group(3)) == pg.index()) {
                    out.add(new CallView.Held(privatePipes.get(0).name(), Integer.parseInt(m.group(1)), pg.label(),
                            Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5))));
                }
            }
        }
        return out;
    }

    /** A slot-fill note of the function graph: slot, file, index, offset, length. */
    private static final java.util.regex.Pattern SLOT_FILL = java.util.regex.Pattern.compile(
            "/\\* pipe#\\d+ slot (\\d+) <- page#\\d+ \\(file (.+?), index (\\d+)\\) \\+(\\d+) len (\\d+),");

    private String label(Page p) {
        return pageLabels.computeIfAbsent(p, k -> "P" + (pageLabels.size() + 1));
    }

    /** The ops table of the slot that references {@code pg}, to tell a vmsplice'd user page from a pipe's own. */
    private static String opsOf(Map<Pipe, PipeRing> rings, Page pg) {
        for (PipeRing r : rings.values()) {
            for (PipeRing.Slot s : r.used()) {
                if (s.page() == pg) {
                    return s.ops();
                }
            }
        }
        return null;
    }

    private CallView.PageView page(Page pg, int from, int to, String ops) {
        String label = label(pg);
        byte[] was = pageBefore.get(pg);
        to = Math.max(from, to);
        byte[] now = Arrays.copyOfRange(pg.data(), from, to);
        byte[] before = was == null ? null : Arrays.copyOfRange(was, from, to);
        if (pg.mapping() != null) {
            String file = fileNames.getOrDefault(pg.mapping().host(), "inode " + pg.mapping().host().ino());
            return new CallView.PageView(label, "file " + file + ", index " + pg.index(), file, pg.index(),
                    bytes(from, now, before));
        }
        String identity = "user_page_pipe_buf_ops".equals(ops) ? "user page (vmsplice)" : "anonymous";
        return new CallView.PageView(label, identity, null, 0, bytes(from, now, before));
    }

    /** The file's first {@link #FILE_BYTES} bytes from its page cache (zeros where no page is cached). */
    private static byte[] fileBytes(Inode inode) {
        byte[] out = new byte[(int) Math.max(0, Math.min(FILE_BYTES, inode.size()))];
        for (Map.Entry<Long, Page> e : inode.mapping().pages().entrySet()) {
            long at = e.getKey() * Page.SIZE;
            if (at >= out.length) {
                break;
            }
            System.arraycopy(e.getValue().data(), 0, out, (int) at, (int) Math.min(Page.SIZE, out.length - at));
        }
        return out;
    }

    /** {@code now} at {@code from}, each byte marked changed where it differs from {@code before} (none when null). */
    static CallView.Bytes bytes(int from, byte[] now, byte[] before) {
        boolean[] changed = new boolean[now.length];
        if (before != null) {
            for (int i = 0; i < now.length; i++) {
                changed[i] = i >= before.length || before[i] != now[i];
            }
        }
        return new CallView.Bytes(from, now, changed);
    }
}
