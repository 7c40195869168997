// Behind a TLS reverse proxy: `serve --public-url https://…` makes every
// cookie Secure, the session cookie __Host- prefixed, and sends
// Strict-Transport-Security; without it (or with an http:// URL) nothing
// changes. `--trust-proxy ADDRESS` takes the client address from
// X-Forwarded-For only when the connection comes from that address; the
// access log shows the client address.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, setCookies } from '../lib/server.mjs';

async function loginCookies(base) {
  const c = new Client(base);
  const page = await c.get('/login');
  const api = await c.post('/api/session', { username: 'xa.myhoa', password: 'matkhau-demo' });
  assert.equal(api.status, 200, api.text);
  c.csrf = api.json.csrf;
  return { c, page, api, login: setCookies(page.headers), session: setCookies(api.headers) };
}

test('without --public-url: plain cookies, no HSTS', async () => {
  const srv = await startServer();
  try {
    const { page, session } = await loginCookies(srv.base);
    assert.equal(page.headers.get('strict-transport-security'), null);
    assert.ok(session.some((s) => s.startsWith('ecd_session=')));
    assert.ok(session.every((s) => !/;\s*Secure/i.test(s)));
  } finally { await srv.stop(); }
});

test('--public-url http://… is not TLS: no Secure, no HSTS', async () => {
  const srv = await startServer({ args: ['--public-url', 'http://baocao.example.vn'] });
  try {
    const { page, session } = await loginCookies(srv.base);
    assert.equal(page.headers.get('strict-transport-security'), null);
    assert.ok(session.every((s) => !/;\s*Secure/i.test(s)));
  } finally { await srv.stop(); }
});

test('--public-url https://…: Secure cookies, __Host- session cookie, HSTS; the session works', async () => {
  const srv = await startServer({ args: ['--public-url', 'https://baocao.example.vn'] });
  try {
    const { c, page, login, session } = await loginCookies(srv.base);
    assert.match(page.headers.get('strict-transport-security'), /^max-age=\d{7,}/);
    assert.ok(login.length > 0 && login.every((s) => /;\s*Secure/i.test(s)), login.join(' | '));
    const sess = session.find((s) => s.startsWith('__Host-ecd_session='));
    assert.ok(sess, session.join(' | '));
    assert.match(sess, /;\s*Secure/i);
    assert.match(sess, /;\s*Path=\/(;|$)/);
    assert.doesNotMatch(sess, /Domain=/i);
    assert.ok(!session.some((s) => s.startsWith('ecd_session=')));
    const r = await c.get('/api/reports/30052/2024');
    assert.equal(r.status, 200, 'the prefixed cookie opens the session');
    const plain = new Client(srv.base);
    plain.cookies.set('ecd_session', c.cookies.get('__Host-ecd_session'));
    assert.equal((await plain.get('/api/reports/30052/2024')).status, 401, 'the unprefixed name is not read');
    const out = await c.request('DELETE', '/api/session');
    assert.equal(out.status, 204);
    assert.ok(setCookies(out.headers).some((s) => /^__Host-ecd_session=;.*Max-Age=0/.test(s)));
    assert.match((await c.get('/api/forms/ecd-appendix')).headers.get('strict-transport-security') || '', /max-age/);
  } finally { await srv.stop(); }
});

test('a bad --public-url or --trust-proxy is refused at start', async () => {
  for (const args of [['--public-url', 'baocao.example.vn'], ['--trust-proxy', 'proxy.local']]) {
    await assert.rejects(startServer({ demo: false, args }), /server exited/);
  }
});

// The access log lines of requests to path.
const logLines = (srv, path) => srv.stderr.split('\n').filter((l) => l.includes(` ${path} `));

test('X-Forwarded-For is honoured only from the trusted proxy', async () => {
  const fake = { 'x-forwarded-for': '198.51.100.9, 203.0.113.7' };
  const trusted = await startServer({ demo: false, quiet: false, args: ['--trust-proxy', '127.0.0.1'] });
  const other = await startServer({ demo: false, quiet: false, args: ['--trust-proxy', '10.9.8.7'] });
  const none = await startServer({ demo: false, quiet: false });
  try {
    for (const srv of [trusted, other, none]) {
      await new Client(srv.base).get('/login', { headers: fake });
      await new Client(srv.base).get('/login?plain=1');
      await new Client(srv.base).get('/login?bad=1', { headers: { 'x-forwarded-for': 'not-an-address' } });
    }
    await new Promise((r) => setTimeout(r, 300));
    // from the trusted proxy: the address it appended (the last one); a
    // request without the header, or with garbage in it, is the peer's
    const t = logLines(trusted, '/login');
    assert.equal(t.length, 3, trusted.stderr);
    assert.match(t[0], /^203\.0\.113\.7 GET \/login 200 /);
    assert.match(t[1], /^127\.0\.0\.1 GET \/login 200 /);
    assert.match(t[2], /^127\.0\.0\.1 GET \/login 200 /);
    for (const srv of [other, none]) {
      assert.ok(!srv.stderr.includes('203.0.113.7'), srv.stderr);
      assert.ok(logLines(srv, '/login').every((l) => /^127\.0\.0\.1 GET \/login /.test(l)), srv.stderr);
    }
  } finally {
    await trusted.stop(); await other.stop(); await none.stop();
  }
});
