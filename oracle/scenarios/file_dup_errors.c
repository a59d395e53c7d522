// scenario: dup/dup2/dup3/fcntl F_DUPFD error paths, dup2 onto an open fd silently closes it, dup2 to itself, double close
// expect: dup(99), dup2(99,7), dup2(fd,-1) and dup3(99,...) give EBADF; dup2(3,3) returns 3; dup3(3,3,0) and dup3 with flag 0x4 give EINVAL; F_DUPFD with -1 (printed 4294967295) gives EINVAL; dup2(3,4) silently closes fd 4 which then reads file a; a second close(3) and close(-1) give EBADF; fd 4 then reads 0 (shared offset at EOF)
#include "scenario.h"

int main(void)
{
    char buf[100];
    int fd = open("a", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    write(fd, "ABCDEFGHIJ", 10);
    close(fd);
    fd = open("b", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    write(fd, "abcdefghij", 10);
    close(fd);
    int a = open("a", O_RDONLY), b = open("b", O_RDONLY);
    EXPECT(dup(99), -1);
    EXPECT(sys_dup2(a, a), a);
    EXPECT(sys_dup2(99, 7), -1);
    EXPECT(sys_dup2(a, -1), -1);
    EXPECT(dup3(a, a, 0), -1);
    EXPECT(dup3(a, 12, 0x4), -1);
    EXPECT(dup3(99, 12, 0), -1);
    EXPECT(fcntl(a, F_DUPFD, -1), -1);
    EXPECT(fcntl(99, F_GETFL), -1);
    EXPECT(sys_dup2(a, b), b);
    EXPECT(read(b, buf, 100), 10);
    EXPECT(close(a), 0);
    EXPECT(close(a), -1);
    EXPECT(read(b, buf, 100), 0);
    close(b);
    EXPECT(close(-1), -1);
    return 0;
}
