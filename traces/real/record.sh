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
head -c 12288 /dev/urandom > data.bin
truncate -s 1M sparse.img
printf 'head of the sparse file\n' | dd of=sparse.img conv=notrunc status=none
printf 'middle\n' | dd of=sparse.img bs=4096 seek=100 conv=notrunc status=none

want=("$@")
rec() {
  local name="$1"; shift
  if [ ${#want[@]} -gt 0 ] && [[ ! " ${want[*]} " =~ " $name " ]]; then return 0; fi
  "$kemu" record --force -o "$logs/$name.strace" -- "$@" >/dev/null
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
