// HTTP tests of the grant fund API, on SQLite and PostgreSQL: a provincial
// call and its budget in the channel's book, an application from draft to
// award with every guard the workflow has (eligibility, tiers, conflicts,
// scores, no money before the agreement, tranches within the approval),
// idempotent disbursement, the certificate PDF, the report as JSON and
// .xlsx, and a province officer kept to their own province.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { freshDb, sawat, startServer, Client } from './lib.mjs';

const PW = { pyo: 'phayao-pass-123', cmi: 'chiangmai-pass-1', rev: 'reviewer-pass-12', vol: 'volunteer-pass-1', nat: 'national-pass-1' };
let env, srv, call, grant;
const tok = {};
const org = {};

// Organisations come from the network module's API once it lands; until
// then the test writes them as rows.
function sql(q) {
  const r = process.env.SAWAT_TEST_PG
    ? spawnSync('psql', [env.db, '-q', '-t', '-A', '-c', q], { encoding: 'utf8' })
    : spawnSync('sqlite3', [env.db, q], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}
function addOrg(kind, name, area, cert = '') {
  return Number(sql(`INSERT INTO org (kind, name_th, area, province, cert_no, created_by, created_at, updated_at) VALUES ('${kind}', '${name}', '${area}', '${area.slice(0, 2)}', '${cert}', 'test', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z') RETURNING id`));
}
const iso = (d) => d.toISOString().slice(0, 10);

before(async () => {
  env = freshDb();
  sawat(env.db, ['init']);
  sawat(env.db, ['user', 'add', 'pyo', '--role', 'province_officer', '--area', '56', '--password-stdin'], PW.pyo + '\n');
  sawat(env.db, ['user', 'add', 'cmi', '--role', 'province_officer', '--area', '50', '--password-stdin'], PW.cmi + '\n');
  sawat(env.db, ['user', 'add', 'rev', '--role', 'district_officer', '--area', '5601', '--password-stdin'], PW.rev + '\n');
  sawat(env.db, ['user', 'add', 'vol', '--role', 'volunteer', '--area', '560101', '--password-stdin'], PW.vol + '\n');
  sawat(env.db, ['user', 'add', 'nat', '--role', 'national_admin', '--area', 'TH', '--password-stdin'], PW.nat + '\n');
  org.cw = addOrg('community_welfare', 'องค์กรสวัสดิการชุมชนตำบลเวียง', '560101');
  org.co = addOrg('company', 'บริษัท ค้าข้าวพะเยา จำกัด', '560101');
  srv = await startServer(env.db);
  for (const u of Object.keys(PW)) {
    const r = await new Client(srv.url).post('/api/v1/login', { json: { username: u, password: PW[u] } });
    tok[u] = { Authorization: `Bearer ${r.json.token}` };
  }
});

after(async () => { await srv?.stop(); env?.cleanup(); });

const api = (who, method, path, json, headers = {}) =>
  new Client(srv.url).req(method, path, { json, headers: { ...tok[who], ...headers } });

test('a province officer opens calls only in their province', async () => {
  const now = Date.now();
  const body = { channel: 'provincial', area: '56', title: 'ประกาศรับข้อเสนอโครงการ จังหวัดพะเยา', opens_on: iso(new Date(now - 5 * 864e5)), closes_on: iso(new Date(now + 30 * 864e5)), budget: 100000000, tiers: 'small,medium', min_reviews: 1 };
  assert.equal((await api('cmi', 'POST', '/api/v1/grants/calls', body)).status, 403);
  assert.equal((await api('pyo', 'POST', '/api/v1/grants/calls', { ...body, channel: 'national', area: 'TH' })).status, 403);
  const bad = await api('pyo', 'POST', '/api/v1/grants/calls', { ...body, tiers: 'huge' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.field, 'tiers');
  const r = await api('pyo', 'POST', '/api/v1/grants/calls', body, { 'Idempotency-Key': 'call-1' });
  assert.equal(r.status, 201, r.text);
  call = r.json.id;
  const again = await api('pyo', 'POST', '/api/v1/grants/calls', body, { 'Idempotency-Key': 'call-1' });
  assert.equal(again.json.id, call);
  const l = await api('cmi', 'GET', '/api/v1/grants/calls');
  assert.equal(l.json.items.length, 0);
  assert.equal((await api('cmi', 'GET', `/api/v1/grants/calls/${call}`)).status, 403);
  assert.equal((await api('vol', 'GET', '/api/v1/grants/calls')).json.items.length, 1);
});

test('only eligible organisations apply, within the call\'s tiers', async () => {
  const base = { call_id: call, title: 'ธนาคารข้าวเพื่อผู้สูงอายุ', summary: 'ดูแลผู้สูงอายุ', target_groups: 'elderly,disadvantaged', pillar: 'partnership', lines: [{ item: 'ค่าอบรม', amount: 2500000 }, { item: 'ค่าวัสดุ', amount: 2000000 }], indicators: [{ name: 'ผู้สูงอายุที่ได้รับการดูแล', unit: 'คน', target: 100 }] };
  const co = await api('pyo', 'POST', '/api/v1/grants', { ...base, org_id: org.co });
  assert.equal(co.status, 403);
  assert.equal(co.json.field, 'org_id');
  const big = await api('pyo', 'POST', '/api/v1/grants', { ...base, org_id: org.cw, lines: [{ item: 'ก', amount: 40000000 }] });
  assert.equal(big.status, 400);
  assert.match(big.json.detail ?? big.text, /large|ขนาดใหญ่/);
  assert.equal((await api('vol', 'POST', '/api/v1/grants', { ...base, org_id: org.cw })).status, 403);
  const r = await api('rev', 'POST', '/api/v1/grants', { ...base, org_id: org.cw });
  assert.equal(r.status, 201, r.text);
  grant = r.json.id;
  const g = await api('pyo', 'GET', `/api/v1/grants/${grant}`);
  assert.equal(g.json.requested, 4500000);
  assert.equal(g.json.tier, 'small');
  assert.equal(g.json.status, 'draft');
  assert.equal((await api('cmi', 'GET', `/api/v1/grants/${grant}`)).status, 403);
});

test('from application to certificate, with every guard', async () => {
  const go = (who, step, json = {}, h = {}) => api(who, 'POST', `/api/v1/grants/${grant}/${step}`, json, h);
  assert.equal((await go('pyo', 'decision', { decision: 'approve', amount: 4500000 })).status, 409);
  assert.equal((await go('pyo', 'disbursements', { no: 1 })).status, 409);
  assert.equal((await go('pyo', 'submit')).status, 200);
  assert.equal((await go('cmi', 'screen', { complete: true, eligible: true })).status, 403);
  assert.equal((await go('pyo', 'screen', { complete: true, eligible: true, note: 'ครบ' })).json.status, 'screened');
  assert.equal((await go('pyo', 'review')).json.status, 'under_review');
  const scores = { scores: [['relevance', 22], ['feasibility', 20], ['budget', 18], ['participation', 12], ['sustainability', 13]].map(([criterion, score]) => ({ criterion, score })) };
  // A declared conflict bars scoring; the decision then lacks its score.
  assert.equal((await go('nat', 'declaration', { conflict: true, note: 'เคยเป็นที่ปรึกษาองค์กร' })).status, 200);
  const conflicted = await go('nat', 'scores', scores);
  assert.equal(conflicted.status, 403);
  assert.equal(conflicted.json.field, 'conflict');
  assert.equal((await go('pyo', 'decision', { decision: 'approve', amount: 4500000 })).status, 409);
  assert.equal((await go('rev', 'declaration', { conflict: false })).status, 200);
  const s = await go('rev', 'scores', scores);
  assert.equal(s.status, 200, s.text);
  assert.equal(s.json.average_score, 85);
  assert.equal((await go('pyo', 'decision', { decision: 'approve', amount: 4600000 })).status, 400);
  assert.equal((await go('pyo', 'decision', { decision: 'approve', amount: 4500000, conditions: 'รายงานทุกไตรมาส' })).json.status, 'approved');
  assert.equal((await go('pyo', 'disbursements', { no: 1 })).status, 409);
  assert.equal((await go('pyo', 'agreement', { agreement_no: 'พย 1/2569', tranches: [2500000, 2500000] })).status, 400);
  const a = await go('pyo', 'agreement', { agreement_no: 'พย 1/2569', tranches: [2500000, 2000000] });
  assert.equal(a.json.status, 'agreement_signed', a.text);
  // The same tranche twice with one key moves the money once.
  const t1 = await go('pyo', 'disbursements', { no: 1 }, { 'Idempotency-Key': 'tr-1' });
  assert.equal(t1.json.disbursed, 2500000, t1.text);
  const t1b = await go('pyo', 'disbursements', { no: 1 }, { 'Idempotency-Key': 'tr-1' });
  assert.equal(t1b.json.disbursed, 2500000);
  assert.equal(t1b.json.status, 'in_progress');
  assert.equal((await go('rev', 'reports', { kind: 'final', body: 'เสร็จ', outcomes: [] })).status, 400);
  assert.equal((await go('rev', 'reports', { kind: 'final', body: 'ดูแลผู้สูงอายุครบตามเป้า', outcomes: [112] })).json.status, 'reported');
  assert.equal((await go('pyo', 'close')).status, 409);
  assert.equal((await go('pyo', 'award', { title: 'โครงการดีเด่น' })).status, 409);
  assert.equal((await go('pyo', 'disbursements', { no: 2 })).json.disbursed, 4500000);
  assert.equal((await go('pyo', 'disbursements', { no: 3 })).status, 409);
  assert.equal((await go('pyo', 'close')).json.status, 'closed');
  const w = await go('pyo', 'award', { title: 'โครงการดีเด่นด้านการจัดสวัสดิการสังคม' });
  assert.match(w.json.award.cert_no, /^56\/25\d\d\/001$/);
  const pdf = await api('pyo', 'GET', `/api/v1/grants/${grant}/certificate.pdf`);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  assert.ok(pdf.text.startsWith('%PDF'));
  assert.equal((await api('cmi', 'GET', `/api/v1/grants/${grant}/certificate.pdf`)).status, 403);
});

test('the report rolls grants up to region and nation, as JSON and .xlsx', async () => {
  const r = await api('nat', 'GET', '/api/v1/grants/report');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.total.apps, 1);
  assert.equal(r.json.total.disbursed, 4500000);
  assert.deepEqual(r.json.areas.map((a) => a.code), ['north', '56']);
  assert.equal(r.json.tiers.find((t) => t.code === 'small').approved, 4500000);
  assert.equal(r.json.target_groups.find((t) => t.code === 'elderly').apps, 1);
  assert.equal((await api('cmi', 'GET', '/api/v1/grants/report?area=56')).status, 403);
  const x = await api('pyo', 'GET', '/api/v1/grants/report?format=xlsx');
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-type'), /spreadsheetml/);
});

test("the channel's book: balances and journal for the province's staff, refused outside it", async () => {
  const b = await api('pyo', 'GET', '/api/v1/grants/books/56');
  assert.equal(b.status, 200, b.text);
  assert.equal(b.json.book.area, '56');
  assert.equal(b.json.book.channel, 'provincial');
  assert.match(b.json.book.name, /พะเยา/);
  const bal = Object.fromEntries(b.json.accounts.map((a) => [a.code, a.balance]));
  assert.deepEqual(bal, { 1102: 100000000 - 4500000, 2103: 0, 4601: -100000000, 5401: 4500000 });
  assert.equal(b.json.balanced, true);
  assert.deepEqual(b.json.trial, { debit: 100000000, credit: 100000000, balanced: true });
  // On the day before the call opened, nothing had been posted.
  const early = await api('pyo', 'GET', `/api/v1/grants/books/56?to=${iso(new Date(Date.now() - 30 * 864e5))}`);
  assert.ok(early.json.accounts.every((a) => a.balance === 0));
  // Outside the province, or below it, the book is refused; the national one is for national roles.
  for (const who of ['cmi', 'rev', 'vol']) {
    const r = await api(who, 'GET', '/api/v1/grants/books/56');
    assert.equal(r.status, 403, who);
    assert.equal(r.json.field, 'area');
    assert.equal((await api(who, 'GET', '/api/v1/grants/books/56/journal')).status, 403, who);
  }
  assert.equal((await api('nat', 'GET', '/api/v1/grants/books/56')).status, 200);
  assert.equal((await api('pyo', 'GET', '/api/v1/grants/books/TH')).status, 403);
  assert.equal((await api('nat', 'GET', '/api/v1/grants/books/TH')).status, 404);
  assert.equal((await api('nat', 'GET', '/api/v1/grants/books/5601')).status, 400);
  // The journal: the budget, the commitment and two tranches, newest first, paged.
  const j = await api('pyo', 'GET', '/api/v1/grants/books/56/journal');
  assert.equal(j.status, 200, j.text);
  assert.deepEqual(j.json.items.map((x) => x.source), ['grant_tranche', 'grant_tranche', 'grant_commit', 'grant_call']);
  assert.equal(j.json.items[0].source_id, grant);
  assert.equal(j.json.items[3].source_id, call);
  for (const x of j.json.items) {
    assert.equal(x.lines.reduce((s, l) => s + l.debit, 0), x.total);
    assert.equal(x.lines.reduce((s, l) => s + l.credit, 0), x.total);
  }
  const p1 = await api('pyo', 'GET', '/api/v1/grants/books/56/journal?limit=2');
  assert.equal(p1.json.next_cursor, '2');
  const p2 = await api('pyo', 'GET', '/api/v1/grants/books/56/journal?limit=2&cursor=2');
  assert.deepEqual(p2.json.items.map((x) => x.id), j.json.items.slice(2).map((x) => x.id));
  // The page: the province's officer reads it; Chiang Mai's is refused.
  const page = async (who) => {
    const c = new Client(srv.url);
    await c.post('/api/v1/login', { json: { username: who, password: PW[who] } });
    return c.get('/grants/books/56?view=trial');
  };
  const mine = await page('pyo');
  assert.equal(mine.status, 200);
  assert.match(mine.text, /1102/);
  assert.match(mine.text, /1,000,000\.00/);
  assert.equal((await page('cmi')).status, 403);
});
