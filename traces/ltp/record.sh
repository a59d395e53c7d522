#!/usr/bin/env bash
# Rebuilds traces/ltp/*.strace: builds the Linux Test Project's tests for pipe, pipe2, splice, tee,
# vmsplice, sendfile, copy_file_range and fcntl30/35/37 from a local LTP checkout, then records each
# test program with `kemu record` from a scratch directory on ext4.
#
#   LTP_SRC=/path/to/ltp traces/ltp/record.sh [NAME...]
#
# LTP_SRC  a checkout of github:linux-test-project/ltp (required; nothing is fetched from the network,
#          apart from apt-get installing missing build tools). It is built in place.
# SCRATCH  where the tests run (default /var/tmp/kemu-ltp); must be on ext4. Emptied on each run.
# NAME...  record only these programs (default: all of them).
#
# Run as root: some tests need it (pipe2_02, fcntl35, copy_file_range02, and the loop device that
# copy_file_range01/02 mount).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$repo/traces/ltp"
: "${LTP_SRC:?set LTP_SRC to a checkout of the Linux Test Project (github:linux-test-project/ltp)}"
LTP_SRC="$(cd "$LTP_SRC" && pwd)"
SCRATCH="${SCRATCH:-/var/tmp/kemu-ltp}"
JOBS="${JOBS:-2}"

# Test directories under testcases/kernel/syscalls; fcntl is limited to the tests below.
dirs=(pipe pipe2 splice tee vmsplice sendfile copy_file_range)
fcntl_tests=(fcntl30 fcntl30_64 fcntl35 fcntl35_64 fcntl37 fcntl37_64)
# Built but not a test of its own: pipe2_02 executes it (it is recorded inside pipe2_02's log).
children=(pipe2_02_child)

# --- build tools ------------------------------------------------------------------------------
need=()
for t in autoconf:autoconf automake:automake m4:m4 make:make gcc:gcc pkg-config:pkg-config \
         strace:strace findmnt:util-linux; do
    command -v "${t%%:*}" >/dev/null || need+=("${t#*:}")
done
[ -f /usr/include/linux/splice.h ] || [ -f /usr/include/linux/fs.h ] || need+=(linux-libc-dev)
[ -f /usr/include/stdio.h ] || need+=(libc6-dev)
if [ ${#need[@]} -gt 0 ]; then
    echo "record.sh: installing ${need[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}"
fi

# --- build LTP --------------------------------------------------------------------------------
cd "$LTP_SRC"
if [ ! -f include/mk/config.mk ] || [ ! -f include/config.h ]; then
    make autotools
    ./configure
fi
make -j"$JOBS" -C lib
for d in "${dirs[@]}"; do
    make -j"$JOBS" -C "testcases/kernel/syscalls/$d"
done
make -j"$JOBS" -C testcases/kernel/syscalls/fcntl "${fcntl_tests[@]}"

# --- the programs: every executable the directories built (fcntl: the six above) ---------------
progs=()
for d in "${dirs[@]}"; do
    for f in "testcases/kernel/syscalls/$d"/*; do
        n="$(basename "$f")"
        [ -f "$f" ] && [ -x "$f" ] && [[ "$n" != *.* ]] || continue
        [[ " ${children[*]} " == *" $n "* ]] || progs+=("$n")
    done
done
progs+=("${fcntl_tests[@]}")

# --- scratch: an LTPROOT laid out as `make install` would, on ext4 -------------------------------
rm -rf "$SCRATCH"
mkdir -p "$SCRATCH/ltp/testcases/bin" "$SCRATCH/ltp/testcases/data" "$SCRATCH/tmp" "$SCRATCH/out"
# LTP reads the kernel config at every test's start (tst_has_slow_kconfig, to scale its timeout).
# From /proc/config.gz it runs `zcat` through a pipe, which puts a second process and the config
# twice into every log; KCONFIG_PATH pointing at the same config, uncompressed, puts it in once.
kconfig=""
if [ -r /proc/config.gz ]; then
    kconfig="$SCRATCH/kconfig"
    zcat /proc/config.gz >"$kconfig"
fi
fs="$(findmnt -no FSTYPE -T "$SCRATCH")"
if [ "$fs" != ext4 ]; then
    echo "record.sh: $SCRATCH is on $fs, not ext4; set SCRATCH to a directory on ext4" >&2
    exit 2
fi
for p in "${progs[@]}"; do
    cp "$(ls "$LTP_SRC"/testcases/kernel/syscalls/*/"$p")" "$SCRATCH/ltp/testcases/bin/"
done
for p in "${children[@]}"; do
    cp "$(ls "$LTP_SRC"/testcases/kernel/syscalls/*/"$p")" "$SCRATCH/ltp/testcases/bin/"
done

# Keep only the programs named on the command line, if any.
if [ $# -gt 0 ]; then
    for want in "$@"; do
        printf '%s\n' "${progs[@]}" | grep -qx -- "$want" || { echo "record.sh: no program $want" >&2; exit 2; }
    done
    progs=("$@")
else
    # A full run: no recording from an earlier run is left behind under another name.
    rm -f "$out"/*.strace
fi

# Build kemu now (first use), with the caller's environment, so the recordings below start at once.
"$repo/kemu" --version >/dev/null

# --- record -----------------------------------------------------------------------------------
# The environment is cleared to what LTP reads, so every recording starts from the same one.
# LTP_TIMEOUT_MUL: strace -f makes the tests slower; it widens LTP's per-test timeout only.
# PATH is the standard one (plus java's directory, for kemu), not the caller's: a test that executes
# a program by name (pipe2_02) searches it, and every directory tried is in the log.
path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
java_dir="$(dirname "$(command -v java)")"
[[ ":$path:" == *":$java_dir:"* ]] || path="$path:$java_dir"
bin="$SCRATCH/ltp/testcases/bin"
summary="$SCRATCH/summary.txt"
: >"$summary"
cd "$bin"
for p in "${progs[@]}"; do
    echo "=== $p" >&2
    set +e
    env -i PATH="$path" HOME="${HOME:-/root}" LANG=C LC_ALL=C \
        LTPROOT="$SCRATCH/ltp" TMPDIR="$SCRATCH/tmp" LTP_COLORIZE_OUTPUT=n LTP_TIMEOUT_MUL=5 \
        ${kconfig:+KCONFIG_PATH="$kconfig"} \
        "$repo/kemu" record --force -o "$out/$p.strace" -- "./$p" >"$SCRATCH/out/$p.log" 2>&1
    rc=$?
    set -e
    cat "$SCRATCH/out/$p.log" >&2
    # What the test reported: its result lines counted by type (both LTP APIs: "file.c:N: TPASS: ..."
    # and "name  N  TPASS  :  ..."). The exit status is LTP's: 0 all passed, else the OR of TFAIL 1,
    # TBROK 2, TWARN 4, TCONF 32 (lib/tst_test.c).
    counts=""
    for t in TPASS TFAIL TBROK TWARN TCONF; do
        c="$(grep -cE "(: | )$t( |:)" "$SCRATCH/out/$p.log" || true)"
        [ "$c" = 0 ] || counts+="$t $c, "
    done
    size="$(stat -c %s "$out/$p.strace" 2>/dev/null || echo 0)"
    over=""
    if [ "$size" -gt $((2 * 1024 * 1024)) ]; then
        # Kept compressed (kemu reads .gz logs): hex-escaped data shrinks to a few percent.
        gzip -9 -f "$out/$p.strace"
        over=" (over 2 MiB: kept as $p.strace.gz, $(stat -c %s "$out/$p.strace.gz") bytes)"
    fi
    printf '%s\texit %s\t%s\t%s bytes%s\n' "$p" "$rc" "${counts%, }" "$size" "$over" | tee -a "$summary" >&2
done
echo "record.sh: ${#progs[@]} programs recorded to $out; summary in $summary, output in $SCRATCH/out" >&2
