// A locked period takes no more edits, except a report that staff send back
// (return or reopen, always with a reason).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, ecd } from '../lib/server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

test('after the lock a draft is closed, and a report staff reopen can be fixed', async () => {
  ecd(srv.db, ['user', 'add', '--username', 'xa.thanhloi', '--role', 'commune', '--unit', '30040'], 'matkhau-thanh-loi\n');
  const admin = new Client(srv.base);
  await admin.loginForm('admin');
  const lock = await admin.request('POST', '/admin/periods/2024/lock', { form: { csrf: admin.csrf, lock: '1', confirm: '1' }, csrf: false });
  assert.equal(lock.status, 303);

  const myhoa = new Client(srv.base);
  await myhoa.login('xa.myhoa');
  const draft = (await myhoa.get('/api/reports/30052/2024')).json;
  assert.equal(draft.status, 'draft');
  const refused = await myhoa.put('/api/reports/30052/2024', { values: { posters: 3 }, version: draft.version });
  assert.equal(refused.status, 409);
  assert.match(refused.json.error, /khóa/);

  // Xã Thạnh Lợi's 2024 report is approved; the district reopens it after the lock
  const district = new Client(srv.base);
  await district.login('huyen.thapmuoi');
  const approved = (await district.get('/api/reports/30040/2024')).json;
  assert.equal(approved.status, 'approved');
  const reopened = await district.post('/api/reports/30040/2024/reopen', { reason: 'Sai số trẻ em từ 6-8 tuổi.' });
  assert.equal(reopened.status, 200, reopened.text);

  const thanhloi = new Client(srv.base);
  await thanhloi.login('xa.thanhloi', 'matkhau-thanh-loi');
  const now = (await thanhloi.get('/api/reports/30040/2024')).json;
  assert.equal(now.status, 'returned');
  assert.equal(now.return_reason, 'Sai số trẻ em từ 6-8 tuổi.');
  const fixed = await thanhloi.put('/api/reports/30040/2024', { values: { posters: 4 }, version: now.version });
  assert.equal(fixed.status, 200, fixed.text);
  const sent = await thanhloi.post('/api/reports/30040/2024/submit');
  assert.equal(sent.status, 200, sent.text);
  assert.equal(sent.json.status, 'submitted');
  const after = await thanhloi.put('/api/reports/30040/2024', { values: { posters: 5 }, version: sent.json.version });
  assert.equal(after.status, 409);
});
