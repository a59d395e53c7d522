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
j_samples=()
c_round() {
  for _ in 1 2 3; do
    cat "$dir/in" >/dev/null
    v=$("$dir/filecopy" cfr "$dir/in" "$dir/out" new | awk '$3 == "GBps" { print $4 }')
    echo "kernel copy_file_range: $v GB/s"
    c_samples+=("$v")
  done
}
for r in $(seq 1 "$rounds"); do
  echo "== round $r of $rounds"
  c_round
  # One fork; its iterations' mean is the sample. ms per 2^30 bytes -> GB/s.
  ms=$(java -Djmh.ignoreLock=true -jar "$jar" CopyBench -f 1 -wi 2 -i 3 -w 1s -r 1s -foe true 2>&1 | tee "$dir/jmh-$r.log" |
    awk '/^CopyBench.copyFileRange1g/ { print $(NF-3) }')
  [ -n "$ms" ] || { echo "CopyBench failed: see $dir/jmh-$r.log" >&2; exit 1; }
  v=$(awk -v ms="$ms" 'BEGIN { printf "%.3f", 1073741824 / (ms / 1000) / 1e9 }')
  echo "kemu CopyBench: $ms ms per GiB = $v GB/s"
  j_samples+=("$v")
  c_round
done
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
c=$(median "${c_samples[@]}")
j=$(median "${j_samples[@]}")
echo "== medians: kernel copy_file_range $c GB/s (${#c_samples[@]} samples), kemu CopyBench $j GB/s (${#j_samples[@]} runs)"
awk -v j="$j" -v c="$c" 'BEGIN { printf "kemu / kernel = %.2f\n", j / c }'
rm -f "$dir/out"
