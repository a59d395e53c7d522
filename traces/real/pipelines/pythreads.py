"""A writer thread and the main thread on one pipe: the thread writes CHUNKS chunks of SIZE bytes and
closes the write end; the main thread reads until EOF, waits for the thread and prints how many bytes it got.

The thread is started with _thread, the module threading.Thread.start() calls: importing threading would
read some 300 KB of .pyc files (functools, collections, ...), which strace -xx prints at four characters
a byte."""
import _thread
import os

CHUNKS = 100
SIZE = 1000

r, w = os.pipe()
done = _thread.allocate_lock()
done.acquire()


def writer():
    chunk = b"p" * SIZE
    for _ in range(CHUNKS):
        os.write(w, chunk)
    os.close(w)
    done.release()


_thread.start_new_thread(writer, ())
total = 0
while True:
    data = os.read(r, 65536)
    if not data:
        break
    total += len(data)
done.acquire()
os.close(r)
print(total)
