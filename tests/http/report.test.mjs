// HTTP tests of the situation picture: the API's counts for a province and
// its districts, the page with its SVG charts and Thai B.E. date, and scope
// (another province's officer gets 403). People are planted with plain SQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { freshDb, sawat, startServer, Client } from './lib.mjs';

const PW = { cmo: 'chiangmai-pass-1', pyo: 'phayao-pass-123', aud: 'auditor-pass-123' };
let env, srv;

function sql(db, text) {
  const r = process.env.SAWAT_TEST_PG
    ? spawnSync('psql', [db, '-q', '-v', 'ON_ERROR_STOP=1', '-c', text], { encoding: 'utf8' })
    : spawnSync('sqlite3', [db, text], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error('SQL failed: ' + r.stderr);
}

function person(area, sex, birth, death = null) {
  const q = (v) => (v === null ? 'NULL' : `'${v}'`);
  return `INSERT INTO person (given_name, name_key, sex, birth_date, death_date, reg_status, area, province, created_at, updated_at)`
    + ` VALUES ('ทดสอบ', 'ทดสอบ', '${sex}', ${q(birth)}, ${q(death)}, 'house', '${area}', '${area.slice(0, 2)}', 'now', 'now')`;
}

before(async () => {
  env = freshDb();
  sawat(env.db, ['init']);
  sawat(env.db, ['user', 'add', 'cmo', '--role', 'province_officer', '--area', '50', '--password-stdin'], PW.cmo + '\n');
  sawat(env.db, ['user', 'add', 'pyo', '--role', 'province_officer', '--area', '56', '--password-stdin'], PW.pyo + '\n');
  sawat(env.db, ['user', 'add', 'aud', '--role', 'auditor', '--area', '50', '--password-stdin'], PW.aud + '\n');
  sql(env.db, person('500101', 'M', '1966-11-22'));             // 60 on 2026-11-22
  sql(env.db, person('500101', 'F', '1966-11-23'));             // 59
  sql(env.db, person('500101', 'F', '2010-05-05'));             // 16
  sql(env.db, person('500101', 'M', '1950-01-01', '2026-01-01')); // dead
  sql(env.db, person('500203', 'M', '1980-01-01'));             // Chom Thong, 46
  sql(env.db, `INSERT INTO person_need (person_id, area, kind, sensitive, observed_on, source, recorded_by, created_at)
    SELECT id, area, 'disability', 1, '2020-01-01', 'survey', 'test', 'now' FROM person WHERE birth_date = '1966-11-22'`);
  srv = await startServer(env.db);
});

after(async () => {
  if (srv) await srv.stop();
  env.cleanup();
});

async function login(name) {
  const c = new Client(srv.url);
  const r = await c.post('/api/v1/login', { json: { username: name, password: PW[name] } });
  assert.equal(r.status, 200, r.text);
  c.bearer = { Authorization: `Bearer ${r.json.token}` };
  return c;
}

test('the situation of a province, with its districts', async () => {
  const c = await login('cmo');
  const r = await c.get('/api/v1/situation/50?date=2026-11-22', { headers: c.bearer });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.date, '2026-11-22');
  assert.equal(r.json.total, 4);
  assert.deepEqual(r.json.groups, { child_youth: 1, working_age: 2, elderly: 1, disadvantaged: 1 });
  assert.equal(r.json.needs.disability, 1);
  assert.equal(r.json.disabled_no_card, 1);
  assert.equal(r.json.no_support, 1);
  assert.equal(r.json.suppressed, false);
  assert.equal(r.json.pyramid.length, 17);
  assert.equal(r.json.pyramid[12].male, 1);
  const mueang = r.json.children.find((x) => x.code === '5001');
  assert.equal(mueang.total, 3);
  assert.equal(r.json.children.find((x) => x.code === '5002').total, 1);
  // The day before, the 60-year-old was 59; B.E. dates are accepted.
  const before = await c.get('/api/v1/situation/50?date=21/11/2569', { headers: c.bearer });
  assert.equal(before.status, 200, before.text);
  assert.equal(before.json.groups.elderly, 0);
  assert.equal(before.json.groups.working_age, 3);
});

test('bad dates and codes are refused', async () => {
  const c = await login('cmo');
  const r = await c.get('/api/v1/situation/50?date=31/02/2569', { headers: c.bearer });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.field, 'date');
  const bad = await c.get('/api/v1/situation/5x', { headers: c.bearer });
  assert.equal(bad.status, 400);
});

test('another province, or the nation, is forbidden', async () => {
  const c = await login('pyo');
  for (const code of ['50', '5001', 'TH']) {
    const r = await c.get(`/api/v1/situation/${code}`, { headers: c.bearer });
    assert.equal(r.status, 403, `${code}: ${r.text}`);
    assert.equal(r.json.code, 'forbidden');
  }
  const page = await c.get('/situation/50');
  assert.equal(page.status, 403);
  const own = await c.get('/api/v1/situation/56', { headers: c.bearer });
  assert.equal(own.status, 200);
  assert.equal(own.json.total, 0);
});

test('small sensitive counts are hidden from roles without sensitive rights', async () => {
  const c = await login('aud');
  const r = await c.get('/api/v1/situation/50?date=2026-11-22', { headers: c.bearer });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.suppressed, true);
  assert.equal(r.json.needs.disability, null);
  assert.equal(r.json.groups.disadvantaged, null);
  assert.equal(r.json.total, 4);
});

test('the page shows tables, SVG charts and the B.E. date', async () => {
  const c = await login('cmo');
  const home = await c.get('/situation');
  assert.ok([302, 303].includes(home.status), String(home.status));
  assert.match(home.headers.get('location'), /\/situation\/50$/);
  const r = await c.get('/situation/50?date=2026-11-22&lang=th');
  assert.equal(r.status, 200, r.text);
  assert.match(r.text, /<svg class="chart pyramid"/);
  assert.match(r.text, /<svg class="chart bars"/);
  assert.match(r.text, /<title>/);
  assert.match(r.text, /22 พฤศจิกายน 2569/);
  assert.match(r.text, /href="\/situation\/5001\?date=2026-11-22"/);
  assert.match(r.text, /aria-current="page">สถานการณ์/);
  assert.doesNotMatch(r.text, /<script/);
});

test('duplicates: scan, list, merge; another province is refused', async () => {
  sql(env.db, person('500101', 'F', '1966-11-23'));   // the same as the 59-year-old
  const c = await login('cmo');
  const h = { ...c.bearer };
  const s = await c.post('/api/v1/duplicates/scan?area=50', { headers: h });
  assert.equal(s.status, 200, s.text);
  assert.equal(s.json.added, 3); // 100 for the pair, 60 with the one born a day before
  const again = await c.post('/api/v1/duplicates/scan?area=50', { headers: h });
  assert.equal(again.json.added, 0);
  const l = await c.get('/api/v1/duplicates', { headers: h });
  assert.equal(l.status, 200, l.text);
  assert.equal(l.json.items.length, 3);
  const d = l.json.items.find((x) => x.score === 100);
  assert.equal(d.reason, 'same_name_birth');
  const py = await login('pyo');
  const no = await py.post(`/api/v1/duplicates/${d.id}/merge`, { headers: py.bearer, json: { keep: d.person_a } });
  assert.equal(no.status, 403, no.text);
  const m = await c.post(`/api/v1/duplicates/${d.id}/merge`, { headers: h, json: { keep: d.person_a } });
  assert.equal(m.status, 200, m.text);
  const twice = await c.post(`/api/v1/duplicates/${d.id}/dismiss`, { headers: h });
  assert.equal(twice.status, 409, twice.text);
  const r = await c.get('/api/v1/situation/50?date=2026-11-22', { headers: h });
  assert.equal(r.json.total, 4);
});
