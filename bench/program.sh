#!/usr/bin/env bash
# Welfare programs on PROGRAM_PEOPLE (default 10,000,000) synthetic people
# with the three state programs, end to end from the store (issue 5), and
# the same computation in DuckDB and PostgreSQL in the same run. Prints a
# Markdown section.
#
#   Sawat       a SQLite register made by `sawat gen --all` with enrolments
#               for a realistic share (bench/program_enrol.sql), through the
#               use cases (build/bench/program_bench): the full gap
#               analysis of the nation for the three programs from one read
#               of the register (app_program_gaps_many: the counts, and
#               again with every gap listed with its name), and the month's
#               payroll of every office computed from one snapshot
#               (app_payroll_preview, "the national run": nothing written),
#               each the best of three runs after a warm-up (each program's
#               gaps alone); then every office's roll generated and
#               written, one transaction per office (app_payroll_generate),
#               on a copy.
#   DuckDB      the tables the rules read, exported once as CSV and loaded
#               into an in-memory DuckDB (load timed apart), then
#               tests/reference/rules.sql's payroll and gap queries,
#               results materialized as temporary tables, the best of three.
#   PostgreSQL  the same CSV loaded with COPY into tables of the store's
#               names (bench/program_pg.sql, load timed apart) on a throw-
#               away cluster (scripts/pg-cluster.sh), then
#               tests/reference/rules.sql's queries, materialized the
#               same way, with work_mem = 256MB, once (they take minutes).
#
# The register is generated into PROGRAM_DB (default a temporary file) when
# that file is missing and reused when present (10 million people: about an
# hour and 7 GB on 2 cores). The month is the current one and the gap
# analysis is as of today: the population is made relative to the day it
# was generated, so a register older than a month or two gives other, still
# comparable, figures.
set -eu
cd "$(dirname "$0")/.."
n=${PROGRAM_PEOPLE:-10000000}
dir=$(mktemp -d /tmp/sawat-bench-program.XXXXXX)
db=${PROGRAM_DB:-$dir/p.db}
pgdir=
cleanup() {
	[ -n "$pgdir" ] && bash scripts/pg-cluster.sh stop "$pgdir" >/dev/null 2>&1
	rm -rf "$dir"
}
trap cleanup EXIT
make -s build/sawat build/bench/program_bench >/dev/null
month=$(date -u +%Y-%m)
m1=$month-01
today=$(date -u +%Y-%m-%d)
times=$dir/times
export PROGRAM_BENCH_TIMES=$times

secs() { # the seconds since $1 (date +%s.%N)
	awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'
}

loaded="reused"
if [ ! -s "$db" ]; then
	build/sawat --db "$db" init >/dev/null
	t0=$(date +%s.%N)
	build/sawat --db "$db" gen --seed 7 --all --people "$n" >/dev/null
	loaded="generated in $(secs "$t0") s"
else
	build/sawat --db "$db" init >/dev/null # upgrades an older register
fi
if [ "$(sqlite3 "$db" "SELECT COUNT(*) FROM enrolment")" = 0 ]; then
	t0=$(date +%s.%N)
	sed "s/@M1@/$m1/g" bench/program_enrol.sql | sqlite3 "$db" >/dev/null
	loaded="$loaded; enrolments added in $(secs "$t0") s"
fi
people=$(sqlite3 "$db" "SELECT COUNT(*) FROM person")
enrolments=$(sqlite3 "$db" "SELECT COUNT(*) FROM enrolment")
active=$(sqlite3 "$db" "SELECT COUNT(*) FROM enrolment WHERE status = 'active'")

echo "Register: $people synthetic people in all 77 provinces ($loaded), $(du -m "$db" | cut -f1) MiB on disk;"
echo "$enrolments enrolments in the three state programs ($active active; bench/program_enrol.sql)."
echo "Month $month, gap analysis as of $today, the nation in scope."
echo

# ---- Sawat ----
echo "### Sawat, end to end from the SQLite store"
echo
echo "Command: \`build/bench/program_bench DB gaps TH $today\` and \`... preview $month\`"
echo
build/bench/program_bench "$db" gaps TH "$today"
echo
echo "| payroll | offices | lines | stopped | baht to pay | seconds | CPU seconds | memory |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
build/bench/program_bench "$db" preview "$month"

# ---- the export, DuckDB ----
t0=$(date +%s.%N)
csv=$dir/csv
mkdir -p "$csv"
export_csv() { # NAME HEADER SQL
	{
		echo "$2"
		sqlite3 -csv "$db" "$3"
	} >"$csv/$1.csv"
}
export_csv person "id,birth_date,death_date,nationality,reg_status,area,household_id,merged_into" \
	"SELECT id, birth_date, death_date, nationality, reg_status, area, household_id, merged_into FROM person"
export_csv household "id,monthly_income" "SELECT id, monthly_income FROM household"
export_csv person_need "person_id,kind,observed_on,ended_on,card_no,card_expires" \
	"SELECT person_id, kind, observed_on, ended_on, card_no, card_expires FROM person_need"
export_csv enrolment "id,program_id,person_id,office,status,applied_on,active_from,paid_through" \
	"SELECT id, program_id, person_id, office, status, applied_on, active_from, paid_through FROM enrolment"
export_csv program "id,code" "SELECT id, code FROM program"
export_csv outreach_case "person_id,program_id,area,status,outcome" \
	"SELECT person_id, program_id, area, status, outcome FROM outreach_case"
export_s=$(secs "$t0")
duck=$(node tests/reference/duckdb.mjs "$csv" "$m1" "$today" "" --time --repeat 3 --threads "$(nproc)")
jv() { node -e 'const j = JSON.parse(process.argv[1]); console.log((j[process.argv[2]] / 1000).toFixed(2))' "$duck" "$1"; }
jn() { node -e 'const j = JSON.parse(process.argv[1]); console.log(j[process.argv[2]])' "$duck" "$1"; }

# ---- PostgreSQL ----
pgdir=$(mktemp -d /tmp/sawat-bench-pg.XXXXXX)
pg_ok=1
if url=$(bash scripts/pg-cluster.sh start "$pgdir"); then
	t0=$(date +%s.%N)
	sed "s|@DIR@|$csv|g" bench/program_pg.sql | psql -X -q -v ON_ERROR_STOP=1 "$url" >/dev/null
	pg_load=$(secs "$t0")
	# Each reference query, its result materialized, timed by psql.
	part() { # NAME: the query after "-- @query NAME", to the next one
		sed -e 's|@IDIV@|/|g' -e "s/@M1@/$m1/g" -e "s/@ON@/$today/g" -e "s/@AREA@//g" tests/reference/rules.sql |
			awk -v q="-- @query $1" '$0 == q { on = 1; next } /^-- @query / { on = 0 } on' |
			sed -e '$ s/;[[:space:]]*$//'
	}
	{
		echo "SET work_mem = '256MB';"
		echo '\timing on'
		for q in payroll gaps; do
			echo "CREATE TEMP TABLE result_$q AS"
			part "$q" | sed '/^[[:space:]]*$/d' | sed '$ s/;$//'
			echo ";"
		done
	} >"$dir/pg.sql"
	pg_out=$(psql -X -q -v ON_ERROR_STOP=1 -f "$dir/pg.sql" "$url" 2>&1) || pg_ok=0
	pg_times=($(echo "$pg_out" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'))
	pg_payroll=$(awk -v v="${pg_times[0]:-0}" 'BEGIN { printf "%.2f", v / 1000 }')
	pg_gaps=$(awk -v v="${pg_times[1]:-0}" 'BEGIN { printf "%.2f", v / 1000 }')
else
	pg_ok=0
fi
[ "$pg_ok" = 1 ] || { echo "PostgreSQL failed:"; echo "${pg_out:-the cluster did not start}" | tail -5; }

# ---- Sawat writes every roll (on a copy) ----
cp "$db" "$dir/rolls.db"
echo
echo "| payroll, written | offices | lines | stopped | baht to pay | seconds | CPU seconds | |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
build/bench/program_bench "$dir/rolls.db" payroll "$month"
rm -f "$dir/rolls.db" "$dir/rolls.db-wal" "$dir/rolls.db-shm"

# ---- the comparison ----
t() { awk -v k="$1" '$1 == k { print $2 }' "$times"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'; }
sg=$(t gaps) sl=$(t gaps_listed) sp=$(t preview)
dg=$(jv gaps_ms) dp=$(jv payroll_ms)
echo
echo "### The same computation in DuckDB and PostgreSQL"
echo
echo "Export of the tables the rules read to CSV (sqlite3): $export_s s. DuckDB $(node -e 'console.log(require("@duckdb/node-api/package.json").version)' 2>/dev/null || echo '(node-api)'), $(nproc) threads, in memory: CSV loaded in $(jv load_ms) s. PostgreSQL $(psql --version | awk '{print $3}'): COPY, indexes and ANALYZE in ${pg_load:-?} s (shared_buffers 32 MB, work_mem 256 MB, parallel workers as configured: \`max_parallel_workers_per_gather\` 2)."
echo
echo "Wall-clock seconds (Sawat and DuckDB: the best of three runs; PostgreSQL: one):"
echo
echo "| computation | Sawat s | DuckDB s | PostgreSQL s | Sawat / DuckDB | PostgreSQL / Sawat | result rows (DuckDB) |"
echo "|---|---:|---:|---:|---:|---:|---:|"
echo "| payroll of every office for the month | $sp | $dp | ${pg_payroll:--} | $(ratio "$sp" "$dp") | $(ratio "${pg_payroll:-0}" "$sp") | $(jn payroll_rows) lines |"
echo "| full gap analysis, three programs: the counts | $sg | $dg | ${pg_gaps:--} | $(ratio "$sg" "$dg") | $(ratio "${pg_gaps:-0}" "$sg") | $(jn gaps_rows) gaps and counts |"
echo "| the same, every gap listed (Sawat with each one's name) | $sl | $dg | ${pg_gaps:--} | $(ratio "$sl" "$dg") | $(ratio "${pg_gaps:-0}" "$sl") | |"
echo
echo "CPU seconds (all threads): Sawat payroll $(awk '$1 == "preview" { print $3 }' "$times"), gaps $(awk '$1 == "gaps" { print $3 }' "$times"); DuckDB payroll $(jv payroll_cpu_ms), gaps $(jv gaps_cpu_ms)."
echo "Memory of Sawat's evaluation step (the three programs' gaps): $(awk '$1 == "gaps" { printf "%.0f MiB, %.1f bytes a person", $4, $4 * 1048576 / $5 }' "$times") (peak anonymous memory above the start)."
echo
echo "Targets (issue 5): Sawat / DuckDB at most 1.0; PostgreSQL / Sawat at least 5; at most 64 bytes a person in the evaluation step."
