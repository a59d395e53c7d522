// scenario: O_NONBLOCK write larger than the pipe: partial count; with data already queued the write first tops up the last page with (len mod 4096) bytes
// expect: a 70000-byte O_NONBLOCK write into an empty pipe returns 65536, then EAGAIN; with 10 bytes queued a 70000-byte write returns 61808 (368 = 70000 mod 4096 merged into the queued page, then 15 full pages); reads return 65536 and 61818, then EAGAIN
#include "scenario.h"

int main(void)
{
    static char big[70000], buf[131072];
    int p[2];
    pipe2(p, O_NONBLOCK);
    fill_alpha(big, sizeof big, 0);
    EXPECT(write(p[1], big, 70000), 65536);
    EXPECT(write(p[1], "A", 1), -1);
    EXPECT(read(p[0], buf, sizeof buf), 65536);
    write(p[1], "0123456789", 10);
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = 'a' + i % 26;
    EXPECT(write(p[1], big, 70000), 61808);
    EXPECT(read(p[0], buf, sizeof buf), 61818);
    EXPECT(read(p[0], buf, sizeof buf), -1);
    close(p[0]); close(p[1]);
    return 0;
}
