// What users type is shown as text everywhere: templates escape, JSON comes
// from Jansson.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client } from '../lib/server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const XSS = '<script>alert(1)</script>';

test('a narrative of <script>alert(1)</script> is text in the form, for staff, and in JSON', async () => {
  const c = new Client(srv.base);
  await c.login('xa.myhoa');
  const r0 = (await c.get('/api/reports/30052/2024')).json;
  const r1 = await c.put('/api/reports/30052/2024', { values: { narrative: XSS, posters: `"><img src=x onerror=alert(1)>` }, version: r0.version });
  assert.equal(r1.status, 422); // the posters value is not a number: nothing saved
  const r2 = await c.put('/api/reports/30052/2024', { values: { narrative: XSS }, version: r0.version });
  assert.equal(r2.status, 200);
  assert.equal(r2.json.values.narrative, XSS);

  const html = new Client(srv.base);
  await html.loginForm('xa.myhoa');
  const page = await html.get('/reports/30052/2024');
  assert.ok(page.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(!page.text.includes(XSS));

  // a typed bad value is echoed in its message and its input, escaped
  const bad = await html.postReport('/reports/30052/2024', { v_posters: `"><img src=x onerror=alert(1)>` });
  assert.equal(bad.status, 303);
  const again = await html.get('/reports/30052/2024');
  assert.ok(!again.text.includes('<img src=x'));
  assert.ok(again.text.includes('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'));

  const staff = new Client(srv.base);
  await staff.loginForm('huyen.thapmuoi');
  const view = await staff.get('/reports/30052/2024');
  assert.ok(view.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(!view.text.includes(XSS));
});

test('a login name of markup is escaped on the login page', async () => {
  const c = new Client(srv.base);
  const page = await c.get('/login');
  const token = page.text.match(/name="csrf" value="([^"]+)"/)[1];
  const r = await c.request('POST', '/login', { form: { csrf: token, username: `"><script>alert(1)</script>`, password: 'x' } });
  assert.equal(r.status, 401);
  assert.ok(!r.text.includes('<script>alert(1)'));
  assert.ok(r.text.includes('&quot;&gt;&lt;script&gt;'));
});

test('the login redirect never leaves the site', async () => {
  const c = new Client(srv.base);
  const page = await c.get('/login?next=//evil.example/');
  assert.match(page.text, /name="next" value="\/"/);
});
