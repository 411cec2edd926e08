// DuckDB reference for bench/rules_bench.c: the old-age allowance (version of
// 12 Aug 2023) written in SQL over the population rules_bench writes with
// --csv, evaluated on 2025-06-01 for paying office 5001. Prints the eligible
// count and total baht, which must equal rules_bench's row for old_age
// 2023-08-12, and the best and median of 5 runs.
//
//   build/bench/rules_bench 10000000 1 --csv /tmp/x
//   node bench/rules_duckdb.mjs /tmp/x/people.csv [THREADS]
//
// Needs @duckdb/node-api (package.json). SQL's three-valued
// logic is Kleene's, as in the rules language: "IS NOT TRUE" finds the
// first requirement that does not hold, unknown included.
import { DuckDBInstance } from '@duckdb/node-api';
const day = (y, m, d) => Date.UTC(y, m - 1, d) / 86400000;
const on = day(2025, 6, 1);
const T = (n) => day(2025 - n, 6, 1); // 1 June: no 29 February
const lo = 50010000 * 4 + 1, hi = 50019999 * 4 + 3;
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
const csv = process.argv[2] || 'people.csv';
const threads = process.argv[3] || '2';
await con.run(`SET threads = ${threads}`);
let t = Date.now();
await con.run(`CREATE TABLE p AS SELECT * FROM read_csv('${csv}', header=true, columns={
  'birth':'INTEGER','death':'INTEGER','registered':'INTEGER','income':'INTEGER','area':'INTEGER',
  'needs':'UINTEGER','cards':'UINTEGER','nationality':'UTINYINT','reg':'UTINYINT','flags':'UTINYINT'})`);
console.log(`loaded in ${((Date.now() - t) / 1000).toFixed(1)} s, threads ${threads}`);
const inner = `SELECT CASE
   WHEN ((birth IS NULL OR birth <= ${on}) AND (death IS NULL OR death > ${on})) IS NOT TRUE THEN 1
   WHEN (birth <= ${T(60)}) IS NOT TRUE THEN 2
   WHEN (nationality = 1) IS NOT TRUE THEN 3
   WHEN (reg = 1) IS NOT TRUE THEN 4
   WHEN (area BETWEEN ${lo} AND ${hi}) IS NOT TRUE THEN 5
   WHEN (registered < ${day(2023, 8, 12)} OR income <= 100000) IS NOT TRUE THEN 6
   ELSE 0 END AS fail,
 CASE WHEN birth <= ${T(90)} THEN 100000 WHEN birth <= ${T(80)} THEN 80000
      WHEN birth <= ${T(70)} THEN 70000 ELSE 60000 END AS rate FROM p`;
const q = {
  aggregate: `SELECT count(*) FILTER (WHERE fail = 0) AS eligible, sum(CASE WHEN fail = 0 THEN rate ELSE 0 END) // 100 AS baht FROM (${inner})`,
  materialize: `CREATE OR REPLACE TEMP TABLE res AS SELECT fail, CASE WHEN fail = 0 THEN rate ELSE 0 END AS amount FROM (${inner})`,
};
for (const [name, sql] of Object.entries(q)) {
  const times = [];
  let rows;
  for (let i = 0; i < 5; i++) {
    t = process.hrtime.bigint();
    const r = await con.runAndReadAll(sql);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    rows = r.getRows();
  }
  times.sort((a, b) => a - b);
  console.log(`${name}: best ${times[0].toFixed(1)} ms, median ${times[2].toFixed(1)} ms`, JSON.stringify(rows, (k, v) => typeof v === 'bigint' ? v.toString() : v));
}
