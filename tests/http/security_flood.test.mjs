// Finding 4 of issue 9, under load: 16 connections flood the login with
// wrong passwords from one address while a real user logs in from another.
// The flood is throttled before any hash, so it costs the server almost
// nothing; the times are printed for the record (no timed assert).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, PASSWORD } from '../lib/server.mjs';
import { postFrom } from '../lib/attack.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

async function realLogins(n, pause = 0) {
  const times = [];
  for (let i = 0; i < n; i++) {
    if (pause) await new Promise((resolve) => setTimeout(resolve, pause));
    const r = await postFrom('127.0.0.1', srv.base, '/api/session', { username: 'xa.myhoa', password: PASSWORD });
    assert.equal(r.status, 200, r.text);
    times.push(Math.round(r.ms));
  }
  return times;
}

test('a login flood is throttled and the real user logs in meanwhile', async (t) => {
  const quiet = await realLogins(5, 50);
  let running = true, n = 0;
  const tally = {};
  const worker = async (w) => {
    while (running) {
      const username = n % 2 ? 'admin' : `doan.${w}.${n}`;
      const r = await postFrom('127.0.0.2', srv.base, '/api/session', { username, password: `sai-mat-khau-${n++}` });
      tally[r.status] = (tally[r.status] || 0) + 1;
    }
  };
  const workers = Array.from({ length: 16 }, (_, w) => worker(w));
  await new Promise((resolve) => setTimeout(resolve, 300));
  const flooded = await realLogins(10, 200);
  running = false;
  await Promise.all(workers);
  const line = `real login ms without flood ${quiet.join(', ')}; during the flood ${flooded.join(', ')}; ` +
    `flood ${n} requests: ${Object.entries(tally).map(([s, k]) => `${k}×${s}`).join(', ')}`;
  t.diagnostic(line);
  console.log(line);
  assert.ok((tally[401] || 0) <= 36, `at most the allowance was hashed: ${tally[401]} wrong passwords checked`);
  assert.ok((tally[429] || 0) > (tally[401] || 0), 'most of the flood was refused before hashing');
  assert.equal(Object.keys(tally).filter((s) => s !== '401' && s !== '429').length, 0, JSON.stringify(tally));
});
