/* What the scenario programs share (header only, built into each program). */
#ifndef ORACLE_SCENARIO_H
#define ORACLE_SCENARIO_H
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

/* A result that differs from what the newest kernel does is noted, never fatal: the
 * program runs to its end on every kernel.  The notes are kept in memory and written
 * with one write(1, "note: ...") when the program exits, so they add no call to the log
 * before that last line (record-kernel.sh drops it from the log). */
static char notes_[8192];
static size_t notes_len_;

__attribute__((destructor)) static void write_notes_(void)
{
    if (notes_len_ > 0)
        write(1, notes_, notes_len_);
}

#define NOTE(...) do { \
        if (notes_len_ < sizeof notes_) { \
            notes_len_ += snprintf(notes_ + notes_len_, sizeof notes_ - notes_len_, \
                                   "note: " __VA_ARGS__); \
        } \
        if (notes_len_ > sizeof notes_) { \
            notes_len_ = sizeof notes_; \
        } \
    } while (0)

#define EXPECT(call, want) do { long got_ = (long)(call); int errno_ = errno; \
    if (got_ != (long)(want)) NOTE("%s = %ld (errno %d), 6.18 gives %ld\n", #call, got_, \
        got_ < 0 ? errno_ : 0, (long)(want)); } while (0)

/* bytes "ABC...Z" repeating, starting at pattern position start */
static inline void fill_alpha(char *buf, size_t len, size_t start)
{
    for (size_t i = 0; i < len; i++)
        buf[i] = 'A' + (start + i) % 26;
}

/* the bytes a call returned differ from what the newest kernel gives: noted, never fatal */
#define EXPECT_BYTES(got, want, len) do { \
    if (memcmp((got), (want), (len)) != 0) NOTE("%s differs from %s (%d bytes), 6.18 gives them equal\n", \
        #got, #want, (int)(len)); } while (0)

/* bytes "abc...z" repeating, starting at pattern position start */
static inline void fill_lower(char *buf, size_t len, size_t start)
{
    for (size_t i = 0; i < len; i++)
        buf[i] = 'a' + (start + i) % 26;
}

/* deterministic pseudo-random bytes */
static inline void fill_random(unsigned char *buf, size_t len, uint32_t seed)
{
    for (size_t i = 0; i < len; i++) {
        seed = seed * 1103515245u + 12345u;
        buf[i] = seed >> 16;
    }
}

/* create name with len bytes of the alphabet pattern */
static inline void make_alpha_file(const char *name, size_t len)
{
    char *buf = malloc(len);
    fill_alpha(buf, len, 0);
    int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (write(fd, buf, len) != (ssize_t)len)
        NOTE("short write to %s\n", name);
    close(fd);
    free(buf);
}

/* the raw system calls, where glibc would use another one */
#define sys_open(p, f, m) syscall(SYS_open, (p), (f), (m))
#define sys_creat(p, m) syscall(SYS_creat, (p), (m))
#define sys_fstat(fd, st) syscall(SYS_fstat, (fd), (st))
#define sys_pipe(fds) syscall(SYS_pipe, (fds))
#define sys_dup2(a, b) syscall(SYS_dup2, (a), (b))
#define sys_unlink(p) syscall(SYS_unlink, (p))
#define sys_mkdir(p, m) syscall(SYS_mkdir, (p), (m))
/* copy_file_range itself, never glibc's emulation (3.10 has no such call: ENOSYS there) */
#define sys_copy_file_range(i, oi, o, oo, n, f) syscall(SYS_copy_file_range, (i), (oi), (o), (oo), (n), (f))
/* fcntl with a 64-bit argument as it is */
#define sys_fcntl(fd, cmd, arg) syscall(SYS_fcntl, (fd), (cmd), (arg))
#endif
