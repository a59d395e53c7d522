// scenario: splice from a pipe into a file with an off_out pointer: writes at the offset (past EOF leaves a hole), the variable advances, f_pos stays
// expect: off_out shows [5000] then [6000]: data lands at the offset, the variable advances and f_pos stays 0; the file is 7000 bytes with zeros before 5000; a 10-byte splice at [100] inside the hole keeps the size at 7000; a read from f_pos 0 shows zeros and the 10 bytes
#include "scenario.h"

int main(void)
{
    static char big[2000], buf[2000];
    struct stat st;
    int p[2];
    loff_t off;
    pipe2(p, O_NONBLOCK);
    fill_alpha(big, sizeof big, 0);
    write(p[1], big, 2000);
    int d = open("dst", O_RDWR | O_CREAT | O_TRUNC, 0644);
    off = 5000;
    EXPECT(splice(p[0], NULL, d, &off, 1000, 0), 1000);
    EXPECT(splice(p[0], NULL, d, &off, 1000, 0), 1000);
    EXPECT(lseek(d, 0, SEEK_CUR), 0);
    fstat(d, &st);
    EXPECT(pread(d, buf, 16, 4990), 16);
    EXPECT(pread(d, buf, 2000, 5000), 2000);
    write(p[1], "0123456789", 10);
    off = 100;
    EXPECT(splice(p[0], NULL, d, &off, 10, 0), 10);
    fstat(d, &st);
    EXPECT(read(d, buf, 120), 120);
    close(d); close(p[0]); close(p[1]);
    return 0;
}
