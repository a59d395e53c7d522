// scenario: copy_file_range of 11 bytes from a file on /dev (devtmpfs, a tmpfs-like file system) at [0] into an empty file in the scratch directory (ext4), then the same from the ext4 file back into a second /dev file
// expect: both give EXDEV (5.19 and later, and 5.15.y/5.10.y with the backport; before 5.3 EXDEV as well) and the destinations stay empty; 5.3 to 5.18 without the backport copy through splice: 11 both times
#include "scenario.h"

int main(void)
{
    struct stat st;
    loff_t off;
    int in = open("/dev/kemu_cfr_src", O_RDWR | O_CREAT | O_TRUNC, 0644);
    EXPECT(write(in, "hello tmpfs", 11), 11);
    int out = open("dst", O_RDWR | O_CREAT | O_TRUNC, 0644);
    off = 0;
    EXPECT(sys_copy_file_range(in, &off, out, NULL, 11, 0), -1);
    fstatat(out, "", &st, AT_EMPTY_PATH);
    EXPECT(st.st_size, 0);
    EXPECT(pwrite(out, "hello ext4!", 11, 0), 11);
    int back = open("/dev/kemu_cfr_dst", O_RDWR | O_CREAT | O_TRUNC, 0644);
    off = 0;
    EXPECT(sys_copy_file_range(out, &off, back, NULL, 11, 0), -1);
    fstatat(back, "", &st, AT_EMPTY_PATH);
    EXPECT(st.st_size, 0);
    close(back); close(out); close(in);
    unlink("/dev/kemu_cfr_dst");
    unlink("/dev/kemu_cfr_src");
    return 0;
}
