// scenario: O_APPEND writes ignore f_pos, pwrite on an O_APPEND fd appends too (Linux), toggling O_APPEND with F_SETFL, a second non-append fd overwrites
// expect: an O_APPEND write after lseek(0) lands at EOF (f_pos 20); pwrite64(...,0) on the O_APPEND fd also appends (size 24) and leaves f_pos at 20; F_GETFL shows O_WRONLY|O_APPEND|O_LARGEFILE; after F_SETFL 0 a write goes to f_pos 5; F_SETFL O_APPEND on the O_RDWR fd makes its write append; reads on an O_RDWR|O_APPEND fd use f_pos; final file 30 bytes
#include "scenario.h"

int main(void)
{
    char buf[100];
    struct stat st;
    int a = open("log", O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
    write(a, "0123456789", 10);
    lseek(a, 0, SEEK_SET);
    write(a, "abcdefghij", 10);
    EXPECT(lseek(a, 0, SEEK_CUR), 20);
    pwrite(a, "XXXX", 4, 0);
    EXPECT(lseek(a, 0, SEEK_CUR), 20);
    fstat(a, &st);
    int b = open("log", O_RDWR);
    pwrite(b, "##", 2, 0);
    write(b, "!", 1);
    write(a, "END", 3);
    fcntl(a, F_GETFL);
    fcntl(a, F_SETFL, 0);
    fcntl(a, F_GETFL);
    lseek(a, 5, SEEK_SET);
    write(a, "__", 2);
    fcntl(b, F_SETFL, O_APPEND);
    lseek(b, 0, SEEK_SET);
    write(b, "++", 2);
    lseek(b, 0, SEEK_SET);
    EXPECT(read(b, buf, 100), 29);
    int c = open("log", O_RDWR | O_APPEND);
    read(c, buf, 5);
    write(c, "$", 1);
    EXPECT(lseek(c, 0, SEEK_CUR), 30);
    close(c); close(a); close(b);
    a = open("log", O_RDONLY);
    EXPECT(read(a, buf, 100), 30);
    close(a);
    return 0;
}
