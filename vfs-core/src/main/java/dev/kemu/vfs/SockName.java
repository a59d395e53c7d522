package dev.kemu.vfs;

/**
 * What {@code getsockname} and {@code getpeername} return: 0 or a negated errno, the address
 * ({@code sockaddr_storage} as the family's {@code getname} filled it) and its length, which
 * {@code move_addr_to_user} stores in {@code *addrlen} however much of the address fitted.
 *
 * @param ret 0 or a negated errno
 * @param addr the address, null on error
 * @param addrlen the address's length, 0 on error
 */
public record SockName(long ret, Sockaddr addr, int addrlen) {
    /** An error: no address. */
    public static SockName error(long err) {
        return new SockName(err, null, 0);
    }
}
