/**
 * Measures re-anchoring on the two real seed files: a deterministic set of annotations per file
 * (body, comments and replies, quoted articles; 3 words to a few sentences), then edits of the
 * raw file text of the kinds a re-scrape brings (text inserted before the passage, white space
 * reflowed, a typo inside the passage, a comment added or removed, the passage deleted). Each
 * edited file is parsed again, the way the app meets it, and every annotation is anchored in it.
 *
 * The truth is known without asking anchor(): every edit is a list of splices of the file text,
 * so the passage's characters in the edited file are known, and a part's characters are mapped
 * to file offsets line by line (each line of a part is the end of one line of the file: the
 * parser only strips indentation and the "  3. " of a comment). An annotation lands right when
 * it lands in a part holding those characters and covers at least 80% of them; anywhere else
 * is wrong, and so is any landing when its passage was deleted.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractArticles } from '../articles';
import { parseSeed, type Comment, type Post } from '../parse';
import { anchor, describeRange, type Anchor, type Selectors } from './anchor';
import { partTexts } from './parts';
import { prng } from '../../../test-support/prng';

const SEEDS = [join(import.meta.dirname, '../../../seeds'), join(import.meta.dirname, '../../../../shared/seeds')].find(
  (dir) => existsSync(join(dir, '000_edcf6b3ca6297939.txt')),
)!;
const FILES = ['000_edcf6b3ca6297939.txt', '004_72f7fc2b7a245681.txt'];

const KINDS = [
  'unchanged',
  'insert-before',
  'whitespace',
  'typo',
  'comment-added',
  'comment-removed',
  'deleted',
  'deleted-quoted',
] as const;
type Kind = (typeof KINDS)[number];
type Outcome = 'exact' | 'fuzzy' | 'orphan' | 'wrong';

const hash = (s: string) => [...s].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);

/** A replacement of `remove` characters at `at` by `insert`. */
interface Splice {
  at: number;
  remove: number;
  insert: string;
}

function applySplices(text: string, splices: readonly Splice[]): string {
  const sorted = [...splices].sort((a, b) => a.at - b.at);
  let out = '';
  let pos = 0;
  for (const s of sorted) {
    if (s.at < pos) throw new Error(`overlapping splices at ${s.at}`);
    out += text.slice(pos, s.at) + s.insert;
    pos = s.at + s.remove;
  }
  return out + text.slice(pos);
}

/** Where a passage [start, end) of the file is after the splices; null when a splice cuts into it. */
function spliceSpan(start: number, end: number, splices: readonly Splice[]): { start: number; end: number } | null {
  let s = start;
  let e = end;
  for (const sp of splices) {
    const spEnd = sp.at + sp.remove;
    const delta = sp.insert.length - sp.remove;
    // Splices strictly inside the passage (a typo, reflowed spaces) move only its end.
    if (sp.at < start && spEnd > start) return null;
    if (sp.at < end && spEnd > end) return null;
    if (sp.at <= start && spEnd <= start) s += delta;
    if (sp.at < end && spEnd <= end) e += delta;
  }
  return { start: s, end: e };
}

/** For each character of a part, its offset in the file (-1 for the line ends the part adds). */
type PartMap = Int32Array;

interface Parsed {
  text: string;
  post: Post;
  parts: Map<string, string>;
  maps: Map<string, PartMap>;
  /** 0-based file offset of each 1-based line (index 0 unused). */
  lineStart: number[];
}

function parse(text: string, file: string): Parsed {
  const post = parseSeed(Buffer.from(text, 'utf8'), file).post;
  if (!post) throw new Error(`${file}: no post`);
  const articles = extractArticles(post).articles;
  const parts = partTexts(post, articles);
  const lines = text.split('\n');
  const lineStart = [0];
  for (let i = 0, at = 0; i < lines.length; at += lines[i]!.length + 1, i++) lineStart.push(at);
  // The file line each part's text starts on.
  const firstLine = new Map<string, number>();
  if (post.body.length) firstLine.set('body', post.body[0]!.line);
  const visit = (c: Comment) => {
    firstLine.set(`comment:${c.id}`, c.textLine);
    c.replies.forEach(visit);
  };
  post.comments.forEach(visit);
  for (const a of articles) if (a.spans.length) firstLine.set(`article:${a.id}`, a.spans[0]!.line);
  const maps = new Map<string, PartMap>();
  for (const [key, partText] of parts) {
    const from = firstLine.get(key);
    if (from === undefined) throw new Error(`${file}: no first line for ${key}`);
    maps.set(key, align(lines, lineStart, partText, from, `${file} ${key}`));
  }
  return { text, post, parts, maps, lineStart };
}

/** Maps a part's characters to the file: each non-blank line of the part ends the next file line that ends with it. */
function align(lines: string[], lineStart: number[], partText: string, fromLine: number, what: string): PartMap {
  const map = new Int32Array(partText.length).fill(-1);
  let next = fromLine - 1;
  let pos = 0;
  for (const line of partText.split('\n')) {
    if (line.trim()) {
      let found = -1;
      for (let k = next; k < lines.length && found < 0; k++) if (lines[k]!.endsWith(line)) found = k;
      if (found < 0) throw new Error(`${what}: cannot align ${JSON.stringify(line.slice(0, 60))}`);
      const base = lineStart[found + 1]! + lines[found]!.length - line.length;
      for (let i = 0; i < line.length; i++) map[pos + i] = base + i;
      next = found + 1;
    }
    pos += line.length + 1;
  }
  return map;
}

/** The index in `map` of file offset `at`, or -1 (maps only increase, so a binary search over mapped entries). */
function indexOf(map: PartMap, at: number): number {
  let lo = 0;
  let hi = map.length - 1;
  while (lo <= hi) {
    let mid = (lo + hi) >> 1;
    // Step off unmapped line ends to a mapped neighbour.
    let m = mid;
    while (m >= lo && map[m] === -1) m--;
    if (m < lo) {
      lo = mid + 1;
      continue;
    }
    mid = m;
    if (map[mid]! === at) return mid;
    if (map[mid]! < at) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

interface Place {
  part: string;
  start: number;
  end: number;
}

/** Every part that holds the file characters [start, end) whole. */
function placesOf(parsed: Parsed, start: number, end: number): Place[] {
  const places: Place[] = [];
  for (const [part, map] of parsed.maps) {
    const s = indexOf(map, start);
    const e = indexOf(map, end - 1);
    if (s >= 0 && e >= s) places.push({ part, start: s, end: e + 1 });
  }
  return places;
}

/** Which comment (or reply) holds a file line, and which top-level comment that is under. */
type Where = { kind: 'body' } | { kind: 'comment'; comment: Comment; top: number };

function whereIs(post: Post, line: number): Where {
  for (const [top, c] of post.comments.entries()) {
    for (const r of c.replies) if (line >= r.line && line <= r.endLine) return { kind: 'comment', comment: r, top };
    if (line >= c.line && line <= c.endLine) return { kind: 'comment', comment: c, top };
  }
  return { kind: 'body' };
}

interface Annotation {
  part: string;
  start: number;
  end: number;
  text: string;
  selectors: Selectors;
  fileStart: number;
  fileEnd: number;
  where: Where;
}

const lineOf = (parsed: Parsed, offset: number) => {
  let lo = 1;
  let hi = parsed.lineStart.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (parsed.lineStart[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
};

/** Passages at word boundaries: 3–6 words often, up to a few sentences sometimes. */
function makeAnnotations(parsed: Parsed, rand: () => number): Annotation[] {
  const keys = [...parsed.parts.keys()];
  const groups = {
    body: keys.filter((k) => k === 'body'),
    comment: keys.filter((k) => k.startsWith('comment:') && parsed.parts.get(k)!.trim().split(/\s+/).length >= 3),
    article: keys.filter((k) => k.startsWith('article:')),
  };
  const want = { body: 18, comment: 22, article: 10 };
  const out: Annotation[] = [];
  const seen = new Set<string>();
  for (const group of ['body', 'comment', 'article'] as const) {
    for (let made = 0, tries = 0; made < want[group] && tries < 500; tries++) {
      const part = groups[group][Math.floor(rand() * groups[group].length)]!;
      const text = parsed.parts.get(part)!;
      const words = [...text.matchAll(/\S+/g)];
      const r = rand();
      const wanted =
        r < 0.4 ? 3 + Math.floor(rand() * 4) : r < 0.75 ? 7 + Math.floor(rand() * 14) : 21 + Math.floor(rand() * 40);
      const n = Math.min(wanted, words.length);
      const first = Math.floor(rand() * (words.length - n + 1));
      const start = words[first]!.index;
      const end = words[first + n - 1]!.index + words[first + n - 1]![0].length;
      if (seen.has(`${part} ${start}`)) continue;
      seen.add(`${part} ${start}`);
      const map = parsed.maps.get(part)!;
      const fileStart = map[start]!;
      const fileEnd = map[end - 1]! + 1;
      out.push({
        part,
        start,
        end,
        text: text.slice(start, end),
        selectors: describeRange(text, start, end),
        fileStart,
        fileEnd,
        where: whereIs(parsed.post, lineOf(parsed, fileStart)),
      });
      made++;
    }
  }
  return out;
}

const NEW_PARAGRAPH =
  'UPDATE: this paragraph was added to the post after it was first published, and says more about the probation service.';
const NEW_SENTENCE = 'Edited to add a sentence at the start of this comment.';

/** The top-level comment lines ("  3. …"), with the offset and length of their number. */
function numbers(parsed: Parsed): { at: number; value: number; length: number; lineAt: number }[] {
  return parsed.post.comments.map((c) => {
    const lineAt = parsed.lineStart[c.line]!;
    const m = /^ {1,3}(\d+)\./.exec(parsed.text.slice(lineAt, lineAt + 12));
    if (!m) throw new Error(`comment ${c.id}: no number on line ${c.line}`);
    return { at: lineAt + m[0].indexOf(m[1]!), value: Number(m[1]), length: m[1]!.length, lineAt };
  });
}

/** Renumbers top-level comments from index `from` by `by`, and the "N comments:" line by `count`. */
function renumber(parsed: Parsed, from: number, by: number, count: number): Splice[] {
  const splices = numbers(parsed)
    .slice(from)
    .map((n) => ({ at: n.at, remove: n.length, insert: String(n.value + by) }));
  const m = /^(\d+) comments?:$/m.exec(parsed.text);
  if (m) splices.push({ at: m.index, remove: m[1]!.length, insert: String(Number(m[1]) + count) });
  return splices;
}

/** What each edit does to the file text for one annotation; null when it does not apply to it. */
type Edit = (a: Annotation) => { splices: Splice[]; gone?: boolean } | null;

function edits(parsed: Parsed, annotations: Annotation[], rand: () => number): Record<Kind, Edit> {
  const F = parsed.text;
  const commentStart = (c: Comment) => parsed.maps.get(`comment:${c.id}`)![0]!;

  // A new first comment, quoting words of a commented passage (a decoy with other context).
  const decoy = annotations.find(
    (a) => a.where.kind === 'comment' && a.text.split(/\s+/).length >= 6 && a.text.length < 120,
  );
  const quote = decoy ? ` “${decoy.text.replace(/\s+/g, ' ')}” — exactly.` : '';
  const added = `  1. A comment added after the annotations were made: I agree with the above.${quote}\n\n    So do I, whatever they say.\n\n    ReplyDelete\n`;
  const first = parsed.post.comments[0];
  const commentAdded: Splice[] = first
    ? [{ at: parsed.lineStart[first.line]!, remove: 0, insert: added }, ...renumber(parsed, 0, 1, 1)]
    : [];

  const deleted: Edit = (a) => {
    const [at, end] =
      F[a.fileEnd] === ' '
        ? [a.fileStart, a.fileEnd + 1]
        : F[a.fileStart - 1] === ' '
          ? [a.fileStart - 1, a.fileEnd]
          : [a.fileStart, a.fileEnd];
    return { splices: [{ at, remove: end - at, insert: '' }], gone: true };
  };
  let quoted = 0;

  return {
    unchanged: () => ({ splices: [] }),

    // A new paragraph before the passage's paragraph in the body; a sentence at the start of its comment.
    'insert-before': (a) => {
      if (a.where.kind === 'comment')
        return { splices: [{ at: commentStart(a.where.comment), remove: 0, insert: `${NEW_SENTENCE} ` }] };
      const line = lineOf(parsed, a.fileStart);
      const block = parsed.post.body.find((b) => line >= b.line && line <= b.endLine)!;
      return { splices: [{ at: parsed.lineStart[block.line]!, remove: 0, insert: `${NEW_PARAGRAPH}\n\n` }] };
    },

    // Inside and around the passage (20 characters either side): a line break joined to a space,
    // spaces doubled, trebled or broken into a new line (indented as the comment's text is).
    whitespace: (a) => {
      const text = parsed.parts.get(a.part)!;
      const map = parsed.maps.get(a.part)!;
      const from = Math.max(0, a.start - 20);
      const to = Math.min(text.length, a.end + 20);
      const splices: Splice[] = [];
      let n = Math.floor(rand() * 3);
      for (const run of text.slice(from, to).matchAll(/\s+/g)) {
        const s = from + run.index;
        const e = s + run[0].length;
        if (s === 0 || e >= text.length) continue;
        const at = map[s - 1]! + 1;
        const end = map[e]!;
        const was = F.slice(at, end);
        const breaks = (was.match(/\n/g) ?? []).length;
        if (breaks > 1) continue; // a paragraph break: joining paragraphs is not white space
        if (breaks === 1) {
          splices.push({ at, remove: end - at, insert: ' ' });
          continue;
        }
        const variant = n++ % 3;
        const lineText = F.slice(parsed.lineStart[lineOf(parsed, at)]!, at);
        const item = /^( *)\d+\.[ \t\u00a0]/.exec(lineText);
        const indent = item ? item[1]!.length + 2 : /^ */.exec(lineText)![0].length;
        const breakable = /[a-z]/.test(F[end]!);
        splices.push({
          at,
          remove: end - at,
          insert: variant === 1 && breakable ? `\n${' '.repeat(indent)}` : variant === 2 ? '   ' : '  ',
        });
      }
      return splices.length ? { splices } : null;
    },

    // One letter inside a passage of 20 characters or more substituted, or two swapped.
    typo: (a) => {
      if (a.text.length < 20) return null;
      const text = parsed.parts.get(a.part)!;
      const map = parsed.maps.get(a.part)!;
      const candidates: number[] = [];
      for (let i = a.start + 2; i < a.end - 2; i++) if (/[a-z]/.test(text[i]!) && map[i]! >= 0) candidates.push(i);
      if (!candidates.length) return null;
      const i = candidates[Math.floor(rand() * candidates.length)]!;
      const c = text[i]!;
      const d = text[i + 1]!;
      if (rand() < 0.5 && /[a-z]/.test(d) && d !== c && map[i + 1] === map[i]! + 1)
        return { splices: [{ at: map[i]!, remove: 2, insert: d + c }] };
      return {
        splices: [{ at: map[i]!, remove: 1, insert: String.fromCharCode(((c.charCodeAt(0) - 97 + 7) % 26) + 97) }],
      };
    },

    'comment-added': () => (first ? { splices: commentAdded } : null),

    // The top-level comment before the passage's one (after it, for comment 1; comment 1, for the body).
    'comment-removed': (a) => {
      const comments = parsed.post.comments;
      const t = a.where.kind === 'comment' ? a.where.top : -1;
      const r = t >= 1 ? t - 1 : t === 0 ? 1 : 0;
      if (r >= comments.length) return null;
      const at = parsed.lineStart[comments[r]!.line]!;
      const end = r + 1 < comments.length ? parsed.lineStart[comments[r + 1]!.line]! : F.length;
      return {
        splices: [
          { at, remove: end - at, insert: '' },
          ...renumber(parsed, r + 1, -1, -(1 + comments[r]!.replies.length)),
        ],
      };
    },

    // The passage's words removed, with the space after (or before) them.
    deleted,

    // The passage deleted, and a new last comment quoting it: word for word, or with a letter changed.
    'deleted-quoted': (a) => {
      let words = a.text.replace(/\s+/g, ' ');
      const half = words.length >> 1;
      const middle = words.slice(half).search(/[a-z]/) + half;
      if (quoted++ % 2 && middle >= half)
        words =
          words.slice(0, middle) +
          String.fromCharCode(((words.charCodeAt(middle) - 97 + 7) % 26) + 97) +
          words.slice(middle + 1);
      const comment = `${F.endsWith('\n') ? '' : '\n'}  ${parsed.post.comments.length + 1}. Someone wrote “${words}” here, and then took it down.\n\n    ReplyDelete\n`;
      return {
        splices: [
          ...deleted(a)!.splices,
          { at: F.length, remove: 0, insert: comment },
          ...renumber(parsed, parsed.post.comments.length, 0, 1),
        ],
        gone: true,
      };
    },
  };
}

const kindOf = (part: string) => part.slice(0, part.indexOf(':') + 1 || part.length);

/** Right when it lands on the passage's characters (in a part of its own kind when one holds them), covering 80% of them. */
function judge(landed: Anchor, truth: Place[] | null, origin: string): Outcome {
  if (landed.state === 'orphan') return 'orphan';
  if (!truth?.length) return 'wrong';
  const own = truth.filter((t) => kindOf(t.part) === kindOf(origin));
  const ok = (own.length ? own : truth).some((t) => {
    const length = t.end - t.start;
    const overlap = Math.min(t.end, landed.end) - Math.max(t.start, landed.start);
    return t.part === landed.part && overlap >= 0.8 * length && landed.end - landed.start <= 1.2 * length + 2;
  });
  return ok ? landed.state : 'wrong';
}

interface Tally {
  n: number;
  exact: number;
  fuzzy: number;
  orphan: number;
  wrong: number;
  /** Orphans whose part the edit took away (an article the extractor no longer finds), their words left only in a part of another kind. */
  partGone: number;
  /** One line for each annotation that did not land as hoped, for failure messages. */
  notes: string[];
}

/** Notes of annotations that did not land as hoped, but for orphans whose part is gone. */
const unexcused = (t: Tally) => t.notes.filter((n) => !n.startsWith(PART_GONE));
const PART_GONE = 'orphan, its part gone';

function measure(file: string): Map<Kind, Tally> {
  const original = parse(readFileSync(join(SEEDS, file), 'utf8'), file);
  const rand = prng(hash(file));
  const annotations = makeAnnotations(original, rand);
  const edit = edits(original, annotations, rand);
  const cache = new Map<string, Parsed>();
  const tallies = new Map<Kind, Tally>();
  for (const kind of KINDS) {
    const tally: Tally = { n: 0, exact: 0, fuzzy: 0, orphan: 0, wrong: 0, partGone: 0, notes: [] };
    tallies.set(kind, tally);
    for (const a of annotations) {
      const e = edit[kind](a);
      if (!e) continue;
      const text = applySplices(original.text, e.splices);
      let parsed = cache.get(text);
      if (!parsed) cache.set(text, (parsed = parse(text, file)));
      const span = e.gone ? null : spliceSpan(a.fileStart, a.fileEnd, e.splices);
      if (!e.gone && !span) throw new Error(`${kind}: the edit cut into ${JSON.stringify(a.text)}`);
      const truth = span ? placesOf(parsed, span.start, span.end) : null;
      if (span && !truth!.length)
        throw new Error(`${kind}: the passage ${JSON.stringify(a.text)} is in no part after the edit`);
      const landed = anchor(parsed.parts, a.part, a.selectors);
      const outcome = judge(landed, truth, a.part);
      tally.n++;
      tally[outcome]++;
      // Its part no longer holds it (only a part of another kind does): nothing around the words vouches for them there.
      const gone = outcome === 'orphan' && truth !== null && !truth.some((t) => kindOf(t.part) === kindOf(a.part));
      if (gone) tally.partGone++;
      const hoped = e.gone ? 'orphan' : kind === 'typo' ? 'fuzzy' : 'exact';
      if (outcome !== hoped) {
        const where =
          landed.state === 'orphan'
            ? ''
            : ` in ${landed.part} ${JSON.stringify(parsed.parts.get(landed.part)!.slice(landed.start, landed.end).slice(0, 60))}`;
        const expected = truth ? ` (truth ${truth.map((t) => t.part).join(', ')})` : '';
        tally.notes.push(
          `${gone ? PART_GONE : outcome}${where}: ${a.part} ${JSON.stringify(a.text.slice(0, 60))}${expected}`,
        );
      }
    }
  }
  return tallies;
}

describe.each(FILES)('re-anchoring annotations on edited copies of %s', (file) => {
  let tallies: Map<Kind, Tally>;
  beforeAll(() => {
    tallies = measure(file);
    const name = file.slice(0, 3) + '_…';
    const rows = KINDS.map((kind) => {
      const t = tallies.get(kind)!;
      return `anchoring ${name}: ${kind.padEnd(16)} n ${String(t.n).padStart(2)}  exact ${String(t.exact).padStart(2)}  fuzzy ${String(t.fuzzy).padStart(2)}  orphan ${String(t.orphan).padStart(2)}  wrong ${t.wrong}${t.partGone ? `  (orphans whose part is gone: ${t.partGone})` : ''}`;
    });
    console.log(rows.join('\n'));
  });
  const tally = (kind: Kind) => tallies.get(kind)!;

  it('never lands an annotation in the wrong place', () => {
    expect(
      KINDS.flatMap((kind) =>
        tally(kind)
          .notes.filter((n) => n.startsWith('wrong'))
          .map((n) => `${kind}: ${n}`),
      ),
    ).toEqual([]);
  });

  it('measures enough annotations of each kind', () => {
    for (const kind of KINDS) expect(tally(kind).n, kind).toBeGreaterThanOrEqual(kind === 'typo' ? 30 : 40);
  });

  it('lands every annotation exactly in the unchanged file', () => {
    expect(tally('unchanged').notes).toEqual([]);
  });

  it('lands every annotation exactly when text is inserted before it or white space changes', () => {
    expect(unexcused(tally('insert-before'))).toEqual([]);
    expect(unexcused(tally('whitespace'))).toEqual([]);
    // An article the extractor no longer finds after a reflow: allowed, but rare.
    expect(tally('insert-before').partGone + tally('whitespace').partGone).toBeLessThanOrEqual(2);
  });

  it('lands fuzzily on a passage with a typo inside it', () => {
    const t = tally('typo');
    expect(t.fuzzy / t.n, t.notes.join('\n')).toBeGreaterThanOrEqual(0.9);
  });

  it('follows comments renumbered by a comment added or removed before them', () => {
    for (const kind of ['comment-added', 'comment-removed'] as const) {
      const t = tally(kind);
      expect((t.exact + t.fuzzy) / t.n, `${kind}\n${t.notes.join('\n')}`).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('makes an orphan of every annotation whose passage was deleted, even when a comment quotes it', () => {
    expect(tally('deleted').notes).toEqual([]);
    expect(tally('deleted-quoted').notes).toEqual([]);
  });
});
