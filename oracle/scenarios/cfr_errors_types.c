// scenario: copy_file_range file-type and range errors: pipe (EINVAL, even len 0), directory (EISDIR, before access checks), negative offsets, offsets near LLONG_MAX, an offset past the file size limit, len SIZE_MAX
// expect: a pipe on either side gives EINVAL, even with len 0; a directory on either side gives EISDIR (before any EBADF or EINVAL); negative offsets give EOVERFLOW, not EINVAL; source offset LLONG_MAX-5 returns 0 (past EOF); destination offsets LLONG_MAX-5 and 2^50 give EFBIG; len SIZE_MAX is clamped to the 100 bytes available
#include "scenario.h"

int main(void)
{
    char buf[100];
    struct stat st;
    int p[2];
    loff_t a, b;
    make_alpha_file("src", 100);
    int s = open("src", O_RDONLY);
    int d = open("dst", O_RDWR | O_CREAT | O_TRUNC, 0644);
    pipe2(p, O_NONBLOCK);
    write(p[1], "0123456789", 10);
    EXPECT(copy_file_range(p[0], NULL, d, NULL, 10, 0), -1);
    EXPECT(copy_file_range(s, NULL, p[1], NULL, 10, 0), -1);
    EXPECT(copy_file_range(p[0], NULL, d, NULL, 0, 0), -1);
    int dir = open(".", O_RDONLY | O_DIRECTORY);
    EXPECT(copy_file_range(dir, NULL, d, NULL, 10, 0), -1);
    EXPECT(copy_file_range(s, NULL, dir, NULL, 10, 0), -1);
    EXPECT(copy_file_range(dir, NULL, p[1], NULL, 10, 0), -1);
    a = -1; b = 0;
    EXPECT(copy_file_range(s, &a, d, &b, 10, 0), -1);
    a = 0; b = -1;
    EXPECT(copy_file_range(s, &a, d, &b, 10, 0), -1);
    a = INT64_MAX - 5; b = 0;
    EXPECT(copy_file_range(s, &a, d, &b, 10, 0), 0);
    a = 0; b = INT64_MAX - 5;
    EXPECT(copy_file_range(s, &a, d, &b, 10, 0), -1);
    a = 0; b = 1LL << 50;
    EXPECT(copy_file_range(s, &a, d, &b, 10, 0), -1);
    a = 0; b = 0;
    EXPECT(copy_file_range(s, &a, d, &b, SIZE_MAX, 0), 100);
    fstat(d, &st);
    EXPECT(read(p[0], buf, 100), 10);
    close(s); close(d); close(dir); close(p[0]); close(p[1]);
    return 0;
}
