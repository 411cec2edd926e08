#!/usr/bin/env bash
# HTTP benchmark: authenticated JSON GETs against a real `sawat serve` on
# SQLite, with wrk at 64 connections. The server is pinned to one core and
# wrk to the other (when there are two), so "requests/s" is one core's
# throughput, and the server's CPU time over the run gives CPU per request.
# Prints a Markdown section on stdout.
set -eu
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${BENCH_SECONDS:-8}
dir=$(mktemp -d /tmp/sawat-bench-http.XXXXXX)
port=$((20000 + RANDOM % 20000))
trap 'kill $srv 2>/dev/null; wait $srv 2>/dev/null; rm -rf "$dir"' EXIT

build/sawat --db "$dir/b.db" init >/dev/null
echo "bench-pass-1234" | build/sawat --db "$dir/b.db" user add bench --role province_officer --area 50 --password-stdin >/dev/null

srv_cpu=""; wrk_cpu=""
if [ "$(nproc)" -ge 2 ]; then srv_cpu="taskset -c 0"; wrk_cpu="taskset -c 1"; fi
$srv_cpu build/sawat --db "$dir/b.db" serve --listen 127.0.0.1:$port --no-access-log >"$dir/out" 2>&1 &
srv=$!
for _ in $(seq 50); do grep -q listening "$dir/out" 2>/dev/null && break; sleep 0.1; done
token=$(curl -sf -X POST -d '{"username":"bench","password":"bench-pass-1234"}' \
	http://127.0.0.1:$port/api/v1/login | sed -n 's/.*"token": *"\([^"]*\)".*/\1/p')
[ -n "$token" ] || { echo "bench: login failed" >&2; exit 1; }

ticks() { awk '{print $14 + $15}' /proc/$srv/stat; }
hz=$(getconf CLK_TCK)

echo "### Authenticated JSON GET (wrk, 64 connections, ${SECONDS_PER_RUN} s each)"
echo
echo "| endpoint | requests/s | p50 latency | p99 latency | server CPU per request |"
echo "|---|---:|---:|---:|---:|"
for path in /api/v1/me /api/v1/areas/50 /api/v1/areas/5001/children; do
	t0=$(ticks)
	out=$($wrk_cpu wrk -t1 -c64 -d${SECONDS_PER_RUN}s --latency -H "Authorization: Bearer $token" \
		http://127.0.0.1:$port$path)
	t1=$(ticks)
	rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
	n=$(echo "$out" | awk '/requests in/ {print $1}')
	p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
	p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
	cpu=$(awk -v t=$((t1 - t0)) -v hz=$hz -v n=$n 'BEGIN {printf "%.1f µs", t / hz * 1e6 / n}')
	echo "| \`GET $path\` | $rps | $p50 | $p99 | $cpu |"
done
echo
echo "Target (issue 2): at least 20,000 authenticated requests/s on one core."
