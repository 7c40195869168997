// Accounts of merged communes: a commune officer whose commune ended on
// 30/06/2025 meets a 403 on a 2025 report that says why; the home page says
// it and lists only the periods of the commune; the administrator sees such
// accounts with their successor and moves them in one step (admin log); a
// split commune's account waits for the administrator's choice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client } from '../lib/server.mjs';
import { sql } from '../lib/data.mjs';

let srv, admin;
before(async () => {
  srv = await startServer();
  admin = new Client(srv.base);
  await admin.loginForm('admin');
});
after(async () => { await srv.stop(); });

test('the officer of a merged commune is told why a 2025 report is refused', async () => {
  const c = new Client(srv.base);
  await c.login('xa.myhoa');
  const api = await c.get('/api/reports/30052/2025');
  assert.equal(api.status, 403);
  assert.match(api.json.error, /Xã Mỹ Hòa đã sáp nhập vào Xã Tháp Mười từ 01\/07\/2025/);
  const put = await c.put('/api/reports/30052/2025', { values: { posters: 1 }, version: 0 });
  assert.equal(put.status, 403);
  const html = await c.get('/reports/30052/2025');
  assert.equal(html.status, 403);
  assert.match(html.text, /Xã Mỹ Hòa đã sáp nhập vào Xã Tháp Mười từ 01\/07\/2025/);
  assert.equal((await c.get('/api/reports/30052/2024')).status, 200, 'its own history stays');
  const home = await c.get('/');
  assert.match(home.text, /Xã Mỹ Hòa đã sáp nhập vào Xã Tháp Mười từ 01\/07\/2025/);
  assert.doesNotMatch(home.text, /href="\/reports\/30052\/2025"/, 'no period after the merge');
  assert.match(home.text, /href="\/reports\/30052\/2024"/);
  const neu = new Client(srv.base);
  await neu.login('xa.thapmuoi');
  const nh = await neu.get('/');
  assert.match(nh.text, /href="\/reports\/30037\/2025"/);
  assert.doesNotMatch(nh.text, /href="\/reports\/30037\/2024">Báo cáo năm 2024</, 'Xã Tháp Mười did not exist in 2024');
  assert.match(nh.text, /href="\/reports\/30037\/2024">Báo cáo năm 2024 — Thị trấn Mỹ An/, 'its predecessor of the same code did');
});

test('the admin lists accounts of merged communes with their successor and moves them in one step', async () => {
  // a split commune: Xã Thạnh Lợi also gave land to Xã Tháp Mười (for the test)
  sql(srv.db, `INSERT INTO unit_succession (old_unit_id, new_unit_id, basis) SELECT o.id, n.id, 'thử'
    FROM unit o, unit n WHERE o.code = '30040' AND o.valid_to = '2025-06-30' AND n.code = '30037' AND n.valid_from = '2025-07-01'`);
  const made = await admin.request('POST', '/admin/users', { form: { csrf: admin.csrf, username: 'xa.thanhloi', role: 'commune', unit: '30040', unit_date: '2024-12-31', full_name: 'Cán bộ Thạnh Lợi', password: 'mat-khau-dai-1' } });
  assert.equal(made.status, 303, made.text);
  const list = await admin.get('/admin/users/merged');
  assert.equal(list.status, 200);
  const row = (u) => (list.text.match(new RegExp(`<tr id="merged-${u.replace('.', '\\.')}">[\\s\\S]*?</tr>`)) || [''])[0];
  assert.match(row('xa.myhoa'), /Xã Mỹ Hòa \(30052\)[\s\S]*Xã Tháp Mười \(30037\)/);
  assert.match(row('xa.thanhloi'), /Xã Thạnh Lợi \(30040\)[\s\S]*Xã Tháp Mười \(30037\)[\s\S]*Xã Trường Xuân \(30046\)/);
  assert.equal(row('xa.thapmuoi'), '', 'a current commune is not listed');
  const users = await admin.get('/admin/users');
  assert.match(users.text, /href="\/admin\/users\/merged"/);

  const all = await admin.request('POST', '/admin/users/merged', { form: { csrf: admin.csrf, all: '1' } });
  assert.equal(all.status, 303, all.text);
  assert.equal(sql(srv.db, "SELECT u.code || ' ' || u.valid_from FROM user us JOIN unit u ON u.id = us.unit_id WHERE us.username = 'xa.myhoa'"), '30037 2025-07-01');
  assert.equal(sql(srv.db, "SELECT u.code FROM user us JOIN unit u ON u.id = us.unit_id WHERE us.username = 'xa.thanhloi'"), '30040', 'a split commune waits for a choice');
  assert.match(sql(srv.db, "SELECT detail FROM admin_log WHERE action = 'user.move'"), /xa\.myhoa.*Xã Mỹ Hòa \(30052\).*Xã Tháp Mười \(30037\)/);

  const after = await admin.get('/admin/users/merged');
  assert.doesNotMatch(after.text, /id="merged-xa\.myhoa"/);
  const id = sql(srv.db, "SELECT id FROM user WHERE username = 'xa.thanhloi'");
  const bad = await admin.request('POST', '/admin/users/merged', { form: { csrf: admin.csrf, user: id, unit: '30061' } });
  assert.equal(bad.status, 422, 'only a successor');
  const one = await admin.request('POST', '/admin/users/merged', { form: { csrf: admin.csrf, user: id, unit: '30046' } });
  assert.equal(one.status, 303, one.text);
  assert.equal(sql(srv.db, "SELECT u.code || ' ' || u.valid_from FROM user us JOIN unit u ON u.id = us.unit_id WHERE us.username = 'xa.thanhloi'"), '30046 2025-07-01');

  const c = new Client(srv.base);
  await c.login('xa.myhoa');
  assert.equal((await c.get('/api/reports/30037/2025')).status, 200, 'the moved officer reports for the new commune');
  assert.equal((await c.get('/api/reports/30052/2024')).status, 200, 'and reads its old commune\'s reports');
});
