// scenario: copy_file_range from /proc/self/status (procfs, i_size 0) into a new file in the scratch directory, NULL offsets, len 65536
// expect: copy_file_range gives EXDEV (procfs is another file system) and the destination stays empty (5.3 to 5.18 without the backport: 0, as at EOF, /proc/self/status having i_size 0)
#include "scenario.h"

int main(void)
{
    struct stat st;
    int d = open("dst", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int s = open("/proc/self/status", O_RDONLY);
    EXPECT(sys_copy_file_range(s, NULL, d, NULL, 65536, 0), -1);
    fstatat(d, "", &st, AT_EMPTY_PATH);
    EXPECT(st.st_size, 0);
    close(s); close(d);
    return 0;
}
