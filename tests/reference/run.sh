#!/usr/bin/env bash
# The reference check of the welfare programs (issue 5): a seeded synthetic
# population with enrolments made through the use cases
# (build/test/t_program_ref), evaluated by Sawat and by independent SQL
# implementations of the same three state programs' rules (rules.sql, one
# text for both engines), which must give exactly the same payroll lines and
# gap lists:
#
#   sqlite-duckdb    the population in SQLite; its tables exported as CSV
#                    and judged by DuckDB (through duckdb.mjs, node and
#                    @duckdb/node-api); Sawat's October rolls and gap lists
#                    from the same database
#   postgres         the population built by Sawat on a throw-away
#                    PostgreSQL cluster and judged by plain SQL over Sawat's
#                    own tables there (through psql); Sawat's results from
#                    the same database
#   sqlite-postgres  Sawat's results on the two engines, equal too
#
# Each comparison sorts both sides and, when they differ, prints the first
# differing lines and fails. Builds and installs nothing: make builds
# build/test/t_program_ref, scripts/setup.sh provides node, the npm packages
# and PostgreSQL. Prints "reference: N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
B=build
bin=$B/test/t_program_ref
M1=2026-10-01 ON=2026-10-20 AREA=56
passed=0 failed=0

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sawat-ref.XXXXXX")
pgdir=
cleanup() {
	[ -n "$pgdir" ] && bash scripts/pg-cluster.sh stop "$pgdir" >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

ok() { echo "ok: $1"; passed=$((passed + 1)); }
bad() { echo "FAILED: $1"; failed=$((failed + 1)); }

# compare NAME EXPECTED ACTUAL: the same lines, whatever their order.
compare() {
	local n
	LC_ALL=C sort "$2" >"$2.sorted"
	LC_ALL=C sort "$3" >"$3.sorted"
	n=$(wc -l <"$2.sorted")
	if [ "$n" -lt 100 ]; then
		bad "$1: only $n lines from $(basename "$2")"
	elif cmp -s "$2.sorted" "$3.sorted"; then
		ok "$1: $n lines equal ($(grep -c '^pay,' "$2.sorted") payroll lines, $(grep -c '^gap,' "$2.sorted") gaps)"
	else
		bad "$1: the lines differ (< $(basename "$2"), > $(basename "$3")); the first differences:"
		diff "$2.sorted" "$3.sorted" | grep '^[<>]' | head -20
	fi
}

# run NAME CMD...: a step that must succeed.
run() {
	local name=$1
	shift
	if "$@" >"$tmp/step.out" 2>&1; then
		return 0
	fi
	bad "$name: $* failed"
	tail -20 "$tmp/step.out"
	return 1
}

if [ ! -x "$bin" ]; then
	echo "reference: $bin is not built (make $bin)" >&2
	echo "reference: 0 passed, 1 failed"
	exit 1
fi

# SQLite, DuckDB
db=$tmp/ref.db
if run "build (SQLite)" "$bin" "$db" build &&
	run "export" "$bin" "$db" export "$tmp/csv" &&
	run "DuckDB" sh -c "node tests/reference/duckdb.mjs '$tmp/csv' $M1 $ON $AREA >'$tmp/duckdb.txt'" &&
	run "Sawat (SQLite)" "$bin" "$db" sawat "$tmp/sawat-sqlite.txt"; then
	compare "DuckDB = Sawat on SQLite" "$tmp/duckdb.txt" "$tmp/sawat-sqlite.txt"
fi

# PostgreSQL
pgdir=$(mktemp -d "${TMPDIR:-/tmp}/sawat-pg-ref.XXXXXX")
if ! url=$(bash scripts/pg-cluster.sh start "$pgdir"); then
	bad "PostgreSQL: the cluster did not start"
elif run "build (PostgreSQL)" "$bin" "$url" build &&
	run "PostgreSQL" sh -c "sed -e 's|@IDIV@|/|g' -e 's/@M1@/$M1/g' -e 's/@ON@/$ON/g' -e 's/@AREA@/$AREA/g' \
		tests/reference/rules.sql | psql -X -q -A -t -v ON_ERROR_STOP=1 '$url' >'$tmp/postgres.txt'" &&
	run "Sawat (PostgreSQL)" "$bin" "$url" sawat "$tmp/sawat-pg.txt"; then
	compare "PostgreSQL = Sawat on PostgreSQL" "$tmp/postgres.txt" "$tmp/sawat-pg.txt"
	[ -f "$tmp/sawat-sqlite.txt" ] &&
		compare "Sawat on SQLite = Sawat on PostgreSQL" "$tmp/sawat-sqlite.txt" "$tmp/sawat-pg.txt"
fi

echo "reference: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
