// scenario: splice 16 bytes of /dev/urandom into an empty pipe (the random bytes are not read back: a replay could not match them)
// expect: the splice returns 16 (5.10 to 5.18: EINVAL, random.c has no splice_read before its 5.19 rework; before 5.10 default_file_splice_read reads them: 16)
#include "scenario.h"

int main(void)
{
    int p[2];
    int fd = open("/dev/urandom", O_RDONLY);
    pipe2(p, O_NONBLOCK);
    EXPECT(splice(fd, NULL, p[1], NULL, 16, 0), 16);
    close(p[0]); close(p[1]); close(fd);
    return 0;
}
