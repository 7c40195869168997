// One database holding both national lists answers a 2024 roll-up through
// districts and a 2026 roll-up straight from communes to the province.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '../lib/server.mjs';
import { startTwoTreeServer, sql, ADMIN_PASSWORD as PW } from '../lib/data.mjs';
import { validValues } from '../lib/values.mjs';

let srv, admin;

before(async () => {
  ({ srv, admin } = await startTwoTreeServer());
  const accounts = [
    ['tinh.dongthap.cu', 'province', '87', '2024-12-31'],
    ['huyen.thapmuoi', 'district', '872', '2024-12-31'],
    ['xa.myhoa', 'commune', '30052', '2024-12-31'],
    ['xa.myquy', 'commune', '30055', '2024-12-31'],
    ['tinh.dongthap', 'province', '82', '2026-01-01'],
    ['xa.thapmuoi', 'commune', '30037', '2026-01-01'],
    ['xa.myqui', 'commune', '30055', '2026-01-01'],
  ];
  for (const [username, role, unit, unit_date] of accounts) {
    const r = await admin.request('POST', '/admin/users', { form: { username, role, unit, unit_date, password: PW } });
    assert.equal(r.status, 303, `${username}: ${r.text}`);
  }
});
after(async () => { await srv.stop(); });

// The commune officer fills and submits the report of unit for period.
async function file(username, unit, period, total) {
  const c = new Client(srv.base);
  await c.login(username, PW);
  const r = await c.put(`/api/reports/${unit}/${period}`, { values: validValues(total), version: 0 });
  assert.equal(r.status, 200, r.text);
  const s = await c.post(`/api/reports/${unit}/${period}/submit`, { explanation: '' });
  assert.equal(s.status, 200, s.text);
}

// Communes of a province valid on date, from the database.
function communesOf(province, date) {
  return Number(sql(srv.db, `SELECT COUNT(*) FROM unit_tree t JOIN unit p ON p.id = t.ancestor_id JOIN unit u ON u.id = t.unit_id
    WHERE p.code = '${province}' AND '${date}' BETWEEN COALESCE(p.valid_from, '0000') AND COALESCE(p.valid_to, '9999')
    AND u.level = 'commune' AND '${date}' BETWEEN COALESCE(u.valid_from, '0000') AND COALESCE(u.valid_to, '9999')`));
}

test('2024 rolls up through districts', async () => {
  await file('xa.myhoa', '30052', '2024', 1000);
  await file('xa.myquy', '30055', '2024', 800);
  const c = new Client(srv.base);
  await c.login('tinh.dongthap.cu', PW);
  const r = await c.get('/api/rollup/87/2024');
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.children.length > 0);
  assert.ok(r.json.children.every((k) => k.code.length === 3), 'the children of a province in 2024 are districts');
  assert.ok(r.json.children.some((k) => k.code === '872'));
  assert.equal(r.json.included, 2);
  assert.equal(r.json.expected, communesOf('87', '2024-12-31'));
  assert.equal(r.json.rows.find((x) => x.code === 'children_0_8').value, 1800);
  const d = new Client(srv.base);
  await d.login('huyen.thapmuoi', PW);
  const rd = await d.get('/api/rollup/872/2024');
  assert.equal(rd.json.children.length, 13);
  assert.equal(rd.json.rows.find((x) => x.code === 'children_0_8').value, 1800);
});

test('2026 rolls up from communes straight to the province', async () => {
  await file('xa.thapmuoi', '30037', '2026', 1500);
  await file('xa.myqui', '30055', '2026', 700);
  const c = new Client(srv.base);
  await c.login('tinh.dongthap', PW);
  const r = await c.get('/api/rollup/82/2026');
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.children.every((k) => k.code.length === 5), 'no districts in 2026');
  assert.ok(r.json.children.some((k) => k.code === '30037' && k.name === 'Xã Tháp Mười'));
  assert.equal(r.json.included, 2);
  assert.equal(r.json.expected, communesOf('82', '2026-06-30'));
  assert.equal(r.json.children.length, r.json.expected);
  assert.equal(r.json.rows.find((x) => x.code === 'children_0_8').value, 2200);
  // the old province's 2024 table is untouched by the 2026 reports
  const old = new Client(srv.base);
  await old.login('tinh.dongthap.cu', PW);
  assert.equal((await old.get('/api/rollup/87/2024')).json.rows.find((x) => x.code === 'children_0_8').value, 1800);
  assert.equal((await old.get('/api/rollup/87/2026')).status, 404, 'Tỉnh Đồng Tháp 87 does not exist in 2026');
});

test('charts and the printed matrix follow the tree: districts in 2024, communes in 2026', async () => {
  const old = new Client(srv.base);
  await old.login('tinh.dongthap.cu', PW);
  const r24 = (await old.get('/api/rollup/87/2024')).json;
  const svg24 = (await old.get('/charts/87/2024/ratio.svg?code=children_under6')).text;
  const labels = (svg) => [...svg.matchAll(/<rect class="bar"[^>]*data-label="([^"]*)"/g)].map((m) => m[1]);
  assert.deepEqual(labels(svg24), ['Huyện Tháp Mười'], 'one bar per district with counted reports');
  for (const k of r24.children) assert.ok(svg24.includes(`>${k.name}</text>`), k.name);
  const m24 = (await old.get('/rollup/87/2024/print')).text;
  assert.equal((m24.match(/<table class="sheet matrix">/g) || []).length, Math.ceil(r24.children.length / 10));
  assert.match(m24, /chi tiết theo huyện/);
  const c = new Client(srv.base);
  await c.login('tinh.dongthap', PW);
  const r26 = (await c.get('/api/rollup/82/2026')).json;
  const svg26 = (await c.get('/charts/82/2026/ratio.svg?code=children_under6')).text;
  assert.deepEqual(labels(svg26).sort(), r26.children.filter((k) => k.included).map((k) => k.name).sort());
  const m26 = (await c.get('/rollup/82/2026/print')).text;
  assert.equal((m26.match(/<table class="sheet matrix">/g) || []).length, Math.ceil(r26.children.length / 10));
  assert.match(m26, /chi tiết theo xã/);
  assert.ok(m26.includes('Xã Tháp Mười'));
});
