// scenario: vmsplice on an fd that is not open (99) with 0 segments and with 1 segment, then on a pipe with 0 segments
// expect: fd 99 gives EBADF with 0 segments as with 1 (the fd is looked up before the segments are counted); the pipe with 0 segments returns 0
#include "scenario.h"

int main(void)
{
    int p[2];
    struct iovec v = {"abcde", 5};
    EXPECT(vmsplice(99, &v, 0, 0), -1);
    EXPECT(vmsplice(99, &v, 1, 0), -1);
    pipe2(p, 0);
    EXPECT(vmsplice(p[1], &v, 0, 0), 0);
    close(p[0]); close(p[1]);
    return 0;
}
