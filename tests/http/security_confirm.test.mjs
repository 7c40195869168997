// Finding 8 of issue 9: deleting a plan, deleting a target, disabling an
// account and locking a period take two steps on the server. The first POST
// answers a confirmation page (the question, a form to the same address with
// the same fields and confirm=1, "Xác nhận", and "Hủy" back); only the second
// acts. No JavaScript is involved, and the first step changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, Client } from '../lib/server.mjs';

let srv, admin;
const sql = (q) => execFileSync('sqlite3', [srv.db, q], { encoding: 'utf8' }).trim();
before(async () => {
  srv = await startServer();
  admin = new Client(srv.base);
  await admin.loginForm('admin');
});
after(async () => { await srv.stop(); });

const unescape = (s) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

// Posts fields to path without confirm: a confirmation page that changes
// nothing; returns the fields of its form.
async function firstStep(path, fields, question) {
  const r = await admin.request('POST', path, { form: { csrf: admin.csrf, ...fields }, csrf: false });
  assert.equal(r.status, 200, `${path}: ${r.status}`);
  assert.match(r.text, question, path);
  const form = r.text.match(/<form method="post" action="([^"]*)" id="confirm"[^>]*>([\s\S]*?)<\/form>/);
  assert.ok(form, 'a form');
  assert.equal(unescape(form[1]), path, 'to the same address');
  const sent = Object.fromEntries([...form[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], unescape(m[2])]));
  assert.match(form[2], /Xác nhận/);
  assert.match(r.text, /<a [^>]*href="[^"]+"[^>]*>Hủy<\/a>/);
  assert.equal(sent.confirm, '1');
  for (const [k, v] of Object.entries(fields)) assert.equal(sent[k], v, `keeps ${k}`);
  // no script of its own: only the page chrome's static/app.js (Vietnamese validation words)
  assert.doesNotMatch(r.text, /onsubmit|onclick|<script(?![^>]*src="\/static\/app\.js")/i, 'no script');
  return sent;
}

test('deleting a plan asks first, then deletes', async () => {
  const id = sql("SELECT id FROM plan ORDER BY id LIMIT 1");
  const fields = await firstStep(`/admin/plans/${id}/delete`, {}, /Xóa kế hoạch/);
  assert.equal(sql(`SELECT count(*) FROM plan WHERE id = ${id}`), '1', 'the first step deleted nothing');
  const r = await admin.request('POST', `/admin/plans/${id}/delete`, { form: fields, csrf: false });
  assert.equal(r.status, 303);
  assert.equal(sql(`SELECT count(*) FROM plan WHERE id = ${id}`), '0');
  const page = await admin.get(`/admin/plans/${sql('SELECT id FROM plan ORDER BY id LIMIT 1')}`);
  assert.doesNotMatch(page.text, /onsubmit/, 'no inline confirm() blocked by our own CSP');
});

test('deleting a target asks first, then deletes', async () => {
  const [plan, target] = sql('SELECT plan_id, id FROM target ORDER BY id LIMIT 1').split('|');
  const path = `/admin/plans/${plan}/targets/${target}/delete`;
  const fields = await firstStep(path, {}, /Xóa chỉ tiêu/);
  assert.equal(sql(`SELECT count(*) FROM target WHERE id = ${target}`), '1');
  assert.equal((await admin.request('POST', path, { form: fields, csrf: false })).status, 303);
  assert.equal(sql(`SELECT count(*) FROM target WHERE id = ${target}`), '0');
});

test('disabling an account asks first; enabling does not need to', async () => {
  const id = sql("SELECT id FROM user WHERE username = 'xa.myhoa'");
  const path = `/admin/users/${id}/disable`;
  const fields = await firstStep(path, { disabled: '1' }, /Khóa tài khoản xa\.myhoa/);
  assert.equal(sql(`SELECT disabled FROM user WHERE id = ${id}`), '0');
  assert.equal((await admin.request('POST', path, { form: fields, csrf: false })).status, 303);
  assert.equal(sql(`SELECT disabled FROM user WHERE id = ${id}`), '1');
  assert.equal((await admin.request('POST', path, { form: { csrf: admin.csrf, disabled: '0' }, csrf: false })).status, 303);
  assert.equal(sql(`SELECT disabled FROM user WHERE id = ${id}`), '0');
});

test('locking a period asks first; unlocking does not need to', async () => {
  const fields = await firstStep('/admin/periods/2024/lock', { lock: '1' }, /Khóa kỳ báo cáo/);
  assert.equal(sql("SELECT locked_at IS NULL FROM period WHERE code = '2024'"), '1');
  assert.equal((await admin.request('POST', '/admin/periods/2024/lock', { form: fields, csrf: false })).status, 303);
  assert.equal(sql("SELECT locked_at IS NULL FROM period WHERE code = '2024'"), '0');
  assert.equal((await admin.request('POST', '/admin/periods/2024/lock', { form: { csrf: admin.csrf, lock: '0' }, csrf: false })).status, 303);
  assert.equal(sql("SELECT locked_at IS NULL FROM period WHERE code = '2024'"), '1');
});

test('the confirmation still needs the CSRF token', async () => {
  const id = sql("SELECT id FROM plan ORDER BY id LIMIT 1");
  const r = await admin.request('POST', `/admin/plans/${id}/delete`, { form: { confirm: '1' }, csrf: false });
  assert.equal(r.status, 403);
  assert.equal(sql(`SELECT count(*) FROM plan WHERE id = ${id}`), '1');
});
