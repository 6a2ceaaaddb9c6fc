# Helpers for the benchmark scripts (sourced, not run).

# measure LABEL MB COMMAND...: run COMMAND (output to /dev/null) and print
# seconds, MB/s and peak resident memory.  Sets SECS and PEAK_KB.
measure() {
	label=$1 mb=$2
	shift 2
	/usr/bin/time -f "%e %M" -o "$BENCH_TMP/.time" "$@" >/dev/null 2>"$BENCH_TMP/.err" ||
		{ echo "  $label: failed"; sed 's/^/    /' "$BENCH_TMP/.err" | head -5; }
	read SECS PEAK_KB < "$BENCH_TMP/.time"
	awk -v l="$label" -v s="$SECS" -v mb="$mb" -v kb="$PEAK_KB" 'BEGIN {
		rate = s > 0 ? mb / s : 0
		printf "  %-34s %7.2f s %8.1f MB/s %8.1f MB peak\n", l, s, rate, kb / 1024 }'
}

ratio() {	# ratio LABEL A B: prints A/B
	awk -v l="$1" -v a="$2" -v b="$3" 'BEGIN { if (b > 0) printf "  %-34s %7.2fx\n", l, a / b }'
}

BENCH_SCALE=${BENCH_SCALE:-1}
BENCH_TMP=$(mktemp -d "${TMPDIR:-/tmp}/samling-bench.XXXXXX")
trap 'rm -rf "$BENCH_TMP"' EXIT INT TERM
