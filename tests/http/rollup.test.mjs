// Roll-ups and indicators: every figure the server answers is compared with
// an independent computation from the raw values (tests/lib/rollup.mjs), for
// a three-tier tree (the demo's Tỉnh Đồng Tháp, plus a second district added
// here) and a two-tier tree (a province with communes straight below it),
// for "all submitted" and "approved only", with missing and late communes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, ecd, PASSWORD } from '../lib/server.mjs';
import { sqlExec, snapshot, expectedRollup, REBUILD_TREE } from '../lib/rollup.mjs';

let srv;

// Units of the test: a second district of Đồng Tháp (three communes: one
// submitted on time, one approved but late, one without a report, and the
// district's own row), and a two-tier province (four communes: approved,
// submitted late, draft, none).
const EXTRA_UNITS = `
INSERT INTO unit (code, name, kind, level, parent_id) VALUES
  ('899', 'Huyện Thử Nghiệm', 'Huyện', 'district', (SELECT id FROM unit WHERE code = '87')),
  ('98', 'Tỉnh Hai Cấp', 'Tỉnh', 'province', NULL);
INSERT INTO unit (code, name, kind, level, parent_id) VALUES
  ('89901', 'Xã Thử Một', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '899')),
  ('89902', 'Xã Thử Hai', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '899')),
  ('89903', 'Xã Thử Ba', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '899')),
  ('98001', 'Xã Hai Cấp Một', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '98')),
  ('98002', 'Phường Hai Cấp Hai', 'Phường', 'commune', (SELECT id FROM unit WHERE code = '98')),
  ('98003', 'Xã Hai Cấp Ba', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '98')),
  ('98004', 'Xã Hai Cấp Bốn', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '98'));
${REBUILD_TREE}
CREATE TEMP TABLE rs (code TEXT, status TEXT, submitted TEXT, approved TEXT);
INSERT INTO rs VALUES
  ('89901', 'submitted', '2024-11-20T16:59:59Z', NULL), -- 23:59:59 on the due date in Vietnam: on time
  ('89902', 'approved', '2024-11-28T09:00:00Z', '2024-11-29T09:00:00Z'),
  ('98001', 'approved', '2024-11-02T09:00:00Z', '2024-11-03T09:00:00Z'),
  ('98002', 'submitted', '2024-11-20T17:00:00Z', NULL), -- 00:00 the next day in Vietnam: late
  ('98003', 'draft', NULL, NULL);
INSERT INTO report (unit_id, period_id, status, version, updated_at, submitted_at, approved_at)
  SELECT u.id, p.id, rs.status, 1, '2024-11-01T00:00:00Z', rs.submitted, rs.approved
  FROM rs JOIN unit u ON u.code = rs.code JOIN period p ON p.code = '2024';
-- Values written as people type them: counts with thousands dots, yes/no as 1/0.
INSERT INTO report_value (report_id, element_id, raw, num)
  SELECT rid, eid,
         CASE WHEN kind = 'yesno' THEN CAST(n % 2 AS TEXT)
              WHEN n * 37 >= 1000 THEN CAST(n * 37 / 1000 AS TEXT) || '.' || substr('000' || (n * 37 % 1000), -3)
              ELSE CAST(n * 37 AS TEXT) END,
         CASE WHEN kind = 'yesno' THEN n % 2 ELSE n * 37 END
  FROM (SELECT r.id AS rid, e.id AS eid, e.kind AS kind,
               e.position * 13 + CAST(u.code AS INTEGER) % 101 AS n
        FROM report r JOIN unit u ON u.id = r.unit_id
        JOIN form_element e ON e.scope = 'commune' AND e.kind <> 'text'
        WHERE u.code IN ('89901', '89902', '98001', '98002', '98003'));
INSERT INTO report_value (report_id, element_id, raw, num)
  SELECT r.id, e.id, 'Đã làm <script>alert(1)</script> tốt.', NULL
  FROM report r JOIN unit u ON u.id = r.unit_id, form_element e
  WHERE u.code = '89901' AND e.code = 'narrative';
-- Huyện Thử Nghiệm's own row (a draft: the district's rows count whatever the status).
INSERT INTO report (unit_id, period_id, status, version, updated_at)
  SELECT u.id, p.id, 'draft', 1, '2024-11-01T00:00:00Z' FROM unit u, period p
  WHERE u.code = '899' AND p.code = '2024';
INSERT INTO report_value (report_id, element_id, raw, num)
  SELECT r.id, e.id, '5', 5 FROM report r JOIN unit u ON u.id = r.unit_id, form_element e
  WHERE u.code = '899' AND e.code = 'radio_district_times';
`;

before(async () => {
  srv = await startServer();
  sqlExec(srv.db, EXTRA_UNITS);
  ecd(srv.db, ['user', 'add', '--username', 'tinh.haicap', '--role', 'province', '--unit', '98'], `${PASSWORD}\n`);
});
after(async () => { await srv.stop(); });

// Asserts that the server's roll-up of code equals the independent one.
async function assertRollup(c, code, onlyApproved) {
  const r = await c.get(`/api/rollup/${code}/2024${onlyApproved ? '?only=approved' : ''}`);
  assert.equal(r.status, 200, r.text);
  const want = expectedRollup(snapshot(srv.db, '2024'), code, onlyApproved);
  const got = r.json;
  assert.equal(got.unit, code);
  assert.equal(got.period, '2024');
  for (const k of ['included', 'expected', 'sent', 'late']) assert.equal(got[k], want[k], `${code} ${k}`);
  assert.deepEqual(got.missing.map((m) => m.code), want.missing, `${code} missing`);
  assert.deepEqual(got.late_included.map((m) => m.code), want.lateIncluded, `${code} late, counted`);
  assert.equal(got.rows.length, Object.keys(want.rows).length);
  for (const row of got.rows) {
    const w = want.rows[row.code];
    assert.equal(row.value, w.value, `${code} ${row.code} value`);
    if (w.ratio === null) assert.equal(row.ratio, null, `${code} ${row.code} ratio`);
    else assert.ok(Math.abs(row.ratio - w.ratio) < 1e-12, `${code} ${row.code} ratio ${row.ratio} ≠ ${w.ratio}`);
    if (w.den !== null) assert.equal(row.denominator_value, w.den, `${code} ${row.code} denominator`);
  }
  assert.deepEqual(got.children.map((ch) => ch.code).sort(), Object.keys(want.children).sort());
  for (const ch of got.children) {
    assert.deepEqual(ch.values, want.children[ch.code].values, `${code} child ${ch.code}`);
    assert.equal(ch.included, want.children[ch.code].included);
    assert.equal(ch.expected, want.children[ch.code].expected);
  }
  return got;
}

test('district table: every figure equals the independent sum, all submitted and approved only', async () => {
  const c = new Client(srv.base);
  await c.login('huyen.thapmuoi');
  const all = await assertRollup(c, '872', false);
  const approved = await assertRollup(c, '872', true);
  assert.equal(all.expected, 13);
  assert.equal(all.included, 7);
  assert.equal(approved.included, 4);
  assert.ok(all.missing.some((m) => m.code === '30055' && m.status === 'returned'));
  assert.ok(all.late > 0);
  assert.equal(all.children.length, 13);
});

test('yes/no rows count the "yes" communes over all communes of the unit', async () => {
  const c = new Client(srv.base);
  await c.login('huyen.thapmuoi');
  const r = await c.get('/api/rollup/872/2024');
  const row = r.json.rows.find((x) => x.code === 'referral_network');
  const yes = r.json.children.filter((ch) => ch.values.referral_network === 1).length;
  assert.equal(row.value, yes);
  assert.equal(row.denominator_value, 13);
  assert.ok(Math.abs(row.ratio - yes / 13) < 1e-12);
});

test('the district enters its own rows; they add up into the district and province tables', async () => {
  const d = new Client(srv.base);
  await d.login('huyen.thapmuoi');
  const put = await d.put('/api/reports/872/2024', { values: { radio_district_times: 17 }, version: 0 });
  assert.equal(put.status, 200, put.text);
  assert.deepEqual(put.json.values, { radio_district_times: 17 });
  const bad = await d.put('/api/reports/872/2024', { values: { children_0_8: 5 }, version: put.json.version });
  assert.equal(bad.status, 400, 'a district cannot enter commune rows');
  const commune = new Client(srv.base);
  await commune.login('xa.myhoa');
  assert.equal((await commune.put('/api/reports/872/2024', { values: { radio_district_times: 1 }, version: 1 })).status, 403);
  assert.equal((await d.put('/api/reports/30052/2024', { values: { children_0_8: 1 }, version: 1 })).status, 403);
  const t = await assertRollup(d, '872', false);
  assert.equal(t.rows.find((x) => x.code === 'radio_district_times').value, 17);
  const p = new Client(srv.base);
  await p.login('tinh.dongthap');
  const prov = await assertRollup(p, '87', false);
  assert.equal(prov.rows.find((x) => x.code === 'radio_district_times').value, 22);
});

test('province table (three tiers): sums of its districts, with drill-down children', async () => {
  const c = new Client(srv.base);
  await c.login('tinh.dongthap');
  const all = await assertRollup(c, '87', false);
  await assertRollup(c, '87', true);
  assert.deepEqual(all.children.map((ch) => ch.code), ['872', '899']);
  // 89901 was sent at 23:59:59 on the due date in Vietnam: on time; 89902 late; 89903 never.
  assert.equal(all.children.find((ch) => ch.code === '899').late, 2);
  assert.equal(all.expected, 16);
  const page = await c.get('/rollup/87/2024');
  assert.equal(page.status, 200);
  assert.match(page.text, /href="\/rollup\/872\/2024"/);
  assert.match(page.text, /Huyện Thử Nghiệm/);
  const district = await c.get('/rollup/899/2024');
  assert.match(district.text, /Đã tổng hợp 2\/3 xã/);
  assert.match(district.text, /Xã Thử Ba/);
  assert.match(district.text, /Đã tổng hợp nhưng gửi trễ hạn 1 xã/);
  assert.match(district.text, /<ul id="late"><li><a href="\/reports\/89902\/2024">Xã Thử Hai<\/a>/);
  // What the communes wrote is shown as text, escaped, never summed.
  assert.ok(district.text.includes('<dt>Xã Thử Một</dt><dd>Đã làm &lt;script&gt;alert(1)&lt;/script&gt; tốt.</dd>'));
  assert.ok(!district.text.includes('<script>alert(1)'));
});

test('province table (two tiers): communes straight below the province, reviewed by it', async () => {
  const c = new Client(srv.base);
  await c.login('tinh.haicap');
  const all = await assertRollup(c, '98', false);
  assert.deepEqual(all.children.map((ch) => ch.code), ['98001', '98002', '98003', '98004']);
  assert.equal(all.included, 2);
  assert.deepEqual(all.missing.map((m) => m.code), ['98003', '98004']);
  let approved = await assertRollup(c, '98', true);
  assert.equal(approved.included, 1);
  const other = new Client(srv.base);
  await other.login('huyen.thapmuoi');
  assert.equal((await other.post('/api/reports/98002/2024/approve', {})).status, 403);
  assert.equal((await other.get('/api/rollup/98/2024')).status, 403);
  const ok = await c.post('/api/reports/98002/2024/approve', {});
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.status, 'approved');
  approved = await assertRollup(c, '98', true);
  assert.equal(approved.included, 2);
  const home = await c.get('/?period=2024');
  assert.match(home.text, /Đã nộp 2\/4 xã, 3 trễ hạn/);
  assert.match(home.text, /Phường Hai Cấp Hai/);
});

// 1234567 -> "1.234.567"; num/den -> "20,43%" (half up), as the pages write them.
const count = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
function percent(num, den) {
  const h = (BigInt(num) * 20000n / BigInt(den) + 1n) / 2n;
  return `${h / 100n},${String(h % 100n).padStart(2, '0')}%`;
}

test('the district table page shows the same figures, formatted, and the switch', async () => {
  const c = new Client(srv.base);
  await c.login('huyen.thapmuoi');
  const want = expectedRollup(snapshot(srv.db, '2024'), '872', false);
  const page = await c.get('/rollup/872/2024');
  assert.equal(page.status, 200);
  assert.match(page.text, /Đã tổng hợp 7\/13 xã/);
  const row = page.text.slice(page.text.indexOf('id="r_birth_registered"'));
  const cells = row.slice(0, row.indexOf('</tr>'));
  assert.ok(cells.includes(`>${count(want.rows.birth_registered.value)}<`), cells);
  assert.ok(cells.includes(percent(want.rows.birth_registered.value, want.rows.birth_registered.den)), cells);
  assert.match(page.text, /Xã Mỹ Quý/); // returned: missing
  assert.match(page.text, /href="\/reports\/872\/2024"[^>]*>Nhập số liệu do huyện nhập/);
  assert.match(page.text, /id="matrix"/);
  assert.match(page.text, /Tình hình thực hiện của các xã/);
  const approved = await c.get('/rollup/872/2024?only=approved');
  assert.match(approved.text, /Đã tổng hợp 4\/13 xã/);
  assert.match(approved.text, /Đang chỉ tính báo cáo đã duyệt/);
});

test('indicator table: targets of the unit, its ancestors and the country; unmeasured stay without data', async () => {
  const c = new Client(srv.base);
  await c.login('tinh.dongthap');
  const d = await c.get('/api/indicators/872/2024');
  assert.equal(d.status, 200);
  const want = expectedRollup(snapshot(srv.db, '2024'), '872', false);
  const reached = d.json.filter((l) => l.code === 'reached_services');
  // Tháp Mười's own 2024 target, Đồng Tháp's and the national one for 2025.
  assert.equal(reached.length, 3);
  for (const l of reached) { assert.equal(l.actual, null); assert.equal(l.met, null); }
  assert.ok(reached.some((l) => l.target === 0.8 && l.year === 2024 && /Tháp Mười/.test(l.plan)));
  assert.ok(reached.some((l) => l.target === 0.9 && l.year === 2025 && l.plan_unit === 'Tỉnh Đồng Tháp'));
  assert.ok(reached.some((l) => l.target === 0.9 && l.year === 2025 && /1437\/QĐ-TTg/.test(l.plan)));
  const birth = d.json.find((l) => l.code === 'birth_registered');
  assert.ok(Math.abs(birth.actual - want.rows.birth_registered.ratio) < 1e-12);
  assert.equal(birth.target, null);
  const radio = d.json.find((l) => l.code === 'radio_commune');
  assert.ok(Math.abs(radio.actual - want.rows.radio_commune.value / 13) < 1e-12);
  const page = await c.get('/indicators/872/2024');
  assert.equal(page.status, 200);
  assert.match(page.text, /chưa có số liệu/);
  assert.match(page.text, /≥ 80%/);
  // Tam Đường's 2021 plan sets insured_under6 = 100% for 2021 only: not for 2024.
  const lai = await c.get('/api/indicators/106/2024');
  assert.equal(lai.status, 403);
});

test('a target met or not is judged on the actual value', async () => {
  sqlExec(srv.db, `INSERT INTO target (plan_id, indicator_id, year, op, value)
    SELECT p.id, i.id, 2024, '>=', 0.5 FROM plan p, indicator i
    WHERE p.unit_id = (SELECT id FROM unit WHERE code = '872') AND i.code = 'birth_registered';
    INSERT INTO target (plan_id, indicator_id, year, op, value)
    SELECT p.id, i.id, 2024, '>=', 0.99999 FROM plan p, indicator i
    WHERE p.unit_id = (SELECT id FROM unit WHERE code = '872') AND i.code = 'pilot_model';`);
  const c = new Client(srv.base);
  await c.login('huyen.thapmuoi');
  const d = await c.get('/api/indicators/872/2024');
  const birth = d.json.find((l) => l.code === 'birth_registered');
  assert.equal(birth.met, true);
  assert.equal(birth.target, 0.5);
  assert.equal(d.json.find((l) => l.code === 'pilot_model').met, false);
  const page = await c.get('/indicators/872/2024');
  assert.match(page.text, /Đạt/);
  assert.match(page.text, /Chưa đạt/);
});
