// scenario: splice with an offset pointer on a pipe fd of the wrong mode (the write end as input, the read end as output), compared with the wrong mode alone and the offset alone
// expect: the write end as input with off_in and the read end as output with off_out give ESPIPE (the offset is checked before the mode); the wrong mode alone gives EBADF; the right mode with off_in gives ESPIPE; the 10 queued bytes are still there (5.8: EBADF for the first two)
#include "scenario.h"

int main(void)
{
    char buf[64];
    int p[2], q[2];
    loff_t off;
    pipe2(p, 0);
    pipe2(q, 0);
    EXPECT(write(p[1], "0123456789", 10), 10);
    off = 0;
    EXPECT(splice(p[1], &off, q[1], NULL, 1, 0), -1);
    off = 0;
    EXPECT(splice(p[0], NULL, q[0], &off, 1, 0), -1);
    EXPECT(splice(p[1], NULL, q[1], NULL, 1, 0), -1);
    off = 0;
    EXPECT(splice(p[0], &off, q[1], NULL, 1, 0), -1);
    EXPECT(read(p[0], buf, 64), 10);
    EXPECT_BYTES(buf, "0123456789", 10);
    close(p[0]); close(p[1]); close(q[0]); close(q[1]);
    return 0;
}
