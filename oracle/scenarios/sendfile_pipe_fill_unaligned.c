// scenario: sendfile from a 32-page file into O_NONBLOCK pipes it fills, from offsets that are not page-aligned: an empty 16-slot pipe with count 65536 from offset 100, then 100 more into the full pipe; a 2-slot pipe (F_SETPIPE_SZ 8192) with count 8192 from 100; a 16-slot pipe already holding 10 bytes with count 65536 from 4000; each pipe read back after
// expect: each sendfile stops where the pipe's slots run out, one slot per page the data came from: 65436 bytes into the empty pipe (3996 from the first page, then 15 pages), EAGAIN for the next 100 bytes, 8092 into the 2-slot pipe, 57440 behind the 10 bytes (96 from the first page, then 14 pages); every read returns the bytes that were sent, in order
#include "scenario.h"

#define SIZE (32 * 4096)

int main(void)
{
    static char buf[2 * 65536], want[SIZE];
    int p[2], q[2];
    off_t off;
    make_alpha_file("src", SIZE);
    fill_alpha(want, SIZE, 0);
    int fd = open("src", O_RDONLY);

    pipe2(p, O_NONBLOCK);
    off = 100;
    long got = sendfile(p[1], fd, &off, 65536);
    EXPECT(got, 65436);
    EXPECT(off, 100 + (got > 0 ? got : 0));
    long more = sendfile(p[1], fd, &off, 100);
    EXPECT(more, -1);
    long r = read(p[0], buf, sizeof buf);
    EXPECT(r, (got > 0 ? got : 0) + (more > 0 ? more : 0));
    if (r > 0)
        EXPECT_BYTES(buf, want + 100, r);

    pipe2(q, O_NONBLOCK);
    EXPECT(fcntl(q[1], F_SETPIPE_SZ, 8192), 8192);
    off = 100;
    got = sendfile(q[1], fd, &off, 8192);
    EXPECT(got, 8092);
    r = read(q[0], buf, sizeof buf);
    EXPECT(r, got > 0 ? got : -1);
    if (r > 0)
        EXPECT_BYTES(buf, want + 100, r);

    write(p[1], "0123456789", 10);
    off = 4000;
    got = sendfile(p[1], fd, &off, 65536);
    EXPECT(got, 57440);
    r = read(p[0], buf, sizeof buf);
    EXPECT(r, 10 + (got > 0 ? got : 0));
    if (r > 10)
        EXPECT_BYTES(buf + 10, want + 4000, r - 10);

    close(p[0]); close(p[1]); close(q[0]); close(q[1]); close(fd);
    return 0;
}
