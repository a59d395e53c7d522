// scenario: four version edges in one program: F_SETFL O_DIRECT on a pipe; open with O_CREAT|O_DIRECTORY of a new name; splice from a write-only file into a regular file (neither a pipe); splice from /proc/sys/fs/pipe-max-size into a pipe
// expect: F_SETFL O_DIRECT on a pipe succeeds and F_GETFL shows it (EINVAL before 4.5); O_CREAT|O_DIRECTORY gives EINVAL and creates nothing (before 6.4 a regular file was created, or ENOTDIR); the write-only input gives EBADF, its mode checked first (EINVAL before 5.8, neither end being a pipe); splice from the sysctl file moves its 8 bytes "1048576\n"
#include "scenario.h"

int main(void)
{
    char buf[64];
    int p[2];
    pipe2(p, 0);
    EXPECT(fcntl(p[1], F_SETFL, O_DIRECT), 0);
    EXPECT(fcntl(p[1], F_GETFL) & O_DIRECT, O_DIRECT);
    EXPECT(fcntl(p[1], F_SETFL, 0), 0);
    EXPECT(syscall(SYS_openat, AT_FDCWD, "newdir", O_CREAT | O_DIRECTORY | O_RDONLY, 0755), -1);
    EXPECT(access("newdir", F_OK), -1);
    int wo = open("wo", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int f = open("out", O_RDWR | O_CREAT | O_TRUNC, 0644);
    EXPECT(splice(wo, NULL, f, NULL, 10, 0), -1);
    int sys = open("/proc/sys/fs/pipe-max-size", O_RDONLY);
    EXPECT(splice(sys, NULL, p[1], NULL, 64, 0), 8);
    EXPECT(read(p[0], buf, sizeof buf), 8);
    close(sys); close(wo); close(f); close(p[0]); close(p[1]);
    return 0;
}
