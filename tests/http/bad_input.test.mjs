// Every kind of bad input gets a clear Vietnamese answer with the right
// status, never a crash, and never loses the saved draft.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, Client } from '../lib/server.mjs';

let srv, c, draft;
const URL = '/api/reports/30052/2024';

before(async () => {
  srv = await startServer();
  c = new Client(srv.base);
  await c.login('xa.myhoa');
  draft = (await c.get(URL)).json;
});
after(async () => { await srv.stop(); });

// The draft as saved before any bad request: still the same afterwards.
async function assertDraftKept() {
  const now = (await c.get(URL)).json;
  assert.deepEqual(now.values, draft.values);
  assert.equal(now.version, draft.version);
}

for (const [what, value, pattern] of [
  ['letters', 'mười hai', /không phải là số/],
  ['letters after digits', '12a', /không phải là số/],
  ['a negative number', -5, /không được nhập số âm/i],
  ['a negative number as text', '-5', /không được nhập số âm/i],
  ['a decimal', 12.5, /số nguyên/],
  ['a decimal with a comma', '12,5', /số nguyên/],
  ['a number above the limit', 10000001, /giới hạn 10\.000\.000/],
  ['a huge number', '99999999999999999999999', /giới hạn/],
  ['a boolean for a count', true, /Kiểu giá trị/],
  ['an object for a count', { n: 1 }, /Kiểu giá trị/],
]) {
  test(`PUT with ${what} is refused with 422 naming the row`, async () => {
    const r = await c.put(URL, { values: { children_0_8: value }, version: draft.version });
    assert.equal(r.status, 422, r.text);
    assert.ok(r.json.error);
    assert.equal(r.json.issues.length, 1);
    assert.deepEqual(r.json.issues[0].elements, ['children_0_8']);
    assert.match(r.json.issues[0].message, /^Số trẻ em đến 8 tuổi: /);
    assert.match(r.json.issues[0].message, pattern);
    await assertDraftKept();
  });
}

test('money above 10^13 đồng is refused', async () => {
  const r = await c.put(URL, { values: { budget_vnd: 10000000000001 }, version: draft.version });
  assert.equal(r.status, 422);
  assert.match(r.json.issues[0].message, /10\.000\.000\.000\.000 đồng/);
  assert.equal((await c.put(URL, { values: { budget_vnd: 10000000000000 }, version: draft.version })).status, 200);
  draft = (await c.get(URL)).json;
});

test('a text longer than 20 000 characters is refused', async () => {
  const r = await c.put(URL, { values: { narrative: 'ă'.repeat(20001) }, version: draft.version });
  assert.equal(r.status, 422);
  assert.match(r.json.issues[0].message, /20\.000 ký tự/);
  await assertDraftKept();
});

test('unknown element codes get 400 naming every one of them', async () => {
  const r = await c.put(URL, { values: { children_0_8: 5, khong_co: 1, radio_district_times: 3 }, version: draft.version });
  assert.equal(r.status, 400);
  assert.match(r.json.error, /khong_co/);
  assert.match(r.json.error, /radio_district_times/);
  await assertDraftKept();
});

test('a body that is not JSON, or lacks values/version, gets 400', async () => {
  assert.equal((await c.request('PUT', URL, { body: '{"values": ', headers: { 'content-type': 'application/json' } })).status, 400);
  assert.equal((await c.put(URL, { values: { posters: 1 } })).status, 400);
  assert.equal((await c.put(URL, { values: [1], version: 1 })).status, 400);
  await assertDraftKept();
});

test('invalid UTF-8 gets 400 from the API and from the HTML form', async () => {
  const bytes = Buffer.concat([Buffer.from('{"values":{"narrative":"'), Buffer.from([0xc3, 0x28]), Buffer.from(`"},"version":${draft.version}}`)]);
  const r = await c.request('PUT', URL, { body: bytes, headers: { 'content-type': 'application/json' } });
  assert.equal(r.status, 400);
  assert.match(r.json.error, /UTF-8/);
  const h = new Client(srv.base);
  await h.loginForm('xa.myhoa');
  const body = `csrf=${h.csrf}&version=${draft.version}&action=save&v_narrative=%C3%28`;
  const f = await h.request('POST', '/reports/30052/2024', { body, headers: { 'content-type': 'application/x-www-form-urlencoded' }, csrf: false });
  assert.equal(f.status, 400);
  assert.match(f.text, /UTF-8/);
  await assertDraftKept();
});

test('a body over 1 MB gets 413', async () => {
  const big = JSON.stringify({ values: { narrative: 'x'.repeat(1100000) }, version: draft.version });
  const r = await c.request('PUT', URL, { body: big, headers: { 'content-type': 'application/json' } });
  assert.equal(r.status, 413);
  assert.match(r.json.error, /1 MB/);
  await assertDraftKept();
});

test('an unknown unit or period gets 404', async () => {
  assert.equal((await c.get('/api/reports/99999/2024')).status, 404);
  assert.equal((await c.get('/api/reports/30052/1999')).status, 404);
  assert.equal((await c.get('/api/reports/30052/abc')).status, 404);
  assert.equal((await c.put('/api/reports/30052/1999', { values: {}, version: 0 })).status, 404);
  const html = await c.get('/reports/30052/1999');
  assert.equal(html.status, 404);
  assert.match(html.text, /Không có kỳ báo cáo này/);
});

test('another commune\'s report gets 403 for reading and writing', async () => {
  assert.equal((await c.get('/api/reports/30055/2024')).status, 403);
  assert.equal((await c.put('/api/reports/30055/2024', { values: { posters: 1 }, version: 1 })).status, 403);
  assert.equal((await c.post('/api/reports/30055/2024/submit')).status, 403);
  const html = await c.get('/reports/30055/2024');
  assert.equal(html.status, 403);
  assert.match(html.text, /không có quyền/);
});

test('a missing or wrong CSRF token gets 403 and changes nothing', async () => {
  const none = await c.put(URL, { values: { posters: 1 }, version: draft.version }, { csrf: false });
  assert.equal(none.status, 403);
  assert.match(none.json.error, /CSRF/);
  const wrong = await c.put(URL, { values: { posters: 1 }, version: draft.version }, { headers: { 'x-csrf-token': 'sai' }, csrf: false });
  assert.equal(wrong.status, 403);
  const h = new Client(srv.base);
  await h.loginForm('xa.myhoa');
  const f = await h.request('POST', '/reports/30052/2024', { form: { csrf: 'sai', version: String(draft.version), v_posters: '1', action: 'save' }, csrf: false });
  assert.equal(f.status, 403);
  assert.match(f.text, /CSRF/);
  await assertDraftKept();
});

test('no session: 401 for the API, the login page for pages', async () => {
  const anon = new Client(srv.base);
  const r = await anon.get(URL);
  assert.equal(r.status, 401);
  assert.match(r.json.error, /đăng nhập/);
  assert.equal((await anon.put(URL, { values: {}, version: 1 })).status, 401);
  const page = await anon.get('/reports/30052/2024');
  assert.equal(page.status, 303);
  assert.equal(page.headers.get('location'), '/login?next=/reports/30052/2024');
  const post = await anon.request('POST', '/reports/30052/2024', { form: { v_posters: '1' } });
  assert.equal(post.status, 401);
  assert.match(post.text, /đăng nhập/);
  assert.match(post.text, /href="\/login\?next=\/reports\/30052\/2024"/);
});

test('unknown paths get 404 and wrong methods 405, in Vietnamese', async () => {
  const r = await c.get('/api/khong-co');
  assert.equal(r.status, 404);
  assert.match(r.json.error, /Không tìm thấy/);
  assert.equal((await c.request('DELETE', URL)).status, 405);
  assert.equal((await c.get('/static/../ecdreport.db')).status, 404);
  assert.equal((await c.get('/static/.hidden')).status, 404);
});

test('after logout the session token no longer opens anything', async () => {
  const d = new Client(srv.base);
  await d.login('xa.myhoa');
  const token = d.cookies.get('ecd_session');
  assert.equal((await d.get(URL)).status, 200);
  assert.equal((await d.request('DELETE', '/api/session')).status, 204);
  d.cookies.set('ecd_session', token); // a copy of the old cookie
  assert.equal((await d.get(URL)).status, 401);
});

test('a session idle for longer than the limit has ended', async () => {
  const d = new Client(srv.base);
  await d.login('xa.myhoa');
  assert.equal((await d.get(URL)).status, 200);
  const count = () => Number(execFileSync('sqlite3', [srv.db, 'SELECT count(*) FROM session'], { encoding: 'utf8' }));
  execFileSync('sqlite3', [srv.db, "UPDATE session SET seen_at = '2000-01-01T00:00:00Z'"]);
  const before = count();
  const r = await d.get(URL);
  assert.equal(r.status, 401);
  assert.equal(count(), before - 1); // the expired session is gone, not only refused
});
