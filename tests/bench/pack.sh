#!/bin/sh
# Benchmark samling-pack and samling-verify against the tools people use
# without them: bsdtar -czf, bsdtar | zstd -T2, and sha256sum -c.
#
# A tree of about 1 GB in about 2,000 files (BENCH_SCALE=0.1 for a tenth;
# small scales exaggerate fixed costs such as start-up)
# is generated deterministically under /tmp and removed afterwards.
# Targets (issue 13): a .tar.gz bag in at most 0.6x the time of bsdtar
# -czf (samling-pack deflates on every core, bsdtar on one); a .tar.zst
# bag in at most 1.0x the time of bsdtar | zstd -T2; verify at least 5x
# faster than sha256sum -c over the same files.  The load average before
# and after is printed: the figures mean little on a busy machine.  The
# quick steps run BENCH_RUNS times (default 3) and the fastest counts.
# samling-pack also fsyncs its output (-o is durable as well as atomic);
# the references do not.
set -e
LC_ALL=C
export LC_ALL
BIN=${SAMLING_BIN:-bin}
PATH=$BIN:$PATH
scale=${BENCH_SCALE:-1}
work=$(mktemp -d /tmp/samling-bench-pack.XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM

for tool in bsdtar zstd sha256sum python3 samling-pack samling-verify; do
	command -v $tool >/dev/null || { echo "pack.sh: $tool not found" >&2; exit 2; }
done

# About 2,000 files averaging 500 kB: two thirds text-like (base64, which
# compresses about 4:3), one third already-compressed binary.
python3 - "$work/tree" "$scale" <<'PY'
import base64, os, random, sys
root, scale = sys.argv[1], float(sys.argv[2])
rng = random.Random(20241123)
nfiles = max(20, int(2000 * scale))
for i in range(nfiles):
    d = os.path.join(root, "samling-%02d" % (i % 40))
    os.makedirs(d, exist_ok=True)
    size = 1024 + (i * 7919) % (1000 * 1024)
    if i % 3 == 2:
        data = rng.randbytes(size)
        name = "vedlegg-%04d.bin" % i
    else:
        data = base64.encodebytes(rng.randbytes(size * 3 // 4))
        name = "notat-%04d.txt" % i
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)
PY
cat $(find "$work/tree" -type f) >/dev/null	# warm the page cache
files=$(find "$work/tree" -type f | wc -l)
bytes=$(du -sb "$work/tree" | cut -f1)
echo "tree: $files files, $bytes bytes (BENCH_SCALE=$scale)"
echo "cores online: $(getconf _NPROCESSORS_ONLN); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

now() { date +%s.%N; }
# run N NAME CMD...: run a command N times, keep the fastest as $t_NAME
# (the minimum is the figure least disturbed by other load on the machine)
run() {
	n=$1 name=$2
	shift 2
	best=
	i=0
	while [ $i -lt "$n" ]; do
		start=$(now)
		"$@"
		end=$(now)
		t=$(echo "$end $start" | awk '{ printf "%.2f", $1 - $2 }')
		best=$(echo "$t ${best:-$t}" | awk '{ print ($1 < $2 ? $1 : $2) }')
		i=$((i + 1))
	done
	eval "t_$name=$best"
	printf '%-44s %7s s  (best of %d)\n' "$name" "$best" "$n"
}
ratio() { echo "$1 $2" | awk '{ printf "%.2f", ($2 > 0 ? $1 / $2 : 0) }'; }

cd "$work"
runs=${BENCH_RUNS:-3}
run 1 bsdtar_czf bsdtar -czf ref.tar.gz tree
# (The same bytes on one core as on all: SOURCE_DATE_EPOCH for the times.)
export SOURCE_DATE_EPOCH=1700000000
run 1 pack_tar_gz samling-pack -n bag -o bag.tar.gz tree
run 1 pack_tar_gz_j1 samling-pack -j 1 -n bag -o bag1.tar.gz tree
cmp -s bag.tar.gz bag1.tar.gz || echo "pack.sh: -j 1 gave other bytes" >&2
unset SOURCE_DATE_EPOCH
run "$runs" bsdtar_zstd sh -c 'bsdtar -cf - tree | zstd -q -T2 >ref.tar.zst'
run "$runs" pack_tar_zst samling-pack -o bag.tar.zst tree
# The same to standard output, which is not fsynced: what durability costs.
run "$runs" pack_tar_zst_stdout sh -c 'samling-pack -f tar.zst tree >bag2.tar.zst'
run 1 pack_dir samling-pack -o bag tree
run "$runs" sha256sum_c sh -c 'cd bag && sha256sum -c --quiet manifest-sha256.txt'
run "$runs" verify_dir samling-verify -q bag
run "$runs" verify_tar_zst samling-verify -q bag.tar.zst
run 1 verify_tar_gz samling-verify -q bag.tar.gz
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "sizes: bsdtar -czf $(wc -c <ref.tar.gz), bag.tar.gz $(wc -c <bag.tar.gz);" \
	"zstd $(wc -c <ref.tar.zst), bag.tar.zst $(wc -c <bag.tar.zst)"
r1=$(ratio "$t_pack_tar_gz" "$t_bsdtar_czf")
r2=$(ratio "$t_pack_tar_zst" "$t_bsdtar_zstd")
r3=$(ratio "$t_sha256sum_c" "$t_verify_dir")
r4=$(ratio "$t_sha256sum_c" "$t_verify_tar_zst")
verdict() { echo "$1 $2 $3" | awk '{ ok = ($3 == "le") ? $1 <= $2 : $1 >= $2; print ok ? "ok" : "MISSED" }'; }
r5=$(ratio "$t_pack_tar_gz_j1" "$t_bsdtar_czf")
echo "pack .tar.gz / bsdtar -czf:          ${r1}x (target <= 0.6: $(verdict "$r1" 0.6 le))"
echo "pack -j 1 .tar.gz / bsdtar -czf:     ${r5}x"
echo "pack .tar.zst / bsdtar | zstd -T2:   ${r2}x (target <= 1.0: $(verdict "$r2" 1.0 le))"
echo "pack >.tar.zst / bsdtar | zstd -T2:  $(ratio "$t_pack_tar_zst_stdout" "$t_bsdtar_zstd")x (to standard output: no fsync, as the reference)"
echo "sha256sum -c / verify (directory):   ${r3}x (target >= 5: $(verdict "$r3" 5 ge))"
echo "sha256sum -c / verify (.tar.zst):    ${r4}x"
