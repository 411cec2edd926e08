// Browser test of coverage and outreach in Debian's headless Chromium. A
// national admin opens the coverage page from the program tabs: the
// provinces' tile cartogram (77 tiles, Bangkok fully covered, Chiang Mai at
// 33%, Thai names on the tiles), drills into Chiang Mai, its first
// district and the tambon of Si Phum (the target groups: three elders
// eligible, one receiving), and opens the gap list. A local officer turns
// the gap list into outreach cases and assigns one to the village's
// volunteer, who records the visit (an outcome is required; "not
// interested" closes it); the tambon's gap shrinks by one. The volunteer
// gets no assignment form, an officer of the tambon no district-wide
// coverage (403), and the English page reads in English. Screenshots go to
// tests/browser/out/ (desktop 1280 and phone 390 wide) to be looked at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { freshDb, sawat, startServer, Client } from '../http/lib.mjs';

const OUT = 'tests/browser/out';
const PW = 'browser-pass-123';
let env, srv, browser, oldAge, village, districts;
const people = {};

before(async () => {
  mkdirSync(OUT, { recursive: true });
  env = freshDb();
  sawat(env.db, ['init']);
  village = sawat(env.db, ['area', 'add-village', '500101', 'บ้านป่าแดด', '--moo', '1']).match(/500101\d\d/)[0];
  sawat(env.db, ['user', 'add', 'admin', '--role', 'national_admin', '--area', 'TH', '--display', 'ผู้ดูแลระบบ', '--password-stdin'], PW + '\n');
  sawat(env.db, ['user', 'add', 'officer', '--role', 'local_officer', '--area', '500101', '--display', 'วิไล สวัสดิการ', '--password-stdin'], PW + '\n');
  sawat(env.db, ['user', 'add', 'vol', '--role', 'volunteer', '--area', village, '--display', 'สมศรี อาสา', '--password-stdin'], PW + '\n');
  srv = await startServer(env.db);
  const c = new Client(srv.url);
  const r = await c.post('/api/v1/login', { json: { username: 'admin', password: PW } });
  const token = { Authorization: `Bearer ${r.json.token}` };
  const api = (method, path, json) => new Client(srv.url).req(method, path, { json, headers: token });
  oldAge = (await api('GET', '/api/v1/programs')).json.items.find((p) => p.code === 'old_age').id;
  districts = (await api('GET', '/api/v1/areas/50/children')).json.items.length;
  // Three elders in the village (one receiving), one in Bangkok receiving.
  const add = async (key, given, birth, area) => {
    const p = await api('POST', '/api/v1/persons', { given_name: given, family_name: 'ทดสอบ', sex: 'F', birth_date: birth,
      area, house_no: '5', reg_status: 'house', nationality: 'TH' });
    assert.equal(p.status, 201, p.text);
    const h = await api('POST', '/api/v1/households', { area, house_no: '5', monthly_income: 300000 });
    await api('POST', `/api/v1/households/${h.json.id}/members`, { person_id: p.json.id, relation: 'head' });
    people[key] = p.json.id;
  };
  await add('first', 'บุญมี', '1950-02-02', village);
  await add('second', 'คำแก้ว', '1953-03-03', village);
  await add('receiving', 'ทองดี', '1946-04-04', village);
  await add('bangkok', 'มาลัย', '1948-05-05', '100101');
  for (const [key, office] of [['receiving', '500101'], ['bangkok', '100101']]) {
    const a = await api('POST', '/api/v1/enrolments', { program_id: oldAge, person_id: people[key], office,
      applied_on: '2026-01-05', documents: ['id_card', 'house_registration', 'bank_book'] });
    assert.equal(a.status, 201, a.text);
    for (const step of ['verify', 'approve'])
      assert.equal((await api('POST', `/api/v1/enrolments/${a.json.id}/${step}`, { date: '2026-01-06' })).status, 200);
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

const tiles = (page) => page.locator('svg.tiles g.tile:not(.legend)');
const tile = (page, name) => page.locator(`svg.tiles g.tile:not(.legend):has(text.name:text-is("${name}"))`);

test('the coverage map drills down from the nation to a tambon and its gap list', async () => {
  const { page, ctx, errors } = await login('admin');
  await page.click('nav.main a[href="/programs"]');
  await page.click('nav.tabs a[href="/coverage"]');
  await page.waitForURL(/\/coverage\/TH$/);
  assert.match(await page.textContent('h1'), /ความครอบคลุม: ประเทศไทย/);
  await page.selectOption('#c_program', { label: 'เบี้ยยังชีพผู้สูงอายุ' });
  await page.click('form[action="/coverage/TH"] button[type=submit]');
  await page.waitForURL(/program=\d+/);
  assert.equal(await tiles(page).count(), 77, 'a tile per province');
  assert.match(await tile(page, 'กรุงเทพมหานคร').textContent(), /100%/);
  assert.equal(await tile(page, 'กรุงเทพมหานคร').getAttribute('class'), 'tile s4');
  assert.match(await tile(page, 'เชียงใหม่').textContent(), /33%/);
  assert.equal(await tile(page, 'เชียงใหม่').getAttribute('class'), 'tile s0');
  assert.equal(await tile(page, 'พะเยา').getAttribute('class'), 'tile none', 'no one entitled');
  assert.match(await page.textContent('svg.tiles'), /95% ขึ้นไป/, 'the legend');
  // Thai renders in a Thai font: the name's box is as wide as a word, not as tofu boxes.
  const box = await tile(page, 'เชียงใหม่').locator('text.name').boundingBox();
  assert.ok(box.width > 20 && box.height > 5, JSON.stringify(box));
  assert.match(await page.textContent('#totals'), /50\.0%/);
  assert.match(await page.textContent('#areas tbody tr:has-text("เชียงใหม่")'), /33\.3%/);
  await page.locator('#map').screenshot({ path: `${OUT}/coverage-nation-map.png` });
  await shoot(page, 'coverage-nation');

  await tile(page, 'เชียงใหม่').click();
  await page.waitForURL(/\/coverage\/50\?/);
  assert.match(await page.textContent('h1'), /เชียงใหม่/);
  assert.equal(await tiles(page).count(), districts, 'a tile per district');
  assert.match(await page.textContent('nav.crumbs'), /ประเทศไทย/);
  await shoot(page, 'coverage-province');
  await tile(page, 'เมืองเชียงใหม่').click();
  await page.waitForURL(/\/coverage\/5001\?/);
  await tile(page, 'ศรีภูมิ').click();
  await page.waitForURL(/\/coverage\/500101\?/);
  assert.match(await page.textContent('#areas'), /บ้านป่าแดด/);
  const elderly = page.locator('#groups tbody tr:has-text("ผู้สูงอายุ")');
  assert.match(await elderly.textContent(), /3\s*1\s*2\s*33\.3%/);
  await shoot(page, 'coverage-tambon');

  await page.click('a:has-text("ดูรายชื่อผู้ตกหล่น")');
  await page.waitForURL(/\/gaps\?area=500101/);
  assert.equal(await page.locator('#gaps tbody tr').count(), 2);
  assert.match(await page.textContent('#gaps'), /บุญมี ทดสอบ/);
  assert.match(await page.textContent('#gaps tbody tr:has-text("บุญมี")'), /ยังไม่เคยยื่นคำขอ\s*700\.00/);
  await page.click('nav.tabs.sub a:has-text("ไม่มีบัตรประจำตัวคนพิการ")');
  assert.match(await page.textContent('#gaps .empty'), /ไม่มีผู้ตกหล่น/);
  await page.click('nav.tabs.sub a:has-text("ยังไม่เคยยื่นคำขอ")');
  assert.equal(await page.locator('#gaps tbody tr').count(), 2);
  await shoot(page, 'coverage-gaps');
  await ctx.close();
  assert.deepEqual(errors, []);
});

test('an officer makes outreach cases and assigns one; the volunteer records the visit', async () => {
  const { page, ctx, errors } = await login('officer');
  await page.goto(`${srv.url}/gaps?area=500101&program=${oldAge}`);
  await page.click('#outreach button[type=submit]');
  await page.waitForURL(/\/outreach\?.*done=outreach/);
  assert.match(await page.textContent('[role=status]'), /สร้างงานติดตามจากรายชื่อผู้ตกหล่นแล้ว งานติดตามที่สร้างใหม่: 2/);
  assert.equal(await page.locator('#cases tbody tr').count(), 2);
  await page.click('#cases a:has-text("บุญมี ทดสอบ")');
  await page.waitForURL(/\/outreach\/\d+$/);
  const caseUrl = page.url();
  assert.match(await page.textContent('#case-status'), /ยังไม่มอบหมาย/);
  await page.selectOption('#a_volunteer', 'vol');
  await page.click('#assign button[type=submit]');
  await page.waitForURL(/done=assigned/);
  assert.match(await page.textContent('#case-status'), /มอบหมายแล้ว/);
  await shoot(page, 'outreach-case');
  await ctx.close();
  assert.deepEqual(errors, []);

  const v = await login('vol');
  await v.page.goto(srv.url + '/outreach');
  assert.equal(await v.page.locator('#cases tbody tr').count(), 1, 'the volunteer\'s own case');
  await shoot(v.page, 'outreach-volunteer');
  await v.page.click('#cases a:has-text("บุญมี ทดสอบ")');
  assert.equal(await v.page.locator('#assign').count(), 0, 'volunteers do not assign');
  await v.page.click('#visit button[type=submit]');
  assert.equal(await v.page.getAttribute('#visit fieldset', 'aria-invalid'), 'true', 'an outcome is required');
  await v.page.check('#visit input[value=not_interested]');
  await v.page.fill('#v_note', 'ลูกส่งเงินให้ทุกเดือน ไม่ประสงค์รับ');
  await v.page.click('#visit button[type=submit]');
  await v.page.waitForURL(/done=visited/);
  assert.match(await v.page.textContent('#case-status'), /เยี่ยมแล้ว/);
  assert.match(await v.page.textContent('#case-outcome'), /ไม่ประสงค์รับ/);
  assert.equal(await v.page.locator('#visit').count(), 0, 'closed');
  assert.equal(v.page.url().replace(/\?.*/, ''), caseUrl);
  await v.ctx.close();
  assert.deepEqual(v.errors, []);

  // The gap shrinks: one missing out, one declined.
  const o = await login('officer');
  await o.page.goto(`${srv.url}/coverage/500101?program=${oldAge}`);
  assert.match(await o.page.textContent('#totals .stat.bad dd'), /^1$/);
  assert.match(await o.page.textContent('table.costs'), /ไม่ประสงค์รับเมื่อไปเยี่ยม[^0-9]*1/);
  const res = await o.page.goto(`${srv.url}/coverage/5001?program=${oldAge}`);
  assert.equal(res.status(), 403, 'beyond the tambon');
  assert.equal((await o.page.goto(`${srv.url}/coverage/500101?program=${oldAge}&lang=en`)).status(), 200);
  assert.match(await o.page.textContent('h1'), /Coverage: /);
  assert.match(await o.page.textContent('#totals'), /Coverage rate/);
  assert.match(await o.page.textContent('#groups'), /Elderly/);
  await o.page.goto(`${srv.url}/coverage/500101?lang=th`);
  await o.ctx.close();
});
