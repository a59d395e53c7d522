// scenario: sendfile from a file to itself (one O_RDWR fd): [0] 100 bytes to f_pos 200 (same page, no overlap), then [0] 100 bytes to f_pos 5000 (page 1)
// expect: both sendfile calls return 100 and f_pos ends at 5100; bytes 200..299 and 5000..5099 become bytes 0..99 (3.10 skips the copy into the page the data comes from: bytes 200..299 unchanged)
#include "scenario.h"

int main(void)
{
    static char buf[400], want[8192];
    off_t off;
    make_alpha_file("f", 8192);
    fill_alpha(want, 8192, 0);
    memcpy(want + 200, want, 100);
    memcpy(want + 5000, want, 100);
    int fd = open("f", O_RDWR);
    EXPECT(lseek(fd, 200, SEEK_SET), 200);
    off = 0;
    EXPECT(sendfile(fd, fd, &off, 100), 100);
    EXPECT(lseek(fd, 5000, SEEK_SET), 5000);
    off = 0;
    EXPECT(sendfile(fd, fd, &off, 100), 100);
    EXPECT(lseek(fd, 0, SEEK_CUR), 5100);
    EXPECT(pread(fd, buf, 400, 0), 400);
    EXPECT_BYTES(buf, want, 400);
    EXPECT(pread(fd, buf, 200, 4950), 200);
    EXPECT_BYTES(buf, want + 4950, 200);
    close(fd);
    return 0;
}
