// scenario: the seed bug: copy_file_range inside one 300-byte file from [0] to [100], 200 bytes, so source and destination overlap inside page 0
// expect: copy_file_range gives EINVAL (same-file overlap check, 5.3 and later); the pread shows the 300 bytes unchanged (before 5.3 it returns 200 and smears bytes 0..99 forward; 3.10 has no copy_file_range: ENOSYS)
#include "scenario.h"

int main(void)
{
    char buf[400], want[300];
    loff_t in = 0, out = 100;
    make_alpha_file("f", 300);
    fill_alpha(want, 300, 0);
    int fd = open("f", O_RDWR);
    EXPECT(sys_copy_file_range(fd, &in, fd, &out, 200, 0), -1);
    EXPECT(pread(fd, buf, 400, 0), 300);
    EXPECT_BYTES(buf, want, 300);
    close(fd);
    return 0;
}
