// The reference data shipped in the repository (sql/units/, or $ECD_DATA_DIR),
// counted from the CSV files themselves, and a few helpers for tests that
// import it. Nothing here reads outside the repository.
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, startServer, Client, ecd } from './server.mjs';

export const DATA_DIR = process.env.ECD_DATA_DIR || join(ROOT, 'sql', 'units');
// The last three-tier list, as the statistics office exported it (18/07/2025).
export const THREE_TIER = join(DATA_DIR, 'gso-2025-07-18-communes.csv');
export const TWO_TIER = join(DATA_DIR, 'dvhc-2026-two-tier.csv');
export const MERGES = join(DATA_DIR, 'thapmuoi-tayninh-2025-merges.csv');
export const NATIONAL_MERGES = join(DATA_DIR, 'vn-2025-merges.csv');

// Throws with a clear message when the data files are not there.
export function requireData() {
  for (const f of [THREE_TIER, TWO_TIER, MERGES, NATIONAL_MERGES]) {
    if (!existsSync(f)) throw new Error(`reference data missing: ${f} (set ECD_DATA_DIR)`);
  }
}

// The rows of a CSV file (no quoted fields in these files) as objects keyed
// by header, without a byte-order mark.
export function csvRows(path) {
  const [header, ...lines] = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l);
  const cols = header.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}

// The communes of a unit list in one shape whatever the file's layout (the
// statistics office's commune listing names the commune columns "Mã" and
// "Tên"): { 'Mã TP', 'Tỉnh / Thành Phố', 'Mã QH', 'Quận Huyện', 'Mã PX', 'Phường Xã', 'Cấp' }.
export function unitRows(path) {
  return csvRows(path).map((r) => ({
    'Tỉnh / Thành Phố': r['Tỉnh / Thành Phố'], 'Mã TP': r['Mã TP'],
    'Quận Huyện': r['Quận Huyện'] || '', 'Mã QH': r['Mã QH'] || '',
    'Phường Xã': r['Phường Xã'] ?? r['Tên'], 'Mã PX': r['Mã PX'] ?? r['Mã'], 'Cấp': r['Cấp'],
  }));
}

// Distinct province, district and commune codes of a unit list, read by header.
export function countUnits(path) {
  const sets = { province: new Set(), district: new Set(), commune: new Set() };
  for (const r of unitRows(path)) {
    sets.province.add(r['Mã TP']);
    if (r['Mã QH']) sets.district.add(r['Mã QH']);
    sets.commune.add(r['Mã PX']);
  }
  return { province: sets.province.size, district: sets.district.size, commune: sets.commune.size };
}

// Runs one SQL query on db with the sqlite3 shell; returns its output trimmed.
export function sql(db, query) {
  return execFileSync('sqlite3', [db, query], { encoding: 'utf8' }).trim();
}

// Units valid on date, per level, from the database (the country, VN, aside).
export function unitsOn(db, date) {
  const out = { province: 0, district: 0, commune: 0 };
  const rows = sql(db, `SELECT level, COUNT(*) FROM unit WHERE level <> 'country' AND (valid_from IS NULL OR valid_from <= '${date}') AND (valid_to IS NULL OR valid_to >= '${date}') GROUP BY level`);
  for (const row of rows.split('\n').filter((r) => r)) {
    const [level, n] = row.split('|');
    out[level] = Number(n);
  }
  return out;
}

// A fingerprint of every unit row, to see that nothing changed.
export function unitDump(db) {
  return sql(db, 'SELECT id, code, name, kind, level, parent_id, valid_from, valid_to FROM unit ORDER BY id');
}

// The administrator's password in servers made by startTwoTreeServer.
export const ADMIN_PASSWORD = 'mat-khau-dai-1';

// A server on a fresh database holding both national lists (the three-tier
// list plainly, the two-tier one from 01/07/2025) and the 2025 merges, with an
// administrator "qtv" logged in and periods 2024 and 2026 open (due 20/11).
// Returns { srv, admin }; the caller stops srv.
export async function startTwoTreeServer() {
  requireData();
  const srv = await startServer({ demo: false });
  ecd(srv.db, ['units', 'import', THREE_TIER]);
  ecd(srv.db, ['units', 'import', TWO_TIER, '--from', '2025-07-01']);
  ecd(srv.db, ['units', 'merges', MERGES]);
  ecd(srv.db, ['user', 'add', '--username', 'qtv', '--role', 'admin'], `${ADMIN_PASSWORD}\n`);
  const admin = new Client(srv.base);
  await admin.login('qtv', ADMIN_PASSWORD);
  for (const [code, due] of [['2024', '2024-11-20'], ['2026', '2026-11-20']]) {
    const r = await admin.request('POST', '/admin/periods', { form: { code, due } });
    if (r.status !== 303) throw new Error(`opening period ${code}: ${r.status} ${r.text}`);
  }
  return { srv, admin };
}
