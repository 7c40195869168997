// Exports and charts read back and compared with the report's values from the
// API: the CSV (with its BOM), the XLSX (a zip of XML, read with unzip), the
// JSON sheet, `ecdreport export`, the print page's HTML, and the SVG charts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, ecd, BIN } from '../lib/server.mjs';

let srv, commune, district, report, rows;
before(async () => {
  srv = await startServer();
  commune = new Client(srv.base);
  await commune.login('xa.myhoa');
  district = new Client(srv.base);
  await district.login('huyen.thapmuoi');
  report = (await commune.get('/api/reports/30052/2024')).json;
  const form = (await commune.get('/api/forms/ecd-appendix')).json;
  rows = [...form.header, ...form.sections.flatMap((s) => s.elements)].filter((e) => e.scope === 'commune');
});
after(async () => { await srv.stop(); });

// A download as bytes, with the client's session.
async function download(c, path) {
  const res = await fetch(srv.base + path, { headers: { cookie: c.cookieHeader() } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

// Splits CSV text into rows of fields (RFC 4180 quoting).
function parseCsv(text) {
  const out = [[]];
  let field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { out.at(-1).push(field); field = ''; } else if (ch === '\r') continue;
    else if (ch === '\n') { out.at(-1).push(field); field = ''; out.push([]); } else field += ch;
  }
  if (out.at(-1).length === 0) out.pop();
  return out;
}

// What the CSV's value column says for a report value.
const csvValue = (v) => (v === undefined ? '' : v === true ? '1' : v === false ? '0' : String(v));

function checkCsv(bytes) {
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'begins with the UTF-8 BOM');
  const table = parseCsv(bytes.subarray(3).toString('utf8'));
  assert.deepEqual(table[0], ['Mã', 'Nội dung', 'Số lượng', 'Mẫu số', 'Tỷ lệ']);
  assert.equal(table.length - 1, rows.length, 'one row per element');
  for (const [i, e] of rows.entries()) {
    const [code, label, value, den, ratio] = table[i + 1];
    assert.equal(code, e.code);
    assert.equal(label, e.commune_label || e.label);
    assert.equal(value, csvValue(report.values[e.code]), `value of ${code}`);
    const r = report.ratios[e.code];
    if (r === null || r === undefined) assert.equal(ratio, '', `no ratio for ${code}`);
    else {
      assert.ok(Math.abs(Number(ratio) - r) < 1e-5, `ratio of ${code}: ${ratio} vs ${r}`);
      assert.equal(den, String(report.values[e.denominator]), `denominator of ${code}`);
    }
  }
}

test('CSV: UTF-8 with BOM, one row per element, the values and ratios of the report', async () => {
  const r = await download(commune, '/reports/30052/2024/export.csv');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/csv; charset=utf-8/);
  assert.equal(r.headers.get('content-disposition'), 'attachment; filename="bao-cao-30052-2024.csv"');
  checkCsv(r.bytes);
});

test('ecdreport export writes the same CSV, and JSON and XLSX files', () => {
  const csv = execFileSync(BIN, ['--db', srv.db, 'export', '--unit', '30052', '--period', '2024', '--format', 'csv']);
  checkCsv(csv);
  const json = JSON.parse(ecd(srv.db, ['export', '--unit', '30052', '--period', '2024', '--format', 'json']));
  assert.equal(json.unit, '30052');
  assert.equal(json.status, 'draft');
  assert.equal(json.rows.length, rows.length);
  const out = join(srv.dir, 'mh.xlsx');
  ecd(srv.db, ['export', '--unit', '30052', '--period', '2024', '--format', 'xlsx', '--out', out]);
  assert.match(execFileSync('unzip', ['-l', out], { encoding: 'utf8' }), /xl\/worksheets\/sheet1\.xml/);
  assert.match(ecd(srv.db, ['export', '--help']), /--format csv\|xlsx\|json/);
  assert.throws(() => ecd(srv.db, ['export', '--unit', '99999', '--period', '2024', '--format', 'csv']), /no unit/);
  assert.throws(() => ecd(srv.db, ['export', '--unit', '30052', '--period', '2024', '--format', 'pdf']), /required/);
});

// The cells of the first worksheet of an XLSX file: {"C12": value}, strings resolved.
function readXlsx(file) {
  const unzip = (part) => execFileSync('unzip', ['-p', file, part], { encoding: 'utf8' });
  const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const strings = [...unzip('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)]
    .map((m) => unescape([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')));
  const cells = {};
  for (const m of unzip('xl/worksheets/sheet1.xml').matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const v = (m[3] || '').match(/<v>([^<]*)<\/v>/);
    if (!v) continue;
    cells[m[1]] = / t="s"/.test(m[2]) ? strings[Number(v[1])] : Number(v[1]);
  }
  return { cells, strings, styles: unzip('xl/styles.xml') };
}

test('XLSX: the printed table with Vietnamese headers, counts as numbers, ratios in a percent format', async () => {
  const r = await download(commune, '/reports/30052/2024/export.xlsx');
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(r.headers.get('content-disposition'), 'attachment; filename="bao-cao-30052-2024.xlsx"');
  const file = join(srv.dir, 'web.xlsx');
  writeFileSync(file, r.bytes);
  const { cells, strings, styles } = readXlsx(file);
  for (const s of ['Phụ lục', 'TT', 'Nội dung', 'Số lượng', 'Tỷ lệ', 'Trẻ em từ 0-8 tuổi', 'Hoạt động truyền thông'])
    assert.ok(strings.includes(s), `the sheet shows «${s}»`);
  assert.ok(strings.some((s) => s.startsWith('BÁO CÁO TỔNG HỢP KẾT QUẢ THỰC HIỆN') && s.endsWith('NĂM 2024')));
  assert.match(styles, /formatCode="0\.00%"/);
  assert.match(styles, /formatCode="#,##0"/);
  // each table row: its code in column E, its value in C, its ratio in D
  const rowOf = Object.fromEntries(Object.entries(cells).filter(([k]) => k.startsWith('E')).map(([k, v]) => [v, k.slice(1)]));
  for (const e of rows.filter((x) => x.code !== 'narrative' && x.code !== 'budget_vnd')) {
    const n = rowOf[e.code];
    assert.ok(n, `row for ${e.code}`);
    assert.equal(cells[`B${n}`], e.commune_label || e.label);
    const v = report.values[e.code];
    if (typeof v === 'number') assert.equal(cells[`C${n}`], v, `count ${e.code} is a number`);
    else if (typeof v === 'boolean') assert.equal(cells[`C${n}`], v ? 'Có' : 'Không');
    else assert.equal(cells[`C${n}`], undefined, `${e.code} is blank`);
    const ratio = report.ratios[e.code];
    if (typeof ratio === 'number') assert.ok(Math.abs(cells[`D${n}`] - ratio) < 1e-9, `ratio ${e.code}`);
  }
  assert.ok(Object.values(cells).includes(report.values.budget_vnd), 'the budget as a number');
});

test('JSON export: the sheet, with the API\'s values', async () => {
  const r = await commune.get('/reports/30052/2024/export.json');
  assert.equal(r.status, 200);
  for (const row of r.json.rows) {
    const v = report.values[row.code];
    assert.deepEqual(row.value, v === undefined ? null : v, row.code);
    if (typeof report.ratios[row.code] === 'number') assert.ok(Math.abs(row.ratio - report.ratios[row.code]) < 1e-12);
  }
});

test('downloads and the print page follow the report\'s access rules', async () => {
  assert.equal((await commune.get('/reports/30040/2024/export.csv')).status, 403);
  assert.equal((await commune.get('/reports/30040/2024/print')).status, 403);
  assert.equal((await district.get('/reports/30052/2024/export.csv')).status, 200);
  assert.equal((await district.get('/reports/30052/2024/print')).status, 200);
  assert.equal((await commune.get('/reports/30052/2024/export.pdf')).status, 200); // Tải PDF (issue 11)
  assert.equal((await commune.get('/reports/30052/2024/export.xls')).status, 404);
  assert.equal((await district.get('/reports/872/2024/export.csv')).status, 200);
  assert.equal((await commune.get('/reports/872/2024/export.csv')).status, 403);
  assert.equal((await district.get('/reports/872/2024/print?blank=1')).status, 200);
  const anon = await new Client(srv.base).get('/reports/30052/2024/export.csv');
  assert.equal(anon.status, 303);
  assert.equal((await commune.get('/charts/872/2024/completeness.svg')).status, 403);
});

test('the print page escapes what is typed into its sign-off form; the report page links to it', async () => {
  const q = new URLSearchParams({ doc: 'report', signer_name: '<script>alert(1)</script>', recipients: 'A & B;\n"Lưu"' });
  const page = await commune.get(`/reports/30052/2024/print?${q}`);
  assert.equal(page.status, 200);
  assert.ok(!page.text.includes('<script>alert(1)</script>'));
  assert.match(page.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(page.text, /- A &amp; B;/);
  assert.match(page.text, /<script src="\/static\/print.js" defer><\/script>/);
  assert.match(page.text, /class="draft-mark"/);
  const form = await commune.get('/reports/30052/2024');
  for (const href of ['/reports/30052/2024/print', '/reports/30052/2024/print?blank=1',
    '/reports/30052/2024/export.xlsx', '/reports/30052/2024/export.csv']) assert.ok(form.text.includes(`href="${href}"`), href);
});

// The bars of an SVG chart: [{label, value, height}].
const bars = (svg) => [...svg.matchAll(/<rect class="bar"[^>]*height="([\d.]+)"[^>]*data-value="([\d.]+)" data-label="([^"]*)"/g)]
  .map((m) => ({ height: Number(m[1]), value: Number(m[2]), label: m[3] }));

test('SVG ratio chart: one bar per commune that sent its report, heights proportional to the ratios', async () => {
  const unit = (await district.get('/api/units/872')).json;
  const r = await download(district, '/charts/872/2024/ratio.svg?code=vaccinated_under6');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^image\/svg\+xml/);
  const svg = r.bytes.toString('utf8');
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg, /Tỷ lệ trẻ em dưới 6 tuổi được tiêm chủng/);
  const expected = [];
  for (const c of unit.children) {
    const rep = (await district.get(`/api/reports/${c.code}/2024`)).json;
    if (rep.status === 'submitted' || rep.status === 'approved') expected.push({ label: c.name, value: rep.ratios.vaccinated_under6 });
  }
  const got = bars(svg);
  assert.ok(expected.length >= 2, 'the demo has sent reports');
  assert.deepEqual(got.map((b) => b.label), expected.map((e) => e.label), 'one bar per commune that sent');
  for (const [i, b] of got.entries()) {
    assert.ok(Math.abs(b.value - expected[i].value) < 1e-6, `ratio of ${b.label}`);
    assert.ok(Math.abs(b.height / b.value - got[0].height / got[0].value) < 0.05, `height of ${b.label} is proportional`);
    const shown = (Math.round(expected[i].value * 10000) / 100).toFixed(2).replace('.', ',') + '%';
    assert.ok(svg.includes(`>${shown}</text>`), `the number ${shown} on the bar`);
  }
  for (const c of unit.children) assert.ok(svg.includes(`>${c.name}</text>`), `label ${c.name}`);
  assert.equal((await district.get('/charts/872/2024/ratio.svg?code=children_0_8')).status, 404);
});

test('SVG completeness chart: approved, waiting, not sent and late communes', async () => {
  const svg = (await download(district, '/charts/872/2024/completeness.svg')).bytes.toString('utf8');
  const b = bars(svg);
  assert.deepEqual(b.map((x) => x.label), ['Đã duyệt', 'Đã gửi, chờ duyệt', 'Chưa gửi', 'Trễ hạn']);
  const unit = (await district.get('/api/units/872')).json;
  const statuses = await Promise.all(unit.children.map(async (c) => (await district.get(`/api/reports/${c.code}/2024`)).json.status));
  const approved = statuses.filter((s) => s === 'approved').length;
  assert.ok(Math.abs(b[0].value - approved / unit.children.length) < 1e-6);
  assert.ok(svg.includes(`>${approved}/${unit.children.length} xã</text>`));
  const home = await district.get('/');
  assert.match(home.text, /<img src="\/charts\/872\/2024\/completeness.svg"/);
  assert.match(home.text, /<img src="\/charts\/872\/2024\/ratio.svg\?code=birth_registered"/);
});

test('the narrative keeps its line breaks in the form and prints as paragraphs', async () => {
  const c = new Client(srv.base);
  await c.loginForm('xa.myhoa');
  const text = 'Đoạn một.\nĐoạn hai & <ba>.';
  const saved = await c.postReport('/reports/30052/2024', { v_narrative: text });
  assert.equal(saved.status, 303);
  const form = await c.get('/reports/30052/2024');
  assert.ok(form.text.includes('>Đoạn một.\nĐoạn hai &amp; &lt;ba&gt;.</textarea>'), 'the line break survives');
  const print = await c.get('/reports/30052/2024/print');
  assert.match(print.text, /<p class="para">Đoạn một.<\/p>\s*<p class="para">Đoạn hai &amp; &lt;ba&gt;.<\/p>/);
});

test('print, downloads and charts of units outside one\'s own are refused, for every unit', async () => {
  const province = new Client(srv.base);
  await province.login('tinh.dongthap');
  const admin = new Client(srv.base);
  await admin.login('admin');
  const units = (await province.get('/api/units/872')).json.children.map((c) => c.code);
  const outside = ['03390', '25456', '106', '703', '12', '72'];
  const routes = (u) => [`/reports/${u}/2024/print`, `/reports/${u}/2024/print?blank=1`, `/reports/${u}/2024/export.csv`,
    `/reports/${u}/2024/export.xlsx`, `/reports/${u}/2024/export.json`];
  for (const u of [...units.filter((x) => x !== '30052'), ...outside, '872', '87'])
    for (const path of routes(u)) assert.equal((await commune.get(path)).status, 403, `commune: ${path}`);
  for (const u of outside) {
    for (const path of [...routes(u), `/charts/${u}/2024/completeness.svg`, `/charts/${u}/2024/ratio.svg?code=birth_registered`]) {
      assert.equal((await district.get(path)).status, 403, `district: ${path}`);
      assert.equal((await province.get(path)).status, 403, `province: ${path}`);
    }
  }
  for (const path of [...routes('30040'), '/charts/872/2024/completeness.svg']) {
    assert.equal((await admin.get(path)).status, 403, `admin: ${path}`);
    assert.equal((await province.get(path)).status, 200, `province: ${path}`);
  }
  assert.equal((await province.get('/charts/87/2024/ratio.svg?code=insured_6_8')).status, 200);
});

test('a district\'s download, print and export are its roll-up, the same figures as the API', async () => {
  const api = (await district.get('/api/rollup/872/2024')).json;
  const want = Object.fromEntries(api.rows.map((x) => [x.code, x]));
  const json = JSON.parse(ecd(srv.db, ['export', '--unit', '872', '--period', '2024', '--format', 'json']));
  assert.equal(json.status, 'rollup');
  assert.equal(json.subtitle, `Đã tổng hợp ${api.included}/${api.expected} xã`);
  for (const row of json.rows) {
    if (!want[row.code]) continue; // text rows are not summed
    assert.equal(row.value, want[row.code].value, row.code);
    if (want[row.code].ratio === null) assert.equal(row.ratio, null, row.code);
    else assert.ok(Math.abs(row.ratio - want[row.code].ratio) < 1e-12, row.code);
  }
  const csv = await district.get('/reports/872/2024/export.csv');
  assert.match(csv.text, new RegExp(`children_0_8,Số trẻ em đến 8 tuổi,${want.children_0_8.value},`));
  const print = await district.get('/reports/872/2024/print');
  assert.equal(print.status, 200);
  assert.match(print.text, new RegExp(`Đã tổng hợp ${api.included}/${api.expected} xã`));
  const province = new Client(srv.base);
  await province.login('tinh.dongthap');
  assert.equal((await province.get('/reports/87/2024/export.json')).json.subtitle, `Đã tổng hợp ${api.included}/${api.expected} xã`);
});

test('print, downloads and export with only=approved count the approved reports only, as the API does', async () => {
  const all = (await district.get('/api/rollup/872/2024')).json;
  const api = (await district.get('/api/rollup/872/2024?only=approved')).json;
  assert.equal(api.only_approved, true);
  assert.ok(api.included < all.included, 'the demo has submitted reports not yet approved');
  const want = Object.fromEntries(api.rows.map((x) => [x.code, x]));
  const subtitle = `Đã tổng hợp ${api.included}/${api.expected} xã (chỉ tính báo cáo đã duyệt)`;
  const check = (json, how) => {
    assert.equal(json.subtitle, subtitle, how);
    assert.equal(json.only_approved, true, how);
    let compared = 0;
    for (const row of json.rows) {
      if (!want[row.code]) continue;
      assert.equal(row.value, want[row.code].value, `${how}: ${row.code}`);
      if (want[row.code].ratio === null) assert.equal(row.ratio, null, `${how}: ${row.code}`);
      else assert.ok(Math.abs(row.ratio - want[row.code].ratio) < 1e-12, `${how}: ${row.code}`);
      compared++;
    }
    assert.ok(compared > 10, how);
  };
  check((await district.get('/reports/872/2024/export.json?only=approved')).json, 'download');
  check(JSON.parse(ecd(srv.db, ['export', '--unit', '872', '--period', '2024', '--format', 'json', '--only-approved'])), 'command');
  assert.notEqual(want.children_0_8.value, Object.fromEntries(all.rows.map((x) => [x.code, x])).children_0_8.value,
    'approved-only differs from all sent');
  const csv = await download(district, '/reports/872/2024/export.csv?only=approved');
  assert.equal(csv.headers.get('content-disposition'), 'attachment; filename="bao-cao-872-2024-da-duyet.csv"');
  assert.match(csv.bytes.toString('utf8'), new RegExp(`children_0_8,Số trẻ em đến 8 tuổi,${want.children_0_8.value},`));
  const print = await district.get('/reports/872/2024/print?only=approved');
  assert.ok(print.text.includes(subtitle), 'the printed subtitle says approved only');
  assert.match(print.text, /<input type="hidden" name="only" value="approved">/, 'the sign-off form keeps the switch');
  const page = await district.get('/rollup/872/2024?only=approved');
  for (const href of ['/reports/872/2024/print?only=approved', '/reports/872/2024/export.xlsx?only=approved',
    '/reports/872/2024/export.csv?only=approved']) assert.ok(page.text.includes(`href="${href}"`), href);
  const plain = await district.get('/rollup/872/2024');
  assert.ok(plain.text.includes('href="/reports/872/2024/print"'));
});

test('a province\'s ratio chart has one bar per district, heights proportional to the API\'s per-child ratios', async () => {
  const province = new Client(srv.base);
  await province.login('tinh.dongthap');
  const api = (await province.get('/api/rollup/87/2024')).json;
  const form = (await province.get('/api/forms/ecd-appendix')).json;
  const den = Object.fromEntries(form.sections.flatMap((s) => s.elements).map((e) => [e.code, e.denominator]));
  assert.ok(api.children.length >= 1 && api.children.every((c) => c.level === 'district'));
  for (const code of ['vaccinated_under6', 'radio_commune']) {
    const svg = (await download(province, `/charts/87/2024/ratio.svg?code=${code}`)).bytes.toString('utf8');
    const got = bars(svg);
    const want = api.children.filter((c) => c.values[code] !== undefined).map((c) => ({
      label: c.name,
      value: code === 'radio_commune' ? c.values[code] / c.expected : c.values[code] / c.values[den[code]],
    }));
    assert.deepEqual(got.map((b) => b.label), want.map((w) => w.label), `${code}: one bar per district`);
    assert.ok(got.length >= 1);
    for (const [i, b] of got.entries()) {
      assert.ok(Math.abs(b.value - want[i].value) < 1e-6, `${code}: ratio of ${b.label}`);
      if (b.value > 0) assert.ok(Math.abs(b.height / b.value - got[0].height / got[0].value) < 0.05, `${code}: height of ${b.label}`);
    }
    for (const c of api.children) assert.ok(svg.includes(`>${c.name}</text>`), `label ${c.name}`);
    assert.match(svg, /Huyện, thị xã, thành phố/);
  }
  const approved = (await province.get('/api/rollup/87/2024?only=approved')).json;
  const svg = (await download(province, '/charts/87/2024/ratio.svg?code=vaccinated_under6&only=approved')).bytes.toString('utf8');
  const b = bars(svg).find((x) => x.label === approved.children[0].name);
  const c = approved.children[0];
  assert.ok(Math.abs(b.value - c.values.vaccinated_under6 / c.values.children_under6) < 1e-6, 'approved-only chart');
  assert.match(svg, /chỉ tính báo cáo đã duyệt/);
});

test('the roll-up page shows the charts: completeness and one per ratio row, keeping the switch', async () => {
  const form = (await district.get('/api/forms/ecd-appendix')).json;
  const ratioRows = form.sections.flatMap((s) => s.elements).filter((e) => e.denominator || e.kind === 'yesno');
  const page = await district.get('/rollup/872/2024?only=approved');
  assert.match(page.text, /<h2>Biểu đồ<\/h2>/);
  assert.ok(page.text.includes('<img src="/charts/872/2024/completeness.svg"'));
  for (const e of ratioRows) assert.ok(page.text.includes(`<img src="/charts/872/2024/ratio.svg?code=${e.code}&amp;only=approved"`), e.code);
  for (const e of ratioRows) assert.equal((await district.get(`/charts/872/2024/ratio.svg?code=${e.code}`)).status, 200, e.code);
});

test('the matrix print is for staff of the unit or above: commune 403, district 403 outside its district', async () => {
  const province = new Client(srv.base);
  await province.login('tinh.dongthap');
  const admin = new Client(srv.base);
  await admin.login('admin');
  for (const u of ['872', '87', '106', '703', '12', '72']) {
    assert.equal((await commune.get(`/rollup/${u}/2024/print`)).status, 403, `commune: ${u}`);
    assert.equal((await admin.get(`/rollup/${u}/2024/print`)).status, 403, `admin: ${u}`);
  }
  for (const u of ['87', '106', '703', '12', '72'])
    assert.equal((await district.get(`/rollup/${u}/2024/print?only=approved`)).status, 403, `district: ${u}`);
  for (const u of ['106', '703', '12', '72']) assert.equal((await province.get(`/rollup/${u}/2024/print`)).status, 403, `province: ${u}`);
  const own = await district.get('/rollup/872/2024/print');
  assert.equal(own.status, 200);
  assert.match(own.text, /<link rel="stylesheet" href="\/static\/print-landscape.css">/);
  assert.equal((await province.get('/rollup/872/2024/print')).status, 200);
  assert.equal((await province.get('/rollup/87/2024/print')).status, 200);
  assert.equal((await district.get('/rollup/872/1999/print')).status, 404);
  const css = await district.get('/static/print-landscape.css');
  assert.match(css.text, /@page \{ size: A4 landscape;/);
  const printed = await district.get('/reports/872/2024/print');
  assert.doesNotMatch(printed.text, /print-landscape/, 'the roll-up table itself stays portrait');
});

test('a target set for the year by a plan of the unit draws its line on the unit\'s and its communes\' charts, not above', async () => {
  const { sql } = await import('../lib/data.mjs');
  const admin = new Client(srv.base);
  await admin.login('admin');
  const plan = sql(srv.db, "SELECT p.id FROM plan p JOIN unit u ON u.id = p.unit_id WHERE u.code = '872'");
  const ind = sql(srv.db, "SELECT id FROM indicator WHERE code = 'vaccinated_under6'");
  const res = await admin.request('POST', `/admin/plans/${plan}/targets`, { form: { indicator: ind, year: '2024', op: '>=', value: '95' } });
  assert.equal(res.status, 303);
  const line = (svg) => svg.match(/<line class="target"[^>]*data-value="([\d.]+)"/);
  const own = (await download(district, '/charts/872/2024/ratio.svg?code=vaccinated_under6')).bytes.toString('utf8');
  assert.equal(Number(line(own)[1]), 0.95);
  assert.match(own, />Mục tiêu 95%<\/text>/);
  const province = new Client(srv.base);
  await province.login('tinh.dongthap');
  const above = (await download(province, '/charts/87/2024/ratio.svg?code=vaccinated_under6')).bytes.toString('utf8');
  assert.equal(line(above), null, 'a district\'s plan sets no target for its province');
  const other = (await download(district, '/charts/872/2024/ratio.svg?code=insured_6_8')).bytes.toString('utf8');
  assert.equal(line(other), null, 'no target for another row');
});
