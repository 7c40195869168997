// Only init creates a database file; --help never touches one; every other
// command on a missing database or a file without the schema refuses with a
// message naming `ecdreport init`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, readdirSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { BIN } from '../lib/server.mjs';

let dir;
before(() => { dir = mkdtempSync(join(tmpdir(), 'ecdreport-cli-')); });
after(() => rmSync(dir, { recursive: true, force: true }));

// Runs the binary in cwd (no --db: the default ecdreport.db of cwd).
function run(cwd, args, input = '') {
  try {
    return { code: 0, stdout: execFileSync(BIN, args, { cwd, input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], timeout: 20000 }), stderr: '' };
  } catch (e) {
    return { code: e.status, stdout: String(e.stdout), stderr: String(e.stderr) };
  }
}

test('--help and usage errors leave no file behind', () => {
  const cwd = mkdtempSync(join(dir, 'help-'));
  const calls = [['--help'], ['init', '--help'], ['serve', '--help'], ['user', 'add', '--help'], ['user', '--help'],
    ['export', '--help'], ['backup', '--help'], ['units', '--help'], ['units', 'import', '--help'], ['backup'], ['units'], ['user']];
  for (const args of calls) {
    const r = run(cwd, args);
    assert.ok(r.stdout.length + r.stderr.length > 0, `${args.join(' ')} says something`);
    assert.deepEqual(readdirSync(cwd), [], `${args.join(' ')} created ${readdirSync(cwd)}`);
  }
  assert.match(run(cwd, ['init', '--help']).stdout, /--units/);
});

test('no command but init creates the database; they all say to run init', () => {
  const cwd = mkdtempSync(join(dir, 'missing-'));
  writeFileSync(join(cwd, 'units.csv'), 'Tỉnh / Thành Phố,Mã TP,Phường Xã,Mã PX,Cấp\nTỉnh A,99,Xã B,99991,Xã\n');
  for (const args of [['serve', '--port', '0'], ['user', 'add', '--username', 'a', '--role', 'admin'], ['units', 'import', 'units.csv'],
    ['export', '--unit', '99991', '--period', '2024', '--format', 'csv'], ['backup', 'out.db']]) {
    const r = run(cwd, args, 'mot-mat-khau-dai\n');
    assert.notEqual(r.code, 0, args.join(' '));
    assert.match(r.stderr, /ecdreport --db ecdreport\.db init/, args.join(' '));
    assert.deepEqual(readdirSync(cwd), ['units.csv'], `${args.join(' ')} created a file`);
  }
  const r = run(cwd, ['init']);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(statSync(join(cwd, 'ecdreport.db')).size > 0);
});

test('serve on a file without the schema refuses and says to run init', () => {
  const cwd = mkdtempSync(join(dir, 'empty-'));
  writeFileSync(join(cwd, 'empty.db'), '');
  const r = run(cwd, ['--db', 'empty.db', 'serve', '--port', '0']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /no schema/);
  assert.match(r.stderr, /ecdreport --db empty\.db init/);
  assert.equal(statSync(join(cwd, 'empty.db')).size, 0, 'the file is left as it was');
  assert.deepEqual(readdirSync(cwd), ['empty.db']);
});

test('serve on a database whose schema is older than the program asks for init to upgrade it', () => {
  const cwd = mkdtempSync(join(dir, 'old-'));
  assert.equal(run(cwd, ['init']).code, 0);
  execFileSync('sqlite3', [join(cwd, 'ecdreport.db'), 'PRAGMA user_version = 0; CREATE TABLE x (a);']);
  const r = run(cwd, ['serve', '--port', '0']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /init/);
});
