#!/usr/bin/env bash
# The README's benchmark table in one run: each JMH benchmark against the machine's own kernel
# doing the same thing (src/main/c/, the same unit and mode), alternated C, JMH, C in every
# round so that both see the same machine. These machines are shared: absolute figures drift
# with the load, a ratio taken in one run holds. Prints every sample, then one line a row:
# kemu's median, the kernel's median, kemu / kernel.
#
#   splice64k   PipeBench.spliceMovePipeToPipe (via=kernel)  vs  pipebench splice64k     buffer moves/s
#   tee64k      PipeBench.tee64k (via=kernel: tee, then read() drains the copy)
#                                                            vs  pipebench tee64k-read   buffer refs/s
#   writeRead4k PipeBench.writeRead4k                        (no C anchor in this mode)   pairs/s
#   cfr-between CopyBench.copyFileRange1g collect=between    vs  filecopy cfr IN OUT new  GB/s (1e9 B/s)
#   cfr-inside  CopyBench.copyFileRange1g collect=inside     vs  the same samples
#               (between: the collection that reclaims the last copy's pages runs untimed, as
#               filecopy's unlink of OUT is untimed; inside: the collector's pauses are in the score)
#
# usage: bench/figures.sh [ROUNDS] [DIR]   (ROUNDS default 2; DIR: an ext4 directory with 3 GiB free,
#        default bench/target/copy-run). Needs bench/target/benchmarks.jar and gcc.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rounds="${1:-2}"
dir="${2:-$here/target/copy-run}"
jar="$here/target/benchmarks.jar"
[ -f "$jar" ] || { echo "no $jar: build it with ./mvnw -o -B -DskipTests -pl bench -am package" >&2; exit 2; }
mkdir -p "$dir"
cc -O2 -o "$dir/filecopy" "$here/src/main/c/filecopy.c"
cc -O2 -o "$dir/pipebench" "$here/src/main/c/pipebench.c"
if [ ! -f "$dir/in" ] || [ "$(stat -c %s "$dir/in")" != 1073741824 ]; then
  head -c 1073741824 /dev/urandom >"$dir/in"
fi
samples="$dir/samples.txt"
: >"$samples"
: >"$dir/jmh-all.log"
jmh() {
  java -Djmh.ignoreLock=true -jar "$jar" "$@" -foe true -rf csv -rff "$dir/jmh.csv" >"$dir/jmh.log" 2>&1 || { cat "$dir/jmh.log" >&2; exit 1; }
  cat "$dir/jmh.log" >>"$dir/jmh-all.log"
}
# Score of a benchmark (and param) from the last JMH csv: "Benchmark","Mode","Threads","Samples","Score",...
score() { awk -F, -v b="\"dev.kemu.bench.$1\"" -v p="$2" '{ sub(/\r$/, "") } $1 == b && (p == "" || $NF == p || $NF == "\"" p "\"") { print $5 }' "$dir/jmh.csv"; }
c_pipes() {
  for _ in 1 2; do
    "$dir/pipebench" splice64k 2 | awk '$3 == "buffer_moves_per_s" { print "splice64k kernel", $4 }' | tee -a "$samples"
    "$dir/pipebench" tee64k-read 2 | awk '$3 == "buffer_refs_per_s" { print "tee64k kernel", $4 }' | tee -a "$samples"
  done
}
c_copy() {
  for _ in 1 2 3; do
    cat "$dir/in" >/dev/null
    "$dir/filecopy" cfr "$dir/in" "$dir/out" new | awk '$3 == "GBps" { print "cfr-between kernel", $4; print "cfr-inside kernel", $4 }' | tee -a "$samples"
  done
}
for r in $(seq 1 "$rounds"); do
  echo "== round $r of $rounds"
  c_pipes
  jmh PipeBench -p via=kernel -f 1 -wi 2 -w 2s -i 3 -r 2s
  echo "splice64k kemu $(score PipeBench.spliceMovePipeToPipe '')" | tee -a "$samples"
  echo "tee64k kemu $(score PipeBench.tee64k '')" | tee -a "$samples"
  echo "writeRead4k kemu $(score PipeBench.writeRead4k '')" | tee -a "$samples"
  c_pipes
  c_copy
  jmh CopyBench
  awk -v ms="$(score CopyBench.copyFileRange1g between)" 'BEGIN { printf "cfr-between kemu %.4f\n", 1073741824 / (ms / 1000) / 1e9 }' | tee -a "$samples"
  awk -v ms="$(score CopyBench.copyFileRange1g inside)" 'BEGIN { printf "cfr-inside kemu %.4f\n", 1073741824 / (ms / 1000) / 1e9 }' | tee -a "$samples"
  c_copy
done
rm -f "$dir/out"
echo "== medians ($(date -u '+%Y-%m-%d %H:%M UTC'), $rounds rounds, load average $(cut -d' ' -f1-3 /proc/loadavg))"
for row in splice64k tee64k writeRead4k cfr-between cfr-inside; do
  awk -v row="$row" '
    function median(a, n,   i, j, t) {
      for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    $1 == row && $2 == "kemu" { k[++nk] = $3 + 0 }
    $1 == row && $2 == "kernel" { c[++nc] = $3 + 0 }
    END {
      mk = median(k, nk)
      if (nc == 0) { printf "%-12s kemu %.4g (%d runs); no kernel anchor\n", row, mk, nk; exit }
      mc = median(c, nc)
      printf "%-12s kemu %.4g (%d runs)  kernel %.4g (%d samples)  kemu/kernel %.2f\n", row, mk, nk, mc, nc, mk / mc
    }' "$samples"
done
