// scenario: story: splice a file into pipe A, tee A into pipe B, splice A into file one (f_pos) and B into file two (offset), read both files back and compare
// expect: splice 10000 file->pipe A, tee A->B 10000, splice A->one 10000 at f_pos, splice B->two at [100] 4000 and [4100] 6000, then EAGAIN; one (10000 bytes) equals two (10100 bytes) from offset 100, as the program checks
// The last splice, from the drained pipe B, says SPLICE_F_NONBLOCK: before 5.2 splice
// ignores the pipe's O_NONBLOCK and would wait for data forever.
#include "scenario.h"

int main(void)
{
    static unsigned char data[10000], one[16384], two[16384];
    int a[2], b[2];
    fill_random(data, sizeof data, 7);
    int fd = open("src", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    write(fd, data, sizeof data);
    close(fd);
    int s = open("src", O_RDONLY);
    pipe2(a, O_NONBLOCK);
    pipe2(b, O_NONBLOCK);
    EXPECT(splice(s, NULL, a[1], NULL, 10000, 0), 10000);
    EXPECT(tee(a[0], b[1], 10000, 0), 10000);
    int f1 = open("one", O_RDWR | O_CREAT | O_TRUNC, 0644);
    int f2 = open("two", O_RDWR | O_CREAT | O_TRUNC, 0644);
    EXPECT(splice(a[0], NULL, f1, NULL, 10000, 0), 10000);
    loff_t off = 100;
    EXPECT(splice(b[0], NULL, f2, &off, 4000, 0), 4000);
    EXPECT(splice(b[0], NULL, f2, &off, 10000, 0), 6000);
    EXPECT(splice(b[0], NULL, f2, &off, 10000, SPLICE_F_NONBLOCK), -1);
    lseek(f1, 0, SEEK_SET);
    ssize_t n1 = read(f1, one, sizeof one);
    ssize_t n2 = pread(f2, two, sizeof two, 0);
    if (n1 != 10000 || n2 != 10100 || memcmp(one, two + 100, 10000) != 0 ||
        memcmp(one, data, 10000) != 0)
        NOTE("one and two differ (%zd, %zd bytes)\n", n1, n2);
    close(s); close(f1); close(f2); close(a[0]); close(a[1]); close(b[0]); close(b[1]);
    return 0;
}
