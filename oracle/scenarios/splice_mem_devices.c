// scenario: splice 1009 bytes of /dev/zero into a pipe, then 3 bytes of a pipe holding "abcdef" into /dev/zero and 3 more into /dev/full; both pipes are read (O_NONBLOCK) afterwards
// expect: 1009, 3 and EINVAL (6.7 and later: copy_splice_read and splice_write_zero, /dev/full has no splice_write); the first pipe reads 1009 zero bytes, the second "def" (5.10 to 6.6: EINVAL for /dev/zero both ways; before 5.10 the default_file_splice_* fallbacks read and write, /dev/full's write giving ENOSPC)
#include "scenario.h"

int main(void)
{
    static char buf[2048], zeros[1009];
    int p[2], q[2];
    int zero = open("/dev/zero", O_RDWR);
    int full = open("/dev/full", O_RDWR);
    pipe2(p, O_NONBLOCK);
    EXPECT(splice(zero, NULL, p[1], NULL, 1009, 0), 1009);
    pipe2(q, O_NONBLOCK);
    EXPECT(write(q[1], "abcdef", 6), 6);
    EXPECT(splice(q[0], NULL, zero, NULL, 3, 0), 3);
    EXPECT(splice(q[0], NULL, full, NULL, 3, 0), -1);
    EXPECT(read(p[0], buf, 2048), 1009);
    EXPECT_BYTES(buf, zeros, 1009);
    EXPECT(read(q[0], buf, 2048), 3);
    EXPECT_BYTES(buf, "def", 3);
    close(p[0]); close(p[1]); close(q[0]); close(q[1]); close(full); close(zero);
    return 0;
}
