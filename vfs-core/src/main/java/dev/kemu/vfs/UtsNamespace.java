package dev.kemu.vfs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The host and NIS domain names of one machine ({@code include/linux/utsname.h:struct uts_namespace},
 * {@code init/version.c:init_uts_ns}): {@code new_utsname.nodename} and {@code .domainname}, each at most
 * {@code __NEW_UTS_LEN} (64) bytes, shown as {@code /proc/sys/kernel/hostname} and {@code domainname}.
 *
 * <p>One instance per {@link Vfs}: the machine has one UTS namespace. Both start as
 * {@code UTS_NODENAME} and {@code UTS_DOMAINNAME}, "(none)" ({@code CONFIG_DEFAULT_HOSTNAME} and
 * {@code include/linux/uts.h}), what a kernel holds before user space names it.
 *
 * <p>{@code uts_sem} is this object's monitor; values go in and out as copies.
 */
public final class UtsNamespace {
    /** {@code __NEW_UTS_LEN}: the longest name; the field has one more byte for the NUL. */
    public static final int NEW_UTS_LEN = 64;
    /** {@code UTS_NODENAME} and {@code UTS_DOMAINNAME}. */
    static final byte[] NONE = "(none)".getBytes(StandardCharsets.US_ASCII);

    private byte[] nodename = NONE;
    private byte[] domainname = NONE;

    /** {@code utsname()->nodename} up to its NUL. */
    public synchronized byte[] nodename() {
        return nodename.clone();
    }

    /** Stores the host name. */
    public synchronized void setNodename(byte[] name) {
        nodename = checked(name);
    }

    /** {@code utsname()->domainname} up to its NUL. */
    public synchronized byte[] domainname() {
        return domainname.clone();
    }

    /** Stores the NIS domain name. */
    public synchronized void setDomainname(byte[] name) {
        domainname = checked(name);
    }

    private static byte[] checked(byte[] name) {
        if (name.length > NEW_UTS_LEN) {
            throw new IllegalArgumentException("a UTS name holds at most " + NEW_UTS_LEN + " bytes, not " + name.length);
        }
        for (byte b : name) {
            if (b == 0) {
                throw new IllegalArgumentException("a UTS name ends at its NUL: " + Arrays.toString(name));
            }
        }
        return name.clone();
    }
}
