import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeSeed, parseSeed, type Post } from '../../parse';
import { splitLines } from '../../parse/lines';
import type { Article, InternalQuote, PostArticles, SourceKind, TextSpan } from '../types';
import { evaluate, LabelError, resolveArticleLabels, resolveQuoteLabels, scores, sumEvaluations } from './evaluate';
import type { ArticleLabel, FileLabels } from './labels';

const SAMPLE = [
  'Monday 20 May 2019', //                                 1
  '',
  'Test post', //                                          3
  '',
  'Here is a piece in the Guardian:-', //                  5
  '',
  'Headline of the piece', //                              7
  '',
  'First paragraph of the piece goes here.', //            9
  '',
  'Second paragraph of the piece goes here.', //           11
  '',
  'Third paragraph of the piece ends here.', //            13
  '',
  'My own words   again, said   the blogger.', //          15
  '',
  'And the Telegraph says:-', //                           17
  'Telegraph text starts here and runs on.', //            18
  'Telegraph text ends here.', //                          19
  '',
  '3 comments:', //                                        21
  '',
  '  1. http://example.com/news/some-story', //            23
  '',
  '    ReplyDelete', //                                    25
  '    Replies',
  '    1. The pasted story begins with these words.', //   27
  '',
  '      And it ends with these words.', //                29
  '',
  '      Delete', //                                       31
  '  2. See www.example.org for more.', //                 32
  '',
  '    ReplyDelete', //                                    34
  '  3. "My own words again, said the blogger." Not really.', // 35
  '',
  '    ReplyDelete', //                                    37
];

const FILE = 'sample.txt';
const parsed = parseSeed(SAMPLE.join('\n'), FILE).post!;

const LABELS: FileLabels = {
  file: FILE,
  articles: [
    label({
      where: 'body',
      source: 'The Guardian',
      sourceKind: 'outlet',
      first: 'Headline of the piece',
      last: 'ends here.',
      title: 'Headline of the piece',
    }),
    label({
      where: 'body',
      source: 'The Telegraph',
      sourceKind: 'outlet',
      first: 'Telegraph text starts here',
      last: 'Telegraph text ends here.',
    }),
    label({
      where: ['1', '1.1'],
      source: 'example.com',
      sourceKind: 'website',
      first: 'The pasted story begins',
      last: 'it ends with these words.',
      title: 'Some story',
      url: 'http://example.com/news/some-story',
    }),
    label({
      kind: 'link',
      where: ['2'],
      source: 'example.org',
      sourceKind: 'website',
      first: 'www.example.org',
      last: 'www.example.org',
      url: 'www.example.org',
    }),
  ],
  quotes: [{ from: '3', first: 'My own words again', target: 'body' }],
};

function label(partial: Partial<ArticleLabel> & Pick<ArticleLabel, 'where' | 'first' | 'last'>): ArticleLabel {
  return { kind: 'article', source: null, sourceKind: 'unknown', title: null, url: null, ...partial };
}

function body(line: number, endLine: number): TextSpan {
  return { part: 'body', line, endLine };
}

function inComment(commentId: string, line: number, endLine: number): TextSpan {
  return { part: 'comment', commentId, from: 0, to: endLine - line, line, endLine };
}

let nextId = 1;
function article(spans: TextSpan[], source: string | null, kind: SourceKind, extra: Partial<Article> = {}): Article {
  const first = spans[0];
  const location: Article['location'] =
    first?.part === 'comment'
      ? { part: 'comments', commentIds: [...new Set(spans.map((s) => (s.part === 'comment' ? s.commentId : '')))] }
      : { part: 'body', line: first?.line ?? 0, endLine: spans[spans.length - 1]?.endLine ?? 0 };
  return {
    id: `p#a${nextId++}`,
    kind: 'article',
    source: { name: source, kind, site: null },
    title: null,
    url: null,
    intro: null,
    location,
    spans,
    text: 'quoted text',
    confidence: 1,
    evidence: [],
    ...extra,
  };
}

function link(url: string, commentId: string): Article {
  return {
    ...article([], url, 'website', { kind: 'link', url, text: '' }),
    location: { part: 'comments', commentIds: [commentId] },
  };
}

function quote(commentId: string, line: number, target: InternalQuote['target']): InternalQuote {
  return { id: `p#q${nextId++}`, span: inComment(commentId, line, line), text: 'My own words again', target };
}

/** What a perfect extractor would say about SAMPLE. */
function perfect(): PostArticles {
  return {
    articles: [
      article([body(7, 13)], 'The Guardian', 'outlet', { title: 'Headline of the piece' }),
      article([body(18, 19)], 'The Telegraph', 'outlet'),
      article([inComment('1.1', 27, 29)], 'example.com', 'website', {
        title: 'Some story',
        url: 'http://example.com/news/some-story',
      }),
      link('www.example.org', '2'),
    ],
    quotes: [quote('3', 35, { part: 'body', line: 15, endLine: 15 })],
  };
}

const run = (predicted: PostArticles, labels: FileLabels = LABELS, canonical?: (name: string) => string) =>
  evaluate(parsed, SAMPLE, predicted, labels, canonical);

describe('resolving labels to file lines', () => {
  it('finds first and last words with whitespace-normalised matching, within the listed parts only', () => {
    const resolved = resolveArticleLabels(parsed, SAMPLE, LABELS);
    expect(resolved.map((r) => [r.start, r.end])).toEqual([
      [7, 13],
      [18, 19],
      [27, 29],
      [32, 32],
    ]);
    expect(resolveQuoteLabels(parsed, SAMPLE, LABELS).map((q) => q.line)).toEqual([35]);
  });

  it('searches a comment without its replies unless they are listed', () => {
    const labels: FileLabels = {
      ...LABELS,
      articles: [label({ where: ['1'], first: 'The pasted story begins', last: 'these words.' })],
    };
    expect(() => resolveArticleLabels(parsed, SAMPLE, labels)).toThrow(LabelError);
  });

  it('throws a LabelError naming the file and the label when the first words are not there', () => {
    const labels: FileLabels = {
      ...LABELS,
      articles: [...LABELS.articles, label({ where: 'body', first: 'Words nobody wrote', last: 'here.' })],
    };
    expect(() => run(perfect(), labels)).toThrow(LabelError);
    expect(() => run(perfect(), labels)).toThrow(
      /sample\.txt: article label #5 \(article in body, first "Words nobody wrote"\): its first words are not in body/,
    );
  });

  it('throws when the last words are not after the first, or the comment does not exist', () => {
    const backwards: FileLabels = {
      ...LABELS,
      articles: [label({ where: 'body', first: 'Telegraph text starts', last: 'Headline of the piece' })],
    };
    expect(() => run(perfect(), backwards)).toThrow(/last words "Headline of the piece" are not in body/);
    const noComment: FileLabels = { ...LABELS, articles: [label({ where: ['9'], first: 'x', last: 'x' })] };
    expect(() => run(perfect(), noComment)).toThrow(/the post has no comment 9/);
    const badQuote: FileLabels = { ...LABELS, quotes: [{ from: '2', first: 'My own words again', target: 'body' }] };
    expect(() => run(perfect(), badQuote)).toThrow(/quote label #1 \(from comment 2/);
  });
});

describe('article detection', () => {
  it('scores a perfect prediction 1 everywhere with no issues', () => {
    const result = run(perfect());
    expect(result.issues).toEqual([]);
    expect(scores(result.counts)).toEqual({
      articles: { precision: 1, recall: 1, boundary: 1, source: 1, sourceKind: 1, title: 1 },
      links: { precision: 1, recall: 1 },
      quotes: { precision: 1, recall: 1 },
    });
  });

  it('a missed article lowers recall, not precision, and is listed at its label line', () => {
    const predicted = perfect();
    predicted.articles.splice(1, 1);
    const result = run(predicted);
    expect(result.counts.articles).toMatchObject({ tp: 2, predicted: 2, labelled: 3 });
    expect(scores(result.counts).articles).toMatchObject({ precision: 1, recall: 2 / 3 });
    expect(result.issues).toEqual([
      expect.objectContaining({ type: 'miss', category: 'article', line: 18, file: FILE }),
    ]);
    expect(result.issues[0]!.message).toContain('"The Telegraph" (outlet)');
  });

  it('an extra article lowers precision, not recall, and is listed as a false positive', () => {
    const predicted = perfect();
    predicted.articles.push(article([body(15, 15)], null, 'unknown'));
    const result = run(predicted);
    expect(scores(result.counts).articles).toMatchObject({ precision: 3 / 4, recall: 1 });
    expect(result.issues).toEqual([expect.objectContaining({ type: 'false-positive', category: 'article', line: 15 })]);
  });

  it('matches one prediction to one label, by the largest overlap', () => {
    const predicted = perfect();
    // One prediction running over both body articles takes the Guardian (7 lines of overlap), so the Telegraph is missed.
    predicted.articles.splice(
      0,
      2,
      article([body(7, 19)], 'The Guardian', 'outlet', { title: 'Headline of the piece' }),
    );
    const result = run(predicted);
    expect(result.counts.articles).toMatchObject({ tp: 2, predicted: 2, labelled: 3 });
    expect(result.issues.map((i) => [i.type, i.line])).toEqual([
      [`boundary`, 7],
      ['miss', 18],
    ]);
  });

  it('does not match a link prediction to an article label or the other way round', () => {
    const predicted = perfect();
    predicted.articles[3] = { ...article([inComment('2', 32, 32)], 'example.org', 'website'), url: 'www.example.org' };
    const result = run(predicted);
    expect(result.counts.articles).toMatchObject({ tp: 3, predicted: 4 });
    expect(result.counts.links).toEqual({ tp: 0, predicted: 0, labelled: 1 });
  });
});

describe('boundary accuracy', () => {
  it('accepts an end one paragraph off and fails one two paragraphs off', () => {
    const oneOff = perfect();
    oneOff.articles[0] = { ...oneOff.articles[0]!, spans: [body(7, 11)] };
    expect(scores(run(oneOff).counts).articles.boundary).toBe(1);

    const twoOff = perfect();
    twoOff.articles[0] = { ...twoOff.articles[0]!, spans: [body(7, 9)] };
    const result = run(twoOff);
    expect(scores(result.counts).articles).toMatchObject({ boundary: 2 / 3, precision: 1, recall: 1 });
    expect(result.issues).toEqual([expect.objectContaining({ type: 'boundary', line: 7 })]);
    expect(result.issues[0]!.message).toContain('predicted lines 7–9, labelled 7–13 (end early by 2 paragraphs)');
  });

  it('counts paragraphs as non-blank lines, so blank lines do not add distance', () => {
    // Label 7–13. Ending at 15 is four file lines but one paragraph late (only line 13 lies between): fine.
    const oneLate = perfect();
    oneLate.articles[0] = { ...oneLate.articles[0]!, spans: [body(7, 15)] };
    expect(scores(run(oneLate).counts).articles.boundary).toBe(1);
    // Ending at 17 is two paragraphs late (13 and 15); starting at 3 is two early (3 and 5).
    const twoLate = perfect();
    twoLate.articles[0] = { ...twoLate.articles[0]!, spans: [body(3, 17)] };
    expect(scores(run(twoLate).counts).articles.boundary).toBe(2 / 3);
    expect(run(twoLate).issues[0]!.message).toContain('(start early by 2 paragraphs, end late by 2 paragraphs)');
  });

  it('takes the start from the first span and the end from the last', () => {
    const predicted = perfect();
    predicted.articles[2] = { ...predicted.articles[2]!, spans: [inComment('1.1', 27, 27), inComment('1.1', 29, 29)] };
    expect(scores(run(predicted).counts).articles.boundary).toBe(1);
    // Starting at the URL in comment 1 (line 23) is three paragraphs early: 23, 25 and 26 come before 27.
    predicted.articles[2] = { ...predicted.articles[2]!, spans: [inComment('1', 23, 23), inComment('1.1', 27, 29)] };
    expect(scores(run(predicted).counts).articles.boundary).toBe(2 / 3);
    expect(run(predicted).issues[0]!.message).toContain(
      'predicted lines 23–29, labelled 27–29 (start early by 3 paragraphs) in comment 1 → 1.1',
    );
  });
});

describe('source accuracy', () => {
  it('a wrong source lowers source accuracy and names both sources', () => {
    const predicted = perfect();
    predicted.articles[1] = {
      ...predicted.articles[1]!,
      source: { name: 'The Independent', kind: 'outlet', site: null },
    };
    const result = run(predicted);
    expect(scores(result.counts).articles).toMatchObject({
      source: 2 / 3,
      sourceKind: 1,
      precision: 1,
      recall: 1,
      boundary: 1,
    });
    expect(result.issues).toEqual([expect.objectContaining({ type: 'source', line: 18 })]);
    expect(result.issues[0]!.message).toContain(
      'predicted "The Independent" (outlet), labelled "The Telegraph" (outlet)',
    );
  });

  it('ignores case, spacing and a leading "the"; an unknown source matches only an unknown label', () => {
    const predicted = perfect();
    predicted.articles[0] = { ...predicted.articles[0]!, source: { name: 'guardian', kind: 'outlet', site: null } };
    predicted.articles[1] = {
      ...predicted.articles[1]!,
      source: { name: '  THE  telegraph ', kind: 'outlet', site: null },
    };
    expect(scores(run(predicted).counts).articles.source).toBe(1);
    predicted.articles[2] = { ...predicted.articles[2]!, source: { name: null, kind: 'unknown', site: null } };
    expect(scores(run(predicted).counts).articles).toMatchObject({ source: 2 / 3, sourceKind: 2 / 3 });
  });

  it('compares aliases through the canonical function given', () => {
    const predicted = perfect();
    predicted.articles[1] = {
      ...predicted.articles[1]!,
      source: { name: 'Daily Telegraph', kind: 'outlet', site: null },
    };
    expect(scores(run(predicted).counts).articles.source).toBe(2 / 3);
    const canonical = (name: string) => (name === 'Daily Telegraph' ? 'The Telegraph' : name);
    expect(scores(run(predicted, LABELS, canonical).counts).articles.source).toBe(1);
  });

  it('reports source kind and title separately', () => {
    const predicted = perfect();
    predicted.articles[0] = {
      ...predicted.articles[0]!,
      source: { name: 'The Guardian', kind: 'website', site: null },
      title: null,
    };
    predicted.articles[2] = { ...predicted.articles[2]!, title: 'some STORY' };
    const result = run(predicted);
    expect(scores(result.counts).articles).toMatchObject({ source: 1, sourceKind: 2 / 3, title: 1 / 2 });
    expect(result.counts.articles).toMatchObject({ titled: 2, titleOk: 1 });
    expect(result.issues.map((i) => i.type).sort()).toEqual(['source-kind', 'title']);
  });
});

describe('links and internal quotes', () => {
  it('matches links by URL as written, trimmed; a missed link lowers recall, an extra one precision', () => {
    const spaced = perfect();
    spaced.articles[3] = link(' www.example.org ', '2');
    expect(scores(run(spaced).counts).links).toEqual({ precision: 1, recall: 1 });

    const missed = perfect();
    missed.articles.pop();
    expect(scores(run(missed).counts).links).toEqual({ precision: null, recall: 0 });
    expect(run(missed).issues).toEqual([expect.objectContaining({ type: 'miss', category: 'link', line: 32 })]);

    const extra = perfect();
    extra.articles.push(link('http://example.com/news/some-story', '1'));
    const result = run(extra);
    expect(scores(result.counts).links).toEqual({ precision: 1 / 2, recall: 1 });
    expect(result.issues).toEqual([expect.objectContaining({ type: 'false-positive', category: 'link', line: 23 })]);
  });

  it('matches internal quotes by quoting comment and target', () => {
    const wrongTarget = perfect();
    wrongTarget.quotes = [quote('3', 35, { part: 'comment', commentId: '1', line: 23 })];
    const result = run(wrongTarget);
    expect(scores(result.counts).quotes).toEqual({ precision: 0, recall: 0 });
    expect(result.issues.map((i) => [i.category, i.type, i.line])).toEqual([
      ['quote', 'miss', 35],
      ['quote', 'false-positive', 35],
    ]);

    const extra = perfect();
    extra.quotes.push(quote('2', 32, { part: 'body', line: 9, endLine: 9 }));
    expect(scores(run(extra).counts).quotes).toEqual({ precision: 1 / 2, recall: 1 });
  });
});

describe('summing files', () => {
  it('adds counts and issues, and scores come from the sums', () => {
    const good = run(perfect());
    const missed = perfect();
    missed.articles.splice(0, 2);
    const bad = run(missed);
    const total = sumEvaluations([good, bad], 'both');
    expect(total.file).toBe('both');
    expect(total.counts.articles).toMatchObject({ tp: 4, predicted: 4, labelled: 6 });
    expect(total.issues).toHaveLength(2);
    expect(scores(total.counts).articles).toMatchObject({ precision: 1, recall: 4 / 6, boundary: 1 });
    expect(scores(sumEvaluations([]).counts).articles.recall).toBeNull();
  });
});

describe('the seed labels', () => {
  const dir = join(__dirname, '../fixtures/seeds');
  const files = readdirSync(dir).filter((f) => f.endsWith('.labels.json'));

  it('exist for both seeds', () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
  });

  /** The labels turned back into predictions: they must all resolve, and score 1 against themselves. */
  function fromLabels(post: Post, lines: string[], labels: FileLabels): PostArticles {
    const resolved = resolveArticleLabels(post, lines, labels);
    const articles = resolved.map(({ label: l, start, end }) => {
      const spans =
        l.kind === 'link'
          ? []
          : l.where === 'body'
            ? [body(start, end)]
            : [inComment(l.where[l.where.length - 1]!, start, end)];
      const made = article(spans, l.source, l.sourceKind, { kind: l.kind, title: l.title, url: l.url });
      return l.kind === 'link' && l.where !== 'body'
        ? { ...made, location: { part: 'comments' as const, commentIds: l.where } }
        : made;
    });
    const quotes = resolveQuoteLabels(post, lines, labels).map(({ label: q, line }) =>
      quote(
        q.from,
        line,
        q.target === 'body'
          ? { part: 'body', line: post.line, endLine: post.line }
          : { part: 'comment', commentId: q.target, line: 0 },
      ),
    );
    return { articles, quotes };
  }

  it.each(files)('%s resolves in its file and scores 1 against itself', (labelFile) => {
    const labels = JSON.parse(readFileSync(join(dir, labelFile), 'utf8')) as FileLabels;
    const bytes = readFileSync(join(__dirname, '../../../../seeds', labels.file));
    const post = parseSeed(bytes, labels.file).post!;
    const lines = splitLines(decodeSeed(bytes, labels.file).text!).map((l) => l.text);
    const result = evaluate(post, lines, fromLabels(post, lines, labels), labels);
    expect(result.issues).toEqual([]);
    expect(result.counts.articles.tp).toBe(labels.articles.filter((a) => a.kind === 'article').length);
  });
});
