// Access is enforced on the server, per route and per unit: a commune sees
// only itself; staff see their subtree; an admin reads no report.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client } from '../lib/server.mjs';

let srv, communes;
before(async () => {
  srv = await startServer();
  const staff = new Client(srv.base);
  await staff.login('tinh.dongthap');
  communes = [];
  for (const province of ['87']) {
    for (const d of (await staff.get(`/api/units/${province}`)).json.children)
      for (const c of (await staff.get(`/api/units/${d.code}`)).json.children) communes.push(c.code);
  }
});
after(async () => { await srv.stop(); });

// Every unit of the demo: 3 provinces, 3 districts, 36 communes.
const OTHER_PROVINCES = ['12', '72'], OTHER_DISTRICTS = ['106', '703'];
const OTHER_COMMUNES = ['03390', '03394', '03400', '03405', '03406', '03412', '03413', '03415', '03418', '03421', '03424', '03427', '03430',
  '25456', '25459', '25462', '25465', '25468', '25471', '25474', '25477', '25480', '25483'];

// The status of every report route of unit/period for client c.
async function reportRoutes(c, unit, period = '2024') {
  return {
    pageGet: (await c.get(`/reports/${unit}/${period}`)).status,
    pagePost: (await c.request('POST', `/reports/${unit}/${period}`, { form: { csrf: c.csrf, version: '1', v_posters: '1', action: 'save' }, csrf: false })).status,
    apiGet: (await c.get(`/api/reports/${unit}/${period}`)).status,
    apiPut: (await c.put(`/api/reports/${unit}/${period}`, { values: { posters: 1 }, version: 1 })).status,
    apiSubmit: (await c.post(`/api/reports/${unit}/${period}/submit`)).status,
    unit: (await c.get(`/api/units/${unit}`)).status,
  };
}

test('a commune officer gets 403 on every route of every other commune', async () => {
  const c = new Client(srv.base);
  await c.loginForm('xa.myhoa');
  const others = [...communes.filter((x) => x !== '30052'), ...OTHER_COMMUNES];
  assert.equal(others.length, 35);
  for (const unit of others) {
    for (const period of ['2023', '2024']) {
      const got = await reportRoutes(c, unit, period);
      assert.deepEqual(got, { pageGet: 403, pagePost: 403, apiGet: 403, apiPut: 403, apiSubmit: 403, unit: 403 }, `${unit}/${period}`);
    }
  }
});

test('a commune officer gets 403 on its district and province too', async () => {
  const c = new Client(srv.base);
  await c.loginForm('xa.myhoa');
  for (const unit of ['872', '87', ...OTHER_DISTRICTS, ...OTHER_PROVINCES]) {
    const got = await reportRoutes(c, unit);
    assert.equal(got.pageGet, 403, unit);
    assert.equal(got.apiGet, 403, unit);
    assert.equal(got.apiPut, 403, unit);
    assert.equal(got.unit, 403, unit);
  }
});

test('district staff read their communes but write nothing of theirs, and see nothing outside', async () => {
  const c = new Client(srv.base);
  await c.loginForm('huyen.thapmuoi');
  for (const unit of communes) {
    const got = await reportRoutes(c, unit);
    assert.equal(got.pageGet, 200, unit);
    assert.equal(got.apiGet, 200, unit);
    assert.equal(got.pagePost, 403, unit);
    assert.equal(got.apiPut, 403, unit);
    assert.equal(got.apiSubmit, 403, unit);
  }
  for (const unit of OTHER_COMMUNES) {
    const got = await reportRoutes(c, unit);
    assert.equal(got.pageGet, 403, unit);
    assert.equal(got.apiGet, 403, unit);
  }
});

test('province staff read their province only', async () => {
  const c = new Client(srv.base);
  await c.login('tinh.dongthap');
  assert.equal((await c.get('/api/reports/30052/2024')).status, 200);
  assert.equal((await c.get('/api/reports/25456/2024')).status, 403);
  assert.equal((await c.get('/api/reports/03390/2024')).status, 403);
  assert.equal((await c.get('/api/units/72')).status, 403);
});

test('an admin manages but reads no report', async () => {
  const c = new Client(srv.base);
  await c.login('admin');
  assert.equal((await c.get('/api/reports/30052/2024')).status, 403);
  assert.equal((await c.put('/api/reports/30052/2024', { values: {}, version: 1 })).status, 403);
  assert.equal((await c.get('/api/units/87')).status, 200);
});
