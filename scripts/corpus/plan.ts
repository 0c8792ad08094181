/**
 * The corpus plan: for every post its date, title, comment count, layout era, file style and
 * path, decided up front from one seeded stream so that each post can then be generated on its
 * own (from its own seed) and streamed to disk.
 */
import { slugify } from '../../main/core/parse';
import type { FileStyle } from './encode';
import type { Era, PostSpec } from './post';
import { mixSeed, Rng } from './random';
import { TextGen } from './text';
import * as V from './vocab';

export interface CorpusOptions {
  /** Number of posts (files, not counting broken ones). */
  posts: number;
  /** PRNG seed; the same seed and options always give byte-identical files. Default 1. */
  seed?: number;
  /** Force one post with exactly this many comments (replies included); 0 turns it off. Default 2000. */
  longThread?: number;
  /** Add this many deliberately broken files (binary, empty, truncated …). Default 0. */
  problems?: number;
}

export interface PostPlan {
  index: number;
  /** Relative path with "/": "2014/012_0123456789abcdef.txt". */
  path: string;
  iso: string;
  spec: PostSpec;
  style: FileStyle;
  longThread: boolean;
}

export const DEFAULT_SEED = 1;
export const DEFAULT_LONG_THREAD = 2000;

/** Posts per year (2010–2021), relative: the blog got going around 2013 and wound down after unification. */
const YEAR_WEIGHTS: Record<number, number> = {
  2010: 2.5,
  2011: 3,
  2012: 5,
  2013: 9,
  2014: 12,
  2015: 11,
  2016: 11,
  2017: 10,
  2018: 10,
  2019: 10,
  2020: 9,
  2021: 7.5,
};
/** Comments per post grow as the readership does. */
const YEAR_ACTIVITY: Record<number, number> = {
  2010: 0.35,
  2011: 0.45,
  2012: 0.65,
  2013: 0.95,
  2014: 1.15,
  2015: 1.1,
  2016: 1.1,
  2017: 1.05,
  2018: 1.05,
  2019: 1.05,
  2020: 1,
  2021: 0.95,
};

const DAY_MS = 86_400_000;

export function resolveOptions(options: CorpusOptions): Required<CorpusOptions> {
  const posts = options.posts;
  if (!Number.isInteger(posts) || posts < 1)
    throw new Error(`--posts must be a whole number of at least 1 (got ${posts}).`);
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number (got ${seed}).`);
  const longThread = options.longThread ?? DEFAULT_LONG_THREAD;
  if (!Number.isInteger(longThread) || longThread < 0)
    throw new Error(`--long-thread must be 0 or more (got ${longThread}).`);
  const problems = options.problems ?? 0;
  if (!Number.isInteger(problems) || problems < 0) throw new Error(`--problems must be 0 or more (got ${problems}).`);
  return { posts, seed, longThread, problems };
}

/** Comments (replies included) for an ordinary post: a long tail, most between 5 and 60. */
function sampleCommentCount(rng: Rng, year: number, era: Era): number {
  if (era === 'said') return rng.int(1, 14);
  const activity = YEAR_ACTIVITY[year] ?? 1;
  const r = rng.next();
  let n: number;
  if (r < 0.02) n = 0;
  else if (r < 0.045) n = rng.int(1, 4);
  else if (r < 0.935) n = Math.min(60, Math.max(5, Math.round(rng.logNormal(32.5, 0.5) * activity)));
  else if (r < 0.99) n = Math.round((60 + rng.logNormal(28, 0.8)) * activity);
  else n = Math.round((150 + rng.logNormal(160, 0.7)) * activity);
  return Math.min(n, 1200);
}

/** `share` of n, at least one once the corpus has ten posts (so small test corpora have the mix too). */
function quota(n: number, share: number): number {
  const k = Math.round(n * share);
  return n >= 10 ? Math.max(1, k) : k;
}

function chooseIndexes(rng: Rng, from: number[], count: number): Set<number> {
  return new Set(rng.shuffle([...from]).slice(0, count));
}

export function planCorpus(input: CorpusOptions): PostPlan[] {
  const options = resolveOptions(input);
  const n = options.posts;
  const rng = new Rng(mixSeed(options.seed, 0x504c414e));

  // Dates: a year by weight, then any day in it; sorted so file numbers follow the calendar.
  const yearTable = Object.entries(YEAR_WEIGHTS).map(([y, w]) => [w, Number(y)] as const);
  const days: number[] = [];
  for (let i = 0; i < n; i++) {
    const year = rng.weighted(yearTable);
    const start = Date.UTC(year, 0, 1) / DAY_MS;
    const length = Date.UTC(year + 1, 0, 1) / DAY_MS - start;
    days.push(start + rng.int(0, length - 1));
  }
  days.sort((a, b) => a - b);

  const all = [...Array(n).keys()];
  // Old "Name said..." pages among the earliest posts.
  const earliest = all.slice(0, Math.max(1, Math.min(n, quota(n, 0.007) * 3)));
  const said = chooseIndexes(rng, earliest, quota(n, 0.007));
  const crlf = chooseIndexes(rng, all, quota(n, 0.1));
  const cp1252 = chooseIndexes(rng, all, quota(n, 0.03));
  const bom = chooseIndexes(
    rng,
    all.filter((i) => !cp1252.has(i)),
    quota(n, 0.01),
  );
  const tabs = chooseIndexes(rng, all, quota(n, 0.02));
  const trailing = chooseIndexes(rng, all, quota(n, 0.05));
  const finalNewline = chooseIndexes(rng, all, Math.round(n * 0.2));
  const bodyCount = chooseIndexes(rng, all, quota(n, 0.004));
  // The long thread sits in the busy years when there are any, never on an old-style page.
  let longIndex = -1;
  if (options.longThread > 0) {
    const busy = all.filter((i) => !said.has(i) && new Date(days[i]! * DAY_MS).getUTCFullYear() >= 2014);
    const candidates = busy.length ? busy : all.filter((i) => !said.has(i));
    longIndex = candidates.length ? rng.pick(candidates) : rng.int(0, n - 1);
  }

  const seriesNumbers = new Map<string, number>();
  const usedIds = new Set<string>();
  const perYear = new Map<number, number>();
  const plans: PostPlan[] = [];
  for (let i = 0; i < n; i++) {
    const date = new Date(days[i]! * DAY_MS);
    const year = date.getUTCFullYear();
    const iso = date.toISOString().slice(0, 10);
    const weekday = V.WEEKDAYS[date.getUTCDay()]!;
    const month = V.MONTHS[date.getUTCMonth()]!;
    const dateStyle = year <= 2011 && rng.chance(0.15) ? 'us' : rng.chance(0.35) ? 'uk-comma' : 'uk';
    const dateLine = TextGen.dateLine(dateStyle, weekday, date.getUTCDate(), month, year);

    const titleGen = new TextGen(rng, year);
    let title: string;
    if (rng.chance(0.45)) {
      const series = rng.pick(V.TITLE_SERIES);
      const next = (seriesNumbers.get(series) ?? rng.int(1, 40)) + 1;
      seriesNumbers.set(series, next);
      title = `${series} ${next}`;
    } else {
      title = titleGen.fill(rng.pick(V.TITLE_TEMPLATES));
    }
    // Two posts with the same date and title would share a post id: number the repeat.
    for (let k = 2; usedIds.has(`${iso}-${slugify(title)}`); k++) title = `${title.replace(/ \(\d+\)$/, '')} (${k})`;
    usedIds.add(`${iso}-${slugify(title)}`);

    const longThread = i === longIndex;
    const era: Era = said.has(i) ? 'said' : year <= 2011 && !longThread ? 'flat' : 'threaded';
    const comments = longThread ? options.longThread : sampleCommentCount(rng, year, era);

    const inYear = perYear.get(year) ?? 0;
    perYear.set(year, inYear + 1);
    const path = `${year}/${String(inYear).padStart(3, '0')}_${rng.hex(16)}.txt`;

    plans.push({
      index: i,
      path,
      iso,
      longThread,
      spec: {
        dateLine,
        title,
        year,
        day: days[i]!,
        comments,
        era,
        bodyCountLine: bodyCount.has(i),
        seed: mixSeed(options.seed, i, 0x504f5354),
      },
      style: {
        lineEnd: crlf.has(i) ? 'crlf' : 'lf',
        encoding: cp1252.has(i) ? 'windows-1252' : 'utf-8',
        bom: bom.has(i),
        tabs: tabs.has(i),
        trailingSpaces: trailing.has(i),
        finalNewline: finalNewline.has(i),
      },
    });
  }
  return plans;
}
