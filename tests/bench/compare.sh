#!/bin/sh
# Benchmark of samling-compare against a sort | join pipeline (coreutils),
# Miller's join and daff where installed.
#
# Two long-format files (kommune,år,indikator,verdi) of 5,000,000 rows each
# are generated here, deterministically: about 1% of the values changed,
# 0.5% of the keys removed and 0.5% added, and the rows of each file in a
# different scrambled order.  BENCH_SCALE (default 1) scales the row count
# (BENCH_SCALE=0.1 for 500,000 rows).  A second pair of 100,000 rows is
# compared with Miller and daff.  Prints time and peak memory of each run
# (/usr/bin/time) and the ratios.
set -e
LC_ALL=C
export LC_ALL
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${SAMLING_BIN:-$TOP/bin}
case $BIN in /*) ;; *) BIN=$TOP/$BIN ;; esac
SAMLING_DATADIR=${SAMLING_DATADIR:-$TOP/share/samling}
export SAMLING_DATADIR
SCALE=${BENCH_SCALE:-1}
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "compare bench: needs /usr/bin/time (Debian package time)"; exit 0; }
work=$(mktemp -d "${TMPDIR:-/tmp}/samling-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

# gen ROWS SHIFT MULT OUT: rows i = 0..ROWS-1 in scrambled order; row i
# holds key j = SHIFT + (i * MULT + 12345) mod ROWS.  The new file takes
# SHIFT = ROWS/200, so the first 0.5% of the keys are removed and as many
# added at the end; values of one key in 100 differ between the files.
gen() {
	awk -F, -v rows="$1" -v shift="$2" -v mult="$3" -v new="$4" '
	NR == FNR { if (FNR > 1 && $1 != "9999") kn[nk++] = $1 " " $4; next }
	END {
		print "kommune,år,indikator,verdi"
		for (i = 0; i < rows; i++) {
			j = shift + (i * mult + 12345) % rows
			k = j % nk; r = int(j / nk)
			v = (j * 7919) % 100000
			if (new && (j * 31) % 100 == 0)
				v += 1 + j % 50
			printf "%s,%d,Indikator %d,%d\n", kn[k], 2015 + r % 10, int(r / 10), v
		}
	}' "$SAMLING_DATADIR/municipalities/kommuner_2024.csv" /dev/null
}

measure() {	# label, then the command
	label=$1
	shift
	$TIME -f "%e %M %U %S" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || true
	set -- $(tail -n 1 "$work/time")
	printf '%-34s %7.2f s %6.2f s cpu %8.1f MB %9d lines\n' "$label" "$1" "$(echo "$3 $4" | awk '{print $1 + $2}')" "$(echo "$2" | awk '{print $1/1024}')" "$(wc -l <"$work/out")"
	last_time=$1
	last_mem=$2
}

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0) printf "%.1f", b / a; else print "inf" }'
}

pair() {	# rows, prefix
	n=$1
	gen "$n" 0 1000003 0 >"$work/$2.old.csv"
	gen "$n" $((n / 200)) 999983 1 >"$work/$2.new.csv"
}

# The machine may be shared: its load is printed with the figures.
echo "compare bench: load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null), $(getconf _NPROCESSORS_ONLN 2>/dev/null) processors"
big=$(awk -v s="$SCALE" 'BEGIN { printf "%d", 5000000 * s }')
echo "compare bench: generating two files of $big rows"
pair "$big" big

measure "samling-compare" "$BIN/samling-compare" "$work/big.old.csv" "$work/big.new.csv"
ours=$last_time
ours_mem=$last_mem

# The pipeline a shell user would write: one key field, sort, join, and
# awk for the rows that differ.
cat >"$work/sortjoin.sh" <<'SH'
prep() { awk -F, 'NR > 1 { print $1 "|" $2 "|" $3 "," $4 }' "$1" | sort -t, -k1,1 -S 40% >"$1.sorted"; }
prep "$1" &
prep "$2"
wait
join -t, -a1 -a2 -e '' -o 0,1.2,2.2 "$1.sorted" "$2.sorted" | awk -F, '$2 != $3'
SH
measure "sort | join (coreutils)" sh "$work/sortjoin.sh" "$work/big.old.csv" "$work/big.new.csv"
tuned=$last_time
# The same pipeline as it is usually written: one sort after the other,
# sort's default buffer and the UTF-8 locale's collation.
sed -e 's/ -S 40%//' -e 's/ &$//' "$work/sortjoin.sh" >"$work/sortjoin-plain.sh"
measure "sort | join, plain" env LC_ALL=C.UTF-8 sh "$work/sortjoin-plain.sh" "$work/big.old.csv" "$work/big.new.csv"
echo "samling-compare is $(ratio "$ours" "$last_time")x faster than the plain sort | join, $(ratio "$ours" "$tuned")x faster than the tuned one (target 5x); peak memory $(awk -v m="$ours_mem" 'BEGIN{printf "%.0f", m/1024}') MB (target < 1024 MB)"

echo "compare bench: generating two files of 100000 rows"
pair 100000 small
measure "samling-compare (100k)" "$BIN/samling-compare" "$work/small.old.csv" "$work/small.new.csv"
ours=$last_time
if command -v mlr >/dev/null 2>&1; then
	measure "mlr join (100k)" sh -c 'mlr --icsv --ocsv join --ul --ur --lp old_ --rp new_ -j kommune,år,indikator -f "$1" then filter "is_absent(\$old_verdi) || is_absent(\$new_verdi) || \$old_verdi != \$new_verdi" "$2"' sh "$work/small.old.csv" "$work/small.new.csv"
	echo "samling-compare is $(ratio "$ours" "$last_time")x faster than Miller (target 10x)"
fi
if command -v daff >/dev/null 2>&1; then
	measure "daff (100k)" daff diff --id kommune --id år --id indikator "$work/small.old.csv" "$work/small.new.csv"
	echo "samling-compare is $(ratio "$ours" "$last_time")x faster than daff (target 10x)"
fi

# PX and JSON-stat: one table of kommune x år x indikator (SCALE times
# 357 x 10 x 500 cells) written as PX, as JSON-stat 2.0 and as the long
# CSV of the statbank, old and new as above.  Figures: input megabytes a
# second of wall time, and ratios against reference readings of the same
# two files that do less than compare does (no keys, no regions, no
# output but a count): jq parsing each JSON-stat document and taking its
# "value" array out; for PX, sed, tr, paste and awk cutting each file's
# DATA into values and counting those that differ by position.  And the
# same table as CSV (compare's row path, with -k).
gencube() {	# NIND NEW FORMAT(px|json|csv)
	awk -F, -v nind="$1" -v new="$2" -v fmt="$3" '
	BEGIN { nk = 0 }
	NR == FNR { if (FNR > 1 && $1 != "9999") { code[nk] = $1; name[nk] = $4; nk++ } next }
	function val(j) { v = (j * 7919) % 100000; if (new && (j * 31) % 100 == 0) v += 1 + j % 50; return v }
	END {
		if (fmt == "csv") {
			print "region,år,indikator,bench"
			for (k = 0; k < nk; k++) for (y = 0; y < 10; y++) for (i = 0; i < nind; i++)
				printf "%s %s,%d,Indikator %d,%d\n", code[k], name[k], 2015 + y, i, val(j++)
			exit
		}
		if (fmt == "px") {
			print "CHARSET=\"UTF-8\";\nMATRIX=\"99999\";\nTITLE=\"bench\";\nDECIMALS=0;"
			print "STUB=\"region\",\"år\";\nHEADING=\"indikator\";"
			printf "VALUES(\"region\")="; for (k = 0; k < nk; k++) printf "%s\"%s\"", k ? "," : "", name[k]; print ";"
			printf "CODES(\"region\")="; for (k = 0; k < nk; k++) printf "%s\"%s\"", k ? "," : "", code[k]; print ";"
			printf "VALUES(\"år\")="; for (y = 0; y < 10; y++) printf "%s\"%d\"", y ? "," : "", 2015 + y; print ";"
			printf "VALUES(\"indikator\")="; for (i = 0; i < nind; i++) printf "%s\"Indikator %d\"", i ? "," : "", i; print ";"
			print "DATA="
			for (r = 0; r < nk * 10; r++) { for (i = 0; i < nind; i++) printf "%s%d", i ? " " : "", val(j++); print "" }
			print ";"
			exit
		}
		printf "{\"version\":\"2.0\",\"class\":\"dataset\",\"label\":\"bench\",\"id\":[\"region\",\"år\",\"indikator\"],"
		printf "\"size\":[%d,10,%d],\"dimension\":{\"region\":{\"label\":\"region\",\"category\":{\"index\":[", nk, nind
		for (k = 0; k < nk; k++) printf "%s\"%s\"", k ? "," : "", code[k]
		printf "],\"label\":{"; for (k = 0; k < nk; k++) printf "%s\"%s\":\"%s\"", k ? "," : "", code[k], name[k]
		printf "}}},\"år\":{\"label\":\"år\",\"category\":{\"index\":["; for (y = 0; y < 10; y++) printf "%s\"%d\"", y ? "," : "", 2015 + y
		printf "]}},\"indikator\":{\"label\":\"indikator\",\"category\":{\"index\":["; for (i = 0; i < nind; i++) printf "%s\"Indikator %d\"", i ? "," : "", i
		printf "]}}},\"value\":["
		for (n = 0; n < nk * 10 * nind; n++) printf "%s%d", n ? "," : "", val(j++)
		print "]}"
	}' "$SAMLING_DATADIR/municipalities/kommuner_2024.csv" /dev/null
}
nind=$(awk -v s="$SCALE" 'BEGIN { n = int(500 * s); print n < 1 ? 1 : n }')
echo "compare bench: a PX and JSON-stat table of $((357 * 10 * nind)) cells"
for f in px json csv; do
	gencube "$nind" 0 $f >"$work/cube.old.$f"
	gencube "$nind" 1 $f >"$work/cube.new.$f"
done
mb() { echo "$(($(wc -c <"$1") + $(wc -c <"$2")))" | awk '{ printf "%.1f", $1 / 1048576 }'; }
measure "samling-compare PX" "$BIN/samling-compare" "$work/cube.old.px" "$work/cube.new.px"
px_time=$last_time
measure "samling-compare JSON-stat" "$BIN/samling-compare" "$work/cube.old.json" "$work/cube.new.json"
js_time=$last_time
measure "samling-compare CSV" "$BIN/samling-compare" -k region,år,indikator "$work/cube.old.csv" "$work/cube.new.csv"
csv_time=$last_time
cat >"$work/pxcells.sh" <<'SH'
cells() { sed '1,/^DATA=/d' "$1" | tr -s ' ;\n' '\n\n\n' >"$1.cells"; }
cells "$1" &
cells "$2"
wait
paste -d ' ' "$1.cells" "$2.cells" | awk '$1 != $2 { n++ } END { print n + 0 }'
SH
measure "PX values by position (sh)" sh "$work/pxcells.sh" "$work/cube.old.px" "$work/cube.new.px"
pxref_time=$last_time
measure "jq -c .value (JSON-stat)" sh -c 'jq -c .value "$1" >/dev/null & jq -c .value "$2" >/dev/null; wait' sh "$work/cube.old.json" "$work/cube.new.json"
jq_time=$last_time
pxmb=$(mb "$work/cube.old.px" "$work/cube.new.px")
jsmb=$(mb "$work/cube.old.json" "$work/cube.new.json")
echo "PX: $pxmb MB in $px_time s, $(ratio "$px_time" "$pxmb") MB/s (target 100 MB/s), $(ratio "$px_time" "$pxref_time")x the speed of the PX values by position"
echo "JSON-stat: $jsmb MB in $js_time s, $(ratio "$js_time" "$jsmb") MB/s (target 100 MB/s), $(ratio "$js_time" "$jq_time")x the speed of jq -c .value"
echo "the same table as CSV takes $(ratio "$px_time" "$csv_time")x PX's time, $(ratio "$js_time" "$csv_time")x JSON-stat's"
echo "compare bench: load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
