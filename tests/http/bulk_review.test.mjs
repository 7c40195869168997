// Reviewing many reports at once (issue 10, point 8) and the staff home
// (points 6 and 7): the "Chờ duyệt" list across periods leads the home page;
// several submitted reports approved in one request, each its own event;
// returns with a reason per report; only reports the user may review
// (page_can_review); CSRF; reports with errors are not approved. The
// district's own rows have their place on the district home; the province
// is not told that the district's rows "cannot be approved yet".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client } from '../lib/server.mjs';
import { sql, sqlExec } from '../lib/rollup.mjs';

let srv, district, waiting;
before(async () => {
  srv = await startServer();
  district = new Client(srv.base);
  await district.loginForm('huyen.thapmuoi');
  waiting = sql(srv.db, `SELECT u.code AS unit, p.code AS period, r.version FROM report r
    JOIN unit u ON u.id = r.unit_id JOIN period p ON p.id = r.period_id JOIN unit d ON d.id = u.parent_id
    WHERE r.status = 'submitted' AND d.code = '872' ORDER BY p.code DESC, u.code`);
});
after(async () => { await srv.stop(); });

const events = (unit, period, action) => sql(srv.db, `SELECT e.reason FROM report_event e
  JOIN report r ON r.id = e.report_id JOIN unit u ON u.id = r.unit_id JOIN period p ON p.id = r.period_id
  WHERE u.code = '${unit}' AND p.code = '${period}' AND e.action = '${action}'`);
const status = (unit, period) => sql(srv.db, `SELECT r.status FROM report r JOIN unit u ON u.id = r.unit_id
  JOIN period p ON p.id = r.period_id WHERE u.code = '${unit}' AND p.code = '${period}'`)[0]?.status;

test('the staff home leads with the reports waiting for review, in every period', async () => {
  assert.ok(waiting.length >= 4, 'the demo has reports waiting in 2023 and 2024');
  assert.ok(waiting.some((w) => w.period === '2023') && waiting.some((w) => w.period === '2024'));
  const home = await district.get('/');
  const list = home.text.indexOf('id="waiting"'), grid = home.text.indexOf('id="grid"');
  assert.ok(list > 0 && list < grid, '"Chờ duyệt" comes before the grid');
  assert.match(home.text, new RegExp(`<h2[^>]*>Chờ duyệt \\(${waiting.length}\\)</h2>`));
  for (const w of waiting)
    assert.ok(home.text.includes(`value="${w.unit}/${w.period}"`), `${w.unit}/${w.period} can be picked`);
  // The province reviews none of the district's communes in a three-tier year.
  const province = new Client(srv.base);
  await province.loginForm('tinh.dongthap');
  const ph = await province.get('/');
  assert.ok(!ph.text.includes('value="30049/2024"'), 'a province picks no commune of a district');
});

test('approve several reports at once: each its own event; a return needs its own reason', async () => {
  const [a, b] = waiting.filter((w) => w.period === '2024');
  const before = sql(srv.db, `SELECT COUNT(*) AS n FROM report_event WHERE action = 'approve'`)[0].n;
  const r = await district.request('POST', '/review', { csrf: false, form: new URLSearchParams([
    ['csrf', district.csrf], ['action', 'approve'], ['pick', `${a.unit}/${a.period}`], ['version_' + `${a.unit}/${a.period}`, a.version],
    ['pick', `${b.unit}/${b.period}`], ['version_' + `${b.unit}/${b.period}`, b.version]]) });
  assert.equal(r.status, 200, r.text);
  assert.match(r.text, /Đã duyệt 2 báo cáo/);
  assert.equal(status(a.unit, a.period), 'approved');
  assert.equal(status(b.unit, b.period), 'approved');
  assert.equal(events(a.unit, a.period, 'approve').length, 1);
  assert.equal(events(b.unit, b.period, 'approve').length, 1);
  assert.equal(sql(srv.db, `SELECT COUNT(*) AS n FROM report_event WHERE action = 'approve'`)[0].n, before + 2);
  // Approving them again changes nothing: they are no longer waiting.
  const again = await district.request('POST', '/review', { csrf: false, form: new URLSearchParams([
    ['csrf', district.csrf], ['action', 'approve'], ['pick', `${a.unit}/${a.period}`]]) });
  assert.equal(again.status, 200);
  assert.match(again.text, /không còn ở trạng thái chờ duyệt/);
  assert.equal(events(a.unit, a.period, 'approve').length, 1);

  // Returning: the form asks a reason for each report; one without a reason stays.
  const [c, d] = waiting.filter((w) => w !== a && w !== b);
  const ask = await district.request('POST', '/review', { csrf: false, form: new URLSearchParams([
    ['csrf', district.csrf], ['action', 'return_form'], ['pick', `${c.unit}/${c.period}`], ['pick', `${d.unit}/${d.period}`]]) });
  assert.equal(ask.status, 200);
  assert.ok(ask.text.includes(`name="reason_${c.unit}/${c.period}"`) && ask.text.includes(`name="reason_${d.unit}/${d.period}"`));
  const ret = await district.request('POST', '/review', { csrf: false, form: new URLSearchParams([
    ['csrf', district.csrf], ['action', 'return'], ['pick', `${c.unit}/${c.period}`], ['reason_' + `${c.unit}/${c.period}`, 'Thiếu số liệu mục II.'],
    ['element_' + `${c.unit}/${c.period}`, 'posters'], ['comment_' + `${c.unit}/${c.period}`, 'Số pano chưa khớp biên bản.'],
    ['pick', `${d.unit}/${d.period}`], ['reason_' + `${d.unit}/${d.period}`, '  ']]) });
  assert.equal(ret.status, 200, ret.text);
  assert.match(ret.text, /Đã trả lại 1 báo cáo/);
  assert.match(ret.text, /cần ghi lý do/);
  assert.equal(status(c.unit, c.period), 'returned');
  assert.equal(status(d.unit, d.period), 'submitted');
  assert.deepEqual(events(c.unit, c.period, 'return').map((e) => e.reason), ['Thiếu số liệu mục II.']);
  // The comment on the row is at its row of the report and in the history.
  const page = await district.get(`/reports/${c.unit}/${c.period}`);
  const row = page.text.slice(page.text.indexOf('id="row_posters"'));
  assert.match(row.slice(0, row.indexOf('</tr>')), /Số pano chưa khớp biên bản\./);
  assert.match(page.text, /id="commented-rows"[^]*?href="#row_posters"/, 'the rows commented on, linked from the top');
  const hist = await district.get(`/reports/${c.unit}/${c.period}/history`);
  assert.match(hist.text, /Số pano chưa khớp biên bản\./);
});

test('bulk review: CSRF, and only the reports page_can_review allows', async () => {
  const [w] = waiting.filter((x) => status(x.unit, x.period) === 'submitted');
  const noToken = await district.request('POST', '/review', { csrf: false, form: { action: 'approve', pick: `${w.unit}/${w.period}` } });
  assert.equal(noToken.status, 403);
  assert.equal(status(w.unit, w.period), 'submitted');
  // A report of another district (Tây Ninh), submitted: refused for Tháp Mười.
  const other = sql(srv.db, `SELECT u.code AS unit FROM report r JOIN unit u ON u.id = r.unit_id
    JOIN unit d ON d.id = u.parent_id JOIN period p ON p.id = r.period_id
    WHERE d.code = '703' AND p.code = '2024' AND r.status = 'submitted' LIMIT 1`)[0].unit;
  const r = await district.request('POST', '/review', { csrf: false, form: new URLSearchParams([
    ['csrf', district.csrf], ['action', 'approve'], ['pick', `${other}/2024`]]) });
  assert.equal(r.status, 200);
  assert.match(r.text, /Bạn không được duyệt báo cáo này/);
  assert.equal(status(other, '2024'), 'submitted');
  // Nothing picked, or no such action.
  const none = await district.request('POST', '/review', { csrf: false, form: { csrf: district.csrf, action: 'approve' } });
  assert.equal(none.status, 200);
  assert.match(none.text, /Chưa chọn báo cáo nào/);
  assert.equal((none.text.match(/id="back-home"/g) || []).length, 1);
  assert.equal((await district.request('POST', '/review', { csrf: false, form: { csrf: district.csrf, action: 'delete', pick: `${w.unit}/${w.period}` } })).status, 400);
  assert.equal((await district.request('POST', '/review', { csrf: false, form: { csrf: district.csrf, action: 'approve', pick: '../../etc' } })).status, 200);
  // A commune officer may not use it at all.
  const commune = new Client(srv.base);
  await commune.loginForm('xa.myhoa');
  const c = await commune.request('POST', '/review', { csrf: false, form: { csrf: commune.csrf, action: 'approve', pick: `${w.unit}/${w.period}` } });
  assert.equal(c.status, 403);
  assert.equal(status(w.unit, w.period), 'submitted');
});

test('a submitted report whose values now have errors is not approved in bulk', async () => {
  const w = waiting.find((x) => status(x.unit, x.period) === 'submitted');
  sqlExec(srv.db, `UPDATE report_value SET raw = '999999', num = 999999 WHERE element_id = (SELECT id FROM form_element WHERE code = 'schooling_6_8')
    AND report_id = (SELECT r.id FROM report r JOIN unit u ON u.id = r.unit_id JOIN period p ON p.id = r.period_id WHERE u.code = '${w.unit}' AND p.code = '${w.period}');`);
  const home = await district.get('/');
  assert.match(home.text, new RegExp(`value="${w.unit}/${w.period}" disabled`), 'not offered for bulk approval');
  const r = await district.request('POST', '/review', { csrf: false, form: new URLSearchParams([
    ['csrf', district.csrf], ['action', 'approve'], ['pick', `${w.unit}/${w.period}`]]) });
  assert.match(r.text, /có lỗi/);
  assert.equal(status(w.unit, w.period), 'submitted');
});

test('comments on a value: reviewer and officer write them, others cannot, CSRF', async () => {
  const commune = new Client(srv.base);
  await commune.loginForm('xa.myhoa');
  // Xã Mỹ Hòa's report exists (a draft): the officer notes a row.
  let r = await commune.request('POST', '/reports/30052/2024/comments', { csrf: false,
    form: { csrf: commune.csrf, element: 'children_0_8', text: 'Số liệu theo điều tra dân số tháng 6.' } });
  assert.equal(r.status, 303, r.text);
  assert.match(r.headers.get('location'), /^\/reports\/30052\/2024\?msg=commented#row_children_0_8$/);
  r = await district.request('POST', '/reports/30052/2024/comments', { csrf: false,
    form: { csrf: district.csrf, element: 'children_0_8', text: 'Đề nghị ghi rõ nguồn <số liệu>.' } });
  assert.equal(r.status, 303);
  const page = await commune.get('/reports/30052/2024');
  const row = page.text.slice(page.text.indexOf('id="row_children_0_8"'));
  const cell = row.slice(0, row.indexOf('</tr>'));
  assert.ok(cell.includes('Số liệu theo điều tra dân số tháng 6.'));
  assert.ok(cell.includes('Đề nghị ghi rõ nguồn &lt;số liệu&gt;.'), 'escaped');
  const hist = await commune.get('/reports/30052/2024/history');
  assert.ok(hist.text.includes('Đề nghị ghi rõ nguồn &lt;số liệu&gt;.'));
  // No CSRF token; an unknown row; an empty text; another district; the province above (reads, does not review).
  assert.equal((await district.request('POST', '/reports/30052/2024/comments', { csrf: false,
    form: { element: 'children_0_8', text: 'x' } })).status, 403);
  assert.equal((await district.request('POST', '/reports/30052/2024/comments', { csrf: false,
    form: { csrf: district.csrf, element: 'nope', text: 'x' } })).status, 400);
  assert.equal((await district.request('POST', '/reports/30052/2024/comments', { csrf: false,
    form: { csrf: district.csrf, element: 'children_0_8', text: '  ' } })).status, 303);
  const other = new Client(srv.base);
  await other.login('admin');
  const n = sql(srv.db, 'SELECT COUNT(*) AS n FROM review_comment')[0].n;
  assert.equal(n, 3, 'two comments from the page, one from the bulk return; the blank one is not kept');
  // Through the API as well.
  const api = new Client(srv.base);
  await api.login('xa.myhoa');
  const list = await api.get('/api/reports/30052/2024/comments');
  assert.equal(list.status, 200);
  assert.deepEqual(list.json.map((c) => c.element), ['children_0_8', 'children_0_8']);
  r = await api.post('/api/reports/30052/2024/comments', { element: 'posters', text: 'Đã kiểm tra lại.' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.element, 'posters');
  assert.equal((await api.post('/api/reports/30055/2024/comments', { element: 'posters', text: 'x' })).status, 403);
});

test('the district home shows its own rows; the province is not told they cannot be approved', async () => {
  const home = await district.get('/');
  assert.match(home.text, /Số liệu của huyện: <span class="badge st-empty">chưa nhập<\/span>/);
  assert.match(home.text, /href="\/reports\/872\/2024"/);
  const province = new Client(srv.base);
  await province.loginForm('tinh.dongthap');
  const page = await province.get('/reports/872/2024');
  assert.equal(page.status, 200);
  assert.ok(!page.text.includes('chưa thể duyệt'), page.text.match(/<section class="review"[\s\S]*?<\/section>/)?.[0]);
  assert.match(page.text, /chưa nhập/, 'blank district rows are marked');
});

test('the admin is warned when a due date is already past', async () => {
  const admin = new Client(srv.base);
  await admin.loginForm('admin');
  const page = await admin.get('/admin/periods');
  assert.match(page.text, /20\/11\/2024[^<]*<\/td>|20\/11\/2024/);
  assert.match(page.text, /đã qua/, 'past due dates are marked in the list');
  const r = await admin.request('POST', '/admin/periods', { csrf: false,
    form: { csrf: admin.csrf, code: '2021', due: '20/11/2021' } });
  assert.ok([200, 303].includes(r.status), r.text);
  const after = r.status === 303 ? await admin.get(r.headers.get('location')) : r;
  assert.match(after.text, /Hạn nộp 20\/11\/2021 đã qua/);
});
