package dev.kemu.fs.procfs;

import dev.kemu.vfs.Inode;
import dev.kemu.vfs.SuperBlock;
import dev.kemu.vfs.UtsNamespace;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code /proc/sys/kernel} with the writable entries of {@code kernel/utsname_sysctl.c:uts_kern_table}:
 * {@code hostname} ({@code nodename}) and {@code domainname}, mode 0644, {@code maxlen}
 * {@code __NEW_UTS_LEN + 1}, handled by {@code proc_do_uts_string()}: the value is copied out of the
 * machine's UTS namespace under {@code uts_sem}, {@code proc_dostring()} works on the copy, and a
 * write stores the copy back.
 */
final class ProcSysKernel {
    /** {@code sizeof(init_uts_ns.name.nodename)}. */
    static final int UTS_MAXLEN = UtsNamespace.NEW_UTS_LEN + 1;

    private ProcSysKernel() {
    }

    static Inode create(SuperBlock sb) {
        ProcSbInfo info = ProcSbInfo.of(sb);
        UtsNamespace uts = info.uts();
        Inode hostname = utsFile(sb, uts::nodename, uts::setNodename, info.sysctlSplice());
        Inode domainname = utsFile(sb, uts::domainname, uts::setDomainname, info.sysctlSplice());
        return ProcSys.sysctlDir(sb, Map.of("hostname", hostname, "domainname", domainname));
    }

    private static Inode utsFile(SuperBlock sb, Supplier<byte[]> get, Consumer<byte[]> set, boolean splice) {
        return ProcInodes.newFile(sb, 0644, new ProcSysStringFile(new ProcSysStringFile.StringEntry() {
            @Override
            public byte[] get() {
                return get.get();
            }

            @Override
            public void set(byte[] value) {
                set.accept(value);
            }

            @Override
            public int maxlen() {
                return UTS_MAXLEN;
            }
        }, splice), ProcInodes.SYS_FILE_IOPS);
    }
}
