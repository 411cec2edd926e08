// HTTP tests of a fund's documents: the receipt PDF and the statement as PDF
// and .xlsx, from the API (bearer) and from the web (cookie session), with
// their content types, file names and magic bytes, area access, and bad
// input refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshDb, sawat, startServer, Client } from './lib.mjs';

const PW = { tre: 'treasurer-pass-1', pyo: 'phayao-pass-123' };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let env, srv, fund, receipt, receiptNo;
const tok = {}, web = {};

before(async () => {
  env = freshDb();
  sawat(env.db, ['init']);
  sawat(env.db, ['user', 'add', 'tre', '--role', 'fund_committee', '--area', '500101', '--password-stdin'], PW.tre + '\n');
  sawat(env.db, ['user', 'add', 'pyo', '--role', 'province_officer', '--area', '56', '--password-stdin'], PW.pyo + '\n');
  srv = await startServer(env.db);
  for (const u of Object.keys(PW)) {
    const c = new Client(srv.url);
    const r = await c.post('/api/v1/login', { json: { username: u, password: PW[u] } });
    assert.equal(r.status, 200, r.text);
    tok[u] = { Authorization: `Bearer ${r.json.token}` };
    web[u] = c; // keeps the session cookie
  }
});

after(async () => { await srv?.stop(); env?.cleanup(); });

const api = (who, method, path, json) =>
  new Client(srv.url).req(method, path, { json, headers: tok[who] });

// A GET whose body is kept as bytes.
async function download(path, headers = {}) {
  const res = await fetch(srv.url + path, { headers, redirect: 'manual' });
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, body };
}

test('a fund with a member, a payment and a receipt', async () => {
  const f = await api('tre', 'POST', '/api/v1/funds', { area: '500101', name: 'กองทุนสวัสดิการชุมชนตำบลศรีภูมิ', founded_on: '2015-01-01' });
  assert.equal(f.status, 201, f.text);
  fund = f.json.id;
  const p = await api('tre', 'POST', '/api/v1/persons', { given_name: 'สมศรี', family_name: 'ใจดี', sex: 'F', birth_date: '1960-05-01', area: '500101', reg_status: 'house', nationality: 'TH' });
  assert.equal(p.status, 201, p.text);
  const m = await api('tre', 'POST', `/api/v1/funds/${fund}/members`, { person_id: p.json.id, joined_on: '2025-01-02' });
  assert.equal(m.status, 201, m.text);
  const pay = await api('tre', 'POST', `/api/v1/members/${m.json.id}/payments`, { amount: 36500, paid_on: '2025-01-02', method: 'cash' });
  assert.equal(pay.status, 201, pay.text);
  receipt = pay.json.id;
  assert.ok(receipt);
  const r = await api('tre', 'GET', `/api/v1/receipts/${receipt}`);
  receiptNo = r.json.receipt_no;
  // A paid hospital claim, so the statement has benefits to count.
  const c = await api('tre', 'POST', `/api/v1/funds/${fund}/claims`, { member_id: m.json.id, benefit: 'hospital', event_date: '2025-08-01', units: 1 });
  assert.equal(c.status, 201, c.text);
  for (const step of ['check', 'approve']) assert.equal((await api('tre', 'POST', `/api/v1/claims/${c.json.id}/${step}`, {})).status, 200);
  assert.equal((await api('tre', 'POST', `/api/v1/claims/${c.json.id}/pay`, { paid_on: '2025-08-10' })).status, 200);
});

test('the receipt PDF from the API', async () => {
  const r = await download(`/api/v1/receipts/${receipt}/pdf`, tok.tre);
  assert.equal(r.status, 200, r.body.toString());
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  assert.equal(r.body.subarray(0, 5).toString(), '%PDF-');
  assert.equal(r.headers.get('content-disposition'), `inline; filename="receipt-${fund}-${receiptNo}.pdf"`);
  assert.equal(r.headers.get('cache-control'), 'no-store');
  const en = await download(`/api/v1/receipts/${receipt}/pdf?lang=en`, tok.tre);
  assert.equal(en.status, 200);
  assert.notDeepEqual(en.body, r.body);
  // Another province's officer is refused, with a problem and no document.
  const no = await api('pyo', 'GET', `/api/v1/receipts/${receipt}/pdf`);
  assert.equal(no.status, 403);
  assert.equal(no.json.code, 'forbidden');
  assert.equal((await api('tre', 'GET', '/api/v1/receipts/999999/pdf')).status, 404);
  assert.equal((await new Client(srv.url).get(`/api/v1/receipts/${receipt}/pdf`)).status, 401);
});

test('the statement as xlsx and PDF from the API', async () => {
  const q = 'from=2025-01-01&to=31/12/2568';
  const x = await download(`/api/v1/funds/${fund}/statement?${q}&format=xlsx`, tok.tre);
  assert.equal(x.status, 200, x.body.toString());
  assert.equal(x.headers.get('content-type'), XLSX);
  assert.deepEqual([...x.body.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04]); // a zip: PK\3\4
  assert.equal(x.headers.get('content-disposition'), `attachment; filename="statement-${fund}-2025-01-01-2025-12-31.xlsx"`);
  assert.ok(x.body.includes(Buffer.from('xl/worksheets/sheet8.xml')), 'eight worksheets');
  const p = await download(`/api/v1/funds/${fund}/statement?${q}`, tok.tre);
  assert.equal(p.status, 200);
  assert.equal(p.headers.get('content-type'), 'application/pdf');
  assert.equal(p.body.subarray(0, 5).toString(), '%PDF-');
  assert.match(p.headers.get('content-disposition'), /^inline; filename="statement-\d+-2025-01-01-2025-12-31\.pdf"$/);

  const bad = await api('tre', 'GET', `/api/v1/funds/${fund}/statement?${q}&format=doc`);
  assert.equal(bad.status, 400);
  assert.equal(bad.json.field, 'format');
  const back = await api('tre', 'GET', `/api/v1/funds/${fund}/statement?from=2025-12-31&to=2025-01-01`);
  assert.equal(back.status, 400);
  assert.equal(back.json.field, 'to');
  const none = await api('tre', 'GET', `/api/v1/funds/${fund}/statement`);
  assert.equal(none.status, 400);
  assert.equal(none.json.field, 'from');
  const no = await api('pyo', 'GET', `/api/v1/funds/${fund}/statement?${q}&format=xlsx`);
  assert.equal(no.status, 403);
});

test('the same files for a browser session', async () => {
  const cookie = { Cookie: web.tre.cookieHeader() };
  const r = await download(`/funds/receipts/${receipt}.pdf`, cookie);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  assert.equal(r.body.subarray(0, 5).toString(), '%PDF-');
  const x = await download(`/funds/${fund}/statement.xlsx?from=2025-01-01&to=2025-12-31`, cookie);
  assert.equal(x.status, 200);
  assert.equal(x.headers.get('content-type'), XLSX);
  assert.deepEqual([...x.body.subarray(0, 2)], [0x50, 0x4b]);
  const p = await download(`/funds/${fund}/statement.pdf?from=2025-01-01&to=2025-12-31&lang=en`, cookie);
  assert.equal(p.status, 200);
  assert.equal(p.body.subarray(0, 5).toString(), '%PDF-');
  // No session: to the login page and back.
  const anon = await download(`/funds/receipts/${receipt}.pdf`);
  assert.equal(anon.status, 303);
  assert.equal(anon.headers.get('location'), `/login?next=/funds/receipts/${receipt}.pdf`);
  // Another province: an error page, not the file.
  const no = await download(`/funds/${fund}/statement.pdf?from=2025-01-01&to=2025-12-31`, { Cookie: web.pyo.cookieHeader() });
  assert.equal(no.status, 403);
  assert.match(no.headers.get('content-type'), /^text\/html/);
  const bad = await download(`/funds/${fund}/statement.pdf?from=x&to=2025-12-31`, cookie);
  assert.equal(bad.status, 400);
  assert.equal((await download('/funds/receipts/abc.pdf', cookie)).status, 404);
});
