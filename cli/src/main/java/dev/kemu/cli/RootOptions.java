package dev.kemu.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.kemu.pipe.PipeRingKind;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The root filesystem options shared by the commands that boot a machine. */
final class RootOptions {
    /** The root filesystem when {@code --fs} is not given: the traces were recorded on ext4. */
    static final String DEFAULT_FS = "ext4";

    @Option(names = "--fs", paramLabel = "TYPE",
            description = "filesystem type of / (default: " + DEFAULT_FS + ", as the traces were recorded on ext4)")
    String fsType;

    @Option(names = "--image", paramLabel = "FILE",
            description = "an ext4 image file holding the root filesystem, created on first use, written back on "
                    + "exit, mounted read-only when the name ends in :ro; locked while in use, for one writer or any "
                    + "number of readers (default: none, the root lives in memory)")
    String image;

    @Option(names = "--image-size", paramLabel = "SIZE",
            description = "the size of a new --image, in bytes or with K, M, G, T (powers of 1024), e.g. 16M, 1G; "
                    + "at least 1M; the image is sparse (default: 1G). An existing image must already have that size")
    String imageSize;

    @Option(names = "--read-only",
            description = "mount the --image read-only: not a byte of it is written, writes fail with EROFS (default: off)")
    boolean readOnly;

    @Option(names = "--cwd", paramLabel = "DIR",
            description = "the working directory the log was recorded in (default: its '# cwd:' header, its first getcwd, else /scenario)")
    String cwd;

    @Option(names = "--pipe-ring", paramLabel = "RING",
            description = "how the machine's pipes guard their ring: mutex (every call under the pipe mutex, as Linux) or "
                    + "lockfree (read and write of one reader and one writer without it) (default: mutex)")
    String pipeRing;

    /** The ring {@code --pipe-ring} names, else the default ring; an {@link InputException} for any other name. */
    PipeRingKind pipeRing() {
        return pipeRingNamed(pipeRing);
    }

    /** The ring {@code name} names ({@code --pipe-ring}), or the default ring for null. */
    static PipeRingKind pipeRingNamed(String name) {
        if (name == null) {
            return PipeRingKind.defaultKind();
        }
        PipeRingKind k = PipeRingKind.byName(name);
        if (k == null) {
            throw new InputException("--pipe-ring: '" + name + "' is not a ring; mutex or lockfree");
        }
        return k;
    }

    /** The root's filesystem type: {@code --fs}, else ext4. */
    String fs() {
        return fsType != null ? fsType : DEFAULT_FS;
    }

    /** The image file: {@code --image} without a {@code :ro} or {@code :rw} suffix; null without one. */
    String imagePath() {
        if (image != null && (image.endsWith(":ro") || image.endsWith(":rw"))) {
            return image.substring(0, image.length() - 3);
        }
        return image;
    }

    /**
     * The root's mount options: {@code ro} for {@code --read-only} or {@code --image FILE:ro}; an
     * image is mounted {@code errors=remount-ro}, as distributions mount their root filesystems
     * (mkfs.ext4 writes "continue" into the superblock), so that a metadata error stops all writes.
     */
    java.util.Map<String, String> mountOptions() {
        if (image == null) {
            return java.util.Map.of();
        }
        boolean ro = readOnly || image.endsWith(":ro");
        return ro ? java.util.Map.of("ro", "", "errors", "remount-ro") : java.util.Map.of("errors", "remount-ro");
    }

    /** Options that cannot go together are an error, never one silently ignored. */
    void checkEmulated() {
        if (readOnly && image == null) {
            throw new InputException("--read-only applies to an --image; the in-memory root is thrown away anyway");
        }
        if (image != null && fsType != null && !fsType.equals(DEFAULT_FS)) {
            throw new InputException("--fs " + fsType + " and --image: an image holds an ext4 filesystem; give one or the other");
        }
        imageBytes();
    }

    /**
     * The size {@code --image-size} asks for, in bytes, or -1 when it is not given; refused without
     * {@code --image}, when malformed or under 1 MiB, and when the image exists with another size
     * (an image is never resized).
     */
    long imageBytes() {
        if (imageSize == null) {
            return -1;
        }
        if (image == null) {
            throw new InputException("--image-size " + imageSize + " without --image: the size is that of a new image "
                    + "file; give --image FILE as well");
        }
        long bytes = parseSize(imageSize);
        Path path = Path.of(imagePath());
        if (Files.exists(path)) {
            long have;
            try {
                have = Files.size(path);
            } catch (IOException e) {
                throw new InputException(imagePath() + ": " + e.getMessage());
            }
            if (have != bytes) {
                throw new InputException("--image-size " + imageSize + ": " + imagePath() + " exists with " + have
                        + " bytes, not " + bytes + "; an existing image is never resized (leave out --image-size, "
                        + "or name a new file)");
            }
        }
        return bytes;
    }

    /** {@code 16M}, {@code 1G}, {@code 1048576}: bytes, with K, M, G, T meaning powers of 1024. */
    static long parseSize(String s) {
        String v = s.trim().toUpperCase(Locale.ROOT);
        int shift = v.isEmpty() ? 0 : switch (v.charAt(v.length() - 1)) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            case 'T' -> 40;
            default -> 0;
        };
        String digits = shift == 0 ? v : v.substring(0, v.length() - 1);
        long n;
        try {
            n = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new InputException("--image-size: '" + s + "' is not a size (bytes, or a number with K, M, G or T)");
        }
        if (n <= 0 || n > (Long.MAX_VALUE >> shift)) {
            throw new InputException("--image-size: '" + s + "' is not a size (bytes, or a number with K, M, G or T)");
        }
        long bytes = n << shift;
        if (bytes < 1L << 20) {
            throw new InputException("--image-size " + s + ": an image is at least 1M");
        }
        return bytes;
    }

    /** The host machine works in a directory of the host's own filesystem: no root options apply. */
    void checkHost() {
        if (image != null || imageSize != null || readOnly) {
            throw new InputException((image != null ? "--image" : imageSize != null ? "--image-size" : "--read-only")
                    + ": the host machine works in a temporary directory of the host's own "
                    + "filesystem; an image applies to emulated kernels only");
        }
        if (fsType != null) {
            throw new InputException("--fs " + fsType + " and --kernel host: the host machine works in a temporary "
                    + "directory of the host's own filesystem; --fs applies to emulated kernels only");
        }
    }
}
