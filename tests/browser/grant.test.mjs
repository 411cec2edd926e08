// Browser test of the grant fund pages in Debian's headless Chromium: the
// Phayao province officer opens a call, enters an organisation's
// application with budget lines and an indicator, takes it through
// screening, review (a declaration of no conflict and the rubric's
// scores), approval, the agreement with two tranches, both tranches, the
// final report, closing and the award, and downloads the certificate PDF,
// which is checked (pdfinfo, pdftotext) and rendered to PNG with pdftoppm
// to be looked at. The report page shows the grant in the north's roll-up;
// the channel's book, opened from the call's page, shows the journal and
// a trial balance that balances; Chiang Mai's officer is refused it.
// Screenshots go to tests/browser/out/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { freshDb, sawat, startServer } from '../http/lib.mjs';

const OUT = 'tests/browser/out';
const PW = 'browser-pass-123';
const ORG = 'องค์กรสวัสดิการชุมชนตำบลเวียง';
let env, srv, browser;

const now = new Date(Date.now() + 7 * 3600e3);
const be = (d) => `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear() + 543}`;

before(async () => {
  mkdirSync(OUT, { recursive: true });
  env = freshDb();
  sawat(env.db, ['init']);
  sawat(env.db, ['user', 'add', 'pyo', '--role', 'province_officer', '--area', '56', '--display', 'พมจ. พะเยา', '--password-stdin'], PW + '\n');
  // The organisation as a row until the network module's pages land.
  const q = `INSERT INTO org (kind, name_th, area, province, created_by, created_at, updated_at) VALUES ('community_welfare', '${ORG}', '560101', '56', 'test', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`;
  const r = spawnSync('sqlite3', [env.db, q], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  srv = await startServer(env.db);
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

test('a grant from application to certificate', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'th-TH' });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(srv.url + '/login');
  await page.fill('input[name=username]', 'pyo');
  await page.fill('input[name=password]', PW);
  await page.click('button[type=submit]');
  await page.waitForURL(srv.url + '/');
  await page.click('nav.main a[href="/grants"]');
  assert.match(await page.textContent('h1'), /ประกาศรับข้อเสนอโครงการ/);
  // A call of Phayao's channel.
  await page.fill('#c_title', 'ประกาศรับข้อเสนอโครงการ จังหวัดพะเยา');
  await page.fill('#c_budget', '1,000,000');
  await page.fill('#c_open', be(new Date(now - 5 * 864e5)));
  await page.fill('#c_close', be(new Date(+now + 30 * 864e5)));
  await page.fill('#c_tiers', 'small,medium');
  await page.fill('#c_min', '1');
  await page.click('text=เปิดรับข้อเสนอ');
  await page.waitForURL(/\/grants\/calls\/\d+$/);
  const callUrl = page.url();
  // The application with its budget lines.
  await page.selectOption('#a_org', { label: ORG });
  await page.fill('#a_title', 'ธนาคารข้าวเพื่อผู้สูงอายุและผู้ด้อยโอกาส');
  await page.fill('#a_summary', 'ชุมชนร่วมกันดูแลผู้สูงอายุด้วยธนาคารข้าว');
  await page.check('#tg_elderly');
  await page.check('#tg_disadvantaged');
  await page.fill('#item1', 'ค่าเมล็ดพันธุ์ข้าวและยุ้งฉาง');
  await page.fill('#amount1', '25,000');
  await page.fill('#item2', 'ค่าอบรมอาสาสมัคร');
  await page.fill('#amount2', '20,000');
  await page.fill('#ind1', 'ผู้สูงอายุที่ได้รับการดูแล');
  await page.fill('#unit1', 'คน');
  await page.fill('#target1', '120');
  await page.screenshot({ path: `${OUT}/grant-call.png`, fullPage: true });
  await page.click('text=บันทึกร่าง');
  await page.waitForURL(/\/grants\/\d+$/);
  const appUrl = page.url();
  assert.match(await page.textContent('#status'), /ร่าง/);
  const step = async (button, want) => {
    await page.click(`button:has-text("${button}")`);
    await page.waitForURL(appUrl);
    const alert = await page.locator('.alert').count();
    assert.equal(alert, 0, alert ? await page.textContent('.alert') : '');
    assert.match(await page.textContent('#status'), want);
  };
  await step('ยื่นคำขอ', /ยื่นแล้ว/);
  await step('บันทึกผลการกลั่นกรอง', /ผ่านการกลั่นกรอง/);
  await step('ส่งคณะอนุกรรมการพิจารณา', /อยู่ระหว่างพิจารณา/);
  await step('แจ้ง', /อยู่ระหว่างพิจารณา/);
  for (const [k, v] of [['relevance', 22], ['feasibility', 21], ['budget', 17], ['participation', 13], ['sustainability', 12]])
    await page.fill(`#sc_${k}`, String(v));
  await page.screenshot({ path: `${OUT}/grant-review.png`, fullPage: true });
  await step('บันทึกคะแนน', /อยู่ระหว่างพิจารณา/);
  await page.fill('#x_note', 'รายงานผลทุกไตรมาส');
  await step('อนุมัติ', /อนุมัติ/);
  await page.fill('#g_no', 'พย.กสส. 1/2569');
  await page.fill('#g_plan', '25,000; 20,000');
  await step('ลงนามสัญญา', /ลงนามสัญญาแล้ว/);
  await step('จ่ายเงินงวดที่', /ดำเนินโครงการ/);
  assert.match(await page.textContent('#disbursed'), /25,000\.00/);
  await page.fill('#r_body', 'ดูแลผู้สูงอายุ 134 คน ครบตามแผน');
  await page.fill('#actual1', '134');
  await step('รายงานฉบับสมบูรณ์', /รายงานผลแล้ว/);
  await step('จ่ายเงินงวดที่', /รายงานผลแล้ว/);
  assert.match(await page.textContent('#disbursed'), /45,000\.00/);
  await step('ปิดโครงการ', /ปิดโครงการ/);
  await step('มอบรางวัล', /ปิดโครงการ/);
  await page.screenshot({ path: `${OUT}/grant-app.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${OUT}/grant-app-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  // The same page in English.
  await page.goto(appUrl + '?lang=en');
  assert.match(await page.textContent('#status'), /Closed/);
  assert.match(await page.textContent('main'), /Download the certificate/);
  await page.goto(appUrl + '?lang=th');
  // The certificate.
  const href = await page.getAttribute('#certificate', 'href');
  const res = await ctx.request.get(srv.url + href);
  assert.equal(res.status(), 200);
  assert.equal(res.headers()['content-type'], 'application/pdf');
  const pdf = await res.body();
  assert.equal(pdf.subarray(0, 4).toString(), '%PDF');
  const file = `${OUT}/grant-certificate.pdf`;
  writeFileSync(file, pdf);
  const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  assert.match(info.stdout, /Pages:\s+1/);
  assert.match(info.stdout, /841\.89 x 595\.276/);
  const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
  for (const want of ['เกียรติบัตร', ORG, 'ธนาคารข้าวเพื่อผู้สูงอายุและผู้ด้อยโอกาส', 'จังหวัดพะเยา', 'ประธานคณะกรรมการ', 'พ.ศ.'])
    assert.ok(text.includes(want), `certificate lacks ${want}`);
  assert.match(text, /เลขที่ 56\/25\d\d\/001/);
  const png = spawnSync('pdftoppm', ['-png', '-r', '50', '-singlefile', file, `${OUT}/grant-certificate`]);
  assert.equal(png.status, 0);
  // The report.
  await page.goto(srv.url + '/grants/report');
  const report = await page.textContent('main');
  assert.match(report, /ภาคเหนือ/);
  assert.match(report, /พะเยา/);
  assert.match(report, /45,000\.00/);
  assert.equal(await page.locator('svg[role=img]').count(), 1);
  await page.screenshot({ path: `${OUT}/grant-report.png`, fullPage: true });
  const xlsx = await ctx.request.get(srv.url + await page.getAttribute('a[href*="format=xlsx"]', 'href'));
  assert.equal(xlsx.status(), 200);
  assert.equal((await xlsx.body()).subarray(0, 2).toString(), 'PK');

  // The channel's book, from the call's page: the journal in B.E. with the
  // call's budget, the commitment and both tranches, each linking back.
  await page.goto(callUrl);
  await page.click('#book');
  await page.waitForURL(/\/grants\/books\/56$/);
  assert.match(await page.textContent('h1'), /สมุดบัญชีของช่องทาง/);
  assert.match(await page.textContent('.hero'), /พะเยา/);
  assert.equal(await page.locator('table.journal tbody.entry').count(), 4);
  const journal = await page.textContent('table.journal');
  for (const want of ['งบประมาณตามประกาศ', 'ลงนามสัญญา', 'จ่ายเงินงวด', '1,000,000.00', '25,000.00', '20,000.00', '45,000.00'])
    assert.ok(journal.includes(want), `the journal lacks ${want}`);
  assert.match(journal, new RegExp(`${now.getUTCFullYear() + 543}`));
  assert.equal(await page.locator('table.journal form').count(), 0, 'a channel\'s book is read only');
  assert.equal(await page.locator(`table.journal a[href="${new URL(appUrl).pathname}"]`).count(), 3);
  await page.screenshot({ path: `${OUT}/grant-book.png`, fullPage: true });
  // The trial balance: debits equal credits, 1,000,000 baht each.
  await page.click('nav.tabs.sub a[href$="view=trial"]');
  await page.waitForURL(/view=trial/);
  assert.match(await page.textContent('tfoot'), /1,000,000\.00[\s\S]*1,000,000\.00/);
  assert.equal(await page.locator('.badge.ok').count(), 1);
  assert.match(await page.textContent('main'), /955,000\.00/);
  await page.screenshot({ path: `${OUT}/grant-book-trial.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${OUT}/grant-book-trial-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(srv.url + '/grants/books/56?view=balance&lang=en');
  assert.match(await page.textContent('h1'), /The channel's books/);
  assert.match(await page.textContent('main'), /The balance sheet balances/);
  await page.goto(srv.url + '/grants?lang=th');
  assert.equal(await page.locator('#books a[href="/grants/books/56"]').count(), 1);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("another province's officer cannot open the channel's book", async () => {
  sawat(env.db, ['user', 'add', 'cmi', '--role', 'province_officer', '--area', '50', '--password-stdin'], PW + '\n');
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'th-TH' });
  const page = await ctx.newPage();
  await page.goto(srv.url + '/login');
  await page.fill('input[name=username]', 'cmi');
  await page.fill('input[name=password]', PW);
  await page.click('button[type=submit]');
  await page.waitForURL(srv.url + '/');
  const r = await page.goto(srv.url + '/grants/books/56');
  assert.equal(r.status(), 403);
  await page.goto(srv.url + '/grants');
  assert.equal(await page.locator('#books').count(), 0);
  await ctx.close();
});
