// scenario: copy_file_range between two files with off_in -1, off_out -1 (len 5), off_in -10 (len 5, no unsigned wrap), then a valid copy of 5 bytes
// expect: off_in -1 and off_out -1 give EOVERFLOW (the offset plus len wraps as unsigned), off_in -10 gives EINVAL; the valid copy returns 5 and the destination is 5 bytes (5.2: EINVAL for all three)
#include "scenario.h"

int main(void)
{
    char buf[100];
    struct stat st;
    loff_t in, out;
    make_alpha_file("src", 100);
    int s = open("src", O_RDONLY);
    int d = open("dst", O_RDWR | O_CREAT | O_TRUNC, 0644);
    in = -1; out = 0;
    EXPECT(sys_copy_file_range(s, &in, d, &out, 5, 0), -1);
    in = 0; out = -1;
    EXPECT(sys_copy_file_range(s, &in, d, &out, 5, 0), -1);
    in = -10; out = 0;
    EXPECT(sys_copy_file_range(s, &in, d, &out, 5, 0), -1);
    in = 0; out = 0;
    EXPECT(sys_copy_file_range(s, &in, d, &out, 5, 0), 5);
    fstatat(d, "", &st, AT_EMPTY_PATH);
    EXPECT(st.st_size, 5);
    EXPECT(pread(d, buf, 100, 0), 5);
    EXPECT_BYTES(buf, "ABCDE", 5);
    close(s); close(d);
    return 0;
}
