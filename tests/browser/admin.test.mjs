// In a real browser: the admin logs in, creates a commune account, opens a
// period with its due date; the new officer logs in and sees the period.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, ROOT, PASSWORD } from '../lib/server.mjs';

const ARTIFACTS = join(ROOT, 'tests', 'artifacts');
let srv, browser;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  srv = await startServer();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function login(page, username, password) {
  await page.goto(`${srv.base}/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(`${srv.base}/`), page.click('button[type=submit]')]);
}

test('the admin creates a commune account and opens a period; the officer sees it', async () => {
  const ctx = await browser.newContext({ locale: 'vi-VN' });
  const page = await ctx.newPage();
  await login(page, 'admin', PASSWORD);
  await Promise.all([page.waitForURL(/\/admin\/users$/), page.click('a[href="/admin/users"]')]);
  await page.fill('#username', 'xa.thanhloi');
  await page.fill('#full_name', 'Võ Thị Thu (Xã Thạnh Lợi)');
  await page.selectOption('#role', 'commune');
  await page.fill('#unit', '30040');
  await page.fill('#password', 'mat-khau-xa-1');
  await Promise.all([page.waitForURL(/\/admin\/users\?ok=created/), page.click('#user-add button[type=submit]')]);
  assert.match(await page.textContent('.notice.ok'), /Đã tạo tài khoản/);
  assert.match(await page.textContent('#users'), /xa\.thanhloi.*Xã Thạnh Lợi \(30040\)/s);
  await page.screenshot({ path: join(ARTIFACTS, 'admin-users.png'), fullPage: true });

  await page.goto(`${srv.base}/`);
  await Promise.all([page.waitForURL(/\/admin\/periods$/), page.click('a[href="/admin/periods"]')]);
  // a period of the three-tier years (the demo has every year from 2023 on)
  await page.fill('#code', '2024S2');
  await page.fill('#due', '20/12/2024');
  await Promise.all([page.waitForURL(/\/admin\/periods\?ok=1/), page.click('#period-add button[type=submit]')]);
  const row = await page.textContent('#period-2024S2');
  assert.match(row, /6 tháng cuối năm 2024/);
  assert.match(row, /01\/07\/2024 – 31\/12\/2024/);
  assert.equal(await page.inputValue('#period-2024S2 input[name=due]'), '20/12/2024');
  assert.match(row, /đang mở/);
  await page.screenshot({ path: join(ARTIFACTS, 'admin-periods.png'), fullPage: true });
  await ctx.close();

  const officer = await browser.newContext({ locale: 'vi-VN' });
  const op = await officer.newPage();
  await login(op, 'xa.thanhloi', 'mat-khau-xa-1');
  assert.match(await op.textContent('h1'), /Báo cáo của Xã Thạnh Lợi/);
  assert.match(await op.textContent('table.list'), /Báo cáo 6 tháng cuối năm 2024.*20\/12\/2024/s);
  await op.screenshot({ path: join(ARTIFACTS, 'admin-new-officer.png'), fullPage: true });
  await officer.close();
});
