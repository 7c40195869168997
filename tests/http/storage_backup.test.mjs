// Backups an administrator can trust, and private files (issue 13 point 10,
// issue 8 points 6 and 7): `backup` finishes while saves go on, writes under a
// temporary name (a killed backup leaves nothing half-written under the final
// name), `check` proves a copy; the database, its WAL and SHM, backups and
// exports are 0600 whatever the umask.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, ecd, BIN } from '../lib/server.mjs';

process.umask(0o022); // the usual umask: files would be 0644 without care

const PATH = '/api/reports/30052/2024';
let srv;
before(async () => {
  srv = await startServer();
  // about 40 MB of filler, so a copy takes long enough for saves to land during it
  execFileSync('sqlite3', [srv.db, `CREATE TABLE filler (b BLOB);
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
    INSERT INTO filler SELECT randomblob(100000) FROM n;`]);
});
after(async () => { await srv.stop(); });

// Runs `ecdreport args` to the end; { code, stdout, stderr }.
function run(args, { timeout = 120000 } = {}) {
  return new Promise((resolve) => {
    const p = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => { stdout += d; });
    p.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => p.kill('SIGKILL'), timeout);
    p.on('exit', (code, signal) => { clearTimeout(timer); resolve({ code, signal, stdout, stderr }); });
  });
}

// Saves in a loop until stop() is called; resolves to the number of saves.
function saveLoop(c) {
  let running = true, n = 0;
  const done = (async () => {
    let version = (await c.get(PATH)).json.version;
    while (running) {
      const r = await c.put(PATH, { values: { posters: n % 50 }, version });
      if (r.status === 200) { version = r.json.version; n++; } else version = (await c.get(PATH)).json.version;
    }
    return n;
  })();
  return { stop: () => { running = false; return done; } };
}

const mode = (f) => statSync(f).mode & 0o777;

test('backup finishes while saves go on, and check proves the copy', async () => {
  const c = new Client(srv.base);
  await c.login('xa.myhoa');
  const saves = saveLoop(c);
  const out = join(srv.dir, 'copy.db');
  const t0 = Date.now();
  const b = await run(['--db', srv.db, 'backup', out], { timeout: 60000 });
  const n = await saves.stop();
  console.log(`backup: ${Date.now() - t0} ms, saves during it: ${n}`);
  assert.equal(b.signal, null, 'backup did not finish within 60 s while saves went on');
  assert.equal(b.code, 0, b.stderr);
  assert.ok(n > 0);
  const verified = await run(['--db', srv.db, 'backup', join(srv.dir, 'verified.db'), '--verify']);
  assert.equal(verified.code, 0, verified.stderr);
  assert.match(verified.stdout, /integrity ok, schema version \d+, \d+ reports/);
  const check = await run(['check', out]);
  assert.equal(check.code, 0, check.stderr);
  assert.match(check.stdout, /integrity ok/);
  assert.equal(existsSync(`${out}-wal`), false, 'a backup is one file');
  assert.deepEqual(readdirSync(srv.dir).filter((f) => f.includes('.tmp-')), []);
});

test('a killed backup leaves no file under the final name', async () => {
  const out = join(srv.dir, 'killed.db');
  const p = spawn(BIN, ['--db', srv.db, 'backup', out], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 30));
  p.kill('SIGKILL');
  await new Promise((r) => p.on('exit', r));
  if (existsSync(out)) { // only if it had finished: then it is whole
    const check = await run(['check', out]);
    assert.equal(check.code, 0, `a partial backup under the final name: ${check.stderr}`);
  }
});

test('a backup over the live database itself is refused', async () => {
  const r = await run(['--db', srv.db, 'backup', srv.db]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /live database itself/);
  const check = await run(['check', srv.db]);
  assert.equal(check.code, 0, check.stderr);
});

test('check refuses an empty, a truncated and a foreign file', async () => {
  const empty = join(srv.dir, 'empty.db'), cut = join(srv.dir, 'cut.db'), foreign = join(srv.dir, 'foreign.db');
  writeFileSync(empty, '');
  const copy = join(srv.dir, 'copy2.db');
  ecd(srv.db, ['backup', copy]);
  const bytes = execFileSync('head', ['-c', '200000', copy]);
  writeFileSync(cut, bytes);
  execFileSync('sqlite3', [foreign, 'CREATE TABLE t (x); INSERT INTO t VALUES (1);']);
  for (const f of [empty, cut, foreign, join(srv.dir, 'missing.db')]) {
    const r = await run(['check', f]);
    assert.equal(r.code, 1, `${f}: ${r.stdout}`);
    assert.match(r.stderr, /check: /);
  }
});

test('database, WAL, SHM, backups and exports are 0600 under umask 022', async () => {
  const c = new Client(srv.base);
  await c.login('xa.myhoa'); // a write: the WAL and SHM exist
  assert.equal((await c.put(PATH, { values: { posters: 3 }, version: (await c.get(PATH)).json.version })).status, 200);
  for (const f of [srv.db, `${srv.db}-wal`, `${srv.db}-shm`]) assert.equal(mode(f).toString(8), '600', f);
  const backup = join(srv.dir, 'private.db'), csv = join(srv.dir, 'export.csv');
  ecd(srv.db, ['backup', backup]);
  ecd(srv.db, ['export', '--unit', '30052', '--period', '2024', '--format', 'csv', '--out', csv]);
  assert.equal(mode(backup).toString(8), '600');
  assert.equal(mode(csv).toString(8), '600');
  // a database created by init under umask 022
  const fresh = join(srv.dir, 'fresh.db');
  ecd(fresh, ['init']);
  assert.equal(mode(fresh).toString(8), '600');
});
