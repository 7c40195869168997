// The demo lives in today's Vietnam: 2023 and 2024 in the three-tier tree as
// history, the same places after the 2025 merges, 2025 reviewed by the
// province directly, the current year open with a due date ahead (dates
// relative to the day init --demo runs), and accounts for the new tree.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client } from '../lib/server.mjs';
import { sql } from '../lib/data.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const today = () => new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10); // Vietnam's date
const year = Number(today().slice(0, 4));

test('periods: history, 2025, and the current year open with a due date ahead', () => {
  const periods = sql(srv.db, 'SELECT code FROM period ORDER BY code').split('\n');
  assert.deepEqual(periods.slice(0, 3), ['2023', '2024', '2025']);
  assert.equal(periods.at(-1), String(Math.max(year, 2025)));
  const due = sql(srv.db, `SELECT due_date FROM period WHERE code = '${year}'`);
  assert.ok(due > today(), `the current year is due ${due}, after today`);
  const recent = sql(srv.db, `SELECT MAX(r.updated_at) FROM report r JOIN period p ON p.id = r.period_id WHERE p.code = '${year}'`);
  assert.ok(recent.slice(0, 10) <= today() && recent.slice(0, 10) >= `${year}-01-01`, recent);
});

test('the same places after the merges: Xã Tháp Mười 30037 under Tỉnh Đồng Tháp 82', async () => {
  const c = new Client(srv.base);
  await c.login('tinh.dongthap.moi');
  const u = (await c.get('/api/units/30037?period=2025')).json;
  assert.equal(u.name, 'Xã Tháp Mười');
  assert.equal(u.parent, '82');
  assert.equal((await c.get('/api/units/30037?period=2024')).json.name, 'Thị trấn Mỹ An');
  const p = (await c.get('/api/units/82')).json;
  assert.equal(p.name, 'Tỉnh Đồng Tháp');
  assert.deepEqual(p.children.map((ch) => ch.code), ['30037', '30043', '30046', '30055', '30061', '30073']);
  assert.deepEqual((await c.get('/api/units/30037')).json.predecessors.map((x) => x.code), ['30037', '30052', '30064']);
});

test('2025 is reviewed by the province directly; the current year is being filled', async () => {
  const prov = new Client(srv.base);
  await prov.login('tinh.dongthap.moi');
  const r = await prov.get('/api/reports/30043/2025');
  assert.equal(r.json.status, 'submitted');
  const ok = await prov.post('/api/reports/30043/2025/approve', { version: r.json.version });
  assert.equal(ok.status, 200, ok.text);
  const home = await prov.get('/');
  assert.equal(home.status, 200);
  const commune = new Client(srv.base);
  await commune.login('xa.thapmuoi');
  const mine = await commune.get(`/api/reports/30037/${year}`);
  assert.equal(mine.json.status, 'draft');
  const saved = await commune.put(`/api/reports/30037/${year}`, { values: { posters: 7 }, version: mine.json.version });
  assert.equal(saved.status, 200, saved.text);
  const ch = await commune.get('/');
  const row = ch.text.match(new RegExp(`<tr class="st-draft">\\s*<td><a href="/reports/30037/${year}">[\\s\\S]*?</tr>`))[0];
  assert.doesNotMatch(row, /quá hạn/, 'the current year is not late');
  const old = new Client(srv.base);
  await old.login('tinh.dongthap');
  assert.equal((await old.get('/api/reports/30052/2024')).status, 200, 'the old province keeps its history');
});
