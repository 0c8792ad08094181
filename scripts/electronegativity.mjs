// Runs Electronegativity (Doyensec's Electron security scanner) over the built bundles in out/
// and compares its findings with the reviewed ones in scripts/electronegativity.json.
// Fails on a HIGH finding nobody reviewed; lists lower unreviewed findings to review.
// Offline: the Electron version is passed (-e), so the scanner does not look it up.
// Usage: node scripts/electronegativity.mjs [out folder, default "out"]. Run `npx electron-vite build` first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ?? join(root, 'out');
const SEVERITY = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3 };

/** The rows of Electronegativity's CSV report, as objects keyed by its header. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n') endRow();
    else if (c !== '\r') field += c;
  }
  if (field || row.length) endRow();
  const [header, ...body] = rows;
  const keys = header.map((key) => key.trim());
  return body
    .filter((r) => r.length > 1)
    .map((r) => Object.fromEntries(keys.map((key, i) => [key, (r[i] ?? '').trim()])));
}

/** The reviewed entry a finding matches: the same check, and the entry's sample within the finding's. */
export function reviewOf(finding, reviewed) {
  return reviewed.find((entry) => entry.check === finding.issue && finding.sample.includes(entry.sample));
}

function main() {
  if (!existsSync(join(out, 'main/index.js'))) {
    console.error(`electronegativity: ${out}/main/index.js is missing: run "npx electron-vite build" first.`);
    return 1;
  }
  const electron = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
  const work = mkdtempSync(join(tmpdir(), 'threadline-electronegativity-'));
  const report = join(work, 'findings.csv');
  try {
    const bin = join(
      root,
      'node_modules/.bin',
      process.platform === 'win32' ? 'electronegativity.cmd' : 'electronegativity',
    );
    const run = spawnSync(bin, ['-i', out, '-e', electron, '-r', '-v', 'false', '-o', report], {
      encoding: 'utf8',
      // Its progress output is large; the report is the file.
      stdio: ['ignore', 'ignore', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    if (!existsSync(report)) {
      console.error(
        `electronegativity: the scanner wrote no report (exit ${run.status}):\n${run.stderr ?? run.error?.message}`,
      );
      return 1;
    }
    const findings = parseCsv(readFileSync(report, 'utf8'));
    const { findings: reviewed } = JSON.parse(readFileSync(join(root, 'scripts/electronegativity.json'), 'utf8'));
    const used = new Set();
    const unreviewed = [];
    for (const finding of findings) {
      const entry = reviewOf(finding, reviewed);
      if (entry) used.add(entry);
      else unreviewed.push(finding);
    }
    const describe = (f) =>
      `${f.severity} ${f.issue} at ${f.filename}:${f.location}: ${f.sample.slice(0, 120)} (${f.description})`;
    const high = unreviewed.filter((f) => (SEVERITY[f.severity] ?? SEVERITY.HIGH) >= SEVERITY.HIGH);
    for (const f of unreviewed.filter((f) => !high.includes(f)))
      console.log(`electronegativity: to review: ${describe(f)}`);
    for (const entry of reviewed.filter((entry) => !used.has(entry)))
      console.log(
        `electronegativity: no longer found: ${entry.check} "${entry.sample}"; remove it from scripts/electronegativity.json.`,
      );
    for (const f of high) console.error(`electronegativity: new HIGH finding: ${describe(f)}`);
    console.log(
      `electronegativity: Electron ${electron}, ${findings.length} findings, ${findings.length - unreviewed.length} reviewed, ` +
        `${unreviewed.length} not (${high.length} HIGH).`,
    );
    return high.length ? 1 : 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main();
