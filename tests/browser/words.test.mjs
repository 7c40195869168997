// Every word the browser itself would say is Vietnamese: the messages of
// form validation on every page with a required field, and the file picker of
// the unit imports ("Choose File / No file chosen" in an English browser).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { launch, loginPage, ARTIFACTS } from '../lib/browser.mjs';

let srv, browser;
before(async () => {
  srv = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

// The validation message the browser would show for each invalid field of
// the page, after an empty or too short value.
async function messages(page) {
  return page.$$eval('input, select, textarea', (els) => els
    .filter((el) => el.willValidate && !el.checkValidity())
    .map((el) => ({ id: el.id || el.name, text: el.validationMessage })));
}

const ENGLISH = /please|fill out|lengthen|select an item|match the requested|choose file|no file/i;

test('validation messages and the file picker speak Vietnamese', async () => {
  const page = await loginPage(browser, srv.base, 'admin');
  await page.goto(`${srv.base}/admin/units`);
  const picker = await page.locator('form[action="/admin/units/import"]').innerText();
  assert.match(picker, /Chọn tệp/);
  assert.match(picker, /Chưa chọn tệp/);
  const seen = [];
  for (const path of ['/admin/units', '/admin/periods', '/admin/plans', '/admin/users', '/account/password']) {
    await page.goto(`${srv.base}${path}`);
    if (path === '/account/password') await page.fill('#password', 'abc'); // typed: tooShort counts
    seen.push(...(await messages(page)).map((m) => ({ path, ...m })));
  }
  assert.ok(seen.length >= 8, `expected invalid fields, saw ${seen.length}`);
  for (const m of seen) {
    assert.ok(m.text && !ENGLISH.test(m.text), `${m.path} #${m.id}: "${m.text}"`);
  }
  assert.ok(seen.some((m) => /Hãy điền/.test(m.text)));
  assert.ok(seen.some((m) => /ít nhất 10 ký tự/.test(m.text)));
  await page.goto(`${srv.base}/admin/units`);
  await page.setInputFiles('#file', { name: 'don-vi.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n') });
  assert.match(await page.locator('form[action="/admin/units/import"]').innerText(), /don-vi\.csv/);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.screenshot({ path: join(ARTIFACTS, 'words-admin-units-phone.png'), fullPage: true });
  await page.close();
});
