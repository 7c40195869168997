// A real `ecdreport serve` on an ephemeral port with a temporary database,
// and a small HTTP client that keeps cookies and the CSRF token.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = process.env.ECDREPORT_BIN || join(ROOT, 'ecdreport');
export const PASSWORD = 'matkhau-demo';

// Runs an ecdreport command on db; returns stdout. Throws on a non-zero exit.
export function ecd(db, args, input) {
  return execFileSync(BIN, ['--db', db, ...args], { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

// Starts a server on a fresh database (with the demo unless demo: false).
// Returns { base, db, dir, stop() }; stop() asserts a clean exit (ASan and
// LeakSanitizer report through the exit status) and removes the directory.
// quiet: false keeps the access log (read it through srv.stderr); bin: another build.
export async function startServer({ demo = true, args = [], bin = BIN, quiet = true } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ecdreport-test-'));
  const db = join(dir, 'test.db');
  ecd(db, demo ? ['init', '--demo'] : ['init']);
  const proc = spawn(bin, ['--db', db, 'serve', '--port', '0', ...(quiet ? ['--quiet'] : []), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const base = await new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/serving (http:\/\/[^/]+)\//);
      if (m) resolve(m[1]);
    });
    exited.then(({ code }) => reject(new Error(`server exited (${code}) before listening:\n${stderr}`)));
  });
  return {
    base, db, dir, pid: proc.pid, exited,
    get stderr() { return stderr; },
    // keep: leave the directory (the database) for the caller to read and remove
    async stop({ keep = false } = {}) {
      proc.kill('SIGTERM');
      const { code, signal } = await exited;
      if (!keep) rmSync(dir, { recursive: true, force: true });
      if (code !== 0) throw new Error(`server exited with ${code ?? signal}:\n${stderr}`);
    },
  };
}

// The Set-Cookie headers of a response. getSetCookie is missing from older
// Node 18 releases (Debian 12's): there, split the joined header.
export function setCookies(headers) {
  if (headers.getSetCookie) return headers.getSetCookie();
  return (headers.get('set-cookie') || '').split(/,(?=\s*[A-Za-z_]+=)/).filter(Boolean);
}

// An HTTP client with a cookie jar; never follows redirects.
export class Client {
  constructor(base) { this.base = base; this.cookies = new Map(); this.csrf = null; }

  cookieHeader() { return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '); }

  keepCookies(res) {
    for (const c of setCookies(res.headers)) {
      const [pair, ...attrs] = c.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      if (attrs.some((a) => /max-age=0/i.test(a.trim()))) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(method, path, { json, form, body, headers = {}, csrf = true } = {}) {
    const h = { ...headers };
    if (this.cookies.size) h.cookie = this.cookieHeader();
    if (csrf && this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    if (json !== undefined) { h['content-type'] = 'application/json'; body = JSON.stringify(json); }
    if (form !== undefined) { h['content-type'] = 'application/x-www-form-urlencoded'; body = new URLSearchParams(form).toString(); }
    const res = await fetch(this.base + path, { method, headers: h, body, redirect: 'manual' });
    this.keepCookies(res);
    const text = await res.text();
    let data = null;
    if ((res.headers.get('content-type') || '').startsWith('application/json')) data = JSON.parse(text);
    return { status: res.status, headers: res.headers, text, json: data };
  }

  get(path, opts) { return this.request('GET', path, opts); }
  put(path, json, opts = {}) { return this.request('PUT', path, { ...opts, json }); }
  post(path, json, opts = {}) { return this.request('POST', path, { ...opts, json }); }

  // Logs in through the API; keeps the session cookie and the CSRF token.
  async login(username, password = PASSWORD) {
    const r = await this.post('/api/session', { username, password });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.text}`);
    this.csrf = r.json.csrf;
    return r.json;
  }

  // Logs in through the HTML login page, as a browser does.
  async loginForm(username, password = PASSWORD) {
    const page = await this.get('/login');
    const token = page.text.match(/name="csrf" value="([^"]+)"/)[1];
    const r = await this.request('POST', '/login', { form: { csrf: token, username, password, next: '/' }, csrf: false });
    if (r.status !== 303) throw new Error(`form login ${username}: ${r.status}`);
    const home = await this.get('/');
    this.csrf = home.text.match(/name="csrf" value="([^"]+)"/)[1];
    return r;
  }

  // Posts the report form as a browser does: every field of the page, with
  // the given values changed and the given action button.
  async postReport(path, values, action = 'save') {
    const page = await this.get(path);
    const fields = formFields(page.text);
    Object.assign(fields, values, { action });
    return this.request('POST', path, { form: fields, csrf: false });
  }
}

// The fields of the first form on an HTML page that has an id report-form:
// inputs, selects (their selected option) and textareas, unescaped.
export function formFields(html) {
  const form = html.slice(html.indexOf('id="report-form"'));
  const fields = {};
  const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  for (const m of form.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) fields[m[1]] = unescape(m[2]);
  for (const m of form.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) fields[m[1]] = unescape(m[2]);
  for (const m of form.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const sel = m[2].match(/<option value="([^"]*)" selected/);
    fields[m[1]] = sel ? sel[1] : '';
  }
  return fields;
}
