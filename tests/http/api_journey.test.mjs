// The commune's journey through the JSON API: session, form, unit, report,
// save, submit; and the version check that keeps two people from
// overwriting each other.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, setCookies } from '../lib/server.mjs';
import { validValues } from '../lib/values.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

test('login answers the user, the CSRF token and an HttpOnly SameSite=Strict cookie', async () => {
  const c = new Client(srv.base);
  const r = await c.post('/api/session', { username: 'xa.myhoa', password: 'matkhau-demo' });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.user, { username: 'xa.myhoa', role: 'commune', unit: '30052' });
  assert.match(r.json.csrf, /^[A-Za-z0-9_-]{40,}$/);
  const cookie = setCookies(r.headers).find((s) => s.startsWith('ecd_session='));
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
});

test('a wrong password and an unknown user get the same 401 message', async () => {
  const c = new Client(srv.base);
  const wrong = await c.post('/api/session', { username: 'xa.myhoa', password: 'sai-mat-khau-1' });
  const unknown = await c.post('/api/session', { username: 'khong.co', password: 'matkhau-demo' });
  assert.equal(wrong.status, 401);
  assert.equal(unknown.status, 401);
  assert.equal(wrong.json.error, unknown.json.error);
  assert.match(wrong.json.error, /mật khẩu không đúng/);
});

test('the form definition lists the sections, the elements and the checks', async () => {
  const c = new Client(srv.base);
  await c.login('xa.myhoa');
  const r = await c.get('/api/forms/ecd-appendix');
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.sections.map((s) => s.numeral), ['I', 'II', 'III', 'IV']);
  assert.deepEqual(r.json.header.map((e) => e.code), ['narrative', 'budget_vnd']);
  const all = r.json.sections.flatMap((s) => s.elements);
  const vacc = all.find((e) => e.code === 'vaccinated_under6');
  assert.equal(vacc.denominator, 'children_under6');
  assert.equal(vacc.kind, 'count');
  assert.equal(vacc.label, 'Số trẻ em dưới 6 tuổi được tiêm chủng đủ các loại vacxin theo chương trình tiêm chủng mở rộng');
  assert.equal(all.find((e) => e.code === 'radio_commune').kind, 'yesno');
  assert.equal(all.find((e) => e.code === 'radio_district_times').scope, 'district');
  assert.ok(r.json.checks.some((k) => k.kind === 'sum_le' && k.target === 'children_0_8'));
  assert.equal((await c.get('/api/forms/khong-co')).status, 404);
});

test('a commune reads its own unit, and nothing else', async () => {
  const c = new Client(srv.base);
  await c.login('xa.myhoa');
  const r = await c.get('/api/units/30052');
  assert.equal(r.status, 200);
  assert.equal(r.json.name, 'Xã Mỹ Hòa');
  assert.equal(r.json.level, 'commune');
  assert.equal(r.json.parent, '872');
  assert.equal((await c.get('/api/units/872')).status, 403);
  assert.equal((await c.get('/api/units/30055')).status, 403);
  assert.equal((await c.get('/api/units/99999')).status, 404);
});

test('district staff read their district with its 13 communes', async () => {
  const c = new Client(srv.base);
  await c.login('huyen.thapmuoi');
  const r = await c.get('/api/units/872');
  assert.equal(r.status, 200);
  assert.equal(r.json.level, 'district');
  assert.equal(r.json.children.length, 13);
  assert.equal((await c.get('/api/units/703')).status, 403);
});

test('null clears a value; a subset of values leaves the others alone', async () => {
  const c = new Client(srv.base);
  await c.login('xa.myhoa');
  const r0 = await c.get('/api/reports/30052/2024');
  assert.equal(r0.json.status, 'draft');
  const r1 = await c.put('/api/reports/30052/2024', { values: { posters: 7, budget_vnd: null }, version: r0.json.version });
  assert.equal(r1.status, 200);
  assert.equal(r1.json.values.posters, 7);
  assert.equal('budget_vnd' in r1.json.values, false);
  assert.equal(r1.json.values.children_0_8, r0.json.values.children_0_8);
});

test('save a draft, submit it, and it is read-only afterwards', async () => {
  const c = new Client(srv.base);
  await c.login('xa.myhoa');
  const before = await c.get('/api/reports/30052/2024');
  assert.equal(before.status, 200);
  assert.equal(before.json.status, 'draft');
  assert.equal(before.json.unit, '30052');
  assert.equal(before.json.period, '2024');

  const values = validValues(1000);
  const saved = await c.put('/api/reports/30052/2024', { values, version: before.json.version });
  assert.equal(saved.status, 200, saved.text);
  assert.equal(saved.json.version, before.json.version + 1);
  assert.equal(saved.json.values.children_0_8, 1000);
  assert.equal(saved.json.values.radio_commune, true);
  assert.equal(saved.json.values.narrative, values.narrative);
  assert.equal(saved.json.ratios.birth_registered, 995 / 1000);
  assert.equal(saved.json.ratios.vaccinated_under6, 690 / 700);
  assert.equal(saved.json.issues.filter((i) => i.severity === 'error').length, 0);

  const stale = await c.put('/api/reports/30052/2024', { values: { posters: 9 }, version: before.json.version });
  assert.equal(stale.status, 409);
  assert.match(stale.json.error, /phiên bản mới hơn/);

  const sub = await c.post('/api/reports/30052/2024/submit', { explanation: 'Số trẻ tăng do nhập cư.' });
  assert.equal(sub.status, 200, sub.text);
  assert.equal(sub.json.status, 'submitted');
  assert.equal(sub.json.explanation, 'Số trẻ tăng do nhập cư.');

  const after = await c.put('/api/reports/30052/2024', { values: { posters: 9 }, version: sub.json.version });
  assert.equal(after.status, 409);
  const again = await c.post('/api/reports/30052/2024/submit');
  assert.equal(again.status, 409);
  const read = await c.get('/api/reports/30052/2024');
  assert.equal(read.json.values.posters, 8);
});

test('an approved report cannot be changed by the commune', async () => {
  const c = new Client(srv.base);
  await c.login('xa.myhoa');
  const r0 = await c.get('/api/reports/30052/2023');
  assert.equal(r0.json.status, 'approved');
  const r1 = await c.put('/api/reports/30052/2023', { values: { posters: 1 }, version: r0.json.version });
  assert.equal(r1.status, 409);
  assert.equal((await c.get('/api/reports/30052/2023')).json.values.posters, r0.json.values.posters);
});
