// scenario: copy_file_range of a 100-byte file into an empty one with len SIZE_MAX, then with len SSIZE_MAX, both from [0] to [0]
// expect: len SIZE_MAX and len SSIZE_MAX both return 100 (the length is clamped to what can be copied); the destination is 100 bytes (5.2: SIZE_MAX gives EINVAL and the destination stays empty)
#include "scenario.h"

int main(void)
{
    char buf[200], want[100];
    struct stat st;
    loff_t in, out;
    make_alpha_file("src", 100);
    fill_alpha(want, 100, 0);
    int s = open("src", O_RDONLY);
    int d = open("dst", O_RDWR | O_CREAT | O_TRUNC, 0644);
    in = 0; out = 0;
    EXPECT(sys_copy_file_range(s, &in, d, &out, SIZE_MAX, 0), 100);
    fstatat(d, "", &st, AT_EMPTY_PATH);
    EXPECT(st.st_size, 100);
    in = 0; out = 0;
    EXPECT(sys_copy_file_range(s, &in, d, &out, SSIZE_MAX, 0), 100);
    fstatat(d, "", &st, AT_EMPTY_PATH);
    EXPECT(st.st_size, 100);
    EXPECT(pread(d, buf, 200, 0), 100);
    EXPECT_BYTES(buf, want, 100);
    close(s); close(d);
    return 0;
}
