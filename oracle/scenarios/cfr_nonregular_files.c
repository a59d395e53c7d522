// scenario: copy_file_range with a directory (O_RDONLY) as input and as output, and with a pipe end as input and as output (len 10, and len 0)
// expect: the directory on either side gives EISDIR; a pipe on either side gives EINVAL, also with len 0 (4.10: directory in EINVAL, directory out EBADF, pipes EXDEV)
#include "scenario.h"

int main(void)
{
    struct stat st;
    int p[2];
    make_alpha_file("src", 100);
    int s = open("src", O_RDONLY);
    int d = open("dst", O_RDWR | O_CREAT | O_TRUNC, 0644);
    pipe2(p, 0);
    int dir = open(".", O_RDONLY | O_DIRECTORY);
    EXPECT(sys_copy_file_range(dir, NULL, d, NULL, 10, 0), -1);
    EXPECT(sys_copy_file_range(s, NULL, dir, NULL, 10, 0), -1);
    EXPECT(sys_copy_file_range(p[0], NULL, d, NULL, 10, 0), -1);
    EXPECT(sys_copy_file_range(s, NULL, p[1], NULL, 10, 0), -1);
    EXPECT(sys_copy_file_range(s, NULL, p[1], NULL, 0, 0), -1);
    fstatat(d, "", &st, AT_EMPTY_PATH);
    EXPECT(st.st_size, 0);
    close(dir); close(p[0]); close(p[1]); close(d); close(s);
    return 0;
}
