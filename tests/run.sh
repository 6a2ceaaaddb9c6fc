#!/bin/sh
# samling test driver.
#
# usage: tests/run.sh [-k] [-u] [PATTERN...]
#
# A case is a folder tests/PROGRAM/NAME/ holding
#   cmd       a sh script run in a fresh temporary directory (required)
#   stdout    expected standard output   (absent: must be empty)
#   stderr    expected standard error    (absent: must be empty)
#   status    expected exit status       (absent: 0)
#   requires  words naming what the case needs: "shared" (../shared beside
#             the project), "speed" (gigabytes or 100,000 files: not under
#             valgrind), "stderr" (closes standard error, where valgrind
#             reports: not under valgrind), "root" (mknod, devices), or a
#             command name; missing ones skip the case
# The script sees $FIX (tests/PROGRAM/fixtures), $TESTS (tests/), $TOP,
# $SHARED (../shared), $SAMLING_BIN (the programs' folder, also on PATH).  It runs with LC_ALL=C
# and TZ=UTC.  Unit tests (executables in $SAMLING_UNIT) pass on status 0.
#
# SAMLING_VALGRIND=1 in the environment runs the programs under valgrind.
# -k keeps every case's directory (failed ones are always kept, under
# tests/out/); -u rewrites the expected files of the selected cases from
# what they print now: review the diff before committing it.
# Output is TAP, and the last line is "N passed, N failed".

LC_ALL=C
TZ=UTC
export LC_ALL TZ

keep=0 update=0
while [ $# -gt 0 ]; do
	case $1 in
	-k) keep=1 ;;
	-u) update=1 ;;
	--) shift; break ;;
	-*) echo "usage: tests/run.sh [-k] [-u] [PATTERN...]" >&2; exit 2 ;;
	*) break ;;
	esac
	shift
done

TOP=$(cd "$(dirname "$0")/.." && pwd)
TESTS=$TOP/tests
BIN=${SAMLING_BIN:-bin}
case $BIN in /*) ;; *) BIN=$TOP/$BIN ;; esac
UNIT=${SAMLING_UNIT:-build/unit}
case $UNIT in /*) ;; *) UNIT=$TOP/$UNIT ;; esac
SHARED=$(cd "$TOP/.." && pwd)/shared
SAMLING_DATADIR=$TOP/share/samling
PATH=$BIN:$PATH
OUT=$TESTS/out
SAMLING_BIN=$BIN
export TOP TESTS SHARED SAMLING_DATADIR SAMLING_BIN PATH

# SAMLING_VALGRIND=1: every program the cases call by name runs under
# valgrind, and any error it finds fails the case (exit status 97 and its
# report on stderr).  PCRE2's JIT code reads past subjects with wide loads,
# which valgrind reports: SAMLING_NOJIT turns it off for these runs.
if [ -n "$SAMLING_VALGRIND" ]; then
	vgbin=$(mktemp -d "${TMPDIR:-/tmp}/samling-vg.XXXXXX")
	trap 'rm -rf "$vgbin"' EXIT
	for p in "$BIN"/samling-*; do
		printf '#!/bin/sh\nexec valgrind -q --error-exitcode=97 --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite "%s" "$@"\n' "$p" >"$vgbin/${p##*/}"
		chmod +x "$vgbin/${p##*/}"
	done
	PATH=$vgbin:$PATH
	SAMLING_NOJIT=1
	export PATH SAMLING_NOJIT
fi

passed=0 failed=0 skipped=0 n=0

selected() {
	[ $# -eq 0 ] && return 0
	for p; do
		case $name in *$p*) return 0 ;; esac
	done
	return 1
}

report() {	# ok|not ok, name, [directive]
	n=$((n + 1))
	echo "$1 $n - $2${3:+ # $3}"
}

needs_missing() {	# prints the first requirement not met
	[ -f "$1/requires" ] || return 1
	for r in $(cat "$1/requires"); do
		case $r in
		shared) [ -d "$SHARED/seeds" ] || { echo "no ../shared"; return 0; } ;;
		speed) [ -z "$SAMLING_VALGRIND" ] || { echo "too much for valgrind"; return 0; } ;;
		stderr) [ -z "$SAMLING_VALGRIND" ] || { echo "valgrind reports on standard error"; return 0; } ;;
		root) [ "$(id -u)" = 0 ] || { echo "not root"; return 0; } ;;
		*) command -v "$r" >/dev/null 2>&1 || { echo "no $r"; return 0; } ;;
		esac
	done
	return 1
}

run_case() {	# case directory
	dir=$1
	# The case runs in $work/run; what it printed is kept beside it.
	work=$(mktemp -d "${TMPDIR:-/tmp}/samling-test.XXXXXX")
	mkdir "$work/run"
	FIX=$(dirname "$dir")/fixtures
	export FIX
	(cd "$work/run" && exec sh "$dir/cmd" >"$work/.stdout" 2>"$work/.stderr" </dev/null)
	echo $? >"$work/.status"
	want_status=0
	[ -f "$dir/status" ] && want_status=$(cat "$dir/status")
	if [ $update -eq 1 ]; then
		cp "$work/.stdout" "$dir/stdout"
		cp "$work/.stderr" "$dir/stderr"
		[ -s "$dir/stdout" ] || rm -f "$dir/stdout"
		[ -s "$dir/stderr" ] || rm -f "$dir/stderr"
		got=$(cat "$work/.status")
		if [ "$got" = 0 ]; then rm -f "$dir/status"; else echo "$got" >"$dir/status"; fi
		want_status=$got
	fi
	ok=1 why=
	if [ "$(cat "$work/.status")" != "$want_status" ]; then
		ok=0 why="status $(cat "$work/.status"), want $want_status"
	fi
	for s in stdout stderr; do
		if [ -f "$dir/$s" ]; then
			cmp -s "$dir/$s" "$work/.$s" || { ok=0; why="$why${why:+; }$s differs"; }
		elif [ -s "$work/.$s" ]; then
			ok=0 why="$why${why:+; }unexpected $s"
		fi
	done
	if [ $ok -eq 1 ]; then
		passed=$((passed + 1))
		report ok "$name"
		if [ $keep -eq 1 ]; then
			mkdir -p "$OUT" && rm -rf "$OUT/$flat" && mv "$work" "$OUT/$flat"
		else
			rm -rf "$work"
		fi
	else
		failed=$((failed + 1))
		report "not ok" "$name"
		echo "#   $why"
		for s in stdout stderr; do
			if [ -f "$dir/$s" ] && ! cmp -s "$dir/$s" "$work/.$s"; then
				diff -u "$dir/$s" "$work/.$s" | head -n 20 | sed 's/^/#   /'
			elif [ ! -f "$dir/$s" ] && [ -s "$work/.$s" ]; then
				head -n 10 "$work/.$s" | sed 's/^/#   /'
			fi
		done
		mkdir -p "$OUT" && rm -rf "$OUT/$flat" && mv "$work" "$OUT/$flat"
		echo "#   kept in tests/out/$flat"
	fi
}

# Unit tests first: they test the library every program stands on.
if [ -d "$UNIT" ]; then
	for u in "$UNIT"/*; do
		[ -x "$u" ] || continue
		name=unit/${u##*/}
		selected "$@" || continue
		if log=$("$u" 2>&1); then
			passed=$((passed + 1)); report ok "$name"
		else
			failed=$((failed + 1)); report "not ok" "$name"
			printf '%s\n' "$log" | head -n 20 | sed 's/^/#   /'
		fi
	done
fi

for dir in "$TESTS"/*/*/; do
	dir=${dir%/}
	[ -f "$dir/cmd" ] || continue
	name=${dir#"$TESTS"/}
	flat=$(echo "$name" | tr / -)
	selected "$@" || continue
	if why=$(needs_missing "$dir"); then
		skipped=$((skipped + 1))
		report ok "$name" "SKIP $why"
		continue
	fi
	run_case "$dir"
done

echo "1..$n"
if [ $skipped -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ $failed -eq 0 ]
