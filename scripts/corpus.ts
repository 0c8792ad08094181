/**
 * Generates a deterministic synthetic library of seed files in the real grammar
 * (docs/PRODUCT.md, seeds/), for benchmarks and end-to-end tests of a big library.
 *
 *   npm run corpus -- --posts 5000 --out /tmp/corpus5k [--seed 1] [--long-thread 2000] [--problems 0] [--dry-run] [--force]
 *
 * Same --seed and options → byte-identical files. At --posts 5000 it writes about 150 MB:
 * about 200,000 comments (replies included), posts from 2010 to 2021 in year folders
 * (2014/012_<16 hex>.txt), thread lengths with a long tail and one post of exactly
 * --long-thread comments, replies, old "Name said..." pages, numbered lists in comments,
 * quoted articles, URLs and URL-only comments with the article in their replies; about 10% of
 * files CRLF, 3% Windows-1252, 1% with a UTF-8 BOM, some with tabs and trailing spaces.
 * --problems N adds N broken files (binary, empty, truncated, no date, wrong count).
 * --dry-run counts everything without writing. Files are written in small batches, so the
 * corpus never sits in memory at once. Prints a one-line summary at the end.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { BROKEN_KINDS, buildBroken, type BrokenKind } from './corpus/broken';
import { renderFile, type FileStyle } from './corpus/encode';
import { buildPost, type Era } from './corpus/post';
import { planCorpus, resolveOptions, type CorpusOptions } from './corpus/plan';
import { mixSeed, Rng } from './corpus/random';
import * as V from './corpus/vocab';

export { planCorpus, type CorpusOptions } from './corpus/plan';
export { BROKEN_KINDS, type BrokenKind } from './corpus/broken';

/** What is known about a generated post without parsing it. */
export interface PostInfo {
  title: string;
  /** "YYYY-MM-DD". */
  date: string;
  /** Comments written, replies included; the count line declares the same number. */
  comments: number;
  topLevel: number;
  replies: number;
  urlOnly: number;
  urlOnlyWithReplies: number;
  numberedLists: number;
  era: Era;
  longThread: boolean;
  bodyCountLine: boolean;
  style: FileStyle;
}

export interface CorpusFile {
  /** Relative to the output folder, with "/". */
  path: string;
  bytes: Uint8Array;
  /** Set for a post file. */
  post?: PostInfo;
  /** Set for a deliberately broken file. */
  broken?: BrokenKind;
}

export interface CorpusSummary {
  files: number;
  posts: number;
  broken: number;
  /** Comments in post files, replies included (broken files not counted). */
  comments: number;
  topLevel: number;
  replies: number;
  bytes: number;
  longestThread: { comments: number; path: string };
  crlf: number;
  windows1252: number;
  bom: number;
  tabs: number;
  trailingSpaces: number;
  saidPages: number;
  years: number;
  seconds: number;
}

/** Generates the corpus one file at a time: posts in date order, then any broken files. */
export function* generateCorpus(input: CorpusOptions): Generator<CorpusFile> {
  const options = resolveOptions(input);
  const plans = planCorpus(options);
  for (const plan of plans) {
    const built = buildPost(plan.spec);
    const { lines } = built;
    if (plan.style.encoding === 'windows-1252' && !lines.some((line) => line.includes('£'))) {
      // A Windows-1252 file must hold a byte that is not UTF-8, so the parser has to fall back.
      lines.splice(4, 0, `So far it has cost £${(plan.index % 900) + 20}m, and counting.`, '');
    }
    const bytes = renderFile(lines, plan.style, new Rng(mixSeed(plan.spec.seed, 0x5354594c)));
    yield {
      path: plan.path,
      bytes,
      post: {
        title: plan.spec.title,
        date: plan.iso,
        comments: built.topLevel + built.replies,
        topLevel: built.topLevel,
        replies: built.replies,
        urlOnly: built.urlOnly,
        urlOnlyWithReplies: built.urlOnlyWithReplies,
        numberedLists: built.numberedLists,
        era: plan.spec.era,
        longThread: plan.longThread,
        bodyCountLine: plan.spec.bodyCountLine,
        style: plan.style,
      },
    };
  }
  // Broken files come from their own stream, so adding them never changes a post file.
  const rng = new Rng(mixSeed(options.seed, 0x42524b4e));
  const perYear = new Map<string, number>();
  for (const plan of plans) {
    const year = plan.path.slice(0, 4);
    perYear.set(year, (perYear.get(year) ?? 0) + 1);
  }
  for (let k = 0; k < options.problems; k++) {
    const year = rng.int(2010, 2021);
    const inYear = perYear.get(String(year)) ?? 0;
    perYear.set(String(year), inYear + 1);
    const date = new Date(Date.UTC(year, rng.int(0, 11), rng.int(1, 28)));
    const dateLine = `${V.WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${V.MONTHS[date.getUTCMonth()]} ${year}`;
    const kind = BROKEN_KINDS[k % BROKEN_KINDS.length]!;
    const bytes = buildBroken({
      kind,
      dateLine,
      title: `Broken File ${k + 1}`,
      year,
      day: date.getTime() / 86_400_000,
      seed: mixSeed(options.seed, k, 0x42524f4b),
    });
    yield { path: `${year}/${String(inYear).padStart(3, '0')}_${rng.hex(16)}.txt`, bytes, broken: kind };
  }
}

function emptySummary(): CorpusSummary {
  return {
    files: 0,
    posts: 0,
    broken: 0,
    comments: 0,
    topLevel: 0,
    replies: 0,
    bytes: 0,
    longestThread: { comments: 0, path: '' },
    crlf: 0,
    windows1252: 0,
    bom: 0,
    tabs: 0,
    trailingSpaces: 0,
    saidPages: 0,
    years: 0,
    seconds: 0,
  };
}

function tally(summary: CorpusSummary, file: CorpusFile, years: Set<string>): void {
  summary.files++;
  summary.bytes += file.bytes.length;
  years.add(file.path.slice(0, 4));
  summary.years = years.size;
  const post = file.post;
  if (!post) {
    summary.broken++;
    return;
  }
  summary.posts++;
  summary.comments += post.comments;
  summary.topLevel += post.topLevel;
  summary.replies += post.replies;
  if (post.comments > summary.longestThread.comments)
    summary.longestThread = { comments: post.comments, path: file.path };
  if (post.style.lineEnd === 'crlf') summary.crlf++;
  if (post.style.encoding === 'windows-1252') summary.windows1252++;
  if (post.style.bom) summary.bom++;
  if (post.style.tabs) summary.tabs++;
  if (post.style.trailingSpaces) summary.trailingSpaces++;
  if (post.era === 'said') summary.saidPages++;
}

/** Counts what the corpus would hold without writing anything (--dry-run). */
export function countCorpus(options: CorpusOptions): CorpusSummary {
  const started = performance.now();
  const summary = emptySummary();
  const years = new Set<string>();
  for (const file of generateCorpus(options)) tally(summary, file, years);
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

export interface WriteOptions extends CorpusOptions {
  out: string;
  /** Write into a folder that already holds files (same names are overwritten, others stay). */
  force?: boolean;
}

/** Files written concurrently per batch, and the most bytes held for one batch. */
const BATCH_FILES = 32;
const BATCH_BYTES = 16 * 1024 * 1024;

/** Writes the corpus under `out` in small batches; returns the summary. */
export async function writeCorpus(options: WriteOptions): Promise<CorpusSummary> {
  const started = performance.now();
  const out = resolve(options.out);
  const existing = await readdir(out).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  if (existing.length > 0 && !options.force) {
    throw new Error(`${out} is not empty; choose an empty or new folder, or pass --force to write into it anyway.`);
  }
  await mkdir(out, { recursive: true });
  const summary = emptySummary();
  const years = new Set<string>();
  const made = new Set<string>();
  let batch: Promise<void>[] = [];
  let batchBytes = 0;
  for (const file of generateCorpus(options)) {
    tally(summary, file, years);
    const target = join(out, file.path);
    const folder = dirname(target);
    if (!made.has(folder)) {
      await mkdir(folder, { recursive: true });
      made.add(folder);
    }
    batch.push(writeFile(target, file.bytes));
    batchBytes += file.bytes.length;
    if (batch.length >= BATCH_FILES || batchBytes >= BATCH_BYTES) {
      await Promise.all(batch);
      batch = [];
      batchBytes = 0;
    }
  }
  await Promise.all(batch);
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

const USAGE = `Usage: npm run corpus -- --posts N --out DIR [--seed N] [--long-thread N] [--problems N] [--dry-run] [--force]

  --posts N        posts to generate (default 5000)
  --out DIR        output folder; must be empty or new unless --force
  --seed N         PRNG seed (default 1); same seed and options give identical files
  --long-thread N  force one post with exactly N comments (default 2000; 0 for none)
  --problems N     add N deliberately broken files (default 0)
  --dry-run        count what would be written, write nothing
  --force          write into a folder that is not empty`;

export function formatSummary(summary: CorpusSummary, out: string | null): string {
  const mb = (summary.bytes / 1e6).toFixed(1);
  const thread = summary.longestThread.comments
    ? `${summary.longestThread.comments} comments (${summary.longestThread.path})`
    : 'none';
  return (
    `corpus: ${summary.files} files (${summary.broken} broken), ${summary.posts} posts, ${summary.comments} comments ` +
    `(${summary.topLevel} top-level, ${summary.replies} replies), ${summary.bytes} bytes (${mb} MB), longest thread ${thread}, ` +
    `${summary.years} year folders, ${summary.crlf} CRLF, ${summary.windows1252} Windows-1252, ${summary.bom} BOM, ` +
    `${summary.seconds.toFixed(1)} s${out ? ` → ${out}` : ' (dry run, nothing written)'}`
  );
}

function parseArgs(argv: string[]): WriteOptions & { dryRun: boolean; help: boolean } {
  const result = { posts: 5000, out: '', dryRun: false, force: false, help: false } as WriteOptions & {
    dryRun: boolean;
    help: boolean;
  };
  const number = (flag: string, value: string | undefined): number => {
    if (value === undefined || !/^-?\d+$/.test(value)) throw new Error(`${flag} needs a whole number.`);
    return Number(value);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--posts') result.posts = number(flag, value());
    else if (flag === '--seed') result.seed = number(flag, value());
    else if (flag === '--long-thread') result.longThread = number(flag, value());
    else if (flag === '--problems') result.problems = number(flag, value());
    else if (flag === '--out') result.out = value() ?? '';
    else if (flag === '--dry-run') result.dryRun = true;
    else if (flag === '--force') result.force = true;
    else if (flag === '--help' || flag === '-h') result.help = true;
    else throw new Error(`Unknown argument "${arg}".`);
  }
  return result;
}

export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
    if (args.help) {
      console.log(USAGE);
      return 0;
    }
    if (!args.dryRun && !args.out) throw new Error('--out DIR is required (or --dry-run).');
    resolveOptions(args);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  try {
    if (args.dryRun) {
      console.log(formatSummary(countCorpus(args), null));
    } else {
      console.log(formatSummary(await writeCorpus(args), resolve(args.out)));
    }
    return 0;
  } catch (error) {
    console.error(`corpus failed: ${(error as Error).message}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
