// The commune form in Debian's chromium at a 360×740 phone and a 1366×768
// laptop (issue 10): no sideways scrolling, the label above a full-width
// input with the number keypad, the section numbers and the ratio beside the
// value; Enter moves to the next field and never submits; the server's checks
// run in the browser as each field is left, with the server's own words; the
// section index with its progress and the rows in error; a save comes back to
// the row the officer was at; two devices show their differences side by side.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, Client, PASSWORD, ecd } from '../lib/server.mjs';
import { launch, ARTIFACTS } from '../lib/browser.mjs';

const PHONE = { width: 360, height: 740 };
const LAPTOP = { width: 1366, height: 768 };
const REPORT = '/reports/30052/2024';
let srv, browser;

before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser.close(); await srv.stop(); });

async function open(viewport, username = 'xa.myhoa', password = PASSWORD, path = REPORT) {
  const ctx = await browser.newContext({ viewport, locale: 'vi-VN', isMobile: viewport === PHONE, hasTouch: viewport === PHONE });
  const page = await ctx.newPage();
  await page.goto(`${srv.base}/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  await page.goto(srv.base + path);
  return page;
}

const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const box = (page, sel) => page.locator(sel).first().boundingBox();

for (const [name, viewport] of [['phone', PHONE], ['laptop', LAPTOP]]) {
  test(`${name}: the form page never scrolls sideways`, async () => {
    const page = await open(viewport);
    assert.ok(await overflow(page) <= 0, `overflow ${await overflow(page)} px`);
    await page.screenshot({ path: join(ARTIFACTS, `form-${name}.png`), fullPage: true });
    await page.screenshot({ path: join(ARTIFACTS, `form-${name}-top.png`) });
    await page.context().close();
  });
}

test('phone: label above a full-width input, number keypad, section numbers kept, ratio beside the value', async () => {
  const page = await open(PHONE);
  const label = await box(page, '#row_vaccinated_under6 label');
  const input = await box(page, '#f_vaccinated_under6');
  assert.ok(label.y + label.height <= input.y + 1, 'the label sits above its input');
  assert.ok(input.width >= 200, `input ${input.width} px wide`);
  assert.equal(await page.getAttribute('#f_vaccinated_under6', 'inputmode'), 'numeric');
  const ratio = await box(page, '#ratio_vaccinated_under6');
  assert.ok(ratio.y < input.y + input.height && ratio.y + ratio.height > input.y, 'the ratio is on the input\'s line');
  assert.ok(ratio.x >= input.x + input.width - 1, 'the ratio is right of the input');
  for (const n of ['I', 'II', 'III', 'IV']) {
    const th = page.locator('tr.section th.tt', { hasText: new RegExp(`^${n}$`) });
    assert.ok(await th.isVisible(), `section ${n} visible`);
  }
  const font = await page.$eval('#f_children_0_8', (el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(font >= 16, 'no zoom on focus: inputs at 16 px or more');
  await page.context().close();
});

test('Enter moves to the next field and never submits; the page stays', async () => {
  const page = await open(PHONE);
  const url = page.url();
  await page.fill('#f_children_0_8', '585');
  await page.press('#f_children_0_8', 'Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f_children_under6');
  await page.press('#f_children_under6', 'Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f_children_6_8');
  await page.press('#f_budget_vnd', 'Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f_children_0_8');
  await page.waitForTimeout(300);
  assert.equal(page.url(), url, 'no submission');
  await page.context().close();
});

test('without JavaScript, Enter in a field does not send the form either', async () => {
  const ctx = await browser.newContext({ viewport: PHONE, locale: 'vi-VN', javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(`${srv.base}/login`);
  await page.fill('#username', 'xa.myhoa');
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  await page.goto(srv.base + REPORT);
  let posted = false;
  page.on('request', (req) => { if (req.method() === 'POST') posted = true; });
  await page.fill('#f_posters', '5');
  await page.press('#f_posters', 'Enter');
  await page.waitForTimeout(500);
  assert.equal(posted, false, 'no POST on Enter');
  assert.equal(await page.inputValue('#f_posters'), '5');
  await ctx.close();
});

test('a wrong value is flagged as soon as the field is left, in the server\'s words', async () => {
  const page = await open(PHONE);
  await page.fill('#f_children_6_8', '585');
  await page.fill('#f_schooling_6_8', '700');
  assert.equal(await page.locator('#row_schooling_6_8 .msg').count(), 0, 'nothing while typing');
  await page.press('#f_schooling_6_8', 'Tab');
  const client = (await page.textContent('#row_schooling_6_8 .msg.error')).trim();
  assert.match(client, /Số lượng \(700\) lớn hơn «[^»]*Số trẻ em từ 6-8 tuổi» \(585\)/);
  assert.equal(await page.textContent('#ratio_schooling_6_8'), '119,66%');
  assert.match(await page.textContent('.report [aria-live]'), /Số trẻ em từ 6-8 tuổi được đi học: ✗?\s*Số lượng \(700\)/, 'read out once');
  await page.fill('#f_posters', '1,302');
  await page.locator('#f_posters').blur();
  const comma = (await page.textContent('#row_posters .msg.error')).trim();
  assert.match(comma, /dấu phẩy/i);
  await page.fill('#f_child_friendly_models', '1 250');
  await page.locator('#f_child_friendly_models').blur();
  assert.match(await page.textContent('#row_child_friendly_models .msg.error'), /dấu cách/i);
  await page.fill('#f_radio_commune_times', '95%');
  await page.locator('#f_radio_commune_times').blur();
  assert.match(await page.textContent('#row_radio_commune_times .msg.error'), /phần trăm/i);
  await page.fill('#f_staff_trained', '1.302');
  await page.locator('#f_staff_trained').blur();
  assert.equal(await page.locator('#row_staff_trained .msg').count(), 0, '1.302 is a count');
  // the index lists the rows in error, reachable from the top
  const index = await page.textContent('.form-index');
  assert.match(index, /Số pano/);
  await page.screenshot({ path: join(ARTIFACTS, 'form-phone-blur-errors.png'), fullPage: true });

  // the server says the same at the same rows once the draft is saved
  await page.focus('#f_posters');
  await Promise.all([page.waitForNavigation(), page.click('button[value="save"]')]);
  assert.equal((await page.textContent('#row_schooling_6_8 .msg.error')).trim(), client);
  assert.equal((await page.textContent('#row_posters .msg.error')).trim(), comma);
  // and came back to the row the officer was at
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f_posters');
  const row = await box(page, '#f_posters');
  assert.ok(row.y >= 0 && row.y < PHONE.height, 'the row is on screen after the save');
  // fixing a value clears its message when the field is left
  await page.fill('#f_schooling_6_8', '500');
  await page.locator('#f_schooling_6_8').blur();
  assert.equal(await page.locator('#row_schooling_6_8 .msg').count(), 0);
  await page.context().close();
});

test('the section index: sections I–IV and the header, progress "đã nhập n/25" that follows typing', async () => {
  const page = await open(LAPTOP);
  const nav = page.locator('nav.form-index');
  assert.ok(await nav.isVisible());
  const before = Number(await page.textContent('.form-index .filled'));
  assert.equal(await page.textContent('.form-index .total'), '25');
  const empty = await page.$$eval('input[inputmode="numeric"]', (els) => els.find((e) => !e.value.trim()).id);
  await page.fill(`#${empty}`, '3');
  await page.locator(`#${empty}`).blur();
  assert.equal(Number(await page.textContent('.form-index .filled')), before + 1);
  await page.click('.form-index a[href="#sec_capacity"]');
  const sec = await box(page, '#sec_capacity');
  assert.ok(sec.y >= -1 && sec.y < LAPTOP.height, 'section III in view');
  // Tab from the title goes to the first field
  await page.focus('h1');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f_narrative');
  await page.screenshot({ path: join(ARTIFACTS, 'form-laptop-index.png') });
  await page.context().close();
});

test('two devices: the 409 page shows saved beside typed and keeps the chosen one', async () => {
  const api = new Client(srv.base);
  await api.login('xa.myhoa');
  const a = await open(PHONE);
  const b = await open(LAPTOP);
  await b.fill('#f_posters', '11');
  await Promise.all([b.waitForNavigation(), b.click('button[value="save"]')]);
  await a.fill('#f_posters', '22');
  await Promise.all([a.waitForNavigation(), a.click('button[value="save"]')]);
  assert.match(await a.textContent('.notice.error'), /vừa được lưu ở nơi khác/);
  const diff = a.locator('#conflict');
  assert.ok(await diff.isVisible());
  assert.match(await diff.textContent(), /11/);
  assert.match(await diff.textContent(), /22/);
  assert.ok(await overflow(a) <= 0, 'the 409 page fits the phone');
  const copy = await a.evaluate(() => JSON.parse(localStorage.getItem('ecdreport:30052/2024')));
  assert.equal(copy.version, await a.getAttribute('#report-form', 'data-version'), 'the unsaved values are kept for the new version');
  assert.equal(copy.values.v_posters, '22');
  await a.screenshot({ path: join(ARTIFACTS, 'form-phone-409.png'), fullPage: true });
  await a.evaluate(() => document.getElementById('conflict').scrollIntoView());
  await a.screenshot({ path: join(ARTIFACTS, 'form-phone-409-diff.png') });
  await a.check('input[name="keep_posters"][value="saved"]');
  assert.equal(await a.inputValue('#f_posters'), '11', 'the field shows the kept value');
  await Promise.all([a.waitForNavigation(), a.click('button[value="save"]')]);
  assert.match(a.url(), /msg=saved/);
  assert.equal((await api.get('/api/reports/30052/2024')).json.values.posters, 11);
  await a.context().close();
  await b.context().close();
});

test('no English from the browser: every form with required fields is novalidate', async () => {
  const page = await open(LAPTOP, 'huyen.thapmuoi', PASSWORD, '/reports/30049/2024');
  const bad = await page.$$eval('form', (forms) => forms.filter((f) => f.querySelector('[required],[minlength],[pattern]') && !f.noValidate).length);
  assert.equal(bad, 0);
  await page.screenshot({ path: join(ARTIFACTS, 'form-laptop-review.png'), fullPage: true });
  await page.context().close();
  const phone = await open(PHONE, 'huyen.thapmuoi', PASSWORD, '/reports/30049/2024');
  assert.ok(await overflow(phone) <= 0, 'the read-only report fits the phone');
  await phone.screenshot({ path: join(ARTIFACTS, 'form-phone-review.png'), fullPage: true });
  await phone.context().close();
});

test('the browser and the server say the same about every kind of typed value', async () => {
  const api = new Client(srv.base);
  await api.login('xa.myhoa');
  const page = await open(LAPTOP);
  const label = 'Số pano, áp phích tuyên truyền trong xã về chăm sóc toàn diện trẻ em';
  for (const typed of ['12a', '-5', '1,302', '1 250', '95%', '95,5 %', '12,5', '3.5', '10.000.001', '1..234', '+5', ' 1.234 ',
    '99999999999999999999999', '-', '%', '1,30', '12,345,678', 'mười hai', 'Một hai ba bốn năm sáu bảy tám chín mười một hai ba bốn năm', '0', '1.302', '10000000']) {
    await page.fill('#f_posters', typed);
    await page.locator('#f_posters').blur();
    const msgs = await page.locator('#row_posters .msg').allTextContents();
    const cur = (await api.get('/api/reports/30052/2024')).json;
    const r = await api.put('/api/reports/30052/2024', { values: { posters: typed }, version: cur.version });
    const server = r.status === 422 ? r.json.issues[0].message.replace(`${label}: `, '') : null;
    assert.deepEqual(msgs.map((m) => m.trim()), server ? [server] : [], `«${typed}»`);
  }
  await page.context().close();
});

test('the browser lists the same issues as the server after a save: sums, age bands, last year\'s change and ratio drop', async () => {
  const page = await open(LAPTOP);
  for (const [code, v] of [['children_0_8', '3.000'], ['children_under6', '2500'], ['children_6_8', '600'],
    ['vaccinated_under6', '100'], ['staff_trained', '5'], ['staff_trained_province', '4'], ['staff_trained_district', '3'],
    ['families_0_8', '10'], ['families_trained', '11']]) {
    await page.fill(`#f_${code}`, v);
    await page.locator(`#f_${code}`).blur();
  }
  const client = (await page.locator('#issues li').allTextContents()).map((s) => s.trim());
  for (const kind of [/thay đổi/, /giảm .* điểm phần trăm/, /lớn hơn số trẻ em đến 8 tuổi/, /lớn hơn tổng số lượt/, /Số lượng \(11\)/])
    assert.ok(client.some((s) => kind.test(s)), `${kind} in ${client.join('\n')}`);
  await Promise.all([page.waitForNavigation(), page.click('button[value="save"]')]);
  const server = (await page.locator('#issues li').allTextContents()).map((s) => s.trim());
  assert.deepEqual(client, server);
  await page.screenshot({ path: join(ARTIFACTS, 'form-laptop-issues.png') });
  await page.context().close();
});

test('phone journey: the whole form typed with Enter from field to field, then sent', async () => {
  // a commune of its own, so that earlier tests' drafts do not matter
  ecd(srv.db, ['user', 'add', '--username', 'xa.myan', '--role', 'commune', '--unit', '30064', '--unit-date', '2024-12-31'], 'matkhau-my-an-xa\n');
  const own = new Client(srv.base);
  await own.login('xa.myan', 'matkhau-my-an-xa');
  const last = (await own.get('/api/reports/30064/2023')).json.values;
  const page = await open(PHONE, 'xa.myan', 'matkhau-my-an-xa', '/reports/30064/2024');
  const order = await page.$$eval('[name^="v_"]', (els) => els.map((e) => e.name.slice(2)));
  await page.focus('#title');
  await page.keyboard.press('Tab');
  for (const code of order) {
    assert.equal(await page.evaluate(() => document.activeElement.name), `v_${code}`, `focus on ${code}`);
    const v = last[code];
    if (typeof v === 'boolean') {
      await page.selectOption(`#f_${code}`, v ? '1' : '0');
      await page.press(`#f_${code}`, 'Enter');
    } else if (code === 'narrative') {
      await page.fill('#f_narrative', v); // Enter is a new line in the text: go on by hand
      await page.focus('#f_budget_vnd');
    } else {
      await page.keyboard.press('Control+a');
      await page.keyboard.type(String(v));
      await page.keyboard.press('Enter');
    }
  }
  const after = await page.evaluate(() => document.activeElement.id || document.activeElement.value);
  assert.ok(after === 'save' || after === 'explanation', `after the last field: the save button or the explanation, not a submission (${after})`);
  assert.equal(await page.textContent('.form-index .filled'), String(order.length));
  assert.equal(await page.locator('.msg.error').count(), 0);
  assert.ok(await overflow(page) <= 0);
  await Promise.all([page.waitForNavigation(), page.click('button[value="submit"]')]);
  if (await page.locator('button[value="confirm_submit"]').count())
    await Promise.all([page.waitForNavigation(), page.click('button[value="confirm_submit"]')]);
  assert.match(page.url(), /msg=submitted/);
  assert.equal(await page.textContent('.state .badge'), 'đã gửi');
  assert.doesNotMatch(await page.textContent('body'), /Please|field|Choose File/);
  await page.screenshot({ path: join(ARTIFACTS, 'form-phone-submitted.png') });
  await page.context().close();
});
