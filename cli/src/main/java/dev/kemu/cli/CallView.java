package dev.kemu.cli;

import java.util.List;

/**
 * The model's state as it stood after one call, bounded to what the scenario touches: the pipes open in the
 * tasks' tables (and each task's private {@code splice_pipe}), the pages their slots reference, the page-cache
 * pages and bytes of the regular files the scenario opened. What {@code --html} draws for one step.
 *
 * @param line the call's trace line
 * @param pid the recorded pid (0 in a log without pids)
 * @param call the call as the emulated kernel answered it, strace-printed
 * @param result the return value as strace prints it ({@code -1 EINVAL (Invalid argument)})
 * @param difference how the result differs from the record, or null
 * @param graph the function graph of the call (empty unless traced)
 * @param pipes the pipes, in the order first seen
 * @param pages the pages, in the order first seen
 * @param files the regular files, in the order first seen
 * @param during what a private pipe's slots held during the call (released by its end), from the graph's notes
 */
record CallView(int line, int pid, String call, String result, String difference, List<String> graph,
        List<PipeView> pipes, List<PageView> pages, List<FileView> files, List<Held> during) {
    CallView {
        graph = List.copyOf(graph);
        pipes = List.copyOf(pipes);
        pages = List.copyOf(pages);
        files = List.copyOf(files);
        during = List.copyOf(during);
    }

    /**
     * A slot that referenced a page during the call and was released before it returned (sendfile's and
     * copy_file_range's private pipe).
     *
     * @param pipe the pipe's label
     * @param slot the slot's index
     * @param page the page's label
     * @param offset the offset the slot was filled with
     * @param len the length it was filled with
     */
    record Held(String pipe, int slot, String page, int offset, int len) {
    }

    /**
     * A pipe's ring ({@code struct pipe_inode_info}).
     *
     * @param name a label stable across calls ({@code pipe#1})
     * @param where who holds it ({@code fds 4,5 of pid 100}, {@code splice_pipe of pid 100})
     * @param head {@code head}
     * @param tail {@code tail}
     * @param maxUsage {@code max_usage}
     * @param slots every slot of the ring
     */
    record PipeView(String name, String where, int head, int tail, int maxUsage, List<SlotView> slots) {
        PipeView {
            slots = List.copyOf(slots);
        }
    }

    /**
     * One {@code struct pipe_buffer}.
     *
     * @param index its index in the ring
     * @param used between tail and head
     * @param page the label of the page it references ({@code P3}), or null
     * @param offset {@code offset}
     * @param len {@code len}
     * @param ops the ops table's name, or null
     * @param flags {@code flags}
     */
    record SlotView(int index, boolean used, String page, int offset, int len, String ops, int flags) {
    }

    /**
     * A page with identity and the bytes of the region in use.
     *
     * @param label a label stable across calls ({@code P3})
     * @param identity what the page is: {@code file f, index 0}, {@code anonymous}, {@code user page (vmsplice)}
     * @param file the file's name for a page-cache page, else null
     * @param index the page's index in its file (0 otherwise)
     * @param bytes the bytes shown, with what changed
     */
    record PageView(String label, String identity, String file, long index, Bytes bytes) {
    }

    /**
     * A regular file the scenario opened.
     *
     * @param name its name
     * @param size {@code i_size}
     * @param before its bytes before the call (null when first seen at this call)
     * @param after its bytes after the call, with what changed
     */
    record FileView(String name, long size, Bytes before, Bytes after) {
    }

    /**
     * A run of bytes at an offset (in a page or a file) and which of them changed during the call.
     *
     * @param from the offset of the first byte
     * @param data the bytes
     * @param changed true per byte that differs from before the call
     */
    record Bytes(int from, byte[] data, boolean[] changed) {
        Bytes {
            data = data.clone();
            changed = changed.clone();
            if (changed.length != data.length) {
                throw new IllegalArgumentException("one changed flag per byte");
            }
        }

        /** The changed offsets as ranges {@code 100-103,105-299}, empty when none. */
        String changedRanges() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < data.length; i++) {
                if (changed[i] && (i == 0 || !changed[i - 1])) {
                    int j = i;
                    while (j + 1 < data.length && changed[j + 1]) {
                        j++;
                    }
                    sb.append(sb.length() == 0 ? "" : ",").append(from + i).append('-').append(from + j);
                }
            }
            return sb.toString();
        }

        int changedCount() {
            int n = 0;
            for (boolean c : changed) {
                n += c ? 1 : 0;
            }
            return n;
        }

        byte[] bytes() {
            return data.clone();
        }
    }
}
