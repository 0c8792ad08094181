/**
 * Threadline's performance figures on big libraries, at several sizes side by side (5,000 and
 * 20,000 posts by default), each as a median of several runs and as a ratio to a plain tool
 * measured in the same run, against its target:
 *
 *   npm run bench [-- --posts 5000,20000 | --corpus <dir>] [--runs 5] [--cold-runs 3] [--change-runs 3] [--json] [--build] [--no-browser] [--keep]
 *   npm run bench -- --table report.json     (the Markdown of a saved --json report)
 *
 * Each size's library is /tmp/corpusNk (generated there when missing). Prints a Markdown table
 * (or JSON with --json) and the machine it ran on; progress goes to stderr. A missed target is a
 * figure, not a failure; the exit status is 1 only when something could not be measured (and
 * says what).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { openIndexDb } from '../main/core/index/db';
import { indexQueries } from '../main/core/index/queries';
import { search } from '../main/core/index/search';
import { updateIndex } from '../main/core/index/update';
import { indexPathFor } from '../main/core/service';
import type { PostSummary } from '../preload/api';
import { parseArgs, sizeLabel, USAGE, type Args } from './bench/args';
import { benchThread, checkBrowserPrerequisites, type ThreadBench } from './bench/browser';
import { copyLibrary, measureChangeCost, type ChangeKind, type ChangeRun } from './bench/change-cost';
import { timeCliStart } from './bench/cli-start';
import { runColdIndex, type ColdIndexRun } from './bench/cold-index';
import { resolveCorpus, resolveSizedCorpus, type Corpus } from './bench/corpus';
import { figure } from './bench/figures';
import { timeBareFts } from './bench/fts-baseline';
import { timeFtsBulkLoad, type FtsBulkRun } from './bench/fts-bulk';
import { timeHostilePages } from './bench/html-pages';
import { describeMachine } from './bench/machine';
import { buildQueries, type BenchQuery } from './bench/queries';
import { measureReader, type ReaderRun } from './bench/reader';
import { formatReport, type Report, type SizeReport } from './bench/report';
import { formatMb, formatMs, max, median, quantile } from './bench/stats';
import { CAT, RG, requireTool, timeCat, timeRg } from './bench/tools';

export type { Figure } from './bench/figures';

const REPO = resolve(import.meta.dirname, '..');

/** The built parse worker, when it is newer than every source file it is built from; else null. */
function freshBuiltWorker(): string | null {
  const worker = join(REPO, 'out/main/parse-worker.js');
  if (!existsSync(worker)) return null;
  const builtAt = statSync(worker).mtimeMs;
  const sources = readdirSync(join(REPO, 'main/core'), { recursive: true }).map(String);
  return sources.every((file) => statSync(join(REPO, 'main/core', file)).mtimeMs <= builtAt) ? worker : null;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

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

/** What a size's measuring shares. */
interface Context {
  args: Args;
  workerFile: string | null;
  tools: boolean;
}

/** A size being measured: its library, its report so far, and its cold runs. */
interface SizeState {
  ctx: Context;
  corpus: Corpus;
  label: string;
  work: string;
  /** The hard-linked copy of the library everything is measured on. */
  root: string;
  report: SizeReport;
  say: (line: string) => void;
  fail: (what: string, error: unknown) => void;
  tools: boolean;
  cold: ColdIndexRun[];
  catRg: number[];
  bareFts: number[];
  bulk: FtsBulkRun[];
  /** The index of the last cold run, which the later figures use. */
  built: { profile: string; indexPath: string } | null;
  coldFailed: boolean;
}

function startSize(ctx: Context, corpus: Corpus, label: string, work: string): SizeState {
  const report: SizeReport = {
    label,
    corpus: { root: corpus.root, files: corpus.files.length, bytes: corpus.bytes, generated: corpus.generated },
    figures: [],
    details: {},
    notMeasured: [],
  };
  const say = (line: string) => log(`[${label}] ${line}`);
  const fail = (what: string, error: unknown) => {
    // eslint-disable-next-line no-control-regex
    const text = String((error as Error).message ?? error).replace(/\u001b\[[0-9;]*m/g, '');
    const message = `${what}: ${text.split('\n')[0]!.trim()}`;
    report.notMeasured.push(message);
    say(`could not measure ${message}`);
  };
  // Everything runs on a copy of the library (hard links: no bytes copied), which the change
  // figures change at the end; the original folder is only read.
  const root = join(work, `library-${label}`);
  copyLibrary(corpus.root, root);
  say(`${corpus.files.length} files (${formatMb(corpus.bytes)}) from ${corpus.root}, measured in a copy at ${root}`);
  return {
    ctx,
    corpus,
    label,
    work,
    root,
    report,
    say,
    fail,
    tools: ctx.tools,
    cold: [],
    catRg: [],
    bareFts: [],
    bulk: [],
    built: null,
    coldFailed: false,
  };
}

/**
 * One cold index run of a size, in a process of its own, with its baselines beside it so drift
 * hits them all; the sizes' runs are interleaved (5k, 20k, 5k, 20k, …) so it hits the scaling too.
 */
async function coldRun(state: SizeState, run: number): Promise<void> {
  const { ctx, corpus, root, work, say, fail, label } = state;
  if (state.coldFailed) return;
  const of = `cold run ${run + 1}/${ctx.args.coldRuns}`;
  if (state.tools) {
    try {
      const cat = await timeCat(root, corpus.files);
      const rg = await timeRg(root, ['probation']);
      state.catRg.push(cat + rg);
      say(`${of}: cat ${formatMs(cat)} + rg ${formatMs(rg)}`);
    } catch (error) {
      fail('cat + rg', error);
      state.tools = false;
    }
  }
  const profile = join(work, `profile-${label}-${run}`);
  const indexPath = indexPathFor(profile, root);
  try {
    say(`${of}: indexing ${corpus.files.length} files in a child process …`);
    const result = await runColdIndex(root, indexPath, ctx.workerFile ?? undefined);
    state.cold.push(result);
    say(
      `  post list ${formatMs(result.postListMs)}, full text ${formatMs(result.totalMs)}, peak RSS ${formatMb(result.maxRssBytes)}, index ${formatMb(result.sqliteBytes + result.walBytes)}`,
    );
  } catch (error) {
    fail('the cold index', error);
    rmSync(profile, { recursive: true, force: true });
    state.coldFailed = true;
    return;
  }
  try {
    const bare = timeBareFts(indexPath, work);
    state.bareFts.push(bare.ms);
    state.report.details['bareFtsRows'] = bare.rows;
    say(`  bare FTS5 insert (WAL) of ${bare.rows} texts: ${formatMs(bare.ms)}`);
  } catch (error) {
    fail('the bare FTS5 insert', error);
  }
  try {
    const loaded = await timeFtsBulkLoad(root, corpus.files, work);
    state.bulk.push(loaded);
    say(
      `  FTS5 bulk load (one thread, journal off, parse included) of ${loaded.rows} texts: ${formatMs(loaded.ms)} (parsing ${formatMs(loaded.parseMs)}), peak RSS ${formatMb(loaded.maxRssBytes)}`,
    );
  } catch (error) {
    fail('the FTS5 bulk load', error);
  }
  if (state.built) rmSync(state.built.profile, { recursive: true, force: true });
  state.built = { profile, indexPath };
}

/** Every other figure of a size, on the index of its last cold run; the change figures last, as they change the copy. */
async function finishSize(state: SizeState): Promise<SizeReport> {
  const { ctx, corpus, root, work, report, say, fail, cold, catRg, bareFts, bulk, built } = state;
  const { args, workerFile } = ctx;
  const { details, notMeasured } = report;
  const tools = state.tools;
  const coldMs = cold.map((r) => r.totalMs);
  report.figures.push(
    figure(
      'postList',
      'Cold first post list ÷ cat + rg -c',
      cold.map((r) => r.postListMs),
      {
        baseline: { tool: 'cat + rg -c', samples: catRg },
        target: '≤ 3×',
        pass: (_v, ratio) => (ratio === null ? null : ratio <= 3),
      },
    ),
    figure('indexVsInsert', 'Full-text index, cold ÷ bare FTS5 insert (WAL)', coldMs, {
      baseline: { tool: 'insert', samples: bareFts },
      target: '≤ 1.5×',
      pass: (_v, ratio) => (ratio === null ? null : ratio <= 1.5),
      scaleMax: 4.4,
    }),
    figure('indexVsBulk', 'Full-text index, cold ÷ plain FTS5 bulk load (1 thread, journal off, parse incl.)', coldMs, {
      baseline: { tool: 'bulk load', samples: bulk.map((b) => b.ms) },
      target: '≤ 1.5×',
      pass: (_v, ratio) => (ratio === null ? null : ratio <= 1.5),
    }),
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
  if (bulk.length)
    details['bulkLoad'] = {
      runs: bulk,
      medianMs: median(bulk.map((b) => b.ms)),
      medianParseMs: median(bulk.map((b) => b.parseMs)),
    };

  // 3 — warm reopen of the last built index: nothing changed.
  const warm: number[] = [];
  let posts: PostSummary[] = [];
  if (built) {
    try {
      for (let run = 0; run < args.runs; run++) {
        const started = performance.now();
        const db = openIndexDb(built.indexPath);
        try {
          const result = await updateIndex(db, root);
          posts = indexQueries(db).posts();
          warm.push(performance.now() - started);
          if (result.parsed) throw new Error(`a warm reopen parsed ${result.parsed} files again`);
        } finally {
          db.close();
        }
      }
      say(`warm reopen: ${warm.map((ms) => formatMs(ms)).join(', ')}`);
    } catch (error) {
      fail('the warm reopen', error);
    }
  }
  report.figures.push(
    figure('warm', 'Warm reopen (open + update + post list)', warm, { target: '< 0.5 s', pass: (v) => v < 500 }),
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
          if (tools) entry.rgMs.push(await timeRg(root, entry.query.rg, { ignoreCase: true }));
        }
        say(`search pass ${run + 1}/${args.runs}: worst ${formatMs(max(perQuery.map((e) => e.ms[run]!)))}`);
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
      ...figure('searchP50', 'Search p50 (50 queries)', searchMedians, {
        baseline: { tool: 'rg -c -i', samples: rgMedians },
      }),
      ratio: null,
      ratioDisplay: '—',
    },
    figure('searchP95', 'Search p95', searchMedians, {
      value: (s) => quantile(s, 0.95),
      target: '< 30 ms',
      pass: (v) => v < 30,
    }),
    figure('searchMax', 'Search max', searchMedians, { value: max, target: '< 150 ms', pass: (v) => v < 150 }),
    {
      ...figure('searchVsRg', 'Search vs rg (median of per-query ratios)', speedups.length ? speedups : null, {
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

  // 5 — the reader's memory: the library open through the service, posts opened, every query run.
  let reader: ReaderRun | null = null;
  if (built && perQuery.length) {
    try {
      say('reader memory: opening the library through the service in a child process …');
      reader = await measureReader(
        root,
        built.profile,
        perQuery.map((e) => e.query.text),
        work,
        workerFile ?? undefined,
      );
      details['reader'] = reader;
      say(
        `  RssAnon ${formatMb(reader.maxRssAnon)} at most (RssFile ${formatMb(reader.rssFileAtMax)} then), peak RSS ${formatMb(reader.searched.vmHwm)}`,
      );
    } catch (error) {
      fail('the reader memory', error);
    }
  } else notMeasured.push('the reader memory: no index or no queries');
  report.figures.push({
    ...figure(
      'readerAnon',
      'Reader memory, anonymous (RssAnon), library open and searched',
      reader ? [reader.maxRssAnon] : null,
      {
        unit: 'bytes',
        target: '< 300 MB',
        pass: (v) => v < 300e6,
      },
    ),
    ...(reader
      ? {
          baseline: {
            tool: 'RssFile',
            value: reader.maxRssFile,
            display: `RssFile: ${formatMb(reader.maxRssFile)} at most`,
          },
        }
      : {}),
  });

  // 6 — the longest thread in Chromium, as many runs at every size (the first opens it cold).
  let thread: ThreadBench | null = null;
  const threadRuns = args.runs;
  if (!args.browser) details['skipped'] = ['the thread in Chromium (--no-browser)'];
  else if (!built || !posts.length) notMeasured.push('the thread in Chromium: no index to open');
  else {
    try {
      checkBrowserPrerequisites();
      say(`opening the longest thread in Chromium (${threadRuns} run${threadRuns === 1 ? '' : 's'}) …`);
      thread = await benchThread({ library: root, profileDir: built.profile, posts, runs: threadRuns, log: say });
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
    figure(
      'threadFirstPaint',
      `Open the ${threadName}: first paint of comment 1`,
      thread?.runs.map((r) => r.firstPaintMs) ?? null,
      { target: '< 150 ms', pass: (v) => v < 150 },
    ),
    figure(
      'threadWhole',
      `Open the ${threadName}: the whole thread in the page`,
      thread?.runs.map((r) => r.wholeThreadMs) ?? null,
    ),
    figure(
      'threadArticles',
      `Open the ${threadName}: its quoted-article cards shown`,
      thread?.runs.map((r) => r.articlesShownMs) ?? null,
    ),
    figure(
      'threadScroll',
      `Scroll the ${threadName} to its last comment`,
      thread?.runs.map((r) => r.scrollToEndMs) ?? null,
    ),
  );

  // 7 — what one change costs (edit, add, remove a file) with the index built. Last: it changes the copy.
  const changes: ChangeRun[] = [];
  if (built) {
    const db = openIndexDb(built.indexPath);
    try {
      say(`changes: ${args.changeRuns} rounds of edit, add and remove …`);
      changes.push(
        ...(await measureChangeCost(db, root, corpus.files, args.changeRuns, {
          ...(workerFile ? { workerFile } : {}),
          log: say,
        })),
      );
      details['changes'] = changes;
    } catch (error) {
      fail('the change cost', error);
    } finally {
      db.close();
    }
  }
  const changeFigure = (kind: ChangeKind, name: string) =>
    figure(
      `change-${kind}`,
      name,
      changes.filter((c) => c.kind === kind).map((c) => c.ms),
      { target: '< 0.5 s', pass: (v) => v < 500 },
    );
  report.figures.push(
    changeFigure('edit', 'One file edited (a comment added): re-indexed, regrouped, searchable'),
    changeFigure('add', 'One file added: re-indexed, regrouped, searchable'),
    changeFigure('remove', 'One file removed: gone from the index and search'),
  );

  // 8 — memory and size, from the cold runs.
  report.figures.push(
    figure(
      'indexPeakRss',
      'Peak RSS while indexing (cold)',
      cold.map((r) => r.maxRssBytes),
      { unit: 'bytes', value: max, target: '< 300 MB', pass: (v) => v < 300e6 },
    ),
    figure(
      'indexBytes',
      'Index on disk (.sqlite + -wal of the index and its shards, open)',
      cold.map((r) => r.sqliteBytes + r.walBytes),
      { unit: 'bytes', baseline: { tool: 'corpus', samples: [corpus.bytes] } },
    ),
  );
  details['threadRuns'] = threadRuns;

  if (!args.keep) {
    if (built) rmSync(built.profile, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  }
  return report;
}

/** The figures that do not depend on a library: the command line's start. */
async function measureOnce(args: Args, report: Report): Promise<void> {
  try {
    log(`CLI start: node bin/threadline.mjs --help and node -e 0, ${args.cliRuns} runs each, interleaved …`);
    const start = await timeCliStart(args.cliRuns);
    report.details['cliStart'] = start;
    report.once.push(
      figure('cliStart', 'CLI start (node bin/threadline.mjs --help) ÷ node -e 0', start.cli, {
        baseline: { tool: 'node -e 0', samples: start.node },
        target: '≤ 3×',
        pass: (_v, ratio) => (ratio === null ? null : ratio <= 3),
      }),
    );
  } catch (error) {
    const message = `the CLI start: ${(error as Error).message.split('\n')[0]}`;
    report.notMeasured.push(message);
    log(`could not measure ${message}`);
    report.once.push(figure('cliStart', 'CLI start (node bin/threadline.mjs --help) ÷ node -e 0', null));
  }
  log('Hostile saved pages: the HTML reader on deep, long and cut-short pages, 3 runs each …');
  const hostile = timeHostilePages(3);
  report.details['htmlHostile'] = hostile;
  report.once.push(
    figure('htmlHostile', 'Slowest hostile saved page, read (median of 3)', Object.values(hostile).map(median), {
      value: max,
      target: '< 5 s',
      pass: (v) => v < 5000,
    }),
  );
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
  if (args.table) {
    // From the first line that opens the JSON: `npm run bench -- --json > file` puts npm's own lines before it.
    const text = readFileSync(args.table, 'utf8');
    console.log(formatReport(JSON.parse(text.slice(Math.max(0, text.search(/^\{/m)))) as Report));
    return 0;
  }
  const machine = describeMachine();
  const work = mkdtempSync(join(tmpdir(), 'threadline-bench-'));
  const generated: string[] = [];
  const cleanup = () => {
    if (args.keep) return;
    rmSync(work, { recursive: true, force: true });
    for (const dir of generated) rmSync(dir, { recursive: true, force: true });
  };
  const interrupted = () => {
    cleanup();
    process.exit(130);
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  const started = performance.now();
  const report: Report = {
    machine,
    runs: args.runs,
    coldRuns: args.coldRuns,
    changeRuns: args.changeRuns,
    cliRuns: args.cliRuns,
    sizes: [],
    once: [],
    details: {},
    notMeasured: [],
  };
  try {
    let tools = true;
    try {
      report.details['rg'] = requireTool(RG, 'rg', 'apt-get install -y ripgrep');
      requireTool(CAT, 'cat', 'apt-get install -y coreutils');
    } catch (error) {
      tools = false;
      report.notMeasured.push(`the cat/rg baselines: ${(error as Error).message}`);
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
        report.notMeasured.push(
          `the build: npx electron-vite build failed: ${(build.stderr ?? '').trim().slice(-400)}`,
        );
    }
    const workerFile = freshBuiltWorker();
    report.details['parseWorker'] = workerFile ? 'built (out/main/parse-worker.js)' : 'TypeScript source through tsx';
    log(
      workerFile
        ? 'indexing with the built parse worker'
        : 'indexing with the TypeScript parse worker (no fresh build: pass --build to measure what the app runs)',
    );
    log(
      `bench: ${args.corpus ?? args.sizes.map(sizeLabel).join(' and ')}; ${args.runs} runs, ${args.coldRuns} cold, ${args.changeRuns} changes; work in ${work}`,
    );

    await measureOnce(args, report);
    const ctx: Context = { args, workerFile, tools };
    const targets: { label: string; get: () => Promise<Corpus> }[] = args.corpus
      ? [{ label: 'corpus', get: () => resolveCorpus(args.corpus, log) }]
      : args.sizes.map((posts) => ({ label: sizeLabel(posts), get: () => resolveSizedCorpus(posts, log) }));
    const states: SizeState[] = [];
    for (const target of targets) {
      let corpus: Corpus;
      try {
        corpus = await target.get();
      } catch (error) {
        report.notMeasured.push(`${target.label}: no library (${(error as Error).message})`);
        log(`[${target.label}] no library: ${(error as Error).message}`);
        continue;
      }
      if (corpus.generated) generated.push(corpus.root);
      states.push(startSize(ctx, corpus, args.corpus ? sizeLabel(corpus.files.length) : target.label, work));
    }
    for (let run = 0; run < args.coldRuns; run++) for (const state of states) await coldRun(state, run);
    for (const state of states) {
      const size = await finishSize(state);
      report.sizes.push(size);
      report.notMeasured.push(...size.notMeasured.map((m) => `${size.label}: ${m}`));
    }
    report.details['loadAtEnd'] = Math.round(loadavg()[0]! * 100) / 100;
    report.details['benchSeconds'] = Math.round((performance.now() - started) / 1000);
    if (args.keep) log(`kept ${work}`);
    console.log(args.json ? JSON.stringify(report, null, 2) : formatReport(report));
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
