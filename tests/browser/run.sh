#!/usr/bin/env bash
# Browser stage: tests/browser/*.test.mjs in Debian's headless Chromium.
# Prints "browser: N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
out=$(SAWAT_BIN=build/sawat node --test --test-reporter=tap --test-concurrency=1 tests/browser/*.test.mjs 2>&1)
rc=$?
echo "$out" | grep -E '^(not ok|# (pass|fail))'
[ $rc -ne 0 ] && echo "$out" | tail -60
p=$(echo "$out" | sed -n 's/^# pass \([0-9]*\)/\1/p' | tail -1)
f=$(echo "$out" | sed -n 's/^# fail \([0-9]*\)/\1/p' | tail -1)
echo "browser: ${p:-0} passed, ${f:-1} failed"
exit $rc
