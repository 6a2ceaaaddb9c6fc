#!/bin/sh
# samling-extract throughput on at least 500 MB of blocks (BENCH_SCALE=0.1
# for 50 MB): a quarter our own test documents repeated under new source
# names (dense: half their blocks are items), three quarters prose
# paragraphs made from a plain vocabulary, as most of a real document is.
# Prints MB/s (of CPU time) for samling-extract, and for pcre2grep -f running the same
# patterns (samling-extract --patterns) over the first 2% of the same
# bytes (it is far slower; the whole would take too long), and the ratio.
# Then the same on a corpus as dense in items as the seeds (dense.py:
# slide transcripts with site chrome, doubled bullets and dated steps,
# through samling-ingest), a quarter of the size, and its peak memory
# beside that on an eighth of it (flat: the same).  Between them, the
# time of a short run (start-up).
set -e
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${SAMLING_BIN:-$TOP/bin}
case $BIN in /*) ;; *) BIN=$TOP/$BIN ;; esac
SAMLING_DATADIR=$TOP/share/samling
export SAMLING_DATADIR
scale=${BENCH_SCALE:-1}
work=$(mktemp -d "${TMPDIR:-/tmp}/samling-bench-extract.XXXXXX")
trap '[ -n "$KEEP" ] || rm -rf "$work"' EXIT INT TERM

now() { date +%s.%N; }
mbps() { awk -v b="$1" -v t0="$2" -v t1="$3" 'BEGIN { printf "%.1f", b / 1e6 / (t1 - t0) }'; }

# One copy of the dense part: our documents through ingest, plus the
# hand-written blocks.
"$BIN/samling-ingest" "$TOP"/tests/extract/fixtures/docs/* > "$work/one.csv"
tail -n +2 "$TOP/tests/extract/fixtures/plan.csv" >> "$work/one.csv"
target=$(awk -v s="$scale" 'BEGIN { printf "%d", 500e6 * s }')
awk -v target="$target" '
	BEGIN {
		srand(1)
		nw = split("kommunen kommunene barnevernet tjenesten tjenestene " \
		    "samarbeid samarbeidet ansatte leder lederne arbeidet nettverket " \
		    "familie familiene barn unge foreldre skole barnehage helsestasjon " \
		    "saker sakene rutiner møte møtene samling samlingen region regionen " \
		    "fylket erfaringer kunnskap kompetanse fagmiljø veiledning tiltak " \
		    "tilbud oppfølging dialog bruk praksis ordning ordningen tema " \
		    "rapport rapporten innspill vurdering vurderingen oversikt rolle " \
		    "ansvar oppgaver oppgavene er var har hadde blir ble kan vil må " \
		    "skal gir får tar ser viser bidrar deltar møter bruker deler " \
		    "og i på for med til av om fra som det den de en et at ved etter " \
		    "mellom under over hos alle flere mange noen nye gode viktige " \
		    "felles lokale faglige gjennom sammen videre også både eller men " \
		    "dette disse hver godt tett nært bedre mer", w, " ")
	}
	NR == 1 { print; next }
	{ row[++n] = $0; bytes += length($0) + 1 }
	END {
		dense = target / 4
		for (c = 1; out < dense; c++)
			for (i = 1; i <= n; i++) {
				line = "doc" c "-" row[i]
				print line
				out += length(line) + 1
			}
		for (d = 1; out < target; d++) {
			for (s = 1; s <= 60; s++) {
				k = 10 + int(rand() * 40)
				t = w[1 + int(rand() * nw)]
				for (j = 2; j <= k; j++)
					t = t " " w[1 + int(rand() * nw)]
				line = "prose" d ".txt," int(s / 6) "," s ",text,0," toupper(substr(t, 1, 1)) substr(t, 2) "."
				print line
				out += length(line) + 1
			}
		}
	}' "$work/one.csv" > "$work/blocks.csv"
size=$(wc -c < "$work/blocks.csv")
"$BIN/samling-extract" --patterns > "$work/patterns.txt"
echo "extract: sparse: $(awk -v b="$size" 'BEGIN { printf "%.0f", b / 1e6 }') MB of blocks (a quarter our test documents, the rest prose), $(wc -l < "$work/patterns.txt") patterns"

# CPU seconds (user + system) where time(1) is there: "on one core", and
# fair on a machine that is busy with other work; wall clock otherwise.
# Prints "start end peak-kB" (peak 0 where time(1) is missing).
cpu() {	# output file, command...
	out=$1
	shift
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f "%U %S %M" -o "$work/time" "$@" > "$out"
		awk '{ printf "0 %f %d\n", $1 + $2, $3 }' "$work/time"
	else
		t0=$(now)
		"$@" > "$out"
		echo "$t0 $(now) 0"
	fi
}

# run LABEL BLOCKS: samling-extract, then pcre2grep on the first 2%.
run() {
	bytes=$(wc -c < "$2")
	set -- "$1" "$2" $(cpu "$work/items.csv" "$BIN/samling-extract" "$2")
	ours=$(mbps "$bytes" "$3" "$4")
	peak=$5
	items=$(($(wc -l < "$work/items.csv") - 1))
	echo "extract: $1: samling-extract  $ours MB/s ($items items, one in $((bytes / (items + 1))) bytes; peak memory $((peak / 1024)) MB)"
	if command -v pcre2grep >/dev/null 2>&1; then
		head -c $((bytes / 50)) "$2" > "$work/part.csv"
		part=$(wc -c < "$work/part.csv")
		set -- "$1" $(cpu "$work/count" pcre2grep -c -i -u -f "$work/patterns.txt" "$work/part.csv" || true)
		theirs=$(mbps "$part" "$2" "$3")
		echo "extract: $1: pcre2grep -f     $theirs MB/s (on the first $((part / 1000000)) MB)"
		awk -v l="$1" -v a="$ours" -v b="$theirs" 'BEGIN { printf "extract: %s: ratio            %.1fx pcre2grep\n", l, a / b }'
	else
		echo "extract: pcre2grep not found; no reference figure"
	fi
	awk -v l="$1" -v a="$ours" 'BEGIN { if (a < 100) print "extract: " l ": below the 100 MB/s target" }'
}

run sparse "$work/blocks.csv"

# A short run: our test documents once (some KB), as a user runs it on a
# document or two; its time is mostly start-up (the lexicon read and
# compiled).  CPU time of ten runs, per run.
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f "%U %S" -o "$work/time" sh -c '
		for i in 1 2 3 4 5 6 7 8 9 10; do
			"$1" "$2" > /dev/null || exit 1
		done' sh "$BIN/samling-extract" "$work/one.csv"
	echo "extract: short: $(awk '{ printf "%.1f", ($1 + $2) * 100 }' "$work/time") ms a run on $(($(wc -c < "$work/one.csv") / 1000)) kB"
fi

# The dense corpus: 16 transcripts of 1 MB through ingest, their blocks
# repeated under new source names up to the size asked.
mkdir "$work/dense"
python3 "$TOP/tests/bench/dense.py" "$work/dense" 16 1000000
"$BIN/samling-ingest" "$work"/dense/*.txt > "$work/dense-one.csv"
repeat() {	# bytes
	awk -v target="$1" '
	NR == 1 { print; next }
	{ row[++n] = $0 }
	END {
		for (c = 1; out < target; c++)
			for (i = 1; i <= n && out < target; i++) {
				line = "c" c "-" row[i]
				print line
				out += length(line) + 1
			}
	}' "$work/dense-one.csv"
}
repeat $((target / 4)) > "$work/dense.csv"
repeat $((target / 32)) > "$work/dense-eighth.csv"
echo "extract: dense: $(awk -v b="$(wc -c < "$work/dense.csv")" 'BEGIN { printf "%.0f", b / 1e6 }') MB of blocks from slide transcripts"
run dense "$work/dense.csv"
set -- $(cpu /dev/null "$BIN/samling-extract" "$work/dense-eighth.csv")
echo "extract: dense: peak memory on an eighth of it $(($3 / 1024)) MB"
