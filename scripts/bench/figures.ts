/** The bench's figures, their verdicts and the table that shows sizes side by side (pure). */
import { formatMb, formatMs, formatRatio, median } from './stats';

/** One line of the table, at one library size. */
export interface Figure {
  /** The same at every size: rows are matched by it. */
  key: string;
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
  /** The largest this figure may grow from the smallest size measured to the largest (value ÷ value). */
  scaleMax?: number;
  samples: number[];
}

export const verdict = (pass: boolean | null | undefined): Figure['result'] =>
  pass === undefined ? '—' : pass === null ? 'not measured' : pass ? 'PASS' : 'MISS';

export interface FigureOptions {
  unit?: 'ms' | 'bytes';
  value?: (samples: number[]) => number;
  baseline?: { tool: string; samples: number[] } | null;
  ratio?: (value: number, baseline: number) => number;
  ratioDisplay?: (ratio: number) => string;
  target?: string;
  /** null: the target is a ratio and the baseline could not be measured. */
  pass?: (value: number, ratio: number | null) => boolean | null;
  scaleMax?: number;
}

/** A figure from its samples (null or empty: not measured). */
export function figure(key: string, name: string, samples: number[] | null, options: FigureOptions = {}): Figure {
  const unit = options.unit ?? 'ms';
  const format = unit === 'ms' ? formatMs : formatMb;
  const target = options.target ?? '—';
  const scale = options.scaleMax === undefined ? {} : { scaleMax: options.scaleMax };
  if (!samples?.length) {
    return {
      key,
      figure: name,
      value: null,
      unit,
      display: '—',
      baseline: null,
      ratio: null,
      ratioDisplay: '—',
      target,
      result: 'not measured',
      ...scale,
      samples: [],
    };
  }
  const value = (options.value ?? median)(samples);
  const base = options.baseline?.samples.length
    ? { tool: options.baseline.tool, value: median(options.baseline.samples) }
    : null;
  const ratio = base ? (options.ratio ?? ((v, b) => v / b))(value, base.value) : null;
  return {
    key,
    figure: name,
    value,
    unit,
    display: format(value),
    baseline: base ? { ...base, display: `${base.tool}: ${format(base.value)}` } : null,
    ratio,
    ratioDisplay: ratio === null ? '—' : (options.ratioDisplay ?? formatRatio)(ratio),
    target,
    result: verdict(options.pass?.(value, ratio)),
    ...scale,
    samples,
  };
}

/** A figure's value at the largest size ÷ at the smallest; null when either is missing. */
export function scaleOf(first: Figure | undefined, last: Figure | undefined): number | null {
  if (!first || !last || first.value === null || last.value === null || first.value === 0) return null;
  return last.value / first.value;
}

/**
 * One verdict for a row over every size: PASS when every size (and the scaling, when it has a
 * limit) passes, "MISS (20k)" naming where it missed, "not measured (5k)" when nothing missed
 * but something could not be measured, "—" without targets.
 */
export function combinedResult(
  perSize: { label: string; result: Figure['result'] }[],
  scale?: { label: string; ratio: number | null; max: number },
): string {
  const checks = [...perSize];
  if (scale)
    checks.push({
      label: scale.label,
      result: scale.ratio === null ? 'not measured' : verdict(scale.ratio <= scale.max),
    });
  const missed = checks.filter((c) => c.result === 'MISS').map((c) => c.label);
  const unmeasured = checks.filter((c) => c.result === 'not measured').map((c) => c.label);
  if (missed.length) return `MISS (${missed.join(', ')})`;
  if (unmeasured.length) return `not measured (${unmeasured.join(', ')})`;
  return checks.some((c) => c.result === 'PASS') ? 'PASS' : '—';
}

/** The ratio cell: "1.22× (bare FTS5 insert: 6.41 s)", or "—". */
export function ratioCell(f: Figure | undefined): string {
  if (!f) return '—';
  if (f.ratio === null) return f.baseline ? `(${f.baseline.display})` : '—';
  if (f.unit === 'ratio') return f.baseline ? `(${f.baseline.display})` : '—';
  return f.baseline ? `${f.ratioDisplay} (${f.baseline.display})` : f.ratioDisplay;
}

export interface SizeColumn {
  label: string;
  figures: Figure[];
}

/**
 * The Markdown table: figure | each size's value and ratio | largest ÷ smallest (with two sizes
 * or more) | target | result. Rows in the order they first appear.
 */
export function formatSideBySide(columns: SizeColumn[]): string {
  const keys: string[] = [];
  for (const column of columns) for (const f of column.figures) if (!keys.includes(f.key)) keys.push(f.key);
  const first = columns[0];
  const last = columns[columns.length - 1];
  const scaled = columns.length >= 2 && first && last;
  const scaleLabel = scaled ? `${last.label}/${first.label}` : '';
  const header = [
    'Figure',
    ...columns.flatMap((c) => [c.label, `${c.label} ratio`]),
    ...(scaled ? [scaleLabel] : []),
    'Target',
    'Result',
  ];
  const rows = keys.map((key) => {
    const at = columns.map((c) => c.figures.find((f) => f.key === key));
    const any = at.find((f) => f !== undefined)!;
    const scale = scaled ? scaleOf(at[0], at[at.length - 1]) : null;
    const scaleMax = scaled ? any.scaleMax : undefined;
    const target = scaleMax === undefined ? any.target : `${any.target}; ${scaleLabel} ≤ ${scaleMax}`;
    const result = combinedResult(
      columns.map((c, i) => ({ label: c.label, result: at[i]?.result ?? 'not measured' })),
      scaleMax === undefined ? undefined : { label: scaleLabel, ratio: scale, max: scaleMax },
    );
    return [
      any.figure,
      ...at.flatMap((f) => [f?.display ?? '—', ratioCell(f)]),
      ...(scaled ? [scale === null ? '—' : formatRatio(scale)] : []),
      target,
      result,
    ];
  });
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** The table of figures measured once, whatever the library's size. */
export function formatOnce(figures: Figure[]): string {
  return [
    '| Figure | Median | Ratio | Target | Result |',
    '| --- | --- | --- | --- | --- |',
    ...figures.map((f) => `| ${f.figure} | ${f.display} | ${ratioCell(f)} | ${f.target} | ${f.result} |`),
  ].join('\n');
}
