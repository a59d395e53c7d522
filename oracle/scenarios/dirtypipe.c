// scenario: Dirty Pipe (CVE-2022-0847) as in LTP dirtypipe: fill and drain a 16-slot pipe with 4096-byte writes, splice 1 byte at [9] of a read-only 100-byte file into it, write 16 bytes into the pipe, pread the file
// expect: the splice returns 1 and the write 16; the read-only file is unchanged (pread shows the 100 bytes as written) and the pipe reads "j" plus the 16 bytes (5.8 to 5.16.10: the write lands in the file's page cache, bytes 10..25 become the 16 written bytes)
#include "scenario.h"

int main(void)
{
    static char page[4096], buf[4096], want[100];
    int p[2];
    loff_t off;
    fill_lower(want, 100, 0);
    int fd = open("victim", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    write(fd, want, 100);
    close(fd);
    fd = open("victim", O_RDONLY);
    pipe2(p, 0);
    EXPECT(fcntl(p[1], F_GETPIPE_SZ), 65536);
    fill_alpha(page, 4096, 0);
    for (int i = 0; i < 16; i++)
        EXPECT(write(p[1], page, 4096), 4096);
    for (int i = 0; i < 16; i++)
        EXPECT(read(p[0], buf, 4096), 4096);
    off = 9;
    EXPECT(splice(fd, &off, p[1], NULL, 1, 0), 1);
    EXPECT(write(p[1], "AAAAAAAABBBBBBBB", 16), 16);
    EXPECT(pread(fd, buf, 200, 0), 100);
    EXPECT_BYTES(buf, want, 100);
    EXPECT(read(p[0], buf, 64), 17);
    EXPECT_BYTES(buf, "jAAAAAAAABBBBBBBB", 17);
    close(p[0]); close(p[1]); close(fd);
    return 0;
}
