#!/usr/bin/env bash
# Rebuilds traces/real/: real programs recorded unfiltered with `kemu record` (strace -f -xx -s 1048576)
# on this machine's kernel, in a fresh directory, on small inputs. Each log names its kernel, filesystem
# and working directory in its header; `kemu replay traces/real/*.strace` replays them on that kernel.
#   traces/real/record.sh            record every program again
#   traces/real/record.sh cat sort   record only those
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
kemu="$here/../../kemu"
py=/usr/bin/python3
work="$(mktemp -d "${TMPDIR:-/tmp}/kemu-real.XXXXXX")"
logs="$(mktemp -d "${TMPDIR:-/tmp}/kemu-real-logs.XXXXXX")"
trap 'rm -rf "$work" "$logs"' EXIT
cd "$work"

# Inputs: text, binary and a sparse file; all small so the logs stay small.
seq 1 2000 > lines.txt
printf 'to be moved\n' > tomove
printf 'to be removed\n' > toremove
mkdir -p tree/sub made/deep/dir && printf 'x\n' > tree/a && printf 'yy\n' > tree/sub/b && ln -s a tree/link
head -c 12288 /dev/urandom > data.bin
truncate -s 1M sparse.img
printf 'head of the sparse file\n' | dd of=sparse.img conv=notrunc status=none
printf 'middle\n' | dd of=sparse.img bs=4096 seek=100 conv=notrunc status=none

want=("$@")
rec() {
  local name="$1"; shift
  if [ ${#want[@]} -gt 0 ] && [[ ! " ${want[*]} " =~ " $name " ]]; then return 0; fi
  "$kemu" record --force -o "$logs/$name.strace" -- "$@" >/dev/null || echo "record.sh: $name exited with $?" >&2
  mv "$logs/$name.strace" "$here/$name.strace"
}

rec cp cp lines.txt copy.txt
rec cp_sparse cp --sparse=always sparse.img sparse.copy
rec cat cat lines.txt
rec head head -n 5 lines.txt
rec tail tail -n 5 lines.txt
rec dd dd if=data.bin of=dd.out bs=1k
rec split split -b 4000 lines.txt part_
rec tee tee tee.1 tee.2 < lines.txt
rec sort sort --parallel=1 -o sorted.txt lines.txt
rec gzip gzip -k -f lines.txt
rec gunzip gunzip -k -f lines.txt.gz
rec sha256sum sha256sum data.bin
rec wc wc lines.txt
rec md5sum md5sum data.bin
rec grep grep -c 7 lines.txt
rec sed_inplace sed -i s/1/one/ lines.txt
rec mv mv tomove moved.txt
rec mkdir_p mkdir -p made/deeper/dir
rec ln_s ln -s lines.txt lines.link
rec touch touch touched
rec du du -s tree
rec truncate truncate -s 100k grown
rec base64 base64 data.bin
rec od od -c -N 64 lines.txt
rec tac tac lines.txt
rec rm rm toremove
rec install install -m 0600 lines.txt installed
rec cp_r cp -r tree tree.copy
rec find find tree -name b
rec readlink_f readlink -f tree/link
rec chmod chmod 600 lines.txt
rec dd_zero dd if=/dev/zero of=zeros bs=4k count=4
rec ls ls -la tree
rec stat stat lines.txt
rec tar tar cf tree.tar tree
rec fallocate fallocate -l 1M falloc
rec rmdir rmdir made/deep/dir
rec sync sync
rec cp_a cp -a tree tree.archive
rec sort_tempfiles sort -S 1K -T . -o sorted.big lines.txt
rec diff diff lines.txt sorted.txt
rec shuf shuf -n 5 --random-source=lines.txt lines.txt
rec ln_hard ln data.bin data.hard
rec touch_r touch -r data.bin data.hard
rec mv_dir mv tree.copy tree.moved
rec rm_rf rm -rf tree.moved
rec xz xz -k -f data.bin
rec split_n split -n 3 lines.txt chunk_
rec py_dirs "$py" -I -S -c '
import os
os.makedirs("a/b/c", exist_ok=True)
with open("a/b/c/x.txt", "w") as f:
    f.write("data")
print(sorted(os.listdir("a/b/c")))
os.rename("a/b/c/x.txt", "a/y.txt")
os.remove("a/y.txt")
for root, dirs, files in os.walk("tree"):
    print(root, sorted(dirs), sorted(files))'
rec chmod_r chmod -R g+w tree
rec dd_skip dd if=lines.txt of=dd.part bs=512 skip=2 count=3
rec dd_append dd if=lines.txt of=dd.part bs=512 count=1 oflag=append conv=notrunc
rec awk_split awk 'NR % 2 == 0 { print > "even.txt" }' lines.txt
rec cksum cksum lines.txt
rec perl_copy perl -e 'use File::Copy; copy("lines.txt", "perl.copy") or die; print -s "perl.copy", "\n"'
rec py_copytree "$py" -I -S -c 'import shutil; shutil.copytree("tree", "tree.py")'
rec py_rmtree "$py" -I -S -c 'import shutil; shutil.rmtree("tree.py")'
rec py_copyfile "$py" -I -S -c 'import shutil; shutil.copyfile("data.bin", "py.copy")'
rec py_sendfile "$py" -I -S -c '
import os
src = os.open("data.bin", os.O_RDONLY)
dst = os.open("py.sendfile", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
print(os.sendfile(dst, src, 100, 5000), os.sendfile(dst, src, None, 4096))'
rec py_splice "$py" -I -S -c '
import os
src = os.open("data.bin", os.O_RDONLY)
dst = os.open("py.splice", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
r, w = os.pipe()
n = os.splice(src, w, 6000, offset_src=10)
print(n, os.splice(r, dst, n))'
rec py_copy_file_range "$py" -I -S -c '
import os
src = os.open("data.bin", os.O_RDONLY)
dst = os.open("py.cfr", os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
print(os.copy_file_range(src, dst, 8192, 0, 0), os.copy_file_range(dst, dst, 100, 0, 9000))'
rec py_pipe "$py" -I -S -c '
import os, fcntl
r, w = os.pipe2(os.O_NONBLOCK)
print(fcntl.fcntl(w, 1031, 4096), fcntl.fcntl(w, 1032))
print(os.write(w, b"x" * 5000))
try:
    os.write(w, b"y" * 10)
except BlockingIOError as e:
    print("full", e)
print(len(os.read(r, 1 << 16)))
os.close(w)
print(os.read(r, 10))'
rec py_tee "$py" -I -S -c '
import os, ctypes
libc = ctypes.CDLL(None, use_errno=True)
a, b = os.pipe()
c, d = os.pipe()
os.write(b, b"hello world" * 100)
print(libc.tee(a, d, 1100, 0))
print(os.read(c, 2000)[:10], os.read(a, 5))'
rec py_fifo "$py" -I -S -c '
import os
os.mkfifo("fifo")
fd = os.open("fifo", os.O_RDWR)
os.write(fd, b"through a fifo")
print(os.read(fd, 100))
os.unlink("fifo")'
rec py_mmap_store "$py" -I -S -c '
import os, mmap
f = os.open("mapped", os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
os.ftruncate(f, 8192)
m = mmap.mmap(f, 8192)
m[4096:4101] = b"HELLO"
print(os.pread(f, 5, 4096))
m.close()
os.close(f)'
