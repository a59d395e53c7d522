package dev.kemu.kernel.linux310;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import dev.kemu.kernel.DeviceBehaviour;
import dev.kemu.kernel.KernelVersion;
import dev.kemu.kernel.VersionRanges;
import dev.kemu.kernel.spi.BehaviourSwitch;
import dev.kemu.kernel.spi.SyscallTable;
import dev.kemu.pipe.CopyBehaviour;
import dev.kemu.pipe.PipeBehaviour;
import dev.kemu.pipe.PipeBufOps;
import dev.kemu.vfs.File;
import dev.kemu.vfs.VfsBehaviour;
import dev.kemu.vfs.VfsBehaviour.Ext4SeekHole;

/** The bindings of 3.10 and its variants. */
final class Linux310Module extends AbstractModule {
    private final KernelVersion version;
    /** PIPE_TO_FILE_SAME_PAGE_SKIP flipped: iter_file_splice_write as the write end. */
    private final boolean iterWrite;

    Linux310Module(KernelVersion version, boolean iterWrite) {
        this.version = version;
        this.iterWrite = iterWrite;
    }

    /**
     * 3.10's pipe rules: merge by {@code ops->can_merge}, packet ops for O_DIRECT, no unmergeable
     * marking; {@code generic_file_splice_write} as the write end, or {@code iter_file_splice_write}
     * when {@link #PIPE_TO_FILE_SKIP} is flipped.
     */
    static PipeBehaviour pipes(boolean iterWrite) {
        return new PipeBehaviour() {
            @Override
            public MergeRule mergeRule() {
                return MergeRule.BY_OPS;
            }

            @Override
            public Unmergeable unmergeable() {
                return Unmergeable.NOTHING;
            }

            @Override
            public PipeBufOps packetOps() {
                return PipeBufOps.PACKET;
            }

            @Override
            public boolean spliceReadInitsFlags() {
                return false;
            }

            @Override
            public boolean acceptsNotificationPipeFlag() {
                return false;
            }

            @Override
            public dev.kemu.pipe.SpliceWriteEnd spliceWriteEnd() {
                return iterWrite ? PipeBehaviour.DEFAULT.spliceWriteEnd() : dev.kemu.pipe.SpliceWriteEnd.genericFileSpliceWrite();
            }

            @Override
            public SpliceOrder spliceOrder() {
                return SpliceOrder.MODES_AT_SYSCALL;
            }

            @Override
            public VmspliceOrder vmspliceOrder() {
                return VmspliceOrder.V1;
            }

            @Override
            public boolean spliceFlagsChecked() {
                return false;
            }

            @Override
            public boolean pipeNonblockMeansSpliceNonblock() {
                return false;
            }

            @Override
            public FileToPipe fileToPipe() {
                return FileToPipe.VERIFY_THEN_FILL_BLOCKING;
            }

            @Override
            public boolean vmspliceStopsAtEmptySegment() {
                return true;
            }

            @Override
            public boolean spliceNeedsMethods() {
                return false;
            }

            @Override
            public boolean allocCappedByMaxSize() {
                return false;
            }

            @Override
            public boolean setSizeEpermOnlyWhenGrowing() {
                return false;
            }

            @Override
            public boolean perUserPipeLimits() {
                return false;
            }

            @Override
            public long roundPipeSize(long arg) {
                return PipeBehaviour.roundPipeSizeTruncated32(arg);
            }
        };
    }

    /** 3.10's setfl: O_DIRECT needs {@code a_ops->direct_IO}, which pipes lack. */
    static final VfsBehaviour VFS = new VfsBehaviour() {
        @Override
        public boolean allowsODirect(File file) {
            return file.inode().mapping().aops().hasDirectIO();
        }

        @Override
        public boolean rejectsCreatDirectory() {
            return false;
        }

        /** 3.10's do_last opens a file it created without the O_DIRECTORY test. */
        @Override
        public boolean createdMeetsDirectoryTest() {
            return false;
        }

        /** Before 6.2's setattr_should_drop_sgid, S_ISGID went only together with S_IXGRP. */
        @Override
        public boolean chownDropsSgidOutsideGroup() {
            return false;
        }

        /** tmpfs had no user. handler before 6.6. */
        @Override
        public boolean shmemUserXattr() {
            return false;
        }

        /** 3.10's sysctl files have only read and write: splice goes through the default fallbacks. */
        @Override
        public boolean procSysSplice() {
            return false;
        }

        /**
         * 3.10's {@code fs/ext4/file.c:ext4_seek_data()}/{@code ext4_seek_hole()} step through
         * {@code ext4_map_blocks()} and past what it answers, so SEEK_DATA from -1 wraps to block 0
         * (ext4 went to {@code ext4_get_next_extent()} in 4.6, 2d90c160e5f1).
         */
        @Override
        public Ext4SeekHole ext4SeekHole() {
            return Ext4SeekHole.MAP_BLOCKS;
        }
    };

    /** copy_file_range is missing from vanilla 3.10's table. */
    static final SyscallTable VANILLA_TABLE = SyscallTable.forVersion(KernelVersion.of("3.10"));

    /** The variants carry copy_file_range (backported or patched in); nothing else added after 3.10. */
    static final SyscallTable VARIANT_TABLE = SyscallTable.forVersion(KernelVersion.of("3.10"), java.util.Set.of("copy_file_range"));

    static final BehaviourSwitch PIPE_TO_FILE_SKIP = new BehaviourSwitch("PIPE_TO_FILE_SAME_PAGE_SKIP",
            "splice into a file copies a buffer only if buf->page != the destination page: same-page copies report success and move nothing",
            VersionRanges.always(), "fs/splice.c:pipe_to_file()");

    /** The copy rules of a 3.10 variant: 3.10's sendfile, and copy_file_range as the variant has it. */
    static CopyBehaviour copies(KernelVersion v) {
        CopyBehaviour.CopyFileRange cfr = v.suffix().equals(Linux310Provider.EL7)
                ? CopyBehaviour.CopyFileRange.RHEL7 : CopyBehaviour.CopyFileRange.V4_5;
        return new CopyBehaviour() {
            @Override
            public CopyFileRange copyFileRange() {
                return cfr;
            }

            @Override
            public Sendfile sendfile() {
                return Sendfile.V3_10;
            }
        };
    }

    /** 3.10's memory and random devices: no splice methods (the default_file_splice_* fallbacks serve them). */
    static final DeviceBehaviour DEVICES = new DeviceBehaviour() {
        @Override
        public boolean memZeroFullSplice() {
            return false;
        }

        @Override
        public boolean randomSpliceIter() {
            return false;
        }
    };

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), PipeBehaviour.class).setBinding().toInstance(pipes(iterWrite));
        OptionalBinder.newOptionalBinder(binder(), CopyBehaviour.class).setBinding().toInstance(copies(version));
        OptionalBinder.newOptionalBinder(binder(), VfsBehaviour.class).setBinding().toInstance(VFS);
        OptionalBinder.newOptionalBinder(binder(), DeviceBehaviour.class).setBinding().toInstance(DEVICES);
        OptionalBinder.newOptionalBinder(binder(), SyscallTable.class).setBinding()
                .toInstance(version.suffix().isEmpty() ? VANILLA_TABLE : VARIANT_TABLE);
        Multibinder.newSetBinder(binder(), BehaviourSwitch.class).addBinding().toInstance(PIPE_TO_FILE_SKIP);
    }
}
