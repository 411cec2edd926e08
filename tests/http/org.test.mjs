// HTTP tests of the civil-society network, on SQLite and PostgreSQL:
// organisations with their certificate rules, members, contacts and
// activities; who may write (a province officer of another province is
// refused, a volunteer cannot write, a fund committee keeps community welfare
// organisations of its tambon); volunteers and their villages; networks and
// their reach; the report as JSON and .xlsx; and the web pages and forms.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshDb, sawat, startServer, Client } from './lib.mjs';

const PW = {
  pyo: 'phayao-pass-123', crai: 'chiangrai-pass-1', loc: 'local-pass-1234', vol: 'volunteer-pass-1',
  tre: 'treasurer-pass-1', nat: 'national-pass-1', aud: 'auditor-pass-12',
};
const ROLE = {
  pyo: ['province_officer', '56'], crai: ['province_officer', '57'], loc: ['local_officer', '560101'],
  vol: ['volunteer', '56010101'], tre: ['fund_committee', '560101'], nat: ['national_admin', 'TH'],
  aud: ['auditor', '56'],
};
let env, srv, youth, person1, person2, personCr, prov, tam;
const tok = {};

before(async () => {
  env = freshDb();
  sawat(env.db, ['init']);
  sawat(env.db, ['area', 'add-village', '560101', 'บ้านเวียง', '--moo', '1']);
  sawat(env.db, ['area', 'add-village', '560101', 'บ้านสันป่าม่วง', '--moo', '2']);
  for (const u of Object.keys(PW))
    sawat(env.db, ['user', 'add', u, '--role', ROLE[u][0], '--area', ROLE[u][1], '--password-stdin'], PW[u] + '\n');
  srv = await startServer(env.db);
  for (const u of Object.keys(PW)) {
    const r = await new Client(srv.url).post('/api/v1/login', { json: { username: u, password: PW[u] } });
    tok[u] = { Authorization: `Bearer ${r.json.token}` };
  }
  const add = async (given, area) => {
    const r = await api('nat', 'POST', '/api/v1/persons', { given_name: given, family_name: 'ใจดี', sex: 'F', birth_date: '1975-02-03', area, reg_status: 'house', nationality: 'TH' });
    assert.equal(r.status, 201, r.text);
    return r.json.id;
  };
  person1 = await add('สมศรี', '56010101');
  person2 = await add('บุญมี', '56010102');
  personCr = await add('แสงเดือน', '570101');
});

after(async () => { await srv?.stop(); env?.cleanup(); });

const api = (who, method, path, json) => new Client(srv.url).req(method, path, { json, headers: tok[who] });

test('organisations: validation, certificate rules and area access', async () => {
  const body = { kind: 'public_benefit', name_th: 'มูลนิธิเด็กพะเยา', area: '56', founded_on: '1/3/2552' };
  let r = await api('pyo', 'POST', '/api/v1/orgs', body);
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.field, 'cert_no');
  r = await api('pyo', 'POST', '/api/v1/orgs', { ...body, cert_no: 'พย 0003/2555', cert_date: '20/8/2555' });
  assert.equal(r.status, 201, r.text);
  const found = r.json.id;
  r = await api('pyo', 'POST', '/api/v1/orgs', { kind: 'club', name_th: 'x', area: '560101' });
  assert.equal(r.json.field, 'kind');
  r = await api('pyo', 'POST', '/api/v1/orgs', { kind: 'youth_council', name_th: 'สภาเด็กและเยาวชนตำบลเวียง', area: '560101', founded_on: '2015-08-12', email: 'youth@example.org' });
  assert.equal(r.status, 201, r.text);
  youth = r.json.id;
  // Another province's officer is refused; so are volunteers and auditors.
  assert.equal((await api('crai', 'GET', `/api/v1/orgs/${youth}`)).status, 403);
  assert.equal((await api('crai', 'POST', '/api/v1/orgs', { kind: 'women', name_th: 'กลุ่มสตรี', area: '560101' })).status, 403);
  assert.equal((await api('vol', 'POST', '/api/v1/orgs', { kind: 'women', name_th: 'กลุ่มสตรี', area: '56010101' })).status, 403);
  assert.equal((await api('aud', 'PUT', `/api/v1/orgs/${youth}`, { kind: 'youth_council', name_th: 'x' })).status, 403);
  // A fund committee keeps the community welfare organisation of its tambon.
  assert.equal((await api('tre', 'POST', '/api/v1/orgs', { kind: 'elderly_club', name_th: 'ชมรมผู้สูงอายุ', area: '560101' })).status, 403);
  r = await api('tre', 'POST', '/api/v1/orgs', { kind: 'community_welfare', name_th: 'องค์กรสวัสดิการชุมชนตำบลเวียง', area: '560101' });
  assert.equal(r.status, 201, r.text);
  r = await api('pyo', 'GET', `/api/v1/orgs/${found}`);
  assert.equal(r.json.cert_date, '2012-08-20');
  assert.equal(r.json.may_apply_grant, true);
  r = await api('loc', 'GET', '/api/v1/orgs?kind=youth_council');
  assert.deepEqual(r.json.items.map((o) => o.id), [youth]);
  r = await api('pyo', 'GET', '/api/v1/orgs?q=' + encodeURIComponent('เวียง'));
  assert.equal(r.json.items.length, 2);
  r = await api('pyo', 'PUT', `/api/v1/orgs/${youth}`, { kind: 'youth_council', name_th: 'สภาเด็กและเยาวชนตำบลเวียง', phone: '054 411 222', founded_on: '2015-08-12' });
  assert.equal(r.status, 200, r.text);
});

test('members, contacts and activities', async () => {
  let r = await api('loc', 'POST', `/api/v1/orgs/${youth}/members`, { person_id: person1, role: 'chair', since: '2016-01-01' });
  assert.equal(r.status, 201, r.text);
  const m1 = r.json.id;
  r = await api('loc', 'POST', `/api/v1/orgs/${youth}/members`, { person_id: person1, role: 'member', since: '2016-01-01' });
  assert.equal(r.status, 409);
  r = await api('loc', 'POST', `/api/v1/orgs/${youth}/members`, { person_id: personCr, role: 'member', since: '2016-01-01' });
  assert.equal(r.status, 403);
  r = await api('vol', 'POST', `/api/v1/orgs/${youth}/members`, { person_id: person2, role: 'member', since: '2016-01-01' });
  assert.equal(r.status, 403);
  r = await api('loc', 'POST', `/api/v1/orgs/${youth}/members`, { person_id: person2, role: 'secretary', since: '1/2/2560' });
  assert.equal(r.status, 201, r.text);
  r = await api('loc', 'POST', `/api/v1/org-members/${m1}/end`, { until: '2026-01-01' });
  assert.equal(r.status, 200, r.text);
  r = await api('aud', 'GET', `/api/v1/orgs/${youth}/members?all=1`);
  assert.equal(r.json.items.length, 2);
  r = await api('loc', 'POST', `/api/v1/orgs/${youth}/contacts`, { name: 'กานดา ใจงาม', position: 'ประธาน' });
  assert.equal(r.status, 400);
  assert.equal(r.json.field, 'phone');
  r = await api('loc', 'POST', `/api/v1/orgs/${youth}/contacts`, { name: 'กานดา ใจงาม', position: 'ประธาน', phone: '089 555 0101' });
  assert.equal(r.status, 201, r.text);
  r = await api('loc', 'POST', `/api/v1/orgs/${youth}/activities`, { title: 'ค่ายเยาวชน', held_on: '5/11/2569', participants: 42 });
  assert.equal(r.status, 201, r.text);
  r = await api('loc', 'POST', `/api/v1/orgs/${youth}/activities`, { title: 'ค่าย', held_on: '2026-01-01', participants: -3 });
  assert.equal(r.json.field, 'participants');
  r = await api('aud', 'GET', `/api/v1/orgs/${youth}`);
  assert.equal(r.json.contacts.length, 1);
  assert.equal(r.json.activities[0].held_on, '2026-11-05');
  assert.equal(r.json.member_list.items.length, 1);
  assert.equal(r.json.members, 1);
});

test('volunteers and their villages', async () => {
  let r = await api('vol', 'POST', '/api/v1/volunteers', { person_id: person1, area: '560101', registered_on: '2022-10-01' });
  assert.equal(r.status, 403);
  r = await api('loc', 'POST', '/api/v1/volunteers', { person_id: person1, area: '560101', registered_on: '2022-10-01', username: 'loc' });
  assert.equal(r.json.field, 'username');
  r = await api('loc', 'POST', '/api/v1/volunteers', { person_id: person1, area: '560101', registered_on: '1/10/2565', username: 'vol' });
  assert.equal(r.status, 201, r.text);
  const v = r.json.id;
  r = await api('loc', 'POST', `/api/v1/volunteers/${v}/assignments`, { area: '56010101', since: '2022-10-01' });
  assert.equal(r.status, 201, r.text);
  r = await api('loc', 'POST', `/api/v1/volunteers/${v}/assignments`, { area: '56010101', since: '2022-10-01' });
  assert.equal(r.status, 409);
  r = await api('loc', 'POST', `/api/v1/volunteers/${v}/assignments`, { area: '56010201', since: '2022-10-01' });
  assert.equal(r.status, 400);
  r = await api('vol', 'POST', `/api/v1/volunteers/${v}/assignments`, { area: '56010102', since: '2022-10-01' });
  assert.equal(r.status, 403);
  r = await api('vol', 'GET', `/api/v1/volunteers/${v}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.assignment_list.length, 1);
  r = await api('pyo', 'GET', '/api/v1/volunteers?status=active');
  assert.equal(r.json.items.length, 1);
  assert.equal(r.json.items[0].assignments, 1);
  assert.equal((await api('crai', 'GET', '/api/v1/volunteers?area=56')).status, 403);
});

test('networks and their reach', async () => {
  let r = await api('pyo', 'POST', '/api/v1/networks', { level: 'cluster', area: 'C16', name: 'เครือข่ายกลุ่มจังหวัด' });
  assert.equal(r.status, 403);
  r = await api('pyo', 'POST', '/api/v1/networks', { level: 'province', area: '56', name: 'เครือข่ายสวัสดิการจังหวัดพะเยา' });
  assert.equal(r.status, 201, r.text);
  prov = r.json.id;
  r = await api('loc', 'POST', '/api/v1/networks', { level: 'tambon', area: '560201', name: 'x', parent_id: prov });
  assert.equal(r.status, 403);
  r = await api('loc', 'POST', '/api/v1/networks', { level: 'tambon', area: '560101', name: 'เครือข่ายตำบลเวียง', parent_id: prov });
  assert.equal(r.status, 201, r.text);
  tam = r.json.id;
  r = await api('loc', 'POST', `/api/v1/networks/${tam}/orgs`, { org_id: youth, joined_on: '2020-01-01' });
  assert.equal(r.status, 201, r.text);
  r = await api('pyo', 'POST', `/api/v1/networks/${prov}/people`, { person_id: person2, role: 'coordinator', joined_on: '2020-01-01' });
  assert.equal(r.status, 201, r.text);
  r = await api('crai', 'POST', `/api/v1/networks/${prov}/people`, { person_id: personCr, role: 'member', joined_on: '2020-01-01' });
  assert.equal(r.status, 403);
  r = await api('aud', 'GET', `/api/v1/networks/${prov}`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.reach, { networks: 2, orgs: 1, people: 1, districts: 1, provinces: 1 });
  assert.equal(r.json.children.length, 1);
  r = await api('loc', 'GET', `/api/v1/orgs/${youth}`);
  assert.deepEqual(r.json.networks.map((n) => n.id), [tam]);
  r = await api('loc', 'POST', `/api/v1/networks/${tam}/leave`, { org_id: youth, date: '2026-01-01' });
  assert.equal(r.status, 200, r.text);
  r = await api('pyo', 'GET', `/api/v1/networks/${prov}`);
  assert.equal(r.json.reach.orgs, 0);
  r = await api('loc', 'GET', '/api/v1/networks');
  assert.deepEqual(r.json.items.map((n) => n.id), [tam]);
});

test('the report by kind and area, as JSON and .xlsx', async () => {
  let r = await api('pyo', 'GET', '/api/v1/orgs/report?area=56');
  assert.equal(r.status, 200, r.text);
  const mueang = r.json.rows.find((x) => x.area === '5601');
  assert.equal(mueang.orgs.youth_council, 1);
  assert.equal(mueang.orgs.community_welfare, 1);
  assert.equal(mueang.members.youth_council, 1);
  assert.equal(r.json.total.orgs_total, 3);
  assert.equal(r.json.total.volunteers, 1);
  assert.equal((await api('crai', 'GET', '/api/v1/orgs/report?area=56')).status, 403);
  r = await api('nat', 'GET', '/api/v1/orgs/report?by=region');
  assert.deepEqual(r.json.rows.map((x) => x.area), ['north']);
  const x = await fetch(srv.url + '/api/v1/orgs/report.xlsx?area=56', { headers: tok.pyo });
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-type'), /spreadsheetml/);
  const bytes = Buffer.from(await x.arrayBuffer());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK');
});

test('web pages: list, organisation, forms with field errors, report, volunteers, networks', async () => {
  const c = new Client(srv.url);
  await c.post('/api/v1/login', { json: { username: 'pyo', password: PW.pyo } });
  let r = await c.get('/orgs');
  assert.equal(r.status, 200);
  assert.match(r.text, /สภาเด็กและเยาวชนตำบลเวียง/);
  const csrf = r.text.match(/name="csrf" value="([0-9a-f]{32})"/)[1];
  r = await c.post('/orgs', { form: { csrf, kind: 'public_benefit', name_th: 'มูลนิธิใหม่', area: '5601' } });
  assert.equal(r.status, 400);
  assert.match(r.text, /id="o_cert-err"/);
  assert.match(r.text, /value="มูลนิธิใหม่"/);
  r = await c.post('/orgs', { form: { csrf, kind: 'elderly_club', name_th: 'ชมรมผู้สูงอายุอำเภอเมือง', area: '5601', founded_on: '13/4/2549' } });
  assert.equal(r.status, 303, r.text);
  const page = r.headers.get('location').split('?')[0];
  r = await c.post(page + '/members', { form: { csrf, person_id: String(person2), role: 'chair', since: '31/2/2560' } });
  assert.equal(r.status, 400);
  assert.match(r.text, /id="m_since-err"/);
  r = await c.post(page + '/members', { form: { csrf, person_id: String(person2), role: 'chair', since: '1/2/2560' } });
  assert.equal(r.status, 303);
  r = await c.get(page);
  assert.match(r.text, /บุญมี ใจดี/);
  assert.match(r.text, /1 ก\.พ\. 2560/);
  for (const p of ['/orgs/report?area=56', '/volunteers', '/networks', `/networks/${prov}`]) {
    r = await c.get(p);
    assert.equal(r.status, 200, p);
  }
  r = await c.get('/orgs/report?area=56');
  assert.match(r.text, /<svg/);
  r = await c.get('/orgs/report.xlsx?area=56');
  assert.equal(r.status, 200);
  const v = new Client(srv.url);
  await v.post('/api/v1/login', { json: { username: 'vol', password: PW.vol } });
  r = await v.get(page);
  assert.equal(r.status, 403);
  r = await v.get('/volunteers');
  assert.match(r.text, /สมศรี ใจดี/);
  assert.doesNotMatch(r.text, /action="\/volunteers\/assign"/);
});
