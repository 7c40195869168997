// The review cycle in a real browser: the district returns Xã Mỹ Hòa's report
// with a reason, the commune reads the reason, fixes and resubmits, the
// district approves, and the district table shows the new figures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, Client } from '../lib/server.mjs';
import { launch, loginPage, ARTIFACTS } from '../lib/browser.mjs';

let srv, browser, oldPosters, sumBefore;
const REPORT = '/reports/30052/2024';
const REASON = 'Số pano, áp phích chưa khớp với báo cáo của Phòng Văn hóa; đề nghị xã kiểm tra lại.';
const count = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

before(async () => {
  srv = await startServer();
  browser = await launch();
  // The commune submits last year's figures through the API.
  const api = new Client(srv.base);
  await api.login('xa.myhoa');
  const values = (await api.get('/api/reports/30052/2023')).json.values;
  oldPosters = values.posters;
  const cur = await api.get(`/api/reports/30052/2024`);
  assert.equal((await api.put('/api/reports/30052/2024', { values, version: cur.json.version })).status, 200);
  assert.equal((await api.post('/api/reports/30052/2024/submit')).status, 200);
  const district = new Client(srv.base);
  await district.login('huyen.thapmuoi');
  sumBefore = (await district.get('/api/rollup/872/2024')).json.rows.find((r) => r.code === 'posters').value;
});
after(async () => { await browser.close(); await srv.stop(); });

test('return with a reason, fix and resubmit, approve, read the new district table', async () => {
  // The district sees the report waiting on its grid and returns it.
  const district = await loginPage(browser, srv.base, 'huyen.thapmuoi');
  assert.match(await district.textContent('#summary'), /^Đã nộp \d+\/13 xã, \d+ trễ hạn$/);
  await Promise.all([district.waitForNavigation(), district.click(`a.button[href="${REPORT}#review"]`)]);
  assert.match(await district.textContent('h1'), /Xã Mỹ Hòa/);
  assert.equal(await district.locator('th.prev').count(), 1, 'last year beside each row');
  await district.screenshot({ path: join(ARTIFACTS, 'district-review.png'), fullPage: true });
  await district.fill('#return-reason', REASON);
  await Promise.all([district.waitForNavigation(), district.click('#return')]);
  assert.match(await district.textContent('.notice.ok'), /Đã trả lại báo cáo/);
  assert.equal(await district.textContent('.state .badge'), 'bị trả lại');

  // The commune reads the reason on its home page and in the form, fixes, resubmits.
  const commune = await loginPage(browser, srv.base, 'xa.myhoa');
  assert.ok((await commune.textContent('main')).includes(`Cấp trên trả lại: ${REASON}`));
  await Promise.all([commune.waitForNavigation(), commune.click(`a.button[href="${REPORT}"]`)]);
  assert.ok((await commune.textContent('.notice.error')).includes(REASON));
  await commune.fill('[name="v_posters"]', '999');
  await Promise.all([commune.waitForNavigation(), commune.click('button[value="submit"]')]);
  if (await commune.locator('button[value="confirm_submit"]').count())
    await Promise.all([commune.waitForNavigation(), commune.click('button[value="confirm_submit"]')]);
  assert.match(commune.url(), /msg=submitted/);
  assert.equal(await commune.textContent('.state .badge'), 'đã gửi');
  await commune.close();

  // The district approves.
  await district.goto(srv.base + REPORT);
  assert.equal((await district.textContent('#row_posters .qty')).trim(), '999');
  await Promise.all([district.waitForNavigation(), district.click('#approve')]);
  assert.match(await district.textContent('.notice.ok'), /Đã duyệt báo cáo/);
  assert.equal(await district.textContent('.state .badge'), 'đã duyệt');

  // The history lists every step.
  await district.click('a[href$="/history"]');
  await district.waitForSelector('#events');
  const steps = await district.locator('#events tbody td:nth-child(2)').allTextContents();
  assert.deepEqual(steps, ['Gửi báo cáo', 'Trả lại', 'Gửi báo cáo', 'Duyệt']);

  // The district table, approved reports only, has the new figure.
  await district.goto(`${srv.base}/rollup/872/2024?only=approved`);
  const approvedOnly = await district.textContent('#summary');
  await district.goto(`${srv.base}/rollup/872/2024`);
  const want = sumBefore - oldPosters + 999;
  assert.equal((await district.textContent('#r_posters .qty')).trim(), count(want));
  assert.match(await district.textContent('#summary'), /^Đã tổng hợp \d+\/13 xã$/);
  assert.notEqual(approvedOnly, await district.textContent('#summary'));
  const header = await district.locator('#matrix thead th').allTextContents();
  const col = header.findIndex((h) => h.includes('Xã Mỹ Hòa'));
  assert.ok(col > 0);
  assert.match(header[col], /đã duyệt/);
  const cell = await district.locator(`#m_posters td:nth-child(${col + 1})`).textContent();
  assert.equal(cell.trim(), '999');
  await district.screenshot({ path: join(ARTIFACTS, 'district-table.png'), fullPage: true });
  await district.close();
});

test('the province drills down from its grid to the district table and the indicators', async () => {
  const page = await loginPage(browser, srv.base, 'tinh.dongthap');
  await Promise.all([page.waitForNavigation(), page.click('#grid a[href^="/?unit=872"]')]);
  assert.match(await page.textContent('h1'), /Huyện Tháp Mười/);
  await page.goto(`${srv.base}/rollup/87/2024`);
  await Promise.all([page.waitForNavigation(), page.click('#matrix a[href="/rollup/872/2024"]')]);
  assert.match(await page.textContent('h1'), /Bảng tổng hợp năm 2024 — Huyện Tháp Mười/);
  await Promise.all([page.waitForNavigation(), page.click('text=Bảng chỉ tiêu')]);
  assert.match(await page.textContent('#indicators'), /chưa có số liệu/);
  await page.screenshot({ path: join(ARTIFACTS, 'indicators.png'), fullPage: true });
  await page.close();
});
