#!/usr/bin/env bash
# Community welfare funds: a year of activity loaded through the application
# layer (`sawat gen --funds`: enrolments, monthly collection sheets, claims
# through their workflow, matching money, expenses — each a real use case
# with its transaction, journal entry and audit entry), then the national
# roll-up's latency over HTTP with as many funds as the country has.
#
# Size knobs (defaults keep `make bench` to a few minutes):
#   FUND_ACTIVE=60        funds with a full year of activity (in Phayao)
#   FUND_MEMBERS=700      members in each of them
#   FUND_NATION=6000      funds in all (the rest, all over the country, with
#                         FUND_SMALL members and the same year of activity)
#   FUND_SMALL=8
# Prints a Markdown section on stdout.
set -eu
cd "$(dirname "$0")/.."
active=${FUND_ACTIVE:-60}
members=${FUND_MEMBERS:-700}
nation=${FUND_NATION:-6000}
small=${FUND_SMALL:-8}
dir=$(mktemp -d /tmp/sawat-bench-fund.XXXXXX)
port=$((20000 + RANDOM % 20000))
srv=""
trap '[ -n "$srv" ] && kill $srv 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"' EXIT
db=$dir/f.db

# Runs a command, printing its output; sets secs and hwm (peak RSS, KiB).
timed() {
	local start end pid v
	start=$(date +%s.%N)
	"$@" >"$dir/out" &
	pid=$!
	hwm=0
	while kill -0 "$pid" 2>/dev/null; do
		v=$(awk '/VmHWM/ {print $2}' /proc/$pid/status 2>/dev/null || echo 0)
		[ -n "$v" ] && [ "$v" -gt "$hwm" ] && hwm=$v
		sleep 0.2
	done
	wait "$pid"
	end=$(date +%s.%N)
	secs=$(awk "BEGIN {print $end - $start}")
}

build/sawat --db "$db" init >/dev/null
# People for the members: enough adults in Phayao's tambons for the active
# funds, and a few in every tambon of the country for the rest.
build/sawat --db "$db" gen --seed 1 --provinces 56 --per-tambon $((members * 2)) >/dev/null
build/sawat --db "$db" gen --seed 2 --all --per-tambon $((small * 3 + 40)) --append >/dev/null

timed build/sawat --db "$db" gen --seed 7 --provinces 56 --funds "$active" --members "$members" --year 2025
out_active=$(cat "$dir/out")
secs_active=$secs; hwm_active=$hwm
entries_active=$(sqlite3 "$db" "SELECT COUNT(*) FROM journal_entry")
lines_active=$(sqlite3 "$db" "SELECT COUNT(*) FROM journal_line")

timed build/sawat --db "$db" gen --seed 8 --all --funds "$nation" --members "$small" --year 2025
out_nation=$(cat "$dir/out")
secs_nation=$secs; hwm_nation=$hwm
funds=$(sqlite3 "$db" "SELECT COUNT(*) FROM fund")
mem=$(sqlite3 "$db" "SELECT COUNT(*) FROM fund_member")
entries=$(sqlite3 "$db" "SELECT COUNT(*) FROM journal_entry")
size=$(du -m "$db" | cut -f1)

verify_start=$(date +%s.%N)
verify=$(build/sawat --db "$db" verify | tail -1)
verify_secs=$(awk "BEGIN {print $(date +%s.%N) - $verify_start}")

echo "### A year of fund activity through the application layer (SQLite)"
echo
echo "| run | funds | members | journal entries | seconds | entries/s | peak RSS |"
echo "|---|---:|---:|---:|---:|---:|---:|"
awk -v f="$active" -v m="$members" -v e="$entries_active" -v s="$secs_active" -v h="$hwm_active" 'BEGIN {
	printf "| active funds (Phayao), %d members each | %d | %d | %d | %.1f | %.0f | %.0f MiB |\n", m, f, f * m, e, s, e / s, h / 1024 }'
awk -v f="$funds" -v a="$active" -v m="$mem" -v ma="$((active * members))" -v e="$entries" -v ea="$entries_active" -v s="$secs_nation" -v h="$hwm_nation" 'BEGIN {
	printf "| the rest of the country | %d | %d | %d | %.1f | %.0f | %.0f MiB |\n", f - a, m - ma, e - ea, s, (e - ea) / s, h / 1024 }'
echo
echo "\`$out_active\`"
echo
echo "\`$out_nation\`"
echo
echo "Journal lines written by the active funds: $lines_active. Database: $funds funds, $mem members, $entries journal entries, ${size} MiB. \`sawat verify\` over all of it: ${verify_secs%.*}.$(echo "$verify_secs" | cut -d. -f2 | cut -c1-1) s — \`$verify\`."
echo

# The national roll-up over HTTP: the API and (when the web UI has it) the page.
echo "bench-pass-1234" | build/sawat --db "$db" user add bench --role national_admin --area TH --password-stdin >/dev/null
build/sawat --db "$db" serve --listen 127.0.0.1:$port --no-access-log >"$dir/srv" 2>&1 &
srv=$!
for _ in $(seq 100); do grep -q listening "$dir/srv" 2>/dev/null && break; sleep 0.1; done
token=$(curl -sf -X POST -d '{"username":"bench","password":"bench-pass-1234"}' \
	http://127.0.0.1:$port/api/v1/login | sed -n 's/.*"token": *"\([^"]*\)".*/\1/p')
[ -n "$token" ] || { echo "bench: login failed" >&2; exit 1; }

# p50/p95/max of n sequential requests (curl's total time), in ms.
latency() {
	local path=$1 n=$2 i
	for i in $(seq "$n"); do
		curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $token" \
			"http://127.0.0.1:$port$path"
	done >"$dir/lat"
	bad=$(awk '$1 != 200' "$dir/lat" | wc -l)
	awk '{printf "%.3f\n", $2 * 1000}' "$dir/lat" | sort -n | awk -v bad="$bad" '{t[NR] = $1} END {
		i50 = int(NR * 0.5); if (i50 < 1) i50 = 1; i95 = int(NR * 0.95); if (i95 < 1) i95 = 1
		printf "%.1f | %.1f | %.1f | %d", t[i50], t[i95], t[NR], bad }'
}

echo "### Roll-up latency over HTTP ($funds funds; 200 sequential requests each)"
echo
echo "| request | p50 ms | p95 ms | max ms | errors |"
echo "|---|---:|---:|---:|---:|"
for path in "/api/v1/funds/rollup?area=TH&year=2025" "/api/v1/funds/rollup?area=56&year=2025" \
	"/api/v1/funds/rollup?area=5601&year=2025"; do
	echo "| \`GET $path\` | $(latency "$path" 200) |"
done
page=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "http://127.0.0.1:$port/funds?area=TH&year=2025")
if [ "$page" = 200 ]; then
	echo "| \`GET /funds?area=TH&year=2025\` (the national page) | $(latency "/funds?area=TH&year=2025" 200) |"
fi
echo
echo "Targets (issue 4): national roll-up ≤ 100 ms on SQLite. The issue's full load is 6,000 funds × 700"
echo "members (4.2 M members); here $active funds carry the full membership and the rest $small members each,"
echo "because the roll-up reads per-fund figures kept in step by every posting (fund.members_active,"
echo "fund_year, ledger_account.balance), never the members or the journal: its cost grows with the"
echo "number of funds, not with members or entries. Postings per second are measured on the full-size"
awk -v e="$entries_active" -v f="$active" -v m="$members" -v s="$secs_active" 'BEGIN {
	per = e / (f * m); rate = e / s
	printf "funds: %.1f journal entries per member-year; the full national load (4.2 M members) at %.0f\n", per, rate
	printf "entries/s would be %.1f M entries and take about %.1f hours on this machine.\n", 4.2 * per, 4.2e6 * per / rate / 3600 }'
