// The independent checkers over every page of the journeys, for every role:
// axe-core at a desktop (1366×768) and a phone (360×740) viewport, zero
// serious or critical violations; the Nu HTML checker on every page's HTML,
// zero errors. Prints the counts, page by page, and saves a screenshot of
// each page at both sizes under tests/artifacts/checkers/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, ecd, PASSWORD } from '../lib/server.mjs';
import { launch, ARTIFACTS } from '../lib/browser.mjs';
import { axeRun, pageOverflow, vnuCheck } from '../lib/checkers.mjs';

const SIZES = { desktop: { width: 1366, height: 768 }, phone: { width: 360, height: 740 } };
const SHOTS = join(ARTIFACTS, 'checkers');
let srv, browser, journeys;

before(async () => {
  srv = await startServer();
  browser = await launch();
  mkdirSync(SHOTS, { recursive: true });
  ecd(srv.db, ['user', 'add', '--username', 'bo.yte', '--role', 'national', '--unit', 'VN'], `${PASSWORD}\n`);
  const district = new Client(srv.base);
  await district.login('huyen.thapmuoi');
  const kids = (await district.get('/api/rollup/872/2024')).json.children;
  const submitted = kids.find((c) => c.status === 'submitted').code;
  const returned = kids.find((c) => c.status === 'returned').code;
  // A comment on a row, so that the report pages show comments and their index.
  await district.post(`/api/reports/${submitted}/2024/comments`, { element: 'posters', text: 'Số pano chưa khớp biên bản.' });
  await district.post(`/api/reports/${returned}/2024/comments`, { element: 'children_0_8', text: 'Kiểm tra lại số trẻ.' });
  journeys = {
    '': ['/login'],
    'xa.myhoa': ['/', '/reports/30052/2024', '/reports/30052/2023', '/reports/30052/2024/print',
      '/reports/30052/2024/print?blank=1', '/reports/30052/2023/history', '/account/password'],
    'huyen.thapmuoi': ['/', '/?period=2023', `/reports/${submitted}/2024`, `/reports/${submitted}/2024?comment=posters`, `/reports/${returned}/2024`,
      `/reports/${submitted}/2024/history`, '/reports/872/2024', '/rollup/872/2024', '/rollup/872/2024?only=approved',
      '/rollup/872/2024/print', '/indicators/872/2024', '/reports/99999/2024'],
    'tinh.dongthap': ['/', '/?unit=872&period=2024', '/reports/872/2024', '/rollup/87/2024', '/rollup/87/2024/print',
      '/indicators/87/2024'],
    'bo.yte': ['/', '/?period=2024', '/rollup/VN/2024', '/indicators/VN/2024'],
    admin: ['/', '/admin/units', '/admin/units/872', '/admin/users', '/admin/periods', '/admin/plans',
      '/admin/plans/1', '/admin/log'],
  };
});
after(async () => { await browser?.close(); await srv?.stop(); });

// A browser context of that size, logged in as user (none for '').
async function session(user, size) {
  const ctx = await browser.newContext({ viewport: SIZES[size], locale: 'vi-VN', isMobile: size === 'phone',
    hasTouch: size === 'phone' });
  const page = await ctx.newPage();
  if (user) {
    await page.goto(`${srv.base}/login`);
    await page.fill('#username', user);
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  }
  return { ctx, page };
}

const fileName = (user, path) => `${user || 'anon'}${path.replace(/[^A-Za-z0-9-]+/g, '_')}`;

test('axe-core (desktop and phone) and the Nu HTML checker on every page of the journeys', async () => {
  const rows = [], html = [];
  for (const [user, paths] of Object.entries(journeys)) {
    for (const size of Object.keys(SIZES)) {
      const { ctx, page } = await session(user, size);
      for (const path of paths) {
        const res = await page.goto(srv.base + path);
        const name = `${user || '(anonymous)'} ${path}`;
        if (size === 'desktop') html.push({ name, html: await res.text() });
        const violations = await axeRun(page);
        const overflow = size === 'phone' ? await pageOverflow(page, SIZES.phone.width) : 0;
        await page.screenshot({ path: join(SHOTS, `${fileName(user, path)}-${size}.png`), fullPage: true });
        rows.push({ name, size, violations, overflow });
      }
      // The pages reached by a form: the return form and the outcome of a bulk approval.
      for (const [button, what] of user === 'huyen.thapmuoi' ? [['#bulk-return', 'POST /review (return_form)'], ['#bulk-approve', 'POST /review (approve)']] : []) {
        await page.goto(srv.base + '/');
        await page.locator('#waiting input[name="pick"]:not([disabled])').first().check();
        const [res] = await Promise.all([page.waitForNavigation(), page.click(button)]);
        const name = `${user} ${what}`;
        if (size === 'desktop') html.push({ name, html: await res.text() });
        const violations = await axeRun(page);
        const overflow = size === 'phone' ? await pageOverflow(page, SIZES.phone.width) : 0;
        await page.screenshot({ path: join(SHOTS, `${fileName(user, button)}-${size}.png`), fullPage: true });
        rows.push({ name, size, violations, overflow });
      }
      await ctx.close();
    }
  }
  const vnu = vnuCheck(html);

  const count = (vs, impacts) => vs.filter((v) => impacts.includes(v.impact)).reduce((n, v) => n + v.nodes.length, 0);
  let serious = 0, moderate = 0, vnuErrors = 0;
  console.log('\npage | size | axe critical+serious | axe moderate+minor | vnu errors | page overflow px');
  for (const r of rows) {
    const s = count(r.violations, ['critical', 'serious']), m = count(r.violations, ['moderate', 'minor']);
    const e = r.size === 'desktop' ? (vnu[r.name] || []).length : '';
    serious += s; moderate += m; vnuErrors += e || 0;
    console.log(`${r.name} | ${r.size} | ${s} | ${m} | ${e} | ${r.overflow}`);
    for (const v of r.violations)
      if (['critical', 'serious'].includes(v.impact)) console.log(`    axe ${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).join(', ')}`);
    for (const v of r.violations)
      if (!['critical', 'serious'].includes(v.impact)) console.log(`    axe ${v.impact} ${v.id}: ${v.nodes.length}× ${v.nodes.slice(0, 2).join(', ')}`);
    if (r.size === 'desktop')
      for (const e of (vnu[r.name] || []).slice(0, 5)) console.log(`    vnu line ${e.line}: ${e.message}`);
  }
  if (vnu['(vnu)']) { vnuErrors += vnu['(vnu)'].length; console.log('vnu:', vnu['(vnu)']); }
  console.log(`\nTOTAL over ${rows.length} page views: axe serious+critical ${serious} nodes, moderate+minor ${moderate} nodes; ` +
    `Nu HTML checker errors ${vnuErrors} over ${html.length} pages`);
  assert.equal(serious, 0, 'axe-core: no serious or critical violation');
  assert.equal(vnuErrors, 0, 'Nu HTML checker: no error');
});
