#!/usr/bin/env bash
# Rebuilds traces/real/flags/: `cp a b` recorded with plain strace (no kemu, no header) under each set of
# flags users pass: the parser and the replayer must take every form strace writes.
#   traces/real/record-flags.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/flags"
mkdir -p "$out"
work="$(mktemp -d "${TMPDIR:-/tmp}/kemu-flags.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$work"
printf 'a small file to copy\n' > a

rec() {
  local name="$1"; shift
  rm -f b log log.*
  strace "$@" -o log cp a b
  if [ -f log ]; then mv log "$out/cp$name.strace"; else mv log.* "$out/cp$name.strace"; fi
}

rec ""
rec -f -f
rec -ff -ff
rec -y -y
rec -yy -yy
rec -t -t
rec -tt -tt
rec -ttt -ttt
rec -r -r
rec -T -T
rec -v -v
rec -Xraw -X raw
rec -Xverbose -X verbose
rec -abbrev-none -e abbrev=none
rec -s4096 -s 4096
rec -x -x
rec -xx -xx
rec -f-tt-T-yy -f -tt -T -yy
rec -ff-ttt-v-xx -ff -ttt -v -xx -s 65536
