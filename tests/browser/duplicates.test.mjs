// Browser test of the duplicate review page in Debian's headless Chromium:
// a province officer adds two people with the same name and birth date
// through the API, opens /duplicates from the menu, scans the province,
// sees the pair side by side (B.E. dates, the formatted ID and "no ID"),
// merges keeping the one with the ID, and then finds the queue empty and
// the merged record gone from search. An auditor sees the pair without
// any forms; a form without the CSRF token is refused. Screenshots go to tests/browser/out/ to be looked at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { freshDb, sawat, startServer, Client } from '../http/lib.mjs';

const OUT = 'tests/browser/out';
const PW = 'browser-pass-123';
function thid(first12) {
  let s = 0;
  for (let i = 0; i < 12; i++) s += Number(first12[i]) * (13 - i);
  return first12 + ((11 - (s % 11)) % 10);
}
const NID = thid('350010077777');
const dashed = (d) => `${d[0]}-${d.slice(1, 5)}-${d.slice(5, 10)}-${d.slice(10, 12)}-${d[12]}`;
let env, srv, browser, keepId, goneId;

before(async () => {
  mkdirSync(OUT, { recursive: true });
  env = freshDb();
  sawat(env.db, ['init']);
  sawat(env.db, ['user', 'add', 'officer', '--role', 'province_officer', '--area', '50', '--display', 'สมศรี ตัวอย่าง', '--password-stdin'], PW + '\n');
  sawat(env.db, ['user', 'add', 'aud', '--role', 'auditor', '--area', '50', '--display', 'ผู้ตรวจ สอบทาน', '--password-stdin'], PW + '\n');
  srv = await startServer(env.db);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
  // The same woman entered twice: once with her ID, once (elsewhere) without.
  const r = await new Client(srv.url).post('/api/v1/login', { json: { username: 'officer', password: PW } });
  const auth = { Authorization: `Bearer ${r.json.token}` };
  const add = async (body) => {
    const res = await new Client(srv.url).post('/api/v1/persons', { json: body, headers: auth });
    assert.equal(res.status, 201, res.text);
    return res.json.id;
  };
  keepId = await add({ national_id: NID, title: 'นาง', given_name: 'บุญมา', family_name: 'ศรีสุข', sex: 'F',
    birth_date: '12/8/2500', area: '500101', house_no: '4', reg_status: 'house', nationality: 'TH' });
  goneId = await add({ title: 'นาง', given_name: 'บุญมา', family_name: 'ศรีสุข', sex: 'F',
    birth_date: '1957-08-12', area: '500102', house_no: '9/1', reg_status: 'house', nationality: 'TH' });
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

test('an officer scans and sees the pair side by side', async () => {
  const { page, ctx, errors } = await login('officer');
  await page.click('nav.main a[href="/duplicates"]');
  assert.equal(await page.getAttribute('nav.main a[href="/duplicates"]', 'aria-current'), 'page');
  assert.match(await page.textContent('nav.main a[href="/duplicates"]'), /ระเบียนซ้ำ/);
  assert.ok(await page.locator('main .empty').isVisible(), 'nothing before a scan');
  assert.equal(await page.inputValue('#area'), '50');

  await page.click('form[action="/duplicates/scan"] button[type=submit]');
  await page.waitForURL(/\/duplicates\?scanned=1$/);
  assert.match(await page.textContent('main .notice'), /ตรวจหาเสร็จแล้ว.*1/);
  assert.equal(await page.locator('article.pair').count(), 1);
  const pair = page.locator('article.pair');
  const text = await pair.textContent();
  assert.match(text, /ชื่อและวันเกิดตรงกัน/);
  assert.match(text, /คะแนน 100/);
  assert.equal((text.match(/นาง บุญมา ศรีสุข/g) || []).length, 2);
  assert.equal((text.match(/12 สิงหาคม 2500/g) || []).length, 2);
  assert.match(text, new RegExp(dashed(NID)));
  assert.match(text, /ไม่มีเลขประจำตัว/);
  assert.match(text, /หญิง/);
  assert.equal(await pair.locator(`a[href="/persons/${keepId}"]`).count(), 1);
  assert.equal(await pair.locator(`a[href="/persons/${goneId}"]`).count(), 1);
  assert.equal(await pair.locator('button', { hasText: 'รวมระเบียน เก็บรายการนี้ไว้' }).count(), 2);
  assert.equal(await pair.locator('button', { hasText: 'ไม่ใช่บุคคลเดียวกัน' }).count(), 1);
  // Side by side on a wide screen.
  const sides = pair.locator('.side');
  const [b0, b1] = [await sides.nth(0).boundingBox(), await sides.nth(1).boundingBox()];
  assert.ok(Math.abs(b0.y - b1.y) < 2 && b1.x > b0.x + b0.width - 1, 'the two sides share a row');
  await page.screenshot({ path: `${OUT}/duplicates.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  const [p0, p1] = [await sides.nth(0).boundingBox(), await sides.nth(1).boundingBox()];
  assert.ok(p1.y >= p0.y + p0.height, 'stacked on a phone');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no sideways scrolling on a phone (${overflow}px)`);
  await page.screenshot({ path: `${OUT}/duplicates-phone.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('an auditor sees the pair without scan or decision forms', async () => {
  const { page, ctx, errors } = await login('aud');
  await page.goto(srv.url + '/duplicates');
  assert.match(await page.textContent('h1'), /ระเบียนที่อาจซ้ำกัน/);
  assert.equal(await page.locator('article.pair').count(), 1);
  assert.equal(await page.locator('main form').count(), 0);
  assert.equal(await page.locator('main button').count(), 0);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the officer merges keeping the record with the ID; the queue empties', async () => {
  const { page, ctx, errors } = await login('officer');
  await page.goto(srv.url + '/duplicates');
  const pair = page.locator('article.pair');
  // Merge, keeping the record with the national ID.
  await pair.locator(`form:has(input[name=keep][value="${keepId}"]) button`).click();
  await page.waitForURL(/\/duplicates\?done=merged$/);
  assert.match(await page.textContent('main .notice'), /รวมระเบียนทั้งสองแล้ว/);
  assert.equal(await page.locator('article.pair').count(), 0);
  assert.ok(await page.locator('main .empty').isVisible());
  await page.screenshot({ path: `${OUT}/duplicates-merged.png`, fullPage: true });

  // Search finds only the kept record.
  await page.goto(srv.url + '/persons?q=' + encodeURIComponent('บุญมา'));
  assert.equal(await page.locator('main table tbody tr').count(), 1);
  assert.equal(await page.locator(`main table a[href="/persons/${keepId}"]`).count(), 1);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the officer dismisses a pair that are two people; a new scan leaves it dismissed', async () => {
  // Twins: the same family name and birth date, different given names that
  // differ by one letter, in the same village.
  const r = await new Client(srv.url).post('/api/v1/login', { json: { username: 'officer', password: PW } });
  const auth = { Authorization: `Bearer ${r.json.token}` };
  for (const given of ['สมชาย', 'สมชาติ']) {
    const res = await new Client(srv.url).post('/api/v1/persons', { headers: auth, json: {
      title: 'นาย', given_name: given, family_name: 'แฝดดี', sex: 'M', birth_date: '1/2/2530',
      area: '500103', house_no: '7', reg_status: 'house', nationality: 'TH' } });
    assert.equal(res.status, 201, res.text);
  }
  const { page, ctx, errors } = await login('officer');
  await page.goto(srv.url + '/duplicates');
  await page.click('form[action="/duplicates/scan"] button[type=submit]');
  await page.waitForURL(/\/duplicates\?scanned=\d+$/);
  const pair = page.locator('article.pair', { hasText: 'แฝดดี' });
  assert.equal(await pair.count(), 1);
  await pair.locator('button', { hasText: 'ไม่ใช่บุคคลเดียวกัน' }).click();
  await page.waitForURL(/\/duplicates\?done=dismissed$/);
  assert.ok(await page.locator('main .notice').isVisible());
  assert.equal(await page.locator('article.pair', { hasText: 'แฝดดี' }).count(), 0);
  await page.screenshot({ path: `${OUT}/duplicates-dismissed.png`, fullPage: true });
  // Scanning again does not bring the dismissed pair back.
  await page.click('form[action="/duplicates/scan"] button[type=submit]');
  await page.waitForURL(/\/duplicates\?scanned=\d+$/);
  assert.equal(await page.locator('article.pair', { hasText: 'แฝดดี' }).count(), 0);
  // Both are still in the register.
  await page.goto(srv.url + '/persons?q=' + encodeURIComponent('แฝดดี'));
  assert.equal(await page.locator('main table tbody tr').count(), 2);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a form without the CSRF token changes nothing', async () => {
  const { page, ctx } = await login('officer');
  const res = await page.request.post(srv.url + '/duplicates/scan', { form: { area: '50' }, maxRedirects: 0 });
  assert.equal(res.status(), 403);
  await ctx.close();
});
