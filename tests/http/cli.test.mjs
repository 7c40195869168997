// The command line: init is idempotent, user add refuses what it must,
// backup copies a live database, every command explains itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, Client, ecd, BIN, ROOT } from '../lib/server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const sql = (db, q) => execFileSync('sqlite3', [db, q], { encoding: 'utf8' }).trim();

// Runs ecdreport and returns { status, stdout, stderr } without throwing.
function run(args, input = '') {
  const r = spawnSync(BIN, args, { input, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('init again changes nothing; init --demo again loads nothing twice', () => {
  const before = sql(srv.db, 'SELECT count(*) FROM form_element; SELECT count(*) FROM report; SELECT count(*) FROM unit;');
  ecd(srv.db, ['init']);
  const again = run(['--db', srv.db, 'init', '--demo']);
  assert.equal(again.status, 0);
  assert.match(again.stderr, /already loaded/);
  assert.equal(sql(srv.db, 'SELECT count(*) FROM form_element; SELECT count(*) FROM report; SELECT count(*) FROM unit;'), before);
  assert.equal(sql(srv.db, 'PRAGMA journal_mode'), 'wal');
});

test('user add creates a user who can log in; it refuses short passwords, unknown units and duplicates', async () => {
  const ok = run(['--db', srv.db, 'user', 'add', '--username', 'xa.thanhloi', '--role', 'commune', '--unit', '30040', '--name', 'Cán bộ Thạnh Lợi'], 'mot-mat-khau-dai\n');
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /Xã Thạnh Lợi/);
  const c = new Client(srv.base);
  assert.equal((await c.login('xa.thanhloi', 'mot-mat-khau-dai')).user.unit, '30040');
  assert.match(sql(srv.db, "SELECT pw_hash FROM user WHERE username = 'xa.thanhloi'"), /^\$argon2id\$/);

  const short = run(['--db', srv.db, 'user', 'add', '--username', 'ab1', '--role', 'commune', '--unit', '30040'], 'ngan\n');
  assert.notEqual(short.status, 0);
  assert.match(short.stderr, /ít nhất 10 ký tự/);
  const unit = run(['--db', srv.db, 'user', 'add', '--username', 'a2', '--role', 'commune', '--unit', '99999'], 'mot-mat-khau-dai\n');
  assert.notEqual(unit.status, 0);
  assert.match(unit.stderr, /no unit/);
  const dup = run(['--db', srv.db, 'user', 'add', '--username', 'xa.thanhloi', '--role', 'commune', '--unit', '30040'], 'mot-mat-khau-dai\n');
  assert.notEqual(dup.status, 0);
  const role = run(['--db', srv.db, 'user', 'add', '--username', 'a3', '--role', 'boss', '--unit', '30040'], 'mot-mat-khau-dai\n');
  assert.notEqual(role.status, 0);
  assert.equal(sql(srv.db, "SELECT count(*) FROM user WHERE username IN ('ab1','a2','a3')"), '0');
});

test('backup copies the live database', () => {
  const out = join(srv.dir, 'copy.db');
  ecd(srv.db, ['backup', out]);
  assert.equal(sql(out, 'SELECT count(*) FROM report'), sql(srv.db, 'SELECT count(*) FROM report'));
  assert.equal(sql(out, 'PRAGMA integrity_check'), 'ok');
});

test('every command explains itself; an unknown one fails', () => {
  for (const args of [['--help'], ['init', '--help'], ['serve', '--help'], ['user', 'add', '--help'], ['backup', '--help']]) {
    const r = run(args);
    assert.equal(r.status, 0, args.join(' '));
    assert.match(r.stdout, /usage: ecdreport/);
  }
  const bad = run(['frobnicate']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown command/);
});

test('make install under any prefix gives a binary that finds its data', () => {
  const prefix = join(srv.dir, 'prefix');
  execFileSync('make', ['-s', '-C', ROOT, 'install', `PREFIX=${prefix}`], { stdio: 'ignore' });
  const db = join(srv.dir, 'installed.db');
  const r = spawnSync(join(prefix, 'bin', 'ecdreport'), ['--db', db, 'init'], { encoding: 'utf8', cwd: srv.dir });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(sql(db, 'SELECT count(*) FROM form_element'), sql(srv.db, 'SELECT count(*) FROM form_element'));
});
