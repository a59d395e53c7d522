// scenario: vmsplice error paths: regular file and O_PATH fds (EBADF), bad flags, zero iovecs or zero length (0, even on a non-pipe), too many iovecs, full pipe with SPLICE_F_NONBLOCK (EAGAIN), no reader (EPIPE)
// expect: a regular file, fd -1 and an O_PATH fd give EBADF; zero iovecs or one empty iovec return 0, even on the regular file; flag 0x100 gives EINVAL; 1025 iovecs give EINVAL; a full pipe with SPLICE_F_NONBLOCK gives EAGAIN; without readers EPIPE plus SIGPIPE, with and without SPLICE_F_NONBLOCK
#include "scenario.h"

int main(void)
{
    static struct iovec many[1025];
    static char page[4096], buf[8192];
    int p[2];
    signal(SIGPIPE, SIG_IGN);
    struct iovec v = {"ABCDEFGHIJ", 10}, e = {"", 0};
    int f = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
    EXPECT(vmsplice(f, &v, 1, 0), -1);
    EXPECT(vmsplice(f, &v, 0, 0), 0);
    EXPECT(vmsplice(f, &e, 1, 0), 0);
    EXPECT(vmsplice(-1, &v, 1, 0), -1);
    int pa = open("f", O_RDONLY | O_PATH);
    EXPECT(vmsplice(pa, &v, 1, 0), -1);
    pipe2(p, O_NONBLOCK);
    EXPECT(vmsplice(p[1], &v, 1, 0x100), -1);
    EXPECT(vmsplice(p[1], &v, 0, 0), 0);
    EXPECT(vmsplice(p[1], many, 1025, 0), -1);
    EXPECT(fcntl(p[1], F_SETPIPE_SZ, 4096), 4096);
    for (int i = 0; i < 4096; i++)
        page[i] = 'a' + i % 26;
    EXPECT(write(p[1], page, 4096), 4096);
    EXPECT(vmsplice(p[1], &v, 1, SPLICE_F_NONBLOCK), -1);
    EXPECT(read(p[0], buf, 8192), 4096);
    close(p[0]);
    EXPECT(vmsplice(p[1], &v, 1, SPLICE_F_NONBLOCK), -1);
    EXPECT(vmsplice(p[1], &v, 1, 0), -1);
    close(p[1]); close(pa); close(f);
    return 0;
}
