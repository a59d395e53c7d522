// scenario: F_SETPIPE_SZ rounding: sizes round up to a power-of-two number of pages, anything below a page becomes 4096; the new size limits a nonblocking write; pipe-size commands on a regular file
// expect: F_SETPIPE_SZ returns the rounded size: 5000->8192, 12288->16384, 65537->131072, 100000->131072, 1048576->1048576, 4095, 1 and 0 ->4096, 8191->8192; 4294967295 (-1) gives EINVAL; F_GETPIPE_SZ on the other end shows the same size; at 8192 a nonblocking 20000-byte write returns 8192; both pipe-size commands on a regular file give EBADF
#include "scenario.h"

int main(void)
{
    static char big[20000];
    int p[2];
    pipe2(p, O_NONBLOCK);
    EXPECT(fcntl(p[0], F_GETPIPE_SZ), 65536);
    EXPECT(fcntl(p[1], F_SETPIPE_SZ, 5000), 8192);
    EXPECT(fcntl(p[0], F_GETPIPE_SZ), 8192);
    EXPECT(fcntl(p[1], F_SETPIPE_SZ, 12288), 16384);
    EXPECT(fcntl(p[1], F_SETPIPE_SZ, 65537), 131072);
    EXPECT(fcntl(p[1], F_SETPIPE_SZ, 100000), 131072);
    EXPECT(fcntl(p[1], F_SETPIPE_SZ, 1048576), 1048576);
    EXPECT(fcntl(p[1], F_SETPIPE_SZ, 4095), 4096);
    EXPECT(fcntl(p[1], F_SETPIPE_SZ, 1), 4096);
    EXPECT(fcntl(p[1], F_SETPIPE_SZ, 0), 4096);
    EXPECT(fcntl(p[1], F_SETPIPE_SZ, -1), -1);
    EXPECT(fcntl(p[1], F_GETPIPE_SZ), 4096);
    EXPECT(fcntl(p[1], F_SETPIPE_SZ, 8191), 8192);
    fill_alpha(big, sizeof big, 0);
    EXPECT(write(p[1], big, 20000), 8192);
    EXPECT(write(p[1], "A", 1), -1);
    EXPECT(read(p[0], big, 20000), 8192);
    int f = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
    EXPECT(fcntl(f, F_GETPIPE_SZ), -1);
    EXPECT(fcntl(f, F_SETPIPE_SZ, 8192), -1);
    close(f); close(p[0]); close(p[1]);
    return 0;
}
