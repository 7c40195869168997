// The ministry in a real browser: the national account's home lists every
// province's completeness, the national table of 2024 (through districts) and
// of 2026 (communes straight below the provinces) opens with the provinces
// as the matrix's columns and drills down to a province; it offers no review.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, ecd, PASSWORD } from '../lib/server.mjs';
import { launch, loginPage, ARTIFACTS } from '../lib/browser.mjs';

let srv, browser;

before(async () => {
  srv = await startServer();
  ecd(srv.db, ['user', 'add', '--username', 'bo.yte', '--role', 'national', '--unit', 'VN', '--name', 'Vụ Bà mẹ - Trẻ em'], `${PASSWORD}\n`);
  browser = await launch();
});
after(async () => { await browser.close(); await srv.stop(); });

test('the national account reads the country, both trees, and reviews nothing', async () => {
  const page = await loginPage(browser, srv.base, 'bo.yte');
  assert.match(await page.textContent('header .who'), /Cán bộ trung ương · Việt Nam/);
  await page.goto(`${srv.base}/?period=2024`);
  const grid = await page.textContent('#grid');
  for (const name of ['Tỉnh Lai Châu', 'Tỉnh Tây Ninh', 'Tỉnh Đồng Tháp']) assert.ok(grid.includes(name), name);
  await page.screenshot({ path: join(ARTIFACTS, 'national-home.png'), fullPage: true });

  await page.goto(`${srv.base}/rollup/VN/2024`);
  assert.match(await page.textContent('h1'), /Việt Nam/);
  assert.match(await page.textContent('#summary'), /^Đã tổng hợp \d+\/\d+ xã$/);
  assert.equal(await page.locator('#by-province').count(), 1);
  assert.equal(await page.locator('#matrix a[href="/rollup/87/2024"]').count(), 1, 'a province of 2024 in the matrix');
  await page.screenshot({ path: join(ARTIFACTS, 'national-rollup-2024.png'), fullPage: true });
  await Promise.all([page.waitForNavigation(), page.click('#matrix a[href="/rollup/87/2024"]')]);
  assert.match(await page.textContent('h1'), /Tỉnh Đồng Tháp/);
  assert.equal(await page.locator('#matrix a[href="/rollup/872/2024"]').count(), 1, 'its districts');

  await page.goto(`${srv.base}/rollup/VN/2026`);
  assert.equal(await page.locator('#matrix a[href="/rollup/82/2026"]').count(), 1, 'a province of 2026');
  await page.goto(`${srv.base}/rollup/82/2026`);
  assert.ok(await page.locator('#matrix a[href^="/reports/300"]').count() > 0, 'its communes, straight below');
  await page.screenshot({ path: join(ARTIFACTS, 'national-province-2026.png'), fullPage: true });

  await page.goto(`${srv.base}/indicators/VN/2024`);
  assert.match(await page.content(), /Toàn quốc/);
  await page.goto(`${srv.base}/reports/30052/2024`);
  assert.equal(await page.locator('#review, button[value="approve"], #return-reason').count(), 0, 'no review on a report');
});
