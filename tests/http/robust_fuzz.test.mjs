// Issue 13, point 1: an HTTP-level fuzz run over the body parsers (JSON,
// urlencoded, multipart) against the sanitizer build. Seeds from
// tests/fuzz/http/*.req are mutated (bytes, dictionary tokens, splices, the
// content type and its boundary) and sent, four at a time, for FUZZ_SECONDS
// (default 40). Every request must get an HTTP answer below 500 (503, busy,
// is allowed); the server must stay up and exit cleanly (ASan, LeakSanitizer).
// An input that gives a new kind of answer (route, status, message) joins the
// run's corpus. Findings go to tests/artifacts/fuzz-findings/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, ROOT } from '../lib/server.mjs';
import { rawRequest } from '../lib/raw.mjs';

const SECONDS = Number(process.env.FUZZ_SECONDS || 40);
const CORPUS = join(ROOT, 'tests', 'fuzz', 'http');
const ARTIFACTS = join(ROOT, 'tests', 'artifacts');

// A small seeded generator (mulberry32), so a run can be replayed with FUZZ_SEED.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function loadSeeds() {
  return readdirSync(CORPUS).filter((f) => f.endsWith('.req')).map((f) => {
    const raw = readFileSync(join(CORPUS, f));
    const nl = raw.indexOf(10);
    const [method, path, auth, ...type] = raw.subarray(0, nl).toString('utf8').split(' ');
    return { name: f, method, path, auth, type: type.join(' '), body: raw.subarray(nl + 1) };
  });
}

const TOKENS = ['\r\n', '\r\n\r\n', '--', '--XX', '--XX--', 'Content-Disposition: form-data', '; name="', '; filename="', 'name=', '"', '=', '&', '%', '%0', '%zz', '%C3%28', '+', '{', '}', '[', ']', ':', ',', '"\\u0000"', '\\ud800', 'null', 'true', '1e999', '-1', '99999999999999999999', '\x00', '\xff', '\xc3', 'Content-Type: text/plain', 'csrf', 'values', 'version', 'action', 'file', 'from']
  .map((t) => Buffer.from(t, 'latin1'));

const TYPES = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=XX', 'multipart/form-data', 'multipart/form-data; boundary=', 'multipart/form-data; boundary="XX"', 'multipart/form-data; boundary=----b1', 'text/plain', 'application/x-www-form-urlencoded; charset=utf-8', ''];

function mutate(seed, pool, rand) {
  const pick = (a) => a[Math.floor(rand() * a.length)];
  let b = Buffer.from(seed.body);
  let type = seed.type;
  const n = 1 + Math.floor(rand() * 6);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(rand() * (b.length + 1));
    switch (Math.floor(rand() * 9)) {
      case 0: if (b.length) b[Math.min(at, b.length - 1)] ^= 1 << Math.floor(rand() * 8); break;
      case 1: b = Buffer.concat([b.subarray(0, at), Buffer.from([Math.floor(rand() * 256)]), b.subarray(at)]); break;
      case 2: b = Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + Math.floor(rand() * 16)))]); break;
      case 3: b = Buffer.concat([b.subarray(0, at), pick(TOKENS), b.subarray(at)]); break;
      case 4: { const o = pick(pool).body; const from = Math.floor(rand() * o.length); b = Buffer.concat([b.subarray(0, at), o.subarray(from, from + Math.floor(rand() * 64))]); break; }
      case 5: { const len = Math.floor(rand() * 32); const chunk = b.subarray(at, at + len); b = Buffer.concat([b.subarray(0, at), chunk, chunk, chunk, b.subarray(at)]); break; }
      case 6: b = b.subarray(0, at); break;
      case 7: type = pick(TYPES); break;
      case 8: if (type.includes('boundary=')) type = type.replace(/boundary=.*/, `boundary=${pick(['X', 'XX', '', '"', 'XX; x=1', '-'.repeat(80), 'X'.repeat(200)])}`); break;
    }
  }
  return { ...seed, type, body: b };
}

test(`fuzzing the body parsers for ${SECONDS} s: no crash, no 5xx`, { timeout: (SECONDS + 120) * 1000 }, async () => {
  const seeds = loadSeeds();
  assert.ok(seeds.length >= 10, 'the seed corpus is there');
  const srv = await startServer();
  const rand = rng(Number(process.env.FUZZ_SEED || 1));
  const auth = { none: {} };
  for (const [who, user] of [['commune', 'xa.myhoa'], ['admin', 'admin']]) {
    const c = new Client(srv.base);
    await c.login(user);
    auth[who] = { cookie: c.cookieHeader(), 'x-csrf-token': c.csrf };
  }
  const pool = [...seeds];
  const seen = new Set();
  const findings = [];
  let runs = 0;
  const keep = (dir, name, input) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, name), Buffer.concat([Buffer.from(`${input.method} ${input.path} ${input.auth} ${input.type}\n`), input.body]));
  };
  const end = Date.now() + SECONDS * 1000;
  const worker = async () => {
    while (Date.now() < end && findings.length < 5) {
      const input = rand() < 0.1 ? seeds[Math.floor(rand() * seeds.length)] : mutate(pool[Math.floor(rand() * pool.length)], pool, rand);
      const headers = { ...auth[input.auth] };
      if (input.type) headers['content-type'] = input.type;
      const r = await rawRequest(srv.base, { method: input.method, path: input.path, headers, body: input.body, timeout: 30000 });
      runs++;
      if (!r.status || (r.status >= 500 && r.status !== 503)) {
        findings.push({ input, answer: r.status || r.error });
        keep(join(ARTIFACTS, 'fuzz-findings'), `finding-${findings.length}.req`, input);
        continue;
      }
      let message = '';
      try { message = JSON.parse(r.body).error || ''; } catch { message = (r.body.match(/<p[^>]*>([^<]{0,60})/) || ['', ''])[1]; }
      const kind = `${input.path} ${r.status} ${message.slice(0, 40)}`;
      if (!seen.has(kind)) {
        seen.add(kind);
        if (pool.length < 500) pool.push(input);
        if (process.env.FUZZ_KEEP) keep(join(ARTIFACTS, 'fuzz-new'), `new-${seen.size}.req`, input);
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  console.log(`http fuzz: ${runs} requests in ${SECONDS} s, ${seen.size} kinds of answer, ${findings.length} findings`);
  const alive = await rawRequest(srv.base, { path: '/login' });
  await srv.stop();
  assert.deepEqual(findings.map((f) => `${f.input.method} ${f.input.path} ${f.input.type}: ${f.answer}`), []);
  assert.equal(alive.status, 200);
});
