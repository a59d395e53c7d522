// scenario: flag 0x100 (not a SPLICE_F_ flag) on splice, tee and vmsplice between two pipes, with len 0 and with data; the pipes are read after both write ends are closed
// expect: splice with len 0 returns 0 before the flags are looked at; flag 0x100 gives EINVAL on every other call, tee with flags 0 and len 0 returns 0; the second pipe reads nothing (0) and the first keeps "abcdefghij" (10) (before 4.12 the flag is ignored: tee 4, splice 3, vmsplice 2)
#include "scenario.h"

int main(void)
{
    char buf[64];
    int p[2], q[2];
    struct iovec v = {"XY", 2};
    pipe2(p, 0);
    pipe2(q, 0);
    EXPECT(write(p[1], "abcdefghij", 10), 10);
    EXPECT(splice(p[0], NULL, q[1], NULL, 0, 0x100), 0);
    EXPECT(tee(p[0], q[1], 0, 0x100), -1);
    EXPECT(tee(p[0], q[1], 0, 0), 0);
    EXPECT(tee(p[0], q[1], 4, 0x100), -1);
    EXPECT(splice(p[0], NULL, q[1], NULL, 3, 0x100), -1);
    EXPECT(vmsplice(q[1], &v, 1, 0x100), -1);
    close(p[1]);
    close(q[1]);
    EXPECT(read(q[0], buf, 64), 0);
    EXPECT(read(p[0], buf, 64), 10);
    close(p[0]); close(q[0]);
    return 0;
}
