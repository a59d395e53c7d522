// scenario: fstat (the syscall) and newfstatat on a file, a directory and a pipe, by path, relative to a directory fd, with AT_EMPTY_PATH, and on missing names
// expect: fstat and newfstatat report S_IFREG|0644 st_size 1234, then 10 after ftruncate; the directory is S_IFDIR|0750 with st_size 4096; a file created with 0640 keeps 0640 under umask 022; newfstatat(dirfd, "", 0) gives ENOENT but works with AT_EMPTY_PATH; a missing name gives ENOENT, a path through a file and a regular file as dirfd give ENOTDIR; a pipe is S_IFIFO|0600 with st_size 0 even with data queued; fstat of fd 99 gives EBADF
#include "scenario.h"

int main(void)
{
    static struct stat st;
    int p[2];
    make_alpha_file("f", 1234);
    int f = open("f", O_RDWR);
    sys_fstat(f, &st);
    fstatat(f, "", &st, AT_EMPTY_PATH);
    fstatat(AT_FDCWD, "f", &st, 0);
    ftruncate(f, 10);
    sys_fstat(f, &st);
    sys_mkdir("d", 0750);
    int d = open("d", O_RDONLY | O_DIRECTORY);
    sys_fstat(d, &st);
    int g = openat(d, "g", O_WRONLY | O_CREAT | O_TRUNC, 0640);
    write(g, "xyz", 3);
    fstatat(d, "g", &st, 0);
    fstatat(AT_FDCWD, "d/g", &st, 0);
    fstatat(AT_FDCWD, "d", &st, AT_SYMLINK_NOFOLLOW);
    EXPECT(fstatat(d, "", &st, 0), -1);
    EXPECT(fstatat(d, "", &st, AT_EMPTY_PATH), 0);
    EXPECT(fstatat(AT_FDCWD, "missing", &st, 0), -1);
    EXPECT(fstatat(AT_FDCWD, "f/x", &st, 0), -1);
    EXPECT(fstatat(f, "g", &st, 0), -1);
    pipe2(p, 0);
    write(p[1], "data", 4);
    sys_fstat(p[0], &st);
    fstatat(p[1], "", &st, AT_EMPTY_PATH);
    EXPECT(sys_fstat(99, &st), -1);
    close(g); close(d); close(f); close(p[0]); close(p[1]);
    return 0;
}
