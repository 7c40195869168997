// Issue 11, downloads by unit: a district's XLSX has a second worksheet "Theo
// đơn vị" whose figures equal GET /api/rollup's children, the code column of
// the first is hidden and it is fitted to the width only; units.csv holds the
// same figures; the JSON download carries the children as the API has them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client } from '../lib/server.mjs';

let srv, district, commune, roll, elements;
before(async () => {
  srv = await startServer();
  district = new Client(srv.base);
  await district.login('huyen.thapmuoi');
  commune = new Client(srv.base);
  await commune.login('xa.myhoa');
  roll = (await district.get('/api/rollup/872/2024')).json;
  const form = (await district.get('/api/forms/ecd-appendix')).json;
  elements = form.sections.flatMap((s) => s.elements).filter((e) => e.kind !== 'text');
});
after(async () => { await srv.stop(); });

async function download(c, path) {
  const res = await fetch(srv.base + path, { headers: { cookie: c.cookieHeader() } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

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

// The cells of one worksheet part: {"C12": value}, shared strings resolved.
function sheetCells(file, part) {
  const unzip = (p) => execFileSync('unzip', ['-p', file, p], { encoding: 'utf8' });
  const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const strings = [...unzip('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)]
    .map((m) => unescape([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')));
  const xml = unzip(part);
  const cells = {};
  for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const v = (m[3] || '').match(/<v>([^<]*)<\/v>/);
    if (v) cells[m[1]] = / t="s"/.test(m[2]) ? strings[Number(v[1])] : Number(v[1]);
  }
  return { cells, xml, workbook: unzip('xl/workbook.xml') };
}

const col = (n) => { let s = ''; for (n++; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s; return s; };

test('district XLSX: a second worksheet "Theo đơn vị" whose figures equal the API\'s children', async () => {
  const r = await download(district, '/reports/872/2024/export.xlsx');
  assert.equal(r.status, 200);
  const file = join(srv.dir, 'district.xlsx');
  writeFileSync(file, r.bytes);
  const first = sheetCells(file, 'xl/worksheets/sheet1.xml');
  assert.match(first.workbook, /<sheet name="Theo đơn vị"/);
  // the first sheet: the code column hidden, A4 fitted to the width only, the header row repeated
  assert.match(first.xml, /<col min="5" max="5"[^>]*hidden="1"/);
  assert.match(first.xml, /<pageSetup paperSize="9"[^>]*fitToHeight="0"/);
  assert.match(first.workbook, /_xlnm.Print_Titles" localSheetId="0"/);
  assert.match(first.workbook, /_xlnm.Print_Titles" localSheetId="1"/);

  const { cells, xml } = sheetCells(file, 'xl/worksheets/sheet2.xml');
  assert.match(xml, /<col min="1" max="1"[^>]*hidden="1"/, 'unit codes in a hidden column');
  // the header row (3): one column per element, its label, then Tỷ lệ where it has one
  const colOf = {};
  for (let c = 4; c < 80; c++) {
    const label = cells[`${col(c)}3`];
    const e = elements.find((x) => x.label === label);
    if (e) colOf[e.code] = c;
  }
  assert.equal(Object.keys(colOf).length, elements.length, 'a column per element');
  assert.equal(roll.children.length, 13);
  for (const [k, ch] of roll.children.entries()) {
    const row = 4 + k;
    assert.equal(cells[`A${row}`], ch.code);
    assert.equal(cells[`B${row}`], ch.name);
    assert.ok(typeof cells[`C${row}`] === 'string' && cells[`C${row}`].length > 0, 'a status');
    for (const e of elements) {
      const v = ch.values[e.code], cell = cells[`${col(colOf[e.code])}${row}`];
      if (v === undefined) assert.equal(cell, undefined, `${ch.name} ${e.code} blank`);
      else if (e.kind === 'yesno') assert.equal(cell, v ? 'Có' : 'Không', `${ch.name} ${e.code}`);
      else assert.equal(cell, v, `${ch.name} ${e.code}`);
      if (e.denominator && typeof v === 'number' && ch.values[e.denominator] > 0) {
        assert.equal(cells[`${col(colOf[e.code] + 1)}3`], 'Tỷ lệ');
        const ratio = cells[`${col(colOf[e.code] + 1)}${row}`];
        assert.ok(Math.abs(ratio - v / ch.values[e.denominator]) < 1e-9, `${ch.name} ratio ${e.code}`);
      }
    }
  }
});

test('units.csv: one row per child unit with the API\'s figures; staff only, roll-ups only', async () => {
  const r = await download(district, '/reports/872/2024/units.csv');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/csv; charset=utf-8/);
  assert.equal(r.headers.get('content-disposition'), 'attachment; filename="don-vi-872-2024.csv"');
  assert.deepEqual([...r.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const table = parseCsv(r.bytes.subarray(3).toString('utf8'));
  const head = table[0];
  assert.deepEqual(head.slice(0, 6), ['Mã', 'Đơn vị', 'Cấp', 'Trạng thái', 'Số xã đã tổng hợp', 'Số xã']);
  assert.equal(table.length - 1, roll.children.length);
  for (const [k, ch] of roll.children.entries()) {
    const row = Object.fromEntries(head.map((h, i) => [h, table[k + 1][i]]));
    assert.equal(row['Mã'], ch.code);
    assert.equal(row['Đơn vị'], ch.name);
    assert.equal(row['Trạng thái'], ch.status);
    assert.equal(row['Số xã đã tổng hợp'], String(ch.included));
    for (const e of elements) {
      const v = ch.values[e.code];
      assert.equal(row[e.code], v === undefined ? '' : String(v), `${ch.name} ${e.code}`);
      if (e.denominator && typeof v === 'number' && ch.values[e.denominator] > 0)
        assert.ok(Math.abs(Number(row[`ty_le_${e.code}`]) - v / ch.values[e.denominator]) < 1e-5);
    }
  }
  assert.equal((await download(district, '/reports/30052/2024/units.csv')).status, 404, 'a commune has no units');
  assert.equal((await download(commune, '/reports/872/2024/units.csv')).status, 403);
  const approved = await download(district, '/reports/872/2024/units.csv?only=approved');
  assert.equal(approved.headers.get('content-disposition'), 'attachment; filename="don-vi-872-2024-da-duyet.csv"');
});

test('the roll-up\'s JSON download carries the children as the API has them, and the cut-off', async () => {
  const r = await district.get('/reports/872/2024/export.json');
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.children, roll.children);
  assert.equal(r.json.cutoff_from, '2023-12-15');
  assert.equal(r.json.cutoff_to, '2024-12-14');
  const c = await commune.get('/reports/30052/2024/export.json');
  assert.equal(c.json.children, undefined, 'a commune\'s report has no children');
});

test('Tải PDF: the report\'s, the blank form\'s and the matrix\'s PDF from the program; the print page links to it', async () => {
  for (const [c, path, name] of [[commune, '/reports/30052/2024/export.pdf', 'bao-cao-30052-2024.pdf'],
    [commune, '/reports/30052/2024/export.pdf?blank=1', 'bao-cao-30052-2024-mau-trong.pdf'],
    [district, '/reports/872/2024/export.pdf?doc=report&only=approved', 'bao-cao-872-2024-da-duyet.pdf'],
    [district, '/rollup/872/2024/export.pdf', 'bang-chi-tiet-872-2024.pdf']]) {
    const r = await download(c, path);
    assert.equal(r.status, 200, path);
    assert.equal(r.headers.get('content-type'), 'application/pdf');
    assert.equal(r.headers.get('content-disposition'), `attachment; filename="${name}"`);
    assert.equal(r.bytes.subarray(0, 5).toString(), '%PDF-');
    assert.ok(r.bytes.length < 300000, `${path}: ${r.bytes.length} bytes`);
  }
  assert.equal((await download(commune, '/rollup/872/2024/export.pdf')).status, 403);
  assert.equal((await download(commune, '/reports/30040/2024/export.pdf')).status, 403);
  const page = await commune.get('/reports/30052/2024/print?doc=report&number=15');
  assert.match(page.text, /<a id="pdf-link" class="button" href="\/reports\/30052\/2024\/export.pdf\?doc=report&amp;number=15">Tải PDF<\/a>/);
  assert.match(page.text, /formaction="\/reports\/30052\/2024\/export.pdf">Tải PDF/);
  assert.ok((await commune.get('/reports/30052/2024')).text.includes('href="/reports/30052/2024/export.pdf">Tải PDF</a>'), 'beside the other downloads');
  assert.ok((await district.get('/rollup/872/2024')).text.includes('href="/reports/872/2024/units.csv">Tải CSV theo đơn vị</a>'));
});
