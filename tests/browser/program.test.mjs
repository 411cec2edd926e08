// Browser test of the welfare program pages in Debian's headless Chromium.
// A local officer of a tambon reads the catalogue (the state programs seeded
// by `sawat init`), tries a dry run of new old-age rules (a compile error
// first, shown at the text box), and enrols a person aged 65 whose household
// lives on 4,000 baht a month: apply (no person first: the error sits at the
// field; no document ticked) -> verify -> approve, refused until the
// documents are recorded as seen, reading the rules' explanation; then makes
// the month's payroll and finds the person on it with 600 baht, approves it,
// downloads the CSV and the bank file, and pastes the bank's result. Two
// more elders, set up through the API, show on the same roll: one approved
// late, paid two months of back pay, and one who moved to another tambon
// after last month's roll, stopped with the reason in words. A
// disability applicant without a card is refused at verification with the
// rules' reason. The person page lists the enrolment, the English page reads
// in English, an officer of another tambon gets 403 and a POST without the
// CSRF token is refused. Screenshots go to tests/browser/out/ (desktop 1280
// and phone 390 wide) to be looked at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { freshDb, sawat, startServer, Client } from '../http/lib.mjs';

const OUT = 'tests/browser/out';
const PW = 'browser-pass-123';
const TAMBON = '500101';
let env, srv, browser, token;

// Today in Bangkok, and dates as the forms take them (B.E. d/m/yyyy).
const now = new Date(Date.now() + 7 * 3600e3);
const Y = now.getUTCFullYear(), M = now.getUTCMonth() + 1;
// The month k months before this one: { y, m, iso: 'YYYY-MM', be: 'd/m/yyyy' of its 5th }.
function monthsAgo(k) {
  const t = new Date(Date.UTC(Y, M - 1 - k, 5));
  const y = t.getUTCFullYear(), m = t.getUTCMonth() + 1;
  return { y, m, iso: `${y}-${String(m).padStart(2, '0')}`, be: `5/${m}/${y + 543}` };
}
const APPLIED = monthsAgo(1).be;
function thid(first12) {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (13 - i);
  return first12 + ((11 - (sum % 11)) % 10);
}
const dashed = (n) => `${n[0]}-${n.slice(1, 5)}-${n.slice(5, 10)}-${n.slice(10, 12)}-${n[12]}`;
const ELDER = { national_id: thid('350010077701'), given_name: 'ทองใบ', family_name: 'สุขสม', sex: 'F',
  birth_date: `${Y - 65}-01-01`, nationality: 'TH', reg_status: 'house' };
const LATE = { national_id: thid('350010077703'), given_name: 'บุญส่ง', family_name: 'มาช้า', sex: 'M',
  birth_date: `${Y - 66}-03-01`, nationality: 'TH', reg_status: 'house' };
const MOVED = { national_id: thid('350010077704'), given_name: 'สายทอง', family_name: 'ย้ายบ้าน', sex: 'F',
  birth_date: `${Y - 72}-02-01`, nationality: 'TH', reg_status: 'house' };
const DISABLED = { national_id: thid('350010077702'), given_name: 'สมชาย', family_name: 'ไร้บัตร', sex: 'M',
  birth_date: '1985-06-15', nationality: 'TH', reg_status: 'house' };

before(async () => {
  mkdirSync(OUT, { recursive: true });
  env = freshDb();
  sawat(env.db, ['init']);
  sawat(env.db, ['user', 'add', 'officer', '--role', 'local_officer', '--area', TAMBON, '--display', 'วิไล สวัสดิการ', '--password-stdin'], PW + '\n');
  sawat(env.db, ['user', 'add', 'province', '--role', 'province_officer', '--area', '50', '--display', 'พมจ. เชียงใหม่', '--password-stdin'], PW + '\n');
  sawat(env.db, ['user', 'add', 'elsewhere', '--role', 'local_officer', '--area', '500102', '--display', 'เจ้าหน้าที่ ตำบลอื่น', '--password-stdin'], PW + '\n');
  srv = await startServer(env.db);
  const c = new Client(srv.url);
  const r = await c.post('/api/v1/login', { json: { username: 'officer', password: PW } });
  token = { Authorization: `Bearer ${r.json.token}` };
  const api = new Client(srv.url);
  for (const p of [ELDER, LATE, MOVED, DISABLED]) {
    const res = await api.post('/api/v1/persons', { json: { ...p, area: TAMBON, house_no: '12' }, headers: token });
    assert.equal(res.status, 201, res.text);
    p.id = res.json.id;
  }
  // Each elder's household: one person living on 4,000 baht a month, under
  // the old-age income test's 100,000 baht a person a year.
  for (const p of [ELDER, LATE, MOVED]) {
    const h = await api.post('/api/v1/households', { json: { area: TAMBON, house_no: '12', monthly_income: 400000 }, headers: token });
    assert.equal(h.status, 201, h.text);
    const m = await api.post(`/api/v1/households/${h.json.id}/members`, { json: { person_id: p.id, relation: 'head' }, headers: token });
    assert.ok(m.status < 300, m.text);
  }
  const programs = (await api.get('/api/v1/programs', { headers: token })).json.items;
  const oldAge = programs.find((p) => p.code === 'old_age').id;
  async function enrol(p, applied) {
    const r = await api.post('/api/v1/enrolments', { json: { program_id: oldAge, person_id: p.id, office: TAMBON, applied_on: applied,
      documents: ['id_card', 'house_registration', 'bank_book'] }, headers: token });
    assert.equal(r.status, 201, r.text);
    for (const step of ['verify', 'approve'])
      assert.equal((await api.post(`/api/v1/enrolments/${r.json.id}/${step}`, { json: {}, headers: token })).status, 200);
  }
  // MOVED was paid last month, then moved to the next tambon.
  await enrol(MOVED, monthsAgo(2).be);
  const roll = await api.post('/api/v1/payrolls', { json: { office: TAMBON, month: monthsAgo(1).iso }, headers: token });
  assert.equal(roll.status, 201, roll.text);
  const pr = await new Client(srv.url).post('/api/v1/login', { json: { username: 'province', password: PW } });
  const moved = await api.req('PUT', `/api/v1/persons/${MOVED.id}`, { json: { ...MOVED, area: '500102', house_no: '7' }, headers: { Authorization: `Bearer ${pr.json.token}` } });
  assert.equal(moved.status, 200, moved.text);
  // LATE applied three months ago and is approved only now: two months owed.
  await enrol(LATE, monthsAgo(3).be);
  // A disability recorded at a visit, but no disability card.
  const n = await api.post(`/api/v1/persons/${DISABLED.id}/needs`, { json: { kind: 'disability', observed_on: '2025-01-10', source: 'visit', disability_type: 'physical' }, headers: token });
  assert.equal(n.status, 201, n.text);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
});

after(async () => {
  await browser?.close();
  await srv?.stop();
  env?.cleanup();
});

async function login(user, width = 1280) {
  const ctx = await browser.newContext({ viewport: { width, height: 900 }, locale: 'th-TH' });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (msg) => { if (msg.type() === 'error' && !/Failed to load resource: the server responded/.test(msg.text())) errors.push(msg.text()); });
  await page.goto(srv.url + '/login');
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', PW);
  await page.click('button[type=submit]');
  await page.waitForURL(srv.url + '/');
  return { page, ctx, errors };
}

async function shoot(page, name) {
  await page.screenshot({ path: `${OUT}/${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${OUT}/${name}-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

let elderUrl, programUrl;

test('the catalogue shows the state programs by pillar, and a dry run compares costs', async () => {
  const { page, ctx, errors } = await login('officer');
  await page.click('nav.main a[href="/programs"]');
  assert.match(await page.textContent('nav.main a[aria-current=page]'), /สวัสดิการของรัฐ/);
  assert.match(await page.textContent('h1'), /โครงการสวัสดิการ/);
  const old = page.locator('article#program-old_age');
  assert.match(await old.textContent(), /เบี้ยยังชีพผู้สูงอายุ/);
  assert.match(await old.textContent(), /600 บาท – 1,000 บาท/);
  assert.match(await old.locator('pre.rules').textContent(), /require income/);
  assert.match(await old.textContent(), /12 สิงหาคม 2566/, 'versions in the Buddhist Era');
  assert.equal(await page.locator('#pillar-assistance article.program').count(), 3);
  assert.equal(await page.locator('#pillar-services .empty').count(), 1, 'no local program yet');
  assert.equal(await page.locator('#new-program').count(), 1, 'a local officer may add a local program');
  await shoot(page, 'program-catalogue');

  await old.locator('a:has-text("ฉบับของกฎและการทดลองใช้")').click();
  programUrl = page.url().replace(/[?#].*/, '');
  assert.equal(await page.locator('#new-version').count(), 0, 'state programs: national admins only');
  // A misspelt variable: the compiler's line and column at the text box.
  const rules = await page.inputValue('#d_rules');
  await page.fill('#d_rules', rules.replace('age >= 60', 'agee >= 60'));
  await page.click('#dry-run button[type=submit]');
  assert.equal(await page.getAttribute('#d_rules', 'aria-invalid'), 'true');
  assert.match(await page.textContent('#d_rules-err'), /บรรทัด \d+ คอลัมน์ \d+: .*agee/);
  // Six hundred becomes seven hundred: the two elders aged 65 and 66 would get more.
  await page.fill('#d_rules', rules.replace('else 600 baht', 'else 700 baht'));
  await page.click('#dry-run button[type=submit]');
  const dry = await page.textContent('.dry-result');
  assert.match(dry, /\+200\.00/);
  assert.match(await page.textContent('.dry-result .stat:nth-child(6) dd'), /2 \/ 0/);
  await shoot(page, 'program-detail-dry-run');
  // From 66: the elder aged 65 would lose the allowance, and is named.
  await page.fill('#d_rules', rules.replace('age >= 60', 'age >= 66'));
  await page.click('#dry-run button[type=submit]');
  assert.ok(Number(await page.textContent('.dry-result .stat:nth-child(5) dd')) >= 1);
  assert.equal(await page.locator(`.dry-result a[href="/persons/${ELDER.id}"]`).count(), 1);

  // A local top-up for the tambon's bedridden elders, with a document to see.
  await page.goto(srv.url + '/programs');
  await page.click('#program summary');
  await page.fill('#p_name_th', 'เบี้ยเสริมผู้สูงอายุติดเตียง ตำบลศรีภูมิ');
  await page.fill('#p_name_en', 'Si Phum top-up for bedridden elders');
  await page.fill('#p_code', 'topup_bedridden');
  await page.selectOption('#p_pillar', 'services');
  assert.equal(await page.inputValue('#p_owner'), TAMBON);
  await page.fill('#p_docs', 'ใบรับรองแพทย์ | Medical certificate');
  const topup = 'require age: age >= 60 "อายุ 60 ปีขึ้นไป" "aged 60 or over"\n' +
    'require bed: need bedridden "ผู้ป่วยติดเตียง" "bedridden" else "ไม่ได้ติดเตียง" "not bedridden"\n' +
    'amount 300 baht "เบี้ยเสริมรายเดือน" "monthly top-up"\n';
  await page.fill('#p_rules', topup.replace('need bedridden', 'need bedriden'));
  await page.click('#program button[type=submit]');
  assert.equal(await page.getAttribute('#p_rules', 'aria-invalid'), 'true');
  assert.match(await page.textContent('#p_rules-err'), /บรรทัด 2 คอลัมน์ \d+/);
  assert.equal(await page.inputValue('#p_code'), 'topup_bedridden', 'what was typed stays');
  await shoot(page, 'program-new-error');
  await page.fill('#p_rules', topup);
  await page.click('#program button[type=submit]');
  await page.waitForURL(/\/programs\/\d+\?done=program/);
  assert.match(await page.textContent('h1'), /เบี้ยเสริมผู้สูงอายุติดเตียง/);
  assert.match(await page.textContent('main'), /ใบรับรองแพทย์/);
  assert.match(await page.textContent('main'), /300 บาท ต่อเดือน/);
  // A new version from tomorrow: listed as upcoming.
  const t = new Date(Date.now() + 7 * 3600e3 + 86400e3);
  await page.click('#version summary');
  await page.fill('#v_eff', `${t.getUTCDate()}/${t.getUTCMonth() + 1}/${t.getUTCFullYear() + 543}`);
  await page.fill('#v_note', 'มติสภา อบต. เพิ่มเป็น 400 บาท');
  await page.fill('#v_rules', topup.replace('300 baht', '400 baht'));
  await page.click('#version button[type=submit]');
  await page.waitForURL(/done=version/);
  assert.equal(await page.locator('ol.versions > li').count(), 2);
  assert.match(await page.textContent('ol.versions > li:first-child'), /จะมีผล/);
  await page.goto(srv.url + '/programs');
  assert.match(await page.textContent('#pillar-services'), /เบี้ยเสริมผู้สูงอายุติดเตียง/);
  // Its application form asks for the medical certificate.
  await page.click('#program-topup_bedridden a:has-text("การลงทะเบียน")');
  await page.selectOption('#a_program', { label: 'เบี้ยเสริมผู้สูงอายุติดเตียง ตำบลศรีภูมิ' });
  await page.click('.card-head button[type=submit]');
  assert.match(await page.textContent('label:has(input[name=doc_d1])'), /ใบรับรองแพทย์/);
  await ctx.close();
  assert.deepEqual(errors, []);
});

test('an officer enrols a person aged 65: apply, verify, approve, with the rules explained', async () => {
  const { page, ctx, errors } = await login('officer');
  await page.goto(srv.url + '/enrolments?status=applied');
  assert.match(await page.textContent('.empty'), /ไม่พบการลงทะเบียน/);
  await page.selectOption('#a_program', { label: 'เบี้ยยังชีพผู้สูงอายุ' });
  await page.click('.card-head button[type=submit]');
  await page.waitForURL(/\/enrolments\/new\?program=\d+/);
  assert.equal(await page.inputValue('#a_office'), TAMBON, 'the office is the officer\'s tambon');

  // No one named: the error sits at the field, what was typed stays.
  await page.fill('#a_date', APPLIED);
  await page.click('#apply button[type=submit]');
  assert.equal(await page.getAttribute('#a_person', 'aria-invalid'), 'true');
  assert.match(await page.textContent('#a_person-err'), /เลขทะเบียนบุคคล/);
  assert.equal(await page.inputValue('#a_date'), APPLIED);
  await shoot(page, 'program-apply-error');

  await page.fill('#a_nid', dashed(ELDER.national_id));
  await page.click('#apply button[type=submit]');
  await page.waitForURL(/\/enrolments\/\d+\?done=applied/);
  elderUrl = page.url().replace(/\?.*/, '');
  assert.match(await page.textContent('h1'), /ทองใบ สุขสม/);
  assert.match(await page.textContent('.badge.big'), /ยื่นคำขอแล้ว/);
  // The rules today: eligible, 600 baht, every requirement met.
  assert.match(await page.textContent('#explain .decision'), /มีสิทธิ์.*600 บาท/);
  assert.ok(await page.locator('#explain ul.checks li.yes').count() >= 6);
  assert.equal(await page.locator('#explain ul.checks li.no').count(), 0);

  await page.click('button[value=verify]');
  await page.waitForURL(/done=verified/);
  assert.match(await page.textContent('.badge.big'), /ตรวจสอบแล้ว/);
  // Applied with no document ticked: the application waits for them.
  assert.match(await page.textContent('ol.steps li:first-child'), /ยังไม่ได้ตรวจเอกสาร: บัตรประจำตัวประชาชน, สำเนาทะเบียนบ้าน/);
  assert.match(await page.textContent('#documents .alert'), /สำเนาสมุดบัญชีเงินฝากธนาคาร/);
  await page.click('button[value=approve]');
  assert.match(await page.textContent('#step .alert'), /ยังอนุมัติไม่ได้ ยังไม่ได้ตรวจเอกสาร: บัตรประจำตัวประชาชน/);
  assert.match(await page.textContent('.badge.big'), /ตรวจสอบแล้ว/, 'nothing moved');
  await shoot(page, 'program-enrolment-documents');
  for (const code of ['id_card', 'house_registration', 'bank_book'])
    await page.check(`#documents input[name=doc_${code}]`);
  await page.click('#documents button[type=submit]');
  await page.waitForURL(/done=documents/);
  assert.equal(await page.locator('#documents .alert').count(), 0, 'nothing missing');
  await page.click('button[value=approve]');
  await page.waitForURL(/done=approved/);
  assert.match(await page.textContent('.badge.big'), /กำลังรับเงิน/);
  assert.equal(await page.locator('ol.steps li').count(), 4, 'applied, verified, documents, approved');
  assert.equal(await page.locator('button[value=suspend]').count(), 1);
  await shoot(page, 'program-enrolment');

  // In English, the same page.
  await page.goto(elderUrl + '?lang=en');
  assert.match(await page.textContent('.badge.big'), /Receiving/);
  assert.match(await page.textContent('#explain .decision'), /eligible.*600 baht/);
  await page.screenshot({ path: `${OUT}/program-enrolment-en.png`, fullPage: true });
  await page.goto(elderUrl + '?lang=th');

  // The person's record lists the enrolment.
  await page.goto(`${srv.url}/persons/${ELDER.id}`);
  assert.match(await page.textContent('#programs'), /เบี้ยยังชีพผู้สูงอายุ/);
  assert.match(await page.textContent('#programs'), /กำลังรับเงิน/);
  await page.goto(srv.url + '/enrolments?status=active');
  assert.equal(await page.locator('main table tbody tr').count(), 3);
  await shoot(page, 'program-enrolments');
  await ctx.close();
  assert.deepEqual(errors, []);
});

test('a disability applicant without a card is refused with the rules\' reason', async () => {
  const { page, ctx, errors } = await login('officer');
  await page.goto(`${srv.url}/persons/${DISABLED.id}`);
  await page.click('a:has-text("ยื่นคำขอรับสวัสดิการ")');
  await page.selectOption('#c_program', { label: 'เบี้ยความพิการ' });
  await page.click('form[action="/enrolments/new"] button[type=submit]');
  assert.equal(await page.inputValue('#a_person'), String(DISABLED.id), 'the person came along');
  await page.fill('#a_date', APPLIED);
  await page.click('#apply button[type=submit]');
  await page.waitForURL(/\/enrolments\/\d+\?done=applied/);
  assert.match(await page.textContent('#explain .decision'), /ไม่มีสิทธิ์: ไม่มีบัตรประจำตัวคนพิการ/);
  assert.match(await page.textContent('#explain li.no'), /ไม่มีบัตรประจำตัวคนพิการ/);
  await page.click('button[value=verify]');
  assert.match(await page.textContent('#step .alert'), /ไม่มีสิทธิ์: ไม่มีบัตรประจำตัวคนพิการ/);
  assert.match(await page.textContent('.badge.big'), /ยื่นคำขอแล้ว/, 'nothing moved');
  await shoot(page, 'program-enrolment-refused');
  // Rejecting needs a reason.
  await page.click('button[value=reject]');
  assert.equal(await page.getAttribute('#s_note', 'aria-invalid'), 'true');
  await page.fill('#s_note', 'ยังไม่มีบัตรประจำตัวคนพิการ แนะนำให้ไปทำบัตรที่ พมจ.');
  await page.click('button[value=reject]');
  await page.waitForURL(/done=rejected/);
  assert.match(await page.textContent('.badge.big'), /ไม่อนุมัติ/);
  await ctx.close();
  assert.deepEqual(errors, []);
});

test('the month\'s payroll pays the elder 600 baht; approval, the bank file and the bank\'s result', async () => {
  const { page, ctx, errors } = await login('officer');
  await page.goto(srv.url + '/payrolls');
  assert.equal(await page.locator('#payrolls tbody tr').count(), 1, 'last month\'s roll');
  assert.equal(await page.inputValue('#g_office'), TAMBON);
  assert.equal(await page.inputValue('#g_month'), `${M}/${Y + 543}`);
  await page.fill('#g_month', '13/2569');
  await page.click('#gen button[type=submit]');
  assert.equal(await page.getAttribute('#g_month', 'aria-invalid'), 'true');
  await page.fill('#g_month', `${M}/${Y + 543}`);
  await page.click('#gen button[type=submit]');
  await page.waitForURL(/\/payrolls\/\d+\?done=generated/);
  const rollUrl = page.url().replace(/\?.*/, '');
  const row = page.locator('#lines tbody tr:has-text("ทองใบ สุขสม")');
  assert.equal(await row.count(), 1, 'the elder is on the roll');
  assert.match(await row.textContent(), /600\.00/);
  assert.match(await row.textContent(), new RegExp(dashed(ELDER.national_id)));
  assert.match(await row.textContent(), /รอจ่าย/);
  assert.equal(await page.locator('#lines tbody tr').count(), 3, 'the refused applicant is not on it');
  const late = page.locator('#lines tbody tr:has-text("บุญส่ง มาช้า")');
  assert.match(await late.textContent(), /1,200\.00 \(2 เดือน\)/, 'two months of back pay');
  assert.match(await late.textContent(), /1,800\.00/);
  const gone = page.locator('#lines tbody tr:has-text("สายทอง ย้ายบ้าน")');
  assert.match(await gone.textContent(), /ระงับการจ่าย/);
  assert.match(await gone.textContent(), /ย้ายออก: ทะเบียนบ้านอยู่นอกเขตหน่วยงานที่จ่าย/);
  assert.match(await page.textContent('.stats .stat:first-child dd'), /2,400\.00/);
  assert.match(await page.textContent('.badge.big'), /รออนุมัติ/);
  await shoot(page, 'payroll-roll');

  await page.click('#next button[type=submit]');
  await page.waitForURL(/done=payroll_approved/);
  assert.match(await page.textContent('.badge.big'), /อนุมัติแล้ว/);
  const csv = await page.request.get(srv.url + await page.getAttribute('a:has-text("CSV")', 'href'));
  assert.equal(csv.status(), 200);
  assert.match(csv.headers()['content-disposition'], /attachment/);
  assert.match(await csv.text(), new RegExp(`${ELDER.national_id},"ทองใบ สุขสม",old_age,600\\.00`));
  const bank = await page.request.get(srv.url + await page.getAttribute('a:has-text("ไฟล์ส่งธนาคาร")', 'href'));
  const text = await bank.text();
  assert.match(text, /^H\|SAWAT\|500101\|/);
  assert.match(text, /T\|2\|240000/);
  const lines = text.split('\n').filter((l) => l.startsWith('D|')).map((l) => l.split('|'));
  // The bank pays the line.
  await page.reload();
  assert.match(await page.textContent('.badge.big'), /ส่งธนาคารแล้ว/);
  await page.click('#bank summary');
  await page.fill('#b_result', 'ไม่ใช่ไฟล์');
  await page.click('#bank button[type=submit]');
  assert.equal(await page.getAttribute('#b_result', 'aria-invalid'), 'true');
  // The elder is paid; the late one's account is closed.
  await page.fill('#b_result', lines.map((d) => `${d[1]},${d[3]},${d[4]},${d[3] === ELDER.national_id ? 'paid,' : 'failed,บัญชีปิดแล้ว'}`).join('\n'));
  await page.click('#bank button[type=submit]');
  await page.waitForURL(/done=bank/);
  assert.match(await page.textContent('[role=status]'), /จ่ายแล้ว: 1 · โอนไม่สำเร็จ: 1/);
  assert.match(await row.textContent(), /จ่ายแล้ว/);
  assert.match(await late.textContent(), /ธนาคารโอนไม่สำเร็จ: บัญชีปิดแล้ว/);
  assert.match(await page.textContent('.badge.big'), /ส่งธนาคารแล้ว/, 'a failed line keeps the roll open');
  await shoot(page, 'payroll-roll-paid');
  await page.goto(srv.url + '/payrolls');
  assert.equal(await page.locator('#payrolls tbody tr').count(), 2);
  await shoot(page, 'payroll-list');
  await page.goto(rollUrl + '?lang=en');
  assert.match(await page.textContent('h1'), /Payroll/);
  await page.goto(rollUrl + '?lang=th');
  await ctx.close();
  assert.deepEqual(errors, []);
});

test('another tambon\'s officer gets 403; a POST without the CSRF token is refused', async () => {
  const { page, ctx } = await login('elsewhere');
  const res = await page.goto(elderUrl);
  assert.equal(res.status(), 403);
  assert.match(await page.textContent('main'), /นอกขอบเขต/);
  await shoot(page, 'program-forbidden');
  await ctx.close();

  const own = await login('officer');
  const post = await own.page.request.post(elderUrl + '/step', { form: { action: 'suspend', note: 'x' } });
  assert.equal(post.status(), 403);
  await own.page.goto(elderUrl);
  assert.match(await own.page.textContent('.badge.big'), /กำลังรับเงิน/, 'nothing changed');
  await own.ctx.close();
  assert.ok(programUrl);
});
