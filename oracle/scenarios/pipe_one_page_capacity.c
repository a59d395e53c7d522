// scenario: a pipe shrunk to one page (F_SETPIPE_SZ 1 -> 4096): partial write, EAGAIN until the page is fully drained, small writes merging up to exactly 4096
// expect: F_SETPIPE_SZ 1 returns 4096; a 10000-byte write returns 4096; a 1-byte write gives EAGAIN, even after 100 bytes are read (the end of the page is still used); after the page is drained writes of 1, 2000 and 2095 bytes merge into one page (4096) and the next byte gives EAGAIN
#include "scenario.h"

int main(void)
{
    static char big[10000], buf[8192];
    int p[2];
    pipe2(p, O_NONBLOCK);
    EXPECT(fcntl(p[1], F_SETPIPE_SZ, 1), 4096);
    fill_alpha(big, sizeof big, 0);
    EXPECT(write(p[1], big, 10000), 4096);
    EXPECT(write(p[1], "x", 1), -1);
    EXPECT(read(p[0], buf, 100), 100);
    EXPECT(write(p[1], "x", 1), -1);
    EXPECT(read(p[0], buf, 8192), 3996);
    EXPECT(write(p[1], "x", 1), 1);
    EXPECT(write(p[1], big, 2000), 2000);
    EXPECT(write(p[1], big, 2095), 2095);
    EXPECT(write(p[1], "x", 1), -1);
    EXPECT(read(p[0], buf, 8192), 4096);
    close(p[0]); close(p[1]);
    return 0;
}
