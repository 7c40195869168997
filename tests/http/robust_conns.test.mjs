// Issue 13, point 2: connection exhaustion. Slow headers (one byte at a
// time), a flood of slow connections from many addresses, and 1,000 idle
// kept-alive connections: under each, a normal client from another address
// (127.0.0.2) is still served, and the slow connections are cut off once
// their request has taken longer than the limit to arrive. The figures (how
// long the normal client waited) are printed, not asserted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { rawRequest, flood, idleKeepAlive, loopbackAddresses, sleep } from '../lib/raw.mjs';

// A normal client from 127.0.0.2: a GET of the login page, timed.
async function normalClient(base) {
  const t0 = Date.now();
  const r = await rawRequest(base, { path: '/login', localAddress: '127.0.0.2', timeout: 25000 });
  return { status: r.status ?? r.error, ms: Date.now() - t0 };
}

// Waits until cond() or ms have passed; returns cond().
async function until(cond, ms) {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await sleep(200);
  return cond();
}

test('256 slow-header connections from one address: cut off after the header time, others served', async () => {
  const srv = await startServer({ args: ['--header-timeout', '3'] });
  try {
    const f = await flood(srv.base, { n: 256, addresses: ['127.0.0.1'], interval: 1000 });
    const during = await normalClient(srv.base);
    console.log(`slow headers, one address: normal client ${JSON.stringify(during)}, ${f.open()} slow ones open`);
    assert.equal(during.status, 200);
    // every slow connection is closed by the server although it keeps sending
    const allCut = await until(() => f.open() === 0, 15000);
    const left = f.open();
    console.log(`slow headers, one address: ${f.closed()} closed by the server, ${left} still open after the limit`);
    f.stop();
    assert.ok(allCut, `${left} slow connections still open`);
  } finally {
    await srv.stop();
  }
});

test('a sustained flood of 1,000 slow connections from 25 addresses: a normal client is served', async () => {
  const srv = await startServer();
  try {
    const f = await flood(srv.base, { n: 1000, addresses: loopbackAddresses(25, 1), interval: 1000, reconnect: true });
    await sleep(500);
    const during = [];
    for (let i = 0; i < 3; i++) during.push(await normalClient(srv.base));
    console.log(`slow flood, 25 addresses: normal client ${JSON.stringify(during)}; ${f.closed()} cut so far`);
    f.stop();
    for (const d of during) assert.equal(d.status, 200);
  } finally {
    await srv.stop();
  }
});

test('1,000 idle kept-alive connections: a new client is served', async () => {
  const srv = await startServer();
  try {
    const idle = await idleKeepAlive(srv.base, { n: 1000, addresses: loopbackAddresses(25, 2) });
    const during = await normalClient(srv.base);
    console.log(`idle keep-alive: ${idle.served} served then idle, ${idle.open()} open; normal client ${JSON.stringify(during)}`);
    idle.stop();
    assert.equal(during.status, 200);
  } finally {
    await srv.stop();
  }
});

test('the limits are options; a bad value is refused with a clear message', async () => {
  await assert.rejects(startServer({ args: ['--max-conn', 'many'] }), /--max-conn wants a whole number/);
  const srv = await startServer({ args: ['--max-conn', '50', '--max-conn-per-addr', '4', '--header-timeout', '5', '--request-timeout', '20', '--body-memory', '16', '--shutdown-grace', '3'] });
  try {
    const f = await flood(srv.base, { n: 10, addresses: ['127.0.0.1'], interval: 1000 });
    await sleep(300);
    assert.ok(f.open() <= 4, `${f.open()} connections from one address, limit 4`);
    assert.equal((await normalClient(srv.base)).status, 200);
    f.stop();
  } finally {
    await srv.stop();
  }
});
