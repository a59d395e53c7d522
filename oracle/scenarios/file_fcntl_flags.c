// scenario: fcntl F_GETFL/F_SETFL (which status flags change, O_LARGEFILE shown), F_GETFD/F_SETFD, pipe-size commands on a regular file, unknown command
// expect: F_GETFL includes O_LARGEFILE (0x8002); F_SETFL changes only O_APPEND and O_NONBLOCK (access mode, O_CREAT and O_TRUNC bits are ignored, still returns 0); F_SETFD/F_GETFD toggle FD_CLOEXEC; F_GETPIPE_SZ and F_SETPIPE_SZ on a regular file give EBADF; unknown command 0x270f gives EINVAL; O_NONBLOCK changes nothing for a regular file (read returns 3)
#include "scenario.h"

int main(void)
{
    char buf[10];
    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    fcntl(fd, F_GETFL);
    fcntl(fd, F_GETFD);
    fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK);
    fcntl(fd, F_GETFL);
    fcntl(fd, F_SETFL, O_WRONLY | O_CREAT | O_TRUNC);
    fcntl(fd, F_GETFL);
    fcntl(fd, F_SETFD, 0);
    fcntl(fd, F_GETFD);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    fcntl(fd, F_GETFD);
    EXPECT(fcntl(fd, F_GETPIPE_SZ), -1);
    EXPECT(fcntl(fd, F_SETPIPE_SZ, 4096), -1);
    EXPECT(fcntl(fd, 0x270f, 0), -1);
    write(fd, "abc", 3);
    int r = open("f", O_RDONLY | O_NONBLOCK);
    fcntl(r, F_GETFL);
    EXPECT(read(r, buf, 10), 3);
    close(r); close(fd);
    return 0;
}
