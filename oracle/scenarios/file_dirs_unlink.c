// scenario: mkdir, mkdirat, openat relative to a directory fd, EISDIR/ENOTDIR/ENOTEMPTY/EEXIST paths, unlink and unlinkat (with AT_REMOVEDIR), reading an unlinked but open file
// expect: mkdir gives EEXIST and ENOENT; read on a directory fd gives EISDIR; opening a directory O_WRONLY or O_RDWR gives EISDIR; O_DIRECTORY on a file and a path through a file give ENOTDIR; unlink of a directory gives EISDIR; unlinkat AT_REMOVEDIR gives ENOTEMPTY on a non-empty directory and ENOTDIR on a file; unlinkat(0) on a directory gives EISDIR; flag 0x1 gives EINVAL; an unlinked but open file still reads; openat on a removed directory gives ENOENT
#include "scenario.h"

int main(void)
{
    static char buf[100];
    static struct stat st;
    sys_mkdir("d", 0755);
    EXPECT(sys_mkdir("d", 0755), -1);
    EXPECT(sys_mkdir("x/y", 0755), -1);
    mkdirat(AT_FDCWD, "d/e", 0700);
    int d = open("d", O_RDONLY | O_DIRECTORY);
    mkdirat(d, "f", 0755);
    int f = openat(d, "file", O_RDWR | O_CREAT | O_EXCL, 0644);
    write(f, "contents", 8);
    EXPECT(read(d, buf, 10), -1);
    EXPECT(open("d", O_WRONLY), -1);
    EXPECT(open("d", O_RDWR), -1);
    EXPECT(open("d/file", O_RDONLY | O_DIRECTORY), -1);
    EXPECT(open("d/file/x", O_RDONLY), -1);
    EXPECT(mkdirat(d, "file", 0755), -1);
    EXPECT(sys_unlink("d"), -1);
    EXPECT(unlinkat(AT_FDCWD, "d", AT_REMOVEDIR), -1);
    EXPECT(unlinkat(d, "file", AT_REMOVEDIR), -1);
    EXPECT(unlinkat(d, "file", 0), 0);
    EXPECT(pread(f, buf, 100, 0), 8);
    fstat(f, &st);
    EXPECT(fstatat(d, "file", &st, 0), -1);
    EXPECT(unlinkat(d, "file", 0), -1);
    EXPECT(unlinkat(d, "e", 0), -1);
    EXPECT(unlinkat(d, "e", AT_REMOVEDIR), 0);
    EXPECT(unlinkat(d, "f", AT_REMOVEDIR), 0);
    EXPECT(unlinkat(AT_FDCWD, "d", 0x1), -1);
    EXPECT(unlinkat(AT_FDCWD, "d", AT_REMOVEDIR), 0);
    fstat(d, &st);
    EXPECT(openat(d, "new", O_RDWR | O_CREAT, 0644), -1);
    EXPECT(sys_unlink("missing"), -1);
    close(f); close(d);
    return 0;
}
