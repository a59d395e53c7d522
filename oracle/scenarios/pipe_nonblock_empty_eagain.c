// scenario: O_NONBLOCK reads of an empty pipe: EAGAIN, zero-length read, readv, then data, then 0 once the writer is closed
// expect: O_NONBLOCK read and readv of an empty pipe give EAGAIN; a read of 0 bytes returns 0 (no EAGAIN); the data is read once, then EAGAIN again; after the writer closes, read returns 0
#include "scenario.h"

int main(void)
{
    static char buf[100];
    int p[2];
    pipe2(p, O_NONBLOCK);
    EXPECT(read(p[0], buf, 100), -1);
    EXPECT(read(p[0], buf, 0), 0);
    struct iovec v = {buf, 8};
    EXPECT(readv(p[0], &v, 1), -1);
    write(p[1], "hello", 5);
    EXPECT(read(p[0], buf, 100), 5);
    EXPECT(read(p[0], buf, 100), -1);
    close(p[1]);
    EXPECT(read(p[0], buf, 100), 0);
    close(p[0]);
    return 0;
}
