#!/usr/bin/env bash
# Loads a synthetic population of GEN_PEOPLE (default 1,000,000) people with
# `sawat gen` into a fresh SQLite database and prints a Markdown section:
# time, rows per second and peak memory (VmHWM, read from /proc while it runs).
set -eu
cd "$(dirname "$0")/.."
n=${GEN_PEOPLE:-1000000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db=$dir/bench.db
build/sawat --db "$db" init >/dev/null
start=$(date +%s.%N)
build/sawat --db "$db" gen --seed 1 --provinces 56 --people "$n" >"$dir/out" &
pid=$!
hwm=0
while kill -0 "$pid" 2>/dev/null; do
	v=$(awk '/VmHWM/ {print $2}' /proc/$pid/status 2>/dev/null || echo 0)
	[ -n "$v" ] && [ "$v" -gt "$hwm" ] && hwm=$v
	sleep 0.2
done
wait "$pid"
end=$(date +%s.%N)
secs=$(echo "$end - $start" | bc -l 2>/dev/null || awk "BEGIN {print $end - $start}")
rows=$(sqlite3 "$db" "SELECT (SELECT COUNT(*) FROM person) + (SELECT COUNT(*) FROM household) + (SELECT COUNT(*) FROM person_need) + (SELECT COUNT(*) FROM consent)")
size=$(du -m "$db" | cut -f1)
awk -v n="$n" -v s="$secs" -v r="$rows" -v h="$hwm" -v mb="$size" -v out="$(cat "$dir/out")" 'BEGIN {
	printf "`sawat gen --people %d` into SQLite (one province, Phayao):\n\n", n
	printf "| people | seconds | people/s | rows written (people, households, needs, consents) | rows/s | peak RSS | database |\n"
	printf "|---|---|---|---|---|---|---|\n"
	printf "| %d | %.1f | %.0f | %d | %.0f | %.0f MiB | %d MiB |\n", n, s, n / s, r, r / s, h / 1024, mb
	printf "\n`%s`\n", out
}'
