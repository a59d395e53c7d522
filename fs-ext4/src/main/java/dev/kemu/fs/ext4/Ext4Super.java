package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4Features;
import dev.kemu.fs.ext4.disklayout.Ext4Geometry;
import dev.kemu.fs.ext4.disklayout.Ext4GroupDesc;
import dev.kemu.fs.ext4.disklayout.Ext4SuperBlock;
import dev.kemu.vfs.Dentry;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.SuperBlock;
import dev.kemu.vfs.VfsBehaviour;
import dev.kemu.vfs.spi.MountException;
import dev.kemu.vfs.spi.SuperOperations;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Mounting and unmounting ({@code fs/ext4/super.c:ext4_fill_super()}, {@code ext4_feature_set_ok()},
 * {@code ext4_check_descriptors()}, {@code ext4_setup_super()}, {@code ext4_put_super()},
 * {@code ext4_sync_fs()}).
 *
 * <p>Checks at mount, in the kernel's order: the magic and the block and cluster sizes (1 to 4
 * KiB: at most a page), the superblock checksum, the first inode and inode size, INCOMPAT features
 * (an unknown one refuses the mount), the sizes and geometry ({@link Ext4SuperChecks}), the
 * journal ({@code ext4_load_journal}: loaded, replayed when {@code needs_recovery} is set, which a
 * read-only mount refuses; see {@link Ext4Journal}), RO_COMPAT features (an unknown one makes the
 * mount read-only), the group descriptor checksums. A writable mount cleans up orphans and bumps
 * the mount count; without a journal it clears {@code EXT4_VALID_FS} until {@code put_super} sets
 * it again, with one it sets {@code needs_recovery} instead (written before the journal starts)
 * until {@code put_super} has emptied the journal ({@code jbd2_journal_destroy}) and clears it.
 */
final class Ext4Super {
    private Ext4Super() {
    }

    /** INCOMPAT features the model reads and writes. */
    static final int INCOMPAT_SUPPORTED = Ext4Features.INCOMPAT_FILETYPE | Ext4Features.INCOMPAT_EXTENTS
            | Ext4Features.INCOMPAT_64BIT | Ext4Features.INCOMPAT_FLEX_BG | Ext4Features.INCOMPAT_CSUM_SEED;
    /** INCOMPAT features the model can only read. */
    static final int INCOMPAT_READ_ONLY = Ext4Features.INCOMPAT_INLINE_DATA;
    /** RO_COMPAT features the model keeps correct when writing. */
    static final int RO_COMPAT_SUPPORTED = Ext4Features.RO_COMPAT_SPARSE_SUPER | Ext4Features.RO_COMPAT_LARGE_FILE
            | Ext4Features.RO_COMPAT_HUGE_FILE | Ext4Features.RO_COMPAT_DIR_NLINK | Ext4Features.RO_COMPAT_EXTRA_ISIZE
            | Ext4Features.RO_COMPAT_METADATA_CSUM;

    static final SuperOperations SOPS = new SuperOperations() {
        @Override
        public int syncFs(SuperBlock sb) {
            return Ext4Writeback.syncFs(Ext4SbInfo.of(sb));
        }

        @Override
        public void putSuper(SuperBlock sb) {
            Ext4Super.putSuper(Ext4SbInfo.of(sb));
        }

        @Override
        public java.util.List<String> check(SuperBlock sb) {
            return Ext4Fsck.check(sb);
        }

        @Override
        public dev.kemu.vfs.Statfs statfs(SuperBlock sb) {
            return Ext4Statfs.statfs(Ext4SbInfo.of(sb));
        }
    };

    /**
     * {@code ext4_fill_super}.
     *
     * @param name how to call the source in messages
     * @throws MountException when the image cannot be mounted; the device is closed then
     */
    static SuperBlock fillSuper(BlockDevice dev, String name, boolean readOnlyRequested) throws MountException {
        return fillSuper(dev, name, readOnlyRequested, VfsBehaviour.DEFAULT.ext4SeekHole());
    }

    /** As above, for a kernel whose SEEK_DATA/SEEK_HOLE is {@code seekHole}. */
    static SuperBlock fillSuper(BlockDevice dev, String name, boolean readOnlyRequested,
            VfsBehaviour.Ext4SeekHole seekHole) throws MountException {
        try {
            return fill(dev, name, readOnlyRequested, seekHole);
        } catch (MountException | RuntimeException e) {
            dev.close();
            throw e;
        }
    }

    private static SuperBlock fill(BlockDevice dev, String name, boolean readOnlyRequested,
            VfsBehaviour.Ext4SeekHole seekHole) throws MountException {
        Ext4SuperBlock es = Ext4SuperChecks.loadSuper(dev, name);
        if (!es.checksumValid()) {
            throw new MountException(name + ": superblock checksum does not match (invalid superblock)");
        }
        Ext4SuperChecks.inodeInfoInit(es, name);
        int unknownIncompat = es.featureIncompat() & ~(INCOMPAT_SUPPORTED | INCOMPAT_READ_ONLY
                | Ext4Features.INCOMPAT_RECOVER);
        if (unknownIncompat != 0) {
            throw new MountException(name + ": couldn't mount because of unsupported optional features: INCOMPAT "
                    + String.join(", ", Ext4Features.names(Ext4Features.Kind.INCOMPAT, unknownIncompat))
                    + String.format(" (%#x)", unknownIncompat));
        }
        Ext4SuperChecks.checkGeometry(dev, es, name);
        Jbd2Journal journal = null;
        if (es.hasCompat(Ext4Features.COMPAT_HAS_JOURNAL)) {
            journal = Jbd2Journal.load(dev, es, name);
            es = Ext4Journal.recover(dev, journal, es, name, readOnlyRequested);
        } else if (es.hasIncompat(Ext4Features.INCOMPAT_RECOVER)) {
            throw new MountException(name + ": needs_recovery is set but the filesystem has no journal");
        }
        List<String> readOnlyBecause = new ArrayList<>();
        if (readOnlyRequested) {
            readOnlyBecause.add("mounted with -o ro");
        }
        int unknownRo = es.featureRoCompat() & ~RO_COMPAT_SUPPORTED;
        if (unknownRo != 0) {
            readOnlyBecause.add("RO_COMPAT features "
                    + String.join(", ", Ext4Features.names(Ext4Features.Kind.RO_COMPAT, unknownRo)));
        }
        if (es.hasIncompat(INCOMPAT_READ_ONLY)) {
            readOnlyBecause.add("inline_data is read-only in this model");
        }
        if (!es.hasIncompat(Ext4Features.INCOMPAT_EXTENTS)) {
            readOnlyBecause.add("block-mapped files are read-only in this model");
        }
        Ext4GroupDesc[] gds = readGroupDescs(dev, es, name, readOnlyBecause.isEmpty());
        boolean journalled = journal != null && readOnlyBecause.isEmpty();
        Ext4SbInfo sbi = new Ext4SbInfo(journalled ? new Jbd2Device(journal) : dev,
                journalled ? es.withFeatures(es.featureCompat(), es.featureIncompat() | Ext4Features.INCOMPAT_RECOVER,
                        es.featureRoCompat()) : es, gds,
                readOnlyBecause.isEmpty() ? null : String.join("; ", readOnlyBecause), seekHole);
        SuperBlock sb = new SuperBlock("ext4", es.blockSize(), sbi.maxBytes, SOPS);
        sbi.setVfsSb(sb);
        sb.setFsInfo(sbi);
        sb.setXattr(new Ext4Xattr());
        if (journalled) {
            // ext4_setup_super: needs_recovery (and a valid state) straight to the superblock before
            // the first transaction, then the journal runs; orphans are cleaned up inside it.
            sbi.writeSuper(es.state(), es.mntCount() + 1, Ext4SbInfo.now());
            dev.flush();
            journal.start(es.hasMetadataCsum(), es.is64Bit(), () -> Ext4Writeback.beforeCommit(sbi));
            try (Ext4Journal.Handle h = Ext4Journal.start(sbi)) {
                sbi.orphans.cleanup();
            }
        } else if (!sbi.readOnly) {
            sbi.orphans.cleanup();
            sbi.writeSuper(es.state() & ~Ext4SuperBlock.STATE_VALID_FS, es.mntCount() + 1, Ext4SbInfo.now());
            dev.flush();
        }
        Inode root;
        try {
            root = sbi.inodes.iget(Mkfs.ROOT_INO);
        } catch (FsCorruptedException e) {
            throw new MountException(name + ": cannot read the root inode: " + e.getMessage(), e);
        }
        if (!root.isDir()) {
            throw new MountException(name + ": the root inode is not a directory");
        }
        sb.setRoot(Dentry.makeRoot(root));
        return sb;
    }

    /** {@code ext4_check_descriptors}: decodes the table; a bad checksum refuses a writable mount. */
    private static Ext4GroupDesc[] readGroupDescs(BlockDevice dev, Ext4SuperBlock es, String name, boolean writable)
            throws MountException {
        long groups = es.groupCount();
        int descSize = es.groupDescSize();
        long gdtBlocks = Ext4Geometry.gdtBlocks(es);
        byte[] table = new byte[(int) (gdtBlocks * es.blockSize())];
        for (long b = 0; b < gdtBlocks; b++) {
            dev.readBlock(es.firstDataBlock() + 1 + b, es.blockSize(), table, (int) (b * es.blockSize()));
        }
        int seed = es.csumSeed();
        Ext4GroupDesc[] gds = new Ext4GroupDesc[(int) groups];
        for (int g = 0; g < groups; g++) {
            gds[g] = Ext4GroupDesc.decode(table, g * descSize, descSize);
            if (es.hasMetadataCsum() && !Ext4GroupDesc.checksumValid(table, g * descSize, descSize, g, seed)
                    && writable) {
                throw new MountException(name + ": checksum of group descriptor " + g + " does not match");
            }
            Ext4GroupDesc gd = gds[g];
            long itb = Ext4Geometry.inodeTableBlocks(es);
            if (gd.blockBitmap() >= es.blocksCount() || gd.inodeBitmap() >= es.blocksCount()
                    || gd.inodeTable() + itb > es.blocksCount()) {
                throw new MountException(name + ": group descriptor " + g + " points outside the filesystem");
            }
        }
        return gds;
    }

    /** {@code ext4_put_super}: writes everything back, marks the filesystem clean, releases the device. */
    static void putSuper(Ext4SbInfo sbi) {
        if (sbi.isShutdown()) {
            return;
        }
        try {
            if (!sbi.readOnly) {
                Ext4Writeback.syncFs(sbi);
                Jbd2Journal journal = Ext4Journal.of(sbi);
                if (journal != null) {
                    // jbd2_journal_destroy, then needs_recovery cleared straight on the superblock.
                    journal.destroy();
                    sbi.setIncompat(Ext4Features.INCOMPAT_RECOVER, false);
                }
                Ext4SuperBlock es = sbi.es();
                sbi.writeSuper(es.state() | Ext4SuperBlock.STATE_VALID_FS, es.mntCount(), es.mtime());
                sbi.dev.flush();
            }
        } catch (UncheckedIOException e) {
            // The image is gone; nothing more can be written.
        } finally {
            sbi.shutdown();
            sbi.dev.close();
            Jbd2Journal journal = Ext4Journal.of(sbi);
            if (journal != null) {
                journal.releaseAfterDestroy();
            }
        }
    }
}
