// Issue 11, the data cut-off (Nghị định 09/2019/NĐ-CP, Điều 12): a period's
// cut-off dates default to the decree's rule, are set by the admin beside the
// due date, and show on the form, the print page and the downloads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client } from '../lib/server.mjs';

let srv, admin, commune, district;
before(async () => {
  srv = await startServer();
  admin = new Client(srv.base);
  await admin.loginForm('admin');
  commune = new Client(srv.base);
  await commune.loginForm('xa.myhoa');
  district = new Client(srv.base);
  await district.login('huyen.thapmuoi');
});
after(async () => { await srv.stop(); });

test('by default the decree\'s rule: 15/12 of the year before to 14/12 (a half year to 14/06)', async () => {
  const form = await commune.get('/reports/30052/2024');
  assert.match(form.text, /Số liệu tính từ ngày 15\/12\/2023 đến ngày 14\/12\/2024/);
  const print = await commune.get('/reports/30052/2024/print');
  assert.match(print.text, /Số liệu tính từ ngày 15 tháng 12 năm 2023 đến ngày 14 tháng 12 năm 2024/);
  const matrix = await district.get('/rollup/872/2024/print');
  assert.match(matrix.text, /Số liệu tính từ ngày 15 tháng 12 năm 2023 đến ngày 14 tháng 12 năm 2024/);
  assert.equal((await admin.request('POST', '/admin/periods', { form: { code: '2025S1', due: '15/06/2025' } })).status, 303);
  const page = await admin.get('/admin/periods');
  assert.match(page.text, /placeholder="15\/12\/2024"[^>]*aria-label="Chốt số liệu kỳ 2025S1 từ ngày"/);
  assert.match(page.text, /placeholder="14\/06\/2025"[^>]*aria-label="Chốt số liệu kỳ 2025S1 đến ngày"/);
});

test('the admin sets the cut-off beside the due date; the form, the print and the JSON follow', async () => {
  const set = await admin.request('POST', '/admin/periods/2024/due',
    { form: { due: '20/11/2024', cutoff_from: '01/01/2024', cutoff_to: '31/10/2024' } });
  assert.equal(set.status, 303, set.text);
  assert.match((await admin.get('/admin/periods')).text, /name="cutoff_from" value="01\/01\/2024"/);
  assert.match((await commune.get('/reports/30052/2024')).text, /Số liệu tính từ ngày 01\/01\/2024 đến ngày 31\/10\/2024/);
  assert.match((await commune.get('/reports/30052/2024/print')).text,
    /Số liệu tính từ ngày 01 tháng 01 năm 2024 đến ngày 31 tháng 10 năm 2024/);
  const json = (await district.get('/reports/872/2024/export.json')).json;
  assert.deepEqual([json.cutoff_from, json.cutoff_to], ['2024-01-01', '2024-10-31']);

  for (const bad of [{ cutoff_from: '01/01/2024', cutoff_to: '' }, { cutoff_from: '31/10/2024', cutoff_to: '01/01/2024' },
    { cutoff_from: '32/01/2024', cutoff_to: '31/10/2024' }]) {
    const r = await admin.request('POST', '/admin/periods/2024/due', { form: { due: '20/11/2024', ...bad } });
    assert.equal(r.status, 422, JSON.stringify(bad));
    assert.match(r.text, /Thời gian chốt số liệu không hợp lệ/);
  }
  // a due date alone leaves the cut-off as it is; both blank go back to the rule
  assert.equal((await admin.request('POST', '/admin/periods/2024/due', { form: { due: '21/11/2024' } })).status, 303);
  assert.match((await commune.get('/reports/30052/2024')).text, /từ ngày 01\/01\/2024/);
  assert.equal((await admin.request('POST', '/admin/periods/2024/due', { form: { due: '21/11/2024', cutoff_from: '', cutoff_to: '' } })).status, 303);
  assert.match((await commune.get('/reports/30052/2024')).text, /từ ngày 15\/12\/2023 đến ngày 14\/12\/2024/);
  assert.match((await admin.get('/admin/log')).text, /chốt số liệu 01\/01\/2024 – 31\/10\/2024/);
});
