# Helpers for the benchmark scripts (sourced, not run).

# measure LABEL MB COMMAND...: run COMMAND (output to /dev/null) and print
# wall seconds, MB/s by wall time and by CPU time (user + system, fairer
# on a busy machine) and peak resident memory.  Sets SECS, CPU and PEAK_KB.
measure() {
	label=$1 mb=$2
	shift 2
	/usr/bin/time -f "%e %U %S %M" -o "$BENCH_TMP/.time" "$@" >/dev/null 2>"$BENCH_TMP/.err" ||
		{ echo "  $label: failed"; sed 's/^/    /' "$BENCH_TMP/.err" | head -5; }
	read SECS USER SYS PEAK_KB < "$BENCH_TMP/.time"
	CPU=$(awk -v u="$USER" -v s="$SYS" 'BEGIN { print u + s }')
	awk -v l="$label" -v s="$SECS" -v c="$CPU" -v mb="$mb" -v kb="$PEAK_KB" 'BEGIN {
		printf "  %-34s %7.2f s %8.1f MB/s %8.1f MB/s cpu %8.1f MB peak\n", l, s,
		    (s > 0 ? mb / s : 0), (c > 0 ? mb / c : 0), kb / 1024 }'
}

ratio() {	# ratio LABEL A B: prints A/B
	awk -v l="$1" -v a="$2" -v b="$3" 'BEGIN { if (b > 0) printf "  %-34s %7.2fx\n", l, a / b }'
}

BENCH_SCALE=${BENCH_SCALE:-1}
BENCH_TMP=$(mktemp -d "${TMPDIR:-/tmp}/samling-bench.XXXXXX")
trap 'rm -rf "$BENCH_TMP"' EXIT INT TERM
