// With the national merges (init --units), a whole province's 2024 table
// regrouped by the new communes, checked against a computation made here
// from the shipped CSV files (the merges file and the three-tier list), not
// from the database's tree or unit_succession: every old commune of Tỉnh Tây
// Ninh (72: 94 communes, 11 of them split between several new communes, and
// new communes that also gather communes of Long An) lands in exactly one
// row, a split commune stays as itself, so no figure is lost or counted
// twice, and the rows add up to the province's own roll-up.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, ecd } from '../lib/server.mjs';
import { sql, csvRows, unitRows, THREE_TIER, NATIONAL_MERGES } from '../lib/data.mjs';
import { sqlExec } from '../lib/rollup.mjs';

const PROVINCE = '72';
const PW = 'mat-khau-dai-1';
let srv, staff;

const communes = unitRows(THREE_TIER).filter((c) => c['Mã TP'] === PROVINCE);
const merges = csvRows(NATIONAL_MERGES);
const ELEMENTS = ['children_0_8', 'children_under6', 'children_6_8', 'birth_registered', 'radio_commune'];

// Status and values of each commune's 2024 report (null: none).
function reportOf(code, i) {
  const status = i % 7 === 6 ? 'returned' : ['approved', 'submitted', 'draft', 'approved', null][i % 5];
  const n = Number(code);
  const total = 1000 + (n % 997), under6 = Math.floor(total * 0.7);
  return { status, values: { children_0_8: total, children_under6: under6, children_6_8: total - under6,
    birth_registered: total - (n % 13), radio_commune: n % 2 } };
}
const counted = (s) => s === 'approved' || s === 'submitted';

before(async () => {
  srv = await startServer({ demo: false });
  ecd(srv.db, ['init', '--units']);
  ecd(srv.db, ['user', 'add', '--username', 'qtv', '--role', 'admin'], `${PW}\n`);
  ecd(srv.db, ['user', 'add', '--username', 'tinh.tayninh', '--role', 'province', '--unit', PROVINCE, '--unit-date', '2024-12-31'], `${PW}\n`);
  const admin = new Client(srv.base);
  await admin.login('qtv', PW);
  assert.equal((await admin.request('POST', '/admin/periods', { form: { code: '2024', due: '2024-11-20' } })).status, 303);
  let script = 'BEGIN;\n';
  communes.forEach((c, i) => {
    const r = reportOf(c['Mã PX'], i);
    if (!r.status) return;
    const sent = counted(r.status) ? "'2024-11-10T02:00:00Z'" : 'NULL';
    script += `INSERT INTO report (unit_id, period_id, status, updated_at, submitted_at)
      SELECT u.id, p.id, '${r.status}', '2024-11-10T02:00:00Z', ${sent} FROM unit u, period p
      WHERE u.code = '${c['Mã PX']}' AND u.level = 'commune' AND u.valid_to = '2025-06-30' AND p.code = '2024';\n`;
    for (const [el, v] of Object.entries(r.values)) {
      script += `INSERT INTO report_value (report_id, element_id, raw, num)
        SELECT r.id, e.id, '${v}', ${v} FROM report r JOIN unit u ON u.id = r.unit_id JOIN form_element e ON e.code = '${el}'
        WHERE u.code = '${c['Mã PX']}' AND u.valid_to = '2025-06-30' AND u.level = 'commune';\n`;
    }
  });
  sqlExec(srv.db, `${script}COMMIT;`);
  staff = new Client(srv.base);
  await staff.login('tinh.tayninh', PW);
});
after(async () => { await srv.stop(); });

// The groups computed from the files: key "new:CODE" or "kept:CODE".
function expected() {
  const successors = new Map();
  for (const m of merges) {
    if (!successors.has(m.ma_xa_cu)) successors.set(m.ma_xa_cu, new Set());
    successors.get(m.ma_xa_cu).add(m.ma_xa_moi);
  }
  const inside = new Set(communes.map((c) => c['Mã PX']));
  const groups = new Map();
  communes.forEach((c, i) => {
    const code = c['Mã PX'], next = successors.get(code);
    const one = next && next.size === 1 ? [...next][0] : null;
    const key = one ? `new:${one}` : `kept:${code}`;
    if (!groups.has(key)) groups.set(key, { code: one || code, kept: !one, split: next && next.size > 1, preds: [], sums: Object.fromEntries(ELEMENTS.map((e) => [e, 0])), included: 0 });
    const g = groups.get(key), r = reportOf(code, i);
    g.preds.push(code);
    if (!counted(r.status)) return;
    g.included++;
    for (const e of ELEMENTS) g.sums[e] += r.values[e];
  });
  for (const g of groups.values()) {
    g.preds.sort();
    g.outside = g.kept ? 0 : merges.filter((m) => m.ma_xa_moi === g.code && !inside.has(m.ma_xa_cu)).length;
  }
  return groups;
}

test('a whole province regroups by the new communes as the merges file says; splits stay whole', async () => {
  assert.equal(communes.length, 94);
  const want = expected();
  const splits = [...want.values()].filter((g) => g.split);
  assert.equal(splits.length, 11, 'Tây Ninh has 11 split communes');
  assert.ok([...want.values()].some((g) => g.outside > 0), 'some new communes also gather Long An communes');
  const r = await staff.get(`/api/rollup/${PROVINCE}/2024/regrouped`);
  assert.equal(r.status, 200, r.text);
  const got = new Map(r.json.groups.map((g) => [`${g.kept ? 'kept' : 'new'}:${g.code}`, g]));
  assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort());
  for (const [key, w] of want) {
    const g = got.get(key);
    assert.deepEqual(g.predecessors.map((p) => p.code).sort(), w.preds, key);
    assert.equal(g.expected, w.preds.length, key);
    assert.equal(g.included, w.included, key);
    assert.equal(g.outside, w.outside, key);
    for (const e of ELEMENTS) assert.equal(g.values[e] ?? 0, w.sums[e], `${key} ${e}`);
  }
  // every old commune in exactly one row, and the rows add up to the province
  const all = r.json.groups.flatMap((g) => g.predecessors.map((p) => p.code));
  assert.equal(all.length, communes.length);
  assert.equal(new Set(all).size, communes.length);
  const rollup = await staff.get(`/api/rollup/${PROVINCE}/2024`);
  assert.equal(rollup.status, 200);
  for (const e of ELEMENTS.filter((x) => x !== 'radio_commune')) {
    const total = r.json.groups.reduce((s, g) => s + (g.values[e] ?? 0), 0);
    assert.equal(total, rollup.json.rows.find((row) => row.code === e).value, `${e}: no figure lost or counted twice`);
  }
});

test('the page says how a split commune is shown', async () => {
  const page = await staff.get(`/rollup/${PROVINCE}/2024/regrouped`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Số liệu của một xã bị chia chỉ tính một lần, ở dòng riêng/);
  const split = [...expected().values()].find((g) => g.split);
  const row = page.text.match(new RegExp(`<tr id="g_${split.code}_cu">[\\s\\S]*?</tr>`))[0];
  assert.match(row, /giữ nguyên/);
  assert.match(row, /được chia cho \d+ xã mới \(.+\): số liệu tính một lần ở dòng này/);
});
