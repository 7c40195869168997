// Issue 9: access to EVERY route of the routing table (read from
// src/routes.c), for every role and every relation between the user's unit
// and the unit of the URL (own, parent, grandparent, sibling, child, other
// province), compared with the role table of interfaces.md written below as
// data. A route added to routes.c without a row in ROUTES fails this test;
// so does a route whose flags (login, role, CSRF) or scope check let through
// what the role table does not allow, or refuse what it allows.
//
// Adding a role is one row in ROLE_TABLE (its rights and its test accounts).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { startServer, Client, ecd, ROOT, PASSWORD } from '../lib/server.mjs';

// Relations of the user's unit to the URL's unit.
const SELF = ['own'];
const SELF_OR_ABOVE = ['own', 'parent', 'grandparent', 'great-grandparent'];
const PARENT = ['parent'];
const ALL = ['own', 'parent', 'grandparent', 'great-grandparent', 'sibling', 'child', 'other'];
const NONE = [];

// interfaces.md, "Roles": what each role may do, by relation to the unit.
//   read    a unit's reports (page, print, downloads, history, API)
//   edit    save and submit a report (a commune its own; a district its own rows)
//   review  approve, return, reopen: only the parent of the report's unit
//   rollup  roll-ups, indicators, charts
//   units   /api/units/{code}
//   admin   the administration pages
// accounts: username@unit code of each test account of the role.
const ROLE_TABLE = {
  commune: { read: SELF, edit: SELF, review: NONE, rollup: NONE, units: SELF, admin: false,
    accounts: ['xa.myhoa@30052', 'xa.myquy@30055', 'xa.tayninh@25456'] },
  district: { read: SELF_OR_ABOVE, edit: SELF, review: PARENT, rollup: SELF_OR_ABOVE, units: SELF_OR_ABOVE, admin: false,
    accounts: ['huyen.thapmuoi@872', 'huyen.tayninh@703'] },
  province: { read: SELF_OR_ABOVE, edit: NONE, review: PARENT, rollup: SELF_OR_ABOVE, units: SELF_OR_ABOVE, admin: false,
    accounts: ['tinh.dongthap@87', 'tinh.tayninh@72'] },
  admin: { read: NONE, edit: NONE, review: NONE, rollup: NONE, units: ALL, admin: true, accounts: ['admin@'] },
  national: { read: SELF_OR_ABOVE, edit: NONE, review: NONE, rollup: SELF_OR_ABOVE, units: SELF_OR_ABOVE, admin: false,
    accounts: ['bo.yte@VN'] },
};

// The unit tree of the test (child: parent).
const PARENT_OF = { 30052: '872', 30055: '872', 872: '87', 25456: '703', 703: '72', 87: 'VN', 72: 'VN', VN: null };
// The units the unit-scoped routes are tried on: a commune, its district, its province.
const TARGETS = ['30052', '872', '87'];

// Every route of src/routes.c: what it does, as a category of the table above.
//   public  anyone;  any  any logged-in user;  session  ends the session;
//   comment  the report's reviewer or its own officer;  reviewer  any role that reviews
const ROUTES = {
  'GET /': 'any',
  'GET /login': 'public',
  'POST /login': 'public',
  'POST /logout': 'session',
  'GET /reports/*/*': 'read',
  'POST /reports/*/*': 'edit',
  'POST /reports/*/*/review': 'review',
  'GET /reports/*/*/history': 'read',
  'POST /reports/*/*/comments': 'comment',
  'POST /review': 'reviewer',
  'GET /rollup/*/*': 'rollup',
  'GET /rollup/*/*/print': 'rollup',
  'GET /rollup/*/*/regrouped': 'rollup',
  'GET /indicators/*/*': 'rollup',
  'GET /reports/*/*/print': 'read',
  'GET /reports/*/*/export.*': 'read',
  'GET /reports/*/*/units.csv': 'rollup',
  'GET /rollup/*/*/export.pdf': 'rollup',
  'GET /charts/*/*/completeness.svg': 'rollup',
  'GET /charts/*/*/ratio.svg': 'rollup',
  'GET /static/*': 'public',
  'GET /form-checks/*': 'any',
  'GET /account/password': 'any',
  'POST /account/password': 'any',
  'GET /admin/units': 'admin',
  'POST /admin/units/import': 'admin',
  'POST /admin/units/merges': 'admin',
  'GET /admin/units/*': 'admin',
  'POST /admin/units/*/settings': 'admin',
  'GET /admin/users': 'admin',
  'POST /admin/users': 'admin',
  'POST /admin/users/*/password': 'admin',
  'POST /admin/users/*/disable': 'admin',
  'GET /admin/periods': 'admin',
  'POST /admin/periods': 'admin',
  'POST /admin/periods/*/due': 'admin',
  'POST /admin/periods/*/lock': 'admin',
  'GET /admin/plans': 'admin',
  'POST /admin/plans': 'admin',
  'GET /admin/plans/*': 'admin',
  'POST /admin/plans/*': 'admin',
  'POST /admin/plans/*/delete': 'admin',
  'POST /admin/plans/*/targets': 'admin',
  'POST /admin/plans/*/targets/*/delete': 'admin',
  'GET /admin/log': 'admin',
  'GET /admin/users/merged': 'admin',
  'POST /admin/users/merged': 'admin',
  'GET /admin/logins': 'admin',
  'POST /api/session': 'public',
  'DELETE /api/session': 'session',
  'GET /api/forms/*': 'any',
  'GET /api/units/*': 'units',
  'GET /api/reports/*/*': 'read',
  'PUT /api/reports/*/*': 'edit',
  'POST /api/reports/*/*/submit': 'edit',
  'POST /api/reports/*/*/approve': 'review',
  'POST /api/reports/*/*/return': 'review',
  'POST /api/reports/*/*/reopen': 'review',
  'GET /api/reports/*/*/comments': 'read',
  'POST /api/reports/*/*/comments': 'comment',
  'GET /api/rollup/*/*': 'rollup',
  'GET /api/rollup/*/*/regrouped': 'rollup',
  'GET /api/indicators/*/*': 'rollup',
};
const SCOPED = new Set(['read', 'edit', 'review', 'rollup', 'units', 'comment']);

// The routes of the routing table, "METHOD pattern", in table order.
function tableRoutes() {
  const src = readFileSync(join(ROOT, 'src', 'routes.c'), 'utf8');
  const table = src.slice(src.indexOf('routes[] = {'), src.indexOf('};', src.indexOf('routes[] = {')));
  return [...table.matchAll(/\{\s*"([A-Z]+)"\s*,\s*"([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`);
}

let srv, ids = {};
const clients = new Map();
const sql = (q) => execFileSync('sqlite3', [srv.db, q], { encoding: 'utf8' }).trim();

function accounts() {
  return Object.entries(ROLE_TABLE).flatMap(([role, row]) => row.accounts.map((a) => {
    const [username, unit] = a.split('@');
    return { role, username, unit: unit || null };
  }));
}

before(async () => {
  srv = await startServer();
  for (const a of accounts()) {
    if (sql(`SELECT count(*) FROM user WHERE username = '${a.username}'`) === '0')
      ecd(srv.db, ['user', 'add', '--username', a.username, '--role', a.role, ...(a.unit ? ['--unit', a.unit] : [])], `${PASSWORD}\n`);
  }
  for (const a of accounts()) {
    const c = new Client(srv.base);
    await c.loginForm(a.username);
    clients.set(a.username, c);
  }
  ids.user = sql("SELECT id FROM user WHERE username = 'xa.tayninh'");
  ids.plan = sql('SELECT id FROM plan ORDER BY id LIMIT 1');
  ids.target = sql(`SELECT id FROM target WHERE plan_id = ${ids.plan} ORDER BY id LIMIT 1`);
});
after(async () => { await srv.stop(); });

// The relation of the user's unit to unit.
function relation(userUnit, unit) {
  if (!userUnit) return 'other';
  if (userUnit === unit) return 'own';
  const names = ['parent', 'grandparent', 'great-grandparent'];
  for (let u = PARENT_OF[unit], d = 0; u; u = PARENT_OF[u], d++) if (u === userUnit) return names[d];
  for (let u = PARENT_OF[userUnit]; u; u = PARENT_OF[u]) if (u === unit) return 'child';
  if (PARENT_OF[userUnit] && PARENT_OF[userUnit] === PARENT_OF[unit]) return 'sibling';
  return 'other';
}

// The URL of pattern for unit.
function fill(pattern, unit) {
  const args = pattern.startsWith('/admin/users/') ? [ids.user]
    : pattern.startsWith('/admin/plans/') ? [ids.plan, ids.target]
      : pattern.startsWith('/admin/periods/') ? ['2024']
        : pattern.startsWith('/admin/units/') ? [unit]
          : pattern === '/static/*' ? ['app.css']
            : pattern === '/form-checks/*' ? ['commune.js']
            : pattern === '/api/forms/*' ? ['ecd-appendix']
              : [unit, '2024'];
  let i = 0;
  return pattern.replace('export.*', 'export.csv').replace(/\*/g, () => args[i++]);
}

// One request of route for client c (null: anonymous), with harmless fields:
// a destructive admin action stops at its confirmation page. csrf false
// leaves the CSRF token out.
async function call(c, route, unit, { csrf = true } = {}) {
  const [method, pattern] = route.split(' ');
  const path = fill(pattern, unit) + (pattern.endsWith('ratio.svg') ? '?code=vaccinated_under6' : '');
  c = c || new Client(srv.base);
  if (method === 'GET') return c.get(path);
  const token = csrf ? c.csrf : undefined;
  if (path.startsWith('/api/')) {
    const body = method === 'PUT' ? { values: {}, version: 1 } : path.endsWith('/return') || path.endsWith('/reopen') ? { reason: 'Kiểm tra quyền.' } : {};
    return c.request(method, path, { json: method === 'DELETE' ? undefined : body, csrf });
  }
  const form = { ...(token ? { csrf: token } : {}) };
  if (pattern === '/reports/*/*') Object.assign(form, { version: '0', action: 'save' });
  if (pattern === '/reports/*/*/review') Object.assign(form, { action: 'return', reason: 'Kiểm tra quyền.' });
  if (pattern === '/account/password') Object.assign(form, { current: PASSWORD, password: 'mat-khau-moi-dai', confirm: 'khac-mat-khau-moi' });
  return c.request(method, path, { form, csrf: false });
}

// What the role table says of route for an account and unit.
function allowed(category, account, unit) {
  const row = ROLE_TABLE[account.role];
  if (category === 'public' || category === 'any' || category === 'session') return true;
  if (category === 'admin') return row.admin;
  if (category === 'reviewer') return row.review.length > 0; /* a route of every reviewer (bulk review) */
  const rel = relation(account.unit, unit);
  if (category === 'comment') return row.review.includes(rel) || row.edit.includes(rel); /* reviewer or own officer */
  return row[category].includes(rel);
}

test('every route of the routing table has a row in the access table, and every row a route', () => {
  const routes = tableRoutes();
  assert.ok(routes.length >= 50, `${routes.length} routes read from src/routes.c`);
  const missing = routes.filter((r) => !(r in ROUTES));
  assert.deepEqual(missing, [], 'routes without an access row: add them to ROUTES in this file');
  assert.deepEqual(Object.keys(ROUTES).filter((r) => !routes.includes(r)), [], 'rows without a route');
});

test('an anonymous visitor gets only the public routes; the rest asks for a login', async () => {
  for (const route of tableRoutes()) {
    const category = ROUTES[route];
    const r = await call(null, route, '30052');
    assert.ok(r.status < 500, `${route}: ${r.status}`);
    if (category === 'public') continue; /* answers its own way (a login's 401) */
    const [method, pattern] = route.split(' ');
    if (method === 'GET' && !pattern.startsWith('/api/')) {
      assert.equal(r.status, 303, route);
      assert.match(r.headers.get('location'), /^\/login\?next=/, route);
    } else assert.equal(r.status, 401, route);
  }
});

test('every role, every relation, every route: what the role table allows and nothing else', async () => {
  const wrong = [], seen = { allowed: 0, refused: 0 };
  for (const route of tableRoutes()) {
    const category = ROUTES[route];
    if (category === 'session' || category === 'public') continue;
    for (const account of accounts()) {
      for (const unit of SCOPED.has(category) ? TARGETS : ['87']) {
        const r = await call(clients.get(account.username), route, unit);
        const want = allowed(category, account, unit);
        const got = r.status !== 403 && r.status !== 401;
        if (r.status >= 500 || r.status === 405 || want !== got)
          wrong.push(`${route} ${unit} as ${account.username} (${account.role}, ${relation(account.unit, unit)}): ${r.status}, want ${want ? 'allowed' : '403'}`);
        seen[got ? 'allowed' : 'refused']++;
      }
    }
  }
  console.log(`access walk: ${seen.allowed} allowed, ${seen.refused} refused`);
  assert.deepEqual(wrong, []);
});

test('every state-changing route needs the CSRF token (403 without it, for a user it allows)', async () => {
  const wrong = [];
  for (const route of tableRoutes()) {
    const [method] = route.split(' ');
    const category = ROUTES[route];
    if (method === 'GET' || category === 'public') continue;
    const pick = accounts().flatMap((a) => (SCOPED.has(category) ? TARGETS : ['87']).map((u) => [a, u]))
      .find(([a, u]) => allowed(category, a, u));
    assert.ok(pick, `someone may use ${route}`);
    const [account, unit] = pick;
    const c = new Client(srv.base);
    await c.login(account.username);
    const r = await call(c, route, unit, { csrf: false });
    if (r.status !== 403) wrong.push(`${route} as ${account.username}: ${r.status}`);
  }
  assert.deepEqual(wrong, []);
});

test('the session routes end one\'s own session, for every role', async () => {
  for (const account of accounts()) {
    for (const route of ['POST /logout', 'DELETE /api/session']) {
      const c = new Client(srv.base);
      await c.loginForm(account.username);
      const r = await call(c, route, account.unit);
      assert.ok(r.status === 303 || r.status === 204, `${route} ${account.username}: ${r.status}`);
      assert.equal((await c.get('/api/forms/ecd-appendix')).status, 401);
    }
  }
});
