// HTTP tests of the welfare assembly API, on SQLite and PostgreSQL: a
// provincial assembly with quotas, registrations from two tambons (a
// volunteer for their own tambon), the quota refused with the area and the
// number named, attendance on event days only, a breakout group's proposal
// followed to "adopted" without skipping, the sign-in sheet and summary
// PDFs, the area report and its .xlsx, and access by role and area (a
// province officer manages only their province's events).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshDb, sawat, startServer, Client } from './lib.mjs';

const PW = { pyo: 'phayao-pass-123', cmi: 'chiangmai-pass-1', vol: 'volunteer-pass-1', nat: 'national-pass-1' };
let env, srv, ev, breakout, proposal;
const tok = {};
const people = [];

function thid(first12) {
  let s = 0;
  for (let i = 0; i < 12; i++) s += Number(first12[i]) * (13 - i);
  return first12 + ((11 - (s % 11)) % 10);
}
function iso(offset) {
  const d = new Date(Date.now() + offset * 86400000 + 7 * 3600000);
  return d.toISOString().slice(0, 10);
}

before(async () => {
  env = freshDb();
  sawat(env.db, ['init']);
  sawat(env.db, ['user', 'add', 'pyo', '--role', 'province_officer', '--area', '56', '--password-stdin'], PW.pyo + '\n');
  sawat(env.db, ['user', 'add', 'cmi', '--role', 'province_officer', '--area', '50', '--password-stdin'], PW.cmi + '\n');
  sawat(env.db, ['user', 'add', 'vol', '--role', 'volunteer', '--area', '560102', '--password-stdin'], PW.vol + '\n');
  sawat(env.db, ['user', 'add', 'nat', '--role', 'national_admin', '--area', 'TH', '--password-stdin'], PW.nat + '\n');
  srv = await startServer(env.db);
  for (const u of Object.keys(PW)) {
    const r = await new Client(srv.url).post('/api/v1/login', { json: { username: u, password: PW[u] } });
    tok[u] = { Authorization: `Bearer ${r.json.token}` };
  }
});

after(async () => { await srv?.stop(); env?.cleanup(); });

const api = (who, method, path, json) =>
  new Client(srv.url).req(method, path, { json, headers: tok[who] });

test('a province officer creates an assembly in their province only', async () => {
  const body = { title: 'สมัชชาสวัสดิการสังคมจังหวัดพะเยา', level: 'province', area: '56', starts_on: iso(-3), ends_on: iso(-2), venue: 'หอประชุมจังหวัด', budget: 15000000, organisers: ['สำนักงาน พมจ.พะเยา'] };
  assert.equal((await api('cmi', 'POST', '/api/v1/assemblies', body)).status, 403);
  assert.equal((await api('vol', 'POST', '/api/v1/assemblies', body)).status, 403);
  const bad = await api('pyo', 'POST', '/api/v1/assemblies', { ...body, level: 'tambon' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.field, 'area');
  const r = await api('pyo', 'POST', '/api/v1/assemblies', body);
  assert.equal(r.status, 201, r.text);
  ev = r.json.id;
  assert.equal((await api('cmi', 'GET', `/api/v1/assemblies/${ev}`)).status, 403);
  assert.equal((await api('cmi', 'POST', `/api/v1/assemblies/${ev}/quotas`, { area: '560101', quota: 2 })).status, 403);
  const list = await api('vol', 'GET', '/api/v1/assemblies');
  assert.equal(list.status, 200);
  assert.ok(list.json.items.some((a) => a.id === ev), 'a volunteer sees the provincial assembly');
});

test('registrations from two tambons, within their quotas', async () => {
  for (const [t, n] of [['560101', 3], ['560102', 2]])
    for (let i = 0; i < n; i++) {
      const p = await api('nat', 'POST', '/api/v1/persons', { national_id: thid(`3${t}0030${i}`.slice(0, 12)), given_name: `ผู้แทน${i}`, family_name: 'ตำบล' + t, sex: 'M', birth_date: '1970-01-01', area: t, reg_status: 'house', nationality: 'TH' });
      assert.equal(p.status, 201, p.text);
      people.push({ id: p.json.id, t });
    }
  assert.equal((await api('pyo', 'POST', `/api/v1/assemblies/${ev}/quotas`, { area: '560101', quota: 2 })).status, 200);
  assert.equal((await api('pyo', 'POST', `/api/v1/assemblies/${ev}/quotas`, { area: '560102', quota: 9 })).status, 200);
  const t1 = people.filter((p) => p.t === '560101');
  const t2 = people.filter((p) => p.t === '560102');
  for (const p of t1.slice(0, 2))
    assert.equal((await api('pyo', 'POST', `/api/v1/assemblies/${ev}/registrations`, { person_id: p.id })).status, 201);
  const over = await api('pyo', 'POST', `/api/v1/assemblies/${ev}/registrations`, { person_id: t1[2].id });
  assert.equal(over.status, 409);
  assert.match(over.json.detail_en, /560101/);
  assert.match(over.json.detail_en, /2 people/);
  assert.match(over.json.detail_th, /2 คน/);
  // A volunteer registers people from their own tambon only.
  assert.equal((await api('vol', 'POST', `/api/v1/assemblies/${ev}/registrations`, { person_id: t2[0].id })).status, 201);
  assert.equal((await api('vol', 'POST', `/api/v1/assemblies/${ev}/registrations`, { person_id: t1[2].id })).status, 403);
  assert.equal((await api('pyo', 'POST', `/api/v1/assemblies/${ev}/registrations`, { person_id: t2[1].id })).status, 201);
  const guest = await api('pyo', 'POST', `/api/v1/assemblies/${ev}/registrations`, { name: 'ดร.สมศักดิ์ วงศ์ใหญ่', organisation: 'มหาวิทยาลัยพะเยา', origin: '560101', role: 'speaker' });
  assert.equal(guest.status, 201, guest.text);
  const g = await api('pyo', 'GET', `/api/v1/assemblies/${ev}`);
  assert.equal(g.json.registrations.length, 5);
  assert.deepEqual(g.json.quotas.map((q) => q.registered), [2, 2]);
  // The volunteer sees only their own tambon's people.
  const v = await api('vol', 'GET', `/api/v1/assemblies/${ev}`);
  assert.equal(v.json.registrations.length, 2);
  assert.equal(v.json.can_manage, false);
});

test('attendance only for registered people on the event days', async () => {
  const g = await api('pyo', 'GET', `/api/v1/assemblies/${ev}`);
  const reg = g.json.registrations[0].id;
  assert.equal((await api('pyo', 'POST', `/api/v1/assemblies/${ev}/attendance`, { registration_id: reg, day: iso(-3) })).status, 200);
  assert.equal((await api('pyo', 'POST', `/api/v1/assemblies/${ev}/attendance`, { registration_id: reg, day: iso(-3) })).status, 200);
  const off = await api('pyo', 'POST', `/api/v1/assemblies/${ev}/attendance`, { registration_id: reg, day: iso(-5) });
  assert.equal(off.status, 400);
  assert.equal(off.json.field, 'day');
  assert.equal((await api('pyo', 'POST', `/api/v1/assemblies/${ev}/attendance`, { registration_id: 999999, day: iso(-3) })).status, 400);
  const after = await api('pyo', 'GET', `/api/v1/assemblies/${ev}`);
  assert.equal(after.json.attended, 1);
  assert.deepEqual(after.json.registrations[0].attended, [iso(-3)]);
});

test('a breakout group proposal is followed to adopted, never skipping', async () => {
  const a = await api('pyo', 'POST', `/api/v1/assemblies/${ev}/agenda`, { kind: 'breakout', title: 'กลุ่มย่อยผู้สูงอายุ', day: iso(-3), starts_at: '13:00', ends_at: '16:00', target_group: 'elderly' });
  assert.equal(a.status, 201, a.text);
  breakout = a.json.id;
  const p = await api('pyo', 'POST', '/api/v1/proposals', { assembly_id: ev, agenda_id: breakout, pillar: 'services', problem: 'ผู้สูงอายุติดเตียงขาดผู้ดูแล', recommendation: 'อบรมผู้ดูแลตำบลละ 10 คน', body: 'องค์การบริหารส่วนจังหวัดพะเยา', endorsements: 40 });
  assert.equal(p.status, 201, p.text);
  proposal = p.json.id;
  const skip = await api('pyo', 'POST', `/api/v1/proposals/${proposal}/steps`, { status: 'adopted', evidence: 'แผน', adopted_into: 'provincial_plan' });
  assert.equal(skip.status, 409);
  assert.match(skip.json.detail_en, /skip/);
  const noev = await api('pyo', 'POST', `/api/v1/proposals/${proposal}/steps`, { status: 'submitted' });
  assert.equal(noev.status, 400);
  assert.equal(noev.json.field, 'evidence');
  assert.equal((await api('vol', 'POST', `/api/v1/proposals/${proposal}/steps`, { status: 'submitted', evidence: 'x' })).status, 403);
  const s = await api('pyo', 'POST', `/api/v1/proposals/${proposal}/steps`, { status: 'submitted', evidence: 'หนังสือ พย 0020/1234', date: iso(-1) });
  assert.equal(s.status, 200, s.text);
  assert.equal(s.json.status, 'submitted');
  assert.equal(s.json.next, 'adopted');
  const ad = await api('pyo', 'POST', `/api/v1/proposals/${proposal}/steps`, { status: 'adopted', evidence: 'แผนพัฒนาจังหวัด 2570 หน้า 12', adopted_into: 'provincial_plan' });
  assert.equal(ad.status, 200, ad.text);
  const g = await api('vol', 'GET', `/api/v1/proposals/${proposal}`);
  assert.equal(g.status, 200);
  assert.equal(g.json.status, 'adopted');
  assert.equal(g.json.target_group, 'elderly');
  assert.equal(g.json.adopted_into, 'provincial_plan');
  assert.deepEqual(g.json.steps.map((x) => x.status), ['proposed', 'submitted', 'adopted']);
  assert.equal(g.json.can_step, false);
  const l = await api('pyo', 'GET', `/api/v1/proposals?assembly=${ev}`);
  assert.equal(l.json.items.length, 1);
});

test('documents: the sign-in sheet, the summary and the report', async () => {
  const s = await new Client(srv.url).req('GET', `/api/v1/assemblies/${ev}/signin.pdf`, { headers: tok.pyo });
  assert.equal(s.status, 200);
  assert.equal(s.headers.get('content-type'), 'application/pdf');
  assert.ok(s.text.startsWith('%PDF'));
  const m = await new Client(srv.url).req('GET', `/api/v1/assemblies/${ev}/summary.pdf?lang=en`, { headers: tok.pyo });
  assert.equal(m.status, 200);
  assert.equal((await api('cmi', 'GET', `/api/v1/assemblies/${ev}/summary.pdf`)).status, 403);
  const year = Number(iso(-3).slice(0, 4));
  const r = await api('pyo', 'GET', `/api/v1/assemblies/report?area=56&year=${year}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.assemblies, 1);
  assert.equal(r.json.proposals, 1);
  assert.equal(r.json.outcomes.adopted, 1);
  assert.equal(r.json.by_target_group.elderly.adopted, 1);
  assert.equal(r.json.by_pillar.services.adopted, 1);
  assert.equal(r.json.registered, 5);
  assert.equal(r.json.children.find((c) => c.area === '5601').registered, 5);
  assert.equal((await api('pyo', 'GET', `/api/v1/assemblies/report?area=50&year=${year}`)).status, 403);
  const north = await api('nat', 'GET', `/api/v1/assemblies/report?area=north&year=${year}`);
  assert.equal(north.status, 200, north.text);
  assert.equal(north.json.proposals, 1);
  assert.ok(north.json.children.some((c) => c.area === '56' && c.registered === 5));
  assert.equal((await api('pyo', 'GET', `/api/v1/assemblies/report?area=north&year=${year}`)).status, 403);
  const th = await api('nat', 'GET', `/api/v1/assemblies/report?area=TH&year=${year}`);
  assert.equal(th.json.regions.find((g) => g.region === 'north').proposals, 1);
  const x = await new Client(srv.url).req('GET', `/api/v1/assemblies/report.xlsx?area=56&year=${year}`, { headers: tok.pyo });
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-type'), /spreadsheetml/);
});

test('two registrations racing for the last place of a quota: exactly one gets it', async () => {
  const r = await api('pyo', 'POST', '/api/v1/assemblies', { title: 'เวทีประชาคมอำเภอเมืองพะเยา', level: 'district', area: '5601', starts_on: iso(-1), ends_on: iso(-1) });
  assert.equal(r.status, 201, r.text);
  const each = await api('pyo', 'POST', `/api/v1/assemblies/${r.json.id}/quotas`, { area: '5601', quota: 9, each: true });
  assert.equal(each.status, 200, each.text);
  assert.equal(each.json.areas, 15);
  assert.equal((await api('pyo', 'POST', `/api/v1/assemblies/${r.json.id}/quotas`, { area: '560102', quota: 1 })).status, 200);
  const t2 = people.filter((p) => p.t === '560102');
  const res = await Promise.all(t2.map((p) => api('pyo', 'POST', `/api/v1/assemblies/${r.json.id}/registrations`, { person_id: p.id })));
  assert.deepEqual(res.map((x) => x.status).sort(), [201, 409]);
  const g = await api('pyo', 'GET', `/api/v1/assemblies/${r.json.id}`);
  assert.equal(g.json.registrations.length, 1);
});

test('a registration is withdrawn with its reason, freeing its place under the quota', async () => {
  const url = `/api/v1/assemblies/${ev}/withdrawals`;
  const g = await api('pyo', 'GET', `/api/v1/assemblies/${ev}`);
  const attended = g.json.registrations.find((r) => r.attended.length > 0);
  const target = g.json.registrations.find((r) => r.person_id && r.origin === '560101' && r.attended.length === 0);
  assert.ok(attended && target);
  const wiang = people.filter((p) => p.t === '560101');
  const late = wiang.find((p) => !g.json.registrations.some((r) => r.person_id === p.id));
  // Wiang's quota of 2 is full.
  assert.equal((await api('pyo', 'POST', `/api/v1/assemblies/${ev}/registrations`, { person_id: late.id })).status, 409);
  const noReason = await api('pyo', 'POST', url, { registration_id: target.id });
  assert.equal(noReason.status, 400);
  assert.equal(noReason.json.field, 'reason');
  assert.equal((await api('cmi', 'POST', url, { registration_id: target.id, reason: 'ย้ายที่อยู่' })).status, 403);
  assert.equal((await api('vol', 'POST', url, { registration_id: target.id, reason: 'ย้ายที่อยู่' })).status, 403);
  assert.equal((await api('pyo', 'POST', url, { registration_id: 999999, reason: 'ย้ายที่อยู่' })).status, 400);
  // Whoever attended stays registered: refused, with the reason in both languages.
  const refused = await api('pyo', 'POST', url, { registration_id: attended.id, reason: 'ไม่ได้มา' });
  assert.equal(refused.status, 409);
  assert.match(refused.json.detail_th, /ถอนการลงทะเบียน.*ไม่ได้.*บันทึกการเข้าร่วมเวทีไว้แล้ว/);
  assert.match(refused.json.detail_en, /cannot be withdrawn: their attendance is recorded/);
  const w = await api('pyo', 'POST', url, { registration_id: target.id, reason: 'ติดภารกิจดูแลมารดาที่ป่วย' });
  assert.equal(w.status, 200, w.text);
  assert.equal(w.json.id, target.id);
  assert.equal(w.json.reason, 'ติดภารกิจดูแลมารดาที่ป่วย');
  assert.equal(w.json.withdrawn_by, 'pyo');
  assert.match(w.json.withdrawn_at, /^\d{4}-\d\d-\d\dT/);
  assert.equal((await api('pyo', 'POST', url, { registration_id: target.id, reason: 'ซ้ำ' })).status, 409);
  const after = await api('pyo', 'GET', `/api/v1/assemblies/${ev}`);
  assert.ok(!after.json.registrations.some((r) => r.id === target.id));
  assert.equal(after.json.registered, g.json.registered - 1);
  assert.equal(after.json.quotas.find((q) => q.area === '560101').registered, 1);
  assert.deepEqual(after.json.withdrawn.map((x) => [x.id, x.reason]), [[target.id, 'ติดภารกิจดูแลมารดาที่ป่วย']]);
  // Another tambon's volunteer does not see Wiang's withdrawal.
  assert.equal((await api('vol', 'GET', `/api/v1/assemblies/${ev}`)).json.withdrawn.length, 0);
  // The freed place goes to someone else; the withdrawn cannot be signed in.
  assert.equal((await api('pyo', 'POST', `/api/v1/assemblies/${ev}/registrations`, { person_id: late.id })).status, 201);
  const sign = await api('pyo', 'POST', `/api/v1/assemblies/${ev}/attendance`, { registration_id: target.id, day: iso(-3) });
  assert.equal(sign.status, 409);
  assert.match(sign.json.detail_en, /withdrawn/);
  // Audited like every assembly write.
  const audit = await api('nat', 'GET', '/api/v1/audit?limit=20');
  assert.ok(audit.json.items.some((a) => a.action === 'withdraw' && a.entity === 'assembly' && a.entity_id === String(ev)), audit.text);
});
