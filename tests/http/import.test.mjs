// HTTP integration test of staged imports: upload a CSV, read the report
// (errors first), refuse to commit a bad file, commit a good one, re-run it
// (all "same"), and export what the user may see.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshDb, sawat, startServer, Client } from './lib.mjs';

const PW = 'chiangmai-pass-1';
let env, srv, c;

// A valid national ID from 12 digits.
function nid(d) {
  let s = 0;
  for (let i = 0; i < 12; i++) s += Number(d[i]) * (13 - i);
  return d + String((11 - (s % 11)) % 10);
}

before(async () => {
  env = freshDb();
  sawat(env.db, ['init']);
  sawat(env.db, ['user', 'add', 'cmo', '--role', 'province_officer', '--area', '50', '--password-stdin'], PW + '\n');
  sawat(env.db, ['user', 'add', 'vol', '--role', 'volunteer', '--area', '500101', '--password-stdin'], PW + '\n');
  srv = await startServer(env.db);
  c = await login('cmo');
});

after(async () => {
  if (srv) await srv.stop();
  env.cleanup();
});

async function login(name) {
  const cl = new Client(srv.url);
  const r = await cl.post('/api/v1/login', { json: { username: name, password: PW } });
  assert.equal(r.status, 200, r.text);
  cl.bearer = { Authorization: `Bearer ${r.json.token}` };
  return cl;
}

function upload(cl, text, query = '') {
  return cl.post('/api/v1/imports' + query, { raw: text, headers: { ...cl.bearer, 'Content-Type': 'text/csv' } });
}

const good = '\ufeffเลขประจำตัวประชาชน,ชื่อ,นามสกุล,เพศ,วันเกิด,รหัสพื้นที่,welfare_card,หมายเหตุ\n' +
  `${nid('110170012345')},สมชาย,ใจดี,ชาย,5/1/2498,500101,yes,\n` +
  `${nid('310170000001')},สมศรี,ใจดี,หญิง,2/3/2503,500102,no,\n`;

test('a bad file is reported row by row, errors first, and cannot be committed', async () => {
  const bad = 'national_id,given_name,birth_date,area\n' +
    `${nid('110170099991')},ดี,1/1/2500,500101\n` +
    '1101700999910,ผิด,1/1/2500,500101\n' +
    `${nid('110170099992')},วัน,31/4/2568,500101\n` +
    `${nid('110170099993')},ตำบล,1/1/2500,509999\n` +
    `${nid('110170099991')},ซ้ำ,1/1/2500,500101\n` +
    `${nid('110170099994')},,1/1/2500,500101\n` +
    `${nid('110170099995')},นอก,1/1/2500,560101\n`;
  const r = await upload(c, bad, '?filename=bad.csv');
  assert.equal(r.status, 201, r.text);
  assert.equal(Object.keys(r.json)[0], 'errors', 'errors come first');
  assert.deepEqual(r.json.counts, { total: 7, error: 6, new: 1, update: 0, same: 0 });
  assert.deepEqual(r.json.errors.map((x) => [x.row, x.column]),
    [[3, 'national_id'], [4, 'birth_date'], [5, 'area'], [6, 'national_id'], [7, 'given_name'], [8, 'area']]);
  assert.ok(r.json.errors.every((x) => x.message_th && x.message_en));
  assert.equal(r.headers.get('location'), `/api/v1/imports/${r.json.id}`);
  const commit = await c.post(`/api/v1/imports/${r.json.id}/commit`, { headers: c.bearer });
  assert.equal(commit.status, 400, commit.text);
  const list = await c.get('/api/v1/persons', { headers: c.bearer });
  assert.equal(list.json.items.length, 0, 'nothing was written');
  const page = await c.get(`/api/v1/imports/${r.json.id}?limit=2`, { headers: { ...c.bearer, 'Accept-Language': 'en' } });
  assert.equal(page.json.errors.length, 2);
  assert.equal(page.json.next_cursor, 4);
  assert.equal(page.json.errors[0].message, page.json.errors[0].message_en);
  const next = await c.get(`/api/v1/imports/${r.json.id}?limit=2&cursor=4`, { headers: c.bearer });
  assert.deepEqual(next.json.errors.map((x) => x.row), [5, 6]);
});

test('a file without a required column is refused whole', async () => {
  const r = await upload(c, 'national_id,given_name\n1,ก\n');
  assert.equal(r.json.field, 'area');
  assert.ok(r.status === 400 || r.status === 422, r.text);
  const wrong = await c.post('/api/v1/imports', { json: { a: 1 }, headers: c.bearer });
  assert.equal(wrong.status, 415);
});

test('a good file commits once; the same file again changes nothing', async () => {
  const r = await upload(c, good, '?policy=national_id&filename=good.csv');
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.errors, []);
  assert.equal(r.json.counts.new, 2);
  assert.deepEqual(r.json.unknown_columns, ['หมายเหตุ']);
  const com = await c.post(`/api/v1/imports/${r.json.id}/commit`, { headers: c.bearer });
  assert.equal(com.status, 200, com.text);
  assert.equal(com.json.inserted, 2);
  const again = await c.post(`/api/v1/imports/${r.json.id}/commit`, { headers: c.bearer });
  assert.equal(again.status, 409);

  const r2 = await upload(c, good);
  assert.deepEqual(r2.json.counts, { total: 2, error: 0, new: 0, update: 0, same: 2 });
  const com2 = await c.post(`/api/v1/imports/${r2.json.id}/commit`, { headers: c.bearer });
  assert.equal(com2.json.inserted + com2.json.updated, 0);
  const rows = await c.get(`/api/v1/imports/${r2.json.id}?outcome=same`, { headers: c.bearer });
  assert.equal(rows.json.rows.length, 2);
  assert.ok(rows.json.rows[0].person_id > 0);

  const other = await login('vol');
  const hidden = await other.get(`/api/v1/imports/${r2.json.id}`, { headers: other.bearer });
  assert.equal(hidden.status, 403);
});

test('export is CSV with BOM, re-importable, scoped to the user', async () => {
  const r = await c.get('/api/v1/persons.csv', { headers: c.bearer });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /text\/csv/);
  assert.equal(r.headers.get('x-total-count'), '2');
  assert.match(r.text, /^\ufeff?national_id,/, 'header (fetch drops the BOM; t_import checks it)');
  assert.match(r.text, /สมชาย/);
  const back = await upload(c, r.text);
  assert.deepEqual(back.json.counts, { total: 2, error: 0, new: 0, update: 0, same: 2 });
  const vol = await login('vol');
  const v = await vol.get('/api/v1/persons.csv', { headers: vol.bearer });
  assert.equal(v.headers.get('x-total-count'), '1');
  assert.ok(!/disability/.test(v.text), 'no sensitive columns for a volunteer');
  const out = await vol.get('/api/v1/persons.csv?area=56', { headers: vol.bearer });
  assert.equal(out.status, 403);
});
