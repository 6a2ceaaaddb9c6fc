#!/bin/sh
# Train samling-extract's model on the labelled documents beside the
# project (../shared/corpus/dev and the seeds): `make train`.
#   tests/model/train.sh [-o MODEL] [--loo DIR]
# Needs liblinear-train (Debian liblinear-tools) and python3.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
shared=${SAMLING_SHARED:-$top/../shared}
bin=${SAMLING_BIN:-$top/bin}
out=$top/share/samling/model/extract.model
loo=
while [ $# -gt 0 ]; do
	case $1 in
	-o) out=$2; shift 2 ;;
	--loo) loo=$2; shift 2 ;;
	*) echo "usage: train.sh [-o model] [--loo dir]" >&2; exit 2 ;;
	esac
done
[ -d "$shared/corpus/dev/docs" ] || { echo "train.sh: no $shared/corpus/dev" >&2; exit 2; }
command -v liblinear-train >/dev/null ||
	{ echo "train.sh: liblinear-train not found (make deps)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin/samling-ingest" "$shared"/corpus/dev/docs/*.txt "$shared"/seeds/* |
	"$bin/samling-extract" --features > "$tmp/features.csv"
gold=$shared/corpus/dev/gold.csv,$shared/examples/gold-seeds.csv
# The cost and the weight of the item categories against "none" were
# chosen by the leave-one-document-out figure of make eval: on a grid
# of C 0.15-1 and weights goal 3-6, milestone 4-20, pitfall 6-20, this
# one gave 0.697 (in-sample 0.814, seeds 0.975) where the weights of
# before (C 0.3, 4, 5, 16) gave 0.678; milestone weights of 7 to 20 and
# pitfall weights of 6 to 12 are within 0.01 of it.
set -- -C 0.5 -w goal=4 -w milestone=9 -w pitfall=8
# The lexicon rule that proposed a candidate (r=NAME) is not weighed:
# most rules fire in a few documents, and what they propose is weighed
# already as p= and b=; leave-one-out is no worse without them (0.591
# against 0.589).  --features still shows them, for make eval's table.
SAMLING_DROP=${SAMLING_DROP-^r=}
export SAMLING_DROP
if [ -n "$loo" ]; then
	python3 "$top/tests/model/train.py" "$@" --loo "$loo" "$gold" "$tmp/features.csv"
else
	python3 "$top/tests/model/train.py" "$@" -o "$tmp/model" "$gold" "$tmp/features.csv"
	mv "$tmp/model" "$out"
fi
