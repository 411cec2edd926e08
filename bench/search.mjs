// Measures search latency over HTTP: a mix of queries (by national ID, by a
// partial Thai name, by a common syllable, a whole-province listing) sent
// with a few connections at once; prints a Markdown table of p50/p95/p99 per
// kind, and with the server's pid its CPU time per request (user + system,
// from /proc). Usage: node bench/search.mjs URL TOKEN IDS_FILE [REQUESTS]
// [CONCURRENCY] [SERVER_PID]
import { readFileSync } from 'node:fs';
import http from 'node:http';

const [url, token, idsFile, total = '2000', conc = '8', pid] = process.argv.slice(2);
const ids = readFileSync(idsFile, 'utf8').split('\n').filter(Boolean);
const names = ['สมชาย', 'ศรีสุข', 'บุญ', 'ทองดี', 'แก้ว', 'มณี', 'ใจดี', 'สม ใจ', 'วงศ์', 'จันทร์'];
const kinds = {
  'by national ID': (i) => `/api/v1/persons?q=${ids[i % ids.length]}`,
  'by partial Thai name': (i) => `/api/v1/persons?q=${encodeURIComponent(names[i % names.length])}&limit=20`,
  'by 2-letter prefix': (i) => `/api/v1/persons?q=${encodeURIComponent(['สม', 'บุ', 'ทอ', 'แก'][i % 4])}&limit=20`,
  'whole province, page 1': () => '/api/v1/persons?limit=20',
};
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(conc) });
const u = new URL(url);

function get(path) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    http.get({ host: u.hostname, port: u.port, path, agent, headers: { Authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(Number(process.hrtime.bigint() - t0) / 1e6) : reject(new Error(`${res.statusCode} ${path}`))));
    }).on('error', reject);
  });
}

const pct = (a, p) => a[Math.min(a.length - 1, Math.floor((a.length * p) / 100))];
// utime + stime of the server, in clock ticks (100 a second on Linux).
const ticks = () => {
  if (!pid) return 0;
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(f[11]) + Number(f[12]);
};
console.log(`| query | requests | p50 ms | p95 ms | p99 ms |${pid ? ' server CPU per request |' : ''}`);
console.log(`|---|---:|---:|---:|---:|${pid ? '---:|' : ''}`);
// A short warm-up of every kind first: the figures are for a server in use.
for (const make of Object.values(kinds))
  for (let i = 0; i < 50; i++) await get(make(i * 7 + 3));
for (const [name, make] of Object.entries(kinds)) {
  const n = Number(total), times = [];
  const t0 = ticks();
  let next = 0;
  await Promise.all(Array.from({ length: Number(conc) }, async () => {
    while (next < n) { const i = next++; times.push(await get(make(i))); }
  }));
  const cpu = ((ticks() - t0) * 10) / n;
  times.sort((a, b) => a - b);
  console.log(`| ${name} | ${n} | ${pct(times, 50).toFixed(1)} | ${pct(times, 95).toFixed(1)} | ${pct(times, 99).toFixed(1)} |${pid ? ` ${cpu.toFixed(2)} ms |` : ''}`);
}
agent.destroy();
