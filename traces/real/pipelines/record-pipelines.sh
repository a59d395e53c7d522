#!/usr/bin/env bash
# Rebuilds traces/real/pipelines/: programs of several processes (or threads) joined by pipes and a FIFO,
# recorded with `kemu record` (strace -f -q -xx -s 1048576) on this machine's kernel, in a fresh directory
# on ext4, on small inputs made here. cat_cat is recorded twice more with strace -ff (one file per pid):
# into ff/ with -tt timestamps and into ff-notime/ without; those files get the header `kemu record` writes.
#   traces/real/pipelines/record-pipelines.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
kemu="$here/../../../kemu"
py=/usr/bin/python3
work="$(mktemp -d "${TMPDIR:-/tmp}/kemu-pipes.XXXXXX")"
trap 'rm -rf "$work"' EXIT
fs="$(findmnt -n -o FSTYPE -T "$work")"
if [ "$fs" != ext4 ]; then
  echo "record-pipelines.sh: $work is on $fs, not ext4; set TMPDIR to a directory on ext4" >&2
  exit 1
fi
cd "$work"

# Inputs, all deterministic. a (28893 bytes) is below the 64 KiB a pipe holds: every byte shows four to six
# times in a log as 4-character \xNN escapes, and the logs are kept under 1 MB.
seq 1 6000 > a
gcc -O2 -Wall -Wextra -o tee2 "$here/tee2.c"
cp "$here/pythreads.py" pythreads.py

rec() {
  local name="$1"; shift
  local status=0
  "$kemu" record --force -o "$here/$name.strace" -- "$@" > "$work/$name.out" || status=$?
  if [ "$status" -ne 0 ]; then
    echo "record-pipelines.sh: $name exited with $status" >&2
    exit 1
  fi
}

rec cat_cat bash -c 'cat a | cat > b'
cmp a b
rm -f b
rec cat_tee bash -c 'cat a | tee b c > /dev/null'
cmp a b && cmp a c
rec seq_tee_wc bash -c 'seq 1 8000 | tee x | wc -l'
[ "$(cat seq_tee_wc.out)" = 8000 ]
rm -f b f && mkfifo f
rec fifo bash -c 'cat a > f & cat f > b; wait'
cmp a b
rec tee2 ./tee2 out1 out2
cmp out1 out2
rec pythreads "$py" -I -S pythreads.py
[ "$(cat pythreads.out)" = 100000 ]
# Everyday programs that run others: make with two jobs, xargs, a shell's background jobs.
printf 'all: b c\nb: a\n\tcp a b\nc: a\n\tsort -r a > c\n' > Makefile
rm -f b c
rec make_j2 make -j2
cmp a b
rec xargs bash -c 'seq 1 40 | xargs -n 8 echo'
[ "$(wc -l < "$work/xargs.out")" = 5 ]
rec bash_jobs bash -c 'for i in 1 2 3; do echo $i > f$i & done; wait; cat f1 f2 f3'
[ "$(cat "$work/bash_jobs.out" | tr -d '\n')" = 123 ]

# The same pipeline with strace -ff: one log per pid, named log.PID.
release="$(sed -E 's/^([0-9.]*[0-9]).*/\1/' /proc/sys/kernel/osrelease)"
ff() {
  local dir="$1"; shift
  rm -rf "$work/ff.out" b && mkdir "$work/ff.out"
  strace -ff "$@" -q -xx -s 1048576 -o "$work/ff.out/log" -- bash -c 'cat a | cat > b'
  cmp a b
  rm -rf "${here:?}/$dir" && mkdir "$here/$dir"
  for f in "$work"/ff.out/log.*; do
    {
      printf '# kernel: %s\n# fs: %s\n# cwd: %s\n' "$release" "$fs" "$work"
      printf '# recorded: %s -o log -- bash -c %s\n' "strace -ff${*:+ $*} -q -xx -s 1048576" "'cat a | cat > b'"
      cat "$f"
    } > "$here/$dir/${f##*/}"
  done
}
ff ff -tt
ff ff-notime
