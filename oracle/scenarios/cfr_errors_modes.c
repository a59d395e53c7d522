// scenario: copy_file_range access-mode errors and their order: bad fd before flags, flags != 0 (EINVAL), O_APPEND destination, read-only destination, write-only source, O_PATH source (EBADF), even with len 0
// expect: flags 1 gives EINVAL, but a bad fd is reported first (EBADF); an O_APPEND destination gives EBADF (also with offsets and with len 0); a read-only destination, a write-only source and an O_PATH source give EBADF; flags 1 with len 0 gives EINVAL; a valid call then copies 10
#include "scenario.h"

int main(void)
{
    char buf[100];
    make_alpha_file("src", 100);
    int fd = open("dst", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    write(fd, "abcdefghij", 10);
    close(fd);
    int s = open("src", O_RDONLY), d = open("dst", O_RDWR);
    loff_t o1 = 0, o2 = 0;
    EXPECT(copy_file_range(s, NULL, d, NULL, 10, 1), -1);
    EXPECT(copy_file_range(-1, NULL, d, NULL, 10, 1), -1);
    EXPECT(copy_file_range(s, NULL, -1, NULL, 10, 0), -1);
    EXPECT(copy_file_range(s, NULL, 99, NULL, 10, 0), -1);
    int ap = open("dst", O_WRONLY | O_APPEND);
    EXPECT(copy_file_range(s, NULL, ap, NULL, 10, 0), -1);
    EXPECT(copy_file_range(s, &o1, ap, &o2, 10, 0), -1);
    EXPECT(copy_file_range(s, NULL, ap, NULL, 0, 0), -1);
    int ro = open("dst", O_RDONLY);
    EXPECT(copy_file_range(s, NULL, ro, NULL, 10, 0), -1);
    int wo = open("src", O_WRONLY);
    EXPECT(copy_file_range(wo, NULL, d, NULL, 10, 0), -1);
    int pa = open("src", O_RDONLY | O_PATH);
    EXPECT(copy_file_range(pa, NULL, d, NULL, 10, 0), -1);
    EXPECT(copy_file_range(s, NULL, d, NULL, 0, 1), -1);
    EXPECT(copy_file_range(s, NULL, d, NULL, 10, 0), 10);
    EXPECT(pread(d, buf, 100, 0), 10);
    close(s); close(d); close(ap); close(ro); close(wo); close(pa);
    return 0;
}
