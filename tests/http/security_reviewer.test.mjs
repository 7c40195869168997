// Finding 1 of issue 9: a report's reviewer is its unit's parent in the tree
// of the report's period, nobody else. Province staff read their communes'
// reports (and see who reviewed them) but approve, return and reopen only
// what sits directly below the province: districts in a three-tier year,
// communes in a two-tier one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, ecd, PASSWORD } from '../lib/server.mjs';
import { sqlExec, REBUILD_TREE } from '../lib/rollup.mjs';

let srv;

// A two-tier province (communes straight below it) with one submitted and
// one approved report, and its staff account.
const TWO_TIER = `
INSERT INTO unit (code, name, kind, level, parent_id) VALUES ('97', 'Tỉnh Hai Tầng', 'Tỉnh', 'province', NULL);
INSERT INTO unit (code, name, kind, level, parent_id) VALUES
  ('97001', 'Xã Hai Tầng Một', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '97')),
  ('97002', 'Xã Hai Tầng Hai', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '97'));
${REBUILD_TREE}
INSERT INTO report (unit_id, period_id, status, version, updated_at, submitted_at, approved_at)
  SELECT u.id, p.id, CASE u.code WHEN '97001' THEN 'submitted' ELSE 'approved' END, 1,
         '2024-11-01T00:00:00Z', '2024-11-01T00:00:00Z',
         CASE u.code WHEN '97002' THEN '2024-11-02T00:00:00Z' END
  FROM unit u, period p WHERE u.code IN ('97001', '97002') AND p.code = '2024';
`;

before(async () => {
  srv = await startServer();
  sqlExec(srv.db, TWO_TIER);
  ecd(srv.db, ['user', 'add', '--username', 'tinh.haitang', '--role', 'province', '--unit', '97'], `${PASSWORD}\n`);
});
after(async () => { await srv.stop(); });

async function as(username) {
  const c = new Client(srv.base);
  await c.loginForm(username);
  return c;
}

const steps = { approve: {}, return: { reason: 'Thiếu số liệu.' }, reopen: { reason: 'Sửa lại.' } };

test('province staff cannot approve, return or reopen a commune report of a three-tier year (API and form)', async () => {
  const tinh = await as('tinh.dongthap');
  // 30049 is submitted, 30037 approved: the province's steps are all refused.
  for (const [step, body] of Object.entries(steps)) {
    const unit = step === 'reopen' ? '30037' : '30049';
    const r = await tinh.post(`/api/reports/${unit}/2024/${step}`, body);
    assert.equal(r.status, 403, `${step} ${unit}: ${r.text}`);
    const f = await tinh.request('POST', `/reports/${unit}/2024/review`, { form: { csrf: tinh.csrf, action: step, reason: 'x' }, csrf: false });
    assert.equal(f.status, 403, `form ${step} ${unit}`);
  }
  assert.equal((await tinh.get('/api/reports/30049/2024')).json.status, 'submitted', 'nothing changed');
  assert.equal((await tinh.get('/api/reports/30037/2024')).json.status, 'approved', 'nothing changed');
  // It still reads the report, without the review block.
  const page = await tinh.get('/reports/30049/2024');
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /\/reports\/30049\/2024\/review/);
  // The grid of the district's communes offers the province no review either.
  const grid = await tinh.get('/?unit=872&period=2024');
  assert.equal(grid.status, 200);
  assert.doesNotMatch(grid.text, /#review"/);
  const huyen = await as('huyen.thapmuoi');
  assert.match((await huyen.get('/?period=2024')).text, /href="\/reports\/30049\/2024#review"/);
});

test('the district, the commune\'s parent, reviews it; the province sees who did', async () => {
  const huyen = await as('huyen.thapmuoi');
  const page = await huyen.get('/reports/30049/2024');
  assert.match(page.text, /action="\/reports\/30049\/2024\/review"/, 'the review block is offered to the parent');
  const r = await huyen.post('/api/reports/30049/2024/approve', {});
  assert.equal(r.status, 200, r.text);
  const tinh = await as('tinh.dongthap');
  const history = await tinh.get('/reports/30049/2024/history');
  assert.equal(history.status, 200);
  assert.match(history.text, /Duyệt/);
  assert.match(history.text, /Trần Văn Minh/, 'the reviewer is named');
});

test('the province reviews its districts\' own reports (its children)', async () => {
  const huyen = await as('huyen.thapmuoi');
  let r = await huyen.get('/api/reports/872/2024');
  r = await huyen.put('/api/reports/872/2024', { values: { radio_district_times: 3 }, version: r.json.version });
  assert.equal(r.status, 200, r.text);
  assert.equal((await huyen.post('/api/reports/872/2024/submit')).status, 200);
  assert.equal((await huyen.post('/api/reports/872/2024/approve', {})).status, 403, 'not its own');
  const tinh = await as('tinh.dongthap');
  const page = await tinh.get('/reports/872/2024');
  assert.match(page.text, /action="\/reports\/872\/2024\/review"/);
  assert.equal((await tinh.post('/api/reports/872/2024/approve', {})).status, 200);
});

test('in a two-tier tree the province is the commune\'s parent and reviews it', async () => {
  const tinh = await as('tinh.haitang');
  assert.equal((await tinh.post('/api/reports/97001/2024/return', { reason: 'Bổ sung.' })).status, 200);
  assert.equal((await tinh.post('/api/reports/97002/2024/reopen', { reason: 'Sửa.' })).status, 200);
  // Neither the three-tier province nor another district reviews there.
  const other = await as('tinh.dongthap');
  assert.equal((await other.post('/api/reports/97001/2024/approve', {})).status, 403);
});
