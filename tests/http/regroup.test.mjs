// A 2024 table regrouped by the new communes: both national lists and the
// merges in one database, 2024 reports on a few Tháp Mười and Tây Ninh
// communes (written with the sqlite3 tool, in every status), and every
// figure of /api/rollup/{unit}/2024/regrouped and of the HTML table checked
// against a computation made here from the CSV files and the raw values, not
// from the database's unit tree or unit_succession.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Client } from '../lib/server.mjs';
import { startTwoTreeServer, sql, csvRows, unitRows, THREE_TIER, TWO_TIER, MERGES, ADMIN_PASSWORD as PW } from '../lib/data.mjs';
import { sql as sqlRows, sqlExec } from '../lib/rollup.mjs';
import { validValues } from '../lib/values.mjs';

let srv, elements, columns;

const oldCommunes = unitRows(THREE_TIER);
const newCommunes = unitRows(TWO_TIER);
// A commune of Tỉnh Đồng Tháp outside Huyện Tháp Mười: no merge record.
const kept = oldCommunes.find((c) => c['Mã TP'] === '87' && c['Mã QH'] !== '872');
// Another one, which the test merges into Xã Tháp Mười (a new commune that
// gathers communes of two old districts).
const across = oldCommunes.find((c) => c['Mã TP'] === '87' && c['Mã QH'] !== '872' && c !== kept);
const merges = [...csvRows(MERGES), { ma_xa_cu: across['Mã PX'], ma_xa_moi: '30037' }];

// The 2024 reports: [code, status, total children 0-8, radio yes/no].
const REPORTS = [
  ['30037', 'submitted', 1500, true],
  ['30052', 'approved', 1200, false],
  ['30064', 'draft', 900, true],
  ['30055', 'approved', 800, true],
  ['30058', 'submitted', 650, false],
  ['30070', 'returned', 500, true],
  ['30040', 'approved', 700, true],
  ['30043', 'submitted', 1000, false],
  [kept['Mã PX'], 'approved', 2000, true],
  [across['Mã PX'], 'approved', 300, false],
  ['25456', 'approved', 3000, true],
  ['25459', 'submitted', 1100, false],
  ['25471', 'draft', 400, true],
];

// The values of one report: validValues with a per-commune twist.
function valuesOf(code, total, radio) {
  const v = validValues(total);
  delete v.narrative;
  const k = Number(code) % 97;
  return { ...v, radio_commune: radio, posters: 3 + (k % 7), budget_vnd: 1000000 * k + 7,
    vaccinated_under6: v.vaccinated_under6 - (k % 11), families_trained: 200 + k };
}

before(async () => {
  let admin;
  ({ srv, admin } = await startTwoTreeServer());
  for (const [username, role, unit, unit_date] of [
    ['tinh.dongthap.cu', 'province', '87', '31/12/2024'],
    ['huyen.thapmuoi', 'district', '872', '31/12/2024'],
    ['tp.tayninh', 'district', '703', '31/12/2024'],
    ['xa.myhoa', 'commune', '30052', '31/12/2024'],
    ['tinh.dongthap', 'province', '82', '01/01/2026'],
  ]) {
    const r = await admin.request('POST', '/admin/users', { form: { username, role, unit, unit_date, password: PW } });
    assert.equal(r.status, 303, `${username}: ${r.text}`);
  }
  elements = sqlRows(srv.db, `SELECT code, kind, denominator_code, parent_code, supporting, scope
    FROM form_element ORDER BY position`);
  columns = elements.filter((e) => e.kind !== 'text' && !e.supporting && !e.parent_code && e.scope === 'commune');
  let script = 'BEGIN;\n';
  for (const [code, status, total, radio] of REPORTS) {
    const sent = status === 'submitted' || status === 'approved' ? "'2024-11-10T02:00:00Z'" : 'NULL';
    script += `INSERT INTO report (unit_id, period_id, status, updated_at, submitted_at)
      SELECT u.id, p.id, '${status}', '2024-11-10T02:00:00Z', ${sent} FROM unit u, period p
      WHERE u.code = '${code}' AND u.level = 'commune' AND u.valid_from IS NULL AND p.code = '2024';\n`;
    for (const [el, v] of Object.entries(valuesOf(code, total, radio))) {
      const num = v === true ? 1 : v === false ? 0 : v;
      script += `INSERT INTO report_value (report_id, element_id, raw, num)
        SELECT r.id, e.id, '${num}', ${num} FROM report r JOIN unit u ON u.id = r.unit_id
        JOIN form_element e ON e.code = '${el}'
        WHERE u.code = '${code}' AND u.valid_from IS NULL AND u.level = 'commune';\n`;
    }
  }
  script += `INSERT INTO unit_succession (old_unit_id, new_unit_id, basis) SELECT o.id, n.id, 'thử'
    FROM unit o, unit n WHERE o.code = '${across['Mã PX']}' AND o.valid_from IS NULL AND o.level = 'commune'
    AND n.code = '30037' AND n.valid_from = '2025-07-01';\n`;
  sqlExec(srv.db, `${script}COMMIT;`);
  assert.equal(sql(srv.db, 'SELECT COUNT(*) FROM unit_succession'), String(merges.length), 'every line of the merges file, and one more');
  assert.equal(sql(srv.db, 'SELECT COUNT(*) FROM report'), String(REPORTS.length));
});
after(async () => { await srv.stop(); });

// The expected regrouped table of the old communes matching inUnit: groups
// keyed "new:CODE" or "kept:CODE", each {code, name, kept, predecessors,
// included, expected, values, ratios}.
function expected(inUnit, onlyApproved) {
  const into = new Map(merges.map((m) => [m.ma_xa_cu, m.ma_xa_moi]));
  const reports = new Map(REPORTS.map(([code, status, total, radio]) => [code, { status, values: valuesOf(code, total, radio) }]));
  const counts = (s) => s === 'approved' || (s === 'submitted' && !onlyApproved);
  const groups = new Map();
  for (const c of oldCommunes.filter(inUnit)) {
    const code = c['Mã PX'], next = into.get(code);
    const key = next ? `new:${next}` : `kept:${code}`;
    if (!groups.has(key)) {
      const name = next ? newCommunes.find((n) => n['Mã PX'] === next)['Phường Xã'] : c['Phường Xã'];
      groups.set(key, { code: next || code, name, kept: !next, predecessors: [], sums: new Map() });
    }
    const g = groups.get(key), r = reports.get(code);
    const status = r ? r.status : 'empty';
    g.predecessors.push({ code, name: c['Phường Xã'], status, counted: counts(status) });
    if (!r || !counts(status)) continue;
    for (const [el, v] of Object.entries(r.values)) g.sums.set(el, (g.sums.get(el) || 0) + (v === true ? 1 : v === false ? 0 : v));
  }
  for (const g of groups.values()) {
    g.predecessors.sort((a, b) => a.code.localeCompare(b.code));
    g.expected = g.predecessors.length;
    g.outside = g.kept ? 0 : merges.filter((m) => m.ma_xa_moi === g.code && !g.predecessors.some((p) => p.code === m.ma_xa_cu)).length;
    g.included = g.predecessors.filter((p) => p.counted).length;
    g.values = Object.fromEntries(elements.filter((e) => e.kind !== 'text' && g.sums.has(e.code)).map((e) => [e.code, g.sums.get(e.code)]));
    g.ratios = {};
    g.num = {};
    for (const e of elements) {
      if (e.kind === 'yesno') g.num[e.code] = [g.sums.get(e.code) || 0, g.expected];
      else if (e.denominator_code && e.kind !== 'text') g.num[e.code] = g.sums.has(e.code) && g.sums.has(e.denominator_code) ? [g.sums.get(e.code), g.sums.get(e.denominator_code)] : null;
      else continue;
      const nd = g.num[e.code];
      g.ratios[e.code] = nd && nd[1] > 0 ? nd[0] / nd[1] : null;
    }
  }
  return groups;
}

// Compares an API answer with the expected groups.
function assertGroups(answer, want) {
  const got = new Map(answer.groups.map((g) => [`${g.kept ? 'kept' : 'new'}:${g.code}`, g]));
  assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort());
  const codes = answer.groups.map((g) => g.code);
  assert.deepEqual(codes, [...codes].sort(), 'groups by code');
  for (const [key, w] of want) {
    const g = got.get(key);
    assert.equal(g.name, w.name, key);
    assert.deepEqual(g.predecessors, w.predecessors, key);
    assert.equal(g.included, w.included, key);
    assert.equal(g.expected, w.expected, key);
    assert.equal(g.outside, w.outside, key);
    assert.deepEqual(g.values, w.values, key);
    assert.deepEqual(g.ratios, w.ratios, key);
  }
}

const province87 = (c) => c['Mã TP'] === '87';

test('a province regrouped by the new communes: every figure, both switches', async () => {
  const c = new Client(srv.base);
  await c.login('tinh.dongthap.cu', PW);
  for (const only of [false, true]) {
    const r = await c.get(`/api/rollup/87/2024/regrouped${only ? '?only=approved' : ''}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.unit, '87');
    assert.equal(r.json.period, '2024');
    assert.equal(r.json.only_approved, only);
    const want = expected(province87, only);
    assertGroups(r.json, want);
    // Regrouping moves figures between rows, never loses or adds any: the
    // groups add up to the province's own table.
    const table = (await c.get(`/api/rollup/87/2024${only ? '?only=approved' : ''}`)).json;
    for (const e of columns) {
      const total = r.json.groups.reduce((s, g) => s + (g.values[e.code] || 0), 0);
      assert.equal(total, table.rows.find((x) => x.code === e.code).value ?? 0, e.code);
    }
  }
  const r = (await c.get('/api/rollup/87/2024/regrouped')).json;
  const thapMuoi = r.groups.find((g) => g.code === '30037' && !g.kept);
  assert.equal(thapMuoi.name, 'Xã Tháp Mười');
  assert.deepEqual(new Set(thapMuoi.predecessors.map((p) => p.name)), new Set(['Thị trấn Mỹ An', 'Xã Mỹ Hòa', 'Xã Mỹ An', across['Phường Xã']]));
  assert.equal(thapMuoi.included, 3, 'Xã Mỹ An is a draft');
  assert.equal(thapMuoi.outside, 0);
  assert.equal(thapMuoi.values.children_0_8, 3000);
  assert.equal(thapMuoi.values.radio_commune, 1);
  assert.equal(thapMuoi.ratios.radio_commune, 1 / 4, 'yes/no over every predecessor');
});

test('a commune without a merge record stays as itself', async () => {
  const c = new Client(srv.base);
  await c.login('tinh.dongthap.cu', PW);
  const r = (await c.get('/api/rollup/87/2024/regrouped')).json;
  const g = r.groups.find((x) => x.code === kept['Mã PX']);
  assert.equal(g.kept, true);
  assert.equal(g.name, kept['Phường Xã']);
  assert.deepEqual(g.predecessors, [{ code: kept['Mã PX'], name: kept['Phường Xã'], status: 'approved', counted: true }]);
  const own = valuesOf(kept['Mã PX'], 2000, true);
  assert.equal(g.values.children_0_8, own.children_0_8);
  assert.equal(g.values.budget_vnd, own.budget_vnd);
  assert.equal(r.groups.filter((x) => x.kept).length, oldCommunes.filter((x) => province87(x) && x['Mã QH'] !== '872' && x !== across).length);
  const page = await c.get('/rollup/87/2024/regrouped');
  assert.match(page.text, /giữ nguyên như cũ/);
  const row = page.text.match(new RegExp(`<tr id="g_${kept['Mã PX']}_cu">[\\s\\S]*?</tr>`))[0];
  assert.match(row, /giữ nguyên/);
});

// "1.234" and "20,43%" as the page writes them.
const fmtCount = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
function fmtRatio(num, den) {
  if (den <= 0) return '—';
  const h = Math.floor((num * 20000 + den) / (2 * den));
  return `${fmtCount(Math.floor(h / 100))},${String(h % 100).padStart(2, '0')}%`;
}

test('the HTML table: names, what each new commune gathers, counts and ratios', async () => {
  const c = new Client(srv.base);
  await c.login('tinh.dongthap.cu', PW);
  const page = await c.get('/rollup/87/2024/regrouped');
  assert.equal(page.status, 200);
  assert.match(page.text, /được cộng theo xã mới/);
  assert.match(page.text, /tỷ lệ được tính lại từ tổng tử số và tổng mẫu số/);
  const want = expected(province87, false);
  for (const code of ['30037', '30055', '30043', '30046']) {
    const w = want.get(`new:${code}`);
    const row = page.text.match(new RegExp(`<tr id="g_${code}">[\\s\\S]*?</tr>`))[0];
    assert.ok(row.includes(`gồm: ${w.predecessors.map((p) => p.name).join(', ')}`), row);
    assert.ok(row.includes(`Đã tổng hợp ${w.included}/${w.expected} xã`), row);
    const cells = [...row.matchAll(/<td>([^<]*)(?:<br><span class="muted">([^<]*)<\/span>)?<\/td>/g)].map((m) => [m[1], m[2]]);
    assert.equal(cells.length, columns.length);
    columns.forEach((e, i) => {
      const shown = w.included > 0 && (e.code in w.values || e.kind === 'yesno');
      assert.equal(cells[i][0], shown ? fmtCount(w.values[e.code] ?? 0) : '', `${code} ${e.code}`);
      const nd = w.num[e.code];
      const ratio = !shown || nd === undefined ? undefined : nd ? fmtRatio(nd[0], nd[1]) : '—';
      assert.equal(cells[i][1], ratio, `${code} ${e.code} ratio`);
    });
  }
  assert.match(page.text, /chưa tổng hợp: Xã Mỹ An \(nháp\)/);
  assert.match(page.text, /<td>3\.000<\/td>/, 'Xã Tháp Mười: 1.500 + 1.200 + 300 children');
});

test('a district regrouped: its own communes only', async () => {
  const d = new Client(srv.base);
  await d.login('huyen.thapmuoi', PW);
  const r = await d.get('/api/rollup/872/2024/regrouped');
  assert.equal(r.status, 200, r.text);
  assertGroups(r.json, expected((c) => c['Mã QH'] === '872', false));
  assert.equal(r.json.groups.length, 6);
  assert.ok(r.json.groups.every((g) => !g.kept));
  const thapMuoi = r.json.groups.find((g) => g.code === '30037');
  assert.equal(thapMuoi.outside, 1, 'one predecessor lies in another district');
  assert.equal(thapMuoi.values.children_0_8, 2700, 'and its report is not in the district table');
  const page = (await d.get('/rollup/872/2024/regrouped')).text;
  assert.match(page, /gồm: Thị trấn Mỹ An, Xã Mỹ Hòa, Xã Mỹ An<\/span> <span class="muted">\(và 1 xã cũ thuộc đơn vị khác, không tính trong bảng này\)/);
  const t = new Client(srv.base);
  await t.login('tp.tayninh', PW);
  const tn = await t.get('/api/rollup/703/2024/regrouped?only=approved');
  assert.equal(tn.status, 200, tn.text);
  assertGroups(tn.json, expected((c) => c['Mã QH'] === '703', true));
});

test('who may see it: staff of the unit or above; communes and other districts 403', async () => {
  const anon = new Client(srv.base);
  assert.equal((await anon.get('/api/rollup/87/2024/regrouped')).status, 401);
  const x = new Client(srv.base);
  await x.login('xa.myhoa', PW);
  for (const path of ['/api/rollup/872/2024/regrouped', '/rollup/872/2024/regrouped', '/api/rollup/30052/2024/regrouped']) {
    assert.equal((await x.get(path)).status, 403, path);
  }
  const t = new Client(srv.base);
  await t.login('tp.tayninh', PW);
  for (const path of ['/api/rollup/872/2024/regrouped', '/api/rollup/87/2024/regrouped', '/rollup/872/2024/regrouped']) {
    assert.equal((await t.get(path)).status, 403, path);
  }
  const d = new Client(srv.base);
  await d.login('huyen.thapmuoi', PW);
  assert.equal((await d.get('/api/rollup/87/2024/regrouped')).status, 403, 'a district does not see its province');
  assert.equal((await d.get('/rollup/872/2024/regrouped')).status, 200);
  assert.equal((await d.get('/api/rollup/872/2099/regrouped')).status, 404);
});

test('the staff home links to it when the period has successors', async () => {
  const p = new Client(srv.base);
  await p.login('tinh.dongthap.cu', PW);
  const home = await p.get('/?period=2024');
  assert.match(home.text, /href="\/rollup\/87\/2024\/regrouped"/);
  const d = new Client(srv.base);
  await d.login('huyen.thapmuoi', PW);
  assert.match((await d.get('/?period=2024')).text, /href="\/rollup\/872\/2024\/regrouped"/);
  const n = new Client(srv.base);
  await n.login('tinh.dongthap', PW);
  const home26 = await n.get('/?period=2026');
  assert.equal(home26.status, 200);
  assert.doesNotMatch(home26.text, /regrouped/, 'the new communes of 2026 have no successors');
  const r = await n.get('/api/rollup/82/2026/regrouped');
  assert.equal(r.status, 200);
  assert.ok(r.json.groups.length > 0 && r.json.groups.every((g) => g.kept && g.predecessors.length === 1));
});
