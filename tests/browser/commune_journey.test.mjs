// A commune officer in a real browser: log in, type a wrong value, see the
// message at its row with every value kept, fix it, submit, read the
// read-only report. Also: live ratios, the warning on leaving, and typed
// values kept in the browser until saved.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, Client } from '../lib/server.mjs';
import { launch, loginPage, ARTIFACTS } from '../lib/browser.mjs';

let srv, browser, lastYear;
before(async () => {
  srv = await startServer();
  browser = await launch();
  const api = new Client(srv.base);
  await api.login('xa.myhoa');
  lastYear = (await api.get('/api/reports/30052/2023')).json.values;
});
after(async () => { await browser.close(); await srv.stop(); });

const REPORT = '/reports/30052/2024';

// Fills every field of the form from values (as last year's report).
async function fillAll(page, values) {
  for (const [code, v] of Object.entries(values)) {
    const sel = `[name="v_${code}"]`;
    if (typeof v === 'boolean') await page.selectOption(sel, v ? '1' : '0');
    else await page.fill(sel, String(v));
  }
}

test('ratios update while typing, before any save', async () => {
  const page = await loginPage(browser, srv.base, 'xa.myhoa');
  await page.goto(srv.base + REPORT);
  await page.fill('[name="v_children_under6"]', '800');
  await page.fill('[name="v_vaccinated_under6"]', '1.000');
  assert.equal(await page.textContent('#ratio_vaccinated_under6'), '125,00%');
  await page.fill('[name="v_vaccinated_under6"]', '612');
  assert.equal(await page.textContent('#ratio_vaccinated_under6'), '76,50%');
  await page.fill('[name="v_children_under6"]', '0');
  assert.equal(await page.textContent('#ratio_vaccinated_under6'), '—');
  await page.close({ runBeforeUnload: false });
});

test('typed values survive a reload without saving, and leaving warns', async () => {
  const page = await loginPage(browser, srv.base, 'xa.myhoa');
  await page.goto(srv.base + REPORT);
  await page.fill('[name="v_posters"]', '4321');
  const dialogs = [];
  page.on('dialog', async (d) => { dialogs.push(d.type()); await d.accept(); });
  await page.reload();
  // kept as typed, or as 4.321 if the field was left first: the same count
  assert.equal((await page.inputValue('[name="v_posters"]')).replace(/\./g, ''), '4321');
  assert.match(await page.textContent('main'), /Đã khôi phục số liệu/);
  const closed = new Promise((resolve) => page.once('close', resolve));
  await page.close({ runBeforeUnload: true });
  await closed;
  assert.ok(dialogs.includes('beforeunload'), 'leaving with unsaved changes asks first');
});

test('a wrong value is shown at its row with every typed value kept; fixed, it submits', async () => {
  const page = await loginPage(browser, srv.base, 'xa.myhoa');
  await page.goto(srv.base + '/');
  await Promise.all([page.waitForNavigation(), page.click(`a.button[href="${REPORT}"]`)]);
  await fillAll(page, lastYear);
  await page.fill('[name="v_posters"]', '12a');
  await page.fill('[name="v_pregnant_counselled"]', '77');
  await Promise.all([page.waitForNavigation(), page.click('button[value="submit"]')]);

  const message = await page.textContent('#row_posters .msg.error');
  assert.match(message, /«12a» không phải là số/);
  assert.equal(await page.inputValue('[name="v_posters"]'), '12a');
  assert.equal(await page.inputValue('[name="v_pregnant_counselled"]'), '77');
  assert.equal(await page.inputValue('[name="v_narrative"]'), lastYear.narrative);
  assert.match(await page.textContent('.issues'), /Cần sửa trước khi gửi/);
  await page.screenshot({ path: join(ARTIFACTS, 'commune-error-at-row.png'), fullPage: true });

  await page.fill('[name="v_posters"]', '8');
  await Promise.all([page.waitForNavigation(), page.click('button[value="submit"]')]);
  assert.match(page.url(), /msg=submitted/);
  assert.match(await page.textContent('.notice.ok'), /Đã gửi báo cáo/);
  assert.equal(await page.locator('input[name^="v_"]').count(), 0);
  assert.equal(await page.textContent('.state .badge'), 'đã gửi');
  assert.equal((await page.textContent('#row_pregnant_counselled .qty')).trim(), '77');
  await page.screenshot({ path: join(ARTIFACTS, 'commune-submitted.png'), fullPage: true });
  await page.close();
});
