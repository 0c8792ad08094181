import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSeed } from '../main/core/parse';
import { defaultCorpusDir, parseArgs, parseSizes, sizeLabel, type Args } from './bench/args';
import {
  appendComment,
  changeWord,
  copyLibrary,
  isPlainNumbered,
  pickFiles,
  replaceFile,
  retitle,
} from './bench/change-cost';
import { combinedResult, figure, formatOnce, formatSideBySide, scaleOf, type Figure } from './bench/figures';
import { parseStatus } from './bench/memory';
import { formatReport, type Report, type SizeReport } from './bench/report';
import { generateCorpus } from './corpus';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-test-'));
  temps.push(dir);
  return dir;
};

const args = (argv: string[]): Args => {
  const parsed = parseArgs(argv);
  if (typeof parsed === 'string') throw new Error(`expected arguments, got "${parsed}"`);
  return parsed;
};

describe('bench arguments', () => {
  it('measures 5,000 and 20,000 posts by default, with the default runs', () => {
    expect(args([])).toMatchObject({
      sizes: [5000, 20000],
      corpus: null,
      runs: 5,
      coldRuns: 3,
      changeRuns: 3,
      cliRuns: 10,
      json: false,
      browser: true,
    });
  });

  it('takes one size or several, in any order, as numbers or with k', () => {
    expect(args(['--posts', '20000']).sizes).toEqual([20000]);
    expect(args(['--posts', '20000,5000']).sizes).toEqual([5000, 20000]);
    expect(parseSizes('5k, 20k,5000')).toEqual([5000, 20000]);
    expect(parseSizes('2.5k')).toEqual([2500]);
  });

  it('says what is wrong with a size, a count or an argument', () => {
    expect(parseArgs(['--posts', 'many'])).toMatch(/--posts needs whole numbers/);
    expect(parseArgs(['--posts', '5000,'])).toMatch(/--posts needs whole numbers/);
    expect(parseArgs(['--runs', '0'])).toBe('--runs needs a whole number of at least 1');
    expect(parseArgs(['--runs'])).toBe('--runs needs a value');
    expect(parseArgs(['--corpus', '--json'])).toBe('--corpus needs a value');
    expect(parseArgs(['--fast'])).toBe('unknown argument "--fast"');
    expect(parseArgs(['--help'])).toBe('help');
  });

  it('measures one folder with --corpus, which cannot go with --posts', () => {
    expect(args(['--corpus', '/data/lib'])).toMatchObject({ corpus: '/data/lib', sizes: [] });
    expect(parseArgs(['--corpus', '/data/lib', '--posts', '5000'])).toMatch(/cannot go together/);
  });

  it('derives the cold, change and CLI runs from --runs unless given', () => {
    expect(args(['--runs', '1'])).toMatchObject({ runs: 1, coldRuns: 1, changeRuns: 1, cliRuns: 2 });
    expect(args(['--runs', '2', '--cold-runs', '4', '--change-runs', '5', '--cli-runs', '7'])).toMatchObject({
      coldRuns: 4,
      changeRuns: 5,
      cliRuns: 7,
    });
    expect(args(['--table', 'report.json']).table).toBe('report.json');
    expect(args(['--no-browser', '--json', '--keep', '--build'])).toMatchObject({
      browser: false,
      json: true,
      keep: true,
      build: true,
    });
  });

  it('labels sizes and finds their corpus folders', () => {
    expect([5000, 20000, 2500, 300].map(sizeLabel)).toEqual(['5k', '20k', '2.5k', '300']);
    expect(defaultCorpusDir(5000)).toBe('/tmp/corpus5k');
    expect(defaultCorpusDir(20000)).toBe('/tmp/corpus20k');
    expect(defaultCorpusDir(2500)).toBe('/tmp/corpus2500');
  });
});

const timed = (key: string, samples: number[], baseline: number[], max = 1.5, scaleMax?: number): Figure =>
  figure(key, `Figure ${key}`, samples, {
    baseline: { tool: 'base', samples: baseline },
    target: `≤ ${max}×`,
    pass: (_v, ratio) => (ratio === null ? null : ratio <= max),
    ...(scaleMax === undefined ? {} : { scaleMax }),
  });

describe('bench figures and verdicts', () => {
  it('takes the median, divides by the baseline and checks the target', () => {
    const f = timed('a', [300, 100, 200], [100, 100, 200]);
    expect(f).toMatchObject({ value: 200, ratio: 2, result: 'MISS', display: '200 ms', ratioDisplay: '2.00×' });
    expect(timed('a', [120], [100]).result).toBe('PASS');
  });

  it('leaves a ratio target unjudged when its baseline could not be measured', () => {
    expect(timed('a', [120], []).result).toBe('not measured');
    expect(figure('a', 'A', [], { target: '< 1 s', pass: () => true }).result).toBe('not measured');
    expect(figure('a', 'A', [5]).result).toBe('—');
  });

  it('combines the sizes and the scaling into one result', () => {
    const pass = { label: '5k', result: 'PASS' as const };
    expect(combinedResult([pass, { label: '20k', result: 'PASS' }])).toBe('PASS');
    expect(combinedResult([pass, { label: '20k', result: 'MISS' }])).toBe('MISS (20k)');
    expect(combinedResult([pass, { label: '20k', result: 'PASS' }], { label: '20k/5k', ratio: 4.6, max: 4.4 })).toBe(
      'MISS (20k/5k)',
    );
    expect(combinedResult([{ label: '5k', result: 'MISS' }, pass], { label: '20k/5k', ratio: 4.6, max: 4.4 })).toBe(
      'MISS (5k, 20k/5k)',
    );
    expect(combinedResult([pass, { label: '20k', result: 'not measured' }])).toBe('not measured (20k)');
    expect(combinedResult([pass], { label: '20k/5k', ratio: null, max: 4.4 })).toBe('not measured (20k/5k)');
    expect(combinedResult([{ label: '5k', result: '—' }])).toBe('—');
  });

  it('gives the scaling between two sizes only when both were measured', () => {
    expect(scaleOf(timed('a', [100], [1]), timed('a', [410], [1]))).toBeCloseTo(4.1);
    expect(scaleOf(timed('a', [100], [1]), timed('a', [], [1]))).toBeNull();
    expect(scaleOf(undefined, timed('a', [1], [1]))).toBeNull();
  });

  it('prints the sizes side by side with the scaling, target and result', () => {
    const table = formatSideBySide([
      { label: '5k', figures: [timed('index', [1000], [800], 1.5, 4.4), timed('only5k', [10], [10])] },
      { label: '20k', figures: [timed('index', [4500], [3200], 1.5, 4.4)] },
    ]);
    const lines = table.split('\n');
    expect(lines[0]).toBe('| Figure | 5k | 5k ratio | 20k | 20k ratio | 20k/5k | Target | Result |');
    expect(lines[1]).toBe('| --- | --- | --- | --- | --- | --- | --- | --- |');
    expect(lines[2]).toBe(
      '| Figure index | 1.00 s | 1.25× (base: 800 ms) | 4.50 s | 1.41× (base: 3.20 s) | 4.50× | ≤ 1.5×; 20k/5k ≤ 4.4 | MISS (20k/5k) |',
    );
    expect(lines[3]).toBe('| Figure only5k | 10 ms | 1.00× (base: 10 ms) | — | — | — | ≤ 1.5× | not measured (20k) |');
  });

  it('prints one size without a scaling column, and the figures measured once', () => {
    const table = formatSideBySide([{ label: '20k', figures: [timed('index', [900], [1000], 1.5, 4.4)] }]);
    expect(table.split('\n')[0]).toBe('| Figure | 20k | 20k ratio | Target | Result |');
    expect(table.split('\n')[2]).toBe('| Figure index | 900 ms | 0.90× (base: 1.00 s) | ≤ 1.5× | PASS |');
    expect(formatOnce([timed('cli', [90], [40], 3)]).split('\n')[2]).toBe(
      '| Figure cli | 90 ms | 2.25× (base: 40 ms) | ≤ 3× | PASS |',
    );
  });

  it('reads the memory lines of /proc/self/status', () => {
    const status =
      'Name:\tnode\nVmHWM:\t  250000 kB\nRssAnon:\t  120000 kB\nRssFile:\t   40000 kB\nRssShmem:\t     100 kB\n';
    expect(parseStatus(status)).toEqual({
      rssAnon: 120000 * 1024,
      rssFile: 40000 * 1024,
      rssShmem: 100 * 1024,
      vmHwm: 250000 * 1024,
    });
    expect(() => parseStatus('Name:\tnode\n')).toThrow(/RssAnon/);
  });
});

describe('bench changes to a library', () => {
  const files = [...generateCorpus({ posts: 30, seed: 3, longThread: 40 })];
  const decoder = new TextDecoder();
  const plain = files.filter((f) => isPlainNumbered(f.bytes));

  it('changes only plain UTF-8 files with numbered comments', () => {
    expect(plain.length).toBeGreaterThan(5);
    for (const f of files.filter((f) => f.post?.style.encoding === 'windows-1252' || f.post?.era === 'said'))
      expect(isPlainNumbered(f.bytes), f.path).toBe(false);
    expect(isPlainNumbered(new TextEncoder().encode('Date\r\n\r\nTitle\r\n\r\n1 comment:\r\n\r\n  1. Hi\r\n'))).toBe(
      false,
    );
    expect(isPlainNumbered(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('  1. Hi\n')]))).toBe(false);
  });

  it('appends a comment the parser finds, with the count line raised, and no new problem', () => {
    for (const f of plain) {
      const before = parseSeed(f.bytes, f.path);
      const after = parseSeed(appendComment(decoder.decode(f.bytes), 'zqword'), f.path);
      expect(after.post!.comments).toHaveLength(before.post!.comments.length + 1);
      expect(after.post!.comments.at(-1)!.text).toContain('zqword');
      expect(after.post!.declaredCommentCount).toBe(before.post!.declaredCommentCount! + 1);
      expect(after.problems).toEqual(before.problems);
    }
  });

  it('retitles a post into another post', () => {
    const f = plain[0]!;
    const before = parseSeed(f.bytes, f.path).post!;
    const after = parseSeed(retitle(decoder.decode(f.bytes), 'zqtitle'), f.path).post!;
    expect(after.title).toBe(`${before.title} zqtitle`);
    expect(after.id).not.toBe(before.id);
    expect(after.comments).toHaveLength(before.comments.length);
  });

  it('makes a different word of letters for every change and run', () => {
    const words = (['edit', 'add', 'remove'] as const).flatMap((kind) =>
      Array.from({ length: 60 }, (_, run) => changeWord(kind, run)),
    );
    expect(new Set(words).size).toBe(words.length);
    for (const word of words) expect(word).toMatch(/^[a-z]+$/);
  });

  it('picks files spread over the library, and says when too few can be changed', () => {
    const root = temp();
    for (const f of files) {
      mkdirSync(join(root, f.path, '..'), { recursive: true });
      writeFileSync(join(root, f.path), f.bytes);
    }
    const paths = files.map((f) => f.path);
    const picked = pickFiles(root, paths, 3);
    expect(picked).toHaveLength(3);
    expect(new Set(picked).size).toBe(3);
    for (const p of picked) expect(plain.map((f) => f.path)).toContain(p);
    expect(() => pickFiles(root, paths, 100)).toThrow(/found only/);
  });

  it('changes a hard-linked copy without touching the original', () => {
    const dir = temp();
    const original = join(dir, 'library');
    mkdirSync(join(original, '2014'), { recursive: true });
    writeFileSync(join(original, '2014/a.txt'), 'original text\n');
    const copy = join(dir, 'copy');
    copyLibrary(original, copy);
    expect(readFileSync(join(copy, '2014/a.txt'), 'utf8')).toBe('original text\n');
    replaceFile(join(copy, '2014/a.txt'), 'changed\n');
    rmSync(join(copy, '2014/a.txt'));
    replaceFile(join(copy, '2014/b.txt'), 'added\n');
    expect(readFileSync(join(original, '2014/a.txt'), 'utf8')).toBe('original text\n');
    expect(existsSync(join(original, '2014/b.txt'))).toBe(false);
    expect(statSync(join(original, '2014/a.txt')).nlink).toBe(1);
  });
});

describe('bench report', () => {
  const machine = {
    cpu: 'Test CPU',
    cores: 2,
    ramGb: 8,
    node: 'v20.0.0',
    sqlite: '3.50.0',
    os: 'linux 6',
    load: 1.5,
  };
  const memory = (anon: number, file: number) => ({ rssAnon: anon, rssFile: file, rssShmem: 0, vmHwm: anon + file });
  const size = (label: string, scale: number): SizeReport => ({
    label,
    corpus: { root: `/tmp/corpus${label}`, files: 5000 * scale, bytes: 150e6 * scale, generated: false },
    figures: [timed('index', [8000 * scale], [6000 * scale], 1.5, 4.4)],
    details: {
      bulkLoad: { medianMs: 5000 * scale, medianParseMs: 2000 * scale, runs: [{ maxRssBytes: 150e6 }] },
      reader: {
        opened: memory(100e6, 40e6),
        postsOpened: memory(150e6, 50e6),
        searched: memory(160e6, 200e6),
        openedPosts: 5,
        queries: 50,
      },
      changes: [
        { kind: 'edit', ms: 300, updateMs: 290, groupingMs: 100 },
        { kind: 'add', ms: 250, updateMs: 240, groupingMs: 90 },
        { kind: 'remove', ms: 200, updateMs: 190, groupingMs: 80 },
      ],
    },
    notMeasured: [],
  });
  const report: Report = {
    machine,
    runs: 5,
    coldRuns: 3,
    changeRuns: 3,
    cliRuns: 10,
    sizes: [size('5k', 1), size('20k', 4)],
    once: [timed('cli', [90], [40], 3)],
    details: { benchSeconds: 600, loadAtEnd: 2.25, rg: 'ripgrep 13.0.0' },
    notMeasured: ['20k: the thread in Chromium: no Chromium'],
  };

  it('prints the libraries, the table, what was measured once, each size, the machine and what was not measured', () => {
    const text = formatReport(report);
    expect(text).toContain('Libraries: 5k: 5,000 files, 150 MB (/tmp/corpus5k); 20k: 20,000 files, 600 MB');
    expect(text).toContain('Medians of 5 runs (cold index: 3; changes: 3).');
    expect(text).toContain('| Figure index | 8.00 s | 1.33× (base: 6.00 s) | 32.0 s | 1.33× (base: 24.0 s) | 4.00× |');
    expect(text).toContain('Measured once, whatever the library:');
    expect(text).toContain('| Figure cli | 90 ms | 2.25× (base: 40 ms) | ≤ 3× | PASS |');
    expect(text).toContain(
      '20k:\n- Plain FTS5 bulk load: 20.0 s, of which reading and parsing 8.00 s; peak RSS 150 MB.',
    );
    expect(text).toContain('50 queries run 160 MB + 200 MB file');
    expect(text).toContain(
      'edit 290 ms (grouping 100 ms), add 240 ms (grouping 90 ms), remove 190 ms (grouping 80 ms)',
    );
    expect(text).toContain('load 1.5 at start, load 2.25 at the end, ripgrep 13.0.0. Bench took 600 s.');
    expect(text).toMatch(/Not measured:\n- 20k: the thread in Chromium: no Chromium$/);
  });
});
