#!/usr/bin/env bash
# kemu's copy_file_range (CopyBench) against the machine's own kernel, measured in one run.
#
# The machine's kernel copies a warm 1 GiB file into a new file with copy_file_range
# (src/main/c/filecopy.c, mode cfr, destination new); kemu's CopyBench does the same on the
# emulated ext4 of 6.18. The two alternate, C then JMH then C, ROUNDS times, so that both see the
# same machine (these machines are shared: absolute figures drift, a ratio taken in one run
# holds). Prints every sample, the medians, and kemu / kernel.
#
# usage: bench/copy-vs-kernel.sh [ROUNDS] [DIR]
#   ROUNDS  rounds of C, JMH, C (default 3)
#   DIR     where the 1 GiB input and the copies go: an ext4 directory with 3 GiB free
#           (default: bench/target/copy-run)
# Needs bench/target/benchmarks.jar (./mvnw -o -B -DskipTests -pl bench -am package) and gcc.
# GB/s is 1e9 bytes per second on both sides.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rounds="${1:-3}"
dir="${2:-$here/target/copy-run}"
jar="$here/target/benchmarks.jar"
[ -f "$jar" ] || { echo "no $jar: build it with ./mvnw -o -B -DskipTests -pl bench -am package" >&2; exit 2; }
mkdir -p "$dir"
cc -O2 -o "$dir/filecopy" "$here/src/main/c/filecopy.c"
if [ ! -f "$dir/in" ] || [ "$(stat -c %s "$dir/in")" != 1073741824 ]; then
  head -c 1073741824 /dev/urandom >"$dir/in"
fi
cat "$dir/in" >/dev/null # warm

c_samples=()
b_samples=()
i_samples=()
c_round() {
  for _ in 1 2 3; do
    cat "$dir/in" >/dev/null
    v=$("$dir/filecopy" cfr "$dir/in" "$dir/out" new | awk '$3 == "GBps" { print $4 }')
    echo "kernel copy_file_range: $v GB/s"
    c_samples+=("$v")
  done
}
# GB/s of one CopyBench mode (collect=between or inside) from a JMH log: ms per 2^30 bytes -> 1e9 B/s.
gbps() { awk -v p="$1" '$1 == "CopyBench.copyFileRange1g" && $2 == p { printf "%.3f", 1073741824 / ($(NF-3) / 1000) / 1e9 }' "$2"; }
for r in $(seq 1 "$rounds"); do
  echo "== round $r of $rounds"
  c_round
  # One fork per mode, with the benchmark's own iterations and heap.
  java -Djmh.ignoreLock=true -jar "$jar" CopyBench -foe true >"$dir/jmh-$r.log" 2>&1 || { cat "$dir/jmh-$r.log" >&2; exit 1; }
  b=$(gbps between "$dir/jmh-$r.log")
  i=$(gbps inside "$dir/jmh-$r.log")
  echo "kemu CopyBench: $b GB/s collecting between copies, $i GB/s collecting inside them"
  b_samples+=("$b")
  i_samples+=("$i")
  c_round
done
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
c=$(median "${c_samples[@]}")
b=$(median "${b_samples[@]}")
i=$(median "${i_samples[@]}")
echo "== medians ($(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)): kernel copy_file_range $c GB/s (${#c_samples[@]} samples); kemu CopyBench $b GB/s (between) and $i GB/s (inside) (${#b_samples[@]} runs)"
awk -v b="$b" -v i="$i" -v c="$c" 'BEGIN { printf "kemu / kernel = %.2f (collecting between copies), %.2f (inside)\n", b / c, i / c }'
rm -f "$dir/out"
