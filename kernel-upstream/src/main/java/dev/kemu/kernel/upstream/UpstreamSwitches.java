package dev.kemu.kernel.upstream;

import dev.kemu.kernel.VersionRanges;
import dev.kemu.kernel.spi.BehaviourSwitch;
import java.util.List;

/**
 * The behaviour switches of upstream Linux 3.11–6.18, each with the versions where the newer
 * behaviour holds (stable-branch backports included) and the kernel code that decides it.
 * The evidence for each range is the kernel source of the releases named.
 */
final class UpstreamSwitches {
    private UpstreamSwitches() {
    }

    /** 5.8 {@code f6dd975583bd}: write() merges by PIPE_BUF_FLAG_CAN_MERGE instead of by ops. */
    static final BehaviourSwitch MERGE_BY_FLAG = new BehaviourSwitch("PIPE_MERGE_BY_FLAG",
            "write() appends to the last pipe buffer when it has PIPE_BUF_FLAG_CAN_MERGE (before: when its ops are anon_pipe_buf_ops)",
            VersionRanges.since("5.8"), "fs/pipe.c:pipe_write()");

    /**
     * Commit a0ce2f0aa6ad ("splice: don't merge into linked buffers"): tee and partial splices
     * make the shared slot unmergeable ({@code pipe_buf_mark_unmergeable}). Mainline between
     * 5.0.1 and 5.2.1 (modelled from 5.2). Its stable backports, bracketed by release trees read:
     * 4.9.y after 4.9.154 and by 4.9.229, 4.14.y after 4.14.67 and by 4.14.177, 4.19.y after
     * 4.19.13 and by 4.19.40 (a real 4.19.108 kept tee'd pipes apart); 4.4.178 lacks it. Each
     * branch is modelled from the first release seen with it.
     */
    static final BehaviourSwitch NO_MERGE_INTO_LINKED = new BehaviourSwitch("NO_MERGE_INTO_LINKED_BUFFERS",
            "tee and partial pipe-to-pipe splice mark the shared buffer unmergeable, so later writes cannot alias",
            VersionRanges.since("5.2").alsoFrom("4.9.229", "4.14.177", "4.19.40"), "fs/splice.c:link_pipe(), splice_pipe_to_pipe()");

    /** Dirty Pipe: slots filled by splice from a file keep stale flags. */
    static final BehaviourSwitch DIRTY_PIPE = new BehaviourSwitch("DIRTY_PIPE",
            "splice from a file leaves a recycled slot's stale PIPE_BUF_FLAG_CAN_MERGE, so a write lands in the page cache (CVE-2022-0847)",
            VersionRanges.since("5.8").until("5.17").backportedTo("5.16.11", "5.15.25", "5.10.102"),
            "lib/iov_iter.c:copy_page_to_iter_pipe(), push_pipe()");

    /** 5.8: pipe2 accepts O_NOTIFICATION_PIPE. */
    static final BehaviourSwitch NOTIFICATION_PIPE = new BehaviourSwitch("PIPE2_NOTIFICATION_FLAG",
            "pipe2 accepts O_NOTIFICATION_PIPE (watch queues)", VersionRanges.since("5.8"),
            "fs/pipe.c:__do_pipe_flags()");

    /**
     * 4.12 (11cbfb10775a, "vfs: deny copy_file_range() for non regular files"): copy_file_range
     * refuses directories (EISDIR) and non-regular files (EINVAL) up front. Taken into 4.9.y after
     * 4.9.35 (whose tree lacks it) and by 4.9.57; a real 4.9.337 answered so. Modelled on that
     * branch from 4.9.57.
     */
    static final BehaviourSwitch CFR_FILE_TYPE_CHECKS = new BehaviourSwitch("CFR_NONREG_CHECKS",
            "copy_file_range gives EISDIR for directories and EINVAL for other non-regular files before anything else",
            VersionRanges.since("4.12").alsoFrom("4.9.57"), "fs/read_write.c:vfs_copy_file_range()");

    /** 5.3: generic_copy_file_checks: EOF clamp, EOVERFLOW, EFBIG, overlap EINVAL, any filesystem pair via splice. */
    static final BehaviourSwitch CFR_53_CHECKS = new BehaviourSwitch("CFR_53_CHECKS",
            "copy_file_range clamps to EOF, refuses wrapping offsets (EOVERFLOW), overlapping same-file ranges (EINVAL), and copies across filesystems",
            VersionRanges.since("5.3"), "fs/read_write.c:generic_copy_file_checks()");

    /**
     * 5.19, 868f9f2f8e00 ("vfs: fix copy_file_range() regression in cross-fs copies",
     * COPY_FILE_SPLICE): cross-superblock copies are EXDEV again. Backported to 5.10.y by 5.10.198,
     * and to 5.15.y after 5.15.24 (whose tree lacks it) and by 5.15.85 (a real 5.15.85 gave EXDEV
     * both for a cross-filesystem copy and from a /proc file); modelled on that branch from 5.15.85.
     */
    static final BehaviourSwitch CFR_CROSS_SB_EXDEV = new BehaviourSwitch("CFR_CROSS_SB_EXDEV",
            "copy_file_range across superblocks gives EXDEV again (and copying from a size-0 procfs file no longer returns 0)",
            VersionRanges.since("5.19").alsoFrom("5.10.198", "5.15.85"), "fs/read_write.c:generic_copy_file_checks()");

    /** 5.12: sendfile into a pipe uses splice_file_to_pipe directly. */
    static final BehaviourSwitch SENDFILE_TO_PIPE_DIRECT = new BehaviourSwitch("SENDFILE_TO_PIPE_DIRECT",
            "sendfile into a pipe splices the file straight into it instead of going through the private pipe",
            VersionRanges.since("5.12"), "fs/read_write.c:do_sendfile()");

    /**
     * 6.0, commit 97ef77c52b78 "fs: check FMODE_LSEEK to control internal pipe splicing": the
     * private-pipe path wants a seekable input instead of a regular file or block device. It was
     * also taken into 5.4.y and 5.10.y stable in 2022 and reverted there two months later; the
     * model keeps those branches on the old rule.
     */
    static final BehaviourSwitch DIRECT_SPLICE_LSEEK = new BehaviourSwitch("SPLICE_DIRECT_INPUT_LSEEK",
            "sendfile and copy_file_range accept any seekable input (FMODE_LSEEK) instead of only regular files and block devices",
            VersionRanges.since("6.0"), "fs/splice.c:splice_direct_to_actor()");

    /** Between 4.10.17 and 4.12.0 (4.11 not examined): splice, tee and vmsplice refuse unknown flags. */
    static final BehaviourSwitch SPLICE_FLAG_CHECK = new BehaviourSwitch("SPLICE_FLAG_CHECK",
            "splice, tee and vmsplice give EINVAL for flags outside SPLICE_F_ALL (tee before its len == 0 test)",
            VersionRanges.since("4.12"), "fs/splice.c:SYSCALL_DEFINE6(splice), SYSCALL_DEFINE4(tee)");

    /** 5.8: the mode check moves to the top of do_splice, after both descriptors are looked up. */
    static final BehaviourSwitch SPLICE_MODES_IN_DO_SPLICE = new BehaviourSwitch("SPLICE_MODES_IN_DO_SPLICE",
            "splice checks both descriptors before either access mode", VersionRanges.since("5.8"),
            "fs/splice.c:do_splice()");

    /** 5.10: __do_splice gives ESPIPE for an offset on a pipe before the mode check (EBADF). */
    static final BehaviourSwitch SPLICE_ESPIPE_FIRST = new BehaviourSwitch("SPLICE_ESPIPE_BEFORE_EBADF",
            "splice checks offsets on pipes (ESPIPE) and offset pointers (EFAULT) before the access modes (EBADF)",
            VersionRanges.since("5.10"), "fs/splice.c:__do_splice()");

    /** Between 5.0.1 and 5.2.1: a pipe's O_NONBLOCK makes splice and tee non-blocking. */
    static final BehaviourSwitch PIPE_NONBLOCK_SPLICE = new BehaviourSwitch("PIPE_NONBLOCK_IMPLIES_SPLICE_NONBLOCK",
            "a pipe opened O_NONBLOCK makes splice and tee on it non-blocking, as SPLICE_F_NONBLOCK does",
            VersionRanges.since("5.2"), "fs/splice.c:do_splice(), do_tee()");

    /** 4.9: ITER_PIPE: a full pipe ends a file-to-pipe splice short instead of waiting mid-call. */
    static final BehaviourSwitch ITER_PIPE = new BehaviourSwitch("SPLICE_READ_ITER_PIPE",
            "splice from a file waits for room first (wait_for_space), then fills what fits and returns short",
            VersionRanges.since("4.9"), "fs/splice.c:do_splice(), lib/iov_iter.c:copy_page_to_iter_pipe()");

    /** 5.5 (backported to 5.4.4, 5.3.17, 4.19.90): the length is clamped to the free slots before rw_verify_area. */
    static final BehaviourSwitch SPLICE_READ_CLAMP = new BehaviourSwitch("SPLICE_READ_CLAMP_FIRST",
            "splice from a file clamps the length to the pipe's free slots before checking it (SIZE_MAX is accepted)",
            VersionRanges.since("5.5").alsoFrom("5.4.4", "5.3.17", "4.19.90"), "fs/splice.c:do_splice(), commit 3253d9d09337");

    /**
     * 6.8, Amir Goldstein's series moving the permission hooks out of the splice helpers ("splice:
     * move permission hook out of splice_file_to_pipe()"): {@code do_splice} calls
     * {@code rw_verify_area} with the unclamped length before {@code splice_file_to_pipe} waits
     * for room. 6.6.57 lacks it (a real 6.1.158 and 6.6.57 spliced 100 bytes for SIZE_MAX), 6.8.0
     * has it; 6.7 was not read.
     */
    static final BehaviourSwitch SPLICE_VERIFY_FIRST = new BehaviourSwitch("SPLICE_READ_VERIFY_FIRST",
            "splice from a file checks the unclamped length (SIZE_MAX is EINVAL again) before waiting for room",
            VersionRanges.since("6.8"), "fs/splice.c:do_splice()");

    /**
     * 4.9.0: wait_for_space forgot the readers test (4.10 has it). The 4.9.y trees read have it
     * from 4.9.20 on (4.9.20, 35, 57, 88, 154, 229, 337; a real 4.9.337 gave EPIPE), so the fix
     * is modelled on that branch from 4.9.20; 4.9.1 to 4.9.19 were not read.
     */
    static final BehaviourSwitch SPLICE_NO_READERS_SILENT = new BehaviourSwitch("SPLICE_TO_READERLESS_PIPE_SUCCEEDS",
            "splice from a file into a pipe with no readers queues the data instead of EPIPE + SIGPIPE",
            VersionRanges.since("4.9").until("4.10").backportedTo("4.9.20"), "fs/splice.c:wait_for_space()");

    /** 4.9: import_iovec: vmsplice skips zero-length segments instead of stopping at them. */
    static final BehaviourSwitch VMSPLICE_SKIPS_EMPTY = new BehaviourSwitch("VMSPLICE_SKIPS_EMPTY_SEGMENTS",
            "vmsplice skips zero-length segments (before: the first one ends the call)",
            VersionRanges.since("4.9"), "fs/splice.c:vmsplice_to_pipe()");

    /** 4.20 (seen in 4.19.304): vmsplice looks up the descriptor and imports the vectors before checking flags. */
    static final BehaviourSwitch VMSPLICE_FD_FIRST = new BehaviourSwitch("VMSPLICE_FD_BEFORE_VECTORS",
            "vmsplice checks the descriptor (EBADF) before the vector count",
            VersionRanges.since("4.20").alsoFrom("4.19.0"), "fs/splice.c:SYSCALL_DEFINE4(vmsplice)");

    /** 5.10: vmsplice checks flags first again. */
    static final BehaviourSwitch VMSPLICE_FLAGS_FIRST = new BehaviourSwitch("VMSPLICE_FLAGS_FIRST",
            "vmsplice checks its flags before anything else", VersionRanges.since("5.10"),
            "fs/splice.c:SYSCALL_DEFINE4(vmsplice)");

    /** 5.10: a file without splice_read/splice_write is EINVAL instead of the read/write fallback. */
    static final BehaviourSwitch SPLICE_NEEDS_METHODS = new BehaviourSwitch("SPLICE_NO_DEFAULT_FALLBACK",
            "splice to or from a file without splice methods is EINVAL (before: copied through read/write)",
            VersionRanges.since("5.10"), "fs/splice.c:do_splice_to(), do_splice_from()");

    /**
     * F_SETPIPE_SZ takes an unsigned long and refuses sizes above 2^31 (seen in 4.19, 5.4, 5.8;
     * 4.14 still truncated to 32 bits; modelled from 4.16) until {@code pipe_fcntl} took an
     * {@code unsigned int} argument in 6.6 ("pipe: Pass argument of pipe_fcntl as int"): the
     * trees of 6.1.158 and 6.5.0 have {@code unsigned long}, 6.6.57 and 6.8.0 {@code unsigned int};
     * a real 6.1.158 refused 2^32 + 4096 with EINVAL, a real 6.6.57 set 4096.
     */
    static final BehaviourSwitch SETPIPE_SZ_LONG = new BehaviourSwitch("SETPIPE_SZ_ARG_UNSIGNED_LONG",
            "F_SETPIPE_SZ refuses sizes above 2^31 (EINVAL) instead of truncating the argument to 32 bits",
            VersionRanges.since("4.16").until("6.6"), "fs/pipe.c:round_pipe_size(), pipe_fcntl()");

    /**
     * 6.4, 43b450632676 ("open: return EINVAL for O_DIRECTORY | O_CREAT"): refused up front.
     * Taken into 6.1.y after 6.1.20 (whose tree lacks it) and by 6.1.158 (a real 6.1.158 gave
     * EINVAL and created nothing); modelled on that branch from 6.1.158.
     */
    static final BehaviourSwitch OPEN_CREAT_DIRECTORY_EINVAL = new BehaviourSwitch("OPEN_CREAT_DIRECTORY_EINVAL",
            "open with O_CREAT|O_DIRECTORY gives EINVAL before the path is looked at", VersionRanges.since("6.4").alsoFrom("6.1.158"),
            "fs/open.c:build_open_flags()");

    /** 6.7, commit 1b057bd800c3: /dev/zero and /dev/full get copy_splice_read, /dev/zero splice_write_zero. */
    static final BehaviourSwitch MEM_ZERO_FULL_SPLICE = new BehaviourSwitch("MEM_ZERO_FULL_SPLICE",
            "splice from /dev/zero and /dev/full fills the pipe with zeros and splice into /dev/zero discards (5.10-6.6: EINVAL)",
            VersionRanges.since("6.7"), "drivers/char/mem.c:zero_fops, full_fops");

    /**
     * 5.19, 79025e727a84 ("random: wire up fops->splice_{read,write}_iter()"), taken into the
     * stable branches with the random.c backports of 2022: 5.15.y after 5.15.24 (its tree lacks
     * it) and by 5.15.85 (a real 5.15.85 spliced 16 bytes from /dev/urandom), also 5.4.286's
     * tree (where the default fallback served splice anyway); 5.10.89 still gave EINVAL and later
     * 5.10.y were not read. Modelled on 5.15.y from 5.15.85.
     */
    static final BehaviourSwitch RANDOM_SPLICE_ITER = new BehaviourSwitch("RANDOM_SPLICE_ITER",
            "/dev/random and /dev/urandom have splice_read and iter_file_splice_write (5.10-5.18: splice is EINVAL)",
            VersionRanges.since("5.19").alsoFrom("5.15.85"), "drivers/char/random.c:urandom_fops, random_fops");

    /** 4.9: a new pipe is capped to pipe-max-size for tasks without CAP_SYS_RESOURCE; F_SETPIPE_SZ's EPERM only when growing. */
    static final BehaviourSwitch PIPE_MAX_SIZE_CAPS_NEW_PIPES = new BehaviourSwitch("PIPE_MAX_SIZE_CAPS_NEW_PIPES",
            "new pipes get at most pipe-max-size worth of slots without CAP_SYS_RESOURCE, and F_SETPIPE_SZ refuses sizes above it only when growing",
            VersionRanges.since("4.9"), "fs/pipe.c:alloc_pipe_info(), pipe_set_size()");

    /**
     * 6.2, "attr: use consistent sgid stripping checks": chown by a caller outside the file's group without
     * CAP_FSETID drops S_ISGID whether or not S_IXGRP is set (before: only together with S_IXGRP).
     */
    static final BehaviourSwitch CHOWN_DROPS_SGID_OUTSIDE_GROUP = new BehaviourSwitch("CHOWN_DROPS_SGID_OUTSIDE_GROUP",
            "chown by a caller outside the file's group, without CAP_FSETID, drops S_ISGID even without S_IXGRP",
            VersionRanges.since("6.2"), "fs/attr.c:setattr_should_drop_sgid()");

    /** 6.6, "shmem: add support for user extended attributes": tmpfs takes {@code user.} attributes. */
    static final BehaviourSwitch TMPFS_USER_XATTR = new BehaviourSwitch("TMPFS_USER_XATTR",
            "tmpfs stores user. extended attributes (before: EOPNOTSUPP)",
            VersionRanges.since("6.6"), "mm/shmem.c:shmem_xattr_handlers");

    /**
     * 5.10: sysctl files get splice_read and splice_write with "sysctl: Convert to iter interfaces"
     * (4bd6a7353ee1), in the pull that removed the read/write fallbacks (36e2c7421f02).
     */
    static final BehaviourSwitch PROC_SYSCTL_SPLICE = new BehaviourSwitch("PROC_SYSCTL_SPLICE",
            "/proc/sys files have splice_read and iter_file_splice_write (before: default_file_splice_read/write)",
            VersionRanges.since("5.10"), "fs/proc/proc_sysctl.c:proc_sys_file_operations");

    /**
     * 3.16, commit 8d0207652cbe ("->splice_write() via ->write_iter()"): ext4 and tmpfs write
     * spliced data with {@code iter_file_splice_write}; up to 3.15 {@code generic_file_splice_write}
     * ran {@code pipe_to_file}, which copies only {@code if (buf->page != page)}: a same-page copy
     * (sendfile or splice within one page of a file) reports its count and moves nothing.
     */
    static final BehaviourSwitch SPLICE_WRITE_ITER = new BehaviourSwitch("SPLICE_WRITE_ITER",
            "splice into ext4 and tmpfs goes through iter_file_splice_write (before: pipe_to_file, which skips a buffer whose page is the destination page)",
            VersionRanges.since("3.16"), "fs/splice.c:iter_file_splice_write(), fs/ext4/file.c:ext4_file_operations");

    /**
     * 4.5, "fcntl: allow to set O_DIRECT flag on pipe": {@code setfl} exempts FIFOs from the
     * {@code a_ops->direct_IO} test, so F_SETFL can switch a pipe to packet mode (4.4.178 lacks
     * it, 4.5.0 has it).
     */
    static final BehaviourSwitch SETFL_ODIRECT_PIPE = new BehaviourSwitch("SETFL_O_DIRECT_ON_PIPES",
            "F_SETFL accepts O_DIRECT on a pipe (packet mode); before: EINVAL, as pipes have no direct_IO",
            VersionRanges.since("4.5"), "fs/fcntl.c:setfl()");

    /**
     * ext4's SEEK_DATA/SEEK_HOLE ({@code fs/ext4/file.c:ext4_llseek()}), three steps that show on a
     * negative offset ({@code VfsBehaviour.Ext4SeekHole}). 4.5 (as 3.10) walks with
     * {@code ext4_map_blocks()} and steps past its answers: {@code lseek(fd, -1, SEEK_DATA)} wraps
     * block 0xffffffff to 0 and lands on the first data. 4.6, 2d90c160e5f1 "ext4: more efficient
     * SEEK_DATA implementation": {@code ext4_get_next_extent()} returns the {@code -EFSCORRUPTED}
     * that {@code ext4_map_blocks()} gives for a block at or past {@code EXT_MAX_BLOCKS}: EUCLEAN
     * (the loop read in 4.9.337 and 4.10.17). An {@code offset < 0} test (ENXIO) is in 4.14.67,
     * 4.9.337 and 4.4.178 but not 4.10.17; 4.11 to 4.13 were not read and the commit was not
     * found, so it is modelled from 4.14, and on the 4.4 and 4.9 branches from the first release
     * seen with it (on 4.4.178, before the 4.6 walk, the answers for other offsets are the same). 4.15, 545052e9e35a "ext4: Switch to iomap for SEEK_HOLE /
     * SEEK_DATA": {@code iomap_seek_data()}/{@code iomap_seek_hole()}, ENXIO for negative offsets
     * since d6ab17f26191.
     */
    static final BehaviourSwitch EXT4_SEEK_NEXT_EXTENT = new BehaviourSwitch("EXT4_SEEK_ERRORS_RETURNED",
            "ext4 SEEK_DATA/SEEK_HOLE return ext4_map_blocks errors: a negative offset gives EUCLEAN (before: SEEK_DATA from -1 wraps to block 0, SEEK_HOLE gives EINVAL)",
            VersionRanges.since("4.6"), "fs/ext4/file.c:ext4_seek_data(), fs/ext4/inode.c:ext4_get_next_extent()");

    /** See {@link #EXT4_SEEK_NEXT_EXTENT}: a negative offset is refused up front (ENXIO). */
    static final BehaviourSwitch EXT4_SEEK_NEGATIVE_ENXIO = new BehaviourSwitch("EXT4_SEEK_NEGATIVE_ENXIO",
            "ext4 SEEK_DATA/SEEK_HOLE give ENXIO for a negative offset before walking the file",
            VersionRanges.since("4.14").alsoFrom("4.4.178", "4.9.337"), "fs/ext4/file.c:ext4_seek_data(), ext4_seek_hole()");

    /** See {@link #EXT4_SEEK_NEXT_EXTENT}: iomap from 4.15. */
    static final BehaviourSwitch EXT4_SEEK_IOMAP = new BehaviourSwitch("EXT4_SEEK_IOMAP",
            "ext4 SEEK_DATA/SEEK_HOLE go through iomap_seek_data/iomap_seek_hole",
            VersionRanges.since("4.15"), "fs/ext4/file.c:ext4_llseek(), fs/iomap.c:iomap_seek_data()");

    /**
     * 5.7, 973d4b73fbaf: {@code do_open} tests O_DIRECTORY on a file the open just created, so
     * {@code open(O_CREAT|O_DIRECTORY)} of a new name leaves a regular file and gives ENOTDIR; up
     * to 5.6 it created the file and opened it (real 3.10.99 to 5.4.286 returned a descriptor,
     * 5.8.18 to 5.19.0 ENOTDIR with the file left behind). Read in the trees: 5.4.286's
     * {@code do_last} jumps from {@code FMODE_CREATED} to {@code finish_open_created}, past the
     * {@code LOOKUP_DIRECTORY} test; 5.8.18's {@code do_open} makes the test on every file.
     */
    static final BehaviourSwitch OPEN_CREATED_DIRECTORY_TEST = new BehaviourSwitch("OPEN_CREATED_FILE_MEETS_O_DIRECTORY",
            "open(O_CREAT|O_DIRECTORY) of a new name gives ENOTDIR, the created regular file left behind (before: the new file is opened)",
            VersionRanges.since("5.7"), "fs/namei.c:do_open()");

    /** Every switch, for listings. */
    static final List<BehaviourSwitch> ALL = List.of(MERGE_BY_FLAG, NO_MERGE_INTO_LINKED, DIRTY_PIPE, NOTIFICATION_PIPE,
            CFR_FILE_TYPE_CHECKS, CFR_53_CHECKS, CFR_CROSS_SB_EXDEV, SENDFILE_TO_PIPE_DIRECT, DIRECT_SPLICE_LSEEK,
            SPLICE_FLAG_CHECK, SPLICE_MODES_IN_DO_SPLICE, SPLICE_ESPIPE_FIRST, PIPE_NONBLOCK_SPLICE, ITER_PIPE,
            SPLICE_READ_CLAMP, SPLICE_VERIFY_FIRST, SPLICE_NO_READERS_SILENT, VMSPLICE_SKIPS_EMPTY, VMSPLICE_FD_FIRST,
            VMSPLICE_FLAGS_FIRST, SPLICE_NEEDS_METHODS, SETPIPE_SZ_LONG, OPEN_CREAT_DIRECTORY_EINVAL,
            MEM_ZERO_FULL_SPLICE, RANDOM_SPLICE_ITER, PIPE_MAX_SIZE_CAPS_NEW_PIPES,
            CHOWN_DROPS_SGID_OUTSIDE_GROUP, TMPFS_USER_XATTR, PROC_SYSCTL_SPLICE, SPLICE_WRITE_ITER, SETFL_ODIRECT_PIPE,
            EXT4_SEEK_NEXT_EXTENT, EXT4_SEEK_NEGATIVE_ENXIO, EXT4_SEEK_IOMAP, OPEN_CREATED_DIRECTORY_TEST);
}
