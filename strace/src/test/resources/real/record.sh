#!/bin/sh
# Records the logs in this directory with the machine's strace (6.1 when they were made, on Linux 6.18).
# Run from an empty scratch directory: sh record.sh /path/to/this/directory
# Long logs are cut to their first and last lines (cut.py) to keep them small; every line stays a whole line.
# Everything runs with an empty environment, so that -v (which prints execve's environment) shows no more than PATH.
set -u
if [ -z "${RECORD_CLEAN_ENV:-}" ]; then
    exec env -i RECORD_CLEAN_ENV=1 PATH=/usr/bin:/bin LC_ALL=C sh "$0" "$@"
fi
OUT=$1
head -c 3000 /etc/services > a
seq 1 200 | sort -R > nums
head -c 200000 /dev/zero | tr '\0' 'x' > big
printf 'hi\n' > 'we>ird<na"me
x'
CUT="python3 $OUT/cut.py"
strace -o log cp a b;                                   $CUT log 70 30 > "$OUT/cp-plain.strace"
strace -f -o log cp a b;                                $CUT log 40 30 > "$OUT/cp-f.strace"
strace -v -o log cp a b;                                $CUT log 20 30 > "$OUT/cp-v.strace"
strace -X raw -o log cp a b;                            $CUT log 30 30 > "$OUT/cp-Xraw.strace"
strace -X verbose -o log cp a b;                        $CUT log 30 30 > "$OUT/cp-Xverbose.strace"
strace -e abbrev=none -o log cp a b;                    $CUT log 20 30 > "$OUT/cp-abbrev-none.strace"
strace -y -o log cat a > /dev/null;                     $CUT log 30 20 > "$OUT/cat-y.strace"
strace -yy -o log cat a > /dev/null;                    $CUT log 30 20 > "$OUT/cat-yy.strace"
strace -t -o log cat a > /dev/null;                     $CUT log 20 20 > "$OUT/cat-t.strace"
strace -tt -o log cat a > /dev/null;                    $CUT log 20 20 > "$OUT/cat-tt.strace"
strace -ttt -T -o log cat a > /dev/null;                $CUT log 20 20 > "$OUT/cat-ttt-T.strace"
strace -r -o log cat a > /dev/null;                     $CUT log 20 20 > "$OUT/cat-r.strace"
strace -T -o log cat a > /dev/null;                     $CUT log 20 20 > "$OUT/cat-T.strace"
strace -s 4096 -o log cat a > /dev/null;                $CUT log 5 12 > "$OUT/cat-s4096.strace"
strace -x -o log dd if=a of=b bs=1k 2>/dev/null;        $CUT log 20 30 > "$OUT/dd-x.strace"
strace -xx -o log dd if=a of=b bs=1k 2>/dev/null;      $CUT log 20 30 > "$OUT/dd-xx.strace"
strace -o log sort nums > /dev/null;                    $CUT log 20 30 > "$OUT/sort.strace"
strace -yy -xx -e trace=openat,read,close -o log cat 'we>ird<na"me
x' > /dev/null;                                         $CUT log 10 10 > "$OUT/cat-yy-xx-escaped-path.strace"
strace -y -e trace=openat,read,close -o log cat 'we>ird<na"me
x' > /dev/null;                                         $CUT log 10 10 > "$OUT/cat-y-escaped-path.strace"
strace -X verbose -y -e trace=openat,newfstatat,close -o log cat a > /dev/null
                                                        $CUT log 10 10 > "$OUT/cat-Xverbose-y.strace"
strace -f -e trace=openat,read,write,sendfile,copy_file_range,splice,pipe2,close,exit_group -o log python3 -I -S -c '
import os
fd = os.open("a", os.O_RDONLY); o = os.open("c", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
os.sendfile(o, fd, 0, 1000); os.copy_file_range(fd, o, 500, 0, 2000)
r, w = os.pipe(); os.splice(fd, w, 100, 0); os.splice(r, o, 100)
';                                                      python3 -c '
lines = open("log").read().splitlines()
first = next(i for i, l in enumerate(lines) if "\"a\", O_RDONLY" in l)
print("\n".join(lines[first:]))' > "$OUT/python-copies-f.strace"
strace -f -e trace=%process,pipe2,dup2,read,write,close,wait4 -o log bash -c 'cat big | tee b > /dev/null'
                                                        $CUT log 60 60 > "$OUT/bash-pipe-f.strace"
strace -f -tt -T -y -e trace=%process,pipe2,dup2,read,write,close,wait4 -o log bash -c 'cat big | tee b > /dev/null'
                                                        $CUT log 60 60 > "$OUT/bash-pipe-f-tt-T-y.strace"
rm -f ff.*
strace -ff -e trace=%process,pipe2,dup2,read,write,close -o ff bash -c 'cat a | tee b > /dev/null'
for f in ff.*; do $CUT "$f" 15 15 > "$OUT/bash-pipe-ff.strace.${f#ff.}"; done
strace -f -ttt -e trace=%process,clock_nanosleep,kill -o log timeout --foreground -s KILL 0.05 sleep 1
                                                        $CUT log 40 40 > "$OUT/timeout-kill-f-ttt.strace"
strace -f -e trace=%process,kill,write -o log sh -c 'yes | head -c 10 > /dev/null'
                                                        $CUT log 40 40 > "$OUT/sigpipe-f.strace"
strace -e trace=write,exit_group -o log yes | head -c 10 > /dev/null
                                                        $CUT log 10 10 > "$OUT/sigpipe.strace"
strace -e trace=none -o log python3 -I -S -c 'import ctypes; ctypes.string_at(0)' 2>/dev/null
                                                        $CUT log 10 10 > "$OUT/segv.strace"
strace -f -q -e trace=%process,read,close bash -c 'cat a | head -c 5 > /dev/null' 2>&1 > /dev/null \
    | head -40 > "$OUT/bash-pid-brackets.strace"
strace -yy -e trace=socket,connect,bind,listen,pipe2,write,read,close -o log python3 -I -S -c '
import socket, os
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(); c = socket.create_connection(s.getsockname())
u = socket.socket(socket.AF_UNIX); r, w = os.pipe(); os.write(w, b"x"); os.read(os.open("/dev/null", 0), 1)
';                                                      sed -n '/^socket(AF_INET/,$p' log > "$OUT/sockets-yy.strace"
strace -e write=1 -e read=3 -o log sh -c 'printf "%s" "0123456789abcdefghijklmnopqrstuvwxyz"; head -c 40 a > /dev/null' > /dev/null
                                                        $CUT log 5 25 > "$OUT/sh-dump-read-write.strace"
strace -f -i -n -Y -tt -e trace=%process,write -o log sh -c 'echo hi > /dev/null; sleep 0.01'
                                                        $CUT log 15 15 > "$OUT/sh-i-n-Y.strace"
strace -f -e trace=clone3,futex,exit,exit_group,set_robust_list,rseq -o log python3 -I -S -c '
import threading
ts = [threading.Thread(target=lambda: None) for _ in range(3)]
[t.start() for t in ts]; [t.join() for t in ts]
';                                                      $CUT log 30 30 > "$OUT/python-threads-f.strace"
strace -X verbose -e trace=socket,statx,clone -f -o log sh -c 'stat / > /dev/null; id > /dev/null'
                                                        $CUT log 20 20 > "$OUT/sh-Xverbose-flags.strace"
strace -X raw -e trace=statx,socket -o log stat / > /dev/null
                                                        $CUT log 20 20 > "$OUT/stat-Xraw.strace"
strace -f -tt -e trace=clock_nanosleep,kill,wait4,rt_sigreturn,exit_group -o log python3 -I -S -c '
import os, signal, time
pid = os.fork()
if pid == 0:
    signal.signal(signal.SIGINT, lambda *a: None)
    time.sleep(0.3)
    os._exit(0)
time.sleep(0.05); os.kill(pid, signal.SIGSTOP); time.sleep(0.05); os.kill(pid, signal.SIGCONT)
time.sleep(0.05); os.kill(pid, signal.SIGINT); time.sleep(0.05); os.kill(pid, signal.SIGKILL); os.waitpid(pid, 0)
';                                                      $CUT log 40 40 > "$OUT/python-stop-cont-int-kill-f-tt.strace"
