package dev.kemu.it.contract;


import org.junit.jupiter.api.Nested;

/** The contract run on each kernel variant, with the differences each version had. */
class KernelContractTest {

    /** 6.18: the defaults. */
    @Nested
    class Upstream618 extends KernelContract {
        @Override
        String version() {
            return "6.18";
        }
    }

    /** 5.19: as 6.18 but F_SETPIPE_SZ rejects sizes above 2^31, SIZE_MAX splices are clamped first, /dev/zero and /dev/full have no splice methods (1b057bd800c3 is 6.7). */
    @Nested
    class Upstream519 extends KernelContract {
        @Override
        String version() {
            return "5.19";
        }

        @Override
        String memDeviceSplices() {
            return "EINVAL EINVAL EINVAL";
        }

        @Override
        String setPipeSizeAbove4g() {
            return "EINVAL";
        }

        @Override
        String spliceSizeMax() {
            return "100";
        }
    }

    /** 5.10.197: the last 5.10.y before the EXDEV backport: cross-filesystem copies and the procfs 0-byte copy. */
    @Nested
    class Upstream510 extends Upstream519 {
        @Override
        String version() {
            return "5.10.197";
        }

        @Override
        String urandomSplice() {
            return "EINVAL";
        }

        @Override
        String crossFilesystemCopy() {
            return "11";
        }

        @Override
        String procfsCopy() {
            return "0";
        }
    }

    /** 5.10.198: EXDEV backported. */
    @Nested
    class Upstream510Backport extends Upstream519 {
        @Override
        String version() {
            return "5.10.198";
        }

        @Override
        String urandomSplice() {
            return "EINVAL";
        }
    }

    /** 5.8: Dirty Pipe, the mode checked before the offset. */
    @Nested
    class Upstream58 extends Upstream510 {
        @Override
        String version() {
            return "5.8";
        }

        @Override
        String memDeviceSplices() {
            return "1009 3 ENOSPC";
        }

        @Override
        String urandomSplice() {
            return "16";
        }

        @Override
        String dirtyPipe() {
            return "XYZ";
        }

        @Override
        String offsetOnWrongModePipe() {
            return "EBADF";
        }
    }

    /** 5.16.11: Dirty Pipe fixed on the 5.16 branch. */
    @Nested
    class Upstream51611 extends Upstream510 {
        @Override
        String version() {
            return "5.16.11";
        }
    }

    /** 5.2: copy_file_range before generic_copy_file_checks: the overlap smears; same-superblock only. */
    @Nested
    class Upstream52 extends Upstream58 {
        @Override
        String version() {
            return "5.2";
        }

        @Override
        String seedCopy() {
            return "200 ABCD";
        }

        @Override
        String dirtyPipe() {
            return "klm";
        }

        @Override
        String crossFilesystemCopy() {
            return "EXDEV";
        }

        @Override
        String procfsCopy() {
            return "EXDEV";
        }

        @Override
        String spliceSizeMax() {
            return "EINVAL";
        }
    }

    /** 5.0: writes still merge into tee'd and partially spliced buffers; the pipe's O_NONBLOCK does not count. */
    @Nested
    class Upstream50 extends Upstream52 {
        @Override
        String version() {
            return "5.0";
        }

        @Override
        String teeAliasing() {
            return "AC";
        }

        @Override
        String partialSpliceAliasing() {
            return "XefY";
        }

        @Override
        String nonblockPipeSplice() {
            return "blocks";
        }
    }

    /** 4.14.177: the linked-buffer fix backported; F_SETPIPE_SZ truncates to 32 bits; vmsplice checks segments first. */
    @Nested
    class Upstream414 extends Upstream52 {
        @Override
        String version() {
            return "4.14.177";
        }

        @Override
        String nonblockPipeSplice() {
            return "blocks";
        }

        @Override
        String setPipeSizeAbove4g() {
            return "4096";
        }

        @Override
        String vmspliceBadFdNoSegments() {
            return "0";
        }
    }

    /** 4.10: no flag checks, copy_file_range without file-type checks. */
    @Nested
    class Upstream410 extends Upstream50 {
        @Override
        String version() {
            return "4.10";
        }

        @Override
        String unknownSpliceFlags() {
            return "4 0";
        }

        @Override
        String setPipeSizeAbove4g() {
            return "4096";
        }

        @Override
        String vmspliceBadFdNoSegments() {
            return "0";
        }
    }

    /** 4.9.0: a reader-less pipe silently takes spliced file data. */
    @Nested
    class Upstream49 extends Upstream410 {
        @Override
        String version() {
            return "4.9";
        }

        @Override
        String spliceIntoReaderlessPipe() {
            return "100";
        }
    }

    /** 4.5: vmsplice stops at an empty segment. */
    @Nested
    class Upstream45 extends Upstream410 {
        @Override
        String version() {
            return "4.5";
        }

        @Override
        String vmspliceEmptyFirstSegment() {
            return "0";
        }
    }

    /** 4.4: as 4.5 without copy_file_range (wired into syscall_64.tbl in 4.5). */
    @Nested
    class Upstream44 extends Upstream45 {
        @Override
        String version() {
            return "4.4";
        }

        @Override
        String seedCopy() {
            return "ENOSYS WXYZ";
        }

        @Override
        String crossFilesystemCopy() {
            return "ENOSYS";
        }

        @Override
        String procfsCopy() {
            return "ENOSYS";
        }
    }

    /** 3.15: ext4 still writes spliced data with generic_file_splice_write, so pipe_to_file skips the same page (8d0207652cbe is 3.16). */
    @Nested
    class Upstream315 extends Upstream44 {
        @Override
        String version() {
            return "3.15";
        }

        @Override
        String sendfileSamePage() {
            return "100 STUV";
        }
    }

    /** 3.10 with copy_file_range backported: pipe_to_file skips the same page. */
    @Nested
    class Linux310Cfr extends Upstream45 {
        @Override
        String version() {
            return "3.10+cfr";
        }

        @Override
        String seedCopy() {
            return "200 WXYZ";
        }

        @Override
        String sendfileSamePage() {
            return "100 STUV";
        }
    }

    /** Vanilla 3.10: no copy_file_range at all. */
    @Nested
    class Linux310 extends Linux310Cfr {
        @Override
        String version() {
            return "3.10";
        }

        @Override
        String seedCopy() {
            return "ENOSYS WXYZ";
        }

        @Override
        String crossFilesystemCopy() {
            return "ENOSYS";
        }

        @Override
        String procfsCopy() {
            return "ENOSYS";
        }
    }

    /** RHEL 7.9: copy_file_range checks, then ENOSYS on ext4. */
    @Nested
    class Rhel7 extends Linux310Cfr {
        @Override
        String version() {
            return "3.10.0-1160.el7";
        }

        @Override
        String seedCopy() {
            return "ENOSYS WXYZ";
        }
    }
}
