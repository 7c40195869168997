// Faults of the storage (issue 13 points 7, 8, 9): another process holding
// the write lock, a full disk, a WAL that cannot be checkpointed. Reads go on;
// writes answer 503 with Retry-After and a Vietnamese message (the HTML form
// keeps every typed value); the cause is logged loudly once; when the fault
// ends, writes work again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, Client, ecd, BIN, formFields } from '../lib/server.mjs';

const PATH = '/api/reports/30052/2024', PAGE = '/reports/30052/2024';
const FULL = 'Máy chủ không ghi được dữ liệu (ổ đĩa đầy?)';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// An sqlite3 shell on db that runs sql and stays open (its transaction with
// it) until release().
async function holdWith(db, sql) {
  const p = spawn('sqlite3', [db], { stdio: ['pipe', 'ignore', 'ignore'] });
  p.stdin.write(`${sql}\n`);
  const exited = new Promise((r) => p.on('exit', r));
  return { release: async () => { p.stdin.end('ROLLBACK;\n'); await exited; } };
}

// Does another process hold the write lock of db?
function writeLocked(db) {
  return spawnSync('sqlite3', ['-cmd', '.timeout 0', db, 'BEGIN IMMEDIATE; ROLLBACK;'], { encoding: 'utf8' }).status !== 0;
}

async function timed(promise) {
  const t0 = Date.now();
  const r = await promise;
  return { ...r, ms: Date.now() - t0 };
}

test('another process holds the write lock: reads go on, saves and logins answer 503', async () => {
  const srv = await startServer();
  try {
    const c = new Client(srv.base);
    await c.login('xa.myhoa');
    const version = (await c.get(PATH)).json.version;
    const page = await c.get(PAGE);
    const fields = formFields(page.text);
    const admin = new Client(srv.base);
    await admin.loginForm('admin');
    const lock = await holdWith(srv.db, 'BEGIN IMMEDIATE;');
    while (!writeLocked(srv.db)) await sleep(20);
    try {
      // saves, a form post, a login and reads, all at once
      const put = c.put(PATH, { values: { posters: 11 }, version });
      const put2 = c.put(PATH, { values: { posters: 12 }, version });
      const form = c.request('POST', PAGE, { form: { ...fields, v_posters: '4321', v_narrative: 'Chữ đã gõ <b>', action: 'save' }, csrf: false });
      const login = new Client(srv.base).post('/api/session', { username: 'huyen.thapmuoi', password: 'matkhau-demo' });
      const reads = [c.get(PATH), c.get('/static/app.css'), new Client(srv.base).get('/login'), c.get(PAGE)].map(timed);
      const [r1, r2, f, l] = await Promise.all([put, put2, form, login]);
      const got = await Promise.all(reads);
      console.log(`while the lock was held: reads answered in ${got.map((g) => g.ms).join(', ')} ms`);
      for (const g of got) assert.equal(g.status, 200);
      for (const r of [r1, r2, l]) {
        assert.equal(r.status, 503, r.text);
        assert.match(r.headers.get('retry-after') || '', /^\d+$/);
        assert.match(r.json.error, /bận ghi dữ liệu/);
      }
      assert.equal(f.status, 503);
      assert.match(f.headers.get('retry-after') || '', /^\d+$/);
      assert.match(f.text, /bận ghi dữ liệu/);
      assert.match(f.text, /name="v_posters" value="4\.?321"/, 'the typed value is kept');
      assert.match(f.text, /Chữ đã gõ &lt;b&gt;/);
      // any other write, an admin's, says the same instead of a bare 500
      const period = await admin.request('POST', '/admin/periods', { form: { csrf: admin.csrf, code: '2031', due: '2031-11-20' }, csrf: false });
      assert.equal(period.status, 503, period.text.slice(0, 300));
      assert.match(period.headers.get('retry-after') || '', /^\d+$/);
      assert.match(period.text, /bận ghi dữ liệu/);
      assert.ok(writeLocked(srv.db), 'the lock was held all along');
    } finally {
      await lock.release();
    }
    // the lock released: the same save goes through
    const after = await c.put(PATH, { values: { posters: 13 }, version });
    assert.equal(after.status, 200, after.text);
    assert.equal(after.json.values.posters, 13);
  } finally {
    await srv.stop();
  }
});

test('a WAL that cannot be checkpointed: writes refused with 503 past the bound, logged once', async () => {
  process.env.ECDREPORT_WAL_LIMIT_KB = '256';
  let srv;
  try { srv = await startServer(); } finally { delete process.env.ECDREPORT_WAL_LIMIT_KB; }
  try {
    const c = new Client(srv.base);
    await c.login('xa.myhoa');
    // a reader that keeps its old snapshot: no checkpoint can pass it
    const reader = await holdWith(srv.db, 'BEGIN; SELECT COUNT(*) FROM report;');
    await sleep(200);
    let version = (await c.get(PATH)).json.version, refused = null, saves = 0;
    for (let i = 0; i < 200 && !refused; i++) {
      const r = await c.put(PATH, { values: { narrative: `${i} ${'Văn bản dài. '.repeat(300)}` }, version });
      if (r.status === 200) { version = r.json.version; saves++; } else refused = r;
    }
    await reader.release();
    console.log(`saves before the refusal: ${saves}`);
    assert.ok(refused, 'writes were never refused while the WAL grew');
    assert.equal(refused.status, 503, refused.text);
    assert.ok(refused.json.error.startsWith(FULL));
    const again = await c.put(PATH, { values: { posters: 5 }, version });
    assert.equal(again.status, 200, 'writes resume once a checkpoint can pass');
    assert.equal(srv.stderr.match(/WAL OF .* IS PAST/g)?.length, 1, srv.stderr);
  } finally {
    await srv.stop();
  }
});

// Can this machine give a process a small file system of its own (a tmpfs in
// a private mount namespace, as root or through a user namespace), and can
// this process write into it through /proc/PID/root?
function canMountPrivately() {
  const dir = mkdtempSync(join(tmpdir(), 'ecdreport-ns-'));
  const probe = spawn('unshare', ['-rm', 'sh', '-c', `mount -t tmpfs -o size=1m tmpfs '${dir}' && exec sleep 3`], { stdio: 'ignore' });
  spawnSync('sleep', ['0.3']);
  let ok = false;
  try {
    const fd = openSync(`/proc/${probe.pid}/root${dir}/probe`, 'w');
    closeSync(fd);
    ok = !existsSync(join(dir, 'probe')); // written into the private tmpfs, not here
  } catch { ok = false; }
  probe.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  return ok;
}

test('a full disk: login and saves answer 503 "không ghi được", not a wrong password', { skip: !canMountPrivately() && 'no private mount namespace here' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecdreport-full-'));
  const db = join(dir, 'seed.db');
  ecd(db, ['init', '--demo']);
  const m = join(dir, 'm');
  mkdirSync(m);
  const script = `mount -t tmpfs -o size=8m tmpfs '${m}' && cp '${db}' '${m}/test.db' && exec '${BIN}' --db '${m}/test.db' serve --port 0 --quiet`;
  const proc = spawn('unshare', ['-rm', 'sh', '-c', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((r) => proc.on('exit', r));
  try {
    const base = await new Promise((resolve, reject) => {
      let out = '';
      proc.stdout.on('data', (d) => { out += d; const x = out.match(/serving (http:\/\/[^/]+)\//); if (x) resolve(x[1]); });
      exited.then(() => reject(new Error(`server exited: ${stderr}`)));
    });
    const c = new Client(base);
    await c.login('xa.myhoa');
    let version = (await c.get(PATH)).json.version;
    // fill the file system, seen from the server's mount namespace
    const fill = `/proc/${proc.pid}/root${m}/fill`;
    const fd = openSync(fill, 'w');
    for (const size of [1 << 20, 4096, 512]) {
      const chunk = Buffer.alloc(size);
      try { for (;;) writeSync(fd, chunk); } catch (e) { if (e.code !== 'ENOSPC') throw e; }
    }
    closeSync(fd);
    const login = await new Client(base).post('/api/session', { username: 'huyen.thapmuoi', password: 'matkhau-demo' });
    assert.equal(login.status, 503, login.text);
    assert.ok(login.json.error.startsWith(FULL), login.json.error);
    const lc = new Client(base);
    const page = await lc.get('/login');
    const token = page.text.match(/name="csrf" value="([^"]+)"/)[1];
    const form = await lc.request('POST', '/login', { form: { csrf: token, username: 'huyen.thapmuoi', password: 'matkhau-demo', next: '/' }, csrf: false });
    assert.equal(form.status, 503);
    assert.match(form.text, /không ghi được dữ liệu \(ổ đĩa đầy\?\)/);
    const wrong = await new Client(base).post('/api/session', { username: 'huyen.thapmuoi', password: 'sai-mat-khau-1' });
    assert.equal(wrong.status, 401, 'a wrong password is still a wrong password');
    for (let i = 0; i < 3; i++) {
      const r = await c.put(PATH, { values: { narrative: `đầy ${i} ${'x'.repeat(5000)}` }, version });
      assert.equal(r.status, 503, r.text);
      assert.ok(r.json.error.startsWith(FULL));
      assert.match(r.headers.get('retry-after') || '', /^\d+$/);
    }
    assert.equal(stderr.match(/CANNOT WRITE THE DATABASE/g)?.length, 1, stderr);
    assert.doesNotMatch(stderr, /cannot rollback/, 'no ROLLBACK after SQLite rolled back itself');
    // room again: saves work
    unlinkSync(fill);
    const r = await c.put(PATH, { values: { posters: 21 }, version });
    assert.equal(r.status, 200, r.text);
    version = r.json.version;
    assert.equal((await new Client(base).post('/api/session', { username: 'huyen.thapmuoi', password: 'matkhau-demo' })).status, 200);
  } finally {
    proc.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
});

// Can this process make a file immutable (root, on a file system with chattr)?
function canChattr() {
  const dir = mkdtempSync(join(tmpdir(), 'ecdreport-chattr-'));
  const f = join(dir, 'x');
  closeSync(openSync(f, 'w'));
  const ok = spawnSync('chattr', ['+i', f], { stdio: 'ignore' }).status === 0;
  if (ok) spawnSync('chattr', ['-i', f]);
  rmSync(dir, { recursive: true, force: true });
  return ok;
}

test('an immutable database file: checkpoints fail, writes stop past the WAL bound; an immutable WAL: login 503', { skip: !canChattr() && 'chattr +i is not permitted here' }, async () => {
  process.env.ECDREPORT_WAL_LIMIT_KB = '512';
  let srv;
  try { srv = await startServer(); } finally { delete process.env.ECDREPORT_WAL_LIMIT_KB; }
  const files = [srv.db, `${srv.db}-wal`];
  try {
    const c = new Client(srv.base);
    await c.login('xa.myhoa');
    let version = (await c.get(PATH)).json.version, refused = null, saves = 0;
    spawnSync('chattr', ['+i', srv.db]);
    for (let i = 0; i < 200 && !refused; i++) {
      const r = await c.put(PATH, { values: { narrative: `${i} ${'Văn bản dài. '.repeat(300)}` }, version });
      if (r.status === 200) { version = r.json.version; saves++; } else refused = r;
    }
    console.log(`saves into the WAL before the refusal: ${saves}`);
    if (process.env.SHOW_STDERR) console.log(srv.stderr);
    assert.ok(refused, 'saves went on while no checkpoint could succeed');
    assert.equal(refused.status, 503, refused.text);
    assert.ok(refused.json.error.startsWith(FULL));
    assert.match(srv.stderr, /CANNOT BE CHECKPOINTED/);
    // the WAL immutable too: nothing can be written, and login says so
    spawnSync('chattr', ['+i', `${srv.db}-wal`]);
    const login = await new Client(srv.base).post('/api/session', { username: 'huyen.thapmuoi', password: 'matkhau-demo' });
    assert.equal(login.status, 503, login.text);
    assert.ok(login.json.error.startsWith(FULL));
    for (const f of files) spawnSync('chattr', ['-i', f]);
    const again = await c.put(PATH, { values: { posters: 6 }, version });
    assert.equal(again.status, 200, `writes resume once the files are writable: ${again.text}`);
  } finally {
    for (const f of files) spawnSync('chattr', ['-i', f]);
    await srv.stop();
  }
});
