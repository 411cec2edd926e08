// HTTP tests of coverage by area and target group (GET /api/v1/coverage),
// on SQLite and PostgreSQL: the rows of every level add up to their total,
// every total is what GET /api/v1/gaps says for the same area, the target
// groups add up over the age groups, every state program together, access
// by scope, small cells hidden from roles without sensitive data, input
// errors, and outreach cases filtered by volunteer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshDb, sawat, startServer, Client } from './lib.mjs';

const PW = { off: 'officer-pass-12', dist: 'district-pass-1', pyo: 'phayao-pass-123', vol: 'volunteer-pass-1',
  nat: 'national-pass-1', aud: 'auditor-pass-12' };
const ON = '2026-10-01';
const KEYS = ['people', 'eligible', 'enrolled', 'enrolled_not_eligible', 'reached', 'gaps', 'never_applied', 'pending',
  'no_card', 'no_registration', 'no_status'];
let env, srv, oldAge, disability;
const programs = {};
const tok = {};

function thid(first12) {
  let s = 0;
  for (let i = 0; i < 12; i++) s += Number(first12[i]) * (13 - i);
  return first12 + ((11 - (s % 11)) % 10);
}

const api = (who, method, path, json) =>
  new Client(srv.url).req(method, path, { json, headers: tok[who] });

async function person(given, birth, area, extra = {}) {
  const p = await api('nat', 'POST', '/api/v1/persons', { given_name: given, family_name: 'ครอบคลุม', sex: 'F',
    birth_date: birth, area, reg_status: 'house', nationality: 'TH', ...extra });
  assert.equal(p.status, 201, p.text);
  const h = await api('nat', 'POST', '/api/v1/households', { area, house_no: '3', monthly_income: 300000 });
  assert.equal(h.status, 201, h.text);
  const j = await api('nat', 'POST', `/api/v1/households/${h.json.id}/members`, { person_id: p.json.id, relation: 'head' });
  assert.ok(j.status < 300, j.text);
  return p.json.id;
}

before(async () => {
  env = freshDb();
  sawat(env.db, ['init']);
  sawat(env.db, ['user', 'add', 'off', '--role', 'local_officer', '--area', '500101', '--password-stdin'], PW.off + '\n');
  sawat(env.db, ['user', 'add', 'dist', '--role', 'district_officer', '--area', '5001', '--password-stdin'], PW.dist + '\n');
  sawat(env.db, ['user', 'add', 'pyo', '--role', 'province_officer', '--area', '56', '--password-stdin'], PW.pyo + '\n');
  sawat(env.db, ['user', 'add', 'vol', '--role', 'volunteer', '--area', '500101', '--password-stdin'], PW.vol + '\n');
  sawat(env.db, ['user', 'add', 'nat', '--role', 'national_admin', '--area', 'TH', '--password-stdin'], PW.nat + '\n');
  sawat(env.db, ['user', 'add', 'aud', '--role', 'auditor', '--area', '50', '--password-stdin'], PW.aud + '\n');
  srv = await startServer(env.db);
  for (const u of Object.keys(PW)) {
    const r = await new Client(srv.url).post('/api/v1/login', { json: { username: u, password: PW[u] } });
    tok[u] = { Authorization: `Bearer ${r.json.token}` };
  }
  for (const p of (await api('nat', 'GET', '/api/v1/programs')).json.items) programs[p.code] = p.id;
  oldAge = programs.old_age;
  disability = programs.disability;
  // 500101: two elders missing out, one receiving, a disabled person with no
  // card; 500102: an elder waiting; Bangkok: an elder receiving.
  await person('ยังไม่ยื่นหนึ่ง', '1950-01-01', '500101', { national_id: thid('350100001001') });
  await person('ยังไม่ยื่นสอง', '1952-05-05', '500101');
  const got = await person('ได้รับแล้ว', '1945-01-01', '500101');
  const dis = await person('ไม่มีบัตร', '1986-01-01', '500101');
  const wait = await person('รอตรวจ', '1948-01-01', '500102');
  const bkk = await person('กรุงเทพ', '1947-01-01', '100101');
  const n = await api('nat', 'POST', `/api/v1/persons/${dis}/needs`, { kind: 'disability', observed_on: '2025-01-10', source: 'visit', disability_type: 'physical' });
  assert.equal(n.status, 201, n.text);
  const docs = ['id_card', 'house_registration', 'bank_book'];
  for (const [p, office] of [[got, '500101'], [bkk, '100101']]) {
    const a = await api('nat', 'POST', '/api/v1/enrolments', { program_id: oldAge, person_id: p, office, applied_on: '2026-01-05', documents: docs });
    assert.equal(a.status, 201, a.text);
    for (const step of ['verify', 'approve'])
      assert.equal((await api('nat', 'POST', `/api/v1/enrolments/${a.json.id}/${step}`, { date: '2026-01-06' })).status, 200);
  }
  assert.equal((await api('nat', 'POST', '/api/v1/enrolments', { program_id: oldAge, person_id: wait, office: '500102', applied_on: '2026-01-05' })).status, 201);
});

after(async () => { await srv?.stop(); env?.cleanup(); });

const coverage = async (who, query) => {
  const r = await api(who, 'GET', `/api/v1/coverage?${query}`);
  assert.equal(r.status, 200, r.text);
  return r.json;
};

function sum(list) {
  const s = {};
  for (const k of KEYS) s[k] = list.reduce((a, x) => a + x[k], 0);
  return s;
}
const pick = (o) => Object.fromEntries(KEYS.map((k) => [k, o[k]]));

test('rows add up to the total, and each total is the gap analysis of its area', async () => {
  for (const area of ['50', '5001', '500101', '500102']) {
    const c = await coverage('nat', `program=${oldAge}&area=${area}&on=${ON}`);
    const g = await api('nat', 'GET', `/api/v1/gaps?program=${oldAge}&area=${area}&on=${ON}&limit=1`);
    assert.equal(g.status, 200, g.text);
    for (const k of Object.keys(g.json.coverage)) assert.equal(c.total[k], g.json.coverage[k], `${area} ${k}`);
    if (c.rows.length) assert.deepEqual(sum(c.rows), pick(c.total), `${area}: rows`);
    const ages = c.groups.filter((x) => x.group !== 'disadvantaged');
    assert.deepEqual(sum(ages), pick(c.total), `${area}: age groups`);
    assert.equal(c.groups_partial, false);
    // Each child area's row is the gap analysis of that area.
    for (const row of c.rows.filter((r) => r.people > 0 && r.code !== area)) {
      const gr = await api('nat', 'GET', `/api/v1/gaps?program=${oldAge}&area=${row.code}&on=${ON}&limit=1`);
      assert.deepEqual(pick(row), pick({ ...gr.json.coverage, reached: gr.json.coverage.enrolled - gr.json.coverage.enrolled_not_eligible }), row.code);
    }
  }
  const t = await coverage('nat', `program=${oldAge}&area=500101&on=${ON}`);
  assert.equal(t.area.name_th, 'ศรีภูมิ');
  assert.equal(t.on, ON);
  assert.equal(t.program, oldAge);
  assert.equal(t.total.enrolled, 1);
  assert.equal(t.total.gaps, 2);
  assert.equal(t.total.rate, 333, 'one of three, in tenths of a percent');
  const elderly = t.groups.find((x) => x.group === 'elderly');
  assert.equal(elderly.eligible, 3);
  assert.equal(elderly.gaps, 2);
  assert.equal(t.groups.find((x) => x.group === 'working_age').rate, null, 'no one entitled');
});

test('the nation lists every province; every state program together counts pairs', async () => {
  const nation = await coverage('nat', `program=${oldAge}&area=TH&on=${ON}`);
  assert.equal(nation.rows.length, 77);
  assert.equal(nation.rows.find((r) => r.code === '10').rate, 1000);
  assert.equal(nation.rows.find((r) => r.code === '50').rate, 250, 'one of four in Chiang Mai');
  assert.equal(nation.rows.find((r) => r.code === '56').people, 0);
  assert.equal(nation.rows.find((r) => r.code === '56').rate, null);
  assert.equal(nation.total.reached, 2);
  const all = await coverage('nat', `area=5001&on=${ON}`);
  assert.equal(all.program, null);
  assert.equal(all.programs.length, 3);
  const parts = [];
  for (const code of ['old_age', 'disability', 'child_support'])
    parts.push((await coverage('nat', `program=${programs[code]}&area=5001&on=${ON}`)).total);
  assert.deepEqual(pick(all.total), sum(parts));
  const dis = await coverage('nat', `program=${disability}&area=5001&on=${ON}`);
  assert.equal(dis.total.no_card, 1);
  assert.equal(dis.groups.find((x) => x.group === 'disadvantaged').no_card, 1);
});

test('scope: a user sees their own area and below, by default their own', async () => {
  const own = await coverage('off', `program=${oldAge}`);
  assert.equal(own.area.code, '500101');
  assert.equal((await api('off', 'GET', `/api/v1/coverage?program=${oldAge}&area=5001`)).status, 403);
  assert.equal((await api('pyo', 'GET', `/api/v1/coverage?program=${oldAge}&area=50`)).status, 403);
  assert.equal((await api('dist', 'GET', `/api/v1/coverage?program=${oldAge}&area=TH`)).status, 403);
  assert.equal((await api('dist', 'GET', `/api/v1/coverage?program=${oldAge}&area=5001`)).status, 200);
  assert.equal((await new Client(srv.url).get('/api/v1/coverage')).status, 401);
});

test('bad input is refused with the field at fault', async () => {
  const bad = async (query, status, field) => {
    const r = await api('nat', 'GET', `/api/v1/coverage?${query}`);
    assert.equal(r.status, status, `${query}: ${r.text}`);
    if (field) assert.equal(r.json.field, field);
  };
  await bad('program=abc&area=50', 400, 'program');
  await bad(`program=${oldAge}&area=5x`, 400, 'code');
  await bad(`program=${oldAge}&area=50&on=31/02/2569`, 400, 'on');
  await bad('program=99999&area=50', 404);
  await bad(`program=${oldAge}&area=5098`, 404);
  const be = await coverage('nat', `program=${oldAge}&area=5001&on=1/10/2569`);
  assert.equal(be.on, ON, 'B.E. dates are read');
});

test('roles without sensitive data see small disadvantaged counts hidden', async () => {
  const a = await coverage('aud', `program=${disability}&area=5001&on=${ON}`);
  assert.equal(a.suppressed, true);
  const d = a.groups.find((x) => x.group === 'disadvantaged');
  assert.equal(d.people, null);
  assert.equal(d.rate, null);
  assert.equal(a.groups.find((x) => x.group === 'working_age').people >= 1, true);
  const n = await coverage('nat', `program=${disability}&area=5001&on=${ON}`);
  assert.equal(n.suppressed, false);
  assert.equal(n.groups.find((x) => x.group === 'disadvantaged').people, 1);
});

test('outreach cases are listed by the volunteer they are assigned to', async () => {
  const c = await api('off', 'POST', '/api/v1/outreach', { program_id: oldAge, area: '500101' });
  assert.equal(c.status, 201, c.text);
  assert.equal(c.json.created, 2);
  const open = (await api('off', 'GET', `/api/v1/outreach?area=500101&program=${oldAge}&status=open`)).json.items;
  assert.equal(open.length, 2);
  assert.equal((await api('off', 'POST', `/api/v1/outreach/${open[0].id}/assign`, { volunteer: 'vol' })).status, 200);
  const mine = await api('vol', 'GET', '/api/v1/outreach?volunteer=vol');
  assert.equal(mine.status, 200, mine.text);
  assert.deepEqual(mine.json.items.map((k) => k.id), [open[0].id]);
  assert.equal((await api('off', 'GET', '/api/v1/outreach?volunteer=nobody')).json.items.length, 0);
  // The visit closes the case; the tambon's gap shrinks and the person counts as declined.
  assert.equal((await api('vol', 'POST', `/api/v1/outreach/${open[0].id}/visit`, { outcome: 'not_interested' })).status, 200);
  const t = await coverage('off', `program=${oldAge}&area=500101&on=${ON}`);
  assert.equal(t.total.gaps, 1);
  assert.equal(t.total.declined, 1);
  assert.equal(t.groups.find((x) => x.group === 'elderly').eligible, 3, 'who declined is still eligible');
});
