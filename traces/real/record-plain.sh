#!/usr/bin/env bash
# Rebuilds traces/real/plain/: other programs recorded with plain strace, as users record them
# (no kemu, no header, strace's default string length), each with a different flag set.
#   traces/real/record-plain.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/plain"
mkdir -p "$out"
work="$(mktemp -d "${TMPDIR:-/tmp}/kemu-plain.XXXXXX")"
chmod 0777 "$work"
trap 'rm -rf "$work"' EXIT
cd "$work"
seq 1 1000 > f
mkdir -p d/e && printf 'x\n' > d/e/g

strace -o "$out/cat.strace" cat f > /dev/null
strace -y -o "$out/sort-y.strace" sort -o s f
strace -tt -T -o "$out/ls-tt-T.strace" ls -la d > /dev/null
strace -v -o "$out/stat-v.strace" stat f > /dev/null
strace -X verbose -o "$out/python-Xverbose.strace" /usr/bin/python3 -I -S -c '
import os, shutil
shutil.copy("f", "g")
os.symlink("g", "h")
print(os.readlink("h"))
os.truncate("g", 10)
print(os.stat("g").st_size)' > /dev/null
strace -xx -s 256 -o "$out/dd-xx.strace" dd if=f of=o bs=100 count=5 2>/dev/null
strace -yy -o "$out/tee-yy.strace" tee t < f > /dev/null
# As an ordinary user (uid 1000): growing a pipe past pipe-max-size and giving a file away are EPERM.
setpriv --reuid=1000 --regid=1000 --clear-groups strace -f -o "$work/python-user.strace" /usr/bin/python3 -I -S -c '
import os, fcntl
print(os.geteuid())
r, w = os.pipe()
try:
    print(fcntl.fcntl(w, 1031, 4 << 20))
except OSError as e:
    print(e)
f = os.open("mine", os.O_WRONLY | os.O_CREAT, 0o644)
try:
    os.fchown(f, 0, 0)
except OSError as e:
    print(e)' > /dev/null
mv "$work/python-user.strace" "$out/python-user.strace"
