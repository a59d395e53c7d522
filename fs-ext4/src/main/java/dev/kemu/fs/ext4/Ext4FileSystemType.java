package dev.kemu.fs.ext4;

import dev.kemu.vfs.SuperBlock;
import dev.kemu.vfs.Vfs;
import dev.kemu.vfs.spi.FileSystemType;
import dev.kemu.vfs.spi.MountException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The ext4 filesystem type ({@code fs/ext4/super.c:ext4_fs_type}, {@code ext4_mount} /
 * {@code ext4_get_tree}), registered under {@code META-INF/services}.
 *
 * <p>Sources:
 * <ul>
 * <li>{@code null}: a fresh RAM disk ({@link MemoryBlockDevice}) formatted by {@link Mkfs};
 * <li>a path to an image file: the image is opened; a path that does not exist is created as a
 * sparse image and formatted. Images made by {@code mkfs.ext4} with its default features and
 * blocks of 1, 2 or 4 KiB are read and written, their metadata through their jbd2 journal.
 * </ul>
 *
 * <p>Options ({@code -o}):
 * <ul>
 * <li>{@code size}: the size of a new RAM disk or image, in bytes or with a suffix {@code k},
 * {@code m}, {@code g}, {@code t} (powers of 1024); default 1 GiB;
 * <li>{@code blocksize}: the block size a new RAM disk or image is formatted with, 1024, 2048 or
 * 4096 ({@code 1k}, {@code 2k}, {@code 4k}); default 4096 ({@code mkfs.ext4 -b});
 * <li>{@code ro}: mount read-only (writes, creations and opens for writing give EROFS);
 * <li>{@code rw}: the default;
 * <li>{@code errors=continue|remount-ro|panic}: what an error in the metadata does ({@link Ext4Error};
 * default: the superblock's {@code s_errors}, else {@code remount-ro}).
 * </ul>
 * An image file is locked while mounted ({@link FileBlockDevice}): exclusively for a writable
 * mount, shared for a read-only one; an image another process holds is refused.
 * Any other option is refused, as {@code ext4_parse_param} refuses unknown ones.
 *
 * <p>{@code s_maxbytes} is {@code ext4_max_size}: 2<sup>32</sup> - 1 blocks (16 TiB - 4 KiB with
 * 4 KiB blocks, 4 TiB - 1 KiB with 1 KiB blocks) with {@code huge_file}. Nothing in
 * the VFS unmounts yet: call {@code sb.sop().putSuper(sb)} to write everything back and release
 * the image.
 */
public final class Ext4FileSystemType implements FileSystemType {
    /** The size of a fresh device when no {@code size} option is given. */
    public static final long DEFAULT_SIZE = 1L << 30;

    @Override
    public String name() {
        return "ext4";
    }

    @Override
    public String description() {
        return "ext4 on a RAM disk or an image file, real on-disk format (fs/ext4)";
    }

    @Override
    public SuperBlock mount(Vfs vfs, String source, Map<String, String> options) throws MountException {
        long size = DEFAULT_SIZE;
        int blockSize = Mkfs.DEFAULT_BLOCK_SIZE;
        boolean readOnly = false;
        Ext4Error.Behaviour errors = null;
        for (Map.Entry<String, String> o : (options == null ? Map.<String, String>of() : options).entrySet()) {
            switch (o.getKey()) {
                case "size":
                    size = parseSize(o.getValue());
                    break;
                case "blocksize":
                    blockSize = parseBlockSize(o.getValue());
                    break;
                case "ro":
                    readOnly = true;
                    break;
                case "rw":
                    readOnly = false;
                    break;
                case "errors":
                    errors = Ext4Error.Behaviour.parse(o.getValue());
                    if (errors == null) {
                        throw new MountException("ext4: bad value \"" + o.getValue() + "\" for errors= (continue, "
                                + "remount-ro, panic)");
                    }
                    break;
                default:
                    throw new MountException("ext4: unrecognized mount option \"" + o.getKey() + "\"");
            }
        }
        if (source == null) {
            MemoryBlockDevice dev = MemoryBlockDevice.ofBytes(size);
            Mkfs.format(dev, Mkfs.Options.ZEROED.withBlockSize(blockSize));
            return Ext4Super.fillSuper(dev, "ramdisk", readOnly, vfs.behaviour().ext4SeekHole(), errors);
        }
        Path path;
        try {
            path = Path.of(source);
        } catch (InvalidPathException e) {
            throw new MountException("ext4: bad image path " + source, e);
        }
        BlockDevice dev;
        try {
            if (Files.isDirectory(path)) {
                throw new MountException("ext4: " + source + " is a directory, not an image");
            }
            if (!Files.exists(path)) {
                FileBlockDevice created = FileBlockDevice.create(path, size);
                Mkfs.format(created, Mkfs.Options.ZEROED.withBlockSize(blockSize));
                dev = created;
            } else {
                dev = FileBlockDevice.open(path, readOnly);
            }
        } catch (FileBlockDevice.ImageBusyException e) {
            throw new MountException("ext4: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MountException("ext4: cannot open " + source + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new MountException("ext4: cannot format " + source + ": " + e.getMessage(), e);
        }
        return Ext4Super.fillSuper(dev, source, readOnly, vfs.behaviour().ext4SeekHole(), errors);
    }

    /**
     * Parses {@code 4096}, {@code 64k}, {@code 256m}, {@code 1g}, {@code 2t}.
     *
     * @throws MountException for anything else or a size under 1 MiB
     */
    static long parseSize(String s) throws MountException {
        if (s == null || s.isEmpty()) {
            throw new MountException("ext4: size needs a value");
        }
        String v = s.trim().toLowerCase(Locale.ROOT);
        int shift = 0;
        char last = v.charAt(v.length() - 1);
        switch (last) {
            case 'k':
                shift = 10;
                break;
            case 'm':
                shift = 20;
                break;
            case 'g':
                shift = 30;
                break;
            case 't':
                shift = 40;
                break;
            default:
                break;
        }
        if (shift != 0) {
            v = v.substring(0, v.length() - 1);
        }
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new MountException("ext4: bad size \"" + s + "\"", e);
        }
        if (n <= 0 || n > (Long.MAX_VALUE >> shift)) {
            throw new MountException("ext4: bad size \"" + s + "\"");
        }
        long bytes = n << shift;
        if (bytes < (1L << 20)) {
            throw new MountException("ext4: size " + s + " is below the 1 MiB minimum");
        }
        return bytes;
    }

    /**
     * Parses {@code 1024}, {@code 2048}, {@code 4096} or {@code 1k}, {@code 2k}, {@code 4k}.
     *
     * @throws MountException for any other value
     */
    static int parseBlockSize(String s) throws MountException {
        String v = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "1024", "1k":
                return 1024;
            case "2048", "2k":
                return 2048;
            case "4096", "4k":
                return 4096;
            default:
                throw new MountException("ext4: bad block size \"" + s + "\" (1024, 2048 or 4096)");
        }
    }

    /** The block size of a mounted ext4 superblock ({@code sb->s_blocksize}). */
    public static int blockSize(SuperBlock sb) {
        if (!(sb.fsInfo() instanceof Ext4SbInfo sbi)) {
            throw new IllegalArgumentException(sb + " is not an ext4 superblock");
        }
        return sbi.blockSize;
    }

    /** The device under a mounted ext4 superblock (for checkers and tools). */
    public static BlockDevice device(SuperBlock sb) {
        if (!(sb.fsInfo() instanceof Ext4SbInfo sbi)) {
            throw new IllegalArgumentException(sb + " is not an ext4 superblock");
        }
        return sbi.dev;
    }
}
