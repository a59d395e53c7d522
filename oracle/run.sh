#!/bin/bash
# Record programs for real on another kernel, booted under qemu.
#
# usage: run.sh BZIMAGE OUTDIR PROGRAM.c...
#
# Each PROGRAM.c is built with gcc -static -O1 (its own folder on the include
# path), put into a small initramfs with static busybox, this machine's strace
# (dynamic, so its libraries are copied in) and guest-init.sh as /init, and run
# by that init in a fresh directory on an ext4 disk image made here with
# mkfs.ext4.  The guest powers off (reboots, with -no-reboot) when done; the
# logs are read back from the image with debugfs and get header lines
# (# kernel: the guest's uname -r, # fs: ext4, # scenario:/# expect: from the
# source's "// scenario:" and "// expect:" lines) in OUTDIR/<name>.strace.
#
# Writes OUTDIR/<name>.rc (the exit status, 137 when the watchdog killed it) and
# OUTDIR/<name>.log (what the program and strace printed) beside the logs.
#
# Needs: qemu-system-x86_64, busybox-static, cpio, e2fsprogs (mkfs.ext4,
# e2fsck, debugfs), gcc with static glibc, strace.
# Environment: QEMU_ACCEL (tcg, the default, or kvm), QEMU_CPU, MKFS_OPTS
# (extra mkfs.ext4 options, e.g. "-O ^metadata_csum" for very old kernels),
# QEMU_MEM (MiB, default 512), QEMU_TIMEOUT (s, whole boot, default 600),
# SCENARIO_TIMEOUT (s, default 30: before 5.2 splice and tee ignore a pipe's
# O_NONBLOCK, so programs written for newer kernels can block there until
# killed; their log then ends with the unfinished call and the exit status is
# 137), STRACE_OPTS (default "-f -qq -xx -s 1048576"; no "+").
set -eu

here=$(cd "$(dirname "$0")" && pwd)
if [ $# -lt 3 ]; then
    echo "usage: $0 BZIMAGE OUTDIR PROGRAM.c..." >&2
    exit 2
fi
bzimage=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
mkdir -p "$2"
out=$(cd "$2" && pwd)
shift 2

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root
mkdir -p "$root"/{bin,dev,proc,sys,mnt,tmp,progs,etc}
mkdir -p "$root"/lib/x86_64-linux-gnu "$root"/lib64 "$root"/usr/bin

# busybox and strace with its libraries
cp /bin/busybox "$root/bin/busybox"
cp /usr/bin/strace "$root/usr/bin/strace"
for lib in $(ldd /usr/bin/strace | grep -o '/[^ ]*'); do
    cp -L "$lib" "$root$lib"
done
mknod -m 600 "$root/dev/console" c 5 1
mknod -m 666 "$root/dev/null" c 1 3
cp "$here/guest-init.sh" "$root/init"
chmod 755 "$root/init"

# the programs
: >"$root/scenarios.list"
srcs=()
for src in "$@"; do
    [ -f "$src" ] || { echo "no such program source: $src" >&2; exit 2; }
    src=$(cd "$(dirname "$src")" && pwd)/$(basename "$src")
    name=$(basename "$src" .c)
    gcc -static -O1 -I"$(dirname "$src")" -o "$root/progs/$name" "$src"
    echo "$name" >>"$root/scenarios.list"
    srcs+=("$src")
done
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$work/initramfs.gz"

# the ext4 disk: sparse 1 GiB so mkfs picks its default (not "small") type
truncate -s 1G "$work/disk.img"
mkfs.ext4 -q -F -b 4096 ${MKFS_OPTS:-} "$work/disk.img"
# the features the guest's ext4 had to mount (MKFS_OPTS takes some away for old kernels)
dumpe2fs -h "$work/disk.img" 2>/dev/null | sed -n 's/^Filesystem features: *//p' >"$work/fsfeatures"

# TCG by default: under nested virtualisation KVM with -cpu host can die
# on MSR 0x10a, and with -cpu host,-arch-capabilities the guest never prints.
# -cpu max gives the guest ERMS, so the kernel memcpy behaves as on hardware
# (the guest's flags are saved in OUTDIR/cpuflags).
if [ "${QEMU_ACCEL:-tcg}" = kvm ]; then
    accel=(-enable-kvm -cpu "${QEMU_CPU:-host,-arch-capabilities}")
else
    accel=(-cpu "${QEMU_CPU:-max}")
fi
t0=$(date +%s)
timeout "${QEMU_TIMEOUT:-600}" qemu-system-x86_64 "${accel[@]}" \
    -m "${QEMU_MEM:-512}" -nographic -no-reboot \
    -kernel "$bzimage" -initrd "$work/initramfs.gz" \
    -drive "file=$work/disk.img,format=raw,if=virtio" \
    -append "console=ttyS0 panic=-1 loglevel=4 oracle_timeout=${SCENARIO_TIMEOUT:-30} strace_opts=$(echo "${STRACE_OPTS:--f -qq -xx -s 1048576}" | tr ' ' +)" \
    </dev/null >"$out/console.log" 2>&1 || true
echo "qemu ran $(( $(date +%s) - t0 )) s; console in $out/console.log"

# replay the journal, should the guest not have unmounted cleanly
e2fsck -fy "$work/disk.img" >"$out/e2fsck.log" 2>&1 || true
debugfs -R "rdump /out $work" "$work/disk.img" >/dev/null 2>&1
kernel=$(cat "$work/out/uname" 2>/dev/null || echo unknown)
cp "$work/out/cpuflags" "$out/cpuflags" 2>/dev/null || true
cp "$work/fsfeatures" "$out/fsfeatures"
cp "$work/out/uname" "$out/uname" 2>/dev/null || true
status=0
for src in "${srcs[@]}"; do
    name=$(basename "$src" .c)
    rc=$(cat "$work/out/$name.rc" 2>/dev/null || echo missing)
    if [ "$rc" != 0 ]; then
        echo "FAIL run $name (exit $rc)" >&2
        sed 's/^/    /' "$work/out/$name.log" >&2 2>/dev/null || true
        status=1
    fi
    echo "$rc" >"$out/$name.rc"
    # anything the program or strace said (strace warnings included)
    [ -s "$work/out/$name.log" ] && cp "$work/out/$name.log" "$out/$name.log"
    [ -f "$work/out/$name.raw" ] || continue
    {
        echo "# kernel: $kernel"
        echo "# fs: ext4"
        echo "# scenario: $(sed -n 's|^// scenario: ||p' "$src" | head -n 1)"
        echo "# expect: $(sed -n 's|^// expect: ||p' "$src" | head -n 1)"
        cat "$work/out/$name.raw"
    } >"$out/$name.strace"
    echo "recorded $name ($(wc -l <"$work/out/$name.raw") lines) on $kernel"
done
exit $status
