#!/usr/bin/env bash
# HTTP integration stage: the node test files in tests/http against the real
# server, first on SQLite, then on a throw-away PostgreSQL cluster.
# Prints "http-sqlite: N passed, N failed" and "http-postgres: ...".
set -u
cd "$(dirname "$0")/../.."
status=0

run_suite() { # name, extra env...
	local name=$1; shift
	local out
	out=$(env "$@" node --test --test-reporter=tap --test-concurrency=1 tests/http/*.test.mjs 2>&1)
	local rc=$?
	echo "$out" | grep -E '^(not ok|# (pass|fail))' | head -50
	[ $rc -ne 0 ] && echo "$out" | tail -60
	local p f
	p=$(echo "$out" | sed -n 's/^# pass \([0-9]*\)/\1/p' | tail -1)
	f=$(echo "$out" | sed -n 's/^# fail \([0-9]*\)/\1/p' | tail -1)
	echo "$name: ${p:-0} passed, ${f:-1} failed"
	[ $rc -ne 0 ] && status=1
}

run_suite http-sqlite SAWAT_BIN=build/sawat

pgdir=$(mktemp -d /tmp/sawat-pg-http.XXXXXX)
trap 'bash scripts/pg-cluster.sh stop "$pgdir" >/dev/null 2>&1' EXIT
if url=$(bash scripts/pg-cluster.sh start "$pgdir"); then
	run_suite http-postgres SAWAT_BIN=build/sawat SAWAT_TEST_PG="$url"
else
	echo "http-postgres: 0 passed, 1 failed (cluster did not start)"
	status=1
fi
exit $status
