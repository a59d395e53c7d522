// scenario: SEEK_DATA and SEEK_HOLE on a sparse 20000-byte file (100 bytes written at 8192, fsync'ed: data in the block 8192..12287, holes before and after) at offsets -1, 0, 100 (in the first hole), 8242 (in the data), 15000 (in the last hole), 20000 (EOF) and 25000 (past EOF), then on an empty file at -1, 0 and 1
// expect: see the per-offset results in the log: SEEK_DATA gives 8192, 8192, 8192, 8242, then ENXIO from the last hole on; SEEK_HOLE gives 0, 0, 100, 12288, 15000, then ENXIO at and past EOF; offset -1 gives ENXIO for both; the empty file gives ENXIO everywhere (3.10 and 4.5: SEEK_DATA at -1 returns 0; 4.10: EUCLEAN)
#include "scenario.h"

int main(void)
{
    static const off_t offs[] = {-1, 0, 100, 8242, 15000, 20000, 25000};
    static const long data[] = {-1, 8192, 8192, 8242, -1, -1, -1};
    static const long hole[] = {-1, 0, 100, 12288, 15000, -1, -1};
    int fd = open("sparse", O_RDWR | O_CREAT | O_TRUNC, 0644);
    EXPECT(pwrite(fd, "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUV", 100, 8192), 100);
    EXPECT(ftruncate(fd, 20000), 0);
    EXPECT(fsync(fd), 0);
    for (int i = 0; i < 7; i++) {
        EXPECT(lseek(fd, offs[i], SEEK_DATA), data[i]);
        EXPECT(lseek(fd, offs[i], SEEK_HOLE), hole[i]);
    }
    int e = open("empty", O_RDWR | O_CREAT | O_TRUNC, 0644);
    for (off_t o = -1; o <= 1; o++) {
        EXPECT(lseek(e, o, SEEK_DATA), -1);
        EXPECT(lseek(e, o, SEEK_HOLE), -1);
    }
    close(e); close(fd);
    return 0;
}
