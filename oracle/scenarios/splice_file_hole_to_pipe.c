// scenario: splice from a sparse file into a pipe: bytes from holes and from beyond a shrunk EOF come out as zeros or not at all
// expect: from a hole the pipe gets zeros around the 6 written bytes (30 bytes); at 19990 of a 20000-byte file 10 zero bytes; after ftruncate to 10003 the same splice stops at the new EOF (13)
#include "scenario.h"

int main(void)
{
    char buf[100];
    int p[2];
    loff_t off;
    int fd = open("holey", O_RDWR | O_CREAT | O_TRUNC, 0644);
    ftruncate(fd, 20000);
    pwrite(fd, "middle", 6, 10000);
    pipe2(p, O_NONBLOCK);
    off = 9990;
    EXPECT(splice(fd, &off, p[1], NULL, 30, 0), 30);
    EXPECT(read(p[0], buf, 100), 30);
    off = 19990;
    EXPECT(splice(fd, &off, p[1], NULL, 100, 0), 10);
    EXPECT(read(p[0], buf, 100), 10);
    ftruncate(fd, 10003);
    off = 9990;
    EXPECT(splice(fd, &off, p[1], NULL, 100, 0), 13);
    EXPECT(read(p[0], buf, 100), 13);
    close(fd); close(p[0]); close(p[1]);
    return 0;
}
