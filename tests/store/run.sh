#!/usr/bin/env bash
# The store stage: runs the contract suite (build/test/store, and its sanitizer
# build build/test-asan/store when it exists) on a fresh SQLite file and on a
# throw-away PostgreSQL cluster (scripts/pg-cluster.sh). Builds nothing: make
# does (make build/test/store build/test-asan/store). Each run prints its
# "store-<driver>: N passed, N failed" line; the exit status is non-zero when
# anything failed. The cluster and every temporary file are removed on exit,
# whatever happened.
#
# SAWAT_TEST_PG_URL, when set, names a PostgreSQL database to use instead of
# starting a cluster (scripts/pg-cluster.sh with ... sets it).
set -u
cd "$(dirname "$0")/../.."
B=build
status=0

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sawat-store.XXXXXX")
pgdir=
cleanup() {
	if [ -n "$pgdir" ]; then
		bash scripts/pg-cluster.sh stop "$pgdir" || echo "store: could not stop the cluster in $pgdir" >&2
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

bins=()
if [ -x $B/test/store ]; then
	bins+=($B/test/store)
else
	echo "store: $B/test/store is not built (make $B/test/store)" >&2
	echo "store: 0 passed, 1 failed"
	exit 1
fi
if [ -x $B/test-asan/store ]; then
	bins+=($B/test-asan/store)
else
	echo "store: $B/test-asan/store is not built; skipping the sanitizer runs" >&2
fi

suite() { # suite BINARY URL
	local rc=0
	echo "-- $1 ${2%%\?*}"
	G_SLICE=always-malloc ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
		LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp} timeout 600 "$1" "$2" || rc=$?
	if [ $rc -ne 0 ]; then
		echo "store: $1 exited with status $rc" >&2
		status=1
	fi
}

for b in "${bins[@]}"; do
	suite "$b" "$tmp/contract.db"
done

url=${SAWAT_TEST_PG_URL:-}
if [ -z "$url" ]; then
	pgdir=$(mktemp -d "${TMPDIR:-/tmp}/sawat-pg.XXXXXX")
	if ! url=$(bash scripts/pg-cluster.sh start "$pgdir"); then
		echo "store: could not start a PostgreSQL cluster" >&2
		echo "store-postgres: 0 passed, 1 failed"
		exit 1
	fi
fi
for b in "${bins[@]}"; do
	suite "$b" "$url"
done
# The fund, program, coverage, grant, assembly and network use cases (tests/unit/t_fund_app.c,
# t_program_app.c, t_program_ref.c, t_coverage.c, t_grant_app.c, t_assembly_app.c,
# t_org_app.c) on PostgreSQL too: money, locks, idempotency, concurrent payments and
# payrolls, and the programs' columnar loader (cursors, two connections) behave alike on
# both engines.
for t in t_fund_app t_program_app t_program_ref t_coverage t_grant_app t_assembly_app t_org_app; do
	if [ -x $B/test/$t ]; then
		suite $B/test/$t "$url"
	else
		echo "store: $B/test/$t is not built" >&2
		echo "${t#t_}-postgres: 0 passed, 1 failed"
		status=1
	fi
done
exit $status
