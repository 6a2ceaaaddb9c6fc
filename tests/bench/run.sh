#!/bin/sh
# Run the benchmarks: every tests/bench/*.sh but this one, or those whose
# names contain one of the arguments.  BENCH_SCALE (default 1) shrinks or
# grows the data sizes; figures are printed with ratios against reference
# tools run in the same benchmark.  Benchmarks are not tests: they time.
TOP=$(cd "$(dirname "$0")/../.." && pwd)
PATH=$TOP/bin:$PATH
SAMLING_DATADIR=$TOP/share/samling
export TOP PATH SAMLING_DATADIR
for b in "$TOP"/tests/bench/*.sh; do
	name=${b##*/}
	name=${name%.sh}
	[ "$name" = run ] && continue
	if [ $# -gt 0 ]; then
		hit=0
		for p; do case $name in *$p*) hit=1 ;; esac; done
		[ $hit -eq 1 ] || continue
	fi
	echo "== $name"
	sh "$b" || echo "bench $name failed"
done
