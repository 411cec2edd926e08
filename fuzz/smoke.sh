#!/usr/bin/env bash
# The fuzz stage: runs every built libFuzzer target build/fuzz/fz_* for
# ${FUZZ_SMOKE_SECONDS:-5} seconds, starting from its seed corpus
# fuzz/corpus/<target>/ copied to a temporary directory (so the repository's
# corpus is never changed). Prints one line per target and then
# "fuzz: N passed, N failed"; exits non-zero when a target crashed, leaked,
# timed out or none was built. A crashing input is kept in
# build/fuzz-crashes/<target>/ and its log printed.
set -u
cd "$(dirname "$0")/.."
B=build
secs=${FUZZ_SMOKE_SECONDS:-5}
passed=0
failed=0

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sawat-fuzz.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP

shopt -s nullglob
targets=()
for f in $B/fuzz/fz_*; do
	[ -f "$f" ] && [ -x "$f" ] && targets+=("$f")
done
if [ ${#targets[@]} -eq 0 ]; then
	echo "fuzz smoke: no targets in $B/fuzz (make the fuzz targets first)" >&2
	echo "fuzz: 0 passed, 1 failed"
	exit 1
fi

for bin in "${targets[@]}"; do
	name=$(basename "$bin")
	work=$tmp/$name
	mkdir -p "$work/corpus" "$work/artifacts"
	if [ -d "fuzz/corpus/$name" ]; then
		cp -R "fuzz/corpus/$name/." "$work/corpus/"
	fi
	rc=0
	# The outer timeout only catches a hung target; libFuzzer stops itself.
	timeout $((secs * 3 + 60)) "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$work/artifacts/" -print_final_stats=1 "$work/corpus" \
		>"$work/log" 2>&1 || rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")
	if [ $rc -eq 0 ]; then
		passed=$((passed + 1))
		echo "fuzz $name ok (${runs:-?} runs in ${secs}s)"
	else
		failed=$((failed + 1))
		echo "fuzz $name FAILED (exit $rc); last lines of its log:"
		tail -n 40 "$work/log" | sed 's/^/    /'
		if compgen -G "$work/artifacts/*" >/dev/null; then
			mkdir -p "$B/fuzz-crashes/$name"
			cp "$work"/artifacts/* "$B/fuzz-crashes/$name/"
			echo "    crashing input kept in $B/fuzz-crashes/$name/"
		fi
	fi
done

echo "fuzz: $passed passed, $failed failed"
[ $failed -eq 0 ]
