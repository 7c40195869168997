// The national level and the roll-ups kept up to date as reports change.
//
// After every kind of change a user can make (a draft saved, values changed,
// cleared or typed wrong, a report submitted, approved, returned, reopened
// and resubmitted, a district's own rows, a due date moved, a commune added
// to the tree), the tables of the commune's district, its province and the
// country are compared, for "submitted or approved" and "approved only",
// with an independent computation from the raw values (tests/lib/rollup.mjs).
// And the national role: unit VN above every province, reading every table,
// reviewing nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, ecd, PASSWORD } from '../lib/server.mjs';
import { sql, sqlExec, snapshot, expectedRollup, REBUILD_TREE } from '../lib/rollup.mjs';

let srv;

before(async () => {
  srv = await startServer();
  ecd(srv.db, ['user', 'add', '--username', 'bo.yte', '--role', 'national', '--unit', 'VN'], `${PASSWORD}\n`);
});
after(async () => { await srv.stop(); });

// Asserts that the table of code equals the independent one (the country
// lists no missing communes: its provinces do).
async function assertTable(c, code, onlyApproved) {
  const r = await c.get(`/api/rollup/${code}/2024${onlyApproved ? '?only=approved' : ''}`);
  assert.equal(r.status, 200, r.text);
  const want = expectedRollup(snapshot(srv.db, '2024'), code, onlyApproved);
  const got = r.json;
  const what = `${code}${onlyApproved ? ' (approved only)' : ''}`;
  for (const k of ['included', 'expected', 'sent', 'late']) assert.equal(got[k], want[k], `${what} ${k}`);
  if (code !== 'VN') {
    assert.deepEqual(got.missing.map((m) => m.code), want.missing, `${what} missing`);
    assert.deepEqual(got.late_included.map((m) => m.code), want.lateIncluded, `${what} late, counted`);
  }
  for (const row of got.rows) {
    const w = want.rows[row.code];
    assert.equal(row.value, w.value, `${what} ${row.code} value`);
    if (w.ratio === null) assert.equal(row.ratio, null, `${what} ${row.code} ratio`);
    else assert.ok(Math.abs(row.ratio - w.ratio) < 1e-12, `${what} ${row.code} ratio ${row.ratio} ≠ ${w.ratio}`);
    if (w.den !== null) assert.equal(row.denominator_value, w.den, `${what} ${row.code} denominator`);
  }
  assert.deepEqual(got.children.map((ch) => ch.code).sort(), Object.keys(want.children).sort(), `${what} children`);
  for (const ch of got.children) {
    assert.deepEqual(ch.values, want.children[ch.code].values, `${what} child ${ch.code}`);
    assert.equal(ch.included, want.children[ch.code].included, `${what} child ${ch.code} included`);
    assert.equal(ch.expected, want.children[ch.code].expected, `${what} child ${ch.code} expected`);
  }
  return got;
}

// Every table above Xã Mỹ Hòa (and the commune's district's own), both ways.
async function assertAll(c, step) {
  for (const code of ['872', '87', 'VN'])
    for (const only of [false, true]) {
      try { await assertTable(c, code, only); } catch (e) { e.message = `after ${step}: ${e.message}`; throw e; }
    }
}

test('the country: VN above every province, and a national user reads its tables', async () => {
  const provinces = sql(srv.db, `SELECT u.code, p.code AS parent FROM unit u JOIN unit p ON p.id = u.parent_id WHERE u.level = 'province'`);
  assert.ok(provinces.length >= 3);
  assert.ok(provinces.every((p) => p.parent === 'VN'), JSON.stringify(provinces));
  const vn = new Client(srv.base);
  const who = await vn.login('bo.yte');
  assert.deepEqual(who.user, { username: 'bo.yte', role: 'national', unit: 'VN' });
  const unit = await vn.get('/api/units/VN');
  assert.equal(unit.status, 200, unit.text);
  assert.equal(unit.json.level, 'country');
  assert.deepEqual(unit.json.children.map((k) => k.code).sort(), ['12', '80', '82'], 'the provinces of today (two tiers)');
  const t = await assertTable(vn, 'VN', false);
  assert.deepEqual(t.children.map((k) => k.code), ['12', '72', '87']);
  assert.deepEqual(t.missing, []);
  await assertTable(vn, 'VN', true);
  for (const path of ['/rollup/VN/2024', '/rollup/87/2024', '/rollup/872/2024', '/indicators/VN/2024',
    '/reports/30052/2024', '/', '/?unit=87&period=2024', '/api/indicators/VN/2024', '/api/reports/30052/2024',
    '/api/rollup/72/2024', '/reports/VN/2024/export.csv']) {
    const r = await vn.get(path);
    assert.equal(r.status, 200, `${path}: ${r.status} ${r.text.slice(0, 200)}`);
  }
  const page = await vn.get('/rollup/VN/2024');
  assert.match(page.text, /Việt Nam/);
  assert.match(page.text, /href="\/rollup\/87\/2024"/);
  assert.match(page.text, /id="by-province"/);
  const home = await vn.get('/?period=2024');
  assert.match(home.text, /Tỉnh Đồng Tháp/);
  assert.match(home.text, /Đã nộp \d+\/13 xã/);
  const ind = await vn.get('/api/indicators/VN/2024');
  assert.ok(ind.json.some((l) => l.plan_unit === 'Toàn quốc'), 'the national plan (QĐ 1437) applies to the country');
  // It reviews nothing, edits nothing.
  assert.equal((await vn.post('/api/reports/30061/2024/approve', {})).status, 403);
  assert.equal((await vn.post('/api/reports/30061/2024/return', { reason: 'x' })).status, 403);
  assert.equal((await vn.put('/api/reports/30052/2024', { values: { children_0_8: 1 }, version: 1 })).status, 403);
  // The role belongs to the country only.
  assert.throws(() => ecd(srv.db, ['user', 'add', '--username', 'bo.sai', '--role', 'national', '--unit', '87'], `${PASSWORD}\n`));
  // Province staff do not read the country.
  const p = new Client(srv.base);
  await p.login('tinh.dongthap');
  assert.equal((await p.get('/api/rollup/VN/2024')).status, 403);
});

test('every table stays equal to the independent sum after every kind of change', async () => {
  const vn = new Client(srv.base);
  await vn.login('bo.yte');
  const xa = new Client(srv.base);
  await xa.login('xa.myhoa');
  const huyen = new Client(srv.base);
  await huyen.login('huyen.thapmuoi');
  await assertAll(vn, 'the demo');

  const report = async () => (await xa.get('/api/reports/30052/2024')).json;
  let r = await report();
  // A draft: values saved, changed, cleared (a draft counts nowhere).
  let put = await xa.put('/api/reports/30052/2024', {
    values: { children_0_8: 1500, children_under6: 1000, children_6_8: 500, birth_registered: 1400,
      vaccinated_under6: 900, referral_network: true, budget_vnd: 25000000 }, version: r.version });
  assert.equal(put.status, 200, put.text);
  await assertAll(vn, 'a draft saved');
  put = await xa.put('/api/reports/30052/2024', { values: { birth_registered: null, children_0_8: 1600 }, version: put.json.version });
  assert.equal(put.status, 200, put.text);
  await assertAll(vn, 'a draft changed and a value cleared');
  // The HTML form keeps what it cannot read as typed (no number).
  const form = await xa.postReport('/reports/30052/2024', { v_posters: '12a' });
  assert.equal(form.status, 303, form.text);
  await assertAll(vn, 'a value typed wrong');
  // Fill everything and submit: it now counts (not yet "approved only").
  r = await report();
  const full = {};
  for (const [code, v] of Object.entries({ children_0_8: 1600, children_under6: 1100, children_6_8: 500,
    birth_registered: 1500, vaccinated_under6: 1000, living_with_parents: 1400, selfprotect_6_8: 300,
    schooling_6_8: 480, insured_under6: 1050, insured_6_8: 450, radio_commune: true, radio_commune_times: 14,
    child_friendly_models: 2, posters: 9, staff_trained: 40, staff_trained_province: 10,
    staff_trained_district: 20, families_0_8: 900, families_trained: 300, pregnant_counselled: 70,
    referral_network: true, needs_monitoring: false, pilot_model: true, budget_vnd: 31000000,
    narrative: 'Đã triển khai.' })) full[code] = v;
  put = await xa.put('/api/reports/30052/2024', { values: full, version: r.version });
  assert.equal(put.status, 200, put.text);
  const sub = await xa.post('/api/reports/30052/2024/submit', { explanation: 'Số liệu đã rà soát.' });
  assert.equal(sub.status, 200, sub.text);
  await assertAll(vn, 'submitted');
  // Approved: now also in "approved only".
  let step = await huyen.post('/api/reports/30052/2024/approve', {});
  assert.equal(step.status, 200, step.text);
  await assertAll(vn, 'approved');
  // Reopened: out of both.
  step = await huyen.post('/api/reports/30052/2024/reopen', { reason: 'Kiểm tra lại số trẻ.' });
  assert.equal(step.status, 200, step.text);
  await assertAll(vn, 'reopened');
  // Changed while returned, resubmitted, returned, resubmitted, approved.
  r = await report();
  put = await xa.put('/api/reports/30052/2024', { values: { children_0_8: 1700, radio_commune: false, posters: 0 }, version: r.version });
  assert.equal(put.status, 200, put.text);
  await assertAll(vn, 'changed while returned');
  assert.equal((await xa.post('/api/reports/30052/2024/submit', { explanation: 'Đã sửa.' })).status, 200);
  await assertAll(vn, 'resubmitted');
  step = await huyen.post('/api/reports/30052/2024/return', { reason: 'Thiếu số liệu.' });
  assert.equal(step.status, 200, step.text);
  await assertAll(vn, 'returned');
  assert.equal((await xa.post('/api/reports/30052/2024/submit', { explanation: 'Đã bổ sung.' })).status, 200);
  assert.equal((await huyen.post('/api/reports/30052/2024/approve', {})).status, 200);
  await assertAll(vn, 'resubmitted and approved');
  // A submitted report of another commune approved in bulk style, one by one.
  for (const row of sql(srv.db, `SELECT u.code FROM report r JOIN unit u ON u.id = r.unit_id JOIN period p ON p.id = r.period_id
      WHERE p.code = '2024' AND r.status = 'submitted' AND u.parent_id = (SELECT id FROM unit WHERE code = '872')`)) {
    assert.equal((await huyen.post(`/api/reports/${row.code}/2024/approve`, {})).status, 200);
  }
  await assertAll(vn, 'the other submitted reports approved');
  // The district's own rows count whatever their status: written, changed, cleared.
  let own = await huyen.get('/api/reports/872/2024');
  put = await huyen.put('/api/reports/872/2024', { values: { radio_district_times: 17 }, version: own.json.version });
  assert.equal(put.status, 200, put.text);
  await assertAll(vn, 'the district entered its row');
  put = await huyen.put('/api/reports/872/2024', { values: { radio_district_times: 4 }, version: put.json.version });
  await assertAll(vn, 'the district changed its row');
  put = await huyen.put('/api/reports/872/2024', { values: { radio_district_times: null }, version: put.json.version });
  assert.equal(put.status, 200, put.text);
  await assertAll(vn, 'the district cleared its row');
  // The administrator moves the due date (late counts change).
  sqlExec(srv.db, `UPDATE period SET due_date = '2024-11-05' WHERE code = '2024';`);
  await assertAll(vn, 'the due date moved');
  // A new commune joins the district (an import rebuilds the tree).
  sqlExec(srv.db, `INSERT INTO unit (code, name, kind, level, parent_id) VALUES
    ('30099', 'Xã Mới Lập', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '872'));
    ${REBUILD_TREE}`);
  await assertAll(vn, 'a commune added to the tree');
});

test('both trees: the national table of 2024 goes through districts, the one of 2026 straight to communes', async () => {
  // The demo's two-tier Đồng Tháp (82) since 2025-07-01: a 2026 report saved and submitted.
  const xa = new Client(srv.base);
  await xa.login('xa.thapmuoi');
  const r = (await xa.get('/api/reports/30037/2026')).json;
  if (['empty', 'draft', 'returned'].includes(r.status)) {
    const put = await xa.put('/api/reports/30037/2026', { values: { children_0_8: 700, referral_network: true }, version: r.version });
    assert.equal(put.status, 200, put.text);
  }
  const vn = new Client(srv.base);
  await vn.login('bo.yte');
  for (const period of ['2024', '2026']) {
    const snap = snapshot(srv.db, period);
    for (const code of ['VN', period === '2024' ? '87' : '82']) {
      for (const only of [false, true]) {
        const got = (await vn.get(`/api/rollup/${code}/${period}${only ? '?only=approved' : ''}`)).json;
        const want = expectedRollup(snap, code, only);
        for (const k of ['included', 'expected', 'sent', 'late']) assert.equal(got[k], want[k], `${code} ${period} ${k}`);
        for (const row of got.rows) assert.equal(row.value, want.rows[row.code].value, `${code} ${period} ${row.code}`);
        assert.deepEqual(got.children.map((ch) => ch.code).sort(), Object.keys(want.children).sort());
      }
    }
  }
  const t26 = await vn.get('/api/rollup/VN/2026');
  assert.deepEqual(t26.json.children.map((k) => [k.code, k.level]), [['12', 'province'], ['80', 'province'], ['82', 'province']]);
  const p82 = await vn.get('/api/rollup/82/2026');
  assert.ok(p82.json.children.length > 0 && p82.json.children.every((k) => k.level === 'commune'), 'communes straight below the province');
  const t24 = await vn.get('/api/rollup/VN/2024');
  assert.deepEqual(t24.json.children.map((k) => k.code), ['12', '72', '87']);
  assert.ok((await vn.get('/api/rollup/87/2024')).json.children.every((k) => k.level === 'district'));
  for (const path of ['/rollup/VN/2026', '/indicators/VN/2026', '/rollup/82/2026', '/?period=2026', '/?unit=82&period=2026'])
    assert.equal((await vn.get(path)).status, 200, path);
});
