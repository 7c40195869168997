// An independent roll-up, computed in JavaScript from the raw rows of the
// database (read with the sqlite3 command-line tool), to compare with what
// the server answers. It walks unit.parent_id itself (not unit_tree) and parses
// the values as typed (report_value.raw), so it shares no code or SQL with
// the server's roll-up.
import { execFileSync } from 'node:child_process';

// Runs one SQL statement on db and returns its rows as objects.
export function sql(db, query) {
  const out = execFileSync('sqlite3', ['-json', db, query], { encoding: 'utf8' });
  return out.trim() ? JSON.parse(out) : [];
}

// Runs SQL statements on db (no result).
export function sqlExec(db, script) {
  execFileSync('sqlite3', [db], { input: script, encoding: 'utf8' });
}

// The closure of the unit tree, rebuilt the way the server does it.
export const REBUILD_TREE = `
DELETE FROM unit_tree;
WITH RECURSIVE up(unit_id, ancestor_id, depth) AS (
  SELECT id, id, 0 FROM unit
  UNION ALL
  SELECT up.unit_id, u.parent_id, up.depth + 1 FROM up JOIN unit u ON u.id = up.ancestor_id
  WHERE u.parent_id IS NOT NULL AND up.depth < 16)
INSERT INTO unit_tree (ancestor_id, unit_id, depth) SELECT ancestor_id, unit_id, depth FROM up;`;

// Today in Vietnam (UTC+7), YYYY-MM-DD.
export function todayVN() {
  return new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
}

// The date in Vietnam of a UTC timestamp.
function vnDate(ts) {
  return new Date(Date.parse(ts) + 7 * 3600e3).toISOString().slice(0, 10);
}

// A raw value as the number it means: counts "1.234" or "1234"; yes/no.
function parseRaw(kind, raw) {
  const s = String(raw).trim().toLowerCase();
  if (kind === 'yesno') return ['1', 'có', 'yes', 'true'].includes(s) ? 1 : 0;
  return Number(s.replace(/\./g, ''));
}

// Everything the computation needs from db for one period.
export function snapshot(db, period) {
  const p = sql(db, `SELECT id, start_date, end_date, due_date FROM period WHERE code = '${period}'`)[0];
  const units = sql(db, 'SELECT id, code, name, level, parent_id, valid_from, valid_to FROM unit');
  const reports = sql(db, `SELECT id, unit_id, status, submitted_at FROM report WHERE period_id = ${p.id}`);
  const values = sql(db, `SELECT v.report_id, e.code, e.kind, v.raw FROM report_value v
    JOIN report r ON r.id = v.report_id JOIN form_element e ON e.id = v.element_id
    WHERE r.period_id = ${p.id}`);
  const elements = sql(db, `SELECT code, kind, denominator_code FROM form_element ORDER BY position`);
  return { p, units, reports, values, elements };
}

// The expected table of unit code: { included, expected, sent, late,
// rows: {code: {value, ratio, den}}, children: {code: {values}}, missing: [codes],
// lateIncluded: [codes] }.
export function expectedRollup(snap, code, onlyApproved) {
  const { p, units, reports, values, elements } = snap;
  const valid = (u) => (!u.valid_from || u.valid_from <= p.end_date) && (!u.valid_to || u.valid_to >= p.start_date);
  const kids = new Map();
  for (const u of units) if (u.parent_id) (kids.get(u.parent_id) || kids.set(u.parent_id, []).get(u.parent_id)).push(u);
  const reportOf = new Map(reports.map((r) => [r.unit_id, r]));
  const valuesOf = new Map();
  for (const v of values) (valuesOf.get(v.report_id) || valuesOf.set(v.report_id, []).get(v.report_id)).push(v);
  const today = todayVN();

  function subtree(u) { return [u, ...(kids.get(u.id) || []).flatMap(subtree)]; }

  function table(u) {
    const all = subtree(u);
    const communes = all.filter((m) => m.level === 'commune' && valid(m));
    const counts = (r) => r && (r.status === 'approved' || (r.status === 'submitted' && !onlyApproved));
    const sent = (r) => r && (r.status === 'submitted' || r.status === 'approved');
    const included = communes.filter((m) => counts(reportOf.get(m.id)));
    const late = communes.filter((m) => {
      const r = reportOf.get(m.id);
      return sent(r) ? vnDate(r.submitted_at) > p.due_date : today > p.due_date;
    });
    const sums = new Map();
    for (const m of all) {
      const r = reportOf.get(m.id);
      if (!r || (m.level === 'commune' && !counts(r))) continue;
      for (const v of valuesOf.get(r.id) || []) {
        if (v.kind === 'text') continue;
        sums.set(v.code, (sums.get(v.code) || 0) + parseRaw(v.kind, v.raw));
      }
    }
    const rows = {};
    for (const e of elements) {
      if (e.kind === 'text') continue;
      let value = sums.has(e.code) ? sums.get(e.code) : null;
      let ratio = null, den = null;
      if (e.kind === 'yesno') {
        value = value ?? 0;
        den = communes.length;
        ratio = den > 0 ? value / den : null;
      } else if (e.denominator_code && value !== null && sums.has(e.denominator_code)) {
        den = sums.get(e.denominator_code);
        ratio = den > 0 ? value / den : null;
      }
      rows[e.code] = { value, ratio, den };
    }
    return {
      included: included.length, expected: communes.length,
      sent: communes.filter((m) => sent(reportOf.get(m.id))).length, late: late.length,
      rows, sums,
      missing: communes.filter((m) => !counts(reportOf.get(m.id))).map((m) => m.code).sort(),
      lateIncluded: late.filter((m) => counts(reportOf.get(m.id))).map((m) => m.code).sort(),
    };
  }

  const u = units.find((x) => x.code === code && valid(x));
  const t = table(u);
  t.children = {};
  for (const c of (kids.get(u.id) || []).filter(valid)) {
    const ct = table(c);
    if (ct.expected === 0) continue;
    t.children[c.code] = { values: Object.fromEntries([...ct.sums]), included: ct.included, expected: ct.expected };
  }
  return t;
}
