// Findings 7 and 10 of issue 9, what the server says in its headers. Every
// page and file holding report data or a session is Cache-Control: no-store;
// logging out sends Clear-Site-Data. A 405 carries Allow; every answer
// carries Permissions-Policy and Cross-Origin-Opener-Policy: same-origin;
// after login only a local path is followed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, PASSWORD } from '../lib/server.mjs';

let srv, commune, district;
before(async () => {
  srv = await startServer();
  commune = new Client(srv.base);
  await commune.loginForm('xa.myhoa');
  district = new Client(srv.base);
  await district.loginForm('huyen.thapmuoi');
});
after(async () => { await srv.stop(); });

test('pages, API answers and downloads with report data or a session are never stored', async () => {
  const paths = [
    [commune, '/'], [commune, '/reports/30052/2024'], [commune, '/reports/30052/2024/print'], [commune, '/reports/30052/2024/history'],
    [commune, '/reports/30052/2024/export.csv'], [commune, '/reports/30052/2024/export.xlsx'], [commune, '/reports/30052/2024/export.json'],
    [commune, '/api/reports/30052/2024'], [commune, '/account/password'], [district, '/rollup/872/2024'], [district, '/api/rollup/872/2024'],
    [district, '/charts/872/2024/completeness.svg'], [district, '/indicators/872/2024'], [district, '/'],
    [new Client(srv.base), '/login'], [new Client(srv.base), '/api/reports/30052/2024'],
  ];
  for (const [c, path] of paths) {
    const r = await c.get(path);
    assert.ok(r.status < 500, path);
    assert.match(r.headers.get('cache-control') || '', /\bno-store\b/, `${path}: ${r.headers.get('cache-control')}`);
  }
  const css = await commune.get('/static/app.css');
  assert.doesNotMatch(css.headers.get('cache-control'), /no-store/, 'static files may be cached');
});

test('logging out (form or API) sends Clear-Site-Data for the cache and the storage', async () => {
  const c = new Client(srv.base);
  await c.loginForm('xa.myhoa');
  const r = await c.request('POST', '/logout', { form: { csrf: c.csrf }, csrf: false });
  assert.equal(r.status, 303);
  assert.match(r.headers.get('clear-site-data') || '', /"cache"/);
  assert.match(r.headers.get('clear-site-data') || '', /"storage"/);
  const a = new Client(srv.base);
  await a.login('xa.myhoa');
  const d = await a.request('DELETE', '/api/session');
  assert.equal(d.status, 204);
  assert.match(d.headers.get('clear-site-data') || '', /"cache", "storage"/);
});

test('a 405 says which methods the address takes', async () => {
  const r = await commune.request('DELETE', '/api/reports/30052/2024');
  assert.equal(r.status, 405);
  const allow = (r.headers.get('allow') || '').split(/,\s*/).sort();
  assert.deepEqual(allow, ['GET', 'HEAD', 'PUT']);
  const login = await commune.request('PUT', '/login', { body: 'x' });
  assert.equal(login.status, 405);
  assert.deepEqual((login.headers.get('allow') || '').split(/,\s*/).sort(), ['GET', 'HEAD', 'POST']);
});

test('every answer carries Permissions-Policy and Cross-Origin-Opener-Policy: same-origin', async () => {
  for (const path of ['/login', '/static/app.css', '/api/khong-co', '/reports/30052/2024']) {
    const r = await commune.get(path);
    assert.equal(r.headers.get('cross-origin-opener-policy'), 'same-origin', path);
    assert.match(r.headers.get('permissions-policy') || '', /camera=\(\)/, path);
    assert.match(r.headers.get('permissions-policy') || '', /geolocation=\(\)/, path);
  }
});

test('after login only a single "/" followed by a path character is followed', async () => {
  const tries = {
    '/\t/evil.example': '/', '/\\evil.example': '/', '//evil.example': '/', '/\n/evil.example': '/', 'http://evil.example': '/',
    '/%09/evil.example': '/%09/evil.example', '/ /evil.example': '/', '/reports/30052/2024': '/reports/30052/2024', '/': '/',
    '/?x=1': '/', '': '/', '/\u0000x': '/',
  };
  for (const [next, want] of Object.entries(tries)) {
    const c = new Client(srv.base);
    const page = await c.get('/login');
    const token = page.text.match(/name="csrf" value="([^"]+)"/)[1];
    const r = await c.request('POST', '/login', { form: { csrf: token, username: 'xa.myhoa', password: PASSWORD, next }, csrf: false });
    assert.equal(r.status, 303, JSON.stringify(next));
    assert.equal(r.headers.get('location'), want, JSON.stringify(next));
  }
});
