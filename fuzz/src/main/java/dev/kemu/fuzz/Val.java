package dev.kemu.fuzz;

import java.util.Arrays;
import java.util.List;

/** One argument of a scenario call, before the descriptors it names are known. */
sealed interface Val {
    /**
     * A descriptor: the one call {@code call} of the scenario returned (end {@code end} of the
     * pair a pipe call returned), or, when {@code call} is negative, the fixed number {@code number}.
     */
    record Fd(int call, int end, int number) implements Val {
        static Fd of(int number) {
            return new Fd(-1, 0, number);
        }

        static Fd from(int call, int end) {
            return new Fd(call, end, 0);
        }
    }

    /** A number, a flag word, a length or an offset. */
    record Int(long value) implements Val {
    }

    /** Bytes: data to write, or a path. */
    record Bytes(byte[] bytes) implements Val {
        public Bytes {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Bytes[" + bytes.length + "]";
        }
    }

    /** A {@code loff_t *}: NULL when {@code value} is null. */
    record Ptr(Long value) implements Val {
    }

    /** An iovec array: each buffer's bytes (for writes) or only its length (for reads); a null entry is a NULL base. */
    record Vecs(List<byte[]> bufs, List<Long> lens) implements Val {
        public Vecs {
            bufs = bufs.stream().map(b -> b == null ? null : b.clone()).toList();
            lens = List.copyOf(lens);
            if (bufs.size() != lens.size()) {
                throw new IllegalArgumentException("one length per buffer");
            }
        }
    }
}
