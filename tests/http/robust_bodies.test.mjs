// Issue 13, points 3 and 4: a body is never kept for a request that will be
// refused (route, method, session, role and size are decided from the headers,
// before the body is read); every oversize body gets a prompt 413, whatever
// its size; the admin imports have room for the national merges file; all
// bodies in flight together are capped, so 1,000 connections holding a 1 MB
// body each keep the server small.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, ROOT } from '../lib/server.mjs';
import { rawRequest, heldBodies, memory, loopbackAddresses } from '../lib/raw.mjs';

const URL = '/api/reports/30052/2024';
let srv, c;
before(async () => {
  srv = await startServer();
  c = new Client(srv.base);
  await c.login('xa.myhoa');
});
after(async () => { await srv.stop(); });

// The headers of a request with a body of length bytes that is not sent.
const headersOnly = (extra = {}, length = 1000000) => ({ 'content-type': 'application/json', 'content-length': String(length), ...extra });

test('a PUT without a session is refused before its body is sent', async () => {
  const r = await rawRequest(srv.base, { method: 'PUT', path: URL, headers: headersOnly(), body: '', sendBody: false, timeout: 5000 });
  assert.equal(r.status, 401, r.error);
});

test('a POST to an unknown route or with the wrong method is refused before its body', async () => {
  const r = await rawRequest(srv.base, { method: 'POST', path: '/nothing/here', headers: headersOnly(), body: '', sendBody: false, timeout: 5000 });
  assert.equal(r.status, 404, r.error);
  const m = await rawRequest(srv.base, { method: 'PUT', path: '/login', headers: headersOnly(), body: '', sendBody: false, timeout: 5000 });
  assert.equal(m.status, 405, m.error);
});

test('a staff PUT on a report (a role the route refuses) is refused before its body', async () => {
  const staff = new Client(srv.base);
  await staff.login('tinh.dongthap');
  const r = await rawRequest(srv.base, { method: 'PUT', path: URL, headers: headersOnly({ cookie: staff.cookieHeader(), 'x-csrf-token': staff.csrf }), body: '', sendBody: false, timeout: 5000 });
  assert.equal(r.status, 403, r.error);
});

test('a small refused body is read and answered on a connection that stays usable', async () => {
  const r = await fetch(srv.base + URL, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"values":{}}' });
  assert.equal(r.status, 401);
  assert.match((await r.json()).error, /chưa đăng nhập/);
});

for (const mb of [2, 20]) {
  test(`a ${mb} MB body gets 413 before it is sent, and when it is sent`, async () => {
    const h = { cookie: c.cookieHeader(), 'x-csrf-token': c.csrf };
    const early = await rawRequest(srv.base, { method: 'PUT', path: URL, headers: headersOnly(h, mb << 20), body: '', sendBody: false, timeout: 5000 });
    assert.equal(early.status, 413, early.error);
    assert.match(JSON.parse(early.body).error, /tối đa 1 MB/);
    const sent = await c.request('PUT', URL, { body: Buffer.alloc(mb << 20, 'x'), headers: { 'content-type': 'application/json' } }).catch((e) => ({ error: e.cause?.code || String(e) }));
    assert.equal(sent.status, 413, sent.error);
  });
}

test('a login body over 64 KB gets 413 at once', async () => {
  const r = await rawRequest(srv.base, { method: 'POST', path: '/api/session', headers: headersOnly({}, 100000), body: '', sendBody: false, timeout: 5000 });
  assert.equal(r.status, 413, r.error);
  assert.match(JSON.parse(r.body).error, /tối đa 64 KB/);
});

test('the admin imports take the national merges file (1.7 MB); over 8 MB is 413', async () => {
  const admin = new Client(srv.base);
  await admin.login('admin');
  const merges = join(ROOT, 'sql', 'units', 'vn-2025-merges.csv');
  const form = new FormData();
  form.set('file', new Blob([readFileSync(merges)]), 'vn-2025-merges.csv');
  form.set('from', '');
  const r = await admin.request('POST', '/admin/units/merges', { body: form });
  assert.notEqual(r.status, 413);
  assert.ok([200, 422].includes(r.status), `${r.status} ${r.text.slice(0, 300)}`);
  assert.match(r.text, /sáp nhập/);
  const big = await rawRequest(srv.base, { method: 'POST', path: '/admin/units/import', headers: { 'content-type': 'multipart/form-data; boundary=XX', 'content-length': String(9 << 20), cookie: admin.cookieHeader(), 'x-csrf-token': admin.csrf }, body: '', sendBody: false, timeout: 5000 });
  assert.equal(big.status, 413, big.error);
  assert.match(big.body, /tối đa 8 MB/);
});

// The plain build: AddressSanitizer's shadow memory and quarantine would hide
// what the server itself takes.
const PLAIN = process.env.ECDREPORT_PLAIN_BIN || join(ROOT, 'ecdreport');

test('1,000 connections holding all but the last byte of a 1 MB body keep the server under 100 MB; others are served', { skip: !existsSync(PLAIN) && 'no plain build' }, async () => {
  const own = await startServer({ bin: PLAIN });
  try {
    const u = new Client(own.base);
    await u.login('xa.myhoa');
    const addresses = loopbackAddresses(25, 1);
    const figures = {};
    for (const [what, extra] of [['no session', {}], ['a session', { cookie: u.cookieHeader(), 'x-csrf-token': u.csrf }]]) {
      let head = `PUT ${URL} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${1 << 20}\r\n`;
      for (const [k, v] of Object.entries(extra)) head += `${k}: ${v}\r\n`;
      const flood = await heldBodies(own.base, { n: 1000, addresses, head: head + '\r\n', size: 1 << 20, ms: 60000 });
      const during = await rawRequest(own.base, { path: '/login', localAddress: '127.0.0.2', timeout: 20000 });
      const mem = memory(own.pid);
      figures[what] = { ...flood, stop: undefined, rss_mb: Math.round(mem.rss), peak_mb: Math.round(mem.peak), normal_client: during.status ?? during.error };
      flood.stop();
      console.log(`held-bodies flood, ${what}:`, JSON.stringify(figures[what]));
      assert.equal(during.status, 200, `${what}: the normal client got ${during.error}`);
      assert.ok(mem.peak < 100, `${what}: peak RSS ${mem.peak.toFixed(0)} MB`);
    }
  } finally {
    await own.stop();
  }
});

test('past --body-memory, a body gets 503 with Retry-After at once, and the memory comes back', async () => {
  const own = await startServer({ args: ['--body-memory', '9'] });
  try {
    const u = new Client(own.base);
    await u.login('xa.myhoa');
    let head = `PUT ${URL} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${1 << 20}\r\ncookie: ${u.cookieHeader()}\r\nx-csrf-token: ${u.csrf}\r\n\r\n`;
    const held = await heldBodies(own.base, { n: 8, addresses: ['127.0.0.1'], head, size: 1 << 20, ms: 20000 });
    assert.equal(held.holding, 8, JSON.stringify(held));
    const r = await rawRequest(own.base, { method: 'PUT', path: URL, headers: { 'content-type': 'application/json', 'content-length': String(1 << 20), cookie: u.cookieHeader(), 'x-csrf-token': u.csrf }, body: '', sendBody: false, timeout: 5000 });
    assert.equal(r.status, 503, r.error);
    assert.equal(r.headers['retry-after'], '5');
    assert.match(JSON.parse(r.body).error, /Máy chủ đang bận/);
    held.stop();
    // the held bodies' memory is given back when their connections end
    let ok;
    for (let i = 0; i < 20 && ok?.status !== 200; i++) {
      await new Promise((res) => setTimeout(res, 100));
      ok = await u.put(URL, { values: { children_0_8: 7 }, version: (await u.get(URL)).json.version });
    }
    assert.equal(ok.status, 200);
  } finally {
    await own.stop();
  }
});
