#!/bin/sh
# samling-extract throughput: at least 500 MB of blocks (BENCH_SCALE=0.1
# for 50 MB), made by repeating the blocks of our own test documents under
# new source names.  Prints MB/s for samling-extract and for pcre2grep -f
# running the same patterns (samling-extract --patterns) over the same
# bytes, and their ratio.
set -e
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${SAMLING_BIN:-$TOP/bin}
case $BIN in /*) ;; *) BIN=$TOP/$BIN ;; esac
SAMLING_DATADIR=$TOP/share/samling
export SAMLING_DATADIR
scale=${BENCH_SCALE:-1}
work=$(mktemp -d "${TMPDIR:-/tmp}/samling-bench-extract.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

now() { date +%s.%N; }
mbps() { awk -v b="$1" -v t0="$2" -v t1="$3" 'BEGIN { printf "%.1f", b / 1e6 / (t1 - t0) }'; }

# One copy: our documents through ingest, plus the hand-written blocks.
"$BIN/samling-ingest" "$TOP"/tests/extract/fixtures/docs/* > "$work/one.csv"
tail -n +2 "$TOP/tests/extract/fixtures/plan.csv" >> "$work/one.csv"
target=$(awk -v s="$scale" 'BEGIN { printf "%d", 500e6 * s }')
awk -v target="$target" -F, '
	NR == 1 { print; hdr = length($0) + 1; next }
	{ row[++n] = $0; rest[n] = substr($0, length($1) + 1); bytes += length($0) + 1 }
	END {
		copies = int(target / bytes) + 1
		for (c = 1; c <= copies; c++)
			for (i = 1; i <= n; i++)
				printf "doc%d-%s%s\n", c, substr(row[i], 1, index(row[i], ",") - 1), rest[i]
	}' "$work/one.csv" > "$work/blocks.csv"
size=$(wc -c < "$work/blocks.csv")
"$BIN/samling-extract" --patterns > "$work/patterns.txt"
echo "extract: $(awk -v b="$size" 'BEGIN { printf "%.0f", b / 1e6 }') MB of blocks, $(wc -l < "$work/patterns.txt") patterns"

t0=$(now)
"$BIN/samling-extract" "$work/blocks.csv" > "$work/items.csv"
t1=$(now)
ours=$(mbps "$size" "$t0" "$t1")
echo "extract: samling-extract     $ours MB/s ($(($(wc -l < "$work/items.csv") - 1)) items)"

if command -v pcre2grep >/dev/null 2>&1; then
	t0=$(now)
	pcre2grep -c -i -u -f "$work/patterns.txt" "$work/blocks.csv" > "$work/count" || true
	t1=$(now)
	theirs=$(mbps "$size" "$t0" "$t1")
	echo "extract: pcre2grep -f        $theirs MB/s ($(cat "$work/count") matching lines)"
	awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "extract: ratio               %.1fx pcre2grep\n", a / b }'
else
	echo "extract: pcre2grep not found; no reference figure"
fi
awk -v a="$ours" 'BEGIN { if (a < 100) print "extract: below the 100 MB/s target" }'
