package dev.kemu.vfs;

import java.util.Objects;

/**
 * A range of a task's user memory, made of pages with identity.
 *
 * <p>The model needs user memory as pages because {@code vmsplice} puts <em>references</em> to
 * the caller's pages into a pipe: a later change to the buffer is what the reader then sees.
 * Pages are allocated on first touch, so a large buffer that is never written costs little.
 * The buffer starts at {@code offset} within its first page, like a user address that is not
 * page aligned.
 */
public final class UserBuffer {
    /** Finds the page behind page {@code i} of a buffer over a task's address range (a fault-in). */
    interface PageSource {
        Page page(int i);
    }

    private final Page[] pages;
    private final int offset;
    private final int length;
    private final PageSource source;
    private final int accessible;

    private UserBuffer(int offset, int length) {
        this(offset, length, null, length);
    }

    private UserBuffer(int offset, int length, PageSource source, int accessible) {
        this(offset, length, source, accessible, null);
    }

    private UserBuffer(int offset, int length, PageSource source, int accessible, Page[] shared) {
        if (length < 0 || offset < 0 || offset >= Page.SIZE || accessible < 0 || accessible > length) {
            throw new IllegalArgumentException("offset " + offset + ", length " + length + ", accessible " + accessible);
        }
        this.offset = offset;
        this.length = length;
        this.source = source;
        this.accessible = accessible;
        this.pages = shared != null ? shared : new Page[(int) (((long) offset + length + Page.SIZE - 1) >>> Page.SHIFT)];
    }

    /**
     * A buffer over a task's address range ({@link MmStruct#userMemory}): page {@code i} is
     * whatever {@code source} finds there; bytes from {@code accessible} on fault.
     */
    static UserBuffer mapped(int offset, int length, PageSource source, int accessible) {
        return new UserBuffer(offset, length, source, accessible);
    }

    /** True when byte {@code pos} can be touched; false where the range stops being mapped (a fault). */
    public boolean accessible(int pos) {
        return pos < accessible;
    }

    /** Bytes that can be touched from the start before the first fault. */
    public int accessibleLength() {
        return accessible;
    }

    /** Fresh zeroed user memory of {@code length} bytes, page aligned. */
    public static UserBuffer allocate(int length) {
        return new UserBuffer(0, length);
    }

    /** Fresh user memory starting {@code offset} bytes into its first page. */
    public static UserBuffer allocate(int offset, int length) {
        return new UserBuffer(offset, length);
    }

    /** User memory holding a copy of {@code bytes}. */
    public static UserBuffer of(byte[] bytes) {
        UserBuffer b = new UserBuffer(0, bytes.length);
        b.write(0, bytes, 0, bytes.length);
        return b;
    }

    /**
     * The first {@code length} bytes of this buffer: the same user memory at the same address, its pages shared (a
     * page touched through either is the other's too). A program that reads or writes through one buffer again and
     * again passes the same memory with each call's count.
     *
     * @throws IllegalArgumentException if {@code length} is negative or longer than this buffer, or this buffer is a
     *         range of a task's address space ({@link MmStruct#userMemory})
     */
    public UserBuffer prefix(int length) {
        if (length < 0 || length > this.length || source != null) {
            throw new IllegalArgumentException("prefix of " + length + " bytes of a buffer of " + this.length
                    + (source != null ? " over a task's address range" : ""));
        }
        return length == this.length ? this : new UserBuffer(offset, length, null, length, pages);
    }

    public int length() {
        return length;
    }

    /** The page holding byte {@code pos} of the buffer, allocated if untouched ({@code get_user_pages}). */
    public Page pageAt(int pos) {
        Objects.checkIndex(pos, length);
        int i = (offset + pos) >>> Page.SHIFT;
        Page p = pages[i];
        if (p == null) {
            p = source != null ? source.page(i) : Page.allocAnon();
            pages[i] = p;
        }
        return p;
    }

    /** Offset of byte {@code pos} within {@link #pageAt(int)}. */
    public int offsetInPage(int pos) {
        return (offset + pos) & (Page.SIZE - 1);
    }

    /** The user writes {@code len} bytes into its buffer at {@code pos} (a store from user space). */
    public void write(int pos, byte[] src, int srcPos, int len) {
        Objects.checkFromIndexSize(pos, len, length);
        while (len > 0) {
            int in = offsetInPage(pos);
            int n = Math.min(len, Page.SIZE - in);
            System.arraycopy(src, srcPos, pageAt(pos).data(), in, n);
            pos += n;
            srcPos += n;
            len -= n;
        }
    }

    /** The user reads {@code len} bytes of its buffer at {@code pos}. */
    public byte[] read(int pos, int len) {
        Objects.checkFromIndexSize(pos, len, length);
        byte[] out = new byte[len];
        int done = 0;
        while (done < len) {
            int in = offsetInPage(pos + done);
            int n = Math.min(len - done, Page.SIZE - in);
            Page p = source != null ? pageAt(pos + done) : pages[(offset + pos + done) >>> Page.SHIFT];
            if (p != null) {
                System.arraycopy(p.data(), in, out, done, n);
            }
            done += n;
        }
        return out;
    }

    /** The whole buffer's contents. */
    public byte[] toByteArray() {
        return read(0, length);
    }
}
