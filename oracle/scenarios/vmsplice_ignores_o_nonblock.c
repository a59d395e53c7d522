// scenario: vmsplice ignores the pipe's O_NONBLOCK: on a full (write end) or empty (read end) O_NONBLOCK pipe it blocks unless SPLICE_F_NONBLOCK is given; a 1 s alarm without SA_RESTART interrupts the wait
// expect: on an O_NONBLOCK pipe write and read give EAGAIN and vmsplice with SPLICE_F_NONBLOCK gives EAGAIN, but vmsplice with flags 0 waits (on the full write end and on the empty read end) until the alarm: '= ? ERESTARTSYS' then '--- SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL} ---'; the program gets EINTR
#include "scenario.h"

static void on_alarm(int sig)
{
    (void)sig;
}

int main(void)
{
    static char page[4096], buf[8192], dots[10];
    int p[2];
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm; /* no SA_RESTART */
    sigaction(SIGALRM, &sa, NULL);
    pipe2(p, O_NONBLOCK);
    EXPECT(fcntl(p[1], F_SETPIPE_SZ, 4096), 4096);
    for (int i = 0; i < 4096; i++)
        page[i] = 'a' + i % 26;
    EXPECT(write(p[1], page, 4096), 4096);
    EXPECT(write(p[1], "x", 1), -1);
    struct iovec v = {"ABCDEFGHIJ", 10};
    EXPECT(vmsplice(p[1], &v, 1, SPLICE_F_NONBLOCK), -1);
    alarm(1);
    EXPECT(vmsplice(p[1], &v, 1, 0), -1);
    EXPECT(read(p[0], buf, 8192), 4096);
    EXPECT(read(p[0], buf, 8192), -1);
    memset(dots, '.', sizeof dots);
    struct iovec r = {dots, 10};
    EXPECT(vmsplice(p[0], &r, 1, SPLICE_F_NONBLOCK), -1);
    alarm(1);
    EXPECT(vmsplice(p[0], &r, 1, 0), -1);
    close(p[0]); close(p[1]);
    return 0;
}
