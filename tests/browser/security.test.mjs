// Issue 9 in Chromium. Finding 3: another site's page posts a
// <form enctype="text/plain"> shaped like JSON to the login API, to log the
// visitor into the attacker's account. Finding 7: logging out leaves nothing
// typed behind on a shared computer. Finding 5: a session that expires while
// an officer types loses nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { launch, loginPage, ARTIFACTS } from '../lib/browser.mjs';

let srv, browser, evil, evilBase;

before(async () => {
  srv = await startServer();
  browser = await launch();
  // The attacker's site: another host name ("localhost", not 127.0.0.1), so
  // the browser treats it as another site.
  evil = createServer((req, res) => {
    const target = `${srv.base}/api/session`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>Quà tặng</title>
<form method="post" action="${target}" enctype="text/plain">
<input type="hidden" name='{"username":"xa.myhoa","password":"matkhau-demo","x":"' value='"}'>
</form><script>document.forms[0].submit()</script>`);
  });
  await new Promise((resolve) => evil.listen(0, '127.0.0.1', resolve));
  evilBase = `http://localhost:${evil.address().port}`;
});
after(async () => {
  await browser?.close();
  await new Promise((resolve) => evil?.close(resolve));
  await srv?.stop();
});

test('a cross-site text/plain form cannot log the visitor in (login CSRF)', async () => {
  const ctx = await browser.newContext({ locale: 'vi-VN' });
  const page = await ctx.newPage();
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/session'));
  await page.goto(evilBase + '/');
  const res = await answered;
  assert.ok([403, 415].includes(res.status()), `the forged login is refused, got ${res.status()}`);
  const cookies = await ctx.cookies(srv.base);
  assert.equal(cookies.filter((c) => c.name === 'ecd_session').length, 0, 'no session cookie was set');
  await page.goto(srv.base + '/');
  assert.match(page.url(), /\/login/, 'the visitor is not logged into anyone\'s account');
  await ctx.close();
});

function sql(query) {
  return execFileSync('sqlite3', [srv.db, query], { encoding: 'utf8' }).trim();
}

async function typedKeys(page) {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ecdreport:')));
}

test('logging out forgets the values typed in this browser', async () => {
  const page = await loginPage(browser, srv.base, 'xa.myhoa');
  await page.goto(srv.base + '/reports/30052/2024');
  await page.fill('[name="v_posters"]', '777');
  assert.deepEqual(await typedKeys(page), ['ecdreport:30052/2024'], 'kept while typing');
  const [logout] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/logout')),
    page.waitForNavigation(),
    page.click('button:has-text("Đăng xuất")'),
  ]);
  assert.match((await logout.allHeaders())['clear-site-data'] || '', /"storage"/);
  await page.waitForLoadState('load');
  assert.match(page.url(), /\/login/);
  assert.deepEqual(await typedKeys(page), [], 'nothing typed is left for the next person');
  await page.screenshot({ path: join(ARTIFACTS, 'security-after-logout.png') });
  await page.close({ runBeforeUnload: false });
});

test('a session that expires while typing loses nothing', async () => {
  const page = await loginPage(browser, srv.base, 'xa.myhoa');
  await page.goto(srv.base + '/reports/30052/2024');
  await page.fill('[name="v_posters"]', '4242');
  // 31 minutes without a request: past the default idle limit.
  sql("UPDATE session SET seen_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-31 minutes')");
  await Promise.all([page.waitForNavigation(), page.click('button[value="save"]')]);
  assert.match(await page.textContent('main'), /Đăng nhập lại/);
  await Promise.all([page.waitForNavigation(), page.click('a:has-text("Đăng nhập lại")')]);
  await page.fill('#username', 'xa.myhoa');
  await page.fill('#password', 'matkhau-demo');
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  assert.match(page.url(), /\/reports\/30052\/2024$/);
  assert.equal((await page.inputValue('[name="v_posters"]')).replace(/\./g, ''), '4242', 'the typed value is back');
  assert.match(await page.textContent('main'), /Đã khôi phục số liệu/);
  await page.close({ runBeforeUnload: false });
});

test('deleting a plan in the browser asks on a page of its own, then deletes (finding 8)', async () => {
  const page = await loginPage(browser, srv.base, 'admin');
  const id = sql('SELECT id FROM plan ORDER BY id LIMIT 1');
  await page.goto(`${srv.base}/admin/plans/${id}`);
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Xóa kế hoạch")')]);
  assert.match(page.url(), new RegExp(`/admin/plans/${id}/delete$`));
  assert.match(await page.textContent('main'), /Xóa kế hoạch/);
  await page.screenshot({ path: join(ARTIFACTS, 'security-confirm-delete.png') });
  assert.equal(sql(`SELECT count(*) FROM plan WHERE id = ${id}`), '1', 'asked, not yet deleted');
  await Promise.all([page.waitForNavigation(), page.click('a:has-text("Hủy")')]);
  assert.equal(sql(`SELECT count(*) FROM plan WHERE id = ${id}`), '1', 'cancelled');
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Xóa kế hoạch")')]);
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Xác nhận")')]);
  assert.match(page.url(), /\/admin\/plans\?ok=deleted$/);
  assert.equal(sql(`SELECT count(*) FROM plan WHERE id = ${id}`), '0');
  await page.close();
});
