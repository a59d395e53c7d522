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

/** The bindings of one upstream version: behaviours built from the switches that hold for it. */
final class UpstreamModule extends AbstractModule {
    private final KernelVersion version;

    UpstreamModule(KernelVersion version) {
        this.version = version;
    }

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), PipeBehaviour.class).setBinding().toInstance(pipeBehaviour(version));
        OptionalBinder.newOptionalBinder(binder(), CopyBehaviour.class).setBinding().toInstance(copyBehaviour(version));
        boolean creatDirectoryEinval = UpstreamSwitches.OPEN_CREAT_DIRECTORY_EINVAL.on(version);
        boolean sgidOutsideGroup = UpstreamSwitches.CHOWN_DROPS_SGID_OUTSIDE_GROUP.on(version);
        boolean tmpfsUserXattr = UpstreamSwitches.TMPFS_USER_XATTR.on(version);
        boolean sysctlSplice = UpstreamSwitches.PROC_SYSCTL_SPLICE.on(version);
        OptionalBinder.newOptionalBinder(binder(), VfsBehaviour.class).setBinding().toInstance(new VfsBehaviour() {
            @Override
            public boolean rejectsCreatDirectory() {
                return creatDirectoryEinval;
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
            public Ext4SeekHole ext4SeekHole() {
                return UpstreamSwitches.EXT4_SEEK_IOMAP.on(version) ? Ext4SeekHole.IOMAP
                        : UpstreamSwitches.EXT4_SEEK_NEGATIVE_ENXIO.on(version) ? Ext4SeekHole.NEXT_EXTENT_NONNEGATIVE
                        : UpstreamSwitches.EXT4_SEEK_NEXT_EXTENT.on(version) ? Ext4SeekHole.NEXT_EXTENT
                        : Ext4SeekHole.MAP_BLOCKS;
            }
        });
        boolean memSplice = UpstreamSwitches.MEM_ZERO_FULL_SPLICE.on(version);
        boolean randomSplice = UpstreamSwitches.RANDOM_SPLICE_ITER.on(version);
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

    static PipeBehaviour pipeBehaviour(KernelVersion v) {
        boolean byFlag = UpstreamSwitches.MERGE_BY_FLAG.on(v);
        boolean linkedFix = UpstreamSwitches.NO_MERGE_INTO_LINKED.on(v);
        boolean dirty = UpstreamSwitches.DIRTY_PIPE.on(v);
        boolean notification = UpstreamSwitches.NOTIFICATION_PIPE.on(v);
        SpliceOrder order = UpstreamSwitches.SPLICE_ESPIPE_FIRST.on(v) ? SpliceOrder.OFFSETS_FIRST
                : UpstreamSwitches.SPLICE_MODES_IN_DO_SPLICE.on(v) ? SpliceOrder.MODES_IN_DO_SPLICE : SpliceOrder.MODES_AT_SYSCALL;
        VmspliceOrder vorder = UpstreamSwitches.VMSPLICE_FLAGS_FIRST.on(v) ? VmspliceOrder.V4
                : UpstreamSwitches.VMSPLICE_FD_FIRST.on(v) ? VmspliceOrder.V3
                : UpstreamSwitches.SPLICE_FLAG_CHECK.on(v) ? VmspliceOrder.V2 : VmspliceOrder.V1;
        FileToPipe f2p = UpstreamSwitches.SPLICE_VERIFY_FIRST.on(v) ? FileToPipe.VERIFY_THEN_WAIT
                : UpstreamSwitches.SPLICE_READ_CLAMP.on(v) ? FileToPipe.WAIT_CLAMP_VERIFY
                : UpstreamSwitches.ITER_PIPE.on(v) ? FileToPipe.WAIT_THEN_VERIFY : FileToPipe.VERIFY_THEN_FILL_BLOCKING;
        boolean flagCheck = UpstreamSwitches.SPLICE_FLAG_CHECK.on(v);
        boolean nonblock = UpstreamSwitches.PIPE_NONBLOCK_SPLICE.on(v);
        boolean readersChecked = !UpstreamSwitches.SPLICE_NO_READERS_SILENT.on(v);
        boolean emptyStops = !UpstreamSwitches.VMSPLICE_SKIPS_EMPTY.on(v);
        boolean needsMethods = UpstreamSwitches.SPLICE_NEEDS_METHODS.on(v);
        boolean setPipeLong = UpstreamSwitches.SETPIPE_SZ_LONG.on(v);
        boolean setPipeTruncate32 = v.below("4.16");
        boolean pipeMaxCaps = UpstreamSwitches.PIPE_MAX_SIZE_CAPS_NEW_PIPES.on(v);
        return new PipeBehaviour() {
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
                    return PipeSizes.roundPagesTruncated32(arg);
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

    static CopyBehaviour copyBehaviour(KernelVersion v) {
        CopyBehaviour.CopyFileRange cfr;
        if (UpstreamSwitches.CFR_CROSS_SB_EXDEV.on(v)) {
            cfr = CopyBehaviour.CopyFileRange.V5_19;
        } else if (UpstreamSwitches.CFR_53_CHECKS.on(v)) {
            cfr = CopyBehaviour.CopyFileRange.V5_3;
        } else if (UpstreamSwitches.CFR_FILE_TYPE_CHECKS.on(v)) {
            cfr = CopyBehaviour.CopyFileRange.V4_12;
        } else {
            cfr = CopyBehaviour.CopyFileRange.V4_5;
        }
        CopyBehaviour.Sendfile sf;
        if (UpstreamSwitches.DIRECT_SPLICE_LSEEK.on(v)) {
            sf = CopyBehaviour.Sendfile.V6;
        } else if (UpstreamSwitches.SENDFILE_TO_PIPE_DIRECT.on(v)) {
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
