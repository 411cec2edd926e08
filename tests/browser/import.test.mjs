// Browser test of importing a list through the web UI, in Debian's headless
// Chromium: a local officer opens the register, follows "import a list",
// uploads a CSV file with two bad rows (a wrong ID checksum, an impossible
// date) and one good one; the report lists the two problems first (row,
// column, Thai message) and offers no commit; nothing is in the register.
// The corrected file (TIS-620, as old Thai Windows programs write it) is
// read, committed with the button, and the new people are found by a
// partial Thai name; importing it again finds every row unchanged. An
// auditor sees the batches without the form; the area's list downloads as
// a CSV that starts with the import's header. Screenshots go to
// tests/browser/out/ to be looked at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { freshDb, sawat, startServer } from '../http/lib.mjs';

const OUT = 'tests/browser/out';
const PW = 'browser-pass-123';
function thid(first12) {
  let s = 0;
  for (let i = 0; i < 12; i++) s += Number(first12[i]) * (13 - i);
  return first12 + ((11 - (s % 11)) % 10);
}
const GOOD1 = thid('356010100001');
const GOOD2 = thid('356010100002');
const GOOD3 = thid('356010100003');
const badCheck = GOOD2.slice(0, 12) + String((Number(GOOD2[12]) + 1) % 10);
const HEAD = 'national_id,title,given_name,family_name,sex,birth_date,nationality,reg_status,area,house_no\n';
const BAD = HEAD +
  `${GOOD1},นาย,ประเสริฐ,ทองนำเข้า,M,1950-03-01,TH,house,560101,12\n` +
  `${badCheck},นาง,บัวผัน,ทองนำเข้า,F,1952-07-09,TH,house,560101,12\n` +
  `${GOOD3},เด็กหญิง,ปรียา,ทองนำเข้า,F,2015-02-30,TH,house,560101,12\n`;
const GOOD = HEAD +
  `${GOOD1},นาย,ประเสริฐ,ทองนำเข้า,M,1950-03-01,TH,house,560101,12\n` +
  `${GOOD2},นาง,บัวผัน,ทองนำเข้า,F,1952-07-09,TH,house,560101,12\n` +
  `${GOOD3},เด็กหญิง,ปรียา,ทองนำเข้า,F,2015-02-28,TH,house,560101,12\n`;
let env, srv, browser, dir;

before(async () => {
  mkdirSync(OUT, { recursive: true });
  env = freshDb();
  dir = mkdtempSync(join(tmpdir(), 'sawat-import-'));
  sawat(env.db, ['init']);
  sawat(env.db, ['user', 'add', 'local', '--role', 'local_officer', '--area', '560101', '--display', 'สมหญิง นำเข้า', '--password-stdin'], PW + '\n');
  sawat(env.db, ['user', 'add', 'aud', '--role', 'auditor', '--area', '56', '--display', 'ผู้ตรวจ สอบทาน', '--password-stdin'], PW + '\n');
  writeFileSync(`${dir}/bad.csv`, BAD);
  // The corrected list in TIS-620 (Windows-874), as legacy programs save it.
  writeFileSync(`${dir}/good.csv`, execFileSync('iconv', ['-f', 'UTF-8', '-t', 'TIS-620'], { input: GOOD }));
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
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function login(user) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'th-TH', acceptDownloads: true });
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

test('a file with bad rows is reported, errors first, and cannot be committed', async () => {
  const { page, ctx, errors } = await login('local');
  await page.goto(srv.url + '/persons');
  await page.click('main a[href="/imports"]');
  assert.match(await page.textContent('h1'), /นำเข้ารายชื่อ/);
  assert.ok(await page.locator('main .empty').isVisible(), 'no batches yet');
  await page.setInputFiles('#file', `${dir}/bad.csv`);
  await page.click('form[action="/imports"] button[type=submit]');
  await page.waitForURL(/\/imports\/\d+\?done=staged$/);
  assert.match(await page.textContent('main .notice'), /มีบางแถวที่มีปัญหา/);
  assert.match(await page.textContent('h1'), /bad\.csv/);
  const stats = await page.textContent('dl.stats');
  assert.match(stats, /จำนวนแถว\s*3/);
  assert.match(stats, /ปัญหา\s*2/);
  // The problems tab is open: one line per problem, by row and column, in Thai.
  assert.match(await page.textContent('nav.tabs a[aria-current=page]'), /แถวที่มีปัญหา \(2\)/);
  const rows = page.locator('main table tbody tr');
  assert.equal(await rows.count(), 2);
  assert.match(await rows.nth(0).textContent(), /^\s*3\s*เลขประจำตัวประชาชน \(national_id\)/);
  assert.match(await rows.nth(1).textContent(), /^\s*4\s*วันเกิด \(birth_date\).*กุมภาพันธ์มี 28 วัน/);
  assert.equal(await page.locator('form[action$="/commit"]').count(), 0, 'no commit with problems');
  assert.match(await page.textContent('main'), /รายชื่อที่มีปัญหาบันทึกลงทะเบียนไม่ได้/);
  await page.screenshot({ path: `${OUT}/import-errors.png`, fullPage: true });
  // On a phone the report reads without sideways scrolling (tables scroll in their own box).
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of [page.url(), srv.url + '/imports']) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no sideways scrolling on a phone at ${path} (${overflow}px)`);
  }
  await page.screenshot({ path: `${OUT}/import-list-phone.png`, fullPage: true });
  // Nothing reached the register.
  await page.goto(srv.url + '/persons?q=' + encodeURIComponent('ทองนำ'));
  assert.equal(await page.locator('main table tbody tr').count(), 0);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the corrected TIS-620 file is committed and its people found by name', async () => {
  const { page, ctx, errors } = await login('local');
  await page.goto(srv.url + '/imports');
  await page.setInputFiles('#file', `${dir}/good.csv`);
  await page.click('form[action="/imports"] button[type=submit]');
  await page.waitForURL(/\/imports\/\d+\?done=staged$/);
  assert.match(await page.textContent('main .notice'), /ทุกแถวผ่านการตรวจ/);
  assert.match(await page.textContent('dl.facts'), /TIS-620/);
  assert.match(await page.textContent('nav.tabs a[aria-current=page]'), /ผู้ลงทะเบียนใหม่ \(3\)/);
  await page.screenshot({ path: `${OUT}/import-staged.png`, fullPage: true });
  await page.click('form[action$="/commit"] button');
  await page.waitForURL(/\/imports\/\d+\?done=committed$/);
  assert.match(await page.textContent('main .notice'), /บันทึกแล้ว/);
  assert.match(await page.textContent('.hero .badge'), /บันทึกลงทะเบียนแล้ว/);
  assert.equal(await page.locator('main table tbody a[href^="/persons/"]').count(), 3);
  assert.match(await page.textContent('main table tbody'), /นาง บัวผัน ทองนำเข้า/);
  await page.screenshot({ path: `${OUT}/import-committed.png`, fullPage: true });

  await page.goto(srv.url + '/persons?q=' + encodeURIComponent('ทองนำ'));
  assert.equal(await page.locator('main table tbody tr').count(), 3);
  assert.match(await page.textContent('main table'), /บัวผัน/);

  // The same file again changes nothing.
  await page.goto(srv.url + '/imports');
  await page.setInputFiles('#file', `${dir}/good.csv`);
  await page.click('form[action="/imports"] button[type=submit]');
  await page.waitForURL(/\/imports\/\d+\?done=staged$/);
  assert.match(await page.textContent('dl.stats'), /ไม่เปลี่ยนแปลง\s*3/);
  assert.equal(await page.locator('form[action$="/commit"]').count(), 0, 'nothing to commit');
  await page.goto(srv.url + '/imports');
  assert.equal(await page.locator('main table tbody tr').count(), 3);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('an auditor reads the batches without the form and downloads the list', async () => {
  const { page, ctx, errors } = await login('aud');
  await page.goto(srv.url + '/imports');
  assert.equal(await page.locator('form[action="/imports"]').count(), 0);
  assert.equal(await page.locator('main table tbody tr').count(), 3);
  await page.goto(srv.url + '/persons?area=560101');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('a[href="/persons/export.csv?area=560101"]')]);
  const text = readFileSync(await dl.path(), 'utf8');
  assert.match(text, /^\uFEFFnational_id,title,given_name,family_name/);
  assert.equal(text.trim().split('\n').length, 4);
  assert.match(text, new RegExp(GOOD2));
  assert.deepEqual(errors, []);
  await ctx.close();
});
