#!/usr/bin/env bash
# Runs every benchmark and writes bench/RESULTS.md: the command, the machine,
# and each benchmark's section. Benchmarks are never timed unit tests; the
# figures are for comparison within one run on one machine.
set -eu
cd "$(dirname "$0")/.."
out=bench/RESULTS.md
tmp=$(mktemp)
{
	echo "# Benchmark results"
	echo
	echo "Written by \`make bench\` (bench/run.sh) on $(date -u +%Y-%m-%dT%H:%M:%SZ)."
	echo
	echo "Machine: $(nproc) CPU(s), $(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM; $(uname -sr); SQLite $(sqlite3 --version 2>/dev/null | cut -d' ' -f1)."
	echo "Shared machines are noisy: compare figures within one run."
	echo
	for b in bench/http.sh bench/registry.sh bench/import.sh bench/search.sh bench/fund.sh bench/rules.sh bench/program.sh; do
		echo "## $(basename "$b" .sh)"
		echo
		echo "Command: \`bash $b\`"
		echo
		bash "$b"
		echo
	done
} >"$tmp"
mv "$tmp" "$out"
cat "$out"
