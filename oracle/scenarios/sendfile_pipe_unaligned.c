// scenario: sendfile from a 12388-byte file (3 pages + 100 bytes) into an empty 16-slot O_NONBLOCK pipe from offsets 100, 4000 and 4095 with counts 1, 200, 5000 and 65536, the pipe drained by one read after each; then with a NULL offset after lseek to 100 and to 4095 (count 5000, then 65536)
// expect: every count is sent in full up to EOF: 1, 200, 5000 and 12288 from 100; 1, 200, 5000 and 8388 from 4000; 1, 200, 5000 and 8293 from 4095; with a NULL offset 5000 from 100 (f_pos 5100) and 8293 from 4095 (f_pos 12388); each read returns what was sent
#include "scenario.h"

#define SIZE (3 * 4096 + 100)

int main(void)
{
    static char buf[65536], want[SIZE];
    static const off_t starts[] = {100, 4000, 4095};
    static const size_t counts[] = {1, 200, 5000, 65536};
    int p[2];
    off_t off;
    make_alpha_file("src", SIZE);
    fill_alpha(want, SIZE, 0);
    int fd = open("src", O_RDONLY);
    pipe2(p, O_NONBLOCK);
    for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 4; j++) {
            long n = counts[j] < (size_t)(SIZE - starts[i]) ? (long)counts[j] : SIZE - starts[i];
            off = starts[i];
            long got = sendfile(p[1], fd, &off, counts[j]);
            EXPECT(got, n);
            EXPECT(off, starts[i] + n);
            long r = read(p[0], buf, sizeof buf);
            EXPECT(r, got > 0 ? got : -1);
            if (r > 0)
                EXPECT_BYTES(buf, want + starts[i], r);
        }
    }
    EXPECT(lseek(fd, 100, SEEK_SET), 100);
    EXPECT(sendfile(p[1], fd, NULL, 5000), 5000);
    EXPECT(lseek(fd, 0, SEEK_CUR), 5100);
    long r = read(p[0], buf, sizeof buf);
    EXPECT(r, 5000);
    if (r > 0)
        EXPECT_BYTES(buf, want + 100, r);
    EXPECT(lseek(fd, 4095, SEEK_SET), 4095);
    EXPECT(sendfile(p[1], fd, NULL, 65536), SIZE - 4095);
    EXPECT(lseek(fd, 0, SEEK_CUR), SIZE);
    r = read(p[0], buf, sizeof buf);
    EXPECT(r, SIZE - 4095);
    if (r > 0)
        EXPECT_BYTES(buf, want + 4095, r);
    close(p[0]); close(p[1]); close(fd);
    return 0;
}
