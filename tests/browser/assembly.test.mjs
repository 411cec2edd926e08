// Browser test of the welfare assembly pages in Debian's headless Chromium.
// The province officer of Phayao creates a provincial assembly through the
// form (B.E. dates), sets invitation quotas for two tambons, registers
// participants from both tambons by finding them in the registry (and a
// guest speaker), sees the quota refused with the area and the number named,
// withdraws one participant with the reason (which frees the tambon's
// place for another), adds a breakout group for the elderly, signs people
// in for the first day, records the breakout group's proposal and follows it through
// "submitted" to "adopted" (a skipped state is not even offered), then
// reads the area report with its chart and downloads the sign-in sheet.
// Chiang Mai's officer gets 403 on the event. Screenshots go to
// tests/browser/out/ (desktop 1280 and phone 390 wide) to be looked at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { freshDb, sawat, startServer, Client } from '../http/lib.mjs';

const OUT = 'tests/browser/out';
const PW = 'browser-pass-123';
let env, srv, browser;

const now = new Date(Date.now() + 7 * 3600e3);
const be = (d) => `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear() + 543}`;
const YESTERDAY = new Date(now.getTime() - 86400e3);
function thid(first12) {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (13 - i);
  return first12 + ((11 - (sum % 11)) % 10);
}
const PEOPLE = [
  { national_id: thid('356010100101'), given_name: 'บัวผัน', family_name: 'ใจงาม', area: '560101' },
  { national_id: thid('356010100102'), given_name: 'บัวลอย', family_name: 'ใจงาม', area: '560101' },
  { national_id: thid('356010200103'), given_name: 'คำแปง', family_name: 'ศรีเมือง', area: '560102' },
];

before(async () => {
  mkdirSync(OUT, { recursive: true });
  env = freshDb();
  sawat(env.db, ['init']);
  sawat(env.db, ['user', 'add', 'phayao', '--role', 'province_officer', '--area', '56', '--display', 'พมจ. พะเยา', '--password-stdin'], PW + '\n');
  sawat(env.db, ['user', 'add', 'chiangmai', '--role', 'province_officer', '--area', '50', '--display', 'พมจ. เชียงใหม่', '--password-stdin'], PW + '\n');
  srv = await startServer(env.db);
  const c = new Client(srv.url);
  const r = await c.post('/api/v1/login', { json: { username: 'phayao', password: PW } });
  const token = { Authorization: `Bearer ${r.json.token}` };
  for (const p of PEOPLE) {
    const res = await c.post('/api/v1/persons', { json: { ...p, sex: 'F', birth_date: '1955-04-01', nationality: 'TH', reg_status: 'house', house_no: '3' }, headers: token });
    assert.equal(res.status, 201, res.text);
    p.id = res.json.id;
  }
  const org = await c.post('/api/v1/orgs', { json: { kind: 'community_welfare', name_th: 'เครือข่ายองค์กรสวัสดิการชุมชนจังหวัดพะเยา', area: '56' }, headers: token });
  assert.equal(org.status, 201, org.text);
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

let eventUrl;

test('an assembly is created, people from two tambons register, and a proposal is followed to adopted', async () => {
  const { page, ctx, errors } = await login('phayao');
  await page.click('nav.main a[href="/assemblies"]');
  assert.match(await page.textContent('h1'), /พะเยา/);
  await page.click('#new summary');
  await page.fill('#n_title', 'สมัชชาสวัสดิการสังคมจังหวัดพะเยา');
  await page.selectOption('#n_level', 'province');
  assert.equal(await page.inputValue('#n_area'), '56');
  await page.fill('#n_from', be(YESTERDAY));
  await page.fill('#n_to', be(now));
  await page.fill('#n_budget', '150,000');
  await page.fill('#n_venue', 'หอประชุมศาลากลางจังหวัดพะเยา');
  await page.fill('#n_orgs', 'สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดพะเยา\nเครือข่ายกองทุนสวัสดิการชุมชนจังหวัดพะเยา');
  // The organising organisation is picked from the register of organisations.
  await page.selectOption('#n_org', { label: 'เครือข่ายองค์กรสวัสดิการชุมชนจังหวัดพะเยา' });
  await page.click('#new button[type=submit]');
  await page.waitForURL(/\/assemblies\/\d+\?done=created/);
  eventUrl = page.url().replace(/[?#].*/, '');
  assert.match(await page.textContent('h1'), /สมัชชาสวัสดิการสังคมจังหวัดพะเยา/);
  assert.match(await page.textContent('main'), /150,000\.00/);
  assert.match(await page.textContent('main'), /เครือข่ายองค์กรสวัสดิการชุมชนจังหวัดพะเยา/);

  // Quotas: one person from Wiang, nine from Mae Tam.
  for (const [area, n] of [['560101', '1'], ['560102', '9']]) {
    await page.click('#quotas summary');
    await page.fill('#q_area', area);
    await page.fill('#q_quota', n);
    await page.click('#quotas button[type=submit]');
    await page.waitForURL(/done=quota/);
  }
  assert.equal(await page.locator('#quotas tbody tr').count(), 3);

  // Registration from the registry, by name, for both tambons.
  await page.click('a:has-text("ลงทะเบียนผู้เข้าร่วม")');
  for (const p of [PEOPLE[0], PEOPLE[2]]) {
    await page.fill('#r_q', p.given_name);
    await page.click('#person button[type=submit]');
    await page.click(`#person form:has(input[name=person_id][value="${p.id}"]) button`);
    await page.waitForURL(/done=registered/);
    await page.click('a:has-text("ลงทะเบียนผู้เข้าร่วม")');
  }
  // The second person from Wiang is above its quota: refused, naming the area and the quota.
  await page.fill('#r_q', PEOPLE[1].given_name);
  await page.click('#person button[type=submit]');
  await page.click(`#person form:has(input[name=person_id][value="${PEOPLE[1].id}"]) button`);
  const alert = await page.textContent('#person .alert');
  assert.match(alert, /เวียง/);
  assert.match(alert, /560101/);
  assert.match(alert, /1 คน/);
  await shoot(page, 'assembly-register-quota');
  // A guest speaker, outside the quotas.
  await page.fill('#g_name', 'ดร.สมศักดิ์ วงศ์ใหญ่');
  await page.fill('#g_org', 'มหาวิทยาลัยพะเยา');
  await page.fill('#g_origin', '560101');
  await page.selectOption('#g_role', 'speaker');
  await page.click('#guest button[type=submit]');
  await page.waitForURL(/done=registered/);
  assert.equal(await page.locator('#registrations tbody tr').count(), 3);
  assert.match(await page.textContent('#registrations'), /แม่ต๋ำ/);
  assert.match(await page.textContent('#registrations'), /เวียง/);

  // The first person from Wiang cannot come: withdrawn, with the reason
  // (asked for when left out), which frees Wiang's one place for the second.
  const row = () => page.locator(`#registrations tbody tr:has(a[href="/persons/${PEOPLE[0].id}"])`);
  const regId = (await row().getAttribute('id')).replace('reg-', '');
  await row().locator('details.withdraw summary').click();
  await row().locator('details.withdraw button[type=submit]').click();
  assert.match(await page.textContent(`#w_reason-${regId}-err`), /เหตุผล/);
  assert.equal(await page.getAttribute(`#w_reason-${regId}`, 'aria-invalid'), 'true');
  await row().locator(`#w_reason-${regId}`).fill('ติดภารกิจดูแลมารดาที่ป่วย');
  await row().locator('details.withdraw button[type=submit]').click();
  await page.waitForURL(/done=withdrawn/);
  assert.equal(await row().count(), 0);
  assert.match(await page.textContent('#withdrawn'), new RegExp(PEOPLE[0].given_name));
  assert.match(await page.textContent('#withdrawn'), /ติดภารกิจดูแลมารดาที่ป่วย/);
  assert.match(await page.textContent('#withdrawn'), /phayao/);
  assert.equal((await page.textContent('#quotas tbody tr:has-text("560101") td:nth-child(3)')).trim(), '0');
  await page.click('a:has-text("ลงทะเบียนผู้เข้าร่วม")');
  await page.fill('#r_q', PEOPLE[1].given_name);
  await page.click('#person button[type=submit]');
  await page.click(`#person form:has(input[name=person_id][value="${PEOPLE[1].id}"]) button`);
  await page.waitForURL(/done=registered/);
  assert.equal(await page.locator('#registrations tbody tr').count(), 3);
  assert.equal(await page.locator(`#registrations tbody tr:has(a[href="/persons/${PEOPLE[1].id}"])`).count(), 1);
  await shoot(page, 'assembly-withdrawn');

  // Sign-in for the first day.
  await page.click('#registrations details.signin summary');
  const boxes = page.locator('#registrations details.signin').first().locator('input[type=checkbox]');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.locator('#registrations details.signin').first().locator('button[type=submit]').click();
  await page.waitForURL(/done=attendance/);
  assert.equal(await page.locator('#registrations tbody .badge.ok').count(), 2);
  // Whoever signed in can no longer be withdrawn; the one who did not, still can.
  assert.equal(await page.locator('#registrations tbody tr:has(.badge.ok) details.withdraw').count(), 0);
  assert.equal(await page.locator('#registrations tbody tr:not(:has(.badge.ok)) details.withdraw').count(), 1);

  // A breakout group for the elderly, and its proposal.
  await page.click('#agenda summary');
  await page.selectOption('#a_kind', 'breakout');
  await page.fill('#a_title', 'กลุ่มย่อยผู้สูงอายุ');
  await page.fill('#a_from', '13:00');
  await page.fill('#a_to', '16:00');
  await page.selectOption('#a_group', 'elderly');
  await page.click('#agenda button[type=submit]');
  await page.waitForURL(/done=agenda/);
  await shoot(page, 'assembly-event');
  await page.click('a:has-text("บันทึกข้อเสนอของกลุ่มนี้")');
  assert.equal(await page.inputValue('#p_target'), 'elderly');
  await page.selectOption('#p_pillar', 'services');
  await page.fill('#p_problem', 'ผู้สูงอายุติดเตียงในตำบลขาดผู้ดูแลที่ผ่านการอบรม');
  await page.fill('#p_rec', 'จัดอบรมผู้ดูแลผู้สูงอายุตำบลละ 10 คน พร้อมค่าตอบแทนรายเดือน');
  await page.click('#prop button[type=submit]');
  assert.equal(await page.getAttribute('#p_body', 'aria-invalid'), 'true', 'the body asked to act is required');
  await page.fill('#p_body', 'องค์การบริหารส่วนจังหวัดพะเยา');
  await page.fill('#p_end', '42');
  await page.click('#prop button[type=submit]');
  await page.waitForURL(/\/proposals\/\d+\?done=proposed/);
  assert.match(await page.textContent('#status'), /เสนอในเวที/);
  // Only the next state is offered: submitted, then adopted.
  assert.equal(await page.locator('#step button[value=adopted]').count(), 0);
  await page.click('#step button[value=submitted]');
  assert.match(await page.textContent('#s_evidence-err'), /หลักฐาน/);
  await page.fill('#s_evidence', 'หนังสือจังหวัดพะเยา ที่ พย 0020/1234 ถึงนายก อบจ.');
  await page.fill('#s_ref', 'พย 0020/1234');
  await page.click('#step button[value=submitted]');
  await page.waitForURL(/done=step/);
  assert.match(await page.textContent('#status'), /ยื่นต่อหน่วยงานแล้ว/);
  await page.selectOption('#s_into', 'provincial_plan');
  await page.fill('#s_evidence', 'บรรจุในแผนพัฒนาจังหวัดพะเยา พ.ศ. 2570 ยุทธศาสตร์ที่ 3 หน้า 45');
  await page.click('#step button[value=adopted]');
  await page.waitForURL(/done=step/);
  assert.match(await page.textContent('#status'), /บรรจุในแผน/);
  assert.match(await page.textContent('main'), /แผนพัฒนาจังหวัด/);
  assert.equal(await page.locator('#road li strong').count(), 3);
  await shoot(page, 'assembly-proposal');

  // The report of the province for the year.
  await page.goto(srv.url + `/assemblies/report?area=56&year=${YESTERDAY.getUTCFullYear()}`);
  assert.equal((await page.textContent('#n-assemblies')).trim(), '1');
  assert.equal((await page.textContent('#n-proposals')).trim(), '1');
  assert.equal(await page.locator('svg[role=img]').count(), 2);
  await shoot(page, 'assembly-report');
  // The sign-in sheet is a PDF.
  const pdf = await page.request.get(eventUrl + '/signin.pdf');
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("another province's officer cannot open the event", async () => {
  const { page, ctx } = await login('chiangmai');
  const r = await page.goto(eventUrl);
  assert.equal(r.status(), 403);
  await ctx.close();
});
