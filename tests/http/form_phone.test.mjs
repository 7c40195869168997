// The commune form page as the server writes it (issue 10): the keypad type,
// the section index with its progress, the tab order from the title to the
// first field, downloads after the form, "trong đó" indentation, the parse
// messages for "1,302", "1 250" and "95%", the two-device conflict shown
// value by value with a choice per row, the words after the fact (read-only
// heading, an explained resubmission, "Lưu lần cuối" kept by a return) and
// valid labels on read-only views.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, Client, ecd, formFields } from '../lib/server.mjs';
import { formValues } from '../lib/values.mjs';

let srv;
const PAGE = '/reports/30052/2024';
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const sql = (q) => execFileSync('sqlite3', [srv.db, q], { encoding: 'utf8' }).trim();

// The HTML of the table row (or header item) of element code.
function row(html, code) {
  const start = html.indexOf(`id="row_${code}"`);
  assert.ok(start > 0, `row ${code} present`);
  const tr = html.indexOf('</tr>', start), div = html.indexOf('</div>\n', start);
  return html.slice(start, tr > 0 ? tr : div);
}

// The opening tag of the element with that id.
function tag(html, id) {
  const at = html.indexOf(`id="${id}"`);
  assert.ok(at > 0, `#${id} present`);
  return html.slice(html.lastIndexOf('<', at), html.indexOf('>', at) + 1);
}

async function commune(username, unit, password) {
  if (username !== 'xa.myhoa')
    ecd(srv.db, ['user', 'add', '--username', username, '--role', 'commune', '--unit', unit, '--unit-date', '2024-12-31'], `${password}\n`);
  const c = new Client(srv.base);
  await c.loginForm(username, password);
  return c;
}

test('counts and money get the number keypad (inputmode="numeric")', async () => {
  const c = await commune('xa.myhoa');
  const html = (await c.get(PAGE)).text;
  for (const code of ['children_0_8', 'posters', 'budget_vnd', 'pregnant_counselled'])
    assert.match(tag(html, `f_${code}`), /inputmode="numeric"/, code);
  assert.doesNotMatch(html, /inputmode="decimal"/);
});

test('a section index (header, I–IV) with "đã nhập n/25" comes before the title; nothing focusable between the title and the first field', async () => {
  const c = await commune('xa.myhoa');
  const html = (await c.get(PAGE)).text;
  const nav = html.slice(html.indexOf('<nav class="form-index"'), html.indexOf('</nav>', html.indexOf('<nav class="form-index"')));
  assert.ok(nav.length > 0, 'the index is there');
  for (const id of ['sec_header', 'sec_children', 'sec_communication', 'sec_capacity', 'sec_network']) {
    assert.match(nav, new RegExp(`href="#${id}"`));
    assert.match(html, new RegExp(`id="${id}"`));
  }
  for (const n of ['I', 'II', 'III', 'IV']) assert.match(nav, new RegExp(`>${n}<`));
  const filled = Object.keys(formFields(html)).filter((k) => k.startsWith('v_') && formFields(html)[k].trim() !== '').length;
  assert.match(nav, new RegExp(`[Đđ]ã nhập <span[^>]*>${filled}</span>/<span[^>]*>25</span>`));
  assert.ok(html.indexOf('class="form-index"') < html.indexOf('<h1'), 'the index is reachable from the top');
  const between = html.slice(html.indexOf('</h1>'), html.lastIndexOf('<', html.indexOf('id="f_narrative"')));
  assert.doesNotMatch(between, /<a\s|<button(?![^>]*disabled)|<select|<textarea|<input(?![^>]*type="hidden")/, 'the first Tab from the title goes to the first field');
});

test('downloads come after the form; a commune officer is not offered "Tải JSON", staff are', async () => {
  const c = await commune('xa.myhoa');
  const html = (await c.get(PAGE)).text;
  assert.ok(html.indexOf('/export.xlsx') > html.indexOf('</form>'), 'downloads after the form');
  assert.ok(html.indexOf('/print"') > html.indexOf('</form>'), 'print after the form');
  assert.doesNotMatch(html, /export\.json|Tải JSON/);
  const staff = new Client(srv.base);
  await staff.loginForm('huyen.thapmuoi');
  assert.match((await staff.get(PAGE)).text, /export\.json/);
});

test('only true "trong đó" rows are indented', async () => {
  const c = await commune('xa.myhoa');
  const html = (await c.get(PAGE)).text;
  const cls = (code) => tag(html, `row_${code}`).match(/class="([^"]*)"/)[1].split(/\s+/);
  assert.ok(cls('children_under6').includes('sub'));
  assert.ok(cls('staff_trained_district').includes('sub'));
  assert.ok(!cls('families_0_8').includes('sub'), 'families_0_8 is its own row, not a part of trained staff');
  assert.ok(!cls('families_trained').includes('sub'));
});

for (const [typed, pattern] of [
  ['1,302', /dấu phẩy[^.]*1\.302/i],
  ['1 250', /dấu cách[^.]*1\.250/i],
  ['95%', /không nhập tỷ lệ|phần trăm/i],
  ['12,5', /số nguyên/],
]) {
  test(`"${typed}" is refused with a clear message; "1.302" is 1302`, async () => {
    const c = await commune('xa.myhoa');
    const r = await c.postReport(PAGE, { v_posters: typed, v_radio_commune_times: '1.302' });
    assert.equal(r.status, 303);
    const html = (await c.get(PAGE)).text;
    assert.match(row(html, 'posters'), pattern);
    assert.doesNotMatch(row(html, 'radio_commune_times'), /<p class="msg/);
    const api = new Client(srv.base);
    await api.login('xa.myhoa');
    const rep = (await api.get('/api/reports/30052/2024')).json;
    assert.equal(rep.values.radio_commune_times, 1302);
  });
}

test('a save returns to the row the officer was at', async () => {
  const c = await commune('xa.myhoa');
  const r = await c.postReport(PAGE, { v_posters: '7', at: 'posters' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), `${PAGE}?msg=saved#row_posters`);
  const bad = await c.postReport(PAGE, { v_posters: '7', at: '"><script>' });
  assert.equal(bad.headers.get('location'), `${PAGE}?msg=saved`);
});

test('Enter never submits without JavaScript: the first submit button of the form is disabled', async () => {
  const c = await commune('xa.myhoa');
  const html = (await c.get(PAGE)).text;
  const form = html.slice(html.indexOf('id="report-form"'));
  const first = form.match(/<button[^>]*>/)[0];
  assert.match(first, /disabled/);
  assert.match(first, /type="submit"/);
});

test('two devices: the 409 page shows the values that differ, saved beside typed, and the officer keeps either per row', async () => {
  const a = await commune('xa.truongxuan', '30046', 'matkhau-truong-xuan');
  const b = new Client(srv.base);
  await b.loginForm('xa.truongxuan', 'matkhau-truong-xuan');
  const page = '/reports/30046/2024';
  const old = formFields((await a.get(page)).text);
  assert.equal((await b.postReport(page, { v_posters: '11', v_child_friendly_models: '3', v_staff_trained: '40' })).status, 303);
  // a changed posters and staff_trained too, and pregnant_counselled that b left alone
  const r = await a.request('POST', page, {
    form: { ...old, v_posters: '22', v_staff_trained: '41', v_pregnant_counselled: '5', action: 'save' }, csrf: false });
  assert.equal(r.status, 409);
  assert.match(r.text, /vừa được lưu ở nơi khác/);
  const diff = r.text.slice(r.text.indexOf('id="conflict"'), r.text.indexOf('</table>', r.text.indexOf('id="conflict"')));
  assert.ok(diff.length > 20, 'a table of the differences');
  assert.match(diff, /name="keep_posters" value="saved"[^>]*>\s*<span><span class="which">Đã lưu ở nơi khác: <\/span>11<\/span>/);
  assert.match(diff, /name="keep_posters" value="typed"[^>]*checked[^>]*>\s*<span><span class="which">Bạn vừa nhập: <\/span>22<\/span>/);
  assert.match(diff, /name="keep_staff_trained"/);
  assert.doesNotMatch(diff, /keep_child_friendly_models/, 'only b changed it: no conflict, b\'s value kept');
  assert.doesNotMatch(diff, /keep_pregnant_counselled/, 'only a changed it: no conflict, a\'s value kept');
  assert.match(row(r.text, 'child_friendly_models'), /value="3"/);
  assert.match(row(r.text, 'pregnant_counselled'), /value="5"/);
  // keep the saved posters, the typed staff_trained
  const fields = formFields(r.text);
  fields.keep_posters = 'saved';
  fields.keep_staff_trained = 'typed';
  fields.action = 'save';
  const ok = await a.request('POST', page, { form: fields, csrf: false });
  assert.equal(ok.status, 303, ok.text.slice(0, 2000));
  const api = new Client(srv.base);
  await api.login('xa.truongxuan', 'matkhau-truong-xuan');
  const v = (await api.get('/api/reports/30046/2024')).json.values;
  assert.equal(v.posters, 11);
  assert.equal(v.staff_trained, 41);
  assert.equal(v.child_friendly_models, 3);
  assert.equal(v.pregnant_counselled, 5);
});

test('two devices that changed different rows: the save goes through, both kept', async () => {
  const a = await commune('xa.doctrung', '30061', 'matkhau-doc-trung');
  const b = new Client(srv.base);
  await b.loginForm('xa.doctrung', 'matkhau-doc-trung');
  const page = '/reports/30061/2024';
  const old = formFields((await a.get(page)).text);
  assert.equal((await b.postReport(page, { v_posters: '11' })).status, 303);
  const r = await a.request('POST', page, { form: { ...old, v_child_friendly_models: '4', action: 'save' }, csrf: false });
  assert.equal(r.status, 303);
  const api = new Client(srv.base);
  await api.login('xa.doctrung', 'matkhau-doc-trung');
  const v = (await api.get('/api/reports/30061/2024')).json.values;
  assert.equal(v.posters, 11);
  assert.equal(v.child_friendly_models, 4);
});

test('after the fact: read-only heading, no label for= without a control, a return keeps "Lưu lần cuối", an explained resubmission needs no confirmation', async () => {
  const c = await commune('xa.hungthanh', '30043', 'matkhau-hung-thanh');
  const api = new Client(srv.base);
  await api.login('xa.hungthanh', 'matkhau-hung-thanh');
  const values = (await api.get('/api/reports/30043/2023')).json.values;
  values.children_0_8 += 1; // the age bands no longer add up: a warning
  const cur = (await api.get('/api/reports/30043/2024')).json;
  assert.equal((await api.put('/api/reports/30043/2024', { values, version: cur.version })).status, 200);
  assert.equal((await api.post('/api/reports/30043/2024/submit', { explanation: 'Một trẻ chưa rõ năm sinh.' })).status, 200);
  const id = "(SELECT r.id FROM report r JOIN unit u ON u.id = r.unit_id JOIN period p ON p.id = r.period_id WHERE u.code = '30043' AND p.code = '2024')";
  sql(`UPDATE report SET updated_at = '2024-11-01T01:00:00Z', submitted_at = '2024-11-01T01:00:00Z' WHERE id = ${id}`);
  sql(`UPDATE value_audit SET at = '2024-11-01T01:00:00Z' WHERE report_id = ${id}`);

  const page = '/reports/30043/2024';
  const staff = new Client(srv.base);
  await staff.loginForm('huyen.thapmuoi');
  for (const who of [c, staff]) {
    const html = (await who.get(page)).text;
    assert.doesNotMatch(html, /vẫn gửi được/, 'a submitted report is not headed as if it could still be sent');
    assert.match(html, /khác số trẻ em đến 8 tuổi/);
    for (const m of html.matchAll(/<label[^>]*for="([^"]+)"/g))
      assert.match(html, new RegExp(`<(input|select|textarea)[^>]*id="${m[1]}"`), `label for=${m[1]} has its control`);
    assert.match(html, /Lưu lần cuối: 08:00 01\/11\/2024/);
  }
  const review = (await staff.get(page)).text;
  const csrf = review.match(/name="csrf" value="([^"]+)"/)[1];
  const version = review.match(/name="version" value="(\d+)"/)[1];
  const ret = await staff.request('POST', `${page}/review`, { form: { csrf, version, action: 'return', reason: 'Kiểm tra lại số trẻ.' }, csrf: false });
  assert.equal(ret.status, 303);
  const back = (await c.get(page)).text;
  assert.match(back, /Lưu lần cuối: 08:00 01\/11\/2024/, 'a return is not a save');
  assert.match(back, /Một trẻ chưa rõ năm sinh\./);
  // resubmit as is: the warning was explained, so it goes straight through
  const fields = formFields(back);
  const r = await c.request('POST', page, { form: { ...fields, action: 'submit' }, csrf: false });
  assert.equal(r.status, 303, 'no second confirmation of an explained warning');
  assert.match(r.headers.get('location'), /msg=submitted/);
});

test('the review reasons use the server\'s Vietnamese message, not the browser\'s (novalidate)', async () => {
  const staff = new Client(srv.base);
  await staff.loginForm('huyen.thapmuoi');
  const html = (await staff.get('/reports/30043/2024')).text;
  for (const m of html.matchAll(/<form[^>]*>/g)) {
    if (/required/.test(html.slice(m.index, html.indexOf('</form>', m.index))))
      assert.match(m[0], /novalidate/, m[0]);
  }
});

test('a stale save does not see a conflict in line ends a browser changed (CRLF from a textarea)', async () => {
  const a = await commune('xa.myan', '30064', 'matkhau-my-an-xa');
  const api = new Client(srv.base);
  await api.login('xa.myan', 'matkhau-my-an-xa');
  const cur = (await api.get('/api/reports/30064/2024')).json;
  assert.equal((await api.put('/api/reports/30064/2024', { values: { narrative: 'Dòng một.\nDòng hai.' }, version: cur.version })).status, 200);
  const page = '/reports/30064/2024';
  const old = formFields((await a.get(page)).text);
  assert.match(old.o_narrative, /^Dòng một\.\s+Dòng hai\.$/);
  const now = (await api.get('/api/reports/30064/2024')).json;
  assert.equal((await api.put('/api/reports/30064/2024', { values: { posters: 3 }, version: now.version })).status, 200);
  // the other device also rewrote the text; this one left it alone (as its browser sends it back)
  const again = (await api.get('/api/reports/30064/2024')).json;
  assert.equal((await api.put('/api/reports/30064/2024', { values: { narrative: 'Dòng một.\nDòng hai, sửa.' }, version: again.version })).status, 200);
  const r = await a.request('POST', page, { form: { ...old, v_narrative: 'Dòng một.\r\nDòng hai.', v_pregnant_counselled: '9', action: 'save' }, csrf: false });
  assert.equal(r.status, 303, 'merged without asking');
  assert.match(r.headers.get('location'), /msg=merged/);
  const v = (await api.get('/api/reports/30064/2024')).json.values;
  assert.equal(v.posters, 3);
  assert.equal(v.pregnant_counselled, 9);
  assert.equal(v.narrative, 'Dòng một.\nDòng hai, sửa.', 'the other device\'s text stands');
  assert.match((await a.get(r.headers.get('location'))).text, /Báo cáo vừa được sửa ở nơi khác/);
});

// The form's own part of the browser's checks (its elements, checks and
// messages: the same for every report of a scope) is a script the browser
// keeps, addressed by its version; the page itself carries only last year's
// values and whether blank rows count.
test('the form\'s checks come from a cached script named by its version; the page carries only "prev" and "submit"', async () => {
  const c = await commune('xa.myhoa');
  const html = (await c.get(PAGE)).text;
  const src = html.match(/<script src="(\/form-checks\/commune\.js\?v=[0-9a-f]{16})" defer><\/script><script src="\/static\/form\.js" defer>/);
  assert.ok(src, 'the checks script comes just before form.js');
  const own = JSON.parse(tag(html, 'report-form').match(/data-checks="([^"]*)"/)[1].replaceAll('&quot;', '"'));
  assert.deepEqual(Object.keys(own).sort(), ['prev', 'submit']);

  const js = await c.get(src[1]);
  assert.equal(js.status, 200);
  assert.match(js.headers.get('content-type'), /^text\/javascript; charset=utf-8/);
  assert.equal(js.headers.get('cache-control'), 'private, max-age=31536000, immutable');
  const prefix = 'window.ecdreportForm = ';
  assert.ok(js.text.startsWith(prefix) && js.text.endsWith(';\n'), js.text.slice(0, 40));
  const def = JSON.parse(js.text.slice(prefix.length, -2));
  assert.equal(def.elements.length, 25);
  assert.ok(def.checks.some((k) => k.kind === 'sum_le' && k.target === 'children_0_8'));
  assert.ok(Object.keys(def.messages).length > 0);

  // another version (a page from before the form changed) gets today's text, not kept
  const old = await c.get('/form-checks/commune.js?v=0000000000000000');
  assert.equal(old.status, 200);
  assert.equal(old.headers.get('cache-control'), 'no-store');
  assert.equal(old.text, js.text);
  // a district's form has its own; no other name, and nothing without a session
  const district = await c.get('/form-checks/district.js');
  assert.equal(district.status, 200);
  assert.ok(district.text.startsWith(prefix) && district.text !== js.text);
  assert.equal((await c.get('/form-checks/other.js')).status, 404);
  const anonymous = await new Client(srv.base).get(src[1]);
  assert.notEqual(anonymous.status, 200);
});
