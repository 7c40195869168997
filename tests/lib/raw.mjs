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
// byte). Returns { open(), closed(), stop() }: how many are still open, how
// many the server closed.
export async function flood(base, { n, addresses = ['127.0.0.1'], first = 'G', drip = 'E', interval = 1000 }) {
  const { host, port } = hostPort(base);
  const socks = [];
  let closedByServer = 0, stopping = false;
  await Promise.all(Array.from({ length: n }, (_, i) => new Promise((resolve) => {
    const s = net.connect({ host, port, localAddress: addresses[i % addresses.length] });
    socks.push(s);
    s.on('connect', () => { if (first) s.write(first); resolve(); });
    s.on('error', () => resolve());
    s.on('close', () => { if (!stopping) closedByServer++; resolve(); });
    s.setTimeout(5000, resolve);
  })));
  const timer = drip ? setInterval(() => {
    for (const s of socks) if (!s.destroyed && s.writable) s.write(drip, () => {});
  }, interval) : null;
  return {
    open: () => socks.filter((s) => !s.destroyed && s.readyState === 'open').length,
    closed: () => closedByServer,
    stop() { stopping = true; if (timer) clearInterval(timer); for (const s of socks) s.destroy(); },
  };
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
