// Raw HTTP over node:net for the robustness tests: requests from a chosen
// loopback address, slow and held connections, and the server's memory.
import net from 'node:net';
import { readFileSync } from 'node:fs';

// host and port of a base URL such as http://127.0.0.1:1234
export function hostPort(base) {
  const u = new URL(base);
  return { host: u.hostname, port: Number(u.port) };
}

// Sends one request on a fresh connection (from localAddress, when given) and
// reads the answer until the server closes or the answer is complete.
// Resolves { status, headers, body } or { error } (a reset, a timeout, a
// refused connection); never rejects. body may be a Buffer or a string.
export function rawRequest(base, { method = 'GET', path = '/', headers = {}, body, localAddress, timeout = 20000, sendBody = true } = {}) {
  const { host, port } = hostPort(base);
  return new Promise((resolve) => {
    const s = net.connect({ host, port, localAddress });
    const chunks = [];
    let done = false;
    const finish = (v) => { if (!done) { done = true; clearTimeout(t); s.destroy(); resolve(v); } };
    const t = setTimeout(() => finish({ error: 'timeout' }), timeout);
    s.on('connect', () => {
      const b = body === undefined ? null : Buffer.isBuffer(body) ? body : Buffer.from(body);
      const h = { host: `${host}:${port}`, connection: 'close', ...headers };
      if (b && h['content-length'] === undefined) h['content-length'] = String(b.length);
      let head = `${method} ${path} HTTP/1.1\r\n`;
      for (const [k, v] of Object.entries(h)) head += `${k}: ${v}\r\n`;
      s.write(head + '\r\n');
      if (b && sendBody) s.write(b, () => {});
    });
    s.on('data', (d) => {
      chunks.push(d);
      const parsed = parse(Buffer.concat(chunks));
      if (parsed && parsed.complete) finish(parsed);
    });
    s.on('error', (e) => {
      const parsed = parse(Buffer.concat(chunks));
      finish(parsed || { error: e.code || String(e) });
    });
    s.on('close', () => {
      const parsed = parse(Buffer.concat(chunks));
      finish(parsed || { error: 'closed' });
    });
  });
}

// Parses an HTTP answer; null if the head is not complete yet.
function parse(buf) {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const lines = buf.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(lines[0].split(' ')[1]);
  const headers = {};
  for (const l of lines.slice(1)) {
    const i = l.indexOf(':');
    headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim();
  }
  const body = buf.subarray(end + 4);
  const len = headers['content-length'] !== undefined ? Number(headers['content-length']) : -1;
  return { status, headers, body: body.toString('utf8'), complete: len >= 0 && body.length >= len };
}

// Opens n connections spread over the given local addresses. Each sends
// `first` on connect and then, every `interval` ms, `drip` (e.g. one header
// byte). With reconnect, a connection the server closes is opened again (an
// attacker that keeps its flood up). Returns { open(), closed(), stop() }: how
// many are open now, how many the server has closed.
export async function flood(base, { n, addresses = ['127.0.0.1'], first = 'G', drip = 'E', interval = 1000, reconnect = false }) {
  const { host, port } = hostPort(base);
  const socks = new Set();
  let closedByServer = 0, stopping = false;
  const open = (i) => new Promise((resolve) => {
    const s = net.connect({ host, port, localAddress: addresses[i % addresses.length] });
    socks.add(s);
    s.on('connect', () => { if (first) s.write(first); resolve(); });
    s.on('error', () => resolve());
    s.on('close', () => {
      socks.delete(s);
      resolve();
      if (stopping) return;
      closedByServer++;
      if (reconnect) setTimeout(() => { if (!stopping) open(i); }, 50);
    });
    s.setTimeout(5000, resolve);
  });
  for (let i = 0; i < n; i += 100) await Promise.all(Array.from({ length: Math.min(100, n - i) }, (_, k) => open(i + k)));
  const timer = drip ? setInterval(() => {
    for (const s of socks) if (!s.destroyed && s.writable) s.write(drip, () => {});
  }, interval) : null;
  return {
    open: () => [...socks].filter((s) => !s.destroyed && s.readyState === 'open').length,
    closed: () => closedByServer,
    stop() { stopping = true; if (timer) clearInterval(timer); for (const s of socks) s.destroy(); },
  };
}

// Opens n kept-alive connections (spread over addresses) that each make one
// complete GET of path and then stay open, idle. Returns { served, stop() }.
export async function idleKeepAlive(base, { n, addresses, path = '/login' }) {
  const { host, port } = hostPort(base);
  const socks = [];
  let served = 0;
  for (let i = 0; i < n; i += 100) {
    await Promise.all(Array.from({ length: Math.min(100, n - i) }, (_, k) => new Promise((resolve) => {
      const s = net.connect({ host, port, localAddress: addresses[(i + k) % addresses.length] });
      socks.push(s);
      let data = '';
      const t = setTimeout(resolve, 10000);
      s.on('connect', () => s.write(`GET ${path} HTTP/1.1\r\nhost: x\r\n\r\n`));
      s.on('data', (d) => { data += d; if (/^HTTP\/1\.1 200/.test(data) && data.includes('</html>')) { served++; clearTimeout(t); resolve(); } });
      s.on('error', () => { clearTimeout(t); resolve(); });
      s.on('close', () => { clearTimeout(t); resolve(); });
    })));
  }
  return { served, open: () => socks.filter((s) => !s.destroyed && s.readyState === 'open').length, stop() { for (const s of socks) s.destroy(); } };
}

// The server's resident memory now and at its peak, in MB (Linux /proc).
export function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number((status.match(new RegExp(`${k}:\\s+(\\d+)`)) || [0, 0])[1]);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

// Loopback addresses 127.0.N.M other than 127.0.0.1 and 127.0.0.2 (kept for
// the normal client), count of them.
export function loopbackAddresses(count, third = 1) {
  return Array.from({ length: count }, (_, i) => `127.0.${third + Math.floor(i / 250)}.${(i % 250) + 1}`);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Opens n connections (spread over addresses) that each send head and then
// size - 1 bytes of a body of size bytes: all but the last byte, held.
// Resolves once every connection was answered, closed, or has written what
// it holds (or after ms): { answered: {status: count}, closed (without an
// answer), holding (open, unanswered), stop() }.
export async function heldBodies(base, { n, addresses, head, size, ms = 60000 }) {
  const { host, port } = hostPort(base);
  const body = Buffer.alloc(size - 1, 'x');
  const conns = [];
  await new Promise((resolveAll) => {
    let pending = n;
    const timer = setTimeout(resolveAll, ms);
    for (let i = 0; i < n; i++) {
      const c = { s: net.connect({ host, port, localAddress: addresses[i % addresses.length] }), status: null, closed: false, written: false, settled: false, data: '' };
      conns.push(c);
      const settle = () => { if (!c.settled) { c.settled = true; if (--pending === 0) { clearTimeout(timer); resolveAll(); } } };
      c.s.on('connect', () => {
        c.s.write(head);
        c.s.write(body, (err) => { if (!err) { c.written = true; settle(); } });
      });
      c.s.on('data', (d) => {
        c.data += d.toString('latin1');
        const m = c.data.match(/^HTTP\/1\.[01] (\d{3})/);
        if (m && !c.status) { c.status = m[1]; settle(); }
      });
      c.s.on('error', () => { c.closed = true; settle(); });
      c.s.on('close', () => { c.closed = true; settle(); });
    }
  });
  await new Promise((r) => setTimeout(r, 1000)); // answers still on their way
  const result = { answered: {}, closed: 0, holding: 0 };
  for (const c of conns) {
    if (c.status) result.answered[c.status] = (result.answered[c.status] || 0) + 1;
    else if (c.closed) result.closed++;
    else result.holding++;
  }
  return { ...result, stop() { for (const c of conns) c.s.destroy(); } };
}
