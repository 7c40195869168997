// The national lists ship with the program (sql/units/): `init --units` loads
// the statistics office's three-tier list, the two-tier list from 01/07/2025
// and the whole country's merges in one step, idempotently; counts per level
// and per tree are checked against the shipped files. The importer takes both
// layouts of the statistics office's export, with or without a byte-order
// mark, and refuses an unknown layout naming the columns it needs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ecd } from '../lib/server.mjs';
import { requireData, countUnits, unitsOn, unitDump, sql, csvRows, THREE_TIER, TWO_TIER, NATIONAL_MERGES } from '../lib/data.mjs';

let dir, db;
before(() => {
  requireData();
  dir = mkdtempSync(join(tmpdir(), 'ecdreport-units-'));
  db = join(dir, 'units.db');
});
after(() => rmSync(dir, { recursive: true, force: true }));

function run(dbPath, args, input) {
  try {
    return { code: 0, stdout: ecd(dbPath, args, input), stderr: '' };
  } catch (e) {
    return { code: e.status, stdout: String(e.stdout), stderr: String(e.stderr) };
  }
}

test('init --units loads both trees and the national merges in one step', () => {
  const t0 = Date.now();
  const r = run(db, ['init', '--units']);
  const ms = Date.now() - t0;
  console.log(`init --units: ${ms} ms`);
  assert.equal(r.code, 0, r.stderr);
  const three = countUnits(THREE_TIER), two = countUnits(TWO_TIER);
  assert.deepEqual(three, { province: 63, district: 691, commune: 10035 });
  assert.deepEqual(two, { province: 34, district: 0, commune: 3321 });
  assert.deepEqual(unitsOn(db, '2024-12-31'), three, 'the three-tier tree up to 30/06/2025');
  assert.deepEqual(unitsOn(db, '2025-06-30'), three);
  assert.deepEqual(unitsOn(db, '2025-07-01'), two, 'the two-tier tree from 01/07/2025');
  assert.deepEqual(unitsOn(db, '2026-12-01'), two);
  const pairs = csvRows(NATIONAL_MERGES);
  assert.equal(pairs.length, 10597);
  assert.equal(sql(db, 'SELECT COUNT(*) FROM unit_succession'), String(pairs.length), 'every pair old → new');
  const split = new Map();
  for (const p of pairs) split.set(p.ma_xa_cu, (split.get(p.ma_xa_cu) || 0) + 1);
  assert.equal([...split.values()].filter((n) => n > 1).length, 471);
  assert.equal(sql(db, 'SELECT COUNT(*) FROM (SELECT old_unit_id FROM unit_succession GROUP BY old_unit_id HAVING COUNT(*) > 1)'), '471');
  // the successor of every pair is the unit valid from 01/07/2025, the
  // predecessor the one valid on 30/06/2025
  assert.equal(sql(db, `SELECT COUNT(*) FROM unit_succession s JOIN unit o ON o.id = s.old_unit_id JOIN unit n ON n.id = s.new_unit_id
    WHERE o.valid_to = '2025-06-30' AND n.valid_from = '2025-07-01'`), String(pairs.length));
  assert.match(r.stdout, /10035 xã/);
  assert.match(r.stdout, /3321 xã/);
  assert.match(r.stdout, /10597/);
});

test('init --units again changes nothing', () => {
  const before = unitDump(db);
  const succ = sql(db, 'SELECT old_unit_id, new_unit_id, basis FROM unit_succession ORDER BY 1, 2');
  const r = run(db, ['init', '--units']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(unitDump(db), before);
  assert.equal(sql(db, 'SELECT old_unit_id, new_unit_id, basis FROM unit_succession ORDER BY 1, 2'), succ);
});

test('the statistics office listing imports with and without its byte-order mark', () => {
  const raw = readFileSync(THREE_TIER);
  assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the shipped file has its BOM');
  const lines = raw.toString('utf8').split(/\r?\n/);
  assert.equal(lines[0].replace(/^\uFEFF/, ''), 'Mã,Tên,Tên Tiếng Anh,Cấp,Mã QH,Quận Huyện,Mã TP,Tỉnh / Thành Phố');
  const part = [lines[0], ...lines.filter((l) => /,872,Huyện Tháp Mười,87,/.test(l))];
  assert.equal(part.length, 14);
  for (const [name, text] of [['bom.csv', part.join('\r\n')], ['nobom.csv', part.join('\n').replace(/^\uFEFF/, '')]]) {
    const d = join(dir, `${name}.db`);
    ecd(d, ['init']);
    const f = join(dir, name);
    writeFileSync(f, text);
    const r = run(d, ['units', 'import', f]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Đã nhập 1 tỉnh, 1 huyện, 13 xã/);
    assert.equal(sql(d, "SELECT name || '|' || kind || '|' || level FROM unit WHERE code = '30037'"), 'Thị trấn Mỹ An|Thị trấn|commune');
    assert.equal(sql(d, "SELECT p.code FROM unit u JOIN unit p ON p.id = u.parent_id WHERE u.code = '30052'"), '872');
  }
});

test('an unknown layout is refused, naming the columns needed', () => {
  const d = join(dir, 'unknown.db');
  ecd(d, ['init']);
  const f = join(dir, 'unknown.csv');
  writeFileSync(f, 'code,name,parent\n30037,Thị trấn Mỹ An,872\n');
  const r = run(d, ['units', 'import', f]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /không nhập gì/);
  assert.match(r.stderr, /Tỉnh \/ Thành Phố, Mã TP, Quận Huyện, Mã QH, Phường Xã, Mã PX, Cấp/);
  assert.match(r.stderr, /Mã, Tên, Tên Tiếng Anh, Cấp, Mã QH, Quận Huyện, Mã TP, Tỉnh \/ Thành Phố/);
  assert.equal(sql(d, 'SELECT COUNT(*) FROM unit'), '0');
});

test('units import and units merges still take any file', () => {
  const d = join(dir, 'any.db');
  ecd(d, ['init']);
  const f = join(dir, 'small.csv');
  writeFileSync(f, 'Tỉnh / Thành Phố,Mã TP,Phường Xã,Mã PX,Cấp\nTỉnh Thử Nghiệm,99,Xã Thử Một,99991,Xã\nTỉnh Thử Nghiệm,99,Xã Thử Hai,99992,Xã\n');
  assert.equal(run(d, ['units', 'import', f]).code, 0);
  const g = join(dir, 'small2.csv');
  writeFileSync(g, 'Tỉnh / Thành Phố,Mã TP,Phường Xã,Mã PX,Cấp\nTỉnh Thử Nghiệm,99,Xã Thử Mới,99993,Xã\n');
  assert.equal(run(d, ['units', 'import', g, '--from', '2026-01-01']).code, 0);
  const m = join(dir, 'm.csv');
  writeFileSync(m, 'ma_xa_cu,ma_xa_moi,can_cu\n99991,99993,thử\n99992,99993,thử\n');
  const r = run(d, ['units', 'merges', m, '--from', '2026-01-01']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sql(d, 'SELECT COUNT(*) FROM unit_succession'), '2');
});

test('init --demo --units: the demo\'s own versions of reused codes do not leave old units in force', () => {
  const d = join(dir, 'both.db');
  const r = run(d, ['init', '--demo', '--units']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(unitsOn(d, '2024-12-31'), countUnits(THREE_TIER));
  assert.deepEqual(unitsOn(d, '2026-01-01'), countUnits(TWO_TIER));
  assert.equal(sql(d, "SELECT group_concat(name, '|') FROM unit WHERE code = '82' AND (valid_to IS NULL OR valid_to >= '2026-01-01')"), 'Tỉnh Đồng Tháp');
  assert.equal(sql(d, "SELECT valid_to FROM unit WHERE code = '82' AND name = 'Tỉnh Tiền Giang'"), '2025-06-30');
  assert.equal(sql(d, 'SELECT COUNT(*) FROM unit_succession'), String(csvRows(NATIONAL_MERGES).length));
  const again = run(d, ['init', '--demo', '--units']);
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(unitsOn(d, '2026-01-01'), countUnits(TWO_TIER));
});
