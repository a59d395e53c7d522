#!/bin/bash
# Record every scenario program on one real kernel release, booted under qemu.
#
# usage: record-kernel.sh GIT_DIR|OWNER/NAME COMMIT [RELEASE]
#
# GIT_DIR is a bare git mirror of a public import of a kernel release; with
# OWNER/NAME the GitHub repository is cloned bare into $ORACLE_WORK/mirrors first
# (reused when present).  COMMIT is the import's release commit (usually the root
# commit).  RELEASE names the scratch tree ($ORACLE_WORK/linux-RELEASE); by default
# it is read from the tree's Makefile.
#
# Steps: extract.sh (skipped when the tree is there), build-kernel.sh (skipped
# when the tree has a bzImage, unless REBUILD=1), run.sh with scenarios/*.c, then
# the logs go to traces/linux-<uname -r>/<name>.strace in the project.
#
# Environment: ORACLE_WORK (scratch space outside the project, default
# /var/tmp/kemu-oracle), REBUILD=1, SCENARIOS (program sources, default
# scenarios/*.c), PREFIX (folder of the tree inside the import), STRACE_OPTS
# (default below: the calls of the program itself, without libc start-up, signal
# handler set-up and exit), and run.sh's knobs (SCENARIO_TIMEOUT, MKFS_OPTS,
# QEMU_MEM, QEMU_TIMEOUT, QEMU_ACCEL, QEMU_CPU).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
project=$(cd "$here/.." && pwd)
if [ $# -lt 2 ]; then
    echo "usage: $0 GIT_DIR|OWNER/NAME COMMIT [RELEASE]" >&2
    exit 2
fi
source=$1 commit=$2 release=${3:-}
work=${ORACLE_WORK:-/var/tmp/kemu-oracle}
mkdir -p "$work"

# 1. the mirror
if [ -d "$source" ]; then
    git_dir=$(cd "$source" && pwd)
else
    name=${source#github:}
    git_dir=$work/mirrors/${name//\//+}.git
    if [ ! -d "$git_dir" ]; then
        echo "cloning https://github.com/$name into $git_dir"
        git clone --bare --quiet "https://github.com/$name.git" "$git_dir"
    fi
fi

# 2. the tree
if [ -n "$release" ]; then
    tree=$work/linux-$release
else
    makefile=$(git --git-dir="$git_dir" show "$commit:${PREFIX:+$PREFIX/}Makefile")
    v() { echo "$makefile" | sed -n "s/^$1 = *//p" | head -n 1; }
    release=$(v VERSION).$(v PATCHLEVEL).$(v SUBLEVEL)
    tree=$work/linux-$release
fi
if [ ! -f "$tree/Makefile" ]; then
    echo "extracting $commit into $tree"
    "$here/extract.sh" "$git_dir" "$commit" "$tree" ${PREFIX:+"$PREFIX"}
fi

# 3. the kernel
bzimage=$tree/arch/x86/boot/bzImage
if [ ! -f "$bzimage" ] || [ "${REBUILD:-0}" = 1 ]; then
    "$here/build-kernel.sh" "$tree" || [ -f "$bzimage" ]
else
    echo "reusing $bzimage"
fi

# 4. the recordings
out=$work/out-$release
rm -rf "$out"
# the scenario's own calls only: the static libc start-up (execve ... mprotect),
# signal handler set-up and return, alarm and exit_group stay out of the log
export STRACE_OPTS=${STRACE_OPTS:--qq -xx -s 1048576 -e trace=!execve,brk,arch_prctl,set_tid_address,set_robust_list,rseq,prlimit64,readlink,getrandom,clock_gettime,mprotect,mmap,munmap,rt_sigaction,rt_sigprocmask,rt_sigreturn,alarm,exit_group}
# shellcheck disable=SC2086
"$here/run.sh" "$bzimage" "$out" ${SCENARIOS:-"$here"/scenarios/*.c} || true

# 5. into the project
kernel=$(cat "$out/uname" 2>/dev/null || sed -n 's/^# kernel: //p' "$(ls "$out"/*.strace | head -n 1)")
dest=$project/traces/linux-$kernel
mkdir -p "$dest"
for log in "$out"/*.strace; do
    # the program's notes (scenarios/scenario.h: one write(1, "note: ...") at exit) are
    # not part of the scenario; they are in OUTDIR/<name>.log
    sed '/^write(1, "\\x6e\\x6f\\x74\\x65\\x3a\\x20/d' "$log" >"$dest/$(basename "$log")"
done
echo "recorded on $kernel into ${dest#"$project"/}:"
for rc in "$out"/*.rc; do
    name=$(basename "$rc" .rc)
    status=$(cat "$rc")
    case $status in
        0) what=ok ;;
        137) what="killed by the watchdog (the log ends at the call that blocked)" ;;
        *) what="exit $status" ;;
    esac
    printf '  %-36s %s\n' "$name" "$what"
    # the programs' own notes on results that differ from the newest kernel
    if [ -f "$out/$name.log" ]; then sed 's/^/      /' "$out/$name.log"; fi
done
