// Issue 13, point 12: serve checks its templates, static files and the
// database's schema before it listens, and refuses with a clear message
// instead of answering every page 500.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, cpSync, rmSync, unlinkSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT, ecd } from '../lib/server.mjs';

// A copy of the data directory, changed by edit(dir); serve on a database
// (initialised unless init is false); returns { status, stderr, stdout }.
function serveWith(edit, { init = true } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ecdreport-home-'));
  try {
    for (const d of ['templates', 'static', 'sql']) cpSync(join(ROOT, d), join(dir, d), { recursive: true });
    const db = join(dir, 'test.db');
    if (init) ecd(db, ['--home', dir, 'init']);
    edit(dir);
    const r = spawnSync(BIN, ['--db', db, '--home', dir, 'serve', '--port', '0', '--quiet'], { encoding: 'utf8', timeout: 15000, killSignal: 'SIGTERM' });
    return { status: r.status, stderr: r.stderr, stdout: r.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('no templates directory: serve refuses to start and says where it looked', () => {
  const r = serveWith((dir) => rmSync(join(dir, 'templates'), { recursive: true }));
  assert.equal(r.status, 1, r.stdout);
  assert.doesNotMatch(r.stdout, /serving/);
  assert.match(r.stderr, /cannot start: .*templates/);
});

test('a missing template or static file: refused, named', () => {
  const t = serveWith((dir) => unlinkSync(join(dir, 'templates', 'error.tpl')));
  assert.equal(t.status, 1);
  assert.match(t.stderr, /templates\/error\.tpl is missing/);
  const s = serveWith((dir) => unlinkSync(join(dir, 'static', 'app.css')));
  assert.equal(s.status, 1);
  assert.match(s.stderr, /static\/app\.css is missing/);
});

test('a template that does not parse: refused, named', () => {
  const r = serveWith((dir) => appendFileSync(join(dir, 'templates', 'login.tpl'), '{{#unclosed}}'));
  assert.equal(r.status, 1);
  assert.match(r.stderr, /template .*login\.tpl does not parse/);
});

test('a database without the schema: refused, told to run init', () => {
  const r = serveWith(() => {}, { init: false });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /there is no database .*init/s);
  const old = serveWith((dir) => writeFileSync(join(dir, 'sql', '999_future.sql'), 'SELECT 1;\n'));
  assert.equal(old.status, 1);
  assert.match(old.stderr, /older than this program's \(version \d+, needs 999\).*init/s);
});
