// scenario: copy_file_range of 1 MiB + 123 bytes across many pages in one call (NULL offsets), then with unaligned offsets; checked by a hash of the mmap-ed result, and windows read back with pread
// expect: one copy_file_range of 1048699 bytes returns 1048699 (no short count) and the next returns 0; both f_pos end at 1048699; the program checks every byte through mmap; the pread64 windows show the pattern; [1]->[4095] copies 1048698 bytes into a 1052793-byte file that starts with a 4095-byte hole
#include "scenario.h"

#define LEN 1048699

static unsigned long hash(const unsigned char *p, size_t n)
{
    unsigned long h = 5381;
    for (size_t i = 0; i < n; i++)
        h = h * 33 + p[i];
    return h;
}

int main(void)
{
    static char buf[LEN], win[4096];
    struct stat st;
    fill_alpha(buf, LEN, 0);
    int fd = open("src", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    for (size_t off = 0; off < LEN; off += 65536)
        write(fd, buf + off, LEN - off < 65536 ? LEN - off : 65536);
    close(fd);
    int s = open("src", O_RDONLY);
    int d = open("dst", O_RDWR | O_CREAT | O_TRUNC, 0644);
    EXPECT(copy_file_range(s, NULL, d, NULL, LEN, 0), LEN);
    EXPECT(copy_file_range(s, NULL, d, NULL, LEN, 0), 0);
    EXPECT(lseek(s, 0, SEEK_CUR), LEN);
    EXPECT(lseek(d, 0, SEEK_CUR), LEN);
    fstat(d, &st);
    /* a short dst (no copy_file_range before 4.5: ENOSYS) is not mapped: reading the
       mapping past its end would be SIGBUS and end the program */
    unsigned char *m = st.st_size < LEN ? MAP_FAILED
                                        : mmap(NULL, LEN, PROT_READ, MAP_SHARED, d, 0);
    if (m == MAP_FAILED || hash(m, LEN) != hash((unsigned char *)buf, LEN))
        NOTE("dst differs from src\n");
    if (m != MAP_FAILED)
        munmap(m, LEN);
    EXPECT(pread(d, win, 4096, 0), 4096);
    EXPECT(pread(d, win, 256, 524160), 256);
    EXPECT(pread(d, win, 4096, LEN - 4000), 4000);
    int d2 = open("dst2", O_RDWR | O_CREAT | O_TRUNC, 0644);
    loff_t a = 1, b = 4095;
    EXPECT(copy_file_range(s, &a, d2, &b, LEN, 0), LEN - 1);
    fstat(d2, &st);
    EXPECT(pread(d2, win, 16, 4088), 16);
    EXPECT(pread(d2, win, 200, 4095 + LEN - 1 - 100), 100);
    close(s); close(d); close(d2);
    return 0;
}
