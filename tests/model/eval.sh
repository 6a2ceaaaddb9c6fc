#!/bin/sh
# Measure extraction on the labelled documents beside the project:
# `make eval` (V=1 lists what was missed and what matched nothing;
# LOO=1 adds the leave-one-document-out figure of the trained model).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
shared=${SAMLING_SHARED:-$top/../shared}
bin=${SAMLING_BIN:-$top/bin}
dev=$shared/corpus/dev
score=$shared/tools/score-items
[ -d "$dev/docs" ] || { echo "eval.sh: no $dev" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
misses=
[ "${V:-0}" = 1 ] && misses=--misses

echo "== development corpus ($(ls "$dev"/docs | wc -l) documents)"
"$bin/samling-ingest" "$dev"/docs/*.txt | "$bin/samling-extract" -e > "$tmp/items.csv"
"$score" $misses "$dev/gold.csv" "$tmp/items.csv"
for lang in nb nn en; do
	awk -F'\t' -v l=$lang '$4 == l { print $1 }' "$dev/SOURCES.tsv" > "$tmp/files"
	python3 - "$tmp/files" "$dev/gold.csv" "$tmp/items.csv" "$tmp/g.csv" "$tmp/i.csv" <<'PY'
import csv, os, sys
keep = set(open(sys.argv[1]).read().split())
for src, dst, col in ((sys.argv[2], sys.argv[4], "file"), (sys.argv[3], sys.argv[5], "source")):
    rows = list(csv.DictReader(open(src, encoding="utf-8")))
    with open(dst, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()) if rows else [col])
        w.writeheader()
        w.writerows(r for r in rows if os.path.basename(r[col]) in keep)
PY
	printf '%s: ' $lang
	"$score" "$tmp/g.csv" "$tmp/i.csv" | tail -n 1
done
echo "== negatives (items in each)"
for f in $(awk -F'\t' '$3 != "kind" { print $1 }' "$dev/SOURCES.tsv"); do
	grep -q "^$f," "$dev/gold.csv" && continue
	printf '%s %s\n' "$f" "$(grep -c "/$f," "$tmp/items.csv" || true)"
done
echo "== seeds"
"$bin/samling-ingest" "$shared"/seeds/* | "$bin/samling-extract" > "$tmp/seeds.csv"
"$score" $misses "$shared/examples/gold-seeds.csv" "$tmp/seeds.csv" | tail -n 1
# Documents of our own writing in the corpus's forms, never trained on.
own=$top/tests/extract/fixtures
echo "== our own documents ($(ls "$own"/own | wc -l), not trained on)"
"$bin/samling-ingest" "$own"/own/*.txt | "$bin/samling-extract" > "$tmp/own.csv"
"$score" $misses "$own/own-gold.csv" "$tmp/own.csv"
echo "== evidence: documents where a feature fires on an item, and how often the item is right there"
"$bin/samling-ingest" "$dev"/docs/*.txt | "$bin/samling-extract" --features > "$tmp/features.csv"
python3 "$top/tests/model/firing.py" "$dev/gold.csv" "$tmp/features.csv" "$tmp/items.csv"
if [ "${LOO:-0}" = 1 ]; then
	echo "== leave one document out"
	sh "$top/tests/model/train.sh" --loo "$tmp/loo"
	first=1
	for f in "$dev"/docs/*.txt; do
		m=$tmp/loo/$(basename "$f").model
		[ -f "$m" ] || m=$top/share/samling/model/extract.model
		"$bin/samling-ingest" "$f" | "$bin/samling-extract" --model "$m" |
			if [ $first = 1 ]; then cat; else tail -n +2; fi
		first=0
	done > "$tmp/loo.csv"
	"$score" "$dev/gold.csv" "$tmp/loo.csv"
fi
