// Browser test of the community welfare fund pages in Debian's headless
// Chromium. A treasurer (fund_committee) registers a fund, adds a branch and
// enrols members (a missing person number first, which saves nothing), records
// a month's collection sheet for the branch (a bad amount first: the error sits
// on its row and nothing is paid; then the sheet is sent twice with the same
// key and pays once), opens a printable receipt, records matching money, and
// takes a hospital claim from submission through check and approval to
// payment, watching the fund's money change on the dashboard; the ledger's
// trial balance agrees. An auditor sees the fund without forms; a treasurer
// of another tambon gets 403. Screenshots go to tests/browser/out/ (desktop
// 1280 and phone 390 wide) to be looked at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { freshDb, sawat, startServer, Client } from '../http/lib.mjs';

const OUT = 'tests/browser/out';
const PW = 'browser-pass-123';
const TAMBON = '500101';
const VILLAGE = '50010103';
let env, srv, browser, token;

// Dates as the forms take them: B.E. d/m/yyyy, counted from today in Bangkok.
function beDate(daysAgo) {
  const t = new Date(Date.now() + 7 * 3600e3 - daysAgo * 86400e3);
  return `${t.getUTCDate()}/${t.getUTCMonth() + 1}/${t.getUTCFullYear() + 543}`;
}
// A national ID with its check digit.
function thid(first12) {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (13 - i);
  return first12 + ((11 - (sum % 11)) % 10);
}
const NID = thid('350010055501');
// "1,234.50" -> 123450 satang.
const satang = (s) => Math.round(Number(String(s).replace(/[^0-9.-]/g, '')) * 100);

const people = [
  { given_name: 'สมศักดิ์', family_name: 'ใจงาม', sex: 'M', birth_date: '1970-03-04' },
  { given_name: 'มาลี', family_name: 'ศรีสุข', sex: 'F', birth_date: '1982-07-15' },
  { given_name: 'บุญมี', family_name: 'ทองดี', sex: 'M', birth_date: '1955-11-30' },
  { given_name: 'จันทร์เพ็ญ', family_name: 'แสงทอง', sex: 'F', birth_date: '1990-01-09', national_id: NID },
];

before(async () => {
  mkdirSync(OUT, { recursive: true });
  env = freshDb();
  sawat(env.db, ['init']);
  sawat(env.db, ['area', 'add-village', TAMBON, 'บ้านหนองบัว', '--moo', '3']);
  sawat(env.db, ['user', 'add', 'treasurer', '--role', 'fund_committee', '--area', TAMBON, '--display', 'ประภา เหรัญญิก', '--password-stdin'], PW + '\n');
  sawat(env.db, ['user', 'add', 'auditor', '--role', 'auditor', '--area', '50', '--display', 'ผู้ตรวจ บัญชี', '--password-stdin'], PW + '\n');
  sawat(env.db, ['user', 'add', 'nation', '--role', 'national_admin', '--area', 'TH', '--display', 'ส่วนกลาง', '--password-stdin'], PW + '\n');
  sawat(env.db, ['user', 'add', 'elsewhere', '--role', 'fund_committee', '--area', '500102', '--display', 'กรรมการ ตำบลอื่น', '--password-stdin'], PW + '\n');
  srv = await startServer(env.db);
  const c = new Client(srv.url);
  const r = await c.post('/api/v1/login', { json: { username: 'treasurer', password: PW } });
  token = { Authorization: `Bearer ${r.json.token}` };
  for (const p of people) {
    const res = await new Client(srv.url).post('/api/v1/persons', { json: { ...p, area: TAMBON, house_no: '9' }, headers: token });
    assert.equal(res.status, 201, res.text);
    p.id = res.json.id;
  }
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
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource: the server responded/.test(m.text())) errors.push(m.text()); });
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

// The fund's cash and bank money as the dashboard shows it, in satang.
async function fundMoney(page, fundUrl) {
  await page.goto(fundUrl);
  return satang(await page.textContent('.stats .stat:nth-child(3) dd'));
}

let fundUrl, memberUrl;

test('a treasurer registers a fund, adds a branch and enrols members', async () => {
  const { page, ctx, errors } = await login('treasurer');
  await page.click('nav.main a[href="/funds"]');
  assert.match(await page.textContent('h1'), /ศรีภูมิ/);
  await page.click('summary:has-text("ลงทะเบียนกองทุนใหม่")');
  assert.equal(await page.inputValue('#f_area'), TAMBON);
  await page.fill('#f_name', 'กองทุนสวัสดิการชุมชนตำบลศรีภูมิ');
  await page.fill('#f_founded', '1/1/2566');
  await page.fill('#f_reg', 'ชม.0123');
  await page.click('#fund button[type=submit]');
  await page.waitForURL(/\/funds\/\d+\?done=created$/);
  fundUrl = page.url().replace(/\?.*/, '');
  assert.match(await page.textContent('h1'), /กองทุนสวัสดิการชุมชนตำบลศรีภูมิ/);
  assert.match(await page.textContent('[role=status]'), /ลงทะเบียนกองทุนแล้ว/);

  // A branch for the village.
  await page.click('#branch summary');
  await page.fill('#b_name', 'บ้านหนองบัว หมู่ 3');
  await page.fill('#b_area', VILLAGE);
  await page.click('#branch button[type=submit]');
  await page.waitForURL(/done=branch/);
  assert.match(await page.textContent('#branch ul.branches'), /บ้านหนองบัว หมู่ 3/);

  // Enrolling without saying who: the error sits at the field, nothing is saved.
  await page.goto(fundUrl + '/members/new');
  await page.fill('#m_joined', beDate(400));
  await page.click('form.person button[type=submit]');
  assert.equal(await page.getAttribute('#m_person', 'aria-invalid'), 'true');
  assert.match(await page.textContent('#m_person-err'), /เลขทะเบียนบุคคล/);
  assert.equal(await page.inputValue('#m_joined'), beDate(400));
  await shoot(page, 'fund-member-new-error');

  // Three members in the branch by their record numbers, one without a
  // branch found by the national ID typed with dashes; all joined 400 days ago.
  for (const [i, p] of people.entries()) {
    await page.goto(fundUrl + '/members/new');
    if (p.national_id) await page.fill('#m_nid', `${NID[0]}-${NID.slice(1, 5)}-${NID.slice(5, 10)}-${NID.slice(10, 12)}-${NID[12]}`);
    else await page.fill('#m_person', String(p.id));
    await page.fill('#m_joined', beDate(400));
    if (i < 3) await page.selectOption('#m_branch', { label: 'บ้านหนองบัว หมู่ 3' });
    await page.fill('#m_ben', 'ผู้รับ ประโยชน์');
    await page.click('form.person button[type=submit]');
    await page.waitForURL(/\/funds\/members\/\d+\?done=enrolled/);
    p.memberUrl = page.url().replace(/\?.*/, '');
    assert.match(await page.textContent('h1'), new RegExp(p.given_name));
  }
  memberUrl = people[0].memberUrl;
  // The joining fee was received with a receipt, and the member is behind.
  assert.ok(await page.locator('a:has-text("พิมพ์ใบเสร็จ")').isVisible());
  assert.match(await page.textContent('main'), /ค้างชำระ/);
  await shoot(page, 'fund-member');

  await page.goto(fundUrl + '/members');
  assert.equal(await page.locator('main table tbody tr').count(), 4);
  await shoot(page, 'fund-members');
  await ctx.close();
  assert.deepEqual(errors, []);
});

test('the collection sheet records a branch meeting at once, and a double submit pays once', async () => {
  const { page, ctx, errors } = await login('treasurer');
  const before = await fundMoney(page, fundUrl);
  await shoot(page, 'fund-dashboard-before');

  // From the dashboard's branch row to the branch's sheet.
  await page.click('#branch a:has-text("ใบเก็บเงินสมทบ")');
  await page.waitForURL(/\/collect\?branch=\d+/);
  const rows = page.locator('table.sheet tbody tr');
  assert.equal(await rows.count(), 3, 'the branch has three members');
  const boxes = page.locator('table.sheet input.amount');
  const month = await boxes.nth(0).inputValue();
  assert.match(month, /^\d+\.00$/, 'prefilled with the month\'s due');
  assert.ok(satang(month) >= 2800 && satang(month) <= 3100, `a month at 1 baht a day: ${month}`);
  // Tab goes down the amount column.
  await boxes.nth(0).focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.name), 'a1');

  // Member 1 clears everything owed, member 2 did not come, member 3 mistypes.
  const owed = await boxes.nth(0).getAttribute('data-owed');
  await boxes.nth(0).fill(owed);
  await boxes.nth(1).fill('');
  await boxes.nth(2).fill('สามสิบ');
  await page.click('button:has-text("บันทึกการชำระเงินทั้งหมด")');
  assert.equal(await boxes.nth(2).getAttribute('aria-invalid'), 'true');
  assert.ok(await page.locator('table.sheet tr.bad .field-error').isVisible());
  assert.equal(await boxes.nth(0).inputValue(), owed, 'what was typed is kept');
  await shoot(page, 'fund-collect-error');

  // Corrected on the same page (same key): the money below proves the failed
  // submit paid nothing.
  await boxes.nth(2).fill('100');
  await shoot(page, 'fund-collect');
  const form = await page.evaluate(() => Object.fromEntries(new FormData(document.querySelector('table.sheet').closest('form'))));
  await page.click('button:has-text("บันทึกการชำระเงินทั้งหมด")');
  assert.match(await page.textContent('main'), /บันทึกการชำระเงินแล้ว/);
  assert.equal(await page.locator('main table tbody tr').count(), 2, 'two receipts');
  const paid = satang(owed) + 10000;
  assert.match(await page.textContent('.notice'), new RegExp(((paid / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })).replace('.', '\\.')));
  await shoot(page, 'fund-collected');

  // The same sheet sent again (a double click, a reload): nothing more is paid.
  const again = await page.request.post(fundUrl + '/collect', { form });
  assert.equal(again.status(), 200);
  assert.equal(await fundMoney(page, fundUrl), before + paid, 'the fund\'s money grew by the sheet once');
  await shoot(page, 'fund-dashboard-after');

  // The printable receipt: Thai, B.E. date, amount in words.
  await page.goto(fundUrl + '/receipts');
  assert.equal(await page.locator('main table tbody tr').count(), 4 + 2, 'four joining fees and two payments');
  await page.click('main table tbody tr:first-child a');
  await page.waitForURL(/\/funds\/receipts\/\d+$/);
  const slip = await page.textContent('article.receipt');
  assert.match(slip, /ใบเสร็จรับเงิน/);
  assert.match(slip, /กองทุนสวัสดิการชุมชนตำบลศรีภูมิ/);
  assert.match(slip, /25\d\d/, 'dated in the Buddhist Era');
  assert.match(slip, /หนึ่งร้อยบาทถ้วน|บาท/);
  assert.match(slip, /สมาชิกเลขที่/);
  await shoot(page, 'fund-receipt');
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: `${OUT}/fund-receipt-print.png`, fullPage: true });
  assert.equal(await page.locator('header.site').isVisible(), false, 'the receipt prints alone');
  await page.emulateMedia({ media: 'screen' });
  await ctx.close();
  assert.deepEqual(errors, []);
});

test('matching money comes in, and a hospital claim goes from submission to payment', async () => {
  const { page, ctx, errors } = await login('treasurer');
  // Matching money from CODI into cash.
  await page.goto(fundUrl + '/income');
  await page.selectOption('#i_kind', 'central_gov');
  await page.fill('#i_source', 'สถาบันพัฒนาองค์กรชุมชน (พอช.)');
  await page.fill('#i_amount', '5,000');
  await page.fill('#i_date', beDate(1));
  await page.click('#income button[type=submit]');
  await page.waitForURL(/done=income/);
  assert.match(await page.textContent('main'), /5,000\.00/);
  await shoot(page, 'fund-income');

  // A bank account, 3,000 baht moved into it (the fund's money stays the
  // same), and a small administration cost (it goes down by that).
  const start = await fundMoney(page, fundUrl);
  await page.click('#bank summary');
  await page.fill('#k_bank', 'ธ.ก.ส.');
  await page.fill('#k_branch', 'สาขาเมืองเชียงใหม่');
  await page.fill('#k_no', '020-1-23456-7');
  await page.fill('#k_name', 'กองทุนสวัสดิการชุมชนตำบลศรีภูมิ');
  await page.fill('#k_opened', beDate(30));
  await page.click('#bank button[type=submit]');
  await page.waitForURL(/done=bank/);
  assert.match(await page.textContent('#bank table'), /020-1-23456-7/);
  await page.goto(fundUrl + '/expenses');
  await page.selectOption('#x_kind', 'transfer');
  await page.fill('#x_amount', '3000');
  await page.fill('#x_date', beDate(1));
  await page.selectOption('#x_to', { index: 2 });
  await page.fill('#x_desc', 'นำเงินฝากธนาคาร');
  await page.click('#expense button[type=submit]');
  await page.waitForURL(/done=expense/);
  await page.selectOption('#x_kind', 'admin');
  await page.fill('#x_amount', '50');
  await page.fill('#x_date', beDate(1));
  await page.fill('#x_desc', 'ค่าเครื่องเขียน');
  await page.click('#expense button[type=submit]');
  await page.waitForURL(/done=expense/);
  await shoot(page, 'fund-expenses');
  const before = await fundMoney(page, fundUrl);
  assert.equal(before, start - 5000, 'a transfer keeps the money; the admin cost spends 50 baht');

  // The claim, from the member's page: two nights in hospital, admitted today (paid up before it).
  await page.goto(memberUrl);
  await page.click('a:has-text("ยื่นขอรับสวัสดิการให้สมาชิกคนนี้")');
  await page.selectOption('#c_benefit', 'hospital');
  await page.fill('#c_date', beDate(0));
  await page.fill('#c_units', '2');
  await page.fill('#c_note', 'โรงพยาบาลนครพิงค์');
  await shoot(page, 'fund-claim-new');
  await page.click('form.person button[type=submit]');
  await page.waitForURL(/\/funds\/claims\/\d+\?done=claim/);
  const claimUrl = page.url().replace(/\?.*/, '');
  assert.match(await page.textContent('.badge.big'), /ยื่นคำขอแล้ว/);
  assert.match(await page.textContent('main'), /400\.00/);
  assert.ok(await page.locator('ol.calc li').count() >= 2, 'the computation is shown');

  // Rejecting needs a note: the error sits at the note.
  await page.click('button[value=reject]');
  assert.equal(await page.getAttribute('#s_note', 'aria-invalid'), 'true');
  await page.click('button[value=check]');
  await page.waitForURL(/done=step/);
  assert.match(await page.textContent('.badge.big'), /ตรวจสอบแล้ว/);
  await page.fill('#s_note', 'เอกสารครบ อนุมัติตามระเบียบ');
  await page.click('button[value=approve]');
  await page.waitForURL(/done=step/);
  assert.match(await page.textContent('.badge.big'), /อนุมัติแล้ว/);
  await page.click('#pay button[type=submit]');
  await page.waitForURL(/done=claim_paid/);
  assert.match(await page.textContent('.badge.big'), /จ่ายแล้ว/);
  assert.ok(await page.locator('ol.steps li').count() >= 4);
  await shoot(page, 'fund-claim');
  assert.equal(await fundMoney(page, fundUrl), before - 40000, 'the fund paid 400 baht');
  await page.goto(fundUrl + '/claims');
  assert.equal(await page.locator('main table tbody tr').count(), 1);
  await shoot(page, 'fund-claims');
  await page.goto(claimUrl + '?lang=en');
  assert.match(await page.textContent('.badge.big'), /Paid/);
  assert.match(await page.textContent('ol.calc'), /night/);
  await page.screenshot({ path: `${OUT}/fund-claim-en.png`, fullPage: true });
  await page.goto(fundUrl + '?lang=th');

  // The books: the trial balance agrees, the cash book shows the movements.
  await page.goto(fundUrl + '/ledger?view=trial');
  assert.ok(await page.locator('.badge.ok:has-text("ยอดเดบิตเท่ากับยอดเครดิต")').isVisible());
  await shoot(page, 'fund-ledger-trial');
  await page.goto(fundUrl + '/ledger?view=cashbook');
  assert.ok(await page.locator('main table tbody tr').count() >= 5, 'opening balance, two payments, matching money, the claim');
  await shoot(page, 'fund-ledger-cashbook');
  await page.goto(fundUrl + '/ledger');
  await shoot(page, 'fund-ledger-journal');
  await page.goto(fundUrl + '/ledger?view=balance');
  assert.ok(await page.locator('.badge.ok').isVisible(), 'the balance sheet balances');
  await page.goto(fundUrl + '/statute');
  assert.match(await page.textContent('main'), /นอนโรงพยาบาล/);
  await shoot(page, 'fund-statute');
  await page.goto(fundUrl);
  assert.match(await page.textContent('main'), /นอนโรงพยาบาล/, 'benefits paid by type');
  await shoot(page, 'fund-dashboard');
  await page.goto(srv.url + '/funds');
  assert.match(await page.textContent('#funds table'), /กองทุนสวัสดิการชุมชนตำบลศรีภูมิ/);
  await shoot(page, 'fund-list');
  await ctx.close();
  assert.deepEqual(errors, []);
});

test('a rejected claim is resubmitted; a pledge, a reversal, a new statute version, a closed period', async () => {
  const { page, ctx, errors } = await login('treasurer');
  // A childbirth claim by a member who is behind on payments: rejected with a note, then resubmitted.
  await page.goto(fundUrl + '/claims/new');
  await page.fill('#c_no', '2');
  await page.selectOption('#c_benefit', 'birth');
  await page.fill('#c_date', beDate(0));
  await page.click('form.person button[type=submit]');
  await page.waitForURL(/\/funds\/claims\/\d+\?done=claim/);
  await page.fill('#s_note', 'ค้างส่งเงินสมทบ ให้ชำระก่อนแล้วยื่นใหม่');
  await page.click('button[value=reject]');
  await page.waitForURL(/done=step/);
  assert.match(await page.textContent('.badge.big'), /ไม่อนุมัติ/);
  await page.click('a:has-text("ยื่นคำขอนี้ใหม่")');
  assert.match(await page.textContent('main .note'), /ไม่ได้รับอนุมัติ/);
  assert.equal(await page.inputValue('#c_benefit'), 'birth');
  await shoot(page, 'fund-claim-resubmit');
  await page.click('form.person button[type=submit]');
  await page.waitForURL(/\/funds\/claims\/\d+\?done=claim/);
  assert.ok(await page.locator('a:has-text("คำขอที่ไม่อนุมัติ")').isVisible(), 'the new claim names the one it resubmits');

  // A pledge of matching money for this year's contributions.
  await page.goto(fundUrl + '/income');
  await page.click('#pledge summary');
  await page.selectOption('#g_source', 'local_gov');
  await page.fill('#g_name', 'องค์การบริหารส่วนตำบลศรีภูมิ');
  await page.fill('#g_amount', '10,000');
  await page.fill('#g_from', '1/1/2569');
  await page.fill('#g_to', '31/12/2569');
  await page.click('#pledge button[type=submit]');
  await page.waitForURL(/done=pledge/);
  assert.match(await page.textContent('#pledge table'), /10,000\.00/);

  // The administration cost reversed from the journal.
  const start = await fundMoney(page, fundUrl);
  await page.goto(fundUrl + '/ledger');
  const entry = page.locator('tbody.entry:has-text("ค่าเครื่องเขียน")');
  await entry.locator('summary').click();
  await entry.locator('input[name=reason]').fill('บันทึกซ้ำ');
  await entry.locator('button[type=submit]').click();
  await page.waitForURL(/done=reversed/);
  assert.ok(await page.locator('tbody.entry.reversed:has-text("ค่าเครื่องเขียน")').isVisible());
  assert.equal(await fundMoney(page, fundUrl), start + 5000, 'the 50 baht came back');

  // A new statute version: the joining fee becomes 30 baht from today.
  await page.goto(fundUrl + '/statute');
  await page.click('#statute summary');
  const rules = (await page.inputValue('#t_rules')).replace(/"joining_fee": *2000/, '"joining_fee": 3000');
  await page.fill('#t_rules', rules);
  await page.fill('#t_from', beDate(0));
  await page.fill('#t_note', 'มติที่ประชุมใหญ่');
  await page.click('#statute button[type=submit]');
  await page.waitForURL(/done=statute/);
  assert.equal(await page.locator('#versions tbody tr').count(), 2);
  assert.match(await page.textContent('main dl.facts'), /30\.00 บาท/);

  // Closing October: a payment dated in it is refused at the date field.
  await page.goto(fundUrl + '/ledger');
  const now = new Date(Date.now() + 7 * 3600e3);
  const lastDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  await page.fill('#k_date', `${lastDay.getUTCDate()}/${lastDay.getUTCMonth() + 1}/${lastDay.getUTCFullYear() + 543}`);
  await page.click('#close button[type=submit]');
  await page.waitForURL(/done=closed/);
  await page.goto(people[1].memberUrl);
  await page.fill('#p_amount', '30');
  await page.fill('#p_date', `1/${lastDay.getUTCMonth() + 1}/${lastDay.getUTCFullYear() + 543}`);
  await page.click('#pay button[type=submit]');
  assert.equal(await page.getAttribute('#p_date', 'aria-invalid'), 'true');
  await shoot(page, 'fund-member-closed-error');

  // The committee and the fund's details.
  await page.goto(fundUrl);
  await page.click('#committee summary');
  await page.fill('#c_person', String(people[2].id));
  await page.selectOption('#c_role', 'treasurer');
  await page.fill('#c_start', '1/1/2568');
  await page.fill('#c_end', '31/12/2571');
  await page.click('#committee button[type=submit]');
  await page.waitForURL(/done=committee/);
  assert.match(await page.textContent('#committee'), /บุญมี ทองดี · เหรัญญิก/);
  await page.click('#details summary');
  await page.fill('#d_phone', '053-123456');
  await page.click('#details button[type=submit]');
  await page.waitForURL(/done=saved/);
  assert.match(await page.textContent('#details dl'), /053-123456/);

  // A member resigns.
  await page.goto(people[3].memberUrl);
  await page.click('#end summary');
  await page.fill('#e_note', 'ย้ายไปอยู่ต่างจังหวัด');
  await page.click('#end button[type=submit]');
  await page.waitForURL(/done=ended/);
  assert.match(await page.textContent('main'), /ลาออก/);
  await ctx.close();
  assert.deepEqual(errors, []);
});

test('a national user drills down the roll-up: nation by region, the north, Chiang Mai, a district, the tambon', async () => {
  const { page, ctx, errors } = await login('nation');
  await page.click('nav.main a[href="/funds"]');
  await page.click('a:has-text("รายภาค")');
  await page.click('#rollup tbody a:has-text("เหนือ")');
  assert.match(await page.textContent('h1'), /เหนือ/);
  await page.click('#rollup tbody a:has-text("เชียงใหม่")');
  assert.match(await page.textContent('h1'), /เชียงใหม่/);
  await page.click('#rollup tbody a:has-text("เมืองเชียงใหม่")');
  await page.click('#rollup tbody a:has-text("ศรีภูมิ")');
  assert.match(await page.textContent('#funds table'), /กองทุนสวัสดิการชุมชนตำบลศรีภูมิ/);
  assert.ok(await page.locator('nav.crumbs a').count() >= 3, 'the way back up');
  await shoot(page, 'fund-list-tambon');
  await page.goto(srv.url + '/funds?area=TH');
  await shoot(page, 'fund-list-nation');
  await ctx.close();
  assert.deepEqual(errors, []);
});

test('an auditor reads without forms; another tambon\'s treasurer is refused', async () => {
  const aud = await login('auditor');
  await aud.page.goto(fundUrl);
  assert.match(await aud.page.textContent('h1'), /ศรีภูมิ/);
  assert.equal(await aud.page.locator('main form[method=post]').count(), 0);
  await aud.page.goto(fundUrl + '/collect');
  assert.equal(await aud.page.locator('button:has-text("บันทึกการชำระเงินทั้งหมด")').count(), 0);
  await aud.page.goto(srv.url + '/funds?area=50');
  await aud.page.screenshot({ path: `${OUT}/fund-list-province.png`, fullPage: true });
  await aud.ctx.close();

  const other = await login('elsewhere');
  const resp = await other.page.goto(fundUrl);
  assert.equal(resp.status(), 403);
  // A form posted without the CSRF token is refused too.
  const r = await other.page.request.post(fundUrl + '/branches', { form: { name: 'x', area: VILLAGE } });
  assert.equal(r.status(), 403);
  await other.ctx.close();
});
