// Browser test of the web UI shell in Debian's headless Chromium, driven by
// playwright-core: log in through the form, drill from the nation down to a
// tambon, add a village, switch to English and back. Screenshots are written
// to tests/browser/out/ to be looked at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { freshDb, sawat, startServer } from '../http/lib.mjs';

const OUT = 'tests/browser/out';
const PW = 'browser-pass-123';
let env, srv, browser;

before(async () => {
  mkdirSync(OUT, { recursive: true });
  env = freshDb();
  sawat(env.db, ['init']);
  sawat(env.db, ['user', 'add', 'officer', '--role', 'province_officer', '--area', '50', '--display', 'สมศรี ตัวอย่าง', '--password-stdin'], PW + '\n');
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

test('log in, browse nation → tambon, add a village, switch language', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'th-TH' });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Error statuses we provoke on purpose (401, 403, 409) are logged as failed loads; anything else is a bug.
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource: the server responded/.test(m.text())) errors.push(m.text()); });

  await page.goto(srv.url + '/');
  assert.match(page.url(), /\/login\?next=/);
  await page.screenshot({ path: `${OUT}/login.png` });
  await page.fill('input[name=username]', 'officer');
  await page.fill('input[name=password]', 'wrong-password-1');
  await page.click('button[type=submit], input[type=submit]');
  assert.ok(await page.locator('[role=alert]').isVisible(), 'a wrong password shows an alert');
  await page.fill('input[name=password]', PW);
  await page.click('button[type=submit], input[type=submit]');
  await page.waitForURL(srv.url + '/');
  const home = await page.textContent('main');
  assert.match(home, /เชียงใหม่/);
  assert.match(await page.textContent('header'), /สมศรี ตัวอย่าง/);
  await page.screenshot({ path: `${OUT}/home.png`, fullPage: true });

  // Nation → region → province → district → tambon.
  await page.goto(srv.url + '/areas');
  assert.match(await page.textContent('main'), /ภาคเหนือ/);
  assert.equal(await page.locator('main table tbody tr').count(), 1, 'only the region on the way to the scope');
  await page.click('main a[href="/regions/north"]');
  await page.click('main a[href="/areas/50"]');
  assert.match(await page.textContent('h1'), /เชียงใหม่/);
  await page.screenshot({ path: `${OUT}/province.png`, fullPage: true });
  await page.click('main a[href="/areas/5001"]');
  assert.match(await page.textContent('main'), /ศรีภูมิ/);
  await page.click('main a[href="/areas/500101"]');
  const crumbs = await page.textContent('nav.crumbs');
  assert.match(crumbs, /ประเทศไทย|ไทย/);
  assert.match(crumbs, /เชียงใหม่/);

  // Add a village through the form.
  await page.fill('input[name=moo]', '3');
  await page.fill('input[name=name_th]', 'บ้านสวนดอก');
  await page.click('form[action$="/villages"] button[type=submit]');
  await page.waitForURL(/\/areas\/500101#v50010103/);
  assert.match(await page.textContent('main'), /บ้านสวนดอก/);
  assert.match(await page.textContent('main'), /50010103/);
  // The same number again is refused with a message, and the typed name stays.
  await page.fill('input[name=moo]', '3');
  await page.fill('input[name=name_th]', 'บ้านซ้ำ');
  await page.click('form[action$="/villages"] button[type=submit]');
  assert.match(await page.textContent('main'), /หมู่ที่ 3 แล้ว/);
  assert.equal(await page.inputValue('input[name=name_th]'), 'บ้านซ้ำ');
  await page.screenshot({ path: `${OUT}/tambon.png`, fullPage: true });

  // English and back.
  await page.click('a[href="?lang=en"]');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.textContent('main'), /Village/);
  await page.screenshot({ path: `${OUT}/tambon-en.png`, fullPage: true });
  await page.goto(srv.url + '/areas/50');
  assert.equal(await page.getAttribute('html', 'lang'), 'en', 'the choice is remembered');
  assert.match(await page.textContent('main .alt'), /Chiang Mai/);
  await page.click('a[href="?lang=th"]');
  assert.equal(await page.getAttribute('html', 'lang'), 'th');

  // Another province is refused.
  const resp = await page.goto(srv.url + '/areas/56');
  assert.equal(resp.status(), 403);

  // Phone width.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(srv.url + '/areas/5001');
  await page.screenshot({ path: `${OUT}/district-phone.png`, fullPage: true });

  // Log out.
  await page.click('form[action="/logout"] button');
  await page.waitForURL(/\/login/);
  assert.deepEqual(errors, []);
});
