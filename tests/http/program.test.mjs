// HTTP tests of the welfare program API, on SQLite and PostgreSQL: the state
// programs installed by init, an application taken through verification
// and approval with the rules' explanation, a month's roll with arrears,
// approval into the office's books, the bank file and the bank's result,
// the gap list and outreach, and access by role and area.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshDb, sawat, startServer, Client } from './lib.mjs';

const PW = { off: 'officer-pass-12', pyo: 'phayao-pass-123', vol: 'volunteer-pass-1', nat: 'national-pass-1' };
let env, srv, oldAge, person, enrolment, roll;
const tok = {};

function thid(first12) {
  let s = 0;
  for (let i = 0; i < 12; i++) s += Number(first12[i]) * (13 - i);
  return first12 + ((11 - (s % 11)) % 10);
}

before(async () => {
  env = freshDb();
  sawat(env.db, ['init']);
  sawat(env.db, ['user', 'add', 'off', '--role', 'local_officer', '--area', '500101', '--password-stdin'], PW.off + '\n');
  sawat(env.db, ['user', 'add', 'pyo', '--role', 'province_officer', '--area', '56', '--password-stdin'], PW.pyo + '\n');
  sawat(env.db, ['user', 'add', 'vol', '--role', 'volunteer', '--area', '500101', '--password-stdin'], PW.vol + '\n');
  sawat(env.db, ['user', 'add', 'nat', '--role', 'national_admin', '--area', 'TH', '--password-stdin'], PW.nat + '\n');
  srv = await startServer(env.db);
  for (const u of Object.keys(PW)) {
    const r = await new Client(srv.url).post('/api/v1/login', { json: { username: u, password: PW[u] } });
    tok[u] = { Authorization: `Bearer ${r.json.token}` };
  }
});

after(async () => { await srv?.stop(); env?.cleanup(); });

const api = (who, method, path, json, headers = {}) =>
  new Client(srv.url).req(method, path, { json, headers: { ...tok[who], ...headers } });

async function addPerson(given, birth, nid12) {
  const p = await api('off', 'POST', '/api/v1/persons', { national_id: nid12 ? thid(nid12) : undefined, given_name: given, family_name: 'มั่นคง', sex: 'F', birth_date: birth, area: '500101', reg_status: 'house', nationality: 'TH' });
  assert.equal(p.status, 201, p.text);
  const h = await api('off', 'POST', '/api/v1/households', { area: '500101', house_no: '9', monthly_income: 300000 });
  assert.equal(h.status, 201, h.text);
  const j = await api('off', 'POST', `/api/v1/households/${h.json.id}/members`, { person_id: p.json.id, relation: 'head' });
  assert.ok(j.status < 300, j.text);
  return p.json.id;
}

test('the state programs are installed with their rules', async () => {
  const r = await api('vol', 'GET', '/api/v1/programs');
  assert.equal(r.status, 200, r.text);
  const codes = r.json.items.map((p) => p.code).sort();
  assert.deepEqual(codes, ['child_support', 'disability', 'old_age']);
  oldAge = r.json.items.find((p) => p.code === 'old_age').id;
  const g = await api('vol', 'GET', `/api/v1/programs/${oldAge}`);
  assert.equal(g.json.versions.length, 2);
  assert.match(g.json.versions[1].rules, /income_per_person/);
  const bad = await api('nat', 'POST', `/api/v1/programs/${oldAge}/versions`, { effective_from: '2030-01-01', rules: 'require agee >= 60 "x" "x"' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.field, 'rules');
  assert.match(bad.json.detail_en, /line 1/);
  assert.equal((await api('off', 'POST', `/api/v1/programs/${oldAge}/versions`, { effective_from: '2030-01-01', rules: 'require alive "a" "a"' })).status, 403);
});

test('an application is verified and approved, with its reasoning', async () => {
  person = await addPerson('สมหญิง', '1950-03-15', '310100000001');
  const odd = await api('off', 'POST', '/api/v1/enrolments', { program_id: oldAge, person_id: person, office: '500101', applied_on: '10/1/2569', documents: ['passport'] });
  assert.equal(odd.status, 400, 'a document the program does not ask for');
  assert.equal(odd.json.field, 'documents');
  const a = await api('off', 'POST', '/api/v1/enrolments', { program_id: oldAge, person_id: person, office: '500101', applied_on: '10/1/2569', documents: ['id_card'] });
  assert.equal(a.status, 201, a.text);
  enrolment = a.json.id;
  assert.equal((await api('vol', 'POST', `/api/v1/enrolments/${enrolment}/verify`, {})).status, 403);
  assert.equal((await api('off', 'POST', `/api/v1/enrolments/${enrolment}/approve`, {})).status, 409, 'cannot skip verification');
  assert.equal((await api('off', 'POST', `/api/v1/enrolments/${enrolment}/verify`, { date: '2026-01-20' })).json.status, 'verified');
  // Two documents not seen yet: approval waits for them.
  assert.deepEqual((await api('off', 'GET', `/api/v1/enrolments/${enrolment}`)).json.missing_documents, ['house_registration', 'bank_book']);
  const early = await api('off', 'POST', `/api/v1/enrolments/${enrolment}/approve`, { date: '2026-01-25' });
  assert.equal(early.status, 409);
  assert.equal(early.json.field, 'documents');
  assert.match(early.json.detail_en, /house registration/);
  assert.equal((await api('vol', 'POST', `/api/v1/enrolments/${enrolment}/documents`, { documents: ['id_card'] })).status, 403);
  const seen = await api('off', 'POST', `/api/v1/enrolments/${enrolment}/documents`, { documents: ['id_card', 'house_registration', 'bank_book'] });
  assert.equal(seen.status, 200, seen.text);
  assert.deepEqual(seen.json.missing_documents, []);
  const ok = await api('off', 'POST', `/api/v1/enrolments/${enrolment}/approve`, { date: '2026-01-25' });
  assert.equal(ok.json.status, 'active');
  assert.equal(ok.json.active_from, '2026-02-01');
  const g = await api('off', 'GET', `/api/v1/enrolments/${enrolment}?date=2026-06-01`);
  assert.match(g.json.explanation_en, /eligible/);
  assert.match(g.json.explanation_en, /700/);
  assert.match(g.json.explanation_th, /700/);
  assert.equal(g.json.steps.length, 4); /* applied, verified, documents, active */
  // A 45-year-old is refused with the rule's words.
  const young = await addPerson('วัยทำงาน', '1981-01-01');
  const y = await api('off', 'POST', '/api/v1/enrolments', { program_id: oldAge, person_id: young, office: '500101', applied_on: '2026-01-10' });
  const v = await api('off', 'POST', `/api/v1/enrolments/${y.json.id}/verify`, {});
  assert.equal(v.status, 409);
  assert.match(v.json.detail_en, /under 60/);
});

test('a month\'s roll: arrears, approval, the bank file and the bank\'s result', async () => {
  const g = await api('off', 'POST', '/api/v1/payrolls', { office: '500101', month: '2026-04' });
  assert.equal(g.status, 201, g.text);
  roll = g.json.id;
  const again = await api('off', 'POST', '/api/v1/payrolls', { office: '500101', month: '04/2569' });
  assert.equal(again.json.id, roll, 'the same month again changes nothing');
  const r = await api('off', 'GET', `/api/v1/payrolls/${roll}`);
  const line = r.json.items.find((l) => l.person_id === person);
  assert.equal(line.status, 'pay');
  assert.equal(line.amount, 70000);
  assert.equal(line.arrears_months, 2, 'February and March, never rolled');
  assert.equal(line.arrears, 140000);
  assert.equal(r.json.total, 210000);
  assert.equal((await api('off', 'GET', `/api/v1/payrolls/${roll}/export?format=bank`)).status, 409, 'approve first');
  assert.equal((await api('off', 'POST', `/api/v1/payrolls/${roll}/approve`)).json.status, 'approved');
  const bank = await api('off', 'GET', `/api/v1/payrolls/${roll}/export?format=bank`);
  assert.equal(bank.status, 200);
  assert.match(bank.text, new RegExp(`PROMPTPAY\\|${thid('310100000001')}\\|210000`));
  assert.match(bank.text, /^T\|1\|210000$/m);
  const result = `line,national_id,amount,status,reason\n${line.id},${thid('310100000001')},210000,paid,\n`;
  const imp = await new Client(srv.url).req('POST', `/api/v1/payrolls/${roll}/bank-result`, { raw: result, headers: { ...tok.off, 'Content-Type': 'text/csv' } });
  assert.equal(imp.status, 200, imp.text);
  assert.equal(imp.json.paid, 1);
  const imp2 = await new Client(srv.url).req('POST', `/api/v1/payrolls/${roll}/bank-result`, { raw: result, headers: { ...tok.off, 'Content-Type': 'text/csv' } });
  assert.equal(imp2.json.paid, 0);
  assert.equal((await api('off', 'GET', `/api/v1/payrolls/${roll}`)).json.status, 'reconciled');
  assert.equal((await api('pyo', 'GET', `/api/v1/payrolls/${roll}`)).status, 403);
  assert.match(sawat(env.db, ['verify']), /ledger: ok/);
});

test('the gap list becomes outreach, and shrinks as cases close', async () => {
  const missed = await addPerson('ยังไม่ยื่น', '1955-01-01', '310100000005');
  const g = await api('off', 'GET', `/api/v1/gaps?program=${oldAge}&area=500101&on=2026-10-01`);
  assert.equal(g.status, 200, g.text);
  assert.equal(g.json.coverage.enrolled, 1);
  assert.ok(g.json.items.some((i) => i.person_id === missed && i.reason === 'never_applied'));
  const before = g.json.coverage.gaps;
  const c = await api('off', 'POST', '/api/v1/outreach', { program_id: oldAge, area: '500101' });
  assert.equal(c.status, 201, c.text);
  assert.equal(c.json.created, before);
  const cases = (await api('vol', 'GET', `/api/v1/outreach?area=500101&program=${oldAge}`)).json.items;
  const mine = cases.find((k) => k.person_id === missed);
  assert.equal((await api('off', 'POST', `/api/v1/outreach/${mine.id}/assign`, { volunteer: 'vol' })).status, 200);
  const visit = await api('vol', 'POST', `/api/v1/outreach/${mine.id}/visit`, { outcome: 'not_interested', note: 'ลูกดูแลอยู่' });
  assert.equal(visit.status, 200, visit.text);
  const after = await api('off', 'GET', `/api/v1/gaps?program=${oldAge}&area=500101&on=2026-10-01`);
  assert.equal(after.json.coverage.gaps, before - 1);
  assert.equal(after.json.coverage.declined, 1);
});
