// The commune's journey through the HTML pages, as a browser without
// JavaScript makes it: drafts always save, errors come back at their rows
// with every typed value in place, warnings ask for confirmation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, ecd, formFields } from '../lib/server.mjs';
import { formValues } from '../lib/values.mjs';

let srv;
const PAGE = '/reports/30052/2024';
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

// The HTML of the table row of element code.
function row(html, code) {
  const start = html.indexOf(`id="row_${code}"`);
  assert.ok(start > 0, `row ${code} present`);
  return html.slice(start, html.indexOf('</tr>', start));
}

// Last year's values of a commune, which give no warnings when sent again.
async function lastYear(c, unit) {
  const api = new Client(srv.base);
  api.cookies = c.cookies;
  return (await api.get(`/api/reports/${unit}/2023`)).json.values;
}

test('the login page is Vietnamese; a wrong password shows one message and keeps the name', async () => {
  const c = new Client(srv.base);
  const page = await c.get('/login');
  assert.equal(page.status, 200);
  assert.match(page.text, /<html lang="vi">/);
  assert.match(page.text, /Tên đăng nhập/);
  const token = page.text.match(/name="csrf" value="([^"]+)"/)[1];
  const r = await c.request('POST', '/login', { form: { csrf: token, username: 'xa.myhoa', password: 'sai-mat-khau' } });
  assert.equal(r.status, 401);
  assert.match(r.text, /Tên đăng nhập hoặc mật khẩu không đúng/);
  assert.match(r.text, /value="xa.myhoa"/);
  const forged = await c.request('POST', '/login', { form: { csrf: 'forged', username: 'xa.myhoa', password: 'matkhau-demo' } });
  assert.equal(forged.status, 403);
});

test('the commune home lists each period with status and due date', async () => {
  const c = new Client(srv.base);
  await c.loginForm('xa.myhoa');
  const home = await c.get('/');
  assert.match(home.text, /Báo cáo của Xã Mỹ Hòa/);
  assert.match(home.text, /Báo cáo năm 2024/);
  assert.match(home.text, /nháp/);
  assert.match(home.text, /20\/11\/2024/);
  assert.match(home.text, /Báo cáo năm 2023[\s\S]*đã duyệt/);
});

test('the form shows the appendix with its labels, sections and "trong đó" rows', async () => {
  const c = new Client(srv.base);
  await c.loginForm('xa.myhoa');
  const page = await c.get(PAGE);
  assert.equal(page.status, 200);
  for (const text of ['Tình hình thực hiện', 'Tổng kinh phí thực hiện', '>I<', '>II<', '>III<', '>IV<',
    'Trẻ em từ 0-8 tuổi', 'Hoạt động truyền thông', 'Hoạt động nâng cao năng lực', 'TT', 'Nội dung', 'Số lượng', 'Tỷ lệ',
    'trong đó: Số trẻ em dưới 6 tuổi', 'Xã có tổ chức truyền thanh trên Trạm truyền thanh của xã không?']) {
    assert.ok(page.text.includes(text), text);
  }
  assert.match(row(page.text, 'children_under6'), /class="sub/);
  assert.match(row(page.text, 'radio_commune'), /<select/);
  assert.doesNotMatch(page.text, /radio_district_times/);
  // counts show as 1.234 and ratios as 20,43%
  const total = row(page.text, 'children_0_8').match(/value="([^"]+)"/)[1];
  assert.match(total, /^\d{1,3}(\.\d{3})*$/);
  assert.match(row(page.text, 'birth_registered'), /\d+,\d\d%/);
});

test('a bad value saves as a draft and comes back with its message and the typed text', async () => {
  const c = new Client(srv.base);
  await c.loginForm('xa.myhoa');
  const r = await c.postReport(PAGE, { v_children_0_8: '12a', v_posters: '1234', v_pilot_model: '1' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), `${PAGE}?msg=saved`);
  const page = await c.get(r.headers.get('location'));
  assert.match(page.text, /Đã lưu nháp lúc/);
  const total = row(page.text, 'children_0_8');
  assert.match(total, /value="12a"/);
  assert.match(total, /«12a» không phải là số/);
  assert.match(row(page.text, 'posters'), /value="1.234"/);
  assert.match(row(page.text, 'pilot_model'), /value="1" selected/);
});

for (const [what, typed, pattern] of [
  ['letters', 'mười', /«mười» không phải là số/],
  ['a negative number', '-12', /Không được nhập số âm/],
  ['a decimal', '12,5', /số nguyên/],
  ['a decimal point', '3.5', /số nguyên/],
  ['a number above the limit', '10.000.001', /Vượt quá giới hạn 10\.000\.000/],
]) {
  test(`a draft with ${what} saves, and the form shows it with its message`, async () => {
    const c = new Client(srv.base);
    await c.loginForm('xa.myhoa');
    const r = await c.postReport(PAGE, { v_radio_commune_times: typed });
    assert.equal(r.status, 303);
    const page = await c.get(PAGE);
    const html = row(page.text, 'radio_commune_times');
    assert.match(html, pattern);
    assert.ok(html.includes(`value="${typed}"`));
  });
}

test('submitting with errors keeps a draft and shows every message at its row (422)', async () => {
  const c = new Client(srv.base);
  await c.loginForm('xa.myhoa');
  const r = await c.postReport(PAGE, { v_children_0_8: '-3', v_posters: '', v_birth_registered: '99999', v_staff_trained: '7' }, 'submit');
  assert.equal(r.status, 422);
  assert.match(r.text, /chưa gửi được/);
  assert.match(row(r.text, 'children_0_8'), /Không được nhập số âm/);
  assert.match(row(r.text, 'children_0_8'), /value="-3"/);
  assert.match(row(r.text, 'posters'), /Chưa nhập số liệu. Nếu không có, nhập 0./);
  assert.match(row(r.text, 'staff_trained'), /value="7"/);
  // the draft holds what was typed
  const api = new Client(srv.base);
  api.cookies = c.cookies;
  const saved = (await api.get('/api/reports/30052/2024')).json;
  assert.equal(saved.status, 'draft');
  assert.equal(saved.typed.children_0_8, '-3');
  assert.equal(saved.values.staff_trained, 7);
});

test('a numerator above its denominator is an error at the numerator\'s row', async () => {
  const c = new Client(srv.base);
  await c.loginForm('xa.myhoa');
  const values = formValues(await lastYear(c, '30052'));
  const r = await c.postReport(PAGE, { ...values, v_vaccinated_under6: String(Number(values.v_children_under6) + 1) }, 'submit');
  assert.equal(r.status, 422);
  assert.match(row(r.text, 'vaccinated_under6'), /lớn hơn «trong đó: Số trẻ em dưới 6 tuổi»/);
});

test('fixed values submit; the report is then read-only with its status', async () => {
  const c = new Client(srv.base);
  await c.loginForm('xa.myhoa');
  const values = formValues(await lastYear(c, '30052'));
  const r = await c.postReport(PAGE, values, 'submit');
  assert.equal(r.status, 303, r.text.slice(0, 3000));
  assert.equal(r.headers.get('location'), `${PAGE}?msg=submitted`);
  const page = await c.get(r.headers.get('location'));
  assert.match(page.text, /Đã gửi báo cáo/);
  assert.match(page.text, /đã gửi/);
  assert.doesNotMatch(page.text, /name="v_/);
  assert.doesNotMatch(page.text, /Gửi báo cáo<\/button>/);
  const again = await c.request('POST', PAGE, { form: { csrf: c.csrf, version: '99', v_posters: '1', action: 'save' } });
  assert.equal(again.status, 409);
  assert.match(again.text, /không sửa được/);
});

test('warnings ask for confirmation, then submit with the explanation', async () => {
  ecd(srv.db, ['user', 'add', '--username', 'xa.hungthanh', '--role', 'commune', '--unit', '30043', '--unit-date', '2024-12-31'], 'matkhau-hung-thanh\n');
  const c = new Client(srv.base);
  await c.loginForm('xa.hungthanh', 'matkhau-hung-thanh');
  const page = '/reports/30043/2024';
  const values = formValues(await lastYear(c, '30043'));
  values.v_children_0_8 = String(Number(values.v_children_0_8) + 1); // bands no longer add up
  const r = await c.postReport(page, values, 'submit');
  assert.equal(r.status, 200);
  assert.match(r.text, /Vẫn gửi báo cáo/);
  assert.match(row(r.text, 'children_under6'), /khác số trẻ em đến 8 tuổi/);
  const fields = formFields(r.text);
  fields.explanation = 'Một trẻ chưa rõ năm sinh.';
  fields.action = 'confirm_submit';
  const ok = await c.request('POST', page, { form: fields, csrf: false });
  assert.equal(ok.status, 303);
  const api = new Client(srv.base);
  api.cookies = c.cookies;
  const saved = (await api.get('/api/reports/30043/2024')).json;
  assert.equal(saved.status, 'submitted');
  assert.equal(saved.explanation, 'Một trẻ chưa rõ năm sinh.');
  assert.ok(saved.issues.some((i) => i.severity === 'warning'));
});

test('a stale page keeps the typed values and warns instead of overwriting (409)', async () => {
  ecd(srv.db, ['user', 'add', '--username', 'xa.truongxuan', '--role', 'commune', '--unit', '30046', '--unit-date', '2024-12-31'], 'matkhau-truong-xuan\n');
  const a = new Client(srv.base), b = new Client(srv.base);
  await a.loginForm('xa.truongxuan', 'matkhau-truong-xuan');
  await b.loginForm('xa.truongxuan', 'matkhau-truong-xuan');
  const page = '/reports/30046/2024';
  const old = formFields((await a.get(page)).text);
  assert.equal((await b.postReport(page, { v_posters: '11' })).status, 303);
  const r = await a.request('POST', page, { form: { ...old, v_posters: '22', action: 'save' }, csrf: false });
  assert.equal(r.status, 409);
  assert.match(r.text, /vừa được lưu ở nơi khác/);
  assert.match(row(r.text, 'posters'), /value="22"/);
  // the page now carries the new version: saving again is a deliberate overwrite
  const retry = await a.request('POST', page, { form: { ...formFields(r.text), action: 'save' }, csrf: false });
  assert.equal(retry.status, 303);
});

test('staff read a commune report without inputs', async () => {
  const c = new Client(srv.base);
  await c.loginForm('huyen.thapmuoi');
  const page = await c.get('/reports/30055/2024');
  assert.equal(page.status, 200);
  assert.match(page.text, /Xã Mỹ Quý/);
  assert.doesNotMatch(page.text, /name="v_/);
});

test('a returned report shows its reason to the commune', async () => {
  ecd(srv.db, ['user', 'add', '--username', 'xa.myquy', '--role', 'commune', '--unit', '30055', '--unit-date', '2024-12-31'], 'matkhau-my-quy-1\n');
  const c = new Client(srv.base);
  await c.loginForm('xa.myquy', 'matkhau-my-quy-1');
  const home = await c.get('/');
  assert.match(home.text, /bị trả lại/);
  assert.match(home.text, /chưa khớp với số liệu của Phòng Giáo dục/);
  const page = await c.get('/reports/30055/2024');
  assert.match(page.text, /Cấp trên trả lại báo cáo/);
  assert.match(page.text, /name="v_children_0_8"/);
});

test('logging out ends the session', async () => {
  const c = new Client(srv.base);
  await c.loginForm('xa.myhoa');
  const r = await c.request('POST', '/logout', { form: { csrf: c.csrf }, csrf: false });
  assert.equal(r.status, 303);
  assert.equal((await c.get('/')).status, 303);
});
