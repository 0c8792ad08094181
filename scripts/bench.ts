/**
 * Threadline's performance figures on a big library, each as a median of several runs and
 * as a ratio to a plain tool measured in the same run, against its target:
 *
 *   npm run bench [-- --corpus <dir>] [--runs 5] [--cold-runs 3] [--json] [--build] [--no-browser] [--keep]
 *
 * Without --corpus it uses /tmp/corpus5k when that holds the complete 5,000-post corpus
 * (npm run corpus -- --posts 5000 --out /tmp/corpus5k), else generates one in a temporary
 * folder. Prints a Markdown table (or JSON with --json) and the machine it ran on. A missed
 * target is a figure, not a failure; the exit status is 1 only when something could not be
 * measured (and says what).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { openIndexDb } from '../main/core/index/db';
import { indexQueries } from '../main/core/index/queries';
import { search } from '../main/core/index/search';
import { updateIndex } from '../main/core/index/update';
import { indexPathFor } from '../main/core/service';
import type { PostSummary } from '../preload/api';
import { benchThread, checkBrowserPrerequisites, type ThreadBench } from './bench/browser';
import { runColdIndex, type ColdIndexRun } from './bench/cold-index';
import { resolveCorpus, type Corpus } from './bench/corpus';
import { timeBareFts } from './bench/fts-baseline';
import { describeMachine, formatMachine, type Machine } from './bench/machine';
import { buildQueries, type BenchQuery } from './bench/queries';
import { formatMb, formatMs, formatRatio, max, median, quantile } from './bench/stats';
import { CAT, RG, requireTool, timeCat, timeRg } from './bench/tools';

const USAGE = `Usage: npm run bench [-- --corpus <dir>] [--runs N] [--cold-runs N] [--json] [--build] [--no-browser] [--keep]

  --corpus DIR   the library to measure (default: /tmp/corpus5k when complete, else a generated 5,000-post corpus)
  --runs N       runs per figure (default 5)
  --cold-runs N  runs of the slow cold index (default: the smaller of 3 and --runs)
  --json         print JSON instead of the Markdown table
  --build        build the app first (npx electron-vite build): the cold index then runs its parse worker, Chromium its renderer
  --no-browser   skip the Chromium figures (reported as not measured)
  --keep         keep the temporary profiles (their paths are printed)`;

interface Args {
  corpus: string | null;
  runs: number;
  coldRuns: number;
  json: boolean;
  build: boolean;
  browser: boolean;
  keep: boolean;
}

const REPO = resolve(import.meta.dirname, '..');

/** The built parse worker, when it is newer than every source file it is built from; else null. */
function freshBuiltWorker(): string | null {
  const worker = join(REPO, 'out/main/parse-worker.js');
  if (!existsSync(worker)) return null;
  const builtAt = statSync(worker).mtimeMs;
  const sources = readdirSync(join(REPO, 'main/core'), { recursive: true }).map(String);
  return sources.every((file) => statSync(join(REPO, 'main/core', file)).mtimeMs <= builtAt) ? worker : null;
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { corpus: null, runs: 5, coldRuns: 0, json: false, build: false, browser: true, keep: false };
  let coldRuns: number | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const count = (flag: string) => {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} needs a whole number of at least 1`);
      return value;
    };
    try {
      if (arg === '--corpus') {
        if (!argv[i + 1]) return '--corpus needs a folder';
        args.corpus = argv[++i]!;
      } else if (arg === '--runs') args.runs = count(arg);
      else if (arg === '--cold-runs') coldRuns = count(arg);
      else if (arg === '--json') args.json = true;
      else if (arg === '--build') args.build = true;
      else if (arg === '--no-browser') args.browser = false;
      else if (arg === '--keep') args.keep = true;
      else if (arg === '--help' || arg === '-h') return 'help';
      else return `unknown argument "${arg}"`;
    } catch (error) {
      return (error as Error).message;
    }
  }
  args.coldRuns = coldRuns ?? Math.min(3, args.runs);
  return args;
}

/** One line of the table. */
export interface Figure {
  figure: string;
  /** The median (or the percentile named in the figure), in `unit`; null when not measured. */
  value: number | null;
  unit: 'ms' | 'bytes' | 'ratio';
  display: string;
  baseline: { tool: string; value: number; display: string } | null;
  /** value ÷ baseline, except for search, where it is how many times faster than rg (baseline ÷ value). */
  ratio: number | null;
  ratioDisplay: string;
  target: string;
  /** PASS / MISS, "—" without a target, "not measured" when it failed. */
  result: 'PASS' | 'MISS' | '—' | 'not measured';
  samples: number[];
}

interface Report {
  machine: Machine;
  corpus: { root: string; files: number; bytes: number; generated: boolean };
  runs: number;
  coldRuns: number;
  figures: Figure[];
  details: Record<string, unknown>;
  notMeasured: string[];
}

const verdict = (pass: boolean | null | undefined): Figure['result'] =>
  pass === undefined ? '—' : pass === null ? 'not measured' : pass ? 'PASS' : 'MISS';

const log = (line: string) => process.stderr.write(`${line}\n`);

function figure(
  name: string,
  samples: number[] | null,
  options: {
    unit?: 'ms' | 'bytes';
    value?: (samples: number[]) => number;
    baseline?: { tool: string; samples: number[] } | null;
    ratio?: (value: number, baseline: number) => number;
    ratioDisplay?: (ratio: number) => string;
    target?: string;
    /** null: the target is a ratio and the baseline could not be measured. */
    pass?: (value: number, ratio: number | null) => boolean | null;
  } = {},
): Figure {
  const unit = options.unit ?? 'ms';
  const format = unit === 'ms' ? formatMs : formatMb;
  const target = options.target ?? '—';
  if (!samples?.length) {
    return {
      figure: name,
      value: null,
      unit,
      display: '—',
      baseline: null,
      ratio: null,
      ratioDisplay: '—',
      target,
      result: 'not measured',
      samples: [],
    };
  }
  const value = (options.value ?? median)(samples);
  const base = options.baseline?.samples.length
    ? { tool: options.baseline.tool, value: median(options.baseline.samples) }
    : null;
  const ratio = base ? (options.ratio ?? ((v, b) => v / b))(value, base.value) : null;
  return {
    figure: name,
    value,
    unit,
    display: format(value),
    baseline: base ? { ...base, display: `${base.tool}: ${format(base.value)}` } : null,
    ratio,
    ratioDisplay: ratio === null ? '—' : (options.ratioDisplay ?? formatRatio)(ratio),
    target,
    result: verdict(options.pass?.(value, ratio)),
    samples,
  };
}

/** Durations of the cold index's phases (from one phase's start to the next's), median over runs. */
function phaseDurations(runs: ColdIndexRun[]): Record<string, number> {
  const order = ['scanning', 'parsing', 'extracting', 'grouping', 'done'] as const;
  const per: Record<string, number[]> = {};
  for (const run of runs) {
    const seen = order.filter((p) => run.phases[p] !== undefined);
    seen.forEach((phase, i) => {
      if (phase === 'done') return;
      const next = seen[i + 1];
      const end = next ? run.phases[next]! : run.totalMs;
      (per[phase] ??= []).push(end - run.phases[phase]!);
    });
  }
  return Object.fromEntries(Object.entries(per).map(([phase, values]) => [phase, median(values)]));
}

async function measure(args: Args, corpus: Corpus, work: string, report: Report): Promise<void> {
  const notMeasured = report.notMeasured;
  const details = report.details;
  const fail = (what: string, error: unknown) => {
    // eslint-disable-next-line no-control-regex
    const text = String((error as Error).message ?? error).replace(/\u001b\[[0-9;]*m/g, '');
    const message = `${what}: ${text.split('\n')[0]!.trim()}`;
    notMeasured.push(message);
    log(`  could not measure ${message}`);
  };

  let tools = true;
  try {
    details['rg'] = requireTool(RG, 'rg', 'apt-get install -y ripgrep');
    requireTool(CAT, 'cat', 'apt-get install -y coreutils');
  } catch (error) {
    tools = false;
    fail('the cat/rg baselines', error);
  }

  // The app's build: its parse worker is what the cold index runs (as the app does), its renderer what Chromium shows.
  if (args.build) {
    log('building the app (npx electron-vite build) …');
    const build = spawnSync('npx', ['electron-vite', 'build'], {
      cwd: REPO,
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
    if (build.status !== 0)
      fail('the build', new Error(`npx electron-vite build failed: ${(build.stderr ?? '').trim().slice(-400)}`));
  }
  const workerFile = freshBuiltWorker();
  details['parseWorker'] = workerFile ? 'built (out/main/parse-worker.js)' : 'TypeScript source through tsx';
  log(
    workerFile
      ? 'cold index with the built parse worker'
      : 'cold index with the TypeScript parse worker (no fresh build: pass --build to measure what the app runs)',
  );

  // 1, 2, 6 — cold index runs, each in a process of its own, with the baselines interleaved so drift hits both.
  const cold: ColdIndexRun[] = [];
  const catRg: number[] = [];
  const bareFts: number[] = [];
  let built: { profile: string; indexPath: string } | null = null;
  for (let run = 0; run < args.coldRuns; run++) {
    if (tools) {
      try {
        const cat = await timeCat(corpus.root, corpus.files);
        const rg = await timeRg(corpus.root, ['probation']);
        catRg.push(cat + rg);
        log(`cold run ${run + 1}/${args.coldRuns}: cat ${formatMs(cat)} + rg ${formatMs(rg)}`);
      } catch (error) {
        fail('cat + rg', error);
        tools = false;
      }
    }
    const profile = join(work, `profile-${run}`);
    const indexPath = indexPathFor(profile, corpus.root);
    try {
      log(`cold run ${run + 1}/${args.coldRuns}: indexing ${corpus.files.length} files in a child process …`);
      const result = await runColdIndex(corpus.root, indexPath, workerFile ?? undefined);
      cold.push(result);
      log(
        `  post list ${formatMs(result.postListMs)}, full text ${formatMs(result.totalMs)}, peak RSS ${formatMb(result.maxRssBytes)}, index ${formatMb(result.sqliteBytes + result.walBytes)}`,
      );
    } catch (error) {
      fail('the cold index', error);
      rmSync(profile, { recursive: true, force: true });
      break;
    }
    try {
      const bare = timeBareFts(indexPath, work);
      bareFts.push(bare.ms);
      details['bareFtsRows'] = bare.rows;
      log(`  bare FTS5 bulk insert of ${bare.rows} texts: ${formatMs(bare.ms)}`);
    } catch (error) {
      fail('the bare FTS5 insert', error);
    }
    if (built) rmSync(built.profile, { recursive: true, force: true });
    built = { profile, indexPath };
  }
  report.figures.push(
    figure(
      'Cold first post list',
      cold.map((r) => r.postListMs),
      {
        baseline: { tool: 'cat + rg -c', samples: catRg },
        target: '≤ 3× cat + rg',
        pass: (_v, ratio) => (ratio === null ? null : ratio <= 3),
      },
    ),
    figure(
      'Complete full-text index (cold)',
      cold.map((r) => r.totalMs),
      {
        baseline: { tool: 'FTS5 bulk insert', samples: bareFts },
        target: '≤ 1.5× bulk insert',
        pass: (_v, ratio) => (ratio === null ? null : ratio <= 1.5),
      },
    ),
  );
  if (cold.length) {
    const last = cold[cold.length - 1]!;
    details['coldIndex'] = {
      runs: cold.map((r) => ({
        postListMs: r.postListMs,
        totalMs: r.totalMs,
        maxRssBytes: r.maxRssBytes,
        phases: r.phases,
      })),
      phaseMs: phaseDurations(cold),
      counts: {
        posts: last.result.posts,
        comments: last.result.comments,
        articles: last.result.articles,
        problems: last.result.problems,
        files: last.result.files,
      },
      indexBytesOpen: { sqlite: last.sqliteBytes, wal: last.walBytes },
      indexBytesClosed: last.closedBytes,
    };
  }

  // 3 — warm reopen of the last built index: nothing changed.
  const warm: number[] = [];
  let posts: PostSummary[] = [];
  if (built) {
    try {
      for (let run = 0; run < args.runs; run++) {
        const started = performance.now();
        const db = openIndexDb(built.indexPath);
        try {
          const result = await updateIndex(db, corpus.root);
          posts = indexQueries(db).posts();
          warm.push(performance.now() - started);
          if (result.parsed) throw new Error(`a warm reopen parsed ${result.parsed} files again`);
        } finally {
          db.close();
        }
      }
      log(`warm reopen: ${warm.map((ms) => formatMs(ms)).join(', ')}`);
    } catch (error) {
      fail('the warm reopen', error);
    }
  }
  report.figures.push(
    figure('Warm reopen (open + update + post list)', warm, { target: '< 0.5 s', pass: (v) => v < 500 }),
  );

  // 4 — search latency over 50 queries, with rg -c -i for the same words interleaved.
  const perQuery: { query: BenchQuery; ms: number[]; rgMs: number[]; hits: number | null }[] = [];
  if (built) {
    const db = openIndexDb(built.indexPath);
    try {
      const queries = buildQueries(db);
      for (const query of queries) perQuery.push({ query, ms: [], rgMs: [], hits: 0 });
      for (let run = 0; run < args.runs; run++) {
        for (const entry of perQuery) {
          const started = performance.now();
          entry.hits = search(db, entry.query.text).totalHits;
          entry.ms.push(performance.now() - started);
          if (tools) entry.rgMs.push(await timeRg(corpus.root, entry.query.rg, { ignoreCase: true }));
        }
        log(`search pass ${run + 1}/${args.runs}: worst ${formatMs(max(perQuery.map((e) => e.ms[run]!)))}`);
      }
    } catch (error) {
      fail('search', error);
      perQuery.length = 0;
    } finally {
      db.close();
    }
  }
  const searchMedians = perQuery.map((e) => median(e.ms));
  const rgMedians = perQuery.filter((e) => e.rgMs.length).map((e) => median(e.rgMs));
  const speedups = perQuery.filter((e) => e.rgMs.length).map((e) => median(e.rgMs) / median(e.ms));
  const rgFaster = (ratio: number) => `${ratio < 10 ? ratio.toFixed(1) : Math.round(ratio)}× faster`;
  report.figures.push(
    // The rg comparison is the last search row (the median of per-query ratios), not p50 ÷ p50.
    {
      ...figure('Search p50 (50 queries)', searchMedians, { baseline: { tool: 'rg -c -i', samples: rgMedians } }),
      ratio: null,
      ratioDisplay: '—',
    },
    figure('Search p95', searchMedians, { value: (s) => quantile(s, 0.95), target: '< 20 ms', pass: (v) => v < 20 }),
    figure('Search max', searchMedians, { value: max, target: '< 150 ms', pass: (v) => v < 150 }),
    {
      ...figure('Search vs rg (median of per-query ratios)', speedups.length ? speedups : null, {
        target: '≥ 10× faster',
        pass: (v) => v >= 10,
      }),
      unit: 'ratio',
      display: speedups.length ? rgFaster(median(speedups)) : '—',
      baseline: rgMedians.length
        ? { tool: 'rg -c -i', value: median(rgMedians), display: `rg -c -i: ${formatMs(median(rgMedians))}` }
        : null,
      ratio: speedups.length ? median(speedups) : null,
      ratioDisplay: speedups.length ? rgFaster(median(speedups)) : '—',
    },
  );
  if (perQuery.length) {
    details['search'] = {
      worstSingleMs: max(perQuery.flatMap((e) => e.ms)),
      firstPassMaxMs: max(perQuery.map((e) => e.ms[0]!)),
      byKind: Object.fromEntries(
        [...new Set(perQuery.map((e) => e.query.kind))].map((kind) => {
          const of = perQuery.filter((e) => e.query.kind === kind).map((e) => median(e.ms));
          return [kind, { queries: of.length, medianMs: median(of), maxMs: max(of) }];
        }),
      ),
      slowest: [...perQuery]
        .sort((a, b) => median(b.ms) - median(a.ms))
        .slice(0, 5)
        .map((e) => ({ query: e.query.text, kind: e.query.kind, ms: median(e.ms), hits: e.hits })),
      queries: perQuery.map((e) => ({
        query: e.query.text,
        kind: e.query.kind,
        ms: median(e.ms),
        rgMs: e.rgMs.length ? median(e.rgMs) : null,
        hits: e.hits,
      })),
    };
  }

  // 5 — the longest thread in Chromium.
  let thread: ThreadBench | null = null;
  if (!args.browser) details['skipped'] = ['the thread in Chromium (--no-browser)'];
  else if (!built || !posts.length) notMeasured.push('the thread in Chromium: no index to open');
  else {
    try {
      checkBrowserPrerequisites();
      log(`opening the longest thread in Chromium (${args.runs} runs) …`);
      thread = await benchThread({ library: corpus.root, profileDir: built.profile, posts, runs: args.runs, log });
      details['thread'] = {
        post: thread.post,
        chromium: thread.chromium,
        rendererBuilt: thread.rendererBuilt,
        runs: thread.runs,
      };
    } catch (error) {
      fail('the thread in Chromium', error);
    }
  }
  const threadName = thread ? `${thread.post.comments.toLocaleString('en')}-comment thread` : 'longest thread';
  report.figures.push(
    figure(`Open the ${threadName}: first paint of comment 1`, thread?.runs.map((r) => r.firstPaintMs) ?? null, {
      target: '< 150 ms',
      pass: (v) => v < 150,
    }),
    figure(`Open the ${threadName}: the whole thread in the page`, thread?.runs.map((r) => r.wholeThreadMs) ?? null),
    figure(
      `Open the ${threadName}: its quoted-article cards shown`,
      thread?.runs.map((r) => r.articlesShownMs) ?? null,
    ),
    figure(`Scroll the ${threadName} to its last comment`, thread?.runs.map((r) => r.scrollToEndMs) ?? null),
  );

  // 6 — memory and size, from the cold runs.
  report.figures.push(
    figure(
      'Peak RSS while indexing (cold)',
      cold.map((r) => r.maxRssBytes),
      { unit: 'bytes', value: max, target: '< 300 MB', pass: (v) => v < 300e6 },
    ),
    figure(
      'Index on disk (.sqlite + -wal of the index and its shards, open)',
      cold.map((r) => r.sqliteBytes + r.walBytes),
      { unit: 'bytes', baseline: { tool: 'corpus', samples: [corpus.bytes] } },
    ),
  );
}

export function formatTable(report: Report): string {
  const rows = report.figures.map(
    (f) =>
      `| ${f.figure} | ${f.display} | ${f.baseline?.display ?? '—'} | ${f.ratioDisplay} | ${f.target} | ${f.result} |`,
  );
  return [
    '| Figure | Median | Baseline | Ratio | Target | Result |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

function formatDetails(report: Report): string[] {
  const lines: string[] = [];
  const cold = report.details['coldIndex'] as
    | {
        phaseMs: Record<string, number>;
        counts: Record<string, number>;
        indexBytesOpen: { sqlite: number; wal: number };
        indexBytesClosed: number;
      }
    | undefined;
  if (cold) {
    const total = Object.values(cold.phaseMs).reduce((a, b) => a + b, 0);
    const phases = Object.entries(cold.phaseMs)
      .map(([phase, ms]) => `${phase} ${formatMs(ms)} (${Math.round((ms / total) * 100)}%)`)
      .join(', ');
    lines.push(`- Cold index phases (median): ${phases}.`);
    const c = cold.counts;
    lines.push(
      `- Indexed ${c['files']} files: ${c['posts']} posts, ${c['comments']} comments, ${c['articles']} articles, ${c['problems']} problems; ` +
        `${report.details['bareFtsRows'] ?? '?'} search texts. Index ${formatMb(cold.indexBytesOpen.sqlite)} + ${formatMb(cold.indexBytesOpen.wal)} WAL while open, ${formatMb(cold.indexBytesClosed)} once closed.`,
    );
  }
  const search = report.details['search'] as
    | {
        worstSingleMs: number;
        firstPassMaxMs: number;
        byKind: Record<string, { medianMs: number; maxMs: number }>;
        slowest: { query: string; ms: number }[];
      }
    | undefined;
  if (search) {
    const kinds = Object.entries(search.byKind)
      .map(([kind, k]) => `${kind} ${formatMs(k.medianMs)} (max ${formatMs(k.maxMs)})`)
      .join(', ');
    lines.push(`- Search by kind (median of per-query medians): ${kinds}.`);
    lines.push(
      `- Slowest queries: ${search.slowest.map((s) => `${s.query} ${formatMs(s.ms)}`).join(', ')}; worst single run ${formatMs(search.worstSingleMs)}, worst on the first pass ${formatMs(search.firstPassMaxMs)}.`,
    );
  }
  const thread = report.details['thread'] as
    | {
        post: { title: string; lastCommentId: string };
        chromium: string;
        rendererBuilt: string;
        runs: { coreMs: number }[];
      }
    | undefined;
  if (thread) {
    lines.push(
      `- Thread: "${thread.post.title}" (last comment ${thread.post.lastCommentId}); posts.get in main alone ${formatMs(median(thread.runs.map((r) => r.coreMs)))}; ` +
        `Chromium ${thread.chromium}, renderer built ${thread.rendererBuilt}.`,
    );
  }
  return lines;
}

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (typeof args === 'string') {
    console.error(`${args}\n\n${USAGE}`);
    return 2;
  }
  const machine = describeMachine();
  const work = mkdtempSync(join(tmpdir(), 'threadline-bench-'));
  let corpus: Corpus | null = null;
  const cleanup = () => {
    if (!args.keep) rmSync(work, { recursive: true, force: true });
    if (corpus?.generated && !args.keep) rmSync(corpus.root, { recursive: true, force: true });
  };
  const interrupted = () => {
    cleanup();
    process.exit(130);
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  const started = performance.now();
  try {
    try {
      corpus = await resolveCorpus(args.corpus, log);
    } catch (error) {
      console.error(`bench could not measure anything: no corpus (${(error as Error).message})`);
      return 1;
    }
    log(
      `bench: ${corpus.files.length} files (${formatMb(corpus.bytes)}) in ${corpus.root}; ${args.runs} runs, ${args.coldRuns} cold; work in ${work}`,
    );
    const report: Report = {
      machine,
      corpus: { root: corpus.root, files: corpus.files.length, bytes: corpus.bytes, generated: corpus.generated },
      runs: args.runs,
      coldRuns: args.coldRuns,
      figures: [],
      details: {},
      notMeasured: [],
    };
    await measure(args, corpus, work, report);
    report.details['benchSeconds'] = Math.round((performance.now() - started) / 1000);
    if (args.keep) log(`kept ${work}`);
    if (args.json) console.log(JSON.stringify(report, null, 2));
    else {
      const rg = report.details['rg'] ? `, ${String(report.details['rg'])}` : '';
      console.log(
        `Corpus: ${report.corpus.files.toLocaleString('en')} files, ${formatMb(report.corpus.bytes)} (${report.corpus.root}); ` +
          `medians of ${args.runs} runs (cold index: ${args.coldRuns}).\n`,
      );
      console.log(formatTable(report));
      console.log('');
      for (const line of formatDetails(report)) console.log(line);
      console.log(`\nMachine: ${formatMachine(machine)}${rg}. Bench took ${report.details['benchSeconds']} s.`);
      if (report.notMeasured.length)
        console.log(`\nNot measured:\n${report.notMeasured.map((m) => `- ${m}`).join('\n')}`);
    }
    if (report.notMeasured.length) {
      console.error(
        `bench: ${report.notMeasured.length} figure group(s) could not be measured: ${report.notMeasured.join('; ')}`,
      );
      return 1;
    }
    return 0;
  } finally {
    process.off('SIGINT', interrupted).off('SIGTERM', interrupted);
    cleanup();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
