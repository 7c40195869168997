// "In báo cáo" as Chromium prints it: the commune's report to PDF with
// Playwright (preferCSSPageSize), read back with poppler (pdfinfo, pdftotext,
// pdffonts, pdftoppm). PDFs and a PNG of each first page are kept in
// tests/artifacts/ to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, Client } from '../lib/server.mjs';
import { launch, loginPage, ARTIFACTS } from '../lib/browser.mjs';

let srv, browser, api, form;
before(async () => {
  srv = await startServer();
  browser = await launch();
  api = new Client(srv.base);
  await api.login('xa.myhoa');
  form = (await api.get('/api/forms/ecd-appendix')).json;
});
after(async () => { await browser.close(); await srv.stop(); });

const run = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8' });
// pdftotext of the whole file or of one page, whitespace collapsed (table
// cells wrap their labels over several lines).
const text = (pdf, page) => run('pdftotext', [...(page ? ['-f', `${page}`, '-l', `${page}`] : []), '-raw', pdf, '-'])
  .replace(/\s+/g, ' ');
const pages = (pdf) => Number(run('pdfinfo', [pdf]).match(/Pages:\s+(\d+)/)[1]);
const count = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
const percent = (num, den) => (Math.round(num * 10000 / den) / 100).toFixed(2).replace('.', ',') + '%';

// Prints path (logged in as user) to tests/artifacts/<name>.pdf and a PNG of page 1.
async function printPdf(user, path, name) {
  const page = await loginPage(browser, srv.base, user);
  const res = await page.goto(srv.base + path);
  assert.equal(res.status(), 200);
  const pdf = join(ARTIFACTS, `${name}.pdf`);
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  await page.close();
  run('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', pdf, join(ARTIFACTS, `${name}-page1`)]);
  return pdf;
}

test('the commune draft prints on A4 in one or two pages, as print.md lays it out', async () => {
  const report = (await api.get('/api/reports/30052/2024')).json;
  assert.equal(report.status, 'draft');
  const pdf = await printPdf('xa.myhoa', '/reports/30052/2024/print?doc=report', 'print-commune-draft');

  assert.match(run('pdfinfo', [pdf]), /Page size:\s+59[45](\.\d+)? x 841(\.\d+)? pts \(A4\)/);
  const n = pages(pdf);
  assert.ok(n >= 1 && n <= 2, `fits in one or two pages (got ${n})`);

  const all = text(pdf);
  for (const line of ['ỦY BAN NHÂN DÂN', 'XÃ MỸ HÒA', 'Số:', '/BC-UBND', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc', 'BÁO CÁO', 'Tổng hợp kết quả thực hiện Kế hoạch chăm sóc vì sự phát triển toàn diện',
    'tại gia đình và cộng đồng năm 2024', 'Tình hình thực hiện', 'Tổng kinh phí thực hiện', 'Kết quả thực hiện',
    'TT Nội dung Số lượng Tỷ lệ', 'Nơi nhận:', 'Lưu: VT.', 'TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']) {
    assert.ok(all.includes(line), `the PDF shows «${line}»`);
  }
  assert.match(all, /Mỹ Hòa, ngày \d\d tháng (0[12]|[3-9]|1[012]) năm \d{4}/);

  // every row label of the commune's table, every section, every figure
  for (const s of form.sections) assert.ok(all.includes(`${s.numeral} ${s.title}`), `section ${s.numeral}`);
  assert.ok(all.includes(`Tổng kinh phí thực hiện: ${count(report.values.budget_vnd)} đồng`));
  assert.ok(all.includes(report.values.narrative.replace(/\s+/g, ' ')), 'the narrative');
  const rows = form.sections.flatMap((s) => s.elements);
  for (const e of rows.filter((e) => e.scope !== 'district')) {
    const label = (e.commune_label || e.label).replace(/\s+/g, ' ');
    assert.ok(all.includes(label), `row label «${label}»`);
    const v = report.values[e.code];
    if (typeof v === 'number') assert.ok(all.includes(count(v)), `figure ${e.code} = ${count(v)}`);
    if (typeof v === 'boolean') assert.ok(all.includes(`${label} ${v ? 'Có' : 'Không'}`), `answer ${e.code}`);
  }
  for (const [code, ratio] of Object.entries(report.ratios)) {
    if (ratio === null) continue;
    const e = rows.find((x) => x.code === code);
    const num = report.values[code], den = report.values[e.denominator];
    assert.ok(all.includes(percent(num, den)), `ratio ${code} = ${percent(num, den)}`);
  }

  // the draft mark on every page; page numbers at the top from page 2 only
  for (let p = 1; p <= n; p++) assert.match(text(pdf, p), /BẢN\s*NHÁP/, `BẢN NHÁP on page ${p}`);
  if (n === 2) {
    assert.match(text(pdf, 2).trim(), /^2 /, 'page 2 starts with its number');
    assert.doesNotMatch(text(pdf, 1).trim(), /^1 /, 'no number on page 1');
    assert.ok(text(pdf, 2).includes('TT Nội dung Số lượng Tỷ lệ'), 'the table header repeats');
  }

  // nothing of the screen is printed
  for (const screen of ['Quay lại báo cáo', 'Cập nhật bản in', 'Đăng xuất']) assert.ok(!all.includes(screen), screen);

  // fonts: Liberation Serif 2 served by the program (Times New Roman's metrics), every font embedded
  const fonts = run('pdffonts', [pdf]).split('\n').slice(2).filter(Boolean);
  assert.ok(fonts.some((l) => /LiberationSerif/.test(l)), 'Liberation Serif is used');
  for (const l of fonts) assert.match(l, /\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/, `embedded: ${l}`);
});

test('a submitted report prints without the draft mark, with its submission date', async () => {
  const pdf = await printPdf('xa.myhoa', '/reports/30052/2023/print?doc=report', 'print-commune-approved');
  const all = text(pdf);
  assert.ok(pages(pdf) <= 2);
  assert.doesNotMatch(all, /BẢN\s*NHÁP/);
  assert.match(all, /năm 2023/);
  assert.match(all, /Mỹ Hòa, ngày \d\d tháng/);
});

test('the signer and recipients can be changed before printing; nothing is saved', async () => {
  const q = new URLSearchParams({ doc: 'report', number: '15', date: '2024-11-05', authority: 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH',
    signer_title: '', signer_name: 'Nguyễn Văn An', recipients: 'Phòng LĐ-TB&XH huyện Tháp Mười;\nLưu: VT.' });
  const pdf = await printPdf('xa.myhoa', `/reports/30052/2024/print?${q}`, 'print-commune-signed');
  const all = text(pdf);
  assert.ok(all.includes('Số: 15/BC-UBND'));
  assert.ok(all.includes('Mỹ Hòa, ngày 05 tháng 11 năm 2024'));
  assert.ok(all.includes('Nguyễn Văn An'));
  assert.ok(!all.includes('PHÓ CHỦ TỊCH'));
  const again = await printPdf('xa.myhoa', '/reports/30052/2024/print?doc=report', 'print-commune-draft-again');
  assert.ok(!text(again).includes('Nguyễn Văn An'), 'the next printing uses the unit settings again');
});

test('the print page opens the print dialog from its button; the report page links to it', async () => {
  const page = await loginPage(browser, srv.base, 'xa.myhoa');
  await page.goto(srv.base + '/reports/30052/2024');
  await Promise.all([page.waitForNavigation(), page.click('a:has-text("In báo cáo")')]);
  assert.match(page.url(), /\/reports\/30052\/2024\/print$/);
  await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed++; }; });
  await page.click('#print-button');
  assert.equal(await page.evaluate(() => window.__printed), 1);
  await page.close();
});

test('the blank form prints for filling by hand: labels, no figures, no draft mark', async () => {
  const report = (await api.get('/api/reports/30052/2024')).json;
  const pdf = await printPdf('xa.myhoa', '/reports/30052/2024/print?blank=1', 'print-blank-form');
  const all = text(pdf);
  assert.ok(pages(pdf) <= 3, 'tall cells to write in: at most three pages');
  assert.ok(all.includes('ngày …… tháng …… năm ……'));
  assert.ok(all.includes('Số trẻ em đến 8 tuổi được đăng ký khai sinh'));
  assert.ok(!all.includes(count(report.values.children_0_8)), 'no figure of the report');
  assert.doesNotMatch(all, /BẢN\s*NHÁP/);
});

test('the roll-up matrix prints on landscape A4: header block, title, every unit and figure, thead on every page', async () => {
  const district = new Client(srv.base);
  await district.login('huyen.thapmuoi');
  for (const [who, unit, only, name] of [['huyen.thapmuoi', '872', false, 'print-matrix-district'],
    ['tinh.dongthap', '87', true, 'print-matrix-province-approved']]) {
    const c = new Client(srv.base);
    await c.login(who);
    const roll = (await c.get(`/api/rollup/${unit}/2024${only ? '?only=approved' : ''}`)).json;
    const pdf = await printPdf(who, `/rollup/${unit}/2024/print${only ? '?only=approved' : ''}`, name);
    const info = run('pdfinfo', [pdf]);
    assert.match(info, /Page size:\s+84[12](\.\d+)? x 59[45](\.\d+)? pts \(A4\)/, `${name}: landscape A4`);
    const all = text(pdf);
    // the matrix prints as the appendix (print.md): "Phụ lục", the title, the "Kèm theo" line
    for (const line of ['Phụ lục', 'TẠI GIA ĐÌNH VÀ CỘNG ĐỒNG NĂM 2024',
      `(Kèm theo Báo cáo số ……/BC-UBND ngày …… tháng …… năm …… của Ủy ban nhân dân ${roll.unit_name.replace(/^\S+/, (w) => w.toLowerCase())})`,
      `Đã tổng hợp ${roll.included}/${roll.expected} xã${only ? ' (chỉ tính báo cáo đã duyệt)' : ''}`]) {
      assert.ok(all.includes(line), `${name}: the PDF shows «${line}»`);
    }
    const rows = form.sections.flatMap((s) => s.elements);
    const den = Object.fromEntries(rows.map((e) => [e.code, e.denominator]));
    for (const ch of roll.children) {
      assert.ok(all.includes(ch.name), `${name}: unit ${ch.name}`);
      for (const [code, v] of Object.entries(ch.values)) {
        if (typeof v === 'number') assert.ok(all.includes(count(v)), `${name}: ${ch.name} ${code} = ${count(v)}`);
        if (typeof v === 'number' && den[code] && ch.values[den[code]] > 0)
          assert.ok(all.includes(percent(v, ch.values[den[code]])), `${name}: ${ch.name} ratio ${code}`);
      }
    }
    for (const r of roll.rows) if (typeof r.value === 'number') assert.ok(all.includes(count(r.value)), `${name}: total ${r.code}`);
    for (let p = 1; p <= pages(pdf); p++) {
      const t = text(pdf, p);
      if (/\d/.test(t) && t.includes('Số trẻ em')) assert.ok(t.includes('Nội dung'), `${name}: the table's header on page ${p}`);
    }
  }
  const page = await district.get('/rollup/872/2024?only=approved');
  assert.ok(page.text.includes('<a id="matrix-print" href="/rollup/872/2024/print?only=approved">In bảng chi tiết (khổ ngang)</a>'));
});
