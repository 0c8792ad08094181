/** The bench's report and its Markdown (pure: printing a saved --json report needs nothing else). */
import type { ChangeRun } from './change-cost';
import { formatOnce, formatSideBySide, type Figure } from './figures';
import type { FtsBulkRun } from './fts-bulk-child';
import { formatMachine, type Machine } from './machine';
import type { ReaderRun } from './reader-child';
import { formatMb, formatMs, max, median } from './stats';

/** Everything measured on one library. */
export interface SizeReport {
  label: string;
  corpus: { root: string; files: number; bytes: number; generated: boolean };
  figures: Figure[];
  details: Record<string, unknown>;
  notMeasured: string[];
}

export interface Report {
  machine: Machine;
  runs: number;
  coldRuns: number;
  changeRuns: number;
  cliRuns: number;
  sizes: SizeReport[];
  /** Figures that do not depend on the library (the CLI's start). */
  once: Figure[];
  details: Record<string, unknown>;
  notMeasured: string[];
}

/** The lines under the table for one size. */
function formatDetails(size: SizeReport): string[] {
  const lines: string[] = [];
  const d = size.details;
  const cold = d['coldIndex'] as
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
        `${d['bareFtsRows'] ?? '?'} search texts. Index ${formatMb(cold.indexBytesOpen.sqlite)} + ${formatMb(cold.indexBytesOpen.wal)} WAL while open, ${formatMb(cold.indexBytesClosed)} once closed.`,
    );
  }
  const bulk = d['bulkLoad'] as { medianMs: number; medianParseMs: number; runs: FtsBulkRun[] } | undefined;
  if (bulk)
    lines.push(
      `- Plain FTS5 bulk load: ${formatMs(bulk.medianMs)}, of which reading and parsing ${formatMs(bulk.medianParseMs)}; peak RSS ${formatMb(max(bulk.runs.map((r) => r.maxRssBytes)))}.`,
    );
  const search = d['search'] as
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
  const reader = d['reader'] as ReaderRun | undefined;
  if (reader) {
    const m = (x: { rssAnon: number; rssFile: number }) => `${formatMb(x.rssAnon)} + ${formatMb(x.rssFile)} file`;
    lines.push(
      `- Reader (RssAnon + RssFile): post list read ${m(reader.opened)}; ${reader.openedPosts} posts opened ${m(reader.postsOpened)}; ${reader.queries} queries run ${m(reader.searched)}; peak RSS ${formatMb(reader.searched.vmHwm)}.`,
    );
  }
  const changes = d['changes'] as ChangeRun[] | undefined;
  if (changes?.length) {
    const kinds = (['edit', 'add', 'remove'] as const).map((kind) => {
      const of = changes.filter((c) => c.kind === kind);
      return `${kind} ${formatMs(median(of.map((c) => c.updateMs)))} (grouping ${formatMs(median(of.map((c) => c.groupingMs)))})`;
    });
    lines.push(`- Changes, the update alone (median): ${kinds.join(', ')}.`);
  }
  const thread = d['thread'] as
    | {
        post: { title: string; lastCommentId: string };
        chromium: string;
        rendererBuilt: string;
        runs: { coreMs: number }[];
      }
    | undefined;
  if (thread) {
    lines.push(
      `- Thread: "${thread.post.title}" (last comment ${thread.post.lastCommentId}), ${thread.runs.length} run${thread.runs.length === 1 ? '' : 's'}; posts.get in main alone ${formatMs(median(thread.runs.map((r) => r.coreMs)))}; ` +
        `Chromium ${thread.chromium}, renderer built ${thread.rendererBuilt}.`,
    );
  }
  return lines;
}

/** The whole report as Markdown. */
export function formatReport(report: Report): string {
  const out: string[] = [];
  const corpora = report.sizes
    .map(
      (s) =>
        `${s.label}: ${s.corpus.files.toLocaleString('en')} files, ${formatMb(s.corpus.bytes)} (${s.corpus.root}${s.corpus.generated ? ', generated for this run' : ''})`,
    )
    .join('; ');
  out.push(
    `Libraries: ${corpora}. Medians of ${report.runs} runs (cold index: ${report.coldRuns}; changes: ${report.changeRuns}).`,
    '',
  );
  out.push(formatSideBySide(report.sizes.map((s) => ({ label: s.label, figures: s.figures }))));
  if (report.once.length) out.push('', 'Measured once, whatever the library:', '', formatOnce(report.once));
  for (const size of report.sizes) {
    const lines = formatDetails(size);
    if (lines.length) out.push('', `${size.label}:`, ...lines);
  }
  const rg = report.details['rg'] ? `, ${String(report.details['rg'])}` : '';
  const loadAtEnd =
    report.details['loadAtEnd'] === undefined ? '' : `, load ${String(report.details['loadAtEnd'])} at the end`;
  out.push(
    '',
    `Machine: ${formatMachine(report.machine)}${loadAtEnd}${rg}. Bench took ${report.details['benchSeconds']} s.`,
  );
  if (report.notMeasured.length) out.push('', `Not measured:\n${report.notMeasured.map((m) => `- ${m}`).join('\n')}`);
  return out.join('\n');
}
