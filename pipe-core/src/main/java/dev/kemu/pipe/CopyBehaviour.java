package dev.kemu.pipe;

/**
 * What copy_file_range and sendfile do differently from one kernel version to another
 * ({@code fs/read_write.c}, {@code fs/splice.c:splice_direct_to_actor()}). Every default is
 * 6.18's.
 */
public interface CopyBehaviour {
    /** The copy_file_range check sequence of a version band (research §9.4). */
    enum CopyFileRange {
        /** RHEL 7.9: checks, then ENOSYS: the splice fallback is compiled out ("splice is broken on RHEL7"). */
        RHEL7,
        /** 4.5–4.10: flags, rw_verify_area, modes (EBADF), same superblock (EXDEV), then do_splice_direct; no file-type checks. */
        V4_5,
        /** 4.12–5.2: adds EISDIR / EINVAL for directories and non-regular files before rw_verify_area. */
        V4_12,
        /** 5.3–5.18 ({@code generic_copy_file_checks}): EOVERFLOW, clamp to EOF, EFBIG, overlap EINVAL; any two filesystems. */
        V5_3,
        /** 5.19+ and the 5.10.198/5.15.100 backports: as 5.3 but EXDEV again across superblocks. */
        V5_19
    }

    /** How sendfile is checked and routed (research §9.5). */
    enum Sendfile {
        /** 3.10: O_APPEND checked in the actor after the data was read; input must be a regular file or block device. */
        V3_10,
        /** 3.11–5.11: O_APPEND and rw_verify_area(WRITE) in do_splice_direct, before the input check. */
        V4_5,
        /** 5.12–5.19: a pipe as output gets splice_file_to_pipe directly. */
        V5_12,
        /** 6.x: the input needs FMODE_LSEEK instead of being a regular file or block device. */
        V6
    }

    default CopyFileRange copyFileRange() {
        return CopyFileRange.V5_19;
    }

    default Sendfile sendfile() {
        return Sendfile.V6;
    }

    /** The 6.18 behaviour. */
    CopyBehaviour DEFAULT = new CopyBehaviour() {
    };
}
