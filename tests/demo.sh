#!/bin/sh
# make demo: the whole chain on the bundled examples.  Documents are
# ingested, their goals, milestones and pitfalls extracted, two years of
# statistics compared across the municipal reforms, the digest written,
# and a report folder with it all packed as a BagIt bag and verified.
#
# DEMO_OUT (default demo/) is where the outputs go; DEMO_TODAY (default
# 2025-09-01, when the examples' plans are under way) is the digest's day.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
BIN=${SAMLING_BIN:-$TOP/bin}
case $BIN in /*) ;; *) BIN=$TOP/$BIN ;; esac
EX=$TOP/share/samling/examples
OUT=${DEMO_OUT:-demo}
TODAY=${DEMO_TODAY:-2025-09-01}
SAMLING_DATADIR=$TOP/share/samling
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1756684800}
export SAMLING_DATADIR SOURCE_DATE_EPOCH

fail() {
	echo "demo: $*" >&2
	exit 2
}

mkdir -p "$OUT" || fail "cannot make $OUT"
rm -rf "$OUT/rapport" "$OUT/rapport.tar.gz"

"$BIN/samling-ingest" -r -o "$OUT/blocks.csv" "$EX" || fail "ingest failed"
"$BIN/samling-extract" -o "$OUT/items.csv" "$OUT/blocks.csv" ||
	fail "extract failed"
# Differences are compare's answer (status 1), not a failure.
"$BIN/samling-compare" --regions 2024 -o "$OUT/changes.csv" \
    "$EX/statistikk/barnevern-2019.csv" "$EX/statistikk/barnevern-2024.csv"
[ $? -le 1 ] || fail "compare failed"
for f in md html; do
	"$BIN/samling-digest" -t "$TODAY" -w 60 -F $f -T "Demo: digest for $TODAY" \
	    -o "$OUT/digest.$f" "$OUT/blocks.csv" "$OUT/items.csv" \
	    "$OUT/changes.csv" || fail "digest failed"
done
cp -R "$EX/rapport" "$OUT/rapport" &&
cp "$OUT/digest.html" "$OUT/items.csv" "$OUT/changes.csv" "$OUT/rapport/" ||
	fail "cannot fill $OUT/rapport"
"$BIN/samling-pack" -o "$OUT/rapport.tar.gz" "$OUT/rapport" || fail "pack failed"
"$BIN/samling-verify" "$OUT/rapport.tar.gz" || fail "verify failed"

cat <<END
The outputs are in $OUT/:
  blocks.csv        the documents' text blocks (samling-ingest)
  items.csv         goals, milestones and pitfalls (samling-extract)
  changes.csv       2019 against 2024 across the reforms (samling-compare)
  digest.md         the summary for $TODAY, Markdown (samling-digest)
  digest.html       the same as a web page with a timeline
  rapport.tar.gz    the report folder with the above, as a BagIt bag
END
