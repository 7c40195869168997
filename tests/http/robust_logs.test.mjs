// Issue 13, point 13: logs. Thousands of garbage connections write almost
// nothing under --quiet, and without it one whole line per event, each kind
// rate-limited; a start-up refusal is always said.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer } from '../lib/server.mjs';
import { hostPort, rawRequest, loopbackAddresses, sleep } from '../lib/raw.mjs';

// n connections that each send one kind of garbage and close (or get closed).
async function garbage(base, n) {
  const { host, port } = hostPort(base);
  const kinds = ['\x00\x01\x02garbage\r\n\r\n', 'GET / HTTP/9.9\r\n\r\n', 'GET /login HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab', 'NOT A REQUEST', 'GET /login HTTP/1.1\r\nBad Header Line\r\n\r\n', 'POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n'];
  const addresses = loopbackAddresses(10, 3);
  for (let i = 0; i < n; i += 100) {
    await Promise.all(Array.from({ length: Math.min(100, n - i) }, (_, k) => new Promise((resolve) => {
      const s = net.connect({ host, port, localAddress: addresses[(i + k) % addresses.length] });
      const t = setTimeout(() => { s.destroy(); resolve(); }, 500);
      s.on('connect', () => { s.write(kinds[(i + k) % kinds.length]); if ((i + k) % 2) s.destroy(); else s.end(); });
      s.on('error', () => {});
      s.resume();
      s.on('close', () => { clearTimeout(t); resolve(); });
    })));
  }
}

test('3,000 garbage connections under --quiet write (almost) nothing', async () => {
  const srv = await startServer();
  try {
    await garbage(srv.base, 3000);
    assert.equal((await rawRequest(srv.base, { path: '/login' })).status, 200);
    console.log(`garbage under --quiet: ${srv.stderr.length} bytes of stderr`);
    assert.ok(srv.stderr.length < 2048, `${srv.stderr.length} bytes:\n${srv.stderr.slice(0, 2000)}`);
  } finally {
    await srv.stop();
  }
});

test('without --quiet: one whole line per event, each kind rate-limited', async () => {
  const loud = await startServer({ quiet: false });
  try {
    await garbage(loud.base, 3000);
    assert.equal((await rawRequest(loud.base, { path: '/login' })).status, 200);
    await sleep(300); // the access line is written once the answer is sent
    const lines = loud.stderr.split('\n').filter(Boolean);
    console.log(`garbage without --quiet: ${loud.stderr.length} bytes, ${lines.length} lines`);
    for (const l of lines) assert.doesNotMatch(l, /http: .*http: /, 'interleaved lines');
    // the access log has one line per request (aborted ones too); the rest,
    // what libmicrohttpd says about the garbage, is rate-limited per kind
    const other = lines.filter((l) => !/^(\S+ )?[A-Z]+ \S+ \d{1,3} [\d.]+ms/.test(l));
    console.log(`  of which ${other.length} not from the access log`);
    assert.ok(other.length < 200, `${other.length} lines:\n${other.slice(0, 50).join('\n')}`);
    assert.ok(lines.some((l) => /^(127\.0\.0\.1 )?GET \/login 200/.test(l)), 'the access log is there');
  } finally {
    await loud.stop();
  }
});
