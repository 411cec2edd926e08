#!/usr/bin/env bash
# The fuzz stage of `make test`: runs every built fuzz target for a few seconds
# (FUZZ_SMOKE_SECONDS, default 5) on a scratch copy of its seed corpus, so the
# checked-in seeds never change. A crashing input is kept under
# build/fuzz-artifacts/. Prints "fuzz: N passed, N failed".
set -u
cd "$(dirname "$0")/.."
secs=${FUZZ_SMOKE_SECONDS:-5}
pass=0
fail=0
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p build/fuzz-artifacts
for bin in build/fuzz/fz_*; do
	[ -x "$bin" ] || continue
	name=$(basename "$bin")
	mkdir -p "$scratch/$name"
	if [ -d "fuzz/corpus/$name" ]; then
		cp "fuzz/corpus/$name"/* "$scratch/$name/" 2>/dev/null
	fi
	if "$bin" -max_total_time="$secs" -artifact_prefix="build/fuzz-artifacts/$name-" \
		"$scratch/$name" >"$scratch/$name.log" 2>&1; then
		pass=$((pass + 1))
		echo "  ok   $name ($(grep -o 'Done [0-9]* runs' "$scratch/$name.log"))"
	else
		fail=$((fail + 1))
		echo "  FAIL $name"
		tail -n 40 "$scratch/$name.log"
	fi
done
echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
