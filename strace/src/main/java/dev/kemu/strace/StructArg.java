package dev.kemu.strace;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A struct in braces: {@code {st_mode=S_IFREG|0644, st_size=1234, ...}} (without {@code -v} strace prints only some
 * fields of a struct stat and ends with {@code ...}), {@code {iov_base="\x48", iov_len=5}}.
 *
 * @param fields the named fields in order
 * @param ellipsis whether the struct ends with {@code ...} (fields left out)
 * @param raw the exact source text, or null when built by code
 */
public record StructArg(List<Field> fields, boolean ellipsis, String raw) implements Arg {

    /**
     * One {@code name=value} field.
     *
     * @param name the field name, e.g. {@code st_size}
     * @param value the value
     */
    public record Field(String name, Arg value) {

        /**
         * Checks that the parts are present.
         *
         * @param name the field name, e.g. {@code st_size}
         * @param value the value
         */
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty field name");
            }
        }
    }

    /**
     * Copies the field list.
     *
     * @param fields the named fields in order
     * @param ellipsis whether the struct ends with {@code ...} (fields left out)
     * @param raw the exact source text, or null when built by code
     */
    public StructArg {
        fields = List.copyOf(fields);
    }

    /**
     * A struct built by code.
     *
     * @param ellipsis whether to end with {@code ...}
     * @param fields the fields
     * @return the struct
     */
    public static StructArg of(boolean ellipsis, Field... fields) {
        return new StructArg(List.of(fields), ellipsis, null);
    }

    /**
     * The value of the first field with the given name.
     *
     * @param name the field name
     * @return the value, or empty if the struct has no such field
     */
    public Optional<Arg> field(String name) {
        for (Field f : fields) {
            if (f.name().equals(name)) {
                return Optional.of(f.value());
            }
        }
        return Optional.empty();
    }

    /**
     * This value without raw text, also in its field values, so that it compares equal to the same value
     * built by code and is printed in strace's canonical form.
     *
     * @return the value without raw text
     */
    @Override
    public StructArg withoutRaw() {
        return new StructArg(fields.stream().map(f -> new Field(f.name(), f.value().withoutRaw())).toList(),
                ellipsis, null);
    }
}
