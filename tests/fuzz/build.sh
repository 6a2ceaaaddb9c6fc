#!/bin/sh
# Build and run the libFuzzer targets (the targets' own messages are
# silenced with -close_fd_mask; libFuzzer's report still shows): tests/fuzz/fuzz_*.c, each linked
# with the library and the program modules its "sources:" line names.
#
# usage: tests/fuzz/build.sh [TARGET...]   (FUZZ_SECONDS per target, default 60)
# Needs clang with libFuzzer (Debian: clang).  Crashes are kept under
# build/fuzz/TARGET/ as crash-* files, and the run stops there.
set -e
TOP=$(cd "$(dirname "$0")/../.." && pwd)
cd "$TOP"
CLANG=${CLANG:-clang}
SECONDS_EACH=${FUZZ_SECONDS:-60}
# The version and the libraries are config.mk's, written there once.
VERSION=$(sed -n 's/^VERSION = //p' config.mk)
PKGS=$(sed -n 's/^PKGS = //p' config.mk)
FLAGS="-g -O1 -std=c11 -D_GNU_SOURCE -DVERSION=\"$VERSION\" -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -Isrc/lib"
LIBS="$(pkg-config --libs $PKGS) -lcsv -lstemmer -lm"
command -v "$CLANG" >/dev/null || { echo "fuzz: $CLANG not found" >&2; exit 2; }
targets=$*
[ -n "$targets" ] || targets=$(cd tests/fuzz && ls fuzz_*.c | sed 's/\.c$//')
for t in $targets; do
	src=tests/fuzz/$t.c
	extra=$(sed -n 's/^ \* sources: //p' "$src")
	incs=
	# -iquote: src/extract/features.h is no <features.h>
	for e in $extra; do incs="$incs -iquote $(dirname "$e")"; done
	out=build/fuzz/$t
	mkdir -p "$out/corpus"
	echo "fuzz: building $t"
	# shellcheck disable=SC2086
	$CLANG $FLAGS $incs -o "$out/$t" "$src" $extra src/lib/*.c $LIBS
	seeds=$(sed -n 's/^ \* seeds: //p' "$src")
	for s in $seeds; do find "$s" -maxdepth 1 -type f -exec cp {} "$out/corpus/" \; ; done
	echo "fuzz: running $t for $SECONDS_EACH s"
	# A fixed seed, so that a finding can be had again (FUZZ_SEED=0: random).
	(cd "$out" && ./"$t" -seed="${FUZZ_SEED:-1}" -max_total_time="$SECONDS_EACH" -max_len=65536 \
	    -rss_limit_mb=2048 -close_fd_mask=3 corpus >log 2>&1) || {
		echo "fuzz: $t found a problem; see $out/log and $out/crash-*"
		tail -n 30 "$out/log"
		exit 1
	}
	tail -n 1 "$out/log"
done
