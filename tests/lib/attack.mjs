// Requests as an attacker sends them: from a chosen loopback address (Linux
// answers on all of 127.0.0.0/8), so that per-address limits can be seen.
import http from 'node:http';

// POSTs json to base+path from the local address local; resolves to
// { status, headers, text, ms }.
export function postFrom(local, base, path, json) {
  return new Promise((resolve, reject) => {
    const u = new URL(base + path);
    const body = JSON.stringify(json);
    const start = process.hrtime.bigint();
    const req = http.request({
      host: u.hostname, port: u.port, path: u.pathname, method: 'POST', localAddress: local, agent: false,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text, ms: Number(process.hrtime.bigint() - start) / 1e6 }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
