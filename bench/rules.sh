#!/usr/bin/env bash
# The rules evaluator (core/rules) over RULES_PEOPLE (default 10,000,000)
# synthetic people held in columns, one thread: ns a person and bytes a
# person for each state program (bench/rules_bench.c): the evaluation step
# alone (bench/rules_duckdb.mjs is its DuckDB twin for one program). The
# comparison with DuckDB and PostgreSQL end to end from the store is
# bench/program.sh. Prints a Markdown section.
set -eu
cd "$(dirname "$0")/.."
n=${RULES_PEOPLE:-10000000}
make -s build/bench/rules_bench >/dev/null
echo "\`build/bench/rules_bench $n\` (one thread; best and median of 5 runs):"
echo
echo '```'
build/bench/rules_bench "$n"
echo '```'
echo
echo "Target (issue 5): evaluation at most 64 bytes a person; Sawat at least as fast as DuckDB."
