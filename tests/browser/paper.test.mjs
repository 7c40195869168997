// Issue 11, paper: every print page printed by Chromium on a reader's machine
// that has only Debian 12's fonts-liberation 1.07 and DejaVu (a fontconfig of
// its own, so Times New Roman resolves to Liberation Serif 1.07, which lacks
// Ủ, Ị, ố, ễ, ậ), and the program's own PDF (export.pdf). pdffonts must list
// exactly one text font family, embedded; pdftotext must find the document's
// kind; PNGs of page 1 go to tests/artifacts/paper-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, Client, PASSWORD } from '../lib/server.mjs';
import { ARTIFACTS, launch } from '../lib/browser.mjs';

let srv, browser, fontDir;
before(async () => {
  srv = await startServer();
  await launch().then((b) => b.close()); // makes tests/artifacts
  fontDir = mkdtempSync(join(tmpdir(), 'ecd-reader-fonts-'));
  writeFileSync(join(fontDir, 'fonts.conf'), `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts/truetype/liberation</dir>
  <dir>/usr/share/fonts/truetype/dejavu</dir>
  <include ignore_missing="yes">/etc/fonts/conf.d</include>
  <cachedir>${fontDir}/cache</cachedir>
</fontconfig>
`);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    env: { ...process.env, FONTCONFIG_FILE: join(fontDir, 'fonts.conf') },
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
});
after(async () => { await browser.close(); await srv.stop(); rmSync(fontDir, { recursive: true, force: true }); });

const run = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8' });
const text = (pdf) => run('pdftotext', ['-raw', pdf, '-']).replace(/\s+/g, ' ');

// The fonts of a PDF as pdffonts lists them: [{name, family, emb}].
export function fonts(pdf) {
  return run('pdffonts', [pdf]).split('\n').slice(2).filter(Boolean).map((l) => {
    const name = l.split(/\s+/)[0];
    const cols = l.trim().split(/\s+/);
    const family = name.replace(/^[A-Z]{6}\+/, '').replace(/[-,](Bold|Italic|BoldItalic|Regular|Oblique|BoldOblique)$/, '');
    return { name, family, emb: cols[cols.length - 5] };
  });
}

// One text font family, every font embedded.
function oneFamily(pdf, label) {
  const list = fonts(pdf);
  const families = [...new Set(list.map((f) => f.family))];
  assert.deepEqual(families, ['LiberationSerif'], `${label}: one family (pdffonts: ${list.map((f) => f.name).join(', ')})`);
  for (const f of list) assert.equal(f.emb, 'yes', `${label}: ${f.name} embedded`);
}

async function loginPage(user) {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, locale: 'vi-VN' });
  await page.goto(`${srv.base}/login`);
  await page.fill('#username', user);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  return page;
}

// Chromium's PDF of path (as user) in tests/artifacts/<name>.pdf, with a PNG of page 1.
async function printPdf(user, path, name) {
  const page = await loginPage(user);
  const res = await page.goto(srv.base + path);
  assert.equal(res.status(), 200, path);
  await page.evaluate(() => document.fonts.ready);
  await page.emulateMedia({ media: 'print' });
  const pdf = join(ARTIFACTS, `${name}.pdf`);
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  await page.close();
  run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, join(ARTIFACTS, `${name}-page1`)]);
  return pdf;
}

// The program's PDF of path (as user) in tests/artifacts/<name>.pdf, with a PNG of page 1.
async function programPdf(user, path, name) {
  const c = new Client(srv.base);
  await c.login(user);
  const res = await fetch(srv.base + path, { headers: { cookie: c.cookieHeader() } });
  assert.equal(res.status, 200, path);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const pdf = join(ARTIFACTS, `${name}.pdf`);
  writeFileSync(pdf, Buffer.from(await res.arrayBuffer()));
  run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, join(ARTIFACTS, `${name}-page1`)]);
  return pdf;
}

const PRINTS = [
  ['xa.myhoa', '/reports/30052/2024/print', 'paper-commune-appendix'],
  ['xa.myhoa', '/reports/30052/2024/print?doc=report&number=15&signer_name=Nguy%E1%BB%85n%20V%C4%83n%20%C3%9Ac', 'paper-commune-report'],
  ['xa.myhoa', '/reports/30052/2024/print?blank=1', 'paper-blank'],
  ['huyen.thapmuoi', '/reports/872/2024/print?number=15&date=2024-11-05', 'paper-district-appendix'],
  ['huyen.thapmuoi', '/reports/872/2024/print?doc=report', 'paper-district-report'],
  ['huyen.thapmuoi', '/rollup/872/2024/print', 'paper-matrix-district'],
  ['tinh.dongthap', '/rollup/87/2024/print?only=approved', 'paper-matrix-province'],
];

test('every print page prints in one Vietnamese serif, served by the program, embedded', async () => {
  for (const [user, path, name] of PRINTS) {
    const pdf = await printPdf(user, path, name);
    oneFamily(pdf, name);
    const all = text(pdf);
    assert.ok(all.includes(name.includes('blank') ? 'Số trẻ em' : 'ỦY BAN NHÂN DÂN') || all.includes('Phụ lục'), `${name}: text`);
  }
});

test('the appendix says which report it is attached to; the standalone report is a BÁO CÁO', async () => {
  const appendix = text(await printPdf('huyen.thapmuoi', '/reports/872/2024/print?number=15&date=2024-11-05', 'paper-district-appendix'));
  assert.ok(appendix.includes('Phụ lục'), 'Phụ lục');
  assert.ok(appendix.includes('(Kèm theo Báo cáo số 15/BC-UBND ngày 05 tháng 11 năm 2024 của Ủy ban nhân dân huyện Tháp Mười)'), appendix.slice(0, 400));
  assert.ok(!appendix.includes('PHỤ LỤC'), 'not in capitals');
  assert.match(appendix, /Số liệu tính từ ngày 15 tháng 12 năm 2023 đến ngày 14 tháng 12 năm 2024/);
  const report = text(await printPdf('xa.myhoa', '/reports/30052/2024/print?doc=report&number=15', 'paper-commune-report'));
  assert.match(report, /BÁO CÁO Tổng hợp kết quả thực hiện|BÁO CÁO TỔNG HỢP KẾT QUẢ THỰC HIỆN/);
  assert.ok(!report.includes('Kèm theo'), 'a standalone report is attached to nothing');
  assert.ok(report.includes('Số: 15/BC-UBND') && report.includes('Nơi nhận:'));
  assert.match(report, /Số liệu tính từ ngày 15 tháng 12 năm 2023 đến ngày 14 tháng 12 năm 2024/);
});

test('the roll-up print never shows an empty "Tình hình thực hiện"; the matrix marks who has not sent', async () => {
  const c = new Client(srv.base);
  await c.login('huyen.thapmuoi');
  const roll = (await c.get('/api/rollup/872/2024')).json;
  const all = text(await printPdf('huyen.thapmuoi', '/reports/872/2024/print', 'paper-district-appendix'));
  const after = all.slice(all.indexOf('Tình hình thực hiện') + 'Tình hình thực hiện'.length).trim();
  assert.ok(!after.startsWith('- Tổng kinh phí'), 'something under Tình hình thực hiện');
  assert.ok(/xem báo cáo của từng xã/.test(after) || roll.children.some((ch) => after.includes(`${ch.name}: `)),
    'the communes\' narratives or a pointer to them');

  // every commune's status under the title, in Chromium's PDF and in the program's
  const own = text(await programPdf('huyen.thapmuoi', '/reports/872/2024/export.pdf?number=15', 'paper-program-district-appendix'));
  for (const t of [all, own]) {
    assert.match(t, /Chưa gửi \(\d+\): /);
    for (const ch of roll.children) assert.ok(t.includes(ch.name), `status of ${ch.name}`);
  }
  const matrix = text(await printPdf('huyen.thapmuoi', '/rollup/872/2024/print', 'paper-matrix-district'));
  const absent = roll.children.filter((ch) => ch.included === 0);
  assert.ok(absent.length > 0, 'the demo has communes that have not sent');
  const marks = matrix.match(/chưa gửi/g) || [];
  assert.ok(marks.length >= absent.length, `${absent.length} communes marked chưa gửi (found ${marks.length})`);
  assert.match(matrix, /Số lần truyền thanh trên Đài phát thanh của huyện( —){3,}/, 'district-only row: — in commune columns');
});

test('the program\'s PDF: one embedded font family, the same document as the print page, small', async () => {
  for (const [user, path, name, expect] of [
    ['huyen.thapmuoi', '/reports/872/2024/export.pdf?number=15&date=2024-11-05', 'paper-program-district-appendix', 'Kèm theo Báo cáo số 15/BC-UBND'],
    ['xa.myhoa', '/reports/30052/2024/export.pdf?doc=report', 'paper-program-commune-report', 'BÁO CÁO'],
    ['huyen.thapmuoi', '/rollup/872/2024/export.pdf', 'paper-program-matrix-district', 'chưa gửi'],
  ]) {
    const pdf = await programPdf(user, path, name);
    oneFamily(pdf, name);
    const all = text(pdf);
    assert.ok(all.includes(expect), `${name}: «${expect}»`);
    assert.ok(all.includes('Số liệu tính từ ngày 15 tháng 12 năm 2023'), `${name}: the cut-off`);
    const size = Number(run('stat', ['-c', '%s', pdf]));
    assert.ok(size < 300000, `${name}: ${size} bytes`);
  }
});

// The left and right edges of the text of page 1 (pdftotext -bbox), in points.
function edges(pdf) {
  const out = run('pdftotext', ['-bbox', '-f', '1', '-l', '1', pdf, '-']);
  const xs = [...out.matchAll(/xMin="([\d.]+)"/g)].map((m) => Number(m[1]));
  const xe = [...out.matchAll(/xMax="([\d.]+)"/g)].map((m) => Number(m[1]));
  return [Math.min(...xs), Math.max(...xe)];
}

test('the program\'s PDF has the print page\'s measures: the text between the same margins', async () => {
  const MM = 72 / 25.4;
  for (const [user, path, name] of [['xa.myhoa', '/reports/30052/2024/%s?doc=report', 'paper-measure-report'],
    ['huyen.thapmuoi', '/rollup/872/2024/%s', 'paper-measure-matrix']]) {
    const browserPdf = await printPdf(user, path.replace('%s', 'print'), `${name}-browser`);
    const fromProgram = await programPdf(user, path.replace('%s', 'export.pdf'), `${name}-program`);
    const [bl, br] = edges(browserPdf), [pl, pr] = edges(fromProgram);
    assert.ok(Math.abs(bl - 30 * MM) < 1.5 && Math.abs(pl - 30 * MM) < 1.5, `${name}: left margin 30 mm (${bl}, ${pl})`);
    assert.ok(Math.abs(br - pr) < 3, `${name}: the same right edge (${br}, ${pr})`);
    assert.equal(run('pdfinfo', [browserPdf]).match(/Page size:\s+([\d.]+ x [\d.]+)/)[1].split(' x ').map(Math.round).join('x'),
      run('pdfinfo', [fromProgram]).match(/Page size:\s+([\d.]+ x [\d.]+)/)[1].split(' x ').map(Math.round).join('x'));
  }
});
