// The independent checkers: axe-core (accessibility, run inside Debian's
// chromium) and the Nu HTML checker (vnu.jar from npm, on Debian's Java).
import { readFileSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const VNU_JAR = require.resolve('vnu-jar/build/dist/vnu.jar');

// The rule sets axe runs: WCAG 2.0–2.2 A and AA (target size is 2.2 AA) and
// the best practices (landmarks, empty table headers…).
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

// Runs axe-core on the page as it is now. The page's CSP allows no inline
// script, so the library is evaluated through the DevTools protocol, as a
// page script would never be. Returns the violations
// [{id, impact, help, nodes: [target…]}].
export async function axeRun(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  const res = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  }, AXE_TAGS);
  return res;
}

// Is the page wider than the screen (a sideways scroll of the whole page)?
// Returns the number of CSS pixels it overflows a screen width wide by (0
// when it fits). A phone browser zooms a too-wide page out, so innerWidth
// is not the screen: compare with the width given.
export async function pageOverflow(page, width) {
  return page.evaluate((w) => Math.max(0, document.documentElement.scrollWidth - w), width);
}

// Runs the Nu HTML checker once over every page given as {name, html};
// returns {name: [{type, message, line}]} with errors only (type "error" or
// a fatal "non-document-error").
export function vnuCheck(pages) {
  const dir = mkdtempSync(join(tmpdir(), 'ecd-vnu-'));
  try {
    const files = pages.map((p, i) => {
      const f = join(dir, `${String(i).padStart(3, '0')}.html`);
      writeFileSync(f, p.html);
      return f;
    });
    const out = execFileSync('java', ['-Xss4m', '-jar', VNU_JAR, '--format', 'json', '--exit-zero-always', '--stdout', ...files],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
    const report = JSON.parse(out);
    const byFile = {};
    for (const m of report.messages) {
      if (m.type !== 'error' && m.type !== 'non-document-error') continue;
      const i = files.findIndex((f) => m.url && m.url.endsWith(f.slice(dir.length)));
      const name = i >= 0 ? pages[i].name : '(vnu)';
      (byFile[name] ||= []).push({ type: m.type, message: m.message, line: m.lastLine });
    }
    return byFile;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
