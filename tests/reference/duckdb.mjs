// The reference engine for the programs' rules: loads the CSV export of
// Sawat's tables (t_program_ref DB export DIR, or bench/program.sh's) into
// an in-memory DuckDB, runs tests/reference/rules.sql's queries (written for
// both engines; DuckDB divides integers with "//") and prints their lines (or, with --time, how long the load and each query took).
//
//   node tests/reference/duckdb.mjs DIR M1 ON AREA [--time [--repeat N]] [--threads N]
//
// M1: the payroll month's first day; ON: the gap analysis's day; AREA: its
// area ('' for the nation). Needs @duckdb/node-api (package.json).
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const timing = args.includes('--time');
if (timing) args.splice(args.indexOf('--time'), 1);
const threads = flag('--threads');
const repeat = Number(flag('--repeat') || 1);
const [dir, m1, on, area = ''] = args;
if (!dir || !m1 || !on) {
  console.error('usage: duckdb.mjs DIR M1 ON AREA [--time] [--threads N]');
  process.exit(2);
}

const tables = {
  person: 'id BIGINT, birth_date VARCHAR, death_date VARCHAR, nationality VARCHAR, reg_status VARCHAR, area VARCHAR, household_id BIGINT, merged_into BIGINT',
  household: 'id BIGINT, monthly_income BIGINT',
  person_need: 'person_id BIGINT, kind VARCHAR, observed_on VARCHAR, ended_on VARCHAR, card_no VARCHAR, card_expires VARCHAR',
  enrolment: 'id BIGINT, program_id BIGINT, person_id BIGINT, office VARCHAR, status VARCHAR, applied_on VARCHAR, active_from VARCHAR, paid_through VARCHAR',
  program: 'id BIGINT, code VARCHAR',
  outreach_case: 'person_id BIGINT, program_id BIGINT, area VARCHAR, status VARCHAR, outcome VARCHAR',
};

const here = dirname(fileURLToPath(import.meta.url));
const sql = readFileSync(join(here, 'rules.sql'), 'utf8')
  .replaceAll('@IDIV@', '//').replaceAll('@M1@', m1).replaceAll('@ON@', on).replaceAll('@AREA@', area);
// Each query starts at a "-- @query NAME" line.
const queries = sql.split(/^-- @query /m).slice(1).map((q) => {
  const nl = q.indexOf('\n');
  return { name: q.slice(0, nl).trim(), text: q.slice(nl + 1) };
});

const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
if (threads) await con.run(`SET threads = ${Number(threads)}`);
let t = process.hrtime.bigint();
let cpu = process.cpuUsage();
const cpus = {};
// Wall milliseconds since the last call; the process's CPU milliseconds
// (all threads) are kept under the same name.
const ms = (name) => {
  const now = process.hrtime.bigint();
  const d = Number(now - t) / 1e6;
  const c = process.cpuUsage(cpu);
  if (name) cpus[name + '_cpu_ms'] = (c.user + c.system) / 1000;
  t = now;
  cpu = process.cpuUsage();
  return d;
};
for (const [name, cols] of Object.entries(tables)) {
  await con.run(`CREATE TABLE ${name} (${cols})`);
  await con.run(`COPY ${name} FROM '${join(dir, name + '.csv').replaceAll("'", "''")}' (HEADER)`);
}
const load = ms('load');
const out = [];
const times = {};
if (process.env.EXPLAIN) {
  for (const q of queries) {
    const r = await con.runAndReadAll(`EXPLAIN ANALYZE ${q.text.replace(/;\s*$/, '')}`);
    for (const row of r.getRows()) console.log(String(row[1]));
  }
  process.exit(0);
}
for (const q of queries) {
  ms();
  if (timing) {
    // The result materialized in the engine, as Sawat holds its own; the
    // best of --repeat runs (a shared machine is noisy).
    for (let run = 0; run < repeat; run++) {
      ms();
      await con.run(`CREATE OR REPLACE TEMP TABLE result_${q.name} AS ${q.text.replace(/;\s*$/, '')}`);
      const saved = { ...cpus };
      const w = ms(q.name);
      if (run === 0 || w < times[q.name]) times[q.name] = w;
      else Object.assign(cpus, saved);
    }
    const c = await con.runAndReadAll(`SELECT count(*) FROM result_${q.name}`);
    times[q.name + '_rows'] = Number(c.getRows()[0][0]);
  } else {
    const r = await con.runAndReadAll(q.text);
    for (const row of r.getRows()) out.push(String(row[0]));
  }
}
if (timing) {
  console.log(JSON.stringify({ load_ms: load, ...Object.fromEntries(Object.entries(times).map(([k, v]) => [k.endsWith('_rows') ? k : k + '_ms', v])), ...cpus }));
} else {
  process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
}
