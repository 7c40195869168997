// The district review on a 360×740 phone (issue 10, "Done when"): the
// district officer finds the waiting reports first, approves two at once,
// returns one with a comment on a row, and reads the roll-up without
// sideways scrolling; charts keep their text at 11 px or more on screen.
// Also the staff and admin pages of the phone journey never scroll sideways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, ecd, PASSWORD } from '../lib/server.mjs';
import { launch, ARTIFACTS } from '../lib/browser.mjs';
import { pageOverflow } from '../lib/checkers.mjs';

const PHONE = { width: 360, height: 740 };
let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await srv?.stop(); });

async function phone(user) {
  const ctx = await browser.newContext({ viewport: PHONE, locale: 'vi-VN', isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  await page.goto(`${srv.base}/login`);
  await page.fill('#username', user);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  return page;
}

async function noSideways(page, what) {
  const over = await pageOverflow(page, PHONE.width);
  const culprits = over ? await page.evaluate((w) => {
    const scrolls = (e) => { for (let a = e.parentElement; a; a = a.parentElement) if (['auto', 'scroll'].includes(getComputedStyle(a).overflowX)) return true; return false; };
    return [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > w + 1 && !scrolls(e))
      .slice(0, 8).map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${e.className} → ${Math.round(e.getBoundingClientRect().right)}px`).join('; ');
  }, PHONE.width) : '';
  assert.equal(over, 0, `${what}: the page does not scroll sideways at 360 px ${culprits}`);
}

// The smallest chart text as drawn on screen, for every chart image of the
// page: font-size × the image's shown width / its viewBox width.
async function chartTextSizes(page) {
  return page.evaluate(async () => {
    const out = [];
    for (const img of document.querySelectorAll('.charts img, figure img')) {
      img.loading = 'eager'; // the roll-up's charts load lazily
      for (let i = 0; i < 100 && !(img.complete && img.currentSrc); i++) await new Promise((r) => setTimeout(r, 50));
      const svg = await (await fetch(img.currentSrc)).text();
      const vb = Number(svg.match(/viewBox="0 0 ([\d.]+)/)[1]);
      const sizes = [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
      const shown = img.getBoundingClientRect();
      out.push({ src: img.currentSrc, min: Math.min(...sizes) * shown.width / vb, right: shown.right });
    }
    return out;
  });
}

test('a district officer on a phone: waiting reports first, two approved at once, one returned with a comment on a row, the roll-up', async () => {
  const page = await phone('huyen.thapmuoi');
  // The home page leads with the reports waiting, across periods.
  const firstH2 = await page.locator('main h2').first().textContent();
  assert.match(firstH2, /^Chờ duyệt \(\d+\)$/);
  const waitingBefore = Number(firstH2.match(/\d+/)[0]);
  assert.ok(await page.locator('#waiting').evaluate((w) => w.compareDocumentPosition(document.querySelector('#grid')) & Node.DOCUMENT_POSITION_FOLLOWING));
  assert.match(await page.textContent('#own-rows'), /Số liệu của huyện: chưa nhập/);
  await noSideways(page, 'home');
  for (const c of await chartTextSizes(page)) {
    assert.ok(c.min >= 11, `chart text ${c.min.toFixed(1)} px on screen: ${c.src}`);
    assert.ok(c.right <= PHONE.width, `chart inside the screen: ${c.src}`);
  }
  await page.screenshot({ path: join(ARTIFACTS, 'staff-phone-home.png'), fullPage: true });

  // Approve two at once.
  const boxes = page.locator('#waiting input[name="pick"]:not([disabled])');
  assert.ok(await boxes.count() >= 3);
  const picked = [await boxes.nth(0).getAttribute('value'), await boxes.nth(1).getAttribute('value')];
  const third = await boxes.nth(2).getAttribute('value');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await Promise.all([page.waitForNavigation(), page.click('#bulk-approve')]);
  assert.match(await page.textContent('main'), /Đã duyệt 2 báo cáo/);
  for (const key of picked) assert.match(await page.textContent(`#result-${key.replace('/', '-')}`), /Đã duyệt/);
  await noSideways(page, 'bulk result');
  await page.screenshot({ path: join(ARTIFACTS, 'staff-phone-bulk-result.png'), fullPage: true });
  await Promise.all([page.waitForNavigation(), page.click('#back-home')]);
  assert.equal(await page.locator('main h2').first().textContent(), `Chờ duyệt (${waitingBefore - 2})`);

  // Return a third one with a comment on a row.
  await Promise.all([page.waitForNavigation(), page.click(`#waiting a[href="/reports/${third}#review"]`)]);
  await Promise.all([page.waitForNavigation(), page.click('#row_posters a.comment-link')]);
  assert.equal(await page.inputValue('#comment-element'), 'posters');
  await page.fill('#comment-text', 'Số pano chưa khớp với biên bản kiểm tra.');
  await Promise.all([page.waitForNavigation(), page.click('#comment-submit')]);
  assert.match(await page.textContent('#row_posters'), /Số pano chưa khớp với biên bản kiểm tra\./);
  await page.fill('#return-reason', 'Đề nghị xã xem lại dòng pano, áp phích.');
  await Promise.all([page.waitForNavigation(), page.click('#return')]);
  assert.match(await page.textContent('.notice.ok'), /Đã trả lại/);
  await noSideways(page, 'report');
  await page.screenshot({ path: join(ARTIFACTS, 'staff-phone-report.png'), fullPage: true });

  // The roll-up: no sideways page scroll; the unit table scrolls inside, its first column stays.
  await page.goto(`${srv.base}/rollup/872/2024`);
  await noSideways(page, 'roll-up');
  const sticky = await page.locator('#matrix tbody th').first().evaluate((th) => getComputedStyle(th).position);
  assert.equal(sticky, 'sticky', 'the row labels stay in view');
  await page.locator('#matrix').evaluate((t) => { t.parentElement.scrollLeft = 400; });
  const label = await page.locator('#matrix tbody th').first().boundingBox();
  assert.ok(label.x >= 0 && label.x < 40, 'the first column is still on screen after scrolling the table');
  for (const c of await chartTextSizes(page)) {
    assert.ok(c.min >= 11, `chart text ${c.min.toFixed(1)} px on screen: ${c.src}`);
    assert.ok(c.right <= PHONE.width, `chart inside the screen: ${c.src}`);
  }
  await page.screenshot({ path: join(ARTIFACTS, 'staff-phone-rollup.png'), fullPage: true });

  // The commune sees the comment at its row.
  ecd(srv.db, ['user', 'add', '--username', 'xa.thu', '--role', 'commune', '--unit', third.split('/')[0]], `${PASSWORD}\n`);
  const commune = await phone('xa.thu');
  await commune.goto(`${srv.base}/reports/${third}`);
  assert.match(await commune.textContent('#row_posters'), /Số pano chưa khớp với biên bản kiểm tra\./);
  await noSideways(commune, 'the returned report, for the commune');
  await commune.screenshot({ path: join(ARTIFACTS, 'staff-phone-commune-comment.png'), fullPage: true });
});

test('staff and admin pages never scroll sideways on a phone', async () => {
  const pages = {
    'tinh.dongthap': ['/', '/?unit=872&period=2024', '/rollup/87/2024', '/indicators/87/2024', '/reports/872/2024'],
    'huyen.thapmuoi': ['/?period=2023', '/rollup/872/2024?only=approved', '/indicators/872/2024', '/reports/872/2024'],
    admin: ['/', '/admin/units', '/admin/units/872', '/admin/users', '/admin/periods', '/admin/plans', '/admin/plans/1', '/admin/log'],
  };
  for (const [user, paths] of Object.entries(pages)) {
    const page = await phone(user);
    for (const path of paths) {
      await page.goto(srv.base + path);
      await page.screenshot({ path: join(ARTIFACTS, `phone-${user}${path.replace(/[/?=&.]+/g, '_')}.png`), fullPage: true });
      await noSideways(page, `${user} ${path}`);
      for (const c of await chartTextSizes(page)) assert.ok(c.min >= 11, `chart text ${c.min.toFixed(1)} px: ${c.src}`);
    }
    // Every button and link of the tables is inside the screen (nothing cut off).
    const cut = await page.evaluate(() => [...document.querySelectorAll('main button, main a')]
      .filter((e) => !e.closest('.scroll') && e.getBoundingClientRect().right > window.innerWidth + 1).map((e) => e.textContent));
    assert.deepEqual(cut, [], `${user}: controls cut off`);
    await page.context().close();
  }
});
