package dev.kemu.kernel;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kernel version as users write it: {@code 6.18}, {@code 5.10.102}, {@code 3.10+cfr},
 * {@code 3.10.0-1160.el7}. {@code X.Y} means the mainline release (patch level 0); a suffix
 * ({@code +cfr}, {@code -1160.el7}) names a variant built from that release.
 *
 * <p>Ordering compares major, minor and patch level; a variant sorts after its base. Whether a
 * behaviour applies is not a plain comparison (stable branches get backports): see
 * {@link VersionRanges}.
 */
public record KernelVersion(int major, int minor, int patch, boolean patchGiven, String suffix)
        implements Comparable<KernelVersion> {
    private static final Pattern FORM = Pattern.compile("(\\d{1,2})\\.(\\d{1,3})(?:\\.(\\d{1,4}))?([-+][A-Za-z0-9._+-]+)?");

    public KernelVersion {
        Objects.requireNonNull(suffix);
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("negative version component");
        }
    }

    /** Parses a version string; null when it is not of the form X.Y[.Z][suffix]. */
    public static KernelVersion parse(String s) {
        Matcher m = FORM.matcher(s.trim());
        if (!m.matches()) {
            return null;
        }
        boolean hasPatch = m.group(3) != null;
        return new KernelVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                hasPatch ? Integer.parseInt(m.group(3)) : 0, hasPatch, m.group(4) == null ? "" : m.group(4));
    }

    /** Parses a version that must be well formed (for constants in code). */
    public static KernelVersion of(String s) {
        KernelVersion v = parse(s);
        if (v == null) {
            throw new IllegalArgumentException("not a kernel version: " + s);
        }
        return v;
    }

    /** The stable branch, {@code X.Y}. */
    public String branch() {
        return major + "." + minor;
    }

    /** Same branch ({@code X.Y}) as {@code other}. */
    public boolean sameBranch(KernelVersion other) {
        return major == other.major && minor == other.minor;
    }

    /** The version without its variant suffix. */
    public KernelVersion base() {
        return new KernelVersion(major, minor, patch, patchGiven, "");
    }

    @Override
    public int compareTo(KernelVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        if (c == 0) {
            c = Integer.compare(patch, o.patch);
        }
        if (c == 0) {
            c = suffix.compareTo(o.suffix);
        }
        return c;
    }

    /** This version, suffix ignored, is {@code v} or later. */
    public boolean atLeast(String v) {
        return base().compareTo(of(v).base()) >= 0;
    }

    /** This version, suffix ignored, is before {@code v}. */
    public boolean below(String v) {
        return !atLeast(v);
    }

    @Override
    public String toString() {
        return major + "." + minor + (patchGiven ? "." + patch : "") + suffix;
    }
}
