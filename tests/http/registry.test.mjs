// HTTP tests of the registry API: people in and out, access by area and
// role, sensitive needs hidden and their views audited, bad input refused
// with field-level errors and nothing written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshDb, sawat, startServer, Client } from './lib.mjs';

const PW = { cmo: 'chiangmai-pass-1', pyo: 'phayao-pass-123', vol: 'volunteer-pass-1' };
let env, srv;
const tok = {};

before(async () => {
  env = freshDb();
  sawat(env.db, ['init']);
  sawat(env.db, ['user', 'add', 'cmo', '--role', 'province_officer', '--area', '50', '--password-stdin'], PW.cmo + '\n');
  sawat(env.db, ['user', 'add', 'pyo', '--role', 'province_officer', '--area', '56', '--password-stdin'], PW.pyo + '\n');
  sawat(env.db, ['user', 'add', 'vol', '--role', 'volunteer', '--area', '500101', '--password-stdin'], PW.vol + '\n');
  srv = await startServer(env.db);
  for (const u of Object.keys(PW)) {
    const r = await new Client(srv.url).post('/api/v1/login', { json: { username: u, password: PW[u] } });
    tok[u] = { Authorization: `Bearer ${r.json.token}` };
  }
});

after(async () => { await srv?.stop(); env?.cleanup(); });

const api = (who, method, path, json) => new Client(srv.url).req(method, path, { json, headers: tok[who] });

let id;

test('add a person with a B.E. birth date; read it back', async () => {
  const r = await api('cmo', 'POST', '/api/v1/persons', {
    national_id: '1-1017-00123-45-6', title: 'นาง', given_name: 'สมศรี', family_name: 'ใจดี', sex: 'F',
    birth_date: '5/1/2498', area: '500101', house_no: '12/3', reg_status: 'house', nationality: 'TH',
  });
  assert.equal(r.status, 201, r.text);
  id = r.json.id;
  const g = await api('cmo', 'GET', `/api/v1/persons/${id}`);
  assert.equal(g.json.birth_date, '1955-01-05');
  assert.equal(g.json.national_id, '1101700123456');
  assert.ok(g.json.age >= 71);
  assert.deepEqual(g.json.target_groups, ['elderly']);
});

test('bad input: field-level errors, nothing written', async () => {
  const before = (await api('cmo', 'GET', '/api/v1/persons?limit=500')).json.items.length;
  const cases = [
    [{ national_id: '1101700123455', given_name: 'ก', sex: 'F', area: '500101' }, 'national_id'],
    [{ given_name: 'ก', sex: 'F', area: '500101', birth_date: '31/4/2568' }, 'birth_date'],
    [{ given_name: 'ก', sex: 'F', area: '509999' }, 'area'],
    [{ given_name: '', sex: 'F', area: '500101' }, 'given_name'],
    [{ given_name: 'ก', sex: 'Q', area: '500101' }, 'sex'],
  ];
  for (const [body, field] of cases) {
    const r = await api('cmo', 'POST', '/api/v1/persons', body);
    assert.equal(r.status, 400, `${field}: ${r.text}`);
    assert.equal(r.json.field, field);
    assert.ok(r.json.detail_th && r.json.detail_en);
  }
  const dup = await api('cmo', 'POST', '/api/v1/persons', { national_id: '1101700123456', given_name: 'ซ้ำ', sex: 'F', area: '500101' });
  assert.equal(dup.status, 409);
  const after = (await api('cmo', 'GET', '/api/v1/persons?limit=500')).json.items.length;
  assert.equal(after, before);
});

test('search by partial Thai name with spaces and by ID with dashes', async () => {
  const byName = await api('cmo', 'GET', '/api/v1/persons?q=' + encodeURIComponent('ศรี ใจ'));
  assert.deepEqual(byName.json.items.map((p) => p.id), [id]);
  const byId = await api('vol', 'GET', '/api/v1/persons?q=1-1017-00123-45-6');
  assert.deepEqual(byId.json.items.map((p) => p.id), [id]);
  const other = await api('pyo', 'GET', '/api/v1/persons?q=1101700123456');
  assert.deepEqual(other.json.items, [], 'another province finds nothing');
  assert.equal((await api('pyo', 'GET', `/api/v1/persons/${id}`)).status, 403);
  assert.equal((await api('pyo', 'GET', '/api/v1/persons?area=50')).status, 403);
});

test('a disability is hidden from a volunteer and its views are audited', async () => {
  const n = await api('vol', 'POST', `/api/v1/persons/${id}/needs`, { kind: 'disability', observed_on: '1/10/2569', disability_type: 'visual', source: 'visit' });
  assert.equal(n.status, 201, n.text);
  const v = await api('vol', 'GET', `/api/v1/persons/${id}`);
  assert.equal(v.json.hidden_needs, 1);
  assert.deepEqual(v.json.needs, []);
  assert.ok(!JSON.stringify(await api('vol', 'GET', `/api/v1/persons/${id}/history`)).includes('visual'));
  const o = await api('cmo', 'GET', `/api/v1/persons/${id}`);
  assert.equal(o.json.needs[0].kind, 'disability');
  assert.equal(o.json.needs[0].without_card, true);
  assert.deepEqual(o.json.target_groups, ['elderly', 'disadvantaged']);
  const h = await api('cmo', 'GET', `/api/v1/persons/${id}/history`);
  assert.equal(h.json.items[0].action, 'view_sensitive');
  assert.equal(h.json.items[0].actor, 'cmo');
  const exp = await api('vol', 'GET', `/api/v1/persons/${id}/export`);
  assert.equal(exp.status, 200);
  assert.match(exp.headers.get('content-disposition'), /attachment/);
  assert.equal(exp.json.sensitive_entries_withheld, 1);
});

test('death, households and consent', async () => {
  const hh = await api('cmo', 'POST', '/api/v1/households', { area: '500101', house_no: '12/3', monthly_income: 950000 });
  assert.equal(hh.status, 201);
  assert.equal((await api('cmo', 'POST', `/api/v1/households/${hh.json.id}/members`, { person_id: id, relation: 'head' })).status, 200);
  const g = await api('cmo', 'GET', `/api/v1/households/${hh.json.id}`);
  assert.equal(g.json.head_person_id, id);
  assert.equal(g.json.members.length, 1);
  const c = await api('cmo', 'POST', `/api/v1/persons/${id}/consents`, { purpose: 'welfare_registry', basis: 'public_task', given_on: '2026-01-01' });
  assert.equal(c.status, 201);
  assert.equal((await api('cmo', 'POST', `/api/v1/persons/${id}/death`, { death_date: '1/1/2580' })).status, 400);
  assert.equal((await api('cmo', 'POST', `/api/v1/persons/${id}/death`, { death_date: '1/11/2569' })).status, 200);
  const p = await api('cmo', 'GET', `/api/v1/persons/${id}`);
  assert.equal(p.json.death_date, '2026-11-01');
  assert.equal(p.json.alive, false);
  assert.deepEqual(p.json.target_groups, []);
  const audit = await api('cmo', 'GET', '/api/v1/audit/verify');
  assert.equal(audit.json.ok, true);
});

test('web: a person joins an existing household from their own page', async () => {
  const c = new Client(srv.url);
  const form = await c.get('/login');
  const loginCsrf = form.text.match(/name="csrf" value="([0-9a-f]{32})"/)[1];
  assert.equal((await c.post('/login', { form: { username: 'cmo', password: PW.cmo, csrf: loginCsrf } })).status, 303);
  const p = await api('cmo', 'POST', '/api/v1/persons', { given_name: 'มานี', family_name: 'ใจดี', sex: 'F', birth_date: '2000-02-02', area: '500101' });
  const hh = await api('cmo', 'POST', '/api/v1/households', { area: '500101', house_no: '7' });
  const page = await c.get(`/persons/${p.json.id}`);
  assert.match(page.text, /action="\/persons\/\d+\/household"/);
  const csrf = page.text.match(/name="csrf" value="([0-9a-f]{32})"/)[1];
  const bad = await c.post(`/persons/${p.json.id}/household`, { form: { csrf, household_id: '999999', relation: 'child' } });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /role="alert"/);
  const ok = await c.post(`/persons/${p.json.id}/household`, { form: { csrf, household_id: String(hh.json.id), relation: 'child' } });
  assert.equal(ok.status, 303);
  assert.match(ok.headers.get('location'), /#household$/);
  const g = await api('cmo', 'GET', `/api/v1/households/${hh.json.id}`);
  assert.deepEqual(g.json.members.map((m) => m.id), [p.json.id]);
  assert.equal(g.json.members[0].relation, 'child');
});
