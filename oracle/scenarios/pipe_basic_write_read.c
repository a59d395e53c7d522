// scenario: the pipe syscall, write then read, partial reads, small writes merging, fstat of a pipe with data, lseek/pread/pwrite on a pipe
// expect: the pipe syscall returns [3, 4]; 26 bytes are read as 10 + 16; writes of 5 and 7 bytes come back in one read of 12; fstat of a pipe holding data shows S_IFIFO|0600 with st_size 0; lseek, pread64 and pwrite64 on a pipe give ESPIPE; a zero-length read returns 0; after the writer closes, the last 2 bytes come back, then 0
#include "scenario.h"

int main(void)
{
    static char buf[100];
    static struct stat st;
    int p[2];
    sys_pipe(p);
    write(p[1], "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 26);
    EXPECT(read(p[0], buf, 10), 10);
    EXPECT(read(p[0], buf, 100), 16);
    write(p[1], "12345", 5);
    write(p[1], "abcdefg", 7);
    EXPECT(read(p[0], buf, 100), 12);
    write(p[1], "xyz", 3);
    sys_fstat(p[0], &st);
    fstatat(p[1], "", &st, AT_EMPTY_PATH);
    EXPECT(lseek(p[0], 0, SEEK_CUR), -1);
    EXPECT(pread(p[0], buf, 1, 0), -1);
    EXPECT(pwrite(p[1], "q", 1, 0), -1);
    EXPECT(read(p[0], buf, 1), 1);
    EXPECT(read(p[0], buf, 0), 0);
    EXPECT(read(p[0], buf, 5), 2);
    close(p[1]);
    EXPECT(read(p[0], buf, 5), 0);
    close(p[0]);
    return 0;
}
