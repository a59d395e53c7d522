// scenario: ftruncate error paths: read-only fd, negative length, pipe, directory, closed fd; write-only and O_APPEND fds succeed
// expect: ftruncate on an O_RDONLY fd gives EINVAL (not EBADF); length -1 (printed 18446744073709551615) gives EINVAL; LLONG_MAX gives EFBIG; both pipe ends and a directory give EINVAL; fd 99 gives EBADF; O_WRONLY and O_APPEND fds succeed (final size 20, bytes 10..20 read as zeros)
#include "scenario.h"

int main(void)
{
    char buf[100];
    struct stat st;
    int p[2];
    make_alpha_file("f", 100);
    int r = open("f", O_RDONLY);
    EXPECT(ftruncate(r, 10), -1);
    int rw = open("f", O_RDWR);
    EXPECT(ftruncate(rw, -1), -1);
    EXPECT(ftruncate(rw, INT64_MAX), -1);
    pipe2(p, 0);
    EXPECT(ftruncate(p[1], 0), -1);
    EXPECT(ftruncate(p[0], 0), -1);
    int d = open(".", O_RDONLY | O_DIRECTORY);
    EXPECT(ftruncate(d, 0), -1);
    EXPECT(ftruncate(99, 0), -1);
    int w = open("f", O_WRONLY);
    EXPECT(ftruncate(w, 10), 0);
    int ap = open("f", O_WRONLY | O_APPEND);
    EXPECT(ftruncate(ap, 20), 0);
    fstat(r, &st);
    EXPECT(pread(r, buf, 100, 0), 20);
    close(r); close(rw); close(w); close(ap); close(d); close(p[0]); close(p[1]);
    return 0;
}
