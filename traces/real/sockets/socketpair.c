/*
 * AF_UNIX socket pairs of every type, poll and ppoll, names, sendmsg/recvmsg, a second process woken
 * through a socket, a peer's close (EOF, EPIPE), and a pipe spliced into a datagram socket.
 * Built and recorded by record-sockets.sh.
 */
#define _GNU_SOURCE
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <poll.h>
#include <sys/select.h>
#include <fcntl.h>
#include <unistd.h>
#include <signal.h>
#include <string.h>
#include <stdio.h>

int main(void) {
    int s[2], d[2], q[2], p[2];
    char buf[256];

    socketpair(AF_UNIX, SOCK_STREAM, 0, s);
    socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, d);
    socketpair(AF_UNIX, SOCK_SEQPACKET, 0, q);
    pipe(p);
    struct sockaddr_un a; socklen_t len = sizeof a;
    getsockname(s[0], (struct sockaddr *)&a, &len);
    len = sizeof a;
    getpeername(d[1], (struct sockaddr *)&a, &len);
    len = sizeof a;
    getpeername(p[0], (struct sockaddr *)&a, &len);
    write(s[1], "hello", 5);
    struct pollfd f[4] = {{s[0], POLLIN | POLLOUT, 0}, {d[0], POLLIN, 0}, {p[0], POLLIN, 0}, {q[0], POLLIN | POLLRDHUP, 0}};
    poll(f, 4, 0);
    read(s[0], buf, 3);
    read(s[0], buf, 100);
    send(d[1], "datagram", 8, 0);
    struct iovec iov = {buf, 4};
    struct msghdr m = {0}; m.msg_iov = &iov; m.msg_iovlen = 1;
    recvmsg(d[0], &m, 0);
    struct iovec iov2[2] = {{"ab", 2}, {"cd", 2}};
    struct msghdr m2 = {0}; m2.msg_iov = iov2; m2.msg_iovlen = 2;
    sendmsg(q[1], &m2, 0);
    recv(q[0], buf, sizeof buf, MSG_DONTWAIT);
    recv(q[0], buf, sizeof buf, MSG_DONTWAIT);
    pid_t c = fork();
    if (c == 0) {
        struct pollfd g = {s[1], POLLIN, 0};
        poll(&g, 1, -1);
        int n = read(s[1], buf, sizeof buf);
        write(s[1], buf, n);
        close(s[1]);
        _exit(0);
    }
    close(s[1]);
    usleep(100000);
    write(s[0], "ping", 4);
    read(s[0], buf, sizeof buf);
    read(s[0], buf, sizeof buf);
    waitpid(c, NULL, 0);
    send(s[0], "x", 1, MSG_NOSIGNAL);
    ppoll(f, 1, &(struct timespec){0, 0}, NULL);
    write(p[1], "pipe data", 9);
    splice(p[0], NULL, d[1], NULL, 9, 0);
    recv(d[0], buf, 3, MSG_TRUNC);
    close(q[1]);
    poll(&f[3], 1, 0);
    fd_set rs, ws;
    FD_ZERO(&rs); FD_ZERO(&ws);
    FD_SET(p[0], &rs); FD_SET(d[0], &rs); FD_SET(d[1], &ws); FD_SET(p[1], &ws);
    struct timeval tv = {0, 0};
    select(d[1] + 1 > p[1] + 1 ? d[1] + 1 : p[1] + 1, &rs, &ws, NULL, &tv);
    FD_ZERO(&rs); FD_SET(p[0], &rs);
    tv.tv_sec = 0; tv.tv_usec = 0;
    select(p[0] + 1, &rs, NULL, NULL, &tv);
    write(p[1], "z", 1);
    FD_ZERO(&rs); FD_SET(p[0], &rs);
    pselect(p[0] + 1, &rs, NULL, NULL, NULL, NULL);
    FD_ZERO(&rs); FD_SET(99, &rs);
    tv.tv_sec = 0; tv.tv_usec = 0;
    select(100, &rs, NULL, NULL, &tv);
    return 0;
}
