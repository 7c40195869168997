// Finding 6 of issue 9: a username is [a-z0-9._-], 3 to 64 characters,
// case-folded, so that no account can pass for another in the user list,
// the history or the admin log. Everything else is refused in Vietnamese,
// on the admin page and on the command line. Full names stay free text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, Client, BIN } from '../lib/server.mjs';

let srv, admin;
const PW = 'mat-khau-dai-1';
before(async () => {
  srv = await startServer();
  admin = new Client(srv.base);
  await admin.login('admin');
});
after(async () => { await srv.stop(); });

const BAD = ['\u0430dmin', 'admin\u200b', '\u202eadmin', 'ad\u0001min', 'admin ', ' admin', '<b>x</b>', 'ad', 'a'.repeat(65),
  'xã.mỹhòa', 'ad min', 'ad/min', 'ad@min'];

const add = (username, extra = {}) => admin.request('POST', '/admin/users',
  { form: { username, full_name: 'Người <b>thử</b>', role: 'commune', unit: '30043', unit_date: '', password: PW, ...extra } });

function cliAdd(username) {
  try {
    execFileSync(BIN, ['--db', srv.db, 'user', 'add', '--username', username, '--role', 'admin'], { input: `${PW}\n`, stdio: ['pipe', 'pipe', 'pipe'] });
    return { code: 0, stderr: '' };
  } catch (e) { return { code: e.status, stderr: e.stderr.toString() }; }
}

const usernames = () => execFileSync('sqlite3', [srv.db, 'SELECT username FROM user ORDER BY username'], { encoding: 'utf8' }).trim();

test('look-alike, invisible, control, markup and badly sized usernames are refused', async () => {
  const before = usernames();
  for (const name of BAD) {
    const r = await add(name);
    assert.equal(r.status, 422, JSON.stringify(name));
    assert.match(r.text, /Tên đăng nhập chỉ gồm chữ cái không dấu/, JSON.stringify(name));
    const cli = cliAdd(name);
    assert.notEqual(cli.code, 0, `command line: ${JSON.stringify(name)}`);
    assert.match(cli.stderr, /Tên đăng nhập chỉ gồm/);
  }
  assert.equal(usernames(), before, 'none was created');
});

test('a username is case-folded: stored in lower case, unique whatever the case, and logs in in any case', async () => {
  const r = await add('Xa.Hung-Thanh_2');
  assert.equal(r.status, 303, r.text);
  const stored = execFileSync('sqlite3', [srv.db, "SELECT username, full_name FROM user WHERE username LIKE 'xa.hung%'"], { encoding: 'utf8' }).trim();
  assert.equal(stored, 'xa.hung-thanh_2|Người <b>thử</b>', 'folded; the full name is free text');
  const again = await add('XA.HUNG-THANH_2');
  assert.equal(again.status, 422);
  assert.equal(cliAdd('ADMIN').code, 1, 'ADMIN is admin');
  const c = new Client(srv.base);
  const who = await c.login('XA.Hung-Thanh_2', PW);
  assert.equal(who.user.username, 'xa.hung-thanh_2');
  const list = await admin.get('/admin/users');
  assert.match(list.text, /Người &lt;b&gt;thử&lt;\/b&gt;/, 'the full name is shown escaped');
});
