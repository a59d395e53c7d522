// scenario: vmsplice into a pipe with iovecs {0 bytes, 5 bytes}, then {5 bytes, 0 bytes, 3 bytes}; the pipe is read after the write end is closed
// expect: a zero-length iovec is skipped: {0, 5} returns 5 and {5, 0, 3} returns 8; the pipe reads "abcdewxyzastu" (13), then 0 (4.5: a zero-length iovec ends the call, 0 and 5, the pipe reads only "wxyza")
#include "scenario.h"

int main(void)
{
    char buf[64];
    int p[2];
    pipe2(p, 0);
    struct iovec a[2] = {{"", 0}, {"abcde", 5}};
    struct iovec b[3] = {{"wxyza", 5}, {"", 0}, {"stu", 3}};
    EXPECT(vmsplice(p[1], a, 2, 0), 5);
    EXPECT(vmsplice(p[1], b, 3, 0), 8);
    close(p[1]);
    EXPECT(read(p[0], buf, 64), 13);
    EXPECT_BYTES(buf, "abcdewxyzastu", 13);
    EXPECT(read(p[0], buf, 64), 0);
    close(p[0]);
    return 0;
}
