/**
 * Scores the quoted-article extractor against the hand-labelled fixtures.
 *
 *   npx tsx scripts/eval-articles.ts [--min 0.95] [--json]
 *
 * Sets: main/core/articles/fixtures/seeds (labels for files in seeds/),
 * main/core/articles/fixtures/heldout (labels beside their .txt files; skipped when absent) and
 * main/core/articles/fixtures/pages (labels beside their .txt files).
 * Prints a table per set, then every miss, false positive, wrong bound and wrong source.
 * `--min X` exits 1 when article precision, recall, boundary or source accuracy on a gated set
 * (seeds, pages) is below X; `--json` prints the numbers as JSON instead of the tables.
 * Exits 1 as well when a label cannot be found in its file or a file cannot be read.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { canonicalSource, extractArticles } from '../main/core/articles';
import {
  evaluate,
  LabelError,
  scores,
  sumEvaluations,
  type CanonicalSource,
  type FileEvaluation,
  type Scores,
} from '../main/core/articles/eval/evaluate';
import type { FileLabels } from '../main/core/articles/eval/labels';
import type { PostArticles } from '../main/core/articles/types';
import { decodeSeed, parseSeed, type Post } from '../main/core/parse';
import { splitLines } from '../main/core/parse/lines';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = join(ROOT, 'main/core/articles/fixtures');

/** Runs the extractor on one post. */
export type Extractor = (post: Post) => PostArticles;

/** One fixture folder and where the labelled texts live. */
export interface FixtureSet {
  name: string;
  labelsDir: string;
  /** The labelled text for a labels file, or null when it cannot be found. */
  textFor: (labels: FileLabels, labelsPath: string) => string | null;
}

/** The outcome for one set: per-file results, their sum, and what could not be evaluated. */
export interface SetResult {
  name: string;
  files: FileEvaluation[];
  total: FileEvaluation;
  scores: Scores;
  /** Label errors and unreadable files: the fixtures need fixing. */
  errors: string[];
  /** Labels skipped because their text is not there (held-out files still being written). */
  skipped: string[];
}

/** The labelled text beside its labels file. */
function besideLabels(labels: FileLabels, labelsPath: string): string | null {
  const dir = dirname(labelsPath);
  const stem = basename(labelsPath).replace(/\.labels\.json$/, '');
  for (const name of [labels.file, stem, `${stem}.txt`]) {
    const found = name ? existingFile(join(dir, name)) : null;
    if (found) return found;
  }
  return null;
}

/**
 * The fixture sets: seeds (texts in seeds/), heldout (texts beside their labels, written
 * without reading the extractor), and pages (texts beside their labels: the forms real pages
 * showed, the writer's own numbered lists and outlets named inside an intro).
 */
export const FIXTURE_SETS: FixtureSet[] = [
  {
    name: 'seeds',
    labelsDir: join(FIXTURES, 'seeds'),
    textFor: (labels) => existingFile(join(ROOT, 'seeds', labels.file)),
  },
  { name: 'heldout', labelsDir: join(FIXTURES, 'heldout'), textFor: besideLabels },
  { name: 'pages', labelsDir: join(FIXTURES, 'pages'), textFor: besideLabels },
];

/** The sets `--min` gates; the held-out set has its own floors in eval-articles.test.ts. */
export const GATED_SETS = ['seeds', 'pages'];

function existingFile(path: string): string | null {
  return existsSync(path) ? path : null;
}

/** Evaluates every labelled file of a set. Never throws for a bad fixture: it lands in `errors`. */
export function evaluateSet(set: FixtureSet, extract: Extractor, canonical: CanonicalSource): SetResult {
  const files: FileEvaluation[] = [];
  const errors: string[] = [];
  const skipped: string[] = [];
  const labelFiles = existsSync(set.labelsDir)
    ? readdirSync(set.labelsDir).filter((f) => f.endsWith('.labels.json'))
    : [];
  for (const labelFile of labelFiles.sort()) {
    const labelsPath = join(set.labelsDir, labelFile);
    let labels: FileLabels;
    try {
      labels = JSON.parse(readFileSync(labelsPath, 'utf8')) as FileLabels;
    } catch (error) {
      errors.push(`${labelFile}: cannot read the labels: ${(error as Error).message}`);
      continue;
    }
    const textPath = set.textFor(labels, labelsPath);
    if (!textPath) {
      (set.name === 'heldout' ? skipped : errors).push(`${labelFile}: the labelled file "${labels.file}" is not there`);
      continue;
    }
    const bytes = readFileSync(textPath);
    const { post, problems } = parseSeed(bytes, labels.file);
    const decoded = decodeSeed(bytes, labels.file);
    if (!post || decoded.text === null) {
      errors.push(`${labels.file}: could not be parsed: ${problems.map((p) => p.message).join('; ')}`);
      continue;
    }
    const fileLines = splitLines(decoded.text).map((line) => line.text);
    try {
      files.push(evaluate(post, fileLines, extract(post), labels, canonical));
    } catch (error) {
      if (error instanceof LabelError) errors.push(`label error: ${error.message}`);
      else throw error;
    }
  }
  const total = sumEvaluations(files, set.name);
  return { name: set.name, files, total, scores: scores(total.counts), errors, skipped };
}

/** Source names compare through the source table, so "MoJ" and "Ministry of Justice" are one source. */
export async function loadCanonical(): Promise<{ canonical: CanonicalSource; from: string }> {
  return { canonical: canonicalSource, from: 'canonicalSource from main/core/articles/sources' };
}

const pct = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length)));
  return rows
    .map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '))
    .join('\n');
}

/** The human-readable report for one set. */
export function formatSet(result: SetResult): string {
  const out: string[] = [];
  const { counts } = result.total;
  const s = result.scores;
  out.push(`== ${result.name}: ${result.files.length} file${result.files.length === 1 ? '' : 's'} ==`);
  const rows: string[][] = [['', 'tp/pred/lab', 'precision', 'recall', 'boundary', 'source', 'src kind', 'title']];
  const perFile = result.files.length > 1 ? result.files : [];
  for (const f of [...perFile, result.total]) {
    const a = f.counts.articles;
    const fs = scores(f.counts).articles;
    rows.push([
      `articles ${f === result.total ? '(all)' : f.file}`,
      `${a.tp}/${a.predicted}/${a.labelled}`,
      pct(fs.precision),
      pct(fs.recall),
      pct(fs.boundary),
      pct(fs.source),
      pct(fs.sourceKind),
      pct(fs.title),
    ]);
  }
  rows.push([
    'links',
    `${counts.links.tp}/${counts.links.predicted}/${counts.links.labelled}`,
    pct(s.links.precision),
    pct(s.links.recall),
    '',
    '',
    '',
    '',
  ]);
  rows.push([
    'internal quotes',
    `${counts.quotes.tp}/${counts.quotes.predicted}/${counts.quotes.labelled}`,
    pct(s.quotes.precision),
    pct(s.quotes.recall),
    '',
    '',
    '',
    '',
  ]);
  out.push(table(rows));
  for (const error of result.errors) out.push(`ERROR ${error}`);
  for (const skip of result.skipped) out.push(`skipped ${skip}`);
  const groups: [string, (i: FileEvaluation['issues'][number]) => boolean][] = [
    ['Missed', (i) => i.type === 'miss'],
    ['False positives', (i) => i.type === 'false-positive'],
    ['Wrong boundaries', (i) => i.type === 'boundary'],
    ['Wrong sources', (i) => i.type === 'source' || i.type === 'source-kind'],
    ['Wrong titles', (i) => i.type === 'title'],
  ];
  for (const [heading, test] of groups) {
    const issues = result.total.issues.filter(test);
    if (!issues.length) continue;
    out.push('', `${heading} (${issues.length}):`);
    for (const issue of issues) out.push(`  ${issue.file}:${issue.line ?? '?'}  [${issue.category}] ${issue.message}`);
  }
  return out.join('\n');
}

/** The four article metrics the gate checks on a gated set, with the names it prints. */
export function gateFailures(result: SetResult, min: number): string[] {
  const a = result.scores.articles;
  const checked: [string, number | null][] = [
    ['precision', a.precision],
    ['recall', a.recall],
    ['boundary', a.boundary],
    ['source', a.source],
  ];
  // A null ratio has no denominator (nothing predicted or matched); recall then already fails when anything was labelled.
  return checked
    .filter(([, value]) => value !== null && value < min)
    .map(([name, value]) => `${name} ${pct(value)} < ${pct(min)}`);
}

function parseArgs(argv: string[]): { min: number | null; json: boolean } {
  let min: number | null = null;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--min' || arg.startsWith('--min=')) {
      const raw = arg === '--min' ? argv[++i] : arg.slice('--min='.length);
      min = Number(raw);
      if (raw === undefined || raw === '' || !Number.isFinite(min))
        throw new Error(`--min needs a number, got "${raw ?? ''}"`);
    } else throw new Error(`unknown argument "${arg}" (usage: eval-articles.ts [--min 0.95] [--json])`);
  }
  return { min, json };
}

/** Runs every set with the given extractor and prints the report; returns the exit status. */
export async function main(argv: string[], extract: Extractor): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const { canonical, from } = await loadCanonical();
  const results = FIXTURE_SETS.map((set) => evaluateSet(set, extract, canonical));
  const gated = results.filter((r) => GATED_SETS.includes(r.name));
  const failures =
    args.min === null ? [] : gated.flatMap((r) => gateFailures(r, args.min!).map((failure) => `${r.name}: ${failure}`));
  if (args.min !== null)
    for (const r of gated) if (r.files.length === 0) failures.push(`no ${r.name} file could be evaluated`);
  const broken = results.some((r) => r.errors.length > 0);

  if (args.json) {
    const json = {
      canonical: from,
      min: args.min,
      pass: failures.length === 0 && !broken,
      failures,
      sets: Object.fromEntries(
        results.map((r) => [
          r.name,
          {
            scores: r.scores,
            counts: r.total.counts,
            files: r.files.map((f) => ({ file: f.file, counts: f.counts, scores: scores(f.counts), issues: f.issues })),
            errors: r.errors,
            skipped: r.skipped,
          },
        ]),
      ),
    };
    console.log(JSON.stringify(json, null, 2));
  } else {
    console.log(`Source names compared with ${from}.\n`);
    for (const result of results) {
      if (result.files.length === 0 && result.errors.length === 0) {
        console.log(
          `== ${result.name}: no labelled files ==${result.skipped.length ? `\n${result.skipped.map((s) => `skipped ${s}`).join('\n')}` : ''}\n`,
        );
        continue;
      }
      console.log(`${formatSet(result)}\n`);
    }
    if (args.min !== null) {
      console.log(
        failures.length
          ? `FAIL (${GATED_SETS.join(', ')}, min ${pct(args.min)}): ${failures.join('; ')}`
          : `PASS: ${GATED_SETS.join(' and ')} article metrics all ≥ ${pct(args.min)}`,
      );
    }
    if (broken) console.log('FAIL: some fixtures could not be evaluated (see ERROR lines).');
  }
  return failures.length > 0 || broken ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2), extractArticles);
}
