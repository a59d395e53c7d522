#!/usr/bin/env bash
# Rebuilds traces/real/sockets/: socketpair.c compiled and recorded with `kemu record` (strace -f -q -xx -s 1048576)
# on this machine's kernel, in a fresh directory on ext4.
#   traces/real/sockets/record-sockets.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
kemu="$here/../../../kemu"
work="$(mktemp -d "${TMPDIR:-/tmp}/kemu-sockets.XXXXXX")"
trap 'rm -rf "$work"' EXIT
fs="$(findmnt -n -o FSTYPE -T "$work")"
if [ "$fs" != ext4 ]; then
  echo "record-sockets.sh: $work is on $fs, not ext4; set TMPDIR to a directory on ext4" >&2
  exit 1
fi
cd "$work"
gcc -O0 -Wall -o socketpair "$here/socketpair.c"
"$kemu" record --force -o "$here/socketpair.strace" -- ./socketpair
