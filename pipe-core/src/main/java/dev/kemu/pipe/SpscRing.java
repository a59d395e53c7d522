package dev.kemu.pipe;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The lock-free side of a {@link PipeRingKind#LOCKFREE} pipe: the mode word that opens and shuts
 * the path without the mutex, the producer's and the consumer's presence flags with their cached
 * copies of the opposite index, and the claim on the newest slot. No kernel struct: Linux takes
 * {@code pipe->mutex} for every call. The vocabulary is JCTools' {@code SpscArrayQueue}: one
 * producer (the writing task), one consumer (the reading task), each on its own cache line (the
 * {@code SpscRingPad*} classes keep them apart, as JCTools pads by inheritance), each caching the
 * other's index and reading it afresh only when the cache says full or empty.
 *
 * <p>The ring's indices stay {@link Pipe#head} and {@link Pipe#tail}; on this path the producer
 * publishes {@code head} with a release store after filling the slots, and the consumer publishes
 * {@code tail} with a release store after emptying them; each reads the other's index with an
 * acquire load. The ordering argument is in the package notes.
 */
final class SpscRing extends SpscRingPad3 {
    /** {@link #gate}'s bit set once the pipe has been polled: from then on every call takes the mutex. */
    static final int POLLED = 1 << 30;

    private static final VarHandle GATE;
    private static final VarHandle PRODUCER;
    private static final VarHandle CONSUMER;
    private static final VarHandle CLAIM;
    static final VarHandle HEAD;
    static final VarHandle TAIL;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            GATE = l.findVarHandle(SpscRingCold.class, "gate", int.class);
            PRODUCER = l.findVarHandle(SpscRingProducer.class, "producerActive", int.class);
            CONSUMER = l.findVarHandle(SpscRingConsumer.class, "consumerActive", int.class);
            CLAIM = l.findVarHandle(SpscRingClaim.class, "newestClaim", int.class);
            HEAD = l.findVarHandle(Pipe.class, "head", int.class);
            TAIL = l.findVarHandle(Pipe.class, "tail", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Enters the path as the producer: false when the mutex side holds the gate or another writer
     * is on the path (that call then takes the mutex). The CAS is a volatile write, and the gate
     * is read after it with a volatile read; {@link #closeGate()} writes the gate and then reads
     * this flag, both volatile: of two such pairs one always sees the other (Dekker).
     */
    boolean enterProducer() {
        if ((int) GATE.getVolatile(this) != 0 || !PRODUCER.compareAndSet(this, 0, 1)) {
            return false;
        }
        if ((int) GATE.getVolatile(this) != 0) {
            PRODUCER.setRelease(this, 0);
            return false;
        }
        return true;
    }

    /** Leaves the path: a release store, so that a mutex holder draining the path sees every write made on it. */
    void exitProducer() {
        PRODUCER.setRelease(this, 0);
    }

    /** {@link #enterProducer()} for the reading task. */
    boolean enterConsumer() {
        if ((int) GATE.getVolatile(this) != 0 || !CONSUMER.compareAndSet(this, 0, 1)) {
            return false;
        }
        if ((int) GATE.getVolatile(this) != 0) {
            CONSUMER.setRelease(this, 0);
            return false;
        }
        return true;
    }

    void exitConsumer() {
        CONSUMER.setRelease(this, 0);
    }

    /** True when a mutex holder wants the path shut (a spinning producer or consumer gives up). */
    boolean gateClosing() {
        return (int) GATE.getVolatile(this) != 0;
    }

    /**
     * Shuts the path for a mutex holder (called with the mutex just taken): raises the gate, then
     * waits for a producer or consumer already on the path to leave. Their stay is bounded: the
     * path never sleeps and gives up its spins when it sees the gate. From here until
     * {@link #openGate()} the holder has the ring to itself; the cached indices may be stale
     * afterwards (F_SETPIPE_SZ renumbers them), so they are marked stale.
     */
    void closeGate() {
        GATE.getAndAdd(this, 1);
        while ((int) PRODUCER.getVolatile(this) != 0 || (int) CONSUMER.getVolatile(this) != 0) {
            Thread.onSpinWait();
        }
        tailCacheValid = false;
        headCacheValid = false;
    }

    /** Lowers the gate once (a volatile write after every change the holder made to the ring). */
    void openGate() {
        GATE.getAndAdd(this, -1);
    }

    /** Shuts the path for good (the pipe is polled: poll wake-ups come only from calls that take the mutex). */
    void markPolled() {
        GATE.getAndBitwiseOr(this, POLLED);
    }

    /**
     * Takes the claim on the newest slot: a producer appending to it, or a consumer reading it,
     * holds the claim, so that an append and a read of the same slot never interleave. Held only
     * for a bounded copy.
     */
    void claimNewest() {
        while (!CLAIM.compareAndSet(this, 0, 1)) {
            Thread.onSpinWait();
        }
    }

    /** Releases the claim: a release store after the slot's fields were written. */
    void releaseNewest() {
        CLAIM.setRelease(this, 0);
    }

    /**
     * Whether {@code slots} fresh slots fit after {@code head}: against the cached tail first,
     * then against the tail loaded afresh (acquire: the consumer released those slots before
     * publishing it). Producer only.
     */
    boolean room(Pipe pipe, int head, int slots) {
        if (tailCacheValid && head + slots - cachedTail <= pipe.maxUsage) {
            return true;
        }
        cachedTail = (int) TAIL.getAcquire(pipe);
        tailCacheValid = true;
        return head + slots - cachedTail <= pipe.maxUsage;
    }

    /** The head the consumer may read up to: the cached one unless it says empty, then loaded afresh (acquire). */
    int headForConsumer(Pipe pipe, int tail) {
        if (headCacheValid && cachedHead != tail) {
            return cachedHead;
        }
        return freshHead(pipe);
    }

    /** The head loaded afresh (acquire: the slots before it were filled before it was published). Consumer only. */
    int freshHead(Pipe pipe) {
        cachedHead = (int) HEAD.getAcquire(pipe);
        headCacheValid = true;
        return cachedHead;
    }
}

/** Padding before the cold fields. */
abstract class SpscRingPad0 {
    long p00, p01, p02, p03, p04, p05, p06, p07;
}

/** The mode word, read by both sides on entry, written by mutex holders. */
abstract class SpscRingCold extends SpscRingPad0 {
    /** Mutex holders (and tasks asleep holding it) in the low bits, {@link SpscRing#POLLED}; 0 opens the path. */
    volatile int gate;
}

abstract class SpscRingPad1 extends SpscRingCold {
    long p10, p11, p12, p13, p14, p15, p16, p17;
}

/** The producer's line. */
abstract class SpscRingProducer extends SpscRingPad1 {
    /** 1 while a writing task is on the path. */
    volatile int producerActive;
    /** The producer's copy of {@code tail} (JCTools' {@code producerLimit} idea). */
    int cachedTail;
    /** False after a mutex holder had the ring (F_SETPIPE_SZ renumbers the indices): load {@code tail} afresh. */
    boolean tailCacheValid;
}

abstract class SpscRingPad2 extends SpscRingProducer {
    long p20, p21, p22, p23, p24, p25, p26, p27;
}

/** The consumer's line. */
abstract class SpscRingConsumer extends SpscRingPad2 {
    /** 1 while a reading task is on the path. */
    volatile int consumerActive;
    /** The consumer's copy of {@code head}. */
    int cachedHead;
    /** False after a mutex holder had the ring: load {@code head} afresh. */
    boolean headCacheValid;
}

abstract class SpscRingPad25 extends SpscRingConsumer {
    long p30, p31, p32, p33, p34, p35, p36, p37;
}

/** The claim on the newest slot, shared by both sides when they meet there. */
abstract class SpscRingClaim extends SpscRingPad25 {
    volatile int newestClaim;
}

abstract class SpscRingPad3 extends SpscRingClaim {
    long p40, p41, p42, p43, p44, p45, p46, p47;
}
