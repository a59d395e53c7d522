package dev.kemu.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When a behaviour holds, as the kernel's history had it: introduced in one mainline release,
 * removed in a later one, with the removal backported to some stable branches at given patch
 * levels. For example Dirty Pipe: introduced in 5.8, fixed in mainline 5.17 and in the stable
 * releases 5.16.11, 5.15.25 and 5.10.102:
 * <pre>VersionRanges.since("5.8").until("5.17").backportedTo("5.16.11", "5.15.25", "5.10.102")</pre>
 */
public final class VersionRanges {
    private final KernelVersion since;
    private final KernelVersion until;
    private final List<KernelVersion> backports;
    private final List<KernelVersion> introducedBackports;
    /** Exact versions (suffix included) where the behaviour is as given whatever the ranges say. */
    private final Map<KernelVersion, Boolean> exactly;

    private VersionRanges(KernelVersion since, KernelVersion until, List<KernelVersion> backports,
            List<KernelVersion> introducedBackports) {
        this(since, until, backports, introducedBackports, Map.of());
    }

    private VersionRanges(KernelVersion since, KernelVersion until, List<KernelVersion> backports,
            List<KernelVersion> introducedBackports, Map<KernelVersion, Boolean> exactly) {
        this.since = since;
        this.until = until;
        this.backports = List.copyOf(backports);
        this.introducedBackports = List.copyOf(introducedBackports);
        this.exactly = Map.copyOf(exactly);
    }

    /** Holds from mainline {@code version} on. */
    public static VersionRanges since(String version) {
        return new VersionRanges(KernelVersion.of(version), null, List.of(), List.of());
    }

    /** Holds for every version. */
    public static VersionRanges always() {
        return new VersionRanges(new KernelVersion(0, 0, 0, false, ""), null, List.of(), List.of());
    }

    /** Stops holding in mainline {@code version}. */
    public VersionRanges until(String version) {
        return new VersionRanges(since, KernelVersion.of(version), backports, introducedBackports);
    }

    /** The change that ends it was backported: it stops holding on those branches from those patch levels. */
    public VersionRanges backportedTo(String... stableReleases) {
        List<KernelVersion> b = new ArrayList<>(backports);
        for (String s : stableReleases) {
            b.add(KernelVersion.of(s));
        }
        return new VersionRanges(since, until, b, introducedBackports);
    }

    /** The change that starts it was backported to older branches: it holds there from those patch levels. */
    public VersionRanges alsoFrom(String... stableReleases) {
        List<KernelVersion> b = new ArrayList<>(introducedBackports);
        for (String s : stableReleases) {
            b.add(KernelVersion.of(s));
        }
        return new VersionRanges(since, until, backports, b);
    }

    /**
     * These ranges, except that on exactly {@code version} (its suffix included) the behaviour
     * holds or not as {@code holds} says: a distribution kernel that took a change, or left one
     * out, against the release it was built from.
     */
    public VersionRanges at(KernelVersion version, boolean holds) {
        Map<KernelVersion, Boolean> e = new LinkedHashMap<>(exactly);
        e.put(version, holds);
        return new VersionRanges(since, until, backports, introducedBackports, e);
    }

    /**
     * Does the behaviour hold on {@code v}? Its suffix is ignored, unless {@code v} is one of the
     * versions given to {@link #at}.
     */
    public boolean contains(KernelVersion v) {
        Boolean e = exactly.get(v);
        if (e != null) {
            return e;
        }
        KernelVersion b = v.base();
        boolean started = b.compareTo(since) >= 0;
        for (KernelVersion intro : introducedBackports) {
            if (b.sameBranch(intro) && b.patch() >= intro.patch()) {
                started = true;
            }
        }
        if (!started) {
            return false;
        }
        if (until != null && b.compareTo(until) >= 0) {
            return false;
        }
        for (KernelVersion fix : backports) {
            if (b.sameBranch(fix) && b.patch() >= fix.patch()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(since.major() == 0 ? "every version" : since + "+");
        if (!introducedBackports.isEmpty()) {
            sb.append(" (also ").append(String.join(", ", introducedBackports.stream().map(v -> v + "+").toList())).append(")");
        }
        if (until != null) {
            sb.append(", before ").append(until);
        }
        if (!backports.isEmpty()) {
            sb.append(", fixed in ").append(String.join(", ", backports.stream().map(KernelVersion::toString).toList()));
        }
        exactly.forEach((v, on) -> sb.append("; ").append(on ? "on" : "off").append(" in ").append(v));
        return sb.toString();
    }
}
