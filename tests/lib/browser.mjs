// Debian's chromium driven by playwright-core (never a downloaded browser).
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, PASSWORD } from './server.mjs';

export const ARTIFACTS = join(ROOT, 'tests', 'artifacts');

export async function launch() {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

// A page logged in as username through the login form.
export async function loginPage(browser, base, username, password = PASSWORD) {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, locale: 'vi-VN' });
  await page.goto(`${base}/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  return page;
}
