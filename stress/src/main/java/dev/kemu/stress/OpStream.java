package dev.kemu.stress;

/**
 * The operations one task performs: a pure function of the run's seed, the task's index and the
 * layout. Results never feed back into the draw, so the same seed and thread count give every
 * task the same sequence whatever the interleaving did; {@link #digest()} summarizes what was
 * drawn so far.
 *
 * <p>The generator is SplitMix64, seeded from the seed and the index through its own mixer, so
 * neighbouring seeds and indices give unrelated streams.
 */
final class OpStream {
    /**
     * How often (percent) a blocking variant is drawn. A blocking read of an empty pipe sleeps
     * nearly every time, and a sleep costs two context switches, so blocking calls are the
     * minority that exercises the wait queues while the rest keeps the pipes moving.
     */
    static final int BLOCKING_PERCENT = 10;
    /** A splice length that covers every buffer: the call moves whole buffers only. */
    static final int WHOLE = 1 << 20;
    private static final OpKind[] KINDS = OpKind.values();
    private static final int TOTAL;
    /** Kind by draw: each kind fills as many entries as its weight. */
    private static final OpKind[] BY_DRAW;
    private static final int[] PIPE_SIZES = {4096, 8192, 16384, 65536, 65536, 262144};

    static {
        int sum = 0;
        for (OpKind k : KINDS) {
            sum += k.weight();
        }
        TOTAL = sum;
        BY_DRAW = new OpKind[sum];
        int at = 0;
        for (OpKind k : KINDS) {
            for (int j = 0; j < k.weight(); j++) {
                BY_DRAW[at++] = k;
            }
        }
    }

    private final Layout layout;
    private long state;
    private long digest;
    private long drawn;

    OpStream(long seed, int index, Layout layout) {
        this.layout = layout;
        this.state = mix(seed ^ mix(0x5EED_0000L + index));
        this.digest = 0x243F6A8885A308D3L;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    private int nextInt(int bound) {
        return (int) (((nextLong() >>> 33) * bound) >>> 31);
    }

    /** A multiple of 16 between 16 and 16 × max, small values more likely. */
    private int len16(int maxUnits) {
        long r = nextLong();
        int scale = switch ((int) (r & 3)) {
            case 0 -> 4;
            case 1, 2 -> 64;
            default -> maxUnits;
        };
        return UnitCodec.UNIT * (1 + below(r >>> 16, Math.min(scale, maxUnits)));
    }

    /** Units of one record: 1 to 4 (92 %), else 5 to 256. */
    private int recordUnits() {
        long r = nextLong();
        return below(r, 100) < 92 ? 1 + below(r >>> 16, 4) : 5 + below(r >>> 32, UnitCodec.MAX_RECORD_UNITS - 4);
    }

    private long writeShape() {
        long r = nextLong();
        boolean big = below(r, 100) < 1;
        int n = big ? 2 + below(r >>> 16, 5) : 1 + below(r >>> 16, 3);
        long shape = n;
        for (int i = 0; i < n; i++) {
            int u = big ? 1 + nextInt(UnitCodec.MAX_RECORD_UNITS) : recordUnits();
            shape |= (long) (u - 1) << (3 + 8 * i);
        }
        return shape;
    }

    private long vmspliceShape() {
        int n = 1 + nextInt(4);
        long shape = n;
        for (int i = 0; i < n; i++) {
            int u = recordUnits();
            int slack = UnitCodec.MAX_RECORD_UNITS - u;
            int off = slack == 0 ? 0 : nextInt(slack + 1);
            shape |= (long) (u - 1) << (3 + 16 * i) | (long) off << (11 + 16 * i);
        }
        return shape;
    }

    /** A value below {@code bound} from 16 random bits. */
    private static int below(long bits16, int bound) {
        return (int) (((bits16 & 0xFFFF) * bound) >>> 16);
    }

    /** The next operation. One 64-bit draw gives the kind, the blocking bit and the pipes. */
    Op next() {
        long r = nextLong();
        OpKind kind = BY_DRAW[below(r, TOTAL)];
        boolean blocking = below(r >>> 16, 100) < BLOCKING_PERCENT;
        int a16 = (int) (r >>> 32 & 0xFFFF);
        int b16 = (int) (r >>> 48);
        Op op = switch (kind) {
            case WRITE -> new Op(kind, below(a16, layout.w()), 0, 0, blocking, writeShape());
            case READ_W -> new Op(kind, below(a16, layout.w()), 0, len16(1024), blocking, 0);
            case READ_S -> new Op(kind, below(a16, layout.s()), 0, len16(1024), blocking, 0);
            case READ_MIRROR -> new Op(kind, below(a16, layout.mirrors()), 0, len16(1024), blocking, 0);
            case SPLICE_W_S -> new Op(kind, below(a16, layout.w()), below(b16, layout.s()), spliceLen(), blocking, 0);
            case SPLICE_S_S -> {
                int a = below(a16, layout.s());
                int b = (a + 1 + below(b16, layout.s() - 1)) % layout.s();
                yield new Op(kind, a, b, spliceLen(), blocking, 0);
            }
            case TEE -> new Op(kind, below(a16, layout.sources()), below(b16, layout.mirrors()), spliceLen(), blocking, 0);
            case SPLICE_TO_FILE -> new Op(kind, below(a16, layout.sources()), 0, spliceLen(), blocking, 0);
            case SPLICE_FROM_FILE -> new Op(kind, 0, below(b16, layout.s()), spliceLen(), blocking, 0);
            case VMSPLICE -> new Op(kind, below(a16, layout.w()), 0, 0, blocking, vmspliceShape());
            case VMSPLICE_READ -> new Op(kind, below(a16, layout.sources()), 0, len16(1024), blocking, 0);
            case SET_PIPE_SIZE -> new Op(kind, below(a16, layout.permanent()), 0, PIPE_SIZES[below(b16, PIPE_SIZES.length)], false, 0);
            case LANE_WRITE -> new Op(kind, below(a16, layout.lanes()), 0, 0, blocking, smallWriteShape());
            case LANE_READ -> new Op(kind, below(a16, layout.lanes()), 0, len16(256), blocking, 0);
            case LANE_CLOSE_READ, LANE_CLOSE_WRITE, LANE_REOPEN -> new Op(kind, below(a16, layout.lanes()), 0, 0, false, 0);
        };
        long packed = kind.ordinal() | (long) op.a() << 8 | (long) op.b() << 20 | (long) op.len() << 32;
        digest = Long.rotateLeft((digest ^ packed) * 0x9E3779B97F4A7C15L + op.shape() + (op.blocking() ? 1 : 0), 27);
        drawn++;
        return op;
    }

    /** A lane write: 1 to 3 small records, always at most PIPE_BUF bytes. */
    private long smallWriteShape() {
        int n = 1 + nextInt(3);
        long shape = n;
        int budget = UnitCodec.MAX_RECORD_UNITS;
        for (int i = 0; i < n; i++) {
            int u = Math.min(recordUnits(), budget - (n - 1 - i));
            budget -= u;
            shape |= (long) (u - 1) << (3 + 8 * i);
        }
        return shape;
    }

    private int spliceLen() {
        long r = nextLong();
        if (below(r, 100) < 35) {
            return WHOLE;
        }
        int scale = (r >>> 16 & 1) == 0 ? 64 : 512;
        return UnitCodec.UNIT * (1 + below(r >>> 32, scale));
    }

    /** A hash of every operation drawn so far, in order. */
    long digest() {
        return digest;
    }

    long drawn() {
        return drawn;
    }
}
