// Issue 13, point 6: SIGTERM under load loses no answer of a committed save.
// Eight communes (of the three-tier tree, in a period 2022 opened for the
// test) save their reports in a loop, each with the version of its
// last answer; the server gets SIGTERM in the middle. Afterwards, a report
// whose stored version is newer than the last version its client was told
// about is a save that was committed but whose answer was lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { startServer, Client, ecd } from '../lib/server.mjs';
import { sql } from '../lib/data.mjs';
import { sleep } from '../lib/raw.mjs';

const COMMUNES = ['30037', '30040', '30043', '30046', '30049', '30055', '30058', '30061'];
const PW = 'mat-khau-dai-1';

async function round() {
  const srv = await startServer();
  try {
    return await load(srv);
  } finally {
    if (srv.pid && !(await Promise.race([srv.exited.then(() => true), sleep(0).then(() => false)]))) await srv.stop().catch(() => {});
  }
}

// Saves under load, SIGTERM, then counts; { answered, lost }.
async function load(srv) {
  for (const code of COMMUNES) ecd(srv.db, ['user', 'add', '--username', `x${code}`, '--role', 'commune', '--unit', code, '--unit-date', '2024-12-31'], `${PW}\n`);
  const admin = new Client(srv.base);
  await admin.login('admin');
  const p = await admin.request('POST', '/admin/periods', { form: { code: '2022', due: '2022-11-20' } });
  assert.equal(p.status, 303, p.text);
  const clients = await Promise.all(COMMUNES.map(async (code) => {
    const c = new Client(srv.base);
    await c.login(`x${code}`, PW);
    return { c, code, version: 0, answered: 0, errors: 0 };
  }));
  let running = true;
  const loops = clients.map(async (k) => {
    for (let i = 1; running; i++) {
      try {
        const r = await k.c.put(`/api/reports/${k.code}/2022`, { values: { children_0_8: i }, version: k.version });
        if (r.status !== 200) break;
        k.version = r.json.version;
        k.answered++;
      } catch {
        k.errors++;
        break;
      }
    }
  });
  await sleep(1500);
  const stopped = srv.stop({ keep: true }); // SIGTERM, then waits for the exit (and asserts it is clean)
  await Promise.race([Promise.all(loops), sleep(20000)]);
  running = false;
  await stopped;
  let lost = 0, answered = 0;
  for (const k of clients) {
    answered += k.answered;
    const stored = Number(sql(srv.db, `SELECT r.version FROM report r JOIN unit u ON u.id = r.unit_id JOIN period p ON p.id = r.period_id WHERE u.code = '${k.code}' AND p.code = '2022'`) || 0);
    if (stored > k.version) lost += stored - k.version;
  }
  rmSync(srv.dir, { recursive: true, force: true });
  return { answered, lost };
}

test('SIGTERM under load: every committed save was answered', async () => {
  const rounds = [];
  for (let i = 0; i < 3; i++) rounds.push(await round());
  console.log(`SIGTERM rounds: ${JSON.stringify(rounds)}`);
  assert.equal(rounds.reduce((n, r) => n + r.lost, 0), 0);
});

test('SIGTERM with a body still arriving: the server waits --shutdown-grace, then exits cleanly', async () => {
  const srv = await startServer({ args: ['--shutdown-grace', '2'] });
  const c = new Client(srv.base);
  await c.login('xa.myhoa');
  const { hostname: host, port } = new URL(srv.base);
  const net = await import('node:net');
  const s = net.connect({ host, port: Number(port) });
  await new Promise((r) => s.on('connect', r));
  s.on('error', () => {});
  s.write(`PUT /api/reports/30052/2024 HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\ncookie: ${c.cookieHeader()}\r\nx-csrf-token: ${c.csrf}\r\n\r\n{"values":`);
  await sleep(300);
  const t0 = Date.now();
  await srv.stop(); // asserts a clean exit
  const waited = Date.now() - t0;
  s.destroy();
  console.log(`SIGTERM with a body arriving: exited after ${waited} ms (grace 2 s)`);
  assert.match(srv.stderr, /1 requests still under way after 2 s: closed/);
});
