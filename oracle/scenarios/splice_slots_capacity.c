// scenario: each splice from a file occupies its own pipe slot (no merging), so 16 splices of 10 bytes fill a 64 KiB pipe and even a 1-byte write gets EAGAIN
// expect: 16 splices of 10 bytes succeed and the 17th gives EAGAIN: the pipe is full with 160 bytes; a 1-byte write gives EAGAIN; after one 10-byte buffer is read a 1-byte write fits and a second 1-byte write merges with it; a splice then gives EAGAIN again; read returns 152
// The splices into the full pipe say SPLICE_F_NONBLOCK: before 5.2 splice ignores the
// pipe's O_NONBLOCK and would wait for room forever.
#include "scenario.h"

int main(void)
{
    static char buf[1000];
    int p[2];
    loff_t off;
    make_alpha_file("src", 1000);
    int s = open("src", O_RDONLY);
    pipe2(p, O_NONBLOCK);
    for (int i = 0; i < 16; i++) {
        off = 10 * i;
        EXPECT(splice(s, &off, p[1], NULL, 10, 0), 10);
    }
    off = 160;
    EXPECT(splice(s, &off, p[1], NULL, 10, SPLICE_F_NONBLOCK), -1);
    EXPECT(write(p[1], "x", 1), -1);
    EXPECT(read(p[0], buf, 10), 10);
    EXPECT(write(p[1], "x", 1), 1);
    EXPECT(write(p[1], "y", 1), 1);
    off = 160;
    EXPECT(splice(s, &off, p[1], NULL, 10, SPLICE_F_NONBLOCK), -1);
    EXPECT(read(p[0], buf, 1000), 152);
    close(s); close(p[0]); close(p[1]);
    return 0;
}
