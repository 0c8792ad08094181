/**
 * Builds one post as the lines of a seed file (no line ends yet): date, title, body, count
 * line and the comment thread, in the grammar of docs/PRODUCT.md and the real seeds.
 */
import { Rng } from './random';
import { TextGen } from './text';
import * as V from './vocab';

/** How a post's comments are laid out: old "Name said..." pages, numbered without replies, or threaded. */
export type Era = 'said' | 'flat' | 'threaded';

export interface PostSpec {
  dateLine: string;
  title: string;
  year: number;
  /** The post's date as days since 1970-01-01 (UTC). */
  day: number;
  /** Comments to write, replies included; the count line declares exactly this many. */
  comments: number;
  era: Era;
  /** Quote a "N comments:" line inside the body (the parser must not start the comments there). */
  bodyCountLine: boolean;
  seed: number;
}

export interface BuiltPost {
  lines: string[];
  topLevel: number;
  replies: number;
  /** Top-level comments that are only a URL (full or partial), and those of them with replies. */
  urlOnly: number;
  urlOnlyWithReplies: number;
  /** Comments holding a numbered list at text indent ("    1) …" or "    1. …"). */
  numberedLists: number;
  /** Index in `lines` of the count line. */
  countLine: number;
  /** Index in `lines` where each top-level comment starts (for truncating broken files). */
  commentStarts: number[];
}

type TopKind =
  | 'short'
  | 'medium'
  | 'long'
  | 'list'
  | 'quotePost'
  | 'notice'
  | 'headlines'
  | 'urlOnly'
  | 'urlInText'
  | 'dialogue'
  | 'pastedArticle'
  | 'quoteArticle';

const TOP_KINDS: readonly (readonly [number, TopKind])[] = [
  [28, 'short'],
  [38, 'medium'],
  [8, 'long'],
  [2.5, 'list'],
  [3, 'quotePost'],
  [1.2, 'notice'],
  [1.2, 'headlines'],
  [3, 'urlOnly'],
  [4, 'urlInText'],
  [0.8, 'dialogue'],
  [1.2, 'pastedArticle'],
  [2, 'quoteArticle'],
];

/** A comment's text as lines; "" is a blank line. The first line goes on the "N." line. */
type Text = string[];

function withBlanks(paragraphs: string[]): Text {
  const out: Text = [];
  paragraphs.forEach((p, i) => {
    if (i > 0) out.push('');
    out.push(p);
  });
  return out;
}

class PostBuilder {
  readonly rng: Rng;
  readonly gen: TextGen;
  readonly lines: string[] = [];
  /** Sentences of the body, for comments that quote the post. */
  private bodySentences: string[] = [];
  stats = { topLevel: 0, replies: 0, urlOnly: 0, urlOnlyWithReplies: 0, numberedLists: 0 };
  commentStarts: number[] = [];

  constructor(readonly spec: PostSpec) {
    this.rng = new Rng(spec.seed);
    this.gen = new TextGen(this.rng, spec.year);
  }

  build(): BuiltPost {
    const { spec } = this;
    this.lines.push(spec.dateLine, '', spec.title, '');
    this.body();
    const countLine = this.lines.length;
    this.lines.push(
      spec.comments === 0 ? 'No comments:' : spec.comments === 1 ? '1 comment:' : `${spec.comments} comments:`,
    );
    if (spec.comments > 0) {
      this.lines.push('');
      if (spec.era === 'said') this.saidComments();
      else this.numberedComments();
    }
    return { lines: this.lines, countLine, commentStarts: this.commentStarts, ...this.stats };
  }

  // ---- body -------------------------------------------------------------------------------

  private para(text: string): void {
    this.lines.push(text, '');
    if (this.bodySentences.length < 60) {
      for (const s of text.split(/(?<=[.?!])\s+/)) if (s.length > 40 && s.length < 200) this.bodySentences.push(s);
    }
  }

  private body(): void {
    const r = this.rng;
    const g = this.gen;
    const kind = r.weighted<'roundup' | 'napo' | 'opinion' | 'guest' | 'short'>([
      [40, 'roundup'],
      [10, 'napo'],
      [25, 'opinion'],
      [10, 'guest'],
      [15, 'short'],
    ]);
    if (kind === 'short') {
      for (const p of g.paragraphs('blogger', r.int(1, 3), 60, 500)) this.para(p);
      if (r.chance(0.4))
        this.para(
          r.pick([
            'Any news from the front line is welcome.',
            'Discuss.',
            'Over to you.',
            'As ever, comments welcome.',
          ]),
        );
    } else if (kind === 'opinion') {
      for (const p of g.paragraphs('blogger', r.int(4, 9), 100, 900)) this.para(p);
      if (r.chance(0.4)) this.article(r.pick(V.BODY_INTROS), r.int(2, 5));
      if (r.chance(0.3))
        this.para(`The document itself can be found here ${g.url(g.headline())} and is worth reading in full.`);
    } else if (kind === 'guest') {
      this.para(
        r.pick([
          'The following was sent in by a reader:-',
          'This guest blog comes from a practitioner in the North:-',
          'A reader writes:-',
        ]),
      );
      for (const p of g.paragraphs('comment', r.int(4, 9), 150, 900)) this.para(p);
      this.signoff([r.pick([...V.COMMENT_SIGNOFFS, ...V.RARE_NAMES])]);
    } else if (kind === 'napo') {
      this.para(
        r.pick([
          'Here we have the latest blog post from Ian Lawrence, Napo General Secretary:-',
          'The latest from Napo HQ:-',
          'From the Napo website:-',
        ]),
      );
      this.para(`"${g.headline()}"`);
      const sections = r.int(2, 5);
      for (let s = 0; s < sections; s++) {
        if (s > 0 || r.chance(0.5)) this.para(r.pick(V.NAPO_SUBHEADINGS));
        for (let k = r.int(1, 3); k > 0; k--) this.para(g.paragraph(r.chance(0.5) ? 'news' : 'blogger', 150, 900));
      }
      this.signoff([...r.pick(V.ARTICLE_SIGNOFFS)]);
    } else {
      for (const p of g.paragraphs('blogger', r.int(1, 2), 80, 500)) this.para(p);
      const articles = r.int(1, 3);
      for (let a = 0; a < articles; a++) {
        this.article(r.pick(V.BODY_INTROS), r.int(3, 8));
        if (r.chance(0.4)) this.para(g.paragraph('blogger', 60, 400));
      }
    }
    if (this.spec.bodyCountLine) {
      // A count line quoted inside the body, followed by text: never the real count line.
      this.para('That post ended, as so many do these days, with the line');
      this.lines.push(`${r.int(2, 90)} comments:`);
      this.para('and not one of them from a senior manager.');
    }
    if (r.chance(0.15)) this.para(g.paragraph('blogger', 60, 300));
  }

  /** An intro line ending ":-" (or ":") and the pasted article, sometimes without blank lines. */
  private article(intro: string, paragraphs: number): void {
    const r = this.rng;
    const g = this.gen;
    const tight = r.chance(0.2);
    // Trailing NBSP or space after ":-" happens in the seeds.
    this.lines.push(g.fill(intro) + (r.chance(0.1) ? '\u00a0' : ''));
    if (!tight || r.chance(0.5)) this.lines.push('');
    const push = (text: string) => (tight ? this.lines.push(text) : this.para(text));
    if (r.chance(0.6)) push(g.headline());
    for (let i = 0; i < paragraphs; i++) {
      push(g.paragraph('news', 150, 900));
      if (i === 3 && r.chance(0.3)) push('(cont)');
    }
    if (r.chance(0.3)) this.signoff([...r.pick(V.ARTICLE_SIGNOFFS)]);
    if (tight) this.lines.push('');
  }

  private signoff(lines: string[]): void {
    for (const line of lines) this.lines.push(this.gen.fill(line));
    this.lines.push('');
  }

  // ---- comments ---------------------------------------------------------------------------

  private saidComments(): void {
    const r = this.rng;
    const indented = r.chance(0.3);
    const pad = indented ? '    ' : '';
    for (let i = 0; i < this.spec.comments; i++) {
      this.commentStarts.push(this.lines.length);
      const author = r.pick(V.OLD_AUTHORS);
      this.lines.push(`${author} ${r.chance(0.8) ? 'said...' : 'said…'}`);
      const text = this.topText(
        r.weighted<TopKind>([
          [40, 'short'],
          [45, 'medium'],
          [10, 'long'],
          [5, 'urlInText'],
        ]),
      );
      for (const line of text) this.lines.push(line === '' ? '' : pad + line);
      this.lines.push('');
      if (r.chance(0.7)) {
        // Old pages put the comment's time under it: the post's day or a few days later.
        const when = new Date(
          (this.spec.day +
            r.weighted([
              [6, 0],
              [3, 1],
              [1, r.int(2, 9)],
            ])) *
            86_400_000,
        );
        this.lines.push(
          `${pad}${when.getUTCDate()} ${V.MONTHS[when.getUTCMonth()]} ${when.getUTCFullYear()} ${this.gen.fill('{time}')}`,
        );
        this.lines.push('');
      }
      this.stats.topLevel++;
    }
  }

  private numberedComments(): void {
    const r = this.rng;
    const threaded = this.spec.era === 'threaded';
    let remaining = this.spec.comments;
    let number = 0;
    while (remaining > 0) {
      remaining--;
      number++;
      const kind = r.weighted(TOP_KINDS);
      let replyCount = 0;
      if (threaded && remaining > 0) {
        if (kind === 'urlOnly') replyCount = r.int(1, 4);
        else if (r.chance(0.24)) replyCount = 1 + Math.floor(r.logNormal(1.2, 0.9));
        replyCount = Math.min(replyCount, remaining, 40);
      }
      remaining -= replyCount;
      const text = this.topText(kind);
      this.commentStarts.push(this.lines.length);
      this.emit(text, `  ${number}. `, '    ');
      this.lines.push('', '    ReplyDelete');
      this.stats.topLevel++;
      if (kind === 'urlOnly' && text.length === 1) {
        this.stats.urlOnly++;
        if (replyCount > 0) this.stats.urlOnlyWithReplies++;
      }
      if (replyCount > 0) {
        this.lines.push('    Replies');
        const article = kind === 'urlOnly' ? this.articleInReplies(Math.min(replyCount, r.int(1, 3))) : [];
        for (let j = 1; j <= replyCount; j++) {
          const replyText = article[j - 1] ?? this.replyText(text);
          this.emit(replyText, `    ${j}. `, '      ');
          this.lines.push('', '      Delete');
          this.stats.replies++;
        }
      }
      // Now and then a blank line after the marker, as in seed 004.
      if (r.chance(0.05)) this.lines.push('');
    }
  }

  private emit(text: Text, first: string, indent: string): void {
    this.lines.push(first + text[0]!);
    for (let i = 1; i < text.length; i++) this.lines.push(text[i] === '' ? '' : indent + text[i]);
  }

  private maybeSignoff(text: Text, p: number): Text {
    if (this.rng.chance(p)) text.push('', this.rng.pick(V.COMMENT_SIGNOFFS));
    return text;
  }

  private numberedList(voice: 'comment' | 'notice'): Text {
    const r = this.rng;
    const g = this.gen;
    const style = r.pick(['1)', '1.', '(1)'] as const);
    const items = r.int(2, 5);
    const out: Text = [];
    const blank = r.chance(0.6);
    for (let i = 1; i <= items; i++) {
      const label = style === '1)' ? `${i})` : style === '1.' ? `${i}.` : `(${i})`;
      if (blank && i > 1) out.push('');
      out.push(`${label} ${g.paragraph(voice, 40, 260)}`);
    }
    this.stats.numberedLists++;
    return out;
  }

  private topText(kind: TopKind): Text {
    const r = this.rng;
    const g = this.gen;
    switch (kind) {
      case 'short':
        return this.maybeSignoff([r.chance(0.7) ? g.fill(r.pick(V.SHORT_COMMENTS)) : g.sentence('comment')], 0.05);
      case 'medium':
        return this.maybeSignoff(withBlanks(g.paragraphs('comment', r.int(1, 3), 90, 750)), 0.08);
      case 'long':
        return this.maybeSignoff(withBlanks(g.paragraphs('comment', r.int(3, 7), 150, 900)), 0.1);
      case 'list': {
        const intro = r.pick([
          'Three questions for',
          'My list of demands for',
          'Things I would ask',
          'What we need from',
        ]);
        return [
          `${intro} ${g.fill('{org}')}:`,
          '',
          ...this.numberedList(r.chance(0.3) ? 'notice' : 'comment'),
          '',
          g.paragraph('comment', 50, 400),
        ];
      }
      case 'quotePost': {
        const quoted = this.bodySentences.length ? r.pick(this.bodySentences) : g.sentence('blogger');
        return this.maybeSignoff(
          ['“' + quoted + '”', '', ...withBlanks(g.paragraphs('comment', r.int(1, 3), 60, 600))],
          0.05,
        );
      }
      case 'notice': {
        const out: Text = [g.fill(r.pick(V.COMMENT_NOTICE_INTROS)), ''];
        out.push(...withBlanks(g.paragraphs('notice', r.int(2, 5), 80, 700)));
        if (r.chance(0.4))
          out.push(
            '',
            'II.1.5) Estimated total value',
            '',
            `Value excluding VAT: ${r.int(1, 9)} ${r.int(100, 999)} 000 000.00 GBP`,
          );
        if (r.chance(0.3)) {
          for (const place of ['London', 'Cardiff', 'Manchester'].slice(0, r.int(2, 3))) {
            out.push('', `— ${place}: ${r.int(1, 28)}.${r.int(1, 12)}.${this.spec.year} (10:30 — 13:00),`);
          }
        }
        if (r.chance(0.5)) out.push('', '', g.paragraph('comment', 60, 400));
        return out;
      }
      case 'headlines': {
        const out: Text = [
          g.fill(
            r.pick([
              'So no, {org} did not "dominate the media arena". The MoJ message won out:',
              'How the media reported it:',
              'The headlines today:',
            ]),
          ),
        ];
        for (let k = r.int(2, 5); k > 0; k--) {
          const headline = g.headline();
          out.push(
            '',
            r.chance(0.8)
              ? `"${headline}" - ${r.pick(V.HEADLINE_SOURCES)}`
              : `${headline} - ${r.pick(V.HEADLINE_SOURCES)}`,
          );
        }
        return out;
      }
      case 'urlOnly': {
        const headline = g.headline();
        if (r.chance(0.7)) return [r.chance(0.75) ? g.url(headline) : g.partialUrl(headline)];
        const redPepper = r.chance(0.4);
        const out: Text = redPepper
          ? [
              g.fill('Jim this gives yet another insight into the failure of {company}. Out of "Red Pepper"'),
              '',
              `.redpepper.org.uk/${g.slug(headline)}/`,
            ]
          : [
              g.fill(
                r.pick([
                  'Worth a read:',
                  'Interesting piece from {outlet}',
                  'Not sure if this has been posted already',
                ]),
              ),
              '',
              g.partialUrl(headline),
            ];
        if (r.chance(0.6)) out.push('', r.pick(V.COMMENT_SIGNOFFS));
        return out;
      }
      case 'urlInText': {
        const out: Text = [g.paragraph('comment', 60, 500), '', g.url(g.headline())];
        if (r.chance(0.5)) out.push('', g.paragraph('comment', 50, 400));
        return this.maybeSignoff(out, 0.1);
      }
      case 'dialogue':
        return [...r.pick(V.DIALOGUES)];
      case 'pastedArticle':
        return [g.headline(), '', ...withBlanks(g.paragraphs('news', r.int(2, 6), 150, 900))];
      case 'quoteArticle': {
        const out: Text = [
          g.fill(
            r.pick([
              'This {outlet} article is the type of reporting that has been inspired:',
              'From {outlet} today:',
              'Worth quoting this from {outlet}:',
            ]),
          ),
        ];
        out.push(
          '',
          `"${g.paragraph('news', 150, 700)}"`,
          '',
          ...withBlanks(g.paragraphs('comment', r.int(1, 3), 60, 500)),
        );
        return out;
      }
    }
  }

  private replyText(parent: Text): Text {
    const r = this.rng;
    const g = this.gen;
    const kind = r.weighted<'short' | 'medium' | 'quote' | 'list'>([
      [42, 'short'],
      [48, 'medium'],
      [8, 'quote'],
      [2, 'list'],
    ]);
    if (kind === 'short') return [r.chance(0.6) ? g.fill(r.pick(V.SHORT_REPLIES)) : g.sentence('comment')];
    if (kind === 'medium') return this.maybeSignoff(withBlanks(g.paragraphs('comment', r.int(1, 3), 60, 650)), 0.06);
    if (kind === 'list') return [g.fill('Two things, {time}:'), '', ...this.numberedList('comment')];
    const source = parent.find((line) => line.length > 40) ?? g.sentence('comment');
    const sentence = source.split(/(?<=[.?!])\s+/)[0]!.replace(/^[“"]|[”"]$/g, '');
    return [`“${sentence}”`, '', g.paragraph('comment', 40, 400)];
  }

  /** The article a URL-only comment points to, split over `parts` replies (Blogger's 4,096-char limit). */
  private articleInReplies(parts: number): Text[] {
    const r = this.rng;
    const g = this.gen;
    const out: Text[] = [];
    for (let p = 0; p < parts; p++) {
      const paragraphs = g.paragraphs('news', r.int(2, 5), 150, 800);
      if (p === 0 && r.chance(0.4)) paragraphs.unshift(g.headline());
      let text = withBlanks(paragraphs);
      while (text.join('\n').length > 4000 && text.length > 1) text = text.slice(0, -2);
      if (p < parts - 1 && r.chance(0.5)) text.push('', '(cont)');
      out.push(text);
    }
    return out;
  }
}

export function buildPost(spec: PostSpec): BuiltPost {
  return new PostBuilder(spec).build();
}
