// scenario: sendfile error paths: pipe as input (EINVAL, or ESPIPE with an offset), write-only input and read-only output (EBADF), O_APPEND output, negative offset, directory input, bad fd, reader gone (EPIPE)
// expect: a pipe as input gives EINVAL, with an offset ESPIPE, pipe->pipe EINVAL; a write-only input and a read-only output give EBADF; an O_APPEND output gives EINVAL; a negative offset (printed 18446744073709551615) gives EINVAL; a directory input gives EINVAL; fd -1 gives EBADF; count 0 returns 0; count SIZE_MAX gives EINVAL (copy_file_range clamps it instead); an output pipe without readers gives EPIPE plus SIGPIPE
#include "scenario.h"

int main(void)
{
    char buf[200];
    int p[2], q[2];
    off_t off;
    signal(SIGPIPE, SIG_IGN);
    make_alpha_file("src", 100);
    int fd = open("dst", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    write(fd, "abcdefghij", 10);
    close(fd);
    int s = open("src", O_RDONLY), d = open("dst", O_RDWR);
    pipe2(p, O_NONBLOCK);
    pipe2(q, O_NONBLOCK);
    write(p[1], "0123456789", 10);
    EXPECT(sendfile(d, p[0], NULL, 10), -1);
    off = 0;
    EXPECT(sendfile(d, p[0], &off, 10), -1);
    EXPECT(sendfile(q[1], p[0], NULL, 10), -1);
    int wo = open("src", O_WRONLY);
    EXPECT(sendfile(d, wo, NULL, 10), -1);
    int ro = open("dst", O_RDONLY);
    EXPECT(sendfile(ro, s, NULL, 10), -1);
    int ap = open("dst", O_WRONLY | O_APPEND);
    EXPECT(sendfile(ap, s, NULL, 10), -1);
    off = -1;
    EXPECT(sendfile(d, s, &off, 10), -1);
    int dir = open(".", O_RDONLY | O_DIRECTORY);
    EXPECT(sendfile(d, dir, NULL, 10), -1);
    EXPECT(sendfile(-1, s, NULL, 10), -1);
    EXPECT(sendfile(d, -1, NULL, 10), -1);
    EXPECT(sendfile(d, d, NULL, 0), 0);
    EXPECT(sendfile(d, s, NULL, SIZE_MAX), -1);
    close(q[0]);
    EXPECT(sendfile(q[1], s, NULL, 10), -1);
    EXPECT(read(p[0], buf, 100), 10);
    EXPECT(pread(d, buf, 200, 0), 10);
    close(s); close(d); close(wo); close(ro); close(ap); close(dir);
    close(p[0]); close(p[1]); close(q[1]);
    return 0;
}
