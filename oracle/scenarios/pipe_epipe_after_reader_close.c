// scenario: writing to a pipe whose reader closed: EPIPE plus SIGPIPE (ignored, still reported); zero-length write; a dup of the reader keeps writes working
// expect: while a dup of the reader is open, write works; once every reader is closed, write and writev give EPIPE, each followed by a --- SIGPIPE line (si_pid differs from run to run); a zero-length write returns 0 with no signal; a blocking writer gets EPIPE too, without waiting
#include "scenario.h"

int main(void)
{
    int p[2];
    signal(SIGPIPE, SIG_IGN);
    pipe2(p, O_NONBLOCK);
    write(p[1], "0123456789", 10);
    int r2 = dup(p[0]);
    close(p[0]);
    EXPECT(write(p[1], "abc", 3), 3);
    close(r2);
    EXPECT(write(p[1], "abc", 3), -1);
    struct iovec v[2] = {{"ab", 2}, {"cd", 2}};
    EXPECT(writev(p[1], v, 2), -1);
    EXPECT(write(p[1], "", 0), 0);
    fcntl(p[1], F_GETPIPE_SZ);
    close(p[1]);
    pipe2(p, 0);
    close(p[0]);
    EXPECT(write(p[1], "x", 1), -1);
    close(p[1]);
    return 0;
}
