// Finding 4 of issue 9: password guessing is throttled per username and per
// client address before any password is hashed: after 5 failures for one
// username (or 20 from one address) within 15 minutes, logins answer 429 with
// Retry-After, the delay growing with each further failure. Every login,
// failed or not, is logged with the username tried and the client address;
// admins see the recent failures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, PASSWORD } from '../lib/server.mjs';
import { postFrom } from '../lib/attack.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

test('five wrong passwords for one username, then 429 with Retry-After, even with the right password', async () => {
  const c = new Client(srv.base);
  for (let i = 0; i < 5; i++) {
    const r = await c.post('/api/session', { username: 'tinh.dongthap', password: `sai-mat-khau-${i}` });
    assert.equal(r.status, 401, `attempt ${i + 1}`);
  }
  const r = await c.post('/api/session', { username: 'tinh.dongthap', password: PASSWORD });
  assert.equal(r.status, 429);
  const wait = Number(r.headers.get('retry-after'));
  assert.ok(wait >= 1 && wait <= 900, `Retry-After ${r.headers.get('retry-after')}`);
  assert.match(r.json.error, /Đăng nhập sai quá nhiều lần/);
  // The HTML form answers the same, in a page.
  const page = await c.get('/login');
  const token = page.text.match(/name="csrf" value="([^"]+)"/)[1];
  const form = await c.request('POST', '/login', { form: { csrf: token, username: 'TINH.DONGTHAP', password: PASSWORD }, csrf: false });
  assert.equal(form.status, 429);
  assert.ok(Number(form.headers.get('retry-after')) >= 1);
  assert.match(form.text, /Đăng nhập sai quá nhiều lần/);
  // Another user at the same address is not held up.
  await new Client(srv.base).login('huyen.thapmuoi');
});

test('one address trying many usernames is throttled; another address is not', async () => {
  let first429 = 0;
  for (let i = 1; i <= 40 && !first429; i++) {
    const r = await postFrom('127.0.0.3', srv.base, '/api/session', { username: `doan.thu.${i}`, password: 'sai-mat-khau-1' });
    if (r.status === 429) first429 = i;
    else assert.equal(r.status, 401);
  }
  assert.ok(first429 > 5 && first429 <= 21, `throttled after ${first429 - 1} failures`);
  const blocked = await postFrom('127.0.0.3', srv.base, '/api/session', { username: 'xa.myhoa', password: PASSWORD });
  assert.equal(blocked.status, 429, 'the address is held, whatever the username');
  assert.ok(Number(blocked.headers['retry-after']) >= 1);
  const other = await postFrom('127.0.0.4', srv.base, '/api/session', { username: 'xa.myhoa', password: PASSWORD });
  assert.equal(other.status, 200, 'another address logs in');
});

test('every login is logged with the username and the address; admins see the failures', async () => {
  await new Client(srv.base).login('xa.myhoa');
  await new Client(srv.base).post('/api/session', { username: 'xa.myhoa', password: 'sai-mat-khau-9' });
  assert.match(srv.stderr, /login ok user=xa\.myhoa addr=127\.0\.0\.1/);
  assert.match(srv.stderr, /login failed user=xa\.myhoa addr=127\.0\.0\.1/);
  assert.match(srv.stderr, /login throttled user=tinh\.dongthap addr=127\.0\.0\.1/);
  const admin = new Client(srv.base);
  await admin.loginForm('admin');
  const page = await admin.get('/admin/logins');
  assert.equal(page.status, 200);
  for (const s of ['tinh.dongthap', 'doan.thu.1', '127.0.0.3', 'xa.myhoa']) assert.ok(page.text.includes(s), s);
  const home = await admin.get('/');
  assert.match(home.text, /href="\/admin\/logins"/);
  const staff = new Client(srv.base);
  await staff.loginForm('huyen.thapmuoi');
  assert.equal((await staff.get('/admin/logins')).status, 403);
});

test('guessing the current password on "Đổi mật khẩu" counts too', async () => {
  const c = new Client(srv.base);
  await c.loginForm('xa.myhoa');
  const change = (current) => c.request('POST', '/account/password', { form: { csrf: c.csrf, current, password: 'mat-khau-moi-dai', confirm: 'mat-khau-moi-dai' }, csrf: false });
  for (let i = 0; i < 5; i++) assert.equal((await change(`doan-${i}`)).status, 403);
  const r = await change(PASSWORD);
  assert.equal(r.status, 429);
  assert.ok(Number(r.headers.get('retry-after')) >= 1);
  assert.match(r.text, /quá nhiều lần/);
});
