package dev.kemu.kernel.upstream;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import dev.kemu.kernel.DeviceBehaviour;
import dev.kemu.kernel.KernelVersion;
import dev.kemu.kernel.spi.BehaviourSwitch;
import dev.kemu.pipe.CopyBehaviour;
import dev.kemu.vfs.VfsBehaviour;
import dev.kemu.vfs.VfsBehaviour.Ext4SeekHole;
import dev.kemu.pipe.PipeBehaviour;
import dev.kemu.pipe.PipeBufOps;
import dev.kemu.pipe.PipeBehaviour.FileToPipe;
import dev.kemu.pipe.PipeBehaviour.SpliceOrder;
import dev.kemu.pipe.PipeBehaviour.VmspliceOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The bindings of one upstream version: behaviours built from the switches that hold for it, or
 * with some of them flipped (to see whether a recording tells the two sides apart).
 */
final class UpstreamModule extends AbstractModule {
    private final Switches version;

    UpstreamModule(KernelVersion version, java.util.Set<String> flipped) {
        this.version = new Switches(version, java.util.Set.copyOf(flipped));
    }

    /** Which switches are on: the version's ranges, with the {@code flipped} ones inverted. */
    record Switches(KernelVersion version, java.util.Set<String> flipped) {
        boolean on(BehaviourSwitch s) {
            return s.on(version) != flipped.contains(s.name());
        }

        boolean below(String release) {
            return version.below(release);
        }
    }

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), PipeBehaviour.class).setBinding().toInstance(pipeBehaviour(version));
        OptionalBinder.newOptionalBinder(binder(), CopyBehaviour.class).setBinding().toInstance(copyBehaviour(version));
        boolean creatDirectoryEinval = version.on(UpstreamSwitches.OPEN_CREAT_DIRECTORY_EINVAL);
        boolean createdDirectoryTest = version.on(UpstreamSwitches.OPEN_CREATED_DIRECTORY_TEST);
        boolean sgidOutsideGroup = version.on(UpstreamSwitches.CHOWN_DROPS_SGID_OUTSIDE_GROUP);
        boolean tmpfsUserXattr = version.on(UpstreamSwitches.TMPFS_USER_XATTR);
        boolean sysctlSplice = version.on(UpstreamSwitches.PROC_SYSCTL_SPLICE);
        boolean odirectPipes = version.on(UpstreamSwitches.SETFL_ODIRECT_PIPE);
        Ext4SeekHole seekHole = version.on(UpstreamSwitches.EXT4_SEEK_IOMAP) ? Ext4SeekHole.IOMAP
                : version.on(UpstreamSwitches.EXT4_SEEK_NEGATIVE_ENXIO) ? Ext4SeekHole.NEXT_EXTENT_NONNEGATIVE
                : version.on(UpstreamSwitches.EXT4_SEEK_NEXT_EXTENT) ? Ext4SeekHole.NEXT_EXTENT
                : Ext4SeekHole.MAP_BLOCKS;
        OptionalBinder.newOptionalBinder(binder(), VfsBehaviour.class).setBinding().toInstance(new VfsBehaviour() {
            @Override
            public boolean rejectsCreatDirectory() {
                return creatDirectoryEinval;
            }

            @Override
            public boolean createdMeetsDirectoryTest() {
                return createdDirectoryTest;
            }

            @Override
            public boolean chownDropsSgidOutsideGroup() {
                return sgidOutsideGroup;
            }

            @Override
            public boolean shmemUserXattr() {
                return tmpfsUserXattr;
            }

            @Override
            public boolean procSysSplice() {
                return sysctlSplice;
            }

            @Override
            public boolean allowsODirect(dev.kemu.vfs.File file) {
                return odirectPipes ? VfsBehaviour.super.allowsODirect(file) : file.inode().mapping().aops().hasDirectIO();
            }

            @Override
            public Ext4SeekHole ext4SeekHole() {
                return seekHole;
            }
        });
        boolean memSplice = version.on(UpstreamSwitches.MEM_ZERO_FULL_SPLICE);
        boolean randomSplice = version.on(UpstreamSwitches.RANDOM_SPLICE_ITER);
        OptionalBinder.newOptionalBinder(binder(), DeviceBehaviour.class).setBinding().toInstance(new DeviceBehaviour() {
            @Override
            public boolean memZeroFullSplice() {
                return memSplice;
            }

            @Override
            public boolean randomSpliceIter() {
                return randomSplice;
            }
        });
        Multibinder<BehaviourSwitch> switches = Multibinder.newSetBinder(binder(), BehaviourSwitch.class);
        UpstreamSwitches.ALL.forEach(s -> switches.addBinding().toInstance(s));
    }

    static PipeBehaviour pipeBehaviour(Switches v) {
        boolean byFlag = v.on(UpstreamSwitches.MERGE_BY_FLAG);
        boolean linkedFix = v.on(UpstreamSwitches.NO_MERGE_INTO_LINKED);
        boolean dirty = v.on(UpstreamSwitches.DIRTY_PIPE);
        boolean notification = v.on(UpstreamSwitches.NOTIFICATION_PIPE);
        SpliceOrder order = v.on(UpstreamSwitches.SPLICE_ESPIPE_FIRST) ? SpliceOrder.OFFSETS_FIRST
                : v.on(UpstreamSwitches.SPLICE_MODES_IN_DO_SPLICE) ? SpliceOrder.MODES_IN_DO_SPLICE : SpliceOrder.MODES_AT_SYSCALL;
        VmspliceOrder vorder = v.on(UpstreamSwitches.VMSPLICE_FLAGS_FIRST) ? VmspliceOrder.V4
                : v.on(UpstreamSwitches.VMSPLICE_FD_FIRST) ? VmspliceOrder.V3
                : v.on(UpstreamSwitches.SPLICE_FLAG_CHECK) ? VmspliceOrder.V2 : VmspliceOrder.V1;
        FileToPipe f2p = v.on(UpstreamSwitches.SPLICE_VERIFY_FIRST) ? FileToPipe.VERIFY_THEN_WAIT
                : v.on(UpstreamSwitches.SPLICE_READ_CLAMP) ? FileToPipe.WAIT_CLAMP_VERIFY
                : v.on(UpstreamSwitches.ITER_PIPE) ? FileToPipe.WAIT_THEN_VERIFY : FileToPipe.VERIFY_THEN_FILL_BLOCKING;
        boolean flagCheck = v.on(UpstreamSwitches.SPLICE_FLAG_CHECK);
        boolean nonblock = v.on(UpstreamSwitches.PIPE_NONBLOCK_SPLICE);
        boolean readersChecked = !v.on(UpstreamSwitches.SPLICE_NO_READERS_SILENT);
        boolean emptyStops = !v.on(UpstreamSwitches.VMSPLICE_SKIPS_EMPTY);
        boolean needsMethods = v.on(UpstreamSwitches.SPLICE_NEEDS_METHODS);
        boolean setPipeLong = v.on(UpstreamSwitches.SETPIPE_SZ_LONG);
        boolean setPipeTruncate32 = v.below("4.16");
        boolean pipeMaxCaps = v.on(UpstreamSwitches.PIPE_MAX_SIZE_CAPS_NEW_PIPES);
        dev.kemu.pipe.SpliceWriteEnd writeEnd = v.on(UpstreamSwitches.SPLICE_WRITE_ITER)
                ? PipeBehaviour.DEFAULT.spliceWriteEnd() : dev.kemu.pipe.SpliceWriteEnd.genericFileSpliceWrite();
        return new PipeBehaviour() {
            @Override
            public dev.kemu.pipe.SpliceWriteEnd spliceWriteEnd() {
                return writeEnd;
            }

            @Override
            public SpliceOrder spliceOrder() {
                return order;
            }

            @Override
            public VmspliceOrder vmspliceOrder() {
                return vorder;
            }

            @Override
            public FileToPipe fileToPipe() {
                return f2p;
            }

            @Override
            public boolean spliceFlagsChecked() {
                return flagCheck;
            }

            @Override
            public boolean pipeNonblockMeansSpliceNonblock() {
                return nonblock;
            }

            @Override
            public boolean spliceToPipeChecksReaders() {
                return readersChecked;
            }

            @Override
            public boolean vmspliceStopsAtEmptySegment() {
                return emptyStops;
            }

            @Override
            public boolean spliceNeedsMethods() {
                return needsMethods;
            }

            @Override
            public long roundPipeSize(long arg) {
                if (setPipeLong) {
                    // round_pipe_size(unsigned long): anything above 2^31 rounds to nothing.
                    if (Long.compareUnsigned(arg, 1L << 31) > 0) {
                        return 0;
                    }
                    if (arg < dev.kemu.vfs.Page.SIZE) {
                        return dev.kemu.vfs.Page.SIZE;
                    }
                    return Long.highestOneBit(arg - 1) << 1;
                }
                if (setPipeTruncate32) {
                    return PipeBehaviour.roundPipeSizeTruncated32(arg);
                }
                return PipeBehaviour.super.roundPipeSize(arg);
            }

            @Override
            public boolean allocCappedByMaxSize() {
                return pipeMaxCaps;
            }

            @Override
            public boolean setSizeEpermOnlyWhenGrowing() {
                return pipeMaxCaps;
            }

            @Override
            public boolean perUserPipeLimits() {
                return pipeMaxCaps;
            }

            @Override
            public MergeRule mergeRule() {
                return byFlag ? MergeRule.BY_FLAG : MergeRule.BY_OPS;
            }

            @Override
            public Unmergeable unmergeable() {
                if (!linkedFix) {
                    return Unmergeable.NOTHING;
                }
                return byFlag ? Unmergeable.CLEAR_CAN_MERGE : Unmergeable.NOMERGE_OPS;
            }

            @Override
            public PipeBufOps packetOps() {
                return byFlag ? PipeBufOps.ANON : PipeBufOps.PACKET;
            }

            @Override
            public boolean spliceReadInitsFlags() {
                // Slots filled from the page cache kept their stale flags until the Dirty Pipe fix;
                // before 5.8 that was harmless, as merging looked at the ops, not the flags.
                return byFlag && !dirty;
            }

            @Override
            public boolean acceptsNotificationPipeFlag() {
                return notification;
            }
        };
    }

    static CopyBehaviour copyBehaviour(Switches v) {
        CopyBehaviour.CopyFileRange cfr;
        if (v.on(UpstreamSwitches.CFR_CROSS_SB_EXDEV)) {
            cfr = CopyBehaviour.CopyFileRange.V5_19;
        } else if (v.on(UpstreamSwitches.CFR_53_CHECKS)) {
            cfr = CopyBehaviour.CopyFileRange.V5_3;
        } else if (v.on(UpstreamSwitches.CFR_FILE_TYPE_CHECKS)) {
            cfr = CopyBehaviour.CopyFileRange.V4_12;
        } else {
            cfr = CopyBehaviour.CopyFileRange.V4_5;
        }
        CopyBehaviour.Sendfile sf;
        if (v.on(UpstreamSwitches.DIRECT_SPLICE_LSEEK)) {
            sf = CopyBehaviour.Sendfile.V6;
        } else if (v.on(UpstreamSwitches.SENDFILE_TO_PIPE_DIRECT)) {
            sf = CopyBehaviour.Sendfile.V5_12;
        } else {
            sf = CopyBehaviour.Sendfile.V4_5;
        }
        return new CopyBehaviour() {
            @Override
            public CopyFileRange copyFileRange() {
                return cfr;
            }

            @Override
            public Sendfile sendfile() {
                return sf;
            }
        };
    }

    /** One line: the switches that are on for {@code v}. */
    static String summary(KernelVersion v) {
        List<String> on = new ArrayList<>();
        for (BehaviourSwitch s : UpstreamSwitches.ALL) {
            if (s.on(v)) {
                on.add(s.name());
            }
        }
        return on.isEmpty() ? "no later switches on" : String.join(", ", on);
    }
}
