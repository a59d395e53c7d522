// scenario: a write into a pipe whose last buffer was made by tee, or by a splice that split a buffer, while the other pipe still holds the same page (pipes A,B: write A "A", tee 1, write B "B", write A "C"; pipes C,D: write C "abcdef", splice 3 to D, write D "X", write C "Y")
// expect: the pipes stay apart: B reads "AB" and A "AC"; D reads "abcX" and C "defY" (5.0: B reads "AC" and C "XefY", each write landing in the page the other pipe shares)
#include "scenario.h"

int main(void)
{
    char buf[16];
    int a[2], b[2], c[2], d[2];
    pipe2(a, 0);
    pipe2(b, 0);
    EXPECT(write(a[1], "A", 1), 1);
    EXPECT(tee(a[0], b[1], 1, 0), 1);
    EXPECT(write(b[1], "B", 1), 1);
    EXPECT(write(a[1], "C", 1), 1);
    EXPECT(read(b[0], buf, 16), 2);
    EXPECT_BYTES(buf, "AB", 2);
    EXPECT(read(a[0], buf, 16), 2);
    EXPECT_BYTES(buf, "AC", 2);
    pipe2(c, 0);
    pipe2(d, 0);
    EXPECT(write(c[1], "abcdef", 6), 6);
    EXPECT(splice(c[0], NULL, d[1], NULL, 3, 0), 3);
    EXPECT(write(d[1], "X", 1), 1);
    EXPECT(write(c[1], "Y", 1), 1);
    EXPECT(read(d[0], buf, 16), 4);
    EXPECT_BYTES(buf, "abcX", 4);
    EXPECT(read(c[0], buf, 16), 4);
    EXPECT_BYTES(buf, "defY", 4);
    close(a[0]); close(a[1]); close(b[0]); close(b[1]);
    close(c[0]); close(c[1]); close(d[0]); close(d[1]);
    return 0;
}
