/*
 * tee2: one pipe's content duplicated into two files by two children.
 *
 * The parent makes pipes P and Q and forks A and B. A loops tee(P -> Q), which duplicates what P holds
 * without consuming it, then splice(P -> out1), which consumes exactly the bytes it teed; at EOF on P it
 * closes Q's write end. B splices Q into out2 until EOF. The parent writes a fixed 64 KiB pattern into P
 * in 4 KiB writes, closes P, waits for both children and compares both files with the pattern.
 *   tee2 OUT1 OUT2      exit status 0 when both files equal the pattern
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum { TOTAL = 64 * 1024, CHUNK = 4096 };

static void die(const char *what) {
    perror(what);
    exit(2);
}

/* Child A: tee P into Q, then move the same number of bytes from P into the file. */
static void tee_child(int p_read, int q_write, const char *path) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) die("open out1");
    for (;;) {
        ssize_t n = tee(p_read, q_write, TOTAL, 0);
        if (n < 0) die("tee");
        if (n == 0) break;                      /* P is empty and its writer closed it */
        for (ssize_t left = n; left > 0;) {
            ssize_t m = splice(p_read, NULL, fd, NULL, (size_t) left, 0);
            if (m <= 0) die("splice P -> out1");
            left -= m;
        }
    }
    if (close(q_write) < 0 || close(fd) < 0) die("close in A");
    _exit(0);
}

/* Child B: splice Q into the file until EOF. */
static void splice_child(int q_read, const char *path) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) die("open out2");
    for (;;) {
        ssize_t m = splice(q_read, NULL, fd, NULL, TOTAL, 0);
        if (m < 0) die("splice Q -> out2");
        if (m == 0) break;
    }
    if (close(fd) < 0) die("close in B");
    _exit(0);
}

static int same(const char *path, const char *want) {
    static char got[TOTAL + 1];
    int fd = open(path, O_RDONLY);
    if (fd < 0) die("open for check");
    size_t have = 0;
    for (ssize_t n; (n = read(fd, got + have, sizeof got - have)) > 0;) have += (size_t) n;
    close(fd);
    return have == TOTAL && memcmp(got, want, TOTAL) == 0;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: tee2 OUT1 OUT2\n");
        return 2;
    }
    static char data[TOTAL];
    for (int i = 0; i < TOTAL; i++) data[i] = (char) ('a' + i % 26);

    int p[2], q[2];
    if (pipe(p) < 0 || pipe(q) < 0) die("pipe");
    pid_t a = fork();
    if (a < 0) die("fork A");
    if (a == 0) {
        close(p[1]);
        close(q[0]);
        tee_child(p[0], q[1], argv[1]);
    }
    pid_t b = fork();
    if (b < 0) die("fork B");
    if (b == 0) {
        close(p[0]);
        close(p[1]);
        close(q[1]);
        splice_child(q[0], argv[2]);
    }
    /* Only A may hold Q's write end, or B never sees EOF; only the parent writes P. */
    if (close(p[0]) < 0 || close(q[0]) < 0 || close(q[1]) < 0) die("close in parent");
    for (int off = 0; off < TOTAL; off += CHUNK) {
        if (write(p[1], data + off, CHUNK) != CHUNK) die("write P");
    }
    if (close(p[1]) < 0) die("close P");

    int ok = 1;
    pid_t kids[2] = {a, b};
    for (int i = 0; i < 2; i++) {
        int status;
        if (waitpid(kids[i], &status, 0) != kids[i]) die("waitpid");
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) ok = 0;
    }
    if (!same(argv[1], data) || !same(argv[2], data)) ok = 0;
    printf("%s\n", ok ? "ok" : "differ");
    return ok ? 0 : 1;
}
