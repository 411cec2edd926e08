// Browser test of the registry pages in Debian's headless Chromium: a
// province officer adds a person through the form with a B.E. birth date
// (a wrong ID checksum first, which saves nothing), finds them by a partial
// Thai name typed with a space and by the national ID with dashes, opens the
// record and adds a disability without a card; a volunteer sees that
// sensitive entries are hidden; an officer of another province gets 403.
// Screenshots go to tests/browser/out/ to be looked at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { freshDb, sawat, startServer } from '../http/lib.mjs';

const OUT = 'tests/browser/out';
const PW = 'browser-pass-123';
// 1-1017-00123-45-? with its check digit, and the same with a wrong one.
function thid(first12) {
  let s = 0;
  for (let i = 0; i < 12; i++) s += Number(first12[i]) * (13 - i);
  return first12 + ((11 - (s % 11)) % 10);
}
const GOOD = thid('350010012345');
const BAD = GOOD.slice(0, 12) + ((Number(GOOD[12]) + 1) % 10);
const dashed = (d) => `${d[0]}-${d.slice(1, 5)}-${d.slice(5, 10)}-${d.slice(10, 12)}-${d[12]}`;
let env, srv, browser;

before(async () => {
  mkdirSync(OUT, { recursive: true });
  env = freshDb();
  sawat(env.db, ['init']);
  sawat(env.db, ['user', 'add', 'officer', '--role', 'province_officer', '--area', '50', '--display', 'สมศรี ตัวอย่าง', '--password-stdin'], PW + '\n');
  sawat(env.db, ['user', 'add', 'volunteer', '--role', 'volunteer', '--area', '500101', '--display', 'อาสา ใจดี', '--password-stdin'], PW + '\n');
  sawat(env.db, ['user', 'add', 'other', '--role', 'province_officer', '--area', '56', '--display', 'คนอื่น จังหวัดพะเยา', '--password-stdin'], PW + '\n');
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

let personUrl;

test('a province officer adds a person, finds them, records a disability without a card', async () => {
  const { page, ctx, errors } = await login('officer');
  await page.click('nav.main a[href="/persons"]');
  assert.match(await page.textContent('h1'), /ทะเบียนบุคคล/);
  await page.click('main a[href="/persons/new"]');

  // A wrong check digit: a field error, the typed values kept, nothing saved.
  await page.fill('#national_id', dashed(BAD));
  await page.fill('#title', 'นาง');
  await page.fill('#given_name', 'สมใจ');
  await page.fill('#family_name', 'รักถิ่น');
  await page.check('input[name=sex][value=F]');
  await page.fill('#birth_date', '5/1/2498');
  await page.fill('#area', '500101');
  await page.fill('#house_no', '12/3');
  await page.click('form.person button[type=submit]');
  assert.equal(await page.getAttribute('#national_id', 'aria-invalid'), 'true');
  assert.ok(await page.locator('#national_id-err').isVisible());
  assert.match(await page.textContent('#national_id-err'), /ตรวจสอบ|หลัก/);
  assert.equal(await page.inputValue('#given_name'), 'สมใจ');
  assert.equal(await page.inputValue('#birth_date'), '5/1/2498');
  await page.screenshot({ path: `${OUT}/person-form-error.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${OUT}/person-form-error-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(srv.url + '/persons');
  assert.ok(await page.locator('main .empty').isVisible(), 'nothing was saved');

  // The right number: saved, and the record shows the B.E. date and the age.
  await page.goto(srv.url + '/persons/new');
  await page.fill('#national_id', dashed(GOOD));
  await page.fill('#title', 'นาง');
  await page.fill('#given_name', 'สมใจ');
  await page.fill('#family_name', 'รักถิ่น');
  await page.check('input[name=sex][value=F]');
  await page.fill('#birth_date', '5/1/2498');
  await page.fill('#area', '500101');
  await page.fill('#house_no', '12/3');
  await page.click('form.person button[type=submit]');
  await page.waitForURL(/\/persons\/\d+$/);
  personUrl = page.url();
  const rec = await page.textContent('main');
  assert.match(rec, /5 มกราคม 2498/);
  assert.match(rec, new RegExp(dashed(GOOD)));
  const age = Number((await page.textContent('.facts')).match(/(\d+) ปี/)[1]);
  assert.ok(age >= 70 && age < 120, `age ${age}`);

  // Search by part of the name typed with a space, and by the dashed ID.
  await page.goto(srv.url + '/persons');
  await page.fill('#q', 'สม ใจ');
  await page.click('form.search button[type=submit]');
  assert.equal(await page.locator('main table tbody tr').count(), 1);
  assert.match(await page.textContent('main table'), /สมใจ รักถิ่น/);
  assert.match(await page.textContent('main table'), /2498/);
  await page.screenshot({ path: `${OUT}/person-search.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${OUT}/person-search-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.fill('#q', dashed(GOOD));
  await page.click('form.search button[type=submit]');
  assert.equal(await page.locator('main table tbody tr').count(), 1);
  await page.click('main table tbody a');
  assert.equal(page.url(), personUrl);

  // A disability without a card.
  await page.click('details.more summary:has-text("เพิ่มความต้องการ")');
  await page.selectOption('#kind', 'disability');
  await page.selectOption('#source', 'visit');
  await page.selectOption('#disability_type', 'physical');
  await page.click('form[action$="/needs"] button[type=submit]');
  await page.waitForURL(/#needs$/);
  assert.match(await page.textContent('#needs'), /ความพิการ/);
  assert.ok(await page.locator('#needs .badge.warn').isVisible());
  assert.match(await page.textContent('#needs .badge.warn'), /พิการแต่ไม่มีบัตร/);
  // Consent recorded, then withdrawn (PDPA): the entry stays, marked withdrawn.
  await page.click('details.more summary:has-text("บันทึกความยินยอม")');
  await page.fill('#purpose', 'welfare_registry');
  await page.click('form[action$="/consents"] button[type=submit]');
  await page.waitForURL(/#consents$/);
  assert.match(await page.textContent('#consents'), /welfare_registry/);
  await page.fill('#consents input[name=withdrawn_on]', '1/1/2600');
  await page.click('#consents form[action$="/withdraw"] button[type=submit]');
  assert.match(await page.textContent('#consents [role=alert]'), /./, 'a future date is refused with a message');
  await page.click('#consents form[action$="/withdraw"] button[type=submit]');
  await page.waitForURL(/#consents$/);
  assert.match(await page.textContent('#consents'), /ถอน/);
  assert.equal(await page.locator('#consents form[action$="/withdraw"]').count(), 0);
  await page.screenshot({ path: `${OUT}/person-record.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${OUT}/person-record-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  // History and the export.
  await page.click('a[href$="/history"]');
  assert.ok(await page.locator('ol.history > li').count() >= 2);
  await page.screenshot({ path: `${OUT}/person-history.png`, fullPage: true });
  const resp = await page.request.get(personUrl + '/export.json');
  assert.equal(resp.status(), 200);
  assert.match(resp.headers()['content-disposition'], /attachment/);
  assert.match(await resp.text(), /สมใจ/);
  await page.goto(personUrl + '/print');
  assert.match(await page.textContent('main'), /5 มกราคม 2498/);
  await ctx.close();
  assert.deepEqual(errors, []);
});

test('a volunteer sees that sensitive entries are hidden', async () => {
  const { page, ctx, errors } = await login('volunteer');
  await page.goto(personUrl);
  assert.match(await page.textContent('h1'), /สมใจ/);
  assert.ok(await page.locator('#needs .note').isVisible());
  assert.doesNotMatch(await page.textContent('#needs'), /พิการแต่ไม่มีบัตร/);
  await page.screenshot({ path: `${OUT}/person-record-volunteer.png`, fullPage: true });
  await ctx.close();
  assert.deepEqual(errors, []);
});

test('an officer of another province gets 403', async () => {
  const { page, ctx } = await login('other');
  const resp = await page.goto(personUrl);
  assert.equal(resp.status(), 403);
  await ctx.close();
});
