// scenario: the seed bug over two pages: copy_file_range inside one 8192-byte file from [0] to [100], 8000 bytes
// expect: copy_file_range gives EINVAL (same-file overlap check, 5.3 and later) and the 8192 bytes are unchanged (before 5.3 it returns 8000 and the copy smears forward; 3.10 has no copy_file_range: ENOSYS)
#include "scenario.h"

int main(void)
{
    static char buf[10000], want[8192];
    loff_t in = 0, out = 100;
    make_alpha_file("f", 8192);
    fill_alpha(want, 8192, 0);
    int fd = open("f", O_RDWR);
    EXPECT(sys_copy_file_range(fd, &in, fd, &out, 8000, 0), -1);
    EXPECT(pread(fd, buf, 10000, 0), 8192);
    EXPECT_BYTES(buf, want, 8192);
    close(fd);
    return 0;
}
