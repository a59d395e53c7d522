// scenario: F_SETPIPE_SZ with 2^32 + 4096 and with 2^31 + 1 on an empty pipe, each followed by F_GETPIPE_SZ
// expect: F_SETPIPE_SZ with 2^32 + 4096 returns 4096 (the size is taken as an unsigned int) and the pipe is 4096 bytes; 2^31 + 1 gives EINVAL and the pipe keeps 4096 (4.19: EINVAL for both, the pipe keeps 65536)
#include "scenario.h"

int main(void)
{
    int p[2];
    pipe2(p, 0);
    EXPECT(fcntl(p[1], F_GETPIPE_SZ), 65536);
    EXPECT(sys_fcntl(p[1], F_SETPIPE_SZ, (1UL << 32) + 4096), 4096);
    EXPECT(fcntl(p[1], F_GETPIPE_SZ), 4096);
    EXPECT(sys_fcntl(p[1], F_SETPIPE_SZ, (1UL << 31) + 1), -1);
    EXPECT(fcntl(p[1], F_GETPIPE_SZ), 4096);
    close(p[0]); close(p[1]);
    return 0;
}
