// HTTP integration test of staged imports: upload a CSV, read the report
// (errors first), refuse to commit a bad file, commit a good one, re-run it
// (all "same"), and export what the user may see.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
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

test('the web form takes the file as multipart/form-data; the API lists batches by scope', async () => {
  const w = new Client(srv.url);
  await w.post('/api/v1/login', { json: { username: 'cmo', password: PW } });
  let r = await w.get('/imports');
  assert.equal(r.status, 200);
  assert.match(r.text, /enctype="multipart\/form-data"/);
  const csrf = r.text.match(/name="csrf" value="([0-9a-f]{32})"/)[1];
  const form = (fields, file, name = 'list.csv') => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields)) fd.append(k, v);
    if (file !== undefined) fd.append('file', new Blob([file]), name);
    return fd;
  };
  const text = 'national_id,given_name,family_name,sex,birth_date,area\n' +
    `${nid('150170077771')},มะลิ,แบบฟอร์ม,F,3/3/2510,500101\n`;
  // Without the CSRF token: refused, nothing staged.
  r = await w.post('/imports', { raw: form({}, text) });
  assert.equal(r.status, 403);
  // Without a file: the page again, with the message.
  r = await w.post('/imports', { raw: form({ csrf }) });
  assert.equal(r.status, 400);
  assert.match(r.text, /กรุณาเลือกแฟ้มรายชื่อ/);
  // A file: staged, then to its report.
  r = await w.post('/imports', { raw: form({ csrf, policy: 'national_id' }, text) });
  assert.equal(r.status, 303, r.text);
  const href = r.headers.get('location');
  assert.match(href, /^\/imports\/\d+\?done=staged$/);
  r = await w.get(href);
  assert.match(r.text, /list\.csv/);
  assert.match(r.text, /ผู้ลงทะเบียนใหม่ \(1\)/);
  assert.match(r.text, /มะลิ แบบฟอร์ม/);
  r = await w.post(href.replace(/\?.*/, '/commit'), { form: { csrf } });
  assert.equal(r.status, 303, r.text);
  // Binary files survive the multipart reading: the area's .xlsx, downloaded and sent back, is all unchanged.
  const x = await fetch(srv.url + '/persons/export.xlsx?area=500101', { headers: { Cookie: w.cookieHeader() } });
  assert.equal(x.status, 200, await x.clone().text());
  const xlsx = Buffer.from(await x.arrayBuffer());
  assert.equal(xlsx.subarray(0, 2).toString(), 'PK');
  r = await w.post('/imports', { raw: form({ csrf }, xlsx, 'back.xlsx') });
  assert.equal(r.status, 303, r.text);
  const back = await c.get(`/api/v1/imports/${r.headers.get('location').match(/\d+/)[0]}`, { headers: c.bearer });
  assert.equal(back.json.encoding, 'xlsx');
  assert.equal(back.json.counts.error, 0);
  assert.equal(back.json.counts.same, back.json.counts.total);
  const csv = await fetch(srv.url + '/persons/export.csv?area=500101', { headers: { Cookie: w.cookieHeader() } });
  const lines = (await csv.text()).trim().split(/\r?\n/);
  assert.equal(back.json.counts.total, lines.length - 1, 'as many rows as the CSV of the same people');
  assert.ok(back.json.counts.total >= 2);
  // The upload takes files over the server's usual 1 MiB cap: 2 MiB of rows, all with problems here.
  let big = 'national_id,given_name,family_name,sex,birth_date,area\n';
  for (let i = 0; big.length < (2 << 20); i++) big += `${nid(String(160170000000 + i))},ยาว,แถวที่${i},M,1/1/2500,999999\n`;
  r = await w.post('/imports', { raw: form({ csrf }, big, 'big.csv') });
  assert.equal(r.status, 303, r.text.slice(0, 500));
  // Over its own cap (64 MiB) the upload is refused as soon as the length is seen; other forms keep 1 MiB.
  const status = (path, length, type) => new Promise((resolve, reject) => {
    const u = new URL(srv.url);
    const sock = net.connect(Number(u.port), u.hostname, () => {
      sock.write(`POST ${path} HTTP/1.1\r\nHost: ${u.host}\r\nCookie: ${w.cookieHeader()}\r\n` +
        `Content-Type: ${type}\r\nContent-Length: ${length}\r\n\r\n--x\r\n`);
    });
    let got = '';
    sock.on('data', (d) => { got += d; if (got.includes('\r\n\r\n')) { sock.destroy(); resolve(got.slice(9, 12)); } });
    sock.on('error', (e) => (got ? resolve(got.slice(9, 12)) : reject(e)));
  });
  assert.equal(await status('/imports', (64 << 20) + 1, 'multipart/form-data; boundary=x'), '413');
  assert.equal(await status('/duplicates/scan', (1 << 20) + 1, 'application/x-www-form-urlencoded'), '413');
  // The API's import takes the same files (its body is the file itself).
  const api = await upload(c, big, '?filename=big-api.csv');
  assert.equal(api.status, 201, api.text.slice(0, 300));
  assert.ok(api.json.counts.total > 10000);
  assert.equal(await status('/api/v1/imports', (64 << 20) + 1, 'text/csv'), '413');

  // The API lists batches newest first, paged, only inside the caller's scope.
  r = await c.get('/api/v1/imports?limit=2', { headers: c.bearer });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.items.length, 2);
  assert.deepEqual(r.json.items.map((b) => b.file_name), ['big-api.csv', 'big.csv']);
  assert.ok(r.json.items[0].id > r.json.items[1].id);
  const rest = await c.get(`/api/v1/imports?limit=200&cursor=${r.json.next_cursor}`, { headers: c.bearer });
  assert.ok(rest.json.items.every((b) => b.id < r.json.items[1].id));
  assert.equal(rest.json.items[0].file_name, 'back.xlsx');
  const vol = await login('vol');
  r = await vol.get('/api/v1/imports', { headers: vol.bearer });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.items, [], 'batches of the province are not the volunteer\'s');
});
