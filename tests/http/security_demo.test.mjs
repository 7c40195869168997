// Finding 9 of issue 9: while a demo account keeps the published demo
// password, serve listens on loopback only (and says how to change the
// passwords), and the pages say "bản dùng thử".
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { startServer, Client, ecd, BIN, PASSWORD } from '../lib/server.mjs';

const servers = [];
after(async () => { for (const s of servers) await s.stop(); });

// Runs serve on a non-loopback address; its exit and stderr.
function serveOpen(db) {
  const r = spawnSync(BIN, ['--db', db, 'serve', '--bind', '0.0.0.0', '--port', '0', '--quiet'], { encoding: 'utf8', timeout: 3000 });
  return { status: r.status, stderr: r.stderr, timedOut: r.error?.code === 'ETIMEDOUT' || r.signal === 'SIGTERM' };
}

test('serve refuses a non-loopback address while a demo password is kept, and says how to change it', async () => {
  const srv = await startServer();
  servers.push(srv);
  const r = serveOpen(srv.db);
  assert.equal(r.timedOut, false, 'serve must not start');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /matkhau-demo/);
  assert.match(r.stderr, /xa\.myhoa/);
  assert.match(r.stderr, /Đổi mật khẩu|Người dùng/);
  // The home pages say it is the demo.
  for (const user of ['xa.myhoa', 'huyen.thapmuoi', 'tinh.dongthap', 'admin']) {
    const c = new Client(srv.base);
    await c.loginForm(user);
    assert.match((await c.get('/')).text, /bản dùng thử/i, user);
  }
  // Every demo account gets a password of its own: serve may listen anywhere.
  const admin = new Client(srv.base);
  await admin.loginForm('admin');
  const others = execFileSync('sqlite3', [srv.db, "SELECT id || ' ' || username FROM user WHERE username <> 'admin'"], { encoding: 'utf8' }).trim().split('\n');
  for (const [id, user] of others.map((line) => line.split(' '))) {
    const r = await admin.request('POST', `/admin/users/${id}/password`, { form: { csrf: admin.csrf, password: 'mat-khau-rieng-1' }, csrf: false });
    assert.equal(r.status, 303, user);
  }
  assert.equal(serveOpen(srv.db).status, 1, 'the admin still has the demo password');
  const own = await admin.request('POST', '/account/password', { form: { csrf: admin.csrf, current: PASSWORD, password: 'mat-khau-rieng-1', confirm: 'mat-khau-rieng-1' }, csrf: false });
  assert.equal(own.status, 303);
  assert.equal(serveOpen(srv.db).timedOut, true, 'serve started on 0.0.0.0 and ran until stopped');
  assert.doesNotMatch((await admin.get('/')).text, /bản dùng thử/i, 'no longer the demo');
});

test('an installation without demo passwords serves anywhere and says nothing of a demo', async () => {
  const srv = await startServer({ demo: false });
  servers.push(srv);
  ecd(srv.db, ['user', 'add', '--username', 'quantri', '--role', 'admin'], 'mat-khau-rieng-1\n');
  const c = new Client(srv.base);
  await c.loginForm('quantri', 'mat-khau-rieng-1');
  assert.doesNotMatch((await c.get('/')).text, /bản dùng thử/i);
  const r = serveOpen(srv.db);
  assert.equal(r.timedOut, true, 'serve started on 0.0.0.0 and ran until stopped');
});
