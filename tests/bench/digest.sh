#!/bin/sh
# samling-digest on 1,000,000 items (BENCH_SCALE=0.1 for 100,000) from
# 2,000 documents: 40% milestones dated over ten years (days, months,
# ranges), 5% undated, 25% goals, 30% pitfalls phrased in a few hundred
# ways in bokmål and nynorsk, so the stemming and grouping have work.
# Also with --previous (a run with a tenth of the items different) and as
# HTML.  The target: under 2 s, with peak memory growing linearly with
# the items (the figure at half the items is printed for comparison).
set -e
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${SAMLING_BIN:-$TOP/bin}
case $BIN in /*) ;; *) BIN=$TOP/$BIN ;; esac
[ -x /usr/bin/time ] || { echo "digest bench: needs /usr/bin/time (Debian package time)"; exit 0; }
. "$TOP/tests/bench/lib.sh"

gen() {	# ITEMS SALT
	awk -v n="$1" -v salt="$2" 'BEGIN {
		print "source,unit,category,section,text,date,basis"
		split("Manglende Manglande Mangelfull Uklar Uklare Lite Svak", adj, " ")
		split("tid forankring ressurser roller kommunikasjon ledelse kompetanse bemanning", noun, " ")
		split("hos rådmennene|i kommunene|til arbeidet|i nettverket|mellom tjenestene", tail, "|")
		for (i = 0; i < n; i++) {
			doc = sprintf("dokument-%04d.pptx", i % 2000)
			unit = 1 + int(i / 2000) % 40
			k = (i * 7919 + salt) % 100
			if (k < 40) {
				y = 2018 + (i % 10); m = 1 + (i % 12); d = 1 + (i % 28)
				if (i % 3 == 0) date = sprintf("%04d-%02d-%02d", y, m, d)
				else if (i % 3 == 1) date = sprintf("%04d-%02d", y, m)
				else date = sprintf("%04d-%02d/%04d-%02d", y, m, y + 1, m)
				printf "%s,%d,milestone,Fremdrift,Samling nummer %d i nettverket %d,%s,date\n", doc, unit, i + salt, i % 97, date
			} else if (k < 45)
				printf "%s,%d,milestone,Milepæler,Kartlegging av tjenestene del %d,,heading\n", doc, unit, i + salt
			else if (k < 70)
				printf "%s,%d,goal,Mål,Alle barn skal få god hjelp i tiltak %d,,heading\n", doc, unit, i + salt
			else
				printf "%s,%d,pitfall,Fallgruver,%s %s %s,,heading\n", doc, unit,
				    adj[1 + i % 7], noun[1 + int(i / 7) % 8], (i % 3 ? tail[1 + i % 5] : "")
		}
	}'
}

n=$(awk -v s="$BENCH_SCALE" 'BEGIN { printf "%d", 1000000 * s }')
half=$((n / 2))
gen "$n" 0 >"$BENCH_TMP/items.csv"
gen "$half" 0 >"$BENCH_TMP/half.csv"
gen "$n" 13 >"$BENCH_TMP/prev.csv"
mb=$(awk -v b="$(wc -c <"$BENCH_TMP/items.csv")" 'BEGIN { print b / 1e6 }')
echo "  $n items, $mb MB"
measure "digest, Markdown" "$mb" "$BIN/samling-digest" -t 2022-06-01 -w 90 "$BENCH_TMP/items.csv"
full=$SECS full_cpu=$CPU full_kb=$PEAK_KB
measure "digest, HTML" "$mb" "$BIN/samling-digest" -F html -t 2022-06-01 -w 90 "$BENCH_TMP/items.csv"
measure "digest --previous" "$mb" "$BIN/samling-digest" -t 2022-06-01 -w 90 -p "$BENCH_TMP/prev.csv" "$BENCH_TMP/items.csv"
measure "digest, half the items" "$(awk -v m="$mb" 'BEGIN { print m / 2 }')" "$BIN/samling-digest" -t 2022-06-01 -w 90 "$BENCH_TMP/half.csv"
ratio "peak memory, all / half" "$full_kb" "$PEAK_KB"
# Wall time depends on what else the machine runs; CPU time (user +
# system) is what the digest itself costs.
awk -v s="$full" -v c="$full_cpu" -v n="$n" 'BEGIN {
	printf "  target: under 2 s for 1,000,000 items: wall %s, cpu %s%s\n",
	    (s < 2 ? "met" : "NOT met"), (c < 2 ? "met" : "NOT met"),
	    (n >= 1000000 ? "" : " (scaled run)") }'
