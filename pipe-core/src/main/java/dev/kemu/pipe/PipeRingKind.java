package dev.kemu.pipe;

/**
 * How a machine's pipes guard their ring: {@link #MUTEX}, every call under the pipe mutex as
 * {@code fs/pipe.c} does; or {@link #LOCKFREE}, where {@code read()} and {@code write()} by one
 * reading and one writing task run without the mutex, with ordered publication of head and tail
 * ({@link SpscRing}), and everything else takes the mutex and shuts that path for its duration.
 * Both produce the same results call by call; the package notes carry the argument.
 */
public enum PipeRingKind {
    /** The ring under the pipe mutex for every call. */
    MUTEX("mutex"),
    /** read/write of one reader and one writer without the mutex; the rest under it. */
    LOCKFREE("lockfree");

    /** The system property that changes {@link #defaultKind()} (for running test suites on either ring). */
    public static final String PROPERTY = "kemu.pipe.ring";

    private final String optionName;

    PipeRingKind(String optionName) {
        this.optionName = optionName;
    }

    /** The name {@code --pipe-ring} takes and {@code kemu kernels} shows. */
    public String optionName() {
        return optionName;
    }

    /** The ring named {@code name} ({@code mutex} or {@code lockfree}), or null for any other name. */
    public static PipeRingKind byName(String name) {
        for (PipeRingKind k : values()) {
            if (k.optionName.equals(name)) {
                return k;
            }
        }
        return null;
    }

    /** {@link #MUTEX}, unless the system property {@value #PROPERTY} names the other ring. */
    public static PipeRingKind defaultKind() {
        PipeRingKind k = byName(System.getProperty(PROPERTY, MUTEX.optionName));
        if (k == null) {
            throw new IllegalStateException(PROPERTY + " must be mutex or lockfree, not " + System.getProperty(PROPERTY));
        }
        return k;
    }
}
