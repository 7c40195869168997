// Review: the district returns a report with a reason, the commune sees it,
// fixes and resubmits, the district approves; an approved report is locked
// and can be reopened with a reason; every step is in report_event and on
// the history page. And the access rules of every review and roll-up route.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client } from '../lib/server.mjs';
import { validValues } from '../lib/values.mjs';
import { sql } from '../lib/rollup.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const REASON = 'Số trẻ em dưới 6 tuổi có bảo hiểm y tế chưa khớp với số liệu của BHXH huyện; đề nghị xã kiểm tra lại.';

test('the whole review cycle through the API', async () => {
  const commune = new Client(srv.base), district = new Client(srv.base);
  await commune.login('xa.myhoa');
  await district.login('huyen.thapmuoi');
  let r = await commune.get('/api/reports/30052/2024');
  r = await commune.put('/api/reports/30052/2024', { values: validValues(1500), version: r.json.version });
  assert.equal(r.status, 200, r.text);
  r = await commune.post('/api/reports/30052/2024/submit', { explanation: 'Dân số tăng do sáp nhập ấp.' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'submitted');

  // Nothing to approve twice, a return needs a reason, the commune cannot review itself.
  assert.equal((await district.post('/api/reports/30052/2024/return', {})).status, 400);
  assert.equal((await district.post('/api/reports/30052/2024/return', { reason: '   ' })).status, 400);
  assert.equal((await commune.post('/api/reports/30052/2024/approve', {})).status, 403);
  assert.equal((await district.post('/api/reports/30052/2024/reopen', { reason: 'x' })).status, 409);
  const stale = await district.post('/api/reports/30052/2024/approve', { version: 1 });
  assert.equal(stale.status, 409);

  r = await district.post('/api/reports/30052/2024/return', { reason: REASON });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'returned');
  assert.equal(r.json.return_reason, REASON);
  assert.equal((await district.post('/api/reports/30052/2024/approve', {})).status, 409);

  // The commune sees the reason in the report and on its home page, fixes, resubmits.
  r = await commune.get('/api/reports/30052/2024');
  assert.equal(r.json.status, 'returned');
  assert.equal(r.json.return_reason, REASON);
  const home = await commune.get('/');
  assert.ok(home.text.includes('Cấp trên trả lại: Số trẻ em dưới 6 tuổi có bảo hiểm y tế'), 'reason on the home page');
  const form = await commune.get('/reports/30052/2024');
  assert.ok(form.text.includes('Cấp trên trả lại báo cáo:'));
  r = await commune.put('/api/reports/30052/2024', { values: { insured_under6: 1000 }, version: r.json.version });
  assert.equal(r.status, 200, r.text);
  r = await commune.post('/api/reports/30052/2024/submit');
  assert.equal(r.json.status, 'submitted');

  r = await district.post('/api/reports/30052/2024/approve', { version: r.json.version });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'approved');
  // Approved is locked for the commune.
  assert.equal((await commune.put('/api/reports/30052/2024', { values: { posters: 1 }, version: r.json.version })).status, 409);
  assert.equal((await district.post('/api/reports/30052/2024/reopen', {})).status, 400);
  r = await district.post('/api/reports/30052/2024/reopen', { reason: 'Bổ sung số liệu mô hình thí điểm.' });
  assert.equal(r.status, 200);
  assert.equal(r.json.status, 'returned');
  assert.equal((await commune.put('/api/reports/30052/2024', { values: { posters: 9 }, version: r.json.version })).status, 200);

  const events = sql(srv.db, `SELECT e.action, e.reason, u.username FROM report_event e JOIN user u ON u.id = e.user_id
    WHERE e.report_id = (SELECT r.id FROM report r JOIN unit x ON x.id = r.unit_id JOIN period p ON p.id = r.period_id
    WHERE x.code = '30052' AND p.code = '2024') ORDER BY e.id`);
  assert.deepEqual(events.map((e) => [e.action, e.username]), [
    ['submit', 'xa.myhoa'], ['return', 'huyen.thapmuoi'], ['submit', 'xa.myhoa'],
    ['approve', 'huyen.thapmuoi'], ['reopen', 'huyen.thapmuoi']]);
  assert.equal(events[1].reason, REASON);

  // The history page: every step with its reason, and the value changes.
  const hist = await district.get('/reports/30052/2024/history');
  assert.equal(hist.status, 200);
  for (const label of ['Gửi báo cáo', 'Trả lại', 'Duyệt', 'Mở lại để sửa', 'Bổ sung số liệu mô hình thí điểm.'])
    assert.ok(hist.text.includes(label), label);
  assert.ok(hist.text.includes(REASON.replace(/;/g, ';')));
  assert.match(hist.text, /Số trẻ em dưới 6 tuổi có bảo hiểm y tế<\/td><td class="num">1\.047<\/td><td class="num">1\.000<\/td>/);
  assert.equal((await commune.get('/reports/30052/2024/history')).status, 200);
});

test('review from the report page: warnings, last year beside each row, approve and return forms', async () => {
  const district = new Client(srv.base);
  await district.loginForm('huyen.thapmuoi');
  // Xã Mỹ Đông (30067) was submitted in the demo; its 2023 report was approved.
  const page = await district.get('/reports/30067/2024');
  assert.equal(page.status, 200);
  assert.match(page.text, /<th class="qty prev">Năm trước<\/th>/);
  const prev = sql(srv.db, `SELECT v.raw FROM report_value v JOIN report r ON r.id = v.report_id JOIN unit u ON u.id = r.unit_id
    JOIN period p ON p.id = r.period_id JOIN form_element e ON e.id = v.element_id
    WHERE u.code = '30067' AND p.code = '2023' AND e.code = 'children_0_8'`)[0].raw;
  const row = page.text.slice(page.text.indexOf('id="row_children_0_8"'));
  assert.ok(row.slice(0, row.indexOf('</tr>')).includes(`<td class="qty prev">${String(prev).replace(/\B(?=(\d{3})+(?!\d))/g, '.')}</td>`));
  assert.match(page.text, /id="approve"/);
  assert.match(page.text, /id="return"/);

  // Year-over-year warnings of the submitted report show in review.
  const c = new Client(srv.base);
  await c.login('xa.myhoa');
  let r = await c.get('/api/reports/30052/2024');
  assert.equal(r.json.status, 'returned');
  r = await c.put('/api/reports/30052/2024', { values: { children_0_8: 9000, children_under6: 6300, children_6_8: 2700 }, version: r.json.version });
  assert.equal(r.status, 200, r.text);
  r = await c.post('/api/reports/30052/2024/submit');
  assert.equal(r.status, 200, r.text);
  const review = await district.get('/reports/30052/2024');
  assert.match(review.text, /Số trẻ em đến 8 tuổi thay đổi .* so với năm trước/);
  assert.match(review.text, /Cảnh báo/);

  // Return without a reason: back to the page with the message; with one: returned.
  const version = review.text.match(/name="version" value="(\d+)"/)[1];
  const base = { csrf: district.csrf, version };
  let post = await district.request('POST', '/reports/30052/2024/review', { form: { ...base, action: 'return', reason: '' }, csrf: false });
  assert.equal(post.status, 303);
  assert.match(post.headers.get('location'), /msg=need_reason/);
  post = await district.request('POST', '/reports/30052/2024/review', { form: { ...base, action: 'return', reason: 'Kiểm tra lại số trẻ em.' }, csrf: false });
  assert.equal(post.status, 303);
  assert.match(post.headers.get('location'), /msg=returned/);
  const after = await district.get(post.headers.get('location'));
  assert.match(after.text, /Đã trả lại báo cáo/);
  assert.match(after.text, /Cấp trên trả lại báo cáo:<\/strong> Kiểm tra lại số trẻ em\./);
  // A stale version is refused.
  post = await district.request('POST', '/reports/30049/2024/review', { form: { csrf: district.csrf, version: '999', action: 'approve' }, csrf: false });
  assert.match(post.headers.get('location'), /msg=conflict/);
  // Without the CSRF token nothing happens.
  post = await district.request('POST', '/reports/30049/2024/review', { form: { action: 'approve' }, csrf: false });
  assert.equal(post.status, 403);
  const fresh = await district.get('/reports/30049/2024');
  const v = fresh.text.match(/name="version" value="(\d+)"/)[1];
  post = await district.request('POST', '/reports/30049/2024/review', { form: { csrf: district.csrf, version: v, action: 'approve' }, csrf: false });
  assert.match(post.headers.get('location'), /msg=approved/);
  assert.equal((await district.get('/api/reports/30049/2024')).json.status, 'approved');
});

test('the staff home page is the completeness grid, with drill-down from the province', async () => {
  const district = new Client(srv.base);
  await district.login('huyen.thapmuoi');
  const home = await district.get('/?period=2024');
  const rows = sql(srv.db, `SELECT r.status, r.submitted_at FROM unit u LEFT JOIN report r ON r.unit_id = u.id
    AND r.period_id = (SELECT id FROM period WHERE code = '2024')
    WHERE u.parent_id = (SELECT id FROM unit WHERE code = '872')`);
  const sent = rows.filter((x) => x.status === 'submitted' || x.status === 'approved');
  const vnDate = (ts) => new Date(Date.parse(ts) + 7 * 3600e3).toISOString().slice(0, 10);
  const late = rows.filter((x) => (x.status === 'submitted' || x.status === 'approved') ? vnDate(x.submitted_at) > '2024-11-20' : true);
  assert.ok(home.text.includes(`Đã nộp ${sent.length}/13 xã, ${late.length} trễ hạn`), home.text.match(/id="summary">[^<]*/)?.[0]);
  for (const label of ['chưa nhập', 'nháp', 'đã gửi', 'bị trả lại', 'đã duyệt']) assert.ok(home.text.includes(`>${label}</span>`), label);
  assert.match(home.text, /trễ hạn/);
  assert.match(home.text, /href="\/reports\/30067\/2024#review"/);
  const province = new Client(srv.base);
  await province.login('tinh.dongthap');
  const top = await province.get('/?period=2024');
  assert.ok(top.text.includes(`Đã nộp ${sent.length}/13 xã, ${late.length} trễ hạn`));
  assert.match(top.text, /href="\/\?unit=872&amp;period=2024"/);
  const drill = await province.get('/?unit=872&period=2024');
  assert.equal(drill.status, 200);
  assert.match(drill.text, /Xã Mỹ Hòa/);
  assert.equal((await province.get('/?unit=703&period=2024')).status, 403);
  assert.equal((await district.get('/?unit=87&period=2024')).status, 403);
});

// Every route this issue adds, for one unit and period.
function reviewRoutes(unit, period = '2024') {
  return [
    ['GET', `/rollup/${unit}/${period}`], ['GET', `/indicators/${unit}/${period}`],
    ['GET', `/api/rollup/${unit}/${period}`], ['GET', `/api/rollup/${unit}/${period}?only=approved`],
    ['GET', `/api/indicators/${unit}/${period}`],
    ['POST', `/api/reports/${unit}/${period}/approve`], ['POST', `/api/reports/${unit}/${period}/return`],
    ['POST', `/api/reports/${unit}/${period}/reopen`], ['POST', `/reports/${unit}/${period}/review`],
  ];
}

async function call(c, method, path) {
  if (method === 'GET') return (await c.get(path)).status;
  if (path.startsWith('/api/')) return (await c.post(path, { reason: 'Lý do' })).status;
  return (await c.request('POST', path, { form: { csrf: c.csrf, action: 'return', reason: 'Lý do' }, csrf: false })).status;
}

test('a commune officer gets 403 on every review and roll-up route, its own unit included', async () => {
  const c = new Client(srv.base);
  await c.loginForm('xa.myhoa');
  for (const unit of ['30052', '30055', '872', '87', '703', '25456'])
    for (const [method, path] of reviewRoutes(unit))
      assert.equal(await call(c, method, path), 403, `${method} ${path}`);
  assert.equal((await c.get('/reports/30055/2024/history')).status, 403);
  assert.equal((await c.get('/reports/872/2024/history')).status, 403);
});

test('district staff get 403 outside their district and may not review their own district', async () => {
  const c = new Client(srv.base);
  await c.loginForm('huyen.thapmuoi');
  for (const unit of ['87', '703', '72', '25456', '03390'])
    for (const [method, path] of reviewRoutes(unit))
      assert.equal(await call(c, method, path), 403, `${method} ${path}`);
  for (const unit of ['703', '25456']) assert.equal((await c.get(`/reports/${unit}/2024/history`)).status, 403);
  for (const path of ['/api/reports/872/2024/approve', '/api/reports/872/2024/return', '/api/reports/872/2024/reopen'])
    assert.equal((await c.post(path, { reason: 'x' })).status, 403, path);
  for (const [method, path] of reviewRoutes('872').filter(([m]) => m === 'GET'))
    assert.equal(await call(c, method, path), 200, path);
});

test('province staff review their districts only (the parent reviews), and nothing outside', async () => {
  const c = new Client(srv.base);
  await c.login('tinh.dongthap');
  for (const unit of ['72', '703', '25456', '12'])
    for (const [method, path] of reviewRoutes(unit))
      assert.equal(await call(c, method, path), 403, `${method} ${path}`);
  for (const [method, path] of reviewRoutes('87').filter(([m]) => m === 'GET'))
    assert.equal(await call(c, method, path), 200, path);
  assert.equal((await c.post('/api/reports/87/2024/approve', {})).status, 403, 'not its own report');
  // A commune's reviewer is its district, not the province (issue 9).
  assert.equal((await c.post('/api/reports/30055/2024/approve', {})).status, 403);
});

test('an admin and an anonymous visitor get nothing', async () => {
  const admin = new Client(srv.base);
  await admin.login('admin');
  for (const [method, path] of reviewRoutes('87')) assert.equal(await call(admin, method, path), 403, path);
  const anon = new Client(srv.base);
  for (const [method, path] of reviewRoutes('87').filter(([, p]) => p.startsWith('/api/')))
    assert.equal(await call(anon, method, path), 401, path);
  assert.equal((await anon.get('/rollup/87/2024')).status, 303);
  assert.equal((await anon.get('/api/rollup/99/2024')).status, 401);
  const staff = new Client(srv.base);
  await staff.login('tinh.dongthap');
  assert.equal((await staff.get('/api/rollup/99999/2024')).status, 404);
  assert.equal((await staff.get('/api/rollup/87/2031')).status, 404);
});

test('no report, nothing to review: 409', async () => {
  const c = new Client(srv.base);
  await c.login('huyen.thapmuoi');
  // Xã Hưng Thạnh (30043) has no 2024 report in the demo.
  assert.equal((await c.post('/api/reports/30043/2024/approve', {})).status, 409);
  assert.equal((await c.post('/api/reports/30043/2024/return', { reason: 'x' })).status, 409);
});

test('a district submits its own rows; the province returns and approves them', async () => {
  const district = new Client(srv.base), province = new Client(srv.base);
  await district.login('huyen.thapmuoi');
  await province.login('tinh.dongthap');
  let r = await district.get('/api/reports/872/2024');
  r = await district.put('/api/reports/872/2024', { values: { radio_district_times: 12 }, version: r.json.version });
  assert.equal(r.status, 200, r.text);
  r = await district.post('/api/reports/872/2024/submit');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'submitted');
  assert.equal((await district.post('/api/reports/872/2024/approve', {})).status, 403, 'not its own');
  r = await province.post('/api/reports/872/2024/return', { reason: 'Đài huyện báo 14 lần.' });
  assert.equal(r.status, 200, r.text);
  const page = await district.get('/reports/872/2024');
  assert.match(page.text, /Cấp trên trả lại báo cáo:<\/strong> Đài huyện báo 14 lần\./);
  assert.match(page.text, /name="v_radio_district_times"/, 'editable again');
  r = await district.put('/api/reports/872/2024', { values: { radio_district_times: 14 }, version: r.json.version });
  assert.equal(r.status, 200, r.text);
  assert.equal((await district.post('/api/reports/872/2024/submit')).json.status, 'submitted');
  r = await province.post('/api/reports/872/2024/approve', {});
  assert.equal(r.json.status, 'approved');
  const table = await province.get('/api/rollup/87/2024');
  assert.equal(table.json.rows.find((x) => x.code === 'radio_district_times').value, 14);
});
