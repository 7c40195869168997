// Administration: who reaches the admin pages (every route), what a
// province-scoped admin may touch, and what each page does — users,
// passwords, periods, plans and targets, unit settings, the admin log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, ecd, PASSWORD } from '../lib/server.mjs';
import { sql } from '../lib/data.mjs';

let srv, admin;
const ids = {};

before(async () => {
  srv = await startServer();
  ecd(srv.db, ['user', 'add', '--username', 'qt.dongthap', '--role', 'admin', '--unit', '87'], `${PASSWORD}\n`);
  ids.firstLog = Number(sql(srv.db, 'SELECT COALESCE(MAX(id), 0) FROM admin_log')) + 1;
  const id = (q) => sql(srv.db, q);
  ids.unit72 = id("SELECT id FROM unit WHERE code = '72'");
  ids.unit30052 = id("SELECT id FROM unit WHERE code = '30052'");
  ids.admin = id("SELECT id FROM user WHERE username = 'admin'");
  ids.xa = id("SELECT id FROM user WHERE username = 'xa.myhoa'");
  ids.tinh = id("SELECT id FROM user WHERE username = 'tinh.dongthap'");
  ids.plan106 = id("SELECT p.id FROM plan p JOIN unit u ON u.id = p.unit_id WHERE u.code = '106'");
  ids.plan872 = id("SELECT p.id FROM plan p JOIN unit u ON u.id = p.unit_id WHERE u.code = '872'");
  ids.target106 = id(`SELECT id FROM target WHERE plan_id = ${ids.plan106} LIMIT 1`);
  admin = new Client(srv.base);
  await admin.login('admin');
});
after(async () => { await srv.stop(); });

// Every admin route, with a harmless body; :unit etc. are filled from ids.
function adminRoutes() {
  return [
    ['GET', '/admin/units'],
    ['POST', '/admin/units/import', { from: '' }],
    ['POST', '/admin/units/merges', { from: '2025-07-01' }],
    ['GET', `/admin/units/${ids.unit30052}`],
    ['POST', `/admin/units/${ids.unit30052}/settings`, { office: 'x' }],
    ['GET', '/admin/users'],
    ['POST', '/admin/users', { username: 'khong.tao', role: 'commune', unit: '30055', password: 'mat-khau-dai-1' }],
    ['POST', `/admin/users/${ids.xa}/password`, { password: 'mat-khau-dai-1' }],
    ['POST', `/admin/users/${ids.xa}/disable`, { disabled: '1' }],
    ['GET', '/admin/periods'],
    ['POST', '/admin/periods', { code: '2030', due: '2030-11-20' }],
    ['POST', '/admin/periods/2024/due', { due: '2024-12-01' }],
    ['POST', '/admin/periods/2024/lock', { lock: '1' }],
    ['GET', '/admin/plans'],
    ['POST', '/admin/plans', { unit: '872', name: 'x', year_from: '2024', year_to: '2024' }],
    ['GET', `/admin/plans/${ids.plan872}`],
    ['POST', `/admin/plans/${ids.plan872}`, { name: 'x', year_from: '2024', year_to: '2024' }],
    ['POST', `/admin/plans/${ids.plan872}/delete`, {}],
    ['POST', `/admin/plans/${ids.plan872}/targets`, { indicator: '1', year: '2024', op: '>=', value: '50' }],
    ['POST', `/admin/plans/${ids.plan106}/targets/${ids.target106}/delete`, {}],
    ['GET', '/admin/log'],
  ];
}

test('commune, district and province accounts get 403 on every admin route', async () => {
  const before = sql(srv.db, 'SELECT COUNT(*) FROM admin_log');
  for (const username of ['xa.myhoa', 'huyen.thapmuoi', 'tinh.dongthap']) {
    const c = new Client(srv.base);
    await c.loginForm(username);
    for (const [method, path, form] of adminRoutes()) {
      const r = await c.request(method, path, form ? { form: { ...form, csrf: c.csrf } } : {});
      assert.equal(r.status, 403, `${username} ${method} ${path}`);
    }
  }
  assert.equal(sql(srv.db, 'SELECT COUNT(*) FROM admin_log'), before, 'nothing was done');
});

test('without a session: the login page for GET, 401 for POST', async () => {
  const c = new Client(srv.base);
  for (const [method, path, form] of adminRoutes()) {
    const r = await c.request(method, path, form ? { form } : {});
    if (method === 'GET') {
      assert.equal(r.status, 303, path);
      assert.match(r.headers.get('location'), /^\/login\?next=/);
    } else {
      assert.equal(r.status, 401, path);
    }
  }
});

test('a province-scoped admin gets 403 outside its province and for national things', async () => {
  const c = new Client(srv.base);
  await c.loginForm('qt.dongthap');
  const out = [
    ['GET', `/admin/units/${ids.unit72}`],
    ['POST', `/admin/units/${ids.unit72}/settings`, { office: 'x' }],
    ['POST', '/admin/units/import', { from: '' }],
    ['POST', '/admin/units/merges', { from: '2025-07-01' }],
    ['POST', '/admin/users', { username: 'ngoai.tinh', role: 'commune', unit: '25456', password: 'mat-khau-dai-1' }],
    ['POST', '/admin/users', { username: 'qt.toanquoc', role: 'admin', unit: '', password: 'mat-khau-dai-1' }],
    ['POST', `/admin/users/${ids.admin}/password`, { password: 'mat-khau-dai-1' }],
    ['POST', `/admin/users/${ids.admin}/disable`, { disabled: '1' }],
    ['GET', '/admin/periods'],
    ['POST', '/admin/periods', { code: '2031', due: '2031-11-20' }],
    ['POST', '/admin/periods/2024/due', { due: '2024-12-01' }],
    ['POST', '/admin/periods/2024/lock', { lock: '1' }],
    ['POST', '/admin/plans', { unit: '106', name: 'x', year_from: '2024', year_to: '2024' }],
    ['POST', '/admin/plans', { unit: '', name: 'x', year_from: '2024', year_to: '2024' }],
    ['GET', `/admin/plans/${ids.plan106}`],
    ['POST', `/admin/plans/${ids.plan106}`, { name: 'x', year_from: '2021', year_to: '2021' }],
    ['POST', `/admin/plans/${ids.plan106}/delete`, {}],
    ['POST', `/admin/plans/${ids.plan106}/targets`, { indicator: '1', year: '2021', op: '>=', value: '50' }],
    ['POST', `/admin/plans/${ids.plan106}/targets/${ids.target106}/delete`, {}],
  ];
  for (const [method, path, form] of out) {
    const r = await c.request(method, path, form ? { form: { ...form, csrf: c.csrf } } : {});
    assert.equal(r.status, 403, `${method} ${path} ${JSON.stringify(form || {})}`);
  }
  // inside its province it works, and it sees only its province
  assert.equal((await c.get(`/admin/units/${ids.unit30052}`)).status, 200);
  const users = await c.get('/admin/users');
  assert.match(users.text, /xa\.myhoa/);
  assert.doesNotMatch(users.text, />admin</);
  const plans = await c.get('/admin/plans');
  assert.match(plans.text, /Huyện Tháp Mười \(872\)/);
  assert.doesNotMatch(plans.text, /Huyện Tam Đường|Toàn quốc/);
  const made = await c.request('POST', '/admin/users', { form: { csrf: c.csrf, username: 'xa.myquy', role: 'commune', unit: '30055', unit_date: '31/12/2024', password: 'mat-khau-dai-1' } });
  assert.equal(made.status, 303);
  assert.equal(sql(srv.db, "SELECT COUNT(*) FROM user WHERE username IN ('ngoai.tinh', 'qt.toanquoc', 'khong.tao')"), '0');
});

test('creating users: role, unit, and passwords under 10 characters refused', async () => {
  const c = admin;
  const short = await c.request('POST', '/admin/users', { form: { username: 'xa.ngan', role: 'commune', unit: '30058', password: 'ngan' } });
  assert.equal(short.status, 422);
  assert.match(short.text, /ít nhất 10 ký tự/);
  assert.match(short.text, /value="xa.ngan"/, 'the typed fields are kept');
  const wrongLevel = await c.request('POST', '/admin/users', { form: { username: 'xa.sai', role: 'commune', unit: '872', password: 'mat-khau-dai-1' } });
  assert.equal(wrongLevel.status, 422);
  const noUnit = await c.request('POST', '/admin/users', { form: { username: 'xa.khong', role: 'commune', unit: '99999', password: 'mat-khau-dai-1' } });
  assert.equal(noUnit.status, 422);
  const dup = await c.request('POST', '/admin/users', { form: { username: 'xa.myhoa', role: 'commune', unit: '30052', password: 'mat-khau-dai-1' } });
  assert.equal(dup.status, 422);
  const ok = await c.request('POST', '/admin/users', { form: { username: 'xa.mydong', full_name: 'Phạm Văn Đông', role: 'commune', unit: '30058', password: 'mat-khau-dai-1' } });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), '/admin/users?ok=created');
  const u = new Client(srv.base);
  const s = await u.login('xa.mydong', 'mat-khau-dai-1');
  assert.equal(s.user.unit, '30058');
  assert.match(sql(srv.db, "SELECT detail FROM admin_log WHERE action = 'user.add' ORDER BY id DESC LIMIT 1"), /xa\.mydong/);
});

test('a password reset ends the sessions and the new password works', async () => {
  const xa = new Client(srv.base);
  await xa.login('xa.myhoa');
  assert.equal((await xa.get('/api/reports/30052/2024')).status, 200);
  const short = await admin.request('POST', `/admin/users/${ids.xa}/password`, { form: { password: '123456789' } });
  assert.equal(short.status, 422);
  const r = await admin.request('POST', `/admin/users/${ids.xa}/password`, { form: { password: 'mat-khau-moi-1' } });
  assert.equal(r.status, 303);
  assert.equal((await xa.get('/api/reports/30052/2024')).status, 401);
  await assert.rejects(new Client(srv.base).login('xa.myhoa'));
  await new Client(srv.base).login('xa.myhoa', 'mat-khau-moi-1');
});

test('a disabled account stops at once and cannot log in; enabling restores it', async () => {
  const t = new Client(srv.base);
  await t.login('tinh.dongthap');
  const r = await admin.request('POST', `/admin/users/${ids.tinh}/disable`, { form: { disabled: '1', confirm: '1' } });
  assert.equal(r.status, 303);
  assert.equal((await t.get('/api/units/87')).status, 401);
  await assert.rejects(new Client(srv.base).login('tinh.dongthap'));
  assert.match((await admin.get('/admin/users')).text, /đã khóa/);
  const self = await admin.request('POST', `/admin/users/${ids.admin}/disable`, { form: { disabled: '1' } });
  assert.equal(self.status, 422);
  const back = await admin.request('POST', `/admin/users/${ids.tinh}/disable`, { form: { disabled: '0' } });
  assert.equal(back.status, 303);
  await new Client(srv.base).login('tinh.dongthap');
});

test('a user changes their own password (current one required, 10 characters)', async () => {
  const c = new Client(srv.base);
  await c.loginForm('huyen.thapmuoi');
  const wrong = await c.request('POST', '/account/password', { form: { csrf: c.csrf, current: 'sai-mat-khau', password: 'mat-khau-moi-2', confirm: 'mat-khau-moi-2' } });
  assert.equal(wrong.status, 403);
  const differ = await c.request('POST', '/account/password', { form: { csrf: c.csrf, current: PASSWORD, password: 'mat-khau-moi-2', confirm: 'mat-khau-moi-3' } });
  assert.equal(differ.status, 422);
  const short = await c.request('POST', '/account/password', { form: { csrf: c.csrf, current: PASSWORD, password: 'ngan', confirm: 'ngan' } });
  assert.equal(short.status, 422);
  assert.match(short.text, /ít nhất 10 ký tự/);
  const ok = await c.request('POST', '/account/password', { form: { csrf: c.csrf, current: PASSWORD, password: 'mat-khau-moi-2', confirm: 'mat-khau-moi-2' } });
  assert.equal(ok.status, 303);
  assert.equal((await c.get('/')).status, 200, 'this session goes on');
  await new Client(srv.base).login('huyen.thapmuoi', 'mat-khau-moi-2');
});

test('periods: open, refuse a duplicate or a bad code, change the due date, lock and unlock', async () => {
  const open = await admin.request('POST', '/admin/periods', { form: { code: '2025S1', due: '15/06/2025' } });
  assert.equal(open.status, 303);
  assert.equal(sql(srv.db, "SELECT start_date || ' ' || end_date || ' ' || due_date FROM period WHERE code = '2025S1'"), '2025-01-01 2025-06-30 2025-06-15');
  assert.equal((await admin.request('POST', '/admin/periods', { form: { code: '2025S1', due: '2025-06-15' } })).status, 409);
  assert.equal((await admin.request('POST', '/admin/periods', { form: { code: '2025S3', due: '2025-06-15' } })).status, 422);
  assert.equal((await admin.request('POST', '/admin/periods', { form: { code: '2025', due: '31/02/2025' } })).status, 422);
  assert.equal((await admin.request('POST', '/admin/periods', { form: { code: '2025', due: '2025/11/20' } })).status, 422);
  assert.equal((await admin.request('POST', '/admin/periods/2024/due', { form: { due: '5/12/2024' } })).status, 303);
  assert.equal(sql(srv.db, "SELECT due_date FROM period WHERE code = '2024'"), '2024-12-05');
  assert.match((await admin.get('/admin/periods')).text, /05\/12\/2024/);

  const xa = new Client(srv.base);
  await xa.login('xa.myhoa', 'mat-khau-moi-1');
  const cur = await xa.get('/api/reports/30052/2024');
  assert.equal((await admin.request('POST', '/admin/periods/2024/lock', { form: { lock: '1', confirm: '1' } })).status, 303);
  const locked = await xa.put('/api/reports/30052/2024', { values: { posters: 3 }, version: cur.json.version });
  assert.equal(locked.status, 409, 'no edits after the lock');
  assert.equal((await admin.request('POST', '/admin/periods/2024/lock', { form: { lock: '0' } })).status, 303);
  const open2 = await xa.put('/api/reports/30052/2024', { values: { posters: 3 }, version: cur.json.version });
  assert.equal(open2.status, 200);
  assert.equal((await admin.request('POST', '/admin/periods/2099/lock', { form: { lock: '1' } })).status, 404);
});

test('plans and targets: create, edit, add and delete targets, delete the plan', async () => {
  const made = await admin.request('POST', '/admin/plans', { form: { unit: '872', name: 'Kế hoạch thử nghiệm', doc_number: '12/KH-UBND', year_from: '2025', year_to: '2026' } });
  assert.equal(made.status, 303, made.text);
  const path = made.headers.get('location').replace(/\?.*/, '');
  const planId = path.split('/').pop();
  const bad = await admin.request('POST', '/admin/plans', { form: { unit: '872', name: 'x', year_from: '2026', year_to: '2025' } });
  assert.equal(bad.status, 422);
  const ind = sql(srv.db, "SELECT id FROM indicator WHERE code = 'insured_under6'");
  const t = await admin.request('POST', `${path}/targets`, { form: { indicator: ind, year: '2026', op: '>=', value: '92,5' } });
  assert.equal(t.status, 303);
  assert.equal(sql(srv.db, `SELECT op || ' ' || value FROM target WHERE plan_id = ${planId}`), '>= 0.925');
  const again = await admin.request('POST', `${path}/targets`, { form: { indicator: ind, year: '2026', op: '<=', value: '90' } });
  assert.equal(again.status, 303);
  assert.equal(sql(srv.db, `SELECT op || ' ' || value FROM target WHERE plan_id = ${planId}`), '<= 0.9', 'replaced, not added');
  assert.equal((await admin.request('POST', `${path}/targets`, { form: { indicator: ind, year: '2024', op: '>=', value: '50' } })).status, 422);
  assert.equal((await admin.request('POST', `${path}/targets`, { form: { indicator: ind, year: '2025', op: '>=', value: '150' } })).status, 422);
  const page = await admin.get(path);
  assert.match(page.text, /Tỷ lệ trẻ em dưới 6 tuổi có bảo hiểm y tế/);
  assert.match(page.text, /≤ 90%/);
  const edit = await admin.request('POST', path, { form: { name: 'Kế hoạch đã sửa', doc_number: '13/KH-UBND', year_from: '2025', year_to: '2030' } });
  assert.equal(edit.status, 303);
  assert.equal(sql(srv.db, `SELECT name || '|' || doc_number || '|' || year_to FROM plan WHERE id = ${planId}`), 'Kế hoạch đã sửa|13/KH-UBND|2030');
  const tid = sql(srv.db, `SELECT id FROM target WHERE plan_id = ${planId}`);
  assert.equal((await admin.request('POST', `${path}/targets/${tid}/delete`, { form: { confirm: '1' } })).status, 303);
  assert.equal(sql(srv.db, `SELECT COUNT(*) FROM target WHERE plan_id = ${planId}`), '0');
  await admin.request('POST', `${path}/targets`, { form: { indicator: ind, year: '2026', op: '>=', value: '80' } });
  assert.equal((await admin.request('POST', `${path}/delete`, { form: { confirm: '1' } })).status, 303);
  assert.equal(sql(srv.db, `SELECT COUNT(*) FROM plan WHERE id = ${planId}`), '0');
  assert.equal(sql(srv.db, `SELECT COUNT(*) FROM target WHERE plan_id = ${planId}`), '0');
  const national = await admin.request('POST', '/admin/plans', { form: { unit: '', name: 'Đề án quốc gia', year_from: '2026', year_to: '2030' } });
  assert.equal(national.status, 303);
});

test('unit settings for printing are saved and shown', async () => {
  const form = { office: 'Phòng Văn hóa - Xã hội', authority: 'TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH', signer_title: 'PHÓ CHỦ TỊCH', signer_name: 'Nguyễn Văn A', recipients: 'UBND huyện;\nLưu: VT.' };
  const r = await admin.request('POST', `/admin/units/${ids.unit30052}/settings`, { form });
  assert.equal(r.status, 303);
  assert.equal(sql(srv.db, `SELECT office || '|' || signer_name FROM unit_setting WHERE unit_id = ${ids.unit30052}`), 'Phòng Văn hóa - Xã hội|Nguyễn Văn A');
  const page = await admin.get(`/admin/units/${ids.unit30052}?ok=1`);
  assert.match(page.text, /value="PHÓ CHỦ TỊCH"/);
  assert.match(page.text, /Đã lưu thông tin in ấn/);
  assert.equal((await admin.get('/admin/units/999999')).status, 404);
  const search = await admin.get('/admin/units?code=30052');
  assert.match(search.text, /Xã Mỹ Hòa/);
  const provinces = search.text.match(/<ul class="columns" id="provinces">([\s\S]*?)<\/ul>/)[1];
  assert.equal(provinces.match(/<li>/g).length, 3);
  const id872 = sql(srv.db, "SELECT id FROM unit WHERE code = '872'");
  const district = await admin.get(`/admin/units/${id872}`);
  assert.equal(district.text.match(/<ul class="columns" id="children">([\s\S]*?)<\/ul>/)[1].match(/<li>/g).length, 13);
  const scoped = new Client(srv.base);
  await scoped.loginForm('qt.dongthap');
  const own = (await scoped.get('/admin/units')).text.match(/id="provinces">([\s\S]*?)<\/ul>/)[1];
  assert.match(own, /Tỉnh Đồng Tháp \(87\)/);
  assert.doesNotMatch(own, /Tây Ninh|Lai Châu/);
});

test('every admin action is in the admin log, with who and when', async () => {
  const actions = sql(srv.db, 'SELECT DISTINCT action FROM admin_log ORDER BY action').split('\n');
  for (const a of ['period.add', 'period.due', 'period.lock', 'period.unlock', 'plan.add', 'plan.delete', 'plan.edit',
    'target.delete', 'target.set', 'unit.settings', 'user.add', 'user.disable', 'user.enable', 'user.own_password', 'user.password']) {
    assert.ok(actions.includes(a), `${a} logged`);
  }
  assert.equal(sql(srv.db, `SELECT COUNT(*) FROM admin_log WHERE id >= ${ids.firstLog} AND (user_id IS NULL OR at NOT LIKE '20__-__-__T__:__:__Z')`), '0');
  assert.match(sql(srv.db, 'SELECT detail FROM admin_log WHERE user_id IS NULL'), /Tạo tài khoản qt\.dongthap \(admin, Tỉnh Đồng Tháp\) bằng dòng lệnh/);
  const page = await admin.get('/admin/log');
  assert.match(page.text, /Mở kỳ báo cáo 6 tháng đầu năm 2025, hạn nộp 15\/06\/2025/);
});
