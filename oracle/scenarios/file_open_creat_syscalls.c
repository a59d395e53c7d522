// scenario: the open and creat system calls (not openat) plus openat error paths: ENOENT, EEXIST with O_EXCL, ENOTDIR, creat on an existing file
// expect: creat and open show up as their own syscalls; creat gives a write-only fd (read EBADF, F_GETFL O_WRONLY|O_LARGEFILE); a missing name gives ENOENT; O_CREAT|O_EXCL on an existing file gives EEXIST; a path through a file gives ENOTDIR and a missing directory ENOENT; creat on an existing file truncates it but keeps mode 0644; O_RDONLY|O_CREAT creates a 0600 file whose fd cannot write (EBADF)
#include "scenario.h"

int main(void)
{
    static char buf[100];
    static struct stat st;
    int fd = sys_creat("c", 0644);
    write(fd, "hello", 5);
    EXPECT(read(fd, buf, 5), -1);
    fcntl(fd, F_GETFL);
    close(fd);
    fd = sys_open("c", O_RDONLY, 0);
    EXPECT(read(fd, buf, 100), 5);
    close(fd);
    EXPECT(sys_open("missing", O_RDONLY, 0), -1);
    EXPECT(sys_open("c", O_WRONLY | O_CREAT | O_EXCL, 0644), -1);
    EXPECT(openat(AT_FDCWD, "c", O_RDWR | O_CREAT | O_EXCL, 0644), -1);
    EXPECT(openat(AT_FDCWD, "c/x", O_RDONLY), -1);
    EXPECT(openat(AT_FDCWD, "nodir/x", O_RDWR | O_CREAT, 0644), -1);
    fd = sys_creat("c", 0600);
    sys_fstat(fd, &st);
    close(fd);
    fd = openat(AT_FDCWD, "n", O_RDONLY | O_CREAT, 0600);
    sys_fstat(fd, &st);
    EXPECT(write(fd, "x", 1), -1);
    close(fd);
    fd = sys_open("n", O_RDWR | O_CREAT, 0777);
    sys_fstat(fd, &st);
    close(fd);
    return 0;
}
