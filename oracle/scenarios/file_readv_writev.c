// scenario: writev gathering several iovecs (one empty) into a file, readv scattering with a partly filled last iovec, zero and too many (IOV_MAX+1) iovecs
// expect: writev of 5+0+7 bytes returns 12; readv fills 4 bytes, then 8 of a 100-byte iovec (12); readv at EOF returns 0; writev with 0 iovecs returns 0; 1025 iovecs (IOV_MAX+1) give EINVAL; readv with an empty middle iovec returns 3+5
#include "scenario.h"

int main(void)
{
    static char a[4], b[100], big[50], out[100];
    static struct iovec many[1025];
    int fd = open("v", O_RDWR | O_CREAT | O_TRUNC, 0644);
    struct iovec w[3] = {{"Hello", 5}, {"", 0}, {", world", 7}};
    EXPECT(writev(fd, w, 3), 12);
    lseek(fd, 0, SEEK_SET);
    struct iovec r[2] = {{a, 4}, {b, 100}};
    EXPECT(readv(fd, r, 2), 12);
    EXPECT(readv(fd, r, 2), 0);
    EXPECT(writev(fd, w, 0), 0);
    fill_alpha(big, 50, 0);
    EXPECT(writev(fd, many, 1025), -1);
    struct iovec w5[5];
    for (int i = 0; i < 5; i++) {
        w5[i].iov_base = big + 10 * i;
        w5[i].iov_len = 10;
    }
    EXPECT(writev(fd, w5, 5), 50);
    lseek(fd, 10, SEEK_SET);
    struct iovec r3[3] = {{a, 3}, {b, 0}, {b + 10, 5}};
    EXPECT(readv(fd, r3, 3), 8);
    EXPECT(pread(fd, out, 100, 0), 62);
    close(fd);
    return 0;
}
