// scenario: splice from a 100-byte file at [0] into an empty pipe with len SIZE_MAX, then with len SSIZE_MAX; the pipe is read after the write end is closed
// expect: len SIZE_MAX gives EINVAL; len SSIZE_MAX returns 100; the pipe reads 100 bytes
#include "scenario.h"

int main(void)
{
    char buf[300], want[100];
    int p[2];
    loff_t off;
    make_alpha_file("src", 100);
    fill_alpha(want, 100, 0);
    int s = open("src", O_RDONLY);
    pipe2(p, 0);
    off = 0;
    EXPECT(splice(s, &off, p[1], NULL, SIZE_MAX, 0), -1);
    off = 0;
    EXPECT(splice(s, &off, p[1], NULL, SSIZE_MAX, 0), 100);
    close(p[1]);
    EXPECT(read(p[0], buf, 300), 100);
    EXPECT_BYTES(buf, want, 100);
    close(p[0]); close(s);
    return 0;
}
