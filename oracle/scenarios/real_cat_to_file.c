// scenario: real program: cat src with stdout redirected to a regular file (cat a > b); cat tries copy_file_range on its stdout
// expect: cat checks its stdout with newfstatat(1, ...), then copies with copy_file_range(3, NULL, 1, NULL, 9223372035781033984, 0) = 50000, then = 0
// The guest has no coreutils: this static program makes the system calls GNU cat 9.1 makes
// for "cat src > dst" once its shell has redirected stdout (without the loader's calls).
#include "scenario.h"

int main(void)
{
    static unsigned char data[50000];
    struct stat st;
    fill_random(data, sizeof data, 11);
    int fd = open("src", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    write(fd, data, sizeof data);
    close(fd);
    fd = open("dst", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    sys_dup2(fd, 1);
    close(fd);
    fstat(1, &st);
    fd = open("src", O_RDONLY);
    fstat(fd, &st);
    /* coreutils copy_file_range size: SSIZE_MAX rounded down to a 1 GiB multiple */
    size_t len = 9223372035781033984ULL;
    while (copy_file_range(fd, NULL, 1, NULL, len, 0) > 0)
        ;
    close(fd);
    close(1);
    close(2);
    return 0;
}
