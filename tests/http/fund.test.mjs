// HTTP tests of the community welfare fund API, on SQLite and PostgreSQL:
// a fund from enrolment to a paid claim with every baht through a balanced
// ledger, collection sheets all or nothing, idempotent money calls (also
// raced), concurrent payments never lost or doubled, closed periods, area
// access, and the roll-up.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshDb, sawat, startServer, Client } from './lib.mjs';

const PW = { tre: 'treasurer-pass-1', pyo: 'phayao-pass-123', aud: 'auditor-pass-12', nat: 'national-pass-1' };
let env, srv, fund, people = [];
const tok = {};

before(async () => {
  env = freshDb();
  sawat(env.db, ['init']);
  sawat(env.db, ['user', 'add', 'tre', '--role', 'fund_committee', '--area', '500101', '--password-stdin'], PW.tre + '\n');
  sawat(env.db, ['user', 'add', 'pyo', '--role', 'province_officer', '--area', '56', '--password-stdin'], PW.pyo + '\n');
  sawat(env.db, ['user', 'add', 'aud', '--role', 'auditor', '--area', '50', '--password-stdin'], PW.aud + '\n');
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

async function balances() {
  const r = await api('tre', 'GET', `/api/v1/funds/${fund}/balances`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.balanced, true, 'debits equal credits');
  return Object.fromEntries(r.json.accounts.map((a) => [a.code, a.balance]));
}

test('create a fund and enrol members with joining fees', async () => {
  const f = await api('tre', 'POST', '/api/v1/funds', { area: '500101', name: 'กองทุนสวัสดิการชุมชนตำบลศรีภูมิ', founded_on: '1/1/2558' });
  assert.equal(f.status, 201, f.text);
  fund = f.json.id;
  assert.equal((await api('pyo', 'GET', `/api/v1/funds/${fund}`)).status, 403);
  for (const [given, birth] of [['สมศรี', '1960-05-01'], ['บุญมี', '1990-02-10'], ['ดวงใจ', '2001-07-07']]) {
    const p = await api('tre', 'POST', '/api/v1/persons', { given_name: given, family_name: 'ใจดี', sex: 'F', birth_date: birth, area: '500101', reg_status: 'house', nationality: 'TH' });
    assert.equal(p.status, 201, p.text);
    people.push(p.json.id);
  }
  const members = [];
  for (const pid of people) {
    const m = await api('tre', 'POST', `/api/v1/funds/${fund}/members`, { person_id: pid, joined_on: '2024-01-01' });
    assert.equal(m.status, 201, m.text);
    assert.ok(m.json.receipt_id);
    members.push(m.json.id);
  }
  const again = await api('tre', 'POST', `/api/v1/funds/${fund}/members`, { person_id: people[0], joined_on: '2024-02-01' });
  assert.equal(again.status, 409);
  assert.equal(again.json.field, 'person_id');
  const b = await balances();
  assert.equal(b['1101'], 3 * 2000);
  assert.equal(b['4102'], -3 * 2000);
  const list = await api('aud', 'GET', `/api/v1/funds/${fund}/members`);
  assert.equal(list.json.items.length, 3);
  assert.deepEqual(list.json.items.map((m) => m.member_no), [1, 2, 3]);
});

test('a collection sheet pays everyone at once, once', async () => {
  const sheet = await api('tre', 'GET', `/api/v1/funds/${fund}/collection-sheet?date=2025-01-05`);
  assert.equal(sheet.status, 200, sheet.text);
  assert.equal(sheet.json.items.length, 3);
  // Joined January 2024, 1 baht a day: 366 + 31 baht due by January 2025.
  assert.equal(sheet.json.items[0].due_now, 39700);
  const items = sheet.json.items.map((m, i) => ({ member_id: m.id, amount: i === 2 ? 0 : m.due_now }));
  const body = { paid_on: '2025-01-05', method: 'cash', items };
  const before = (await balances())['1101'];
  const r = await api('tre', 'POST', `/api/v1/funds/${fund}/contributions`, body, { 'Idempotency-Key': 'sheet-2025-01' });
  assert.equal(r.status, 201, r.text);
  assert.ok(r.json.items[0].receipt_id && r.json.items[1].receipt_id);
  assert.equal(r.json.items[2].receipt_id, null);
  const again = await api('tre', 'POST', `/api/v1/funds/${fund}/contributions`, body, { 'Idempotency-Key': 'sheet-2025-01' });
  assert.equal(again.status, 201, again.text);
  assert.deepEqual(again.json.items.map((i) => i.receipt_id), r.json.items.map((i) => i.receipt_id));
  assert.equal((await balances())['1101'], before + 2 * 39700);
  const receipt = await api('tre', 'GET', `/api/v1/receipts/${r.json.items[0].receipt_id}`);
  assert.equal(receipt.json.total, 39700);
  assert.equal(receipt.json.contribution, 39700);
  // A bad line (not a whole number of satang) stops the whole sheet.
  const bad = await api('tre', 'POST', `/api/v1/funds/${fund}/contributions`, { paid_on: '2025-01-06', items: [{ member_id: items[2].member_id, amount: 3000 }, { member_id: items[0].member_id, amount: 12.5 }] });
  assert.equal(bad.status, 400);
  assert.equal((await balances())['1101'], before + 2 * 39700);
  const other = await api('tre', 'POST', `/api/v1/funds/${fund}/contributions`, { ...body, paid_on: '2025-01-06' }, { 'Idempotency-Key': 'sheet-2025-01' });
  assert.equal(other.status, 409);
  assert.equal(other.json.field, 'idempotency_key');
});

test('a hospital claim from submission to payment, explained', async () => {
  const mem = (await api('tre', 'GET', `/api/v1/funds/${fund}/members`)).json.items[0];
  const c = await api('tre', 'POST', `/api/v1/funds/${fund}/claims`, { member_id: mem.id, benefit: 'hospital', event_date: '2025-01-02', units: 4 });
  assert.equal(c.status, 201, c.text);
  assert.equal(c.json.amount, 60000);
  assert.equal(c.json.status, 'submitted');
  assert.ok(c.json.calc.length >= 2 && c.json.calc.every((l) => l.th && l.en));
  assert.equal((await api('tre', 'POST', `/api/v1/claims/${c.json.id}/approve`, {})).status, 409, 'cannot skip the check');
  assert.equal((await api('tre', 'POST', `/api/v1/claims/${c.json.id}/check`, {})).json.status, 'checked');
  assert.equal((await api('aud', 'POST', `/api/v1/claims/${c.json.id}/approve`, {})).status, 403);
  assert.equal((await api('tre', 'POST', `/api/v1/claims/${c.json.id}/approve`, {})).json.status, 'approved');
  const pay = await api('tre', 'POST', `/api/v1/claims/${c.json.id}/pay`, { paid_on: '2025-01-10' }, { 'Idempotency-Key': 'pay-1' });
  assert.equal(pay.status, 200, pay.text);
  assert.equal(pay.json.status, 'paid');
  const b = await balances();
  assert.equal(b['5101'], 60000);
  assert.equal(b['2101'], 0);
  const second = await api('tre', 'POST', `/api/v1/funds/${fund}/claims`, { member_id: mem.id, benefit: 'hospital', event_date: '2025-02-01', units: 3 });
  assert.equal(second.json.amount, 40000, 'the yearly cap of 1,000 baht leaves 400');
});

test('concurrent payments are neither lost nor doubled; a raced key pays once', async () => {
  const mem = (await api('tre', 'GET', `/api/v1/funds/${fund}/members`)).json.items[1];
  const before = (await balances())['1101'];
  const calls = [];
  for (let i = 0; i < 24; i++)
    calls.push(api('tre', 'POST', `/api/v1/members/${mem.id}/payments`, { amount: 100, paid_on: '2025-02-01' }));
  const rs = await Promise.all(calls);
  assert.ok(rs.every((r) => r.status === 201), rs.map((r) => r.status).join(','));
  assert.equal(new Set(rs.map((r) => r.json.id)).size, 24);
  const raced = await Promise.all(Array.from({ length: 6 }, () =>
    api('tre', 'POST', `/api/v1/members/${mem.id}/payments`, { amount: 5000, paid_on: '2025-02-02' }, { 'Idempotency-Key': 'raced-1' })));
  const ok = raced.filter((r) => r.status === 201);
  assert.ok(ok.length >= 1);
  assert.equal(new Set(ok.map((r) => r.json.id)).size, 1, 'every answer names the same receipt');
  assert.equal((await balances())['1101'], before + 24 * 100 + 5000);
  const receipts = (await api('tre', 'GET', `/api/v1/funds/${fund}/receipts?limit=500`)).json.items;
  const nos = receipts.map((r) => r.receipt_no).sort((a, b) => a - b);
  assert.deepEqual(nos, Array.from({ length: nos.length }, (_, i) => i + 1), 'receipt numbers without gaps');
});

test('void, close a period, and the roll-up', async () => {
  const receipts = (await api('tre', 'GET', `/api/v1/funds/${fund}/receipts?limit=1`)).json.items;
  const before = (await balances())['1101'];
  const v = await api('tre', 'POST', `/api/v1/receipts/${receipts[0].id}/void`, { date: '2025-02-03', reason: 'บันทึกซ้ำ' });
  assert.equal(v.status, 200, v.text);
  assert.equal((await balances())['1101'], before - receipts[0].total);
  const close = await api('tre', 'POST', `/api/v1/funds/${fund}/close`, { date: '2025-02-28' });
  assert.equal(close.status, 200, close.text);
  const mem = (await api('tre', 'GET', `/api/v1/funds/${fund}/members`)).json.items[0];
  const late = await api('tre', 'POST', `/api/v1/members/${mem.id}/payments`, { amount: 3000, paid_on: '2025-02-15' });
  assert.equal(late.status, 409);
  assert.equal(late.json.field, 'paid_on');
  const roll = await api('nat', 'GET', '/api/v1/funds/rollup?year=2568');
  assert.equal(roll.status, 200, roll.text);
  assert.equal(roll.json.year, 2025);
  assert.equal(roll.json.total.funds, 1);
  assert.equal(roll.json.total.members, 3);
  assert.equal(roll.json.total.benefits, 60000);
  assert.equal(roll.json.total.helped_members, 1);
  assert.equal(roll.json.rows[0].area, '50');
  assert.equal((await api('pyo', 'GET', '/api/v1/funds/rollup?area=50')).status, 403);
  const dash = await api('aud', 'GET', `/api/v1/funds/${fund}/dashboard?date=2025-03-01`);
  assert.equal(dash.status, 200, dash.text);
  assert.equal(dash.json.members.good + dash.json.members.in_arrears + dash.json.members.suspended, 3);
  assert.equal(dash.json.benefits_paid.find((b) => b.code === 'hospital').amount, 60000);
  assert.equal(dash.json.money, (await balances())['1101']);
  const out = sawat(env.db, ['verify']);
  assert.match(out, /ledger: ok/);
});
