// Finding 3 of issue 9: login CSRF and cross-site state changes, tried from a
// second origin as an attacker's page would. A JSON endpoint takes only
// Content-Type: application/json (415 otherwise: a cross-site
// <form enctype="text/plain"> cannot send it); a state-changing request whose
// Origin names another site, or whose Sec-Fetch-Site says cross-site, is
// refused with 403 on every route, logging in included.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, setCookies, PASSWORD } from '../lib/server.mjs';

let srv;
const EVIL = 'http://evil.example';
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const LOGIN = JSON.stringify({ username: 'xa.myhoa', password: PASSWORD });

async function raw(path, { method = 'POST', headers = {}, body } = {}) {
  const res = await fetch(srv.base + path, { method, headers, body, redirect: 'manual' });
  return { status: res.status, cookies: setCookies(res.headers), text: await res.text(), headers: res.headers };
}

test('the login API refuses a JSON body sent as text/plain or as a form (415), and opens no session', async () => {
  for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
    const r = await raw('/api/session', { headers: { 'content-type': type, origin: EVIL, 'sec-fetch-site': 'cross-site' }, body: LOGIN });
    assert.equal(r.status, 415, `${type}: ${r.text}`);
    assert.ok(!r.cookies.some((c) => c.startsWith('ecd_session=') && !/Max-Age=0/i.test(c)), `${type}: no session cookie`);
    // Even from the same site, the content type is required.
    const same = await raw('/api/session', { headers: { 'content-type': type }, body: LOGIN });
    assert.equal(same.status, 415, type);
  }
  const none = await raw('/api/session', { body: Buffer.from(LOGIN) });
  assert.equal(none.status, 415, 'no content type at all');
  assert.match(none.headers.get('content-type'), /application\/json/);
});

test('a login from another site\'s page is refused even as application/json (403)', async () => {
  for (const headers of [{ origin: EVIL }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }, { origin: `${srv.base}.evil.example` }]) {
    const r = await raw('/api/session', { headers: { 'content-type': 'application/json', ...headers }, body: LOGIN });
    assert.equal(r.status, 403, JSON.stringify(headers));
    assert.equal(r.cookies.filter((c) => c.startsWith('ecd_session=')).length, 0);
  }
  const ok = await raw('/api/session', { headers: { 'content-type': 'application/json; charset=utf-8', origin: srv.base, 'sec-fetch-site': 'same-origin' }, body: LOGIN });
  assert.equal(ok.status, 200, 'the same origin logs in');
});

test('the HTML login form posted from another site is refused', async () => {
  const c = new Client(srv.base);
  const page = await c.get('/login');
  const token = page.text.match(/name="csrf" value="([^"]+)"/)[1];
  const r = await c.request('POST', '/login', { form: { csrf: token, username: 'xa.myhoa', password: PASSWORD, next: '/' }, headers: { origin: EVIL, 'sec-fetch-site': 'cross-site' }, csrf: false });
  assert.equal(r.status, 403);
  assert.ok(!c.cookies.has('ecd_session'));
  const same = await c.request('POST', '/login', { form: { csrf: token, username: 'xa.myhoa', password: PASSWORD, next: '/' }, headers: { origin: srv.base }, csrf: false });
  assert.equal(same.status, 303);
});

test('a logged-in user\'s state changes from another site are refused, CSRF token or not', async () => {
  const c = new Client(srv.base);
  await c.loginForm('xa.myhoa');
  const cur = (await c.get('/api/reports/30052/2024', { headers: { origin: EVIL } }));
  assert.equal(cur.status, 200, 'reading is not a state change');
  const evil = { origin: EVIL };
  assert.equal((await c.put('/api/reports/30052/2024', { values: { posters: 9 }, version: cur.json.version }, { headers: evil })).status, 403);
  assert.equal((await c.put('/api/reports/30052/2024', { values: { posters: 9 }, version: cur.json.version }, { headers: { 'sec-fetch-site': 'cross-site' } })).status, 403);
  assert.equal((await c.request('POST', '/reports/30052/2024', { form: { csrf: c.csrf, version: String(cur.json.version), v_posters: '9', action: 'save' }, headers: evil, csrf: false })).status, 403);
  assert.equal((await c.request('POST', '/logout', { form: { csrf: c.csrf }, headers: evil, csrf: false })).status, 403);
  assert.equal((await c.request('PUT', '/api/reports/30052/2024', { body: JSON.stringify({ values: { posters: 9 }, version: cur.json.version }), headers: { 'content-type': 'text/plain' } })).status, 415);
  assert.equal((await c.get('/api/reports/30052/2024')).json.values.posters, cur.json.values.posters, 'nothing changed');
  const ok = await c.put('/api/reports/30052/2024', { values: { posters: 9 }, version: cur.json.version }, { headers: { origin: srv.base, 'sec-fetch-site': 'same-origin' } });
  assert.equal(ok.status, 200, 'the same origin works');
});
