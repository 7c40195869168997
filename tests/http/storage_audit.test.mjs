// Disk growth by one user (issue 13 point 11): the audit keeps a long text
// once per save (its old value chained to the row before, not copied), the
// history still shows old → new, and one account cannot write without limit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, Client, ecd, PASSWORD } from '../lib/server.mjs';

const PATH = '/api/reports/30052/2024';
const text = (i) => `Lần ${i}. ` + 'Xã đã tổ chức truyền thông và tập huấn cho cha mẹ về chăm sóc trẻ em. '.repeat(280).slice(0, 19990);
const sql = (db, q) => execFileSync('sqlite3', [db, q], { encoding: 'utf8' }).trim();

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

test('a long narrative saved many times is stored once per save, and the history shows old → new', async () => {
  const c = new Client(srv.base);
  await c.login('xa.myhoa');
  let version = (await c.get(PATH)).json.version;
  const saves = 12;
  for (let i = 0; i < saves; i++) {
    const r = await c.put(PATH, { values: { narrative: text(i) }, version });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.values.narrative, text(i));
    version = r.json.version;
  }
  const bytes = Buffer.byteLength(text(0));
  const stored = Number(sql(srv.db, `SELECT SUM(COALESCE(length(CAST(old_raw AS BLOB)), 0) + COALESCE(length(CAST(new_raw AS BLOB)), 0))
    FROM value_audit a JOIN form_element e ON e.id = a.element_id AND e.code = 'narrative'`));
  console.log(`audit bytes per save of a ${bytes}-byte text: ${Math.round(stored / saves)}`);
  assert.ok(stored <= saves * bytes * 1.2, `the audit copies old texts: ${stored} bytes for ${saves} saves of ${bytes}`);
  // read through the view, every row's old value is the previous row's new one
  const rows = JSON.parse(sql(srv.db, `SELECT json_group_array(json_array(old_raw, new_raw)) FROM (SELECT a.old_raw, a.new_raw
    FROM value_audit_full a JOIN form_element e ON e.id = a.element_id AND e.code = 'narrative' ORDER BY a.id)`));
  const mine = rows.slice(-saves);
  for (let i = 1; i < saves; i++) {
    assert.equal(mine[i][0], text(i - 1));
    assert.equal(mine[i][1], text(i));
  }
  const staff = new Client(srv.base);
  await staff.login('xa.myhoa');
  const page = await staff.get('/reports/30052/2024/history');
  assert.equal(page.status, 200);
  assert.ok(page.text.includes(`Lần ${saves - 2}.`) && page.text.includes(`Lần ${saves - 1}.`));
});

test('one account writing without pause is slowed (429, Retry-After), others are not', async () => {
  const c = new Client(srv.base);
  await c.login('xa.myhoa');
  let version = (await c.get(PATH)).json.version, limited = null, saves = 0;
  for (let i = 0; i < 400 && !limited; i++) {
    const r = await c.put(PATH, { values: { narrative: text(1000 + i) }, version });
    if (r.status === 200) { version = r.json.version; saves++; } else limited = r;
  }
  console.log(`saves of a 20,000-character text before the limit: ${saves}`);
  assert.ok(limited, 'never limited');
  assert.equal(limited.status, 429, limited.text);
  assert.match(limited.headers.get('retry-after') || '', /^[1-9]\d*$/);
  assert.match(limited.json.error, /quá nhiều/);
  // the form keeps the typed values and says the same
  const page = await c.get('/reports/30052/2024');
  const form = await c.postReport('/reports/30052/2024', { v_posters: '77' });
  assert.equal(form.status, 429);
  assert.match(form.text, /quá nhiều/);
  assert.match(form.text, /name="v_posters" value="77"/);
  assert.ok(page.status === 200);
  // another commune's officer saves as usual
  ecd(srv.db, ['user', 'add', '--username', 'xa.myquy', '--role', 'commune', '--unit', '30055', '--unit-date', '2024-12-31'], `${PASSWORD}\n`);
  const other = new Client(srv.base);
  await other.login('xa.myquy');
  const cur = (await other.get('/api/reports/30055/2024')).json;
  const r = await other.put('/api/reports/30055/2024', { values: { posters: 9 }, version: cur.version });
  assert.notEqual(r.status, 429, r.text);
  if (['draft', 'empty', 'returned'].includes(cur.status)) assert.equal(r.status, 200, r.text);
});
