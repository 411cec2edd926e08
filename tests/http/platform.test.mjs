// HTTP integration tests of the platform: the real `sawat serve` on a free
// loopback port, a real database (SQLite, or PostgreSQL when SAWAT_TEST_PG
// is set), spoken to over HTTP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { freshDb, sawat, startServer, Client } from './lib.mjs';

const PW = { admin: 'admin-pass-1234', cmo: 'chiangmai-pass-1', pyo: 'phayao-pass-123', lock: 'lockme-pass-123', vol: 'volunteer-pass-1' };
let env, srv;

before(async () => {
  env = freshDb();
  sawat(env.db, ['init']);
  sawat(env.db, ['user', 'add', 'admin', '--role', 'national_admin', '--area', 'TH', '--password-stdin'], PW.admin + '\n');
  sawat(env.db, ['user', 'add', 'cmo', '--role', 'province_officer', '--area', '50', '--display', 'พมจ. เชียงใหม่', '--password-stdin'], PW.cmo + '\n');
  sawat(env.db, ['user', 'add', 'pyo', '--role', 'province_officer', '--area', '56', '--password-stdin'], PW.pyo + '\n');
  sawat(env.db, ['user', 'add', 'lockme', '--role', 'volunteer', '--area', '500101', '--password-stdin'], PW.lock + '\n');
  sawat(env.db, ['user', 'add', 'vol', '--role', 'volunteer', '--area', '500101', '--password-stdin'], PW.vol + '\n');
  srv = await startServer(env.db);
});

after(async () => {
  if (srv) {
    const { code } = await srv.stop();
    assert.equal(code, 0, 'server exits cleanly on SIGTERM');
  }
  env.cleanup();
});

async function login(name) {
  const c = new Client(srv.url);
  const r = await c.post('/api/v1/login', { json: { username: name, password: PW[name] } });
  assert.equal(r.status, 200, r.text);
  c.token = r.json.token;
  c.csrf = r.json.csrf;
  c.bearer = { Authorization: `Bearer ${r.json.token}` };
  return c;
}

function assertProblem(r, status, code, field) {
  assert.equal(r.status, status, r.text);
  assert.match(r.headers.get('content-type'), /application\/problem\+json/);
  assert.equal(r.json.status, status);
  assert.equal(r.json.code, code);
  assert.ok(r.json.detail_th && r.json.detail_en, 'problem has Thai and English details');
  if (field) assert.equal(r.json.field, field);
}

test('healthz answers without login', async () => {
  const r = await new Client(srv.url).get('/healthz');
  assert.equal(r.status, 200);
  assert.equal(r.json.status, 'ok');
  assert.equal(r.json.db, process.env.SAWAT_TEST_PG ? 'postgres' : 'sqlite');
});

test('login returns a bearer token, sets an HttpOnly SameSite=Strict cookie', async () => {
  const c = new Client(srv.url);
  const r = await c.post('/api/v1/login', { json: { username: 'cmo', password: PW.cmo } });
  assert.equal(r.status, 200);
  assert.equal(r.json.token.length, 43);
  assert.equal(r.json.user.role, 'province_officer');
  assert.equal(r.json.user.area, '50');
  const cookie = r.headers.getSetCookie().find((s) => s.startsWith('sawat_session='));
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  const me = await new Client(srv.url).get('/api/v1/me', { headers: { Authorization: `Bearer ${r.json.token}` } });
  assert.equal(me.status, 200);
  assert.equal(me.json.username, 'cmo');
});

test('bad password is refused with a problem in Thai and English', async () => {
  const r = await new Client(srv.url).post('/api/v1/login', { json: { username: 'cmo', password: 'wrong-password' } });
  assertProblem(r, 401, 'unauthorized');
  const unknown = await new Client(srv.url).post('/api/v1/login', { json: { username: 'nobody', password: 'wrong-password' } });
  assertProblem(unknown, 401, 'unauthorized');
  assert.equal(unknown.json.detail_en, r.json.detail_en, 'unknown user and bad password look the same');
});

test('repeated failures lock the account, even for the right password', async () => {
  const c = new Client(srv.url);
  for (let i = 0; i < 5; i++) {
    const r = await c.post('/api/v1/login', { json: { username: 'lockme', password: 'wrong-password' } });
    assert.equal(r.status, 401, `attempt ${i + 1}`);
  }
  const locked = await c.post('/api/v1/login', { json: { username: 'lockme', password: PW.lock } });
  assertProblem(locked, 429, 'locked');
});

test('requests without a session are refused', async () => {
  assertProblem(await new Client(srv.url).get('/api/v1/me'), 401, 'unauthorized');
  assertProblem(await new Client(srv.url).get('/api/v1/me', { headers: { Authorization: 'Bearer ' + 'x'.repeat(43) } }), 401, 'unauthorized');
});

test('a cookie session needs the CSRF header for writes; a bearer does not', async () => {
  const c = await login('admin');
  const body = { json: { username: 'newuser', role: 'volunteer', area: '500101', password: 'new-user-pass-1' } };
  const noCsrf = await c.post('/api/v1/users', body);
  assertProblem(noCsrf, 403, 'forbidden', 'csrf');
  const wrong = await c.post('/api/v1/users', { ...body, headers: { 'X-CSRF-Token': '0'.repeat(32) } });
  assertProblem(wrong, 403, 'forbidden', 'csrf');
  const ok = await c.post('/api/v1/users', { ...body, headers: { 'X-CSRF-Token': c.csrf } });
  assert.equal(ok.status, 201, ok.text);
  const dup = await new Client(srv.url).post('/api/v1/users', { ...body, headers: c.bearer });
  assertProblem(dup, 409, 'conflict', 'username');
});

test('a province officer sees their province and is denied another', async () => {
  const c = await login('cmo');
  const own = await new Client(srv.url).get('/api/v1/areas/50', { headers: c.bearer });
  assert.equal(own.status, 200);
  assert.equal(own.json.name_th, 'เชียงใหม่');
  assert.equal(own.json.in_scope, true);
  const kids = await new Client(srv.url).get('/api/v1/areas/5001/children', { headers: c.bearer });
  assert.equal(kids.status, 200);
  assert.ok(kids.json.items.some((a) => a.code === '500101' && a.name_th === 'ศรีภูมิ'));
  assertProblem(await new Client(srv.url).get('/api/v1/areas/56', { headers: c.bearer }), 403, 'forbidden');
  assertProblem(await new Client(srv.url).get('/api/v1/areas/5601/children', { headers: c.bearer }), 403, 'forbidden');
  const nation = await new Client(srv.url).get('/api/v1/areas/TH/children', { headers: c.bearer });
  assert.deepEqual(nation.json.items.map((a) => a.code), ['50'], 'the nation shows only the way to their scope');
  const users = await new Client(srv.url).get('/api/v1/users', { headers: c.bearer });
  assert.equal(users.status, 200);
  assert.ok(users.json.items.every((u) => u.area.startsWith('50')), 'only users of the province');
  assert.ok(!users.json.items.some((u) => u.username === 'pyo'));
});

test('admin sees the whole country: 77 provinces, 6 regions', async () => {
  const c = await login('admin');
  const kids = await new Client(srv.url).get('/api/v1/areas/TH/children', { headers: c.bearer });
  assert.equal(kids.json.items.length, 77);
  const regions = await new Client(srv.url).get('/api/v1/regions', { headers: c.bearer });
  assert.equal(regions.json.items.length, 6);
  assert.equal(regions.json.items.reduce((n, r) => n + r.provinces, 0), 77);
});

test('bad input gets a clear field-level error and changes nothing', async () => {
  const c = await login('admin');
  const before = (await new Client(srv.url).get('/api/v1/users?limit=500', { headers: c.bearer })).json.items.length;
  const auditBefore = (await new Client(srv.url).get('/api/v1/audit?limit=1', { headers: c.bearer })).json.items[0].seq;
  const post = (json) => new Client(srv.url).post('/api/v1/users', { json, headers: c.bearer });
  assertProblem(await post({ username: 'x1', role: 'volunteer', area: '500101', password: 'long-enough-pw' }), 400, 'invalid', 'username');
  assertProblem(await post({ username: 'okname', role: 'wizard', area: '500101', password: 'long-enough-pw' }), 400, 'invalid', 'role');
  assertProblem(await post({ username: 'okname', role: 'volunteer', area: '5X0101', password: 'long-enough-pw' }), 400, 'invalid', 'area');
  assertProblem(await post({ username: 'okname', role: 'volunteer', area: '509999', password: 'long-enough-pw' }), 400, 'invalid', 'area');
  assertProblem(await post({ username: 'okname', role: 'volunteer', area: '500101', password: 'short' }), 400, 'invalid', 'password');
  assertProblem(await post({ username: 'okname', role: 'volunteer', area: '500101' }), 400, 'invalid', 'password');
  assertProblem(await post({ username: 'okname', role: 'province_officer', area: '500101', password: 'long-enough-pw' }), 400, 'invalid', 'area');
  const malformed = await new Client(srv.url).post('/api/v1/users', { raw: '{"username": "a",\n "role": }', headers: { ...c.bearer, 'Content-Type': 'application/json' } });
  assertProblem(malformed, 400, 'invalid');
  assert.match(malformed.json.detail_en, /line 2/);
  assertProblem(await new Client(srv.url).get('/api/v1/areas/99', { headers: c.bearer }), 400, 'invalid');
  assertProblem(await new Client(srv.url).get('/api/v1/areas/509999', { headers: c.bearer }), 404, 'not-found');
  assertProblem(await new Client(srv.url).get('/api/v1/users?limit=abc', { headers: c.bearer }), 400, 'invalid', 'limit');
  const after = (await new Client(srv.url).get('/api/v1/users?limit=500', { headers: c.bearer })).json.items.length;
  assert.equal(after, before, 'no user was created');
  const auditAfter = (await new Client(srv.url).get('/api/v1/audit?limit=1', { headers: c.bearer })).json.items[0].seq;
  assert.equal(auditAfter, auditBefore, 'no audit entry was written');
});

test('an oversized body is refused with 413', async () => {
  const c = await login('admin');
  // The server answers 413 as soon as it sees the Content-Length, without
  // reading the body (and then closes the connection), so speak raw HTTP:
  // send the headers and a first slice of the body, read the answer.
  const u = new URL(srv.url);
  const answer = await new Promise((resolve, reject) => {
    const sock = net.connect(Number(u.port), u.hostname, () => {
      sock.write(`POST /api/v1/users HTTP/1.1\r\nHost: ${u.host}\r\nAuthorization: Bearer ${c.token}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${2 << 20}\r\n\r\n{"username":"`);
    });
    let got = '';
    sock.on('data', (d) => { got += d; if (got.includes('\r\n\r\n')) { sock.destroy(); resolve(got); } });
    sock.on('error', (e) => (got ? resolve(got) : reject(e)));
    sock.on('close', () => resolve(got));
  });
  assert.match(answer, /^HTTP\/1\.1 413 /);
  assert.equal((await new Client(srv.url).get('/healthz')).status, 200);
});

test('villages: added under a tambon in scope, refused elsewhere, audited', async () => {
  const vol = await login('vol');
  assertProblem(await new Client(srv.url).post('/api/v1/areas/500101/villages', { json: { name_th: 'บ้านทดสอบ' }, headers: vol.bearer }), 403, 'forbidden');
  const cm = await login('cmo');
  const r = await new Client(srv.url).post('/api/v1/areas/500101/villages', { json: { name_th: 'บ้านทดสอบ' }, headers: cm.bearer });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.code, '50010101');
  const r2 = await new Client(srv.url).post('/api/v1/areas/500101/villages', { json: { name_th: 'บ้านทดสอบสอง' }, headers: cm.bearer });
  assert.equal(r2.json.code, '50010102');
  assertProblem(await new Client(srv.url).post('/api/v1/areas/560101/villages', { json: { name_th: 'บ้านอื่น' }, headers: cm.bearer }), 403, 'forbidden');
  assertProblem(await new Client(srv.url).post('/api/v1/areas/500101/villages', { json: { name_th: '' }, headers: cm.bearer }), 400, 'invalid');
  const audit = await new Client(srv.url).get('/api/v1/audit?limit=5', { headers: cm.bearer });
  assert.ok(audit.json.items.some((a) => a.entity === 'area' && a.entity_id === '50010102' && a.actor === 'cmo'));
  const verify = await new Client(srv.url).get('/api/v1/audit/verify', { headers: cm.bearer });
  assert.equal(verify.json.ok, true);
  assert.ok(verify.json.checked > 5);
});

test('web: pages need a login; the login form needs its CSRF token', async () => {
  const c = new Client(srv.url);
  const home = await c.get('/');
  assert.equal(home.status, 303);
  assert.match(home.headers.get('location'), /^\/login\?next=/);
  const form = await c.get('/login');
  assert.equal(form.status, 200);
  assert.match(form.text, /<form[^>]+action="\/login"/);
  const csrf = form.text.match(/name="csrf" value="([0-9a-f]{32})"/)[1];
  const forged = await c.post('/login', { form: { username: 'cmo', password: PW.cmo, csrf: 'f'.repeat(32) } });
  assert.equal(forged.status, 403);
  const ok = await c.post('/login', { form: { username: 'cmo', password: PW.cmo, csrf, next: '/areas/50' } });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), '/areas/50');
  const page = await c.get('/areas/50');
  assert.equal(page.status, 200);
  assert.match(page.text, /เชียงใหม่/);
  assert.match(page.text, /เมืองเชียงใหม่/);
  const other = await c.get('/areas/56');
  assert.equal(other.status, 403);
  const en = await c.get('/areas/50?lang=en');
  assert.match(en.text, /<html lang="en"/);
  assert.match(en.text, /Chiang Mai/);
  const evil = await c.post('/login', { form: { username: 'cmo', password: PW.cmo, csrf, next: '//evil.example/' } });
  assert.equal(evil.headers.get('location'), '/');
});

test('every response carries the security headers', async () => {
  const r = await new Client(srv.url).get('/login');
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.match(r.headers.get('content-security-policy'), /default-src 'self'/);
  assert.equal(r.headers.get('x-frame-options'), 'DENY');
});
