// scenario: splice EAGAIN: SPLICE_F_NONBLOCK on an empty source pipe and on a full target pipe, and the same with O_NONBLOCK pipes and flags 0
// expect: SPLICE_F_NONBLOCK on an empty blocking pipe gives EAGAIN; after a 4096-byte pipe is filled by splice, SPLICE_F_NONBLOCK into it gives EAGAIN (f_pos 4096); with O_NONBLOCK pipes and flags 0 the same cases give EAGAIN (empty source, full target, pipe into full pipe); once there is room pipe->pipe moves 100 and the rest drains (100, 3996), then EAGAIN
// Before 5.2 splice ignores the pipes' O_NONBLOCK: the first flags-0 call on an empty
// O_NONBLOCK pipe blocks there until the watchdog ends the program (exit status 137).
#include "scenario.h"

int main(void)
{
    static char big[10000], buf[8192];
    int p[2], q[2];
    fill_alpha(big, sizeof big, 0);
    int fd = open("src", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    write(fd, big, sizeof big);
    close(fd);
    int s = open("src", O_RDONLY);
    int d = open("dst", O_RDWR | O_CREAT | O_TRUNC, 0644);
    pipe2(p, 0);
    EXPECT(splice(p[0], NULL, d, NULL, 100, SPLICE_F_NONBLOCK), -1);
    EXPECT(fcntl(p[1], F_SETPIPE_SZ, 4096), 4096);
    EXPECT(splice(s, NULL, p[1], NULL, 4096, 0), 4096);
    EXPECT(splice(s, NULL, p[1], NULL, 100, SPLICE_F_NONBLOCK), -1);
    EXPECT(lseek(s, 0, SEEK_CUR), 4096);
    pipe2(q, O_NONBLOCK);
    EXPECT(splice(q[0], NULL, d, NULL, 100, 0), -1);
    EXPECT(fcntl(q[1], F_SETPIPE_SZ, 4096), 4096);
    EXPECT(write(q[1], big, 4096), 4096);
    EXPECT(splice(s, NULL, q[1], NULL, 100, 0), -1);
    EXPECT(splice(p[0], NULL, q[1], NULL, 100, 0), -1);
    EXPECT(read(q[0], buf, 8192), 4096);
    EXPECT(splice(p[0], NULL, q[1], NULL, 100, 0), 100);
    EXPECT(splice(q[0], NULL, d, NULL, 1000, 0), 100);
    EXPECT(splice(p[0], NULL, d, NULL, 8192, 0), 3996);
    EXPECT(splice(p[0], NULL, q[1], NULL, 100, 0), -1);
    EXPECT(pread(d, buf, 8192, 0), 4096);
    close(s); close(d); close(p[0]); close(p[1]); close(q[0]); close(q[1]);
    return 0;
}
