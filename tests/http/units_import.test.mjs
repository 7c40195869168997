// The official unit lists: both national files into one database, counts
// per level checked against the files, idempotent re-imports, bad files
// rejected whole with their line numbers, the API answering for the unit
// valid on a date, the merges, and a 2026 report living in the new tree.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, ecd } from '../lib/server.mjs';
import { requireData, countUnits, unitsOn, unitDump, sql, THREE_TIER, TWO_TIER, MERGES } from '../lib/data.mjs';

const ADMIN_PW = 'quan-tri-12345';
let srv, admin;

before(async () => {
  requireData();
  srv = await startServer({ demo: false });
  ecd(srv.db, ['user', 'add', '--username', 'qtv', '--role', 'admin', '--name', 'Quản trị'], `${ADMIN_PW}\n`);
  admin = new Client(srv.base);
  await admin.login('qtv', ADMIN_PW);
});
after(async () => { await srv.stop(); });

// Runs ecdreport and returns { code, stdout, stderr } instead of throwing.
function run(args, input) {
  try {
    return { code: 0, stdout: ecd(srv.db, args, input), stderr: '' };
  } catch (e) {
    return { code: e.status, stdout: String(e.stdout), stderr: String(e.stderr) };
  }
}

function timed(args) {
  const t0 = process.hrtime.bigint();
  const r = run(args);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  assert.equal(r.code, 0, r.stderr);
  return { ...r, ms };
}

test('the three-tier list loads plainly: counts per level as in the file', () => {
  const want = countUnits(THREE_TIER);
  assert.equal(want.province, 63);
  assert.equal(want.commune, 10035);
  const r = timed(['units', 'import', THREE_TIER]);
  console.log(`three-tier import: ${r.ms.toFixed(0)} ms`);
  assert.ok(r.ms < 10000, `took ${r.ms} ms`);
  assert.match(r.stdout, new RegExp(`Đã nhập ${want.province} tỉnh, ${want.district} huyện, ${want.commune} xã`));
  assert.deepEqual(unitsOn(srv.db, '2024-12-31'), want);
  assert.equal(sql(srv.db, "SELECT COUNT(*) FROM unit WHERE valid_from IS NOT NULL OR valid_to IS NOT NULL"), '0');
});

test('the two-tier list loads with --from 2025-07-01 into the same database', () => {
  const want = countUnits(TWO_TIER);
  assert.deepEqual(want, { province: 34, district: 0, commune: 3321 });
  const r = timed(['units', 'import', TWO_TIER, '--from', '2025-07-01']);
  console.log(`two-tier import: ${r.ms.toFixed(0)} ms`);
  assert.ok(r.ms < 10000, `took ${r.ms} ms`);
  assert.deepEqual(unitsOn(srv.db, '2026-01-01'), want);
  assert.deepEqual(unitsOn(srv.db, '2025-07-01'), want);
  assert.deepEqual(unitsOn(srv.db, '2024-12-31'), countUnits(THREE_TIER), 'the old tree is still there');
  assert.equal(sql(srv.db, "SELECT COUNT(*) FROM unit WHERE valid_to IS NOT NULL AND valid_to <> '2025-06-30'"), '0');
});

test('re-importing either file changes nothing', () => {
  const before = unitDump(srv.db);
  const a = timed(['units', 'import', THREE_TIER]);
  assert.match(a.stdout, /thêm mới 0, sửa 0, phiên bản mới 0, kết thúc 0, xóa 0/);
  const b = timed(['units', 'import', TWO_TIER, '--from', '2025-07-01']);
  assert.match(b.stdout, /thêm mới 0, sửa 0, phiên bản mới 0, kết thúc 0, xóa 0/);
  assert.equal(unitDump(srv.db), before);
});

test('the admin opens 2024 and 2026; a code means the unit valid in the period or on the date', async () => {
  for (const [code, due] of [['2024', '2024-11-20'], ['2026', '2026-11-20']]) {
    const r = await admin.request('POST', '/admin/periods', { form: { code, due } });
    assert.equal(r.status, 303, r.text);
  }
  const old = await admin.get('/api/units/30037?period=2024');
  assert.equal(old.status, 200);
  assert.equal(old.json.name, 'Thị trấn Mỹ An');
  assert.equal(old.json.parent, '872');
  assert.equal(old.json.valid_to, '2025-06-30');
  const now = await admin.get('/api/units/30037?date=2026-01-01');
  assert.equal(now.json.name, 'Xã Tháp Mười');
  assert.equal(now.json.parent, '82');
  assert.equal(now.json.valid_from, '2025-07-01');
  assert.equal((await admin.get('/api/units/30037')).json.name, 'Xã Tháp Mười', 'today is in the new tree');
  const p82old = await admin.get('/api/units/82?period=2024');
  assert.equal(p82old.json.name, 'Tỉnh Tiền Giang');
  assert.ok(p82old.json.children.every((c) => c.level === 'district'));
  const p82 = await admin.get('/api/units/82?period=2026');
  assert.equal(p82.json.name, 'Tỉnh Đồng Tháp');
  assert.ok(p82.json.children.length > 0);
  assert.ok(p82.json.children.every((c) => c.level === 'commune'), 'no districts in 2026');
  assert.ok(p82.json.children.some((c) => c.code === '30037'));
  const d872 = await admin.get('/api/units/872?period=2024');
  assert.equal(d872.json.children.length, 13);
});

test('a bad file is rejected whole with every bad line, and nothing changes', async () => {
  const dir = srv.dir;
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, Buffer.concat([
    Buffer.from('Mã PX,Tỉnh / Thành Phố,Mã TP,Quận Huyện,Mã QH,Phường Xã,Cấp\n'),
    Buffer.from('30037,Tỉnh Đồng Tháp,87,Huyện Tháp Mười,872,Thị trấn Mỹ An Mới,Thị trấn\n'),
    Buffer.from(',Tỉnh Đồng Tháp,87,Huyện Tháp Mười,872,Xã Không Mã,Xã\n'),
    Buffer.from('3004,Tỉnh Đồng Tháp,87,Huyện Tháp Mười,872,Xã Mã Ngắn,Xã\n'),
    Buffer.from('30046,Tỉnh Tiền Giang,82,Huyện Tháp Mười,872,Xã Sai Tỉnh,Xã\n'),
    Buffer.from('30049,Tỉnh Đồng Tháp,87,Huyện Tháp Mười,872,Xã '), Buffer.from([0xff, 0xfe]), Buffer.from(',Xã\n'),
    Buffer.from('30052,Tỉnh Đồng Tháp,87,Huyện Tháp Mười,872,Xã Mỹ Hòa,Xã\n'),
  ]));
  const before = unitDump(srv.db);
  const logs = sql(srv.db, 'SELECT COUNT(*) FROM admin_log');
  const r = run(['units', 'import', bad]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /không nhập gì/);
  assert.match(r.stderr, /dòng 3: thiếu Mã PX/);
  assert.match(r.stderr, /dòng 4: Mã PX "3004" phải gồm đúng 5 chữ số/);
  assert.match(r.stderr, /dòng 5: .*872 thuộc tỉnh 87 ở dòng 2, không thể thuộc tỉnh 82/);
  assert.match(r.stderr, /dòng 6: không phải văn bản UTF-8 hợp lệ/);
  assert.doesNotMatch(r.stderr, /dòng [27]:/);
  assert.equal(unitDump(srv.db), before);
  assert.equal(sql(srv.db, 'SELECT COUNT(*) FROM admin_log'), logs);

  const missing = join(dir, 'missing.csv');
  writeFileSync(missing, 'Tỉnh / Thành Phố,Mã TP,Phường Xã,Cấp\nTỉnh Đồng Tháp,87,Xã Mỹ Hòa,Xã\n');
  const m = run(['units', 'import', missing]);
  assert.equal(m.code, 1);
  assert.match(m.stderr, /dòng 1: thiếu cột "Mã PX"/);
  assert.equal(unitDump(srv.db), before);

  // the same file uploaded on the admin page: 422, every line listed
  const form = new FormData();
  form.set('file', new Blob([await import('node:fs').then((fs) => fs.readFileSync(bad))]), 'bad.csv');
  form.set('from', '');
  const up = await admin.request('POST', '/admin/units/import', { body: form });
  assert.equal(up.status, 422);
  for (const line of [3, 4, 5, 6]) assert.match(up.text, new RegExp(`Dòng ${line}:`));
  assert.match(up.text, /bị từ chối, không nhập gì/);
  assert.equal(unitDump(srv.db), before);
});

test('an upload of a good file imports it, and the admin log records it', async () => {
  const own = await startServer({ demo: false });
  try {
    ecd(own.db, ['user', 'add', '--username', 'qtv', '--role', 'admin'], `${ADMIN_PW}\n`);
    const c = new Client(own.base);
    await c.login('qtv', ADMIN_PW);
    const { readFileSync } = await import('node:fs');
    const national = new FormData();
    national.set('file', new Blob([readFileSync(THREE_TIER)]), 'gso-2025-07-18-communes.csv');
    national.set('from', '');
    const t0 = Date.now();
    const n = await c.request('POST', '/admin/units/import', { body: national });
    console.log(`three-tier upload: ${Date.now() - t0} ms`);
    assert.equal(n.status, 200, n.text.slice(0, 2000));
    const want = countUnits(THREE_TIER);
    assert.match(n.text, new RegExp(`Đã nhập ${want.province} tỉnh, ${want.district} huyện, ${want.commune} xã`));
    assert.deepEqual(unitsOn(own.db, '2024-12-31'), want);
    const form = new FormData();
    form.set('file', new Blob(['Tỉnh / Thành Phố,Mã TP,Phường Xã,Mã PX,Cấp\n"Tỉnh Thử Nghiệm",99,"Xã Thử, Một",99991,Xã\n']), 'small.csv');
    form.set('from', '01/01/2026');
    const up = await c.request('POST', '/admin/units/import', { body: form });
    assert.equal(up.status, 200, up.text);
    assert.match(up.text, /Đã nhập 1 tỉnh, 0 huyện, 1 xã/);
    const u = await c.get('/api/units/99991');
    assert.equal(u.json.name, 'Xã Thử, Một');
    assert.equal(u.json.parent, '99');
    assert.equal(u.json.valid_from, '2026-01-01');
    assert.match(sql(own.db, "SELECT detail FROM admin_log WHERE action = 'units.import'"), /tệp tải lên, hiệu lực từ 2026-01-01: Đã nhập 1 tỉnh/);
    const log = await c.get('/admin/log');
    assert.match(log.text, /units\.import/);
  } finally {
    await own.stop();
  }
});

test('the merges load idempotently and a new commune lists its predecessors', () => {
  const r = run(['units', 'merges', MERGES]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /23 dòng, 23 cặp/);
  const again = run(['units', 'merges', MERGES]);
  assert.match(again.stdout, /0 cặp xã cũ → xã mới mới ghi/);
  assert.equal(sql(srv.db, 'SELECT COUNT(*) FROM unit_succession'), '23');
});

test('a 2026 report lives in the new tree; the new commune reads its predecessors\' 2024 reports', async () => {
  // accounts made on the admin page: the old Xã Mỹ Hòa (valid on 31/12/2024),
  // the new Xã Tháp Mười, the new province; and a district account for 872
  const accounts = [
    { username: 'xa.myhoa.cu', role: 'commune', unit: '30052', unit_date: '2024-12-31' },
    { username: 'xa.thapmuoi', role: 'commune', unit: '30037', unit_date: '' },
    { username: 'tinh.dongthap.moi', role: 'province', unit: '82', unit_date: '' },
    { username: 'huyen.thapmuoi.cu', role: 'district', unit: '872', unit_date: '' },
  ];
  for (const a of accounts) {
    const r = await admin.request('POST', '/admin/users', { form: { ...a, full_name: a.username, password: 'mat-khau-dai-1' } });
    assert.equal(r.status, 303, `${a.username}: ${r.text}`);
  }
  const old = new Client(srv.base);
  await old.login('xa.myhoa.cu', 'mat-khau-dai-1');
  const r24 = await old.put('/api/reports/30052/2024', { values: { posters: 4 }, version: 0 });
  assert.equal(r24.status, 200, r24.text);
  assert.equal((await old.get('/api/reports/30052/2026')).status, 404, 'Xã Mỹ Hòa no longer exists in 2026');

  const neu = new Client(srv.base);
  await neu.login('xa.thapmuoi', 'mat-khau-dai-1');
  const r26 = await neu.put('/api/reports/30037/2026', { values: { posters: 6 }, version: 0 });
  assert.equal(r26.status, 200, r26.text);
  assert.equal(r26.json.unit, '30037');
  const pred = await neu.get('/api/reports/30052/2024');
  assert.equal(pred.status, 200, 'a predecessor\'s report is readable');
  assert.equal(pred.json.values.posters, 4);
  assert.equal((await neu.put('/api/reports/30052/2024', { values: { posters: 5 }, version: pred.json.version })).status, 403);
  assert.equal((await neu.get('/api/reports/30040/2024')).status, 403, '30040 merged into 30046, not 30037');
  const home = await neu.get('/');
  assert.match(home.text, /Báo cáo của các xã trước khi sáp nhập/);
  assert.match(home.text, /href="\/reports\/30052\/2024">Báo cáo năm 2024 — Xã Mỹ Hòa \(30052\)/);
  const page = await neu.get('/reports/30052/2024');
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /name="action" value="save"/, 'read-only');
  const api = await admin.get('/api/units/30037');
  assert.deepEqual(api.json.predecessors.map((p) => p.code), ['30037', '30052', '30064']);
  assert.equal(api.json.predecessors[0].basis, '1663/NQ-UBTVQH15');

  const prov = new Client(srv.base);
  await prov.login('tinh.dongthap.moi', 'mat-khau-dai-1');
  assert.equal((await prov.get('/api/reports/30037/2026')).status, 200, 'the new province reads its commune');
  const dist = new Client(srv.base);
  await dist.login('huyen.thapmuoi.cu', 'mat-khau-dai-1');
  assert.equal((await dist.get('/api/reports/30052/2024')).status, 200, 'the old district reads its 2024 commune');
  assert.equal((await dist.get('/api/reports/30037/2026')).status, 403, 'but not the 2026 tree');
});

test('a re-import never deletes a unit that has reports; unused ones go', async () => {
  const own = await startServer(); // the demo: 36 communes, all with reports
  try {
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync(THREE_TIER, 'utf8').split('\n');
    const rows = lines.filter((l) => l.includes(',872,'));
    assert.equal(rows.length, 13);
    const file = join(own.dir, 'thapmuoi.csv');
    // one more commune, in the file's own layout (the statistics office's listing)
    const extra = { 'Mã': '39999', 'Tên': 'Xã Chưa Dùng', 'Tên Tiếng Anh': '', 'Cấp': 'Xã', 'Mã QH': '872',
      'Quận Huyện': 'Huyện Tháp Mười', 'Mã TP': '87', 'Tỉnh / Thành Phố': 'Tỉnh Đồng Tháp' };
    const extraLine = lines[0].replace(/^\uFEFF/, '').trim().split(',').map((c) => extra[c]).join(',');
    writeFileSync(file, [lines[0], ...rows, extraLine, ''].join('\n'));
    const reports = sql(own.db, 'SELECT COUNT(*) FROM report');
    const first = ecd(own.db, ['units', 'import', file]);
    // 72, 12 and their districts and communes are missing from the file but all have reports or children
    assert.match(first, /thêm mới 1,/);
    assert.match(first, /xóa 0, giữ lại 27 \(còn dữ liệu\)/);
    assert.equal(sql(own.db, 'SELECT COUNT(*) FROM report'), reports);
    const again = ecd(own.db, ['units', 'import', file]);
    assert.match(again, /thêm mới 0, sửa 0/);
    writeFileSync(file, [lines[0], ...rows, ''].join('\n'));
    const third = ecd(own.db, ['units', 'import', file]);
    assert.match(third, /xóa 1, giữ lại 27/, 'the unused commune 39999 is deleted');
    assert.equal(sql(own.db, "SELECT COUNT(*) FROM unit WHERE code = '39999'"), '0');
  } finally {
    await own.stop();
  }
});
