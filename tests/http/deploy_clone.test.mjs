// The project is self-contained: a `git clone` of the repository into a
// temporary directory with nothing beside it (no ../shared) holds the
// reference data, and the tests that need it pass there. Cheap: the clone's
// own sources and data, the binary already built from the same sources.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { ROOT, BIN } from '../lib/server.mjs';

const isRepo = existsSync(join(ROOT, '.git'));

test('a clone alone passes the tests that need the reference data', { skip: !isRepo && 'not a git checkout' }, () => {
  const outer = mkdtempSync(join(tmpdir(), 'ecdreport-clone-'));
  try {
    const repo = join(outer, 'ecdreport');
    execFileSync('git', ['clone', '--quiet', ROOT, repo], { stdio: 'pipe' });
    assert.deepEqual(readdirSync(outer), ['ecdreport'], 'nothing beside the clone');
    assert.ok(!existsSync(join(repo, '..', 'shared')));
    for (const f of ['gso-2025-07-18-communes.csv', 'dvhc-2026-two-tier.csv', 'vn-2025-merges.csv', 'thapmuoi-tayninh-2025-merges.csv'])
      assert.ok(existsSync(join(repo, 'sql', 'units', f)), `sql/units/${f} is in the repository`);
    const top = readdirSync(repo).filter((f) => !f.startsWith('.')).sort();
    assert.deepEqual(top, ['LICENSE', 'Makefile', 'README.md', 'sql', 'src', 'static', 'templates', 'tests'], 'the top level stays as it is');
    const env = { ...process.env, ECDREPORT_BIN: BIN, ECDREPORT_HOME: repo };
    delete env.ECD_DATA_DIR;
    delete env.NODE_TEST_CONTEXT; // run as a test run of its own, not a subtest
    // the national lists load from the clone's own sql/units
    const init = execFileSync(BIN, ['--db', join(outer, 'national.db'), 'init', '--units'], { env, encoding: 'utf8', stdio: 'pipe' });
    assert.match(init, /10035 xã[\s\S]*3321 xã[\s\S]*10597 dòng/);
    const out = execFileSync(process.execPath, ['--test', 'tests/http/units_import.test.mjs'],
      { cwd: repo, env, encoding: 'utf8', stdio: 'pipe', timeout: 600000 });
    assert.match(out, /# fail 0/);
    assert.doesNotMatch(out, /# pass 0\b/);
  } finally {
    rmSync(outer, { recursive: true, force: true });
  }
});
