#!/usr/bin/env bash
# Runs every test stage and prints the grand total as "N passed, N failed".
# Usage: tests/run-all.sh [stage...]   stages: unit asan store reference http browser fuzz
# Each stage prints lines "<suite>: N passed, N failed"; this script adds them.
set -u
cd "$(dirname "$0")/.."
B=build
stages=("$@")
[ ${#stages[@]} -eq 0 ] && stages=(unit asan store reference http browser fuzz)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0

run() { # run a command, tee its output, remember failure
	"$@" 2>&1 | tee -a "$log"
	local rc=${PIPESTATUS[0]}
	if [ "$rc" -ne 0 ]; then
		echo "stage command failed (exit $rc): $*" | tee -a "$log"
		status=1
	fi
}

for s in "${stages[@]}"; do
	echo "== $s"
	case $s in
	# The directories also hold the compiler's .d dependency files.
	unit) for t in $B/test/t_*; do [[ $t == *.d ]] || run "$t"; done ;;
	# tests/lsan.supp: leaks inside fontconfig's caches only; G_SLICE: glib's
	# slice allocator would hide leaked GObjects from LeakSanitizer (see there).
	asan) for t in $B/test-asan/t_*; do
		[[ $t == *.d ]] || G_SLICE=always-malloc ASAN_OPTIONS=detect_leaks=1 \
			LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp run "$t"
	done ;;
	store) run bash tests/store/run.sh ;;
	# The programs' payroll and gaps against DuckDB and PostgreSQL (issue 5).
	reference) run bash tests/reference/run.sh ;;
	http) run bash tests/http/run.sh ;;
	browser) run bash tests/browser/run.sh ;;
	fuzz) run bash fuzz/smoke.sh ;;
	*) echo "unknown stage $s"; status=1 ;;
	esac
done

read -r p f < <(grep -E '^[^ ]+: [0-9]+ passed, [0-9]+ failed' "$log" |
	awk '{p += $2; f += $4} END {print p+0, f+0}')
echo
[ "$f" -gt 0 ] && status=1
[ "$p" -eq 0 ] && status=1
echo "$p passed, $f failed"
exit $status
