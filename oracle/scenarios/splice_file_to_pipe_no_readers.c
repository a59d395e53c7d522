// scenario: splice 100 bytes from a file at [0] into a pipe whose read end is closed, then write 1 byte into it
// expect: the splice gives EPIPE plus SIGPIPE, the write EPIPE plus SIGPIPE (SIGPIPE ignored, so the program goes on; 4.9.0: the splice returns 100 without SIGPIPE)
#include "scenario.h"

int main(void)
{
    int p[2];
    loff_t off = 0;
    signal(SIGPIPE, SIG_IGN);
    make_alpha_file("src", 100);
    int s = open("src", O_RDONLY);
    pipe2(p, 0);
    close(p[0]);
    EXPECT(splice(s, &off, p[1], NULL, 100, 0), -1);
    EXPECT(write(p[1], "x", 1), -1);
    close(p[1]); close(s);
    return 0;
}
