package dev.kemu.pipe;

import dev.kemu.vfs.Page;
import java.util.List;

/**
 * A copy of a pipe's ring taken under its mutex ({@code include/linux/pipe_fs_i.h:struct pipe_inode_info}): the
 * free-running {@code head} and {@code tail}, {@code max_usage}, and every slot of the ring, used or not, as it
 * stood. A slot outside {@code [tail, head)} keeps what its last occupant left (ops, flags), as the kernel's ring
 * does; that is what a later {@code copy_page_to_iter_pipe} of 5.8 fails to clear.
 *
 * @param pipe the pipe's stable id ({@link Pipe#id()})
 * @param head {@code pipe->head}
 * @param tail {@code pipe->tail}
 * @param maxUsage {@code pipe->max_usage}
 * @param slots every slot of the ring, by index
 */
public record PipeRing(long pipe, int head, int tail, int maxUsage, List<Slot> slots) {
    public PipeRing {
        slots = List.copyOf(slots);
    }

    /**
     * One slot ({@code struct pipe_buffer}) as it stood.
     *
     * @param index the slot's index in the ring ({@code slot & (ring_size - 1)})
     * @param used true when the slot lies between tail and head
     * @param page the page it references (the very object, for identity), or null for a released slot
     * @param offset {@code buf->offset}
     * @param len {@code buf->len}
     * @param ops the ops table's kernel name, or null for a slot never filled
     * @param flags {@code buf->flags}
     */
    public record Slot(int index, boolean used, Page page, int offset, int len, String ops, int flags) {
    }

    /** The slots between tail and head, oldest first. */
    public List<Slot> used() {
        return slots.stream().filter(Slot::used).toList();
    }
}
