// Browser test of the civil-society network's pages in Debian's headless
// Chromium. A province officer registers a certified public-benefit
// organisation through the form (without its certificate first: the error
// sits at the field and what was typed stays), adds a member with a B.E.
// date and records an activity; opens the report with its charts; creates a
// provincial network, adds the organisation and sees the network's reach;
// registers a volunteer and assigns a village. A volunteer sees the lists
// without forms. Screenshots go to tests/browser/out/ (desktop 1280 and
// phone 390 wide) to be looked at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { freshDb, sawat, startServer, Client } from '../http/lib.mjs';

const OUT = 'tests/browser/out';
const PW = 'browser-pass-123';
let env, srv, browser, personId, orgUrl;

before(async () => {
  mkdirSync(OUT, { recursive: true });
  env = freshDb();
  sawat(env.db, ['init']);
  sawat(env.db, ['area', 'add-village', '560101', 'บ้านเวียง', '--moo', '1']);
  sawat(env.db, ['area', 'add-village', '560101', 'บ้านสันป่าม่วง', '--moo', '2']);
  sawat(env.db, ['area', 'add-village', '560102', 'บ้านแม่ต๋ำ', '--moo', '1']);
  sawat(env.db, ['user', 'add', 'phayao', '--role', 'province_officer', '--area', '56', '--display', 'พมจ. พะเยา', '--password-stdin'], PW + '\n');
  sawat(env.db, ['user', 'add', 'vol', '--role', 'volunteer', '--area', '56010101', '--display', 'อาสา บ้านเวียง', '--password-stdin'], PW + '\n');
  srv = await startServer(env.db);
  const r = await new Client(srv.url).post('/api/v1/login', { json: { username: 'phayao', password: PW } });
  const token = { Authorization: `Bearer ${r.json.token}` };
  const p = await new Client(srv.url).post('/api/v1/persons', {
    json: { given_name: 'คำปัน', family_name: 'ศรีวิชัย', sex: 'M', birth_date: '1962-04-13', area: '56010101', reg_status: 'house', nationality: 'TH' },
    headers: token,
  });
  assert.equal(p.status, 201, p.text);
  personId = p.json.id;
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

test('a province officer registers a certified organisation, a member and an activity', async () => {
  const { page, ctx, errors } = await login('phayao');
  await page.click('nav.main a[href="/orgs"]');
  assert.match(await page.textContent('h1'), /พะเยา/);
  await page.click('summary:has-text("ขึ้นทะเบียนองค์กร")');
  await page.selectOption('#o_kind', 'public_benefit');
  await page.fill('#o_name', 'มูลนิธิพัฒนาเด็กและครอบครัวพะเยา');
  await page.fill('#o_area', '560101');
  await page.fill('#o_founded', '12/3/2552');
  await page.click('#org button[type=submit]');
  // No certificate: the message sits at its field; nothing typed is lost.
  assert.equal(await page.getAttribute('#o_cert', 'aria-invalid'), 'true');
  assert.match(await page.textContent('#o_cert-err'), /หนังสือรับรอง/);
  assert.equal(await page.inputValue('#o_name'), 'มูลนิธิพัฒนาเด็กและครอบครัวพะเยา');
  await page.fill('#o_cert', 'พย 0003/2555');
  await page.fill('#o_cert_date', '20/8/2555');
  await page.click('#org button[type=submit]');
  await page.waitForURL(/\/orgs\/\d+\?done=created/);
  orgUrl = page.url().replace(/\?.*/, '');
  assert.match(await page.textContent('[role=status]'), /ขึ้นทะเบียนองค์กรแล้ว/);
  assert.match(await page.textContent('#details'), /20 ส\.ค\. 2555/);
  assert.match(await page.textContent('.stats'), /ยื่นขอรับทุนได้/);

  await page.click('#member summary');
  await page.fill('#m_person', String(personId));
  await page.selectOption('#m_role', 'chair');
  await page.fill('#m_since', '1/6/2560');
  await page.click('#member button[type=submit]');
  await page.waitForURL(/done=member/);
  assert.match(await page.textContent('#members table'), /คำปัน ศรีวิชัย/);
  assert.match(await page.textContent('#members table'), /1 มิ\.ย\. 2560/);

  await page.click('#activity summary');
  await page.fill('#a_title', 'ค่ายครอบครัวอบอุ่น');
  await page.fill('#a_date', '5/10/2569');
  await page.fill('#a_part', 'สามสิบ');
  await page.click('#activity button[type=submit]');
  assert.equal(await page.getAttribute('#a_part', 'aria-invalid'), 'true');
  await page.fill('#a_part', '30');
  await page.click('#activity button[type=submit]');
  await page.waitForURL(/done=activity/);
  assert.match(await page.textContent('#activities table'), /ค่ายครอบครัวอบอุ่น/);
  await shoot(page, 'org-page');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the report shows organisations by kind and area with charts', async () => {
  const { page, ctx, errors } = await login('phayao');
  await page.goto(srv.url + '/orgs');
  await page.click('nav.tabs a[href="/orgs/report"]');
  assert.equal(await page.locator('svg[role=img]').count(), 2);
  assert.match(await page.textContent('#table tbody'), /เมืองพะเยา/);
  const dl = await page.getAttribute('a[href^="/orgs/report.xlsx"]', 'href');
  assert.match(dl, /area=56/);
  await shoot(page, 'org-report');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a provincial network with the organisation, and a volunteer with a village', async () => {
  const { page, ctx, errors } = await login('phayao');
  await page.goto(srv.url + '/networks');
  await page.selectOption('#n_level', 'province');
  await page.fill('#n_area', '56');
  await page.fill('#n_name', 'เครือข่ายสวัสดิการชุมชนจังหวัดพะเยา');
  await page.click('#network button[type=submit]');
  await page.waitForURL(/\/networks\/\d+\?done=network/);
  await page.click('#join_org summary');
  await page.fill('#j_org', orgUrl.split('/').pop());
  await page.fill('#j_date', '1/1/2566');
  await page.click('#join_org button[type=submit]');
  await page.waitForURL(/done=joined/);
  assert.match(await page.textContent('#orgs'), /มูลนิธิพัฒนาเด็กและครอบครัวพะเยา/);
  assert.equal((await page.textContent('#reach .stat:nth-child(3) dd')).trim(), '1');
  assert.equal((await page.textContent('#reach .stat:nth-child(4) dd')).trim(), '1');
  await shoot(page, 'org-network');

  await page.goto(srv.url + '/volunteers');
  await page.fill('#v_person', String(personId));
  await page.fill('#v_area', '560101');
  await page.fill('#v_user', 'vol');
  await page.fill('#v_reg', '1/10/2565');
  await page.click('#volunteer button[type=submit]');
  await page.waitForURL(/done=volunteer/);
  await page.selectOption('#g_vol', { index: 1 });
  await page.fill('#g_area', '56010201');
  await page.fill('#g_since', '1/10/2565');
  await page.click('#assign button[type=submit]');
  assert.match(await page.textContent('#g_area-err'), /นอกพื้นที่/);
  await page.fill('#g_area', '56010101');
  await page.click('#assign button[type=submit]');
  await page.waitForURL(/done=assigned/);
  assert.match(await page.textContent('#list tbody'), /บ้านเวียง/);
  await shoot(page, 'org-volunteers');
  // Ending the assignment from the list.
  await page.click('#list button[aria-label^="สิ้นสุดการมอบหมาย"]');
  await page.waitForURL(/done=unassigned/);
  assert.doesNotMatch(await page.textContent('#list tbody'), /บ้านเวียง/);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a volunteer reads the lists and gets no forms', async () => {
  const { page, ctx, errors } = await login('vol', 390);
  await page.goto(srv.url + '/volunteers');
  assert.match(await page.textContent('#list'), /คำปัน ศรีวิชัย/);
  assert.equal(await page.locator('#assign').count(), 0);
  await page.goto(srv.url + '/orgs');
  assert.equal(await page.locator('#org').count(), 0);
  assert.deepEqual(errors, []);
  await ctx.close();
});
