// Finding 5 of issue 9: sessions follow ASVS level 2. A session ends after
// 30 idle minutes and 12 hours after logging in, whatever the activity;
// both are options of serve. Changing or resetting a password ends the
// user's other sessions.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, Client, BIN, PASSWORD } from '../lib/server.mjs';

const servers = [];
after(async () => { for (const s of servers) await s.stop(); });

async function server(args) {
  const s = await startServer({ args });
  servers.push(s);
  return s;
}

const sql = (srv, q) => execFileSync('sqlite3', [srv.db, q], { encoding: 'utf8' }).trim();
const ago = (minutes) => `strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-${minutes} minutes')`;
const URL = '/api/reports/30052/2024';

test('by default a session ends after 30 idle minutes, and 12 hours after login whatever the activity', async () => {
  const srv = await server([]);
  const c = new Client(srv.base);
  await c.login('xa.myhoa');
  sql(srv, `UPDATE session SET seen_at = ${ago(29)}`);
  assert.equal((await c.get(URL)).status, 200, '29 idle minutes: still open');
  sql(srv, `UPDATE session SET seen_at = ${ago(31)}`);
  assert.equal((await c.get(URL)).status, 401, '31 idle minutes: ended');

  const d = new Client(srv.base);
  await d.login('xa.myhoa');
  sql(srv, `UPDATE session SET created_at = ${ago(11 * 60 + 58)}, seen_at = ${ago(1)}`);
  assert.equal((await d.get(URL)).status, 200, '11 h 58 after login: still open');
  sql(srv, `UPDATE session SET created_at = ${ago(12 * 60 + 1)}, seen_at = ${ago(1)}`);
  assert.equal((await d.get(URL)).status, 401, '12 h 01 after login: ended, though active a minute ago');
});

test('both limits are options of serve, and its help says so', async () => {
  const help = execFileSync(BIN, ['serve', '--help'], { encoding: 'utf8' });
  assert.match(help, /--session-idle MINUTES/);
  assert.match(help, /default 30/);
  assert.match(help, /--session-max HOURS/);
  assert.match(help, /default 12/);
  const srv = await server(['--session-idle', '5', '--session-max', '1']);
  const c = new Client(srv.base);
  await c.login('xa.myhoa');
  sql(srv, `UPDATE session SET seen_at = ${ago(6)}`);
  assert.equal((await c.get(URL)).status, 401, 'idle 5 minutes');
  await c.login('xa.myhoa');
  sql(srv, `UPDATE session SET created_at = ${ago(61)}, seen_at = ${ago(1)}`);
  assert.equal((await c.get(URL)).status, 401, 'at most one hour');
});

test('changing one\'s password ends one\'s other sessions; an admin reset ends them all', async () => {
  const srv = await server([]);
  const phone = new Client(srv.base), desk = new Client(srv.base);
  await phone.loginForm('xa.myhoa');
  await desk.login('xa.myhoa');
  const r = await phone.request('POST', '/account/password', { form: { csrf: phone.csrf, current: PASSWORD, password: 'mat-khau-moi-dai', confirm: 'mat-khau-moi-dai' }, csrf: false });
  assert.equal(r.status, 303);
  assert.equal((await phone.get(URL)).status, 200, 'this session goes on');
  assert.equal((await desk.get(URL)).status, 401, 'the other one ended');
  const admin = new Client(srv.base);
  await admin.loginForm('admin');
  const id = sql(srv, "SELECT id FROM user WHERE username = 'xa.myhoa'");
  const reset = await admin.request('POST', `/admin/users/${id}/password`, { form: { csrf: admin.csrf, password: 'mat-khau-cap-lai' }, csrf: false });
  assert.equal(reset.status, 303);
  assert.equal((await phone.get(URL)).status, 401, 'a reset ends every session');
});
