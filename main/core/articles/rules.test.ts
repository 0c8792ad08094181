/**
 * One describe per extraction rule, each case a tiny seed built here (new wording, not the
 * seeds' sentences), so a failure names the rule that broke.
 */
import { getDomain } from 'tldts';
import { describe, expect, it } from 'vitest';
import { groupByKeys, groupSameArticles, groupsOfKeys, urlKey, type PlacedArticle } from './same-article';
import { SOURCE_TABLE, type KnownSource } from './source-table';
import { findMentions, knownSource, siteOf, sourceKey } from './sources';
import { extract, links, pasted, post, PROSE } from '../../../test-support/articles';
import type { Article } from './types';

const [P1, P2, P3, P4, P5, P6] = PROSE;
const OWN_WORDS = 'For what it is worth, nobody on our team was asked about any of this beforehand.';

/** The only pasted article of a result (fails when there is not exactly one). */
function only(result: ReturnType<typeof extract>): Article {
  const found = pasted(result);
  expect(found.map((a) => a.title ?? a.text.slice(0, 40))).toHaveLength(1);
  return found[0]!;
}

describe('rule: an intro line ending ":-" introduces the article after it', () => {
  it('takes the text after a ":-" line and records the intro', () => {
    const seed = post(['Some news came through this morning from the regional office:-', '', P1, '', P2]);
    const article = only(extract(seed));
    expect(article.intro).toEqual({
      text: 'Some news came through this morning from the regional office:-',
      line: seed.lineOf('Some news came'),
    });
    expect(article.spans).toEqual([{ part: 'body', line: seed.lineOf(P1), endLine: seed.lineOf(P2) }]);
    expect(article.location).toEqual({ part: 'body', line: seed.lineOf(P1), endLine: seed.lineOf(P2) });
    expect(article.evidence).toContain('intro line ends ":-"');
  });

  it('accepts trailing spaces after ":-" and records the intro trimmed', () => {
    const seed = post(['Worth a read, this one:-   ', '', P3, '', P4]);
    const article = only(extract(seed));
    expect(article.intro).toEqual({ text: 'Worth a read, this one:-', line: seed.lineOf('Worth a read') });
    expect(article.spans[0]).toMatchObject({ line: seed.lineOf(P3), endLine: seed.lineOf(P4) });
  });

  it('works the same inside a comment, with spans into the comment', () => {
    const seed = post(['A short post.'], [['Passed on by a colleague today:-', '', P5, '', P6]]);
    const article = only(extract(seed));
    expect(article.intro?.line).toBe(seed.lineOf('Passed on by a colleague'));
    expect(article.location).toEqual({ part: 'comments', commentIds: ['1'] });
    expect(article.spans).toEqual([
      { part: 'comment', commentId: '1', from: 2, to: 4, line: seed.lineOf(P5), endLine: seed.lineOf(P6) },
    ]);
  });
});

describe('rule: a ":" intro introduces an article only when it points at prose that follows', () => {
  it('takes the text after "here\'s the notice they published:"', () => {
    const seed = post(
      ['A short post.'],
      [["Not everyone will have seen it yet, so here's the notice they published:", '', P1, '', P2, '', P3]],
    );
    const article = only(extract(seed));
    expect(article.intro?.text).toBe("Not everyone will have seen it yet, so here's the notice they published:");
    expect(article.spans[0]).toMatchObject({ line: seed.lineOf(P1), endLine: seed.lineOf(P3) });
    expect(article.evidence).toContain('intro line ends ":" and points at what follows');
  });

  it('takes the text after a pointing ":" line written with a curly apostrophe ("Here’s what … sent round:")', () => {
    const seed = post(['A short post.'], [['Here’s what head office sent round:', '', P1, '', P2, '', P3]]);
    const article = only(extract(seed));
    expect(article.intro?.text).toBe('Here’s what head office sent round:');
    expect(article.spans[0]).toMatchObject({ line: seed.lineOf(P1), endLine: seed.lineOf(P3) });
  });

  it("does not take the commenter's own short list after a ':' line", () => {
    const seed = post(
      ['A short post.'],
      [
        [
          "The things I'd want to know:",
          '',
          'Who signed this off?',
          '',
          'When does it start?',
          '',
          'What happens to the staff already there?',
        ],
      ],
    );
    expect(pasted(extract(seed))).toEqual([]);
  });

  it("does not take the commenter's own list even when the ':' line points ('here are')", () => {
    const seed = post(
      ['A short post.'],
      [
        [
          "Here are the questions I'd want answered:",
          '',
          'Who signed this off?',
          '',
          'When does it start?',
          '',
          'What happens to the staff already there?',
        ],
      ],
    );
    expect(pasted(extract(seed))).toEqual([]);
  });
});

describe('rule: the writer\'s own numbered list after a ":-" line is not an article', () => {
  const AFTER = 'Anyway, that is where I stand on it. Do tell me where I have got it wrong.';

  it('"I think there are several answers:-" then "1) … 2) … 3) …" in the body', () => {
    const seed = post([
      'So where do we go from here? I think there are several answers:-',
      '',
      '1) Give the work back to the people who know how to do it.',
      '2) Stop pretending that a phone call every six weeks is supervision.',
      '3) Ask the staff before the next reorganisation, not after it.',
      '',
      AFTER,
    ]);
    expect(pasted(extract(seed))).toEqual([]);
  });

  it('"1." items with blank lines between them, asking readers questions, after a plain ":-" line', () => {
    const seed = post([
      'A few things have been bothering me since the announcement:-',
      '',
      '1. Who exactly is going to hold the new contracts to account?',
      '',
      '2. Why were none of the unions consulted before the dates were fixed?',
      '',
      '3. What happens to the cases nobody wants? Answers in the comments, please.',
    ]);
    expect(pasted(extract(seed))).toEqual([]);
  });

  it('"(1)" items in a comment, an item running onto a second line', () => {
    const seed = post(
      ['A short post.'],
      [
        [
          'Several points spring to mind:-',
          '',
          "(1) We've been here before, in 2014, and nobody learned a thing.",
          "(2) The people who designed this won't be around to see it fail",
          '    and they know it.',
          '(3) Our members deserve better than another consultation.',
        ],
      ],
    );
    expect(pasted(extract(seed))).toEqual([]);
  });

  it('an outside word as the topic ("questions about the press release") leaves the list the writer\'s', () => {
    const seed = post(
      ['A short post.'],
      [
        [
          "I've a couple of questions about the press release:-",
          '',
          '1) Who signed off the figures in the second paragraph?',
          "2) Why isn't there a single date in it?",
        ],
      ],
    );
    expect(pasted(extract(seed))).toEqual([]);
  });

  it('"My predictions for next year:-": a capitalised "My" opening the intro is the writer too', () => {
    const seed = post([
      'My predictions for next year:-',
      '',
      '1. More cuts.',
      '2. Another reorganisation.',
      '3. Another apology.',
    ]);
    expect(pasted(extract(seed))).toEqual([]);
  });

  it('stays an article when the intro points at a document\'s questions ("The consultation questions are:-")', () => {
    const seed = post([
      'The consultation questions are:-',
      '',
      '1. Do you agree that supervision should be delivered regionally?',
      '2. What are your views on the proposed timetable?',
    ]);
    expect(pasted(extract(seed))).toHaveLength(1);
  });

  it('an article after the own list is still found, from its own intro', () => {
    const seed = post([
      'My own suggestions, for what they are worth:-',
      '',
      "1) Don't sign anything until the figures are published.",
      "2) Keep a note of every case you couldn't see.",
      '',
      'Meanwhile, this was in the Guardian this morning:-',
      '',
      P1,
      '',
      P2,
    ]);
    const article = only(extract(seed));
    expect(article.source.name).toBe('The Guardian');
    expect(article.spans[0]).toMatchObject({ line: seed.lineOf(P1), endLine: seed.lineOf(P2) });
  });

  it("stays an article when the intro points at outside text (a press release's numbered changes)", () => {
    const seed = post([
      'The press release sets the changes out like this:-',
      '',
      '1. All supervision will move to the new regional centres from April.',
      '2. Staff will be consulted on their preferred location.',
      '3. We will publish a full timetable within the next month.',
    ]);
    expect(only(extract(seed)).spans[0]).toMatchObject({ line: seed.lineOf('1. All supervision') });
  });

  it('stays an article when the intro names a source, even with "we" in the items', () => {
    const seed = post([
      'Unison have been a bit quicker off the mark:-',
      '',
      '1) We will ballot members in the affected areas before the summer.',
      "2) We won't accept any loss of terms and conditions.",
    ]);
    expect(only(extract(seed)).source.name).toBe('Unison');
  });

  it('stays an article when the list holds "Notes to editors" (a pasted release), with no voice of the writer', () => {
    const seed = post([
      "Worth noting what's tucked away at the bottom:-",
      '',
      '1. Notes to editors',
      '2. The Probation Reform Network is a registered charity working with people on licence.',
      '3. Interviews can be arranged through the network office.',
    ]);
    expect(pasted(extract(seed))).toHaveLength(1);
  });

  it('stays an article when the items are third-person and only the intro is in the first person', () => {
    const seed = post([
      'I thought readers might like to see the details:-',
      '',
      '1. All trainees will complete their placements in the public sector.',
      '2. Placements will last a minimum of nine months.',
      '3. Assessment will be carried out by qualified practice tutors.',
    ]);
    expect(pasted(extract(seed))).toHaveLength(1);
  });

  it('stays an article when the items are long paragraphs, or numbered from other than 1', () => {
    const long = post(['My thoughts on it are below:-', '', `1) ${P1} ${P2}`, `2) ${P3} ${P4}`]);
    expect(pasted(extract(long))).toHaveLength(1);
    const partial = post([
      'I think there are several answers:-',
      '',
      '4) Give the work back to the people who know how to do it.',
      '5) Stop pretending that a phone call is supervision.',
    ]);
    expect(pasted(extract(partial))).toHaveLength(1);
  });

  it('stays an article when the items are quoted', () => {
    const seed = post([
      'I think there are several answers:-',
      '',
      '1) "Give the work back to the people who know how to do it."',
      '2) "Stop pretending that a phone call is supervision."',
    ]);
    expect(pasted(extract(seed))).toHaveLength(1);
  });
});

describe('rule: where a pasted article ends', () => {
  it('ends at the next intro line, which starts the next article', () => {
    const seed = post([
      'First, from the Guardian:-',
      '',
      P1,
      '',
      P2,
      '',
      'And then this from the Observer:-',
      '',
      P3,
      '',
      P4,
    ]);
    const found = pasted(extract(seed));
    expect(found).toHaveLength(2);
    expect(found[0]!.spans[0]).toMatchObject({ line: seed.lineOf(P1), endLine: seed.lineOf(P2) });
    expect(found[0]!.evidence).toContain('ends at the next intro line');
    expect(found[0]!.source.name).toBe('The Guardian');
    expect(found[1]!.spans[0]).toMatchObject({ line: seed.lineOf(P3), endLine: seed.lineOf(P4) });
    expect(found[1]!.source.name).toBe('The Observer');
  });

  it('ends at a next intro line ending ":" that points at what follows ("And here\'s the follow-up they sent:")', () => {
    const seed = post(
      ['A short post.'],
      [
        [
          "Here's the first notice they sent:-",
          '',
          P1,
          '',
          P2,
          '',
          "And here's the follow-up they sent a week later:",
          '',
          P3,
          '',
          P4,
        ],
      ],
    );
    const found = pasted(extract(seed));
    expect(found.map((a) => [a.spans[0]!.line, a.spans[0]!.endLine])).toEqual([
      [seed.lineOf(P1), seed.lineOf(P2)],
      [seed.lineOf(P3), seed.lineOf(P4)],
    ]);
  });

  it("ends at a gap of two blank lines where the writer's own words resume", () => {
    const seed = post(['This came round by email:-', '', P1, '', P2, '', '', OWN_WORDS]);
    const article = only(extract(seed));
    expect(article.spans[0]).toMatchObject({ line: seed.lineOf(P1), endLine: seed.lineOf(P2) });
    expect(article.text).not.toContain(OWN_WORDS);
    expect(article.evidence).toContain("ends at a gap where the writer's own words resume");
  });

  it('ends at a gap of two blank lines inside a comment too', () => {
    const seed = post(['A short post.'], [['This came round by email:-', '', P1, '', P2, '', '', OWN_WORDS]]);
    const article = only(extract(seed));
    expect(article.spans[0]).toMatchObject({ part: 'comment', line: seed.lineOf(P1), endLine: seed.lineOf(P2) });
  });

  it('a text that opens with a quote mark ends at its closing quote mark', () => {
    const seed = post(
      ['A short post.'],
      [['Here is the statement they put out:', '', `"${P1}`, '', `${P2}"`, '', OWN_WORDS]],
    );
    const article = only(extract(seed));
    expect(article.spans[0]).toMatchObject({ line: seed.lineOf(P1), endLine: seed.lineOf(P2) });
    expect(article.text).not.toContain(OWN_WORDS);
  });

  it('runs to the end of the body', () => {
    const seed = post(['This came round by email:-', '', P1, '', P2, '', P3]);
    const article = only(extract(seed));
    expect(article.spans[0]).toMatchObject({ line: seed.lineOf(P1), endLine: seed.lineOf(P3) });
    expect(article.evidence).toContain('runs to the end of the post');
  });

  it('runs to the end of the comment, not into the next one', () => {
    const seed = post(['A short post.'], [['This came round by email:-', '', P1, '', P2], [OWN_WORDS]]);
    const article = only(extract(seed));
    expect(article.spans[0]).toMatchObject({
      part: 'comment',
      commentId: '1',
      line: seed.lineOf(P1),
      endLine: seed.lineOf(P2),
    });
    expect(article.evidence).toContain('runs to the end of the comment');
  });

  it.each(['(cont)', '(continued)', "cont'd"])('a "%s" line after a gap continues the same article', (marker) => {
    const seed = post(['This came round by email:-', '', P1, '', '', marker, '', P2]);
    const article = only(extract(seed));
    expect(article.spans[0]).toMatchObject({ line: seed.lineOf(P1), endLine: seed.lineOf(P2) });
    expect(article.evidence).toContain('"(cont)" continues it');
  });

  it('keeps a two-line sign-off after a gap in the article and takes the person as source', () => {
    const seed = post([
      'Here is the latest message from the branch chair:-',
      '',
      P1,
      '',
      P2,
      '',
      '',
      'Maria Okafor',
      'Branch Chair',
    ]);
    const article = only(extract(seed));
    expect(article.spans[0]).toMatchObject({ line: seed.lineOf(P1), endLine: seed.lineOf('Branch Chair') });
    expect(article.text.endsWith('Maria Okafor\nBranch Chair')).toBe(true);
    expect(article.source).toEqual({ name: 'Maria Okafor', kind: 'person', site: null });
    expect(article.evidence).toContain('takes the sign-off after the gap');
  });

  it('keeps a one-line sign-off after a gap in the article and takes the person as source', () => {
    const seed = post(['The latest update for members:-', '', P3, '', P4, '', '', 'Tom Hennessy']);
    const article = only(extract(seed));
    expect(article.spans[0]).toMatchObject({ line: seed.lineOf(P3), endLine: seed.lineOf('Tom Hennessy') });
    expect(article.source).toMatchObject({ name: 'Tom Hennessy', kind: 'person' });
  });

  it('keeps a one-line "Name, Role" sign-off after a gap in the article and takes the person as source', () => {
    const seed = post(['The latest update for members:-', '', P3, '', P4, '', '', 'Maria Okafor, Branch Chair']);
    const article = only(extract(seed));
    expect(article.spans[0]).toMatchObject({ line: seed.lineOf(P3), endLine: seed.lineOf('Maria Okafor') });
    expect(article.source).toMatchObject({ name: 'Maria Okafor', kind: 'person' });
  });

  it('takes a sign-off right after the last paragraph (no gap) as the person source', () => {
    const seed = post([
      'The latest update for members:-',
      '',
      P3,
      '',
      P4,
      '',
      'Tom Hennessy',
      'Assistant General Secretary',
    ]);
    const article = only(extract(seed));
    expect(article.spans[0]).toMatchObject({
      line: seed.lineOf(P3),
      endLine: seed.lineOf('Assistant General Secretary'),
    });
    expect(article.source).toMatchObject({ name: 'Tom Hennessy', kind: 'person' });
  });
});

describe('rule: who an article is from', () => {
  it('"in the Guardian" names the outlet', () => {
    const seed = post(["There's a piece in the Guardian today about the new contracts:-", '', P1, '', P2]);
    expect(only(extract(seed)).source).toEqual({ name: 'The Guardian', kind: 'outlet', site: 'theguardian.com' });
  });

  it('"on the X website" names a website', () => {
    const seed = post(['This appeared on the Justice Matters website last night:-', '', P1, '', P2]);
    expect(only(extract(seed)).source).toEqual({ name: 'Justice Matters', kind: 'website', site: null });
  });

  it('"from Jane Smith, Branch Secretary" names a person', () => {
    const seed = post(['The following update is from Jane Smith, Branch Secretary:-', '', P1, '', P2]);
    expect(only(extract(seed)).source).toEqual({ name: 'Jane Smith', kind: 'person', site: null });
  });

  it('a body the table knows named in the intro ("the MoJ has published") is the source', () => {
    const seed = post(['The MoJ has published its response to the consultation:-', '', P1, '', P2]);
    expect(only(extract(seed)).source).toEqual({
      name: 'Ministry of Justice',
      kind: 'organisation',
      site: 'justice.gov.uk',
    });
  });

  it('the same with a ":" intro in a comment', () => {
    const seed = post(['A short post.'], [['The MoJ has published its response to the consultation:', '', P1, '', P2]]);
    expect(only(extract(seed)).source.name).toBe('Ministry of Justice');
  });

  it('a URL gives its registrable domain through the public suffix list (sub.example.org.uk → example.org.uk)', () => {
    const seed = post(
      ['A short post.'],
      [['https://news.example.org.uk/2019/06/hostel-places-cut-again', '', P1, '', P2]],
    );
    const article = only(extract(seed));
    expect(article.source).toEqual({ name: 'example.org.uk', kind: 'website', site: 'example.org.uk' });
    expect(article.evidence).toContain('source from the URL domain');
  });

  it('a URL on a site the table knows gives that outlet', () => {
    const seed = post(
      ['A short post.'],
      [['https://www.theguardian.com/society/2019/jun/04/hostel-places-cut-again', '', P1, '', P2]],
    );
    expect(only(extract(seed)).source).toEqual({ name: 'The Guardian', kind: 'outlet', site: 'theguardian.com' });
  });

  it.each([
    "So, Napo, here's what your members were sent last week:",
    "Napo, here's what your own members were sent last week:",
  ])('a name spoken to is not the source: %s', (intro) => {
    const seed = post(['A short post.'], [[intro, '', P1, '', P2]]);
    const article = only(extract(seed));
    expect(article.source.name).not.toBe('Napo');
    expect(article.source.kind).toBe('unknown');
  });

  it('table aliases resolve: "C4News" is Channel 4 News', () => {
    const seed = post(['This was on C4News last night:-', '', P1, '', P2]);
    expect(only(extract(seed)).source).toMatchObject({ name: 'Channel 4 News', kind: 'outlet' });
    expect(knownSource('C4News')?.name).toBe('Channel 4 News');
  });

  it('table aliases resolve after a dash: "- C4 News" is Channel 4 News', () => {
    const seed = post(
      ['A short post.'],
      [['And on the telly:', '', 'Hostel closures leave hundreds without an address - C4 News']],
    );
    expect(only(extract(seed)).source).toMatchObject({ name: 'Channel 4 News', kind: 'outlet' });
  });

  it('table aliases resolve: "the Daily Telegraph" is The Telegraph', () => {
    const seed = post(["There's more on this in the Daily Telegraph:-", '', P1, '', P2]);
    expect(only(extract(seed)).source).toMatchObject({
      name: 'The Telegraph',
      kind: 'outlet',
      site: 'telegraph.co.uk',
    });
    expect(knownSource('Daily Telegraph')?.name).toBe('The Telegraph');
  });

  it('"the Independent" alone is the paper', () => {
    const seed = post(["There's a report in the Independent today:-", '', P1, '', P2]);
    expect(only(extract(seed)).source.name).toBe('The Independent');
  });

  it('"the Independent Monitoring Board" is not The Independent', () => {
    const seed = post([
      'The latest annual report from the Independent Monitoring Board makes grim reading:-',
      '',
      P1,
      '',
      P2,
    ]);
    expect(only(extract(seed)).source.name).not.toBe('The Independent');
    expect(findMentions('a report from the Independent Monitoring Board').map((m) => m.entry.name)).not.toContain(
      'The Independent',
    );
  });

  it('"The Independent Monitoring Board …" opening an intro is not The Independent', () => {
    const seed = post([
      'The Independent Monitoring Board has published its annual report on the prison:-',
      '',
      P1,
      '',
      P2,
    ]);
    expect(only(extract(seed)).source.name).not.toBe('The Independent');
    expect(findMentions('The Independent Monitoring Board has published').map((m) => m.entry.name)).not.toContain(
      'The Independent',
    );
  });

  it('"The Independent Monitoring Board said …" opening the pasted text is not The Independent', () => {
    const opening =
      'The Independent Monitoring Board said conditions on two wings had deteriorated sharply since the spring, with staff shortages cancelling most education sessions.';
    const seed = post(['This came round by email:-', '', opening, '', P2]);
    expect(only(extract(seed)).source.name).not.toBe('The Independent');
  });
});

describe("rule: an outlet named inside the intro's noun phrase is the source", () => {
  it.each([
    ['The caseload figures were set out earlier in this Guardian article:-', 'The Guardian'],
    ['Much the same was said in an earlier Observer editorial:-', 'The Observer'],
    ["Yesterday's Telegraph story put it rather differently:-", 'The Telegraph'],
    ["And this from today's Times:-", 'The Times'],
    ['From the Times, behind its paywall:-', 'The Times'],
    ['Have a look at this recent Independent report:-', 'The Independent'],
    ['As reported by the BBC:-', 'BBC News'],
    ['There is a thoughtful piece in Inside Time this month:-', 'Inside Time'],
    ['A Sunday Times piece doing the rounds at head office:-', 'The Times'],
  ])('%s → %s', (intro, name) => {
    const article = only(extract(post([intro, '', P1, '', P2])));
    expect(article.source).toMatchObject({ name, kind: 'outlet' });
    expect(article.evidence.join(' ')).toMatch(/intro (?:names|mentions)/);
  });

  it('a paper the table does not know is an outlet when its name ends like a paper\'s ("this Fenland Chronicle report")', () => {
    for (const intro of [
      'Local coverage is no kinder, judging by this Fenland Chronicle report:-',
      'As reported by the Teesside Courier on Friday:-',
    ]) {
      const article = only(extract(post([intro, '', P1, '', P2])));
      expect(article.source.kind, intro).toBe('outlet');
      expect(article.source.name, intro).toMatch(/^(?:Fenland Chronicle|Teesside Courier)$/);
    }
  });

  it('"the following from the Justice Gazette website" stays a website', () => {
    const seed = post(['I was sent the following from the Justice Gazette website:-', '', P1, '', P2]);
    expect(only(extract(seed)).source).toEqual({ name: 'Justice Gazette', kind: 'website', site: null });
  });

  it('an ordinary word before a noun is not a paper: "this Independent Monitoring Board report"', () => {
    expect(findMentions('this Independent Monitoring Board report').map((m) => m.entry.name)).toEqual([]);
    expect(findMentions('these are Independent minds').map((m) => m.entry.name)).toEqual([]);
    expect(findMentions('an independent report').map((m) => m.entry.name)).toEqual([]);
    const seed = post(['Their own Independent Review report says as much:-', '', P1, '', P2]);
    expect(only(extract(seed)).source.name).not.toBe('The Independent');
  });

  it('a name that does not end like a paper\'s stays unknown ("this Wellbeing Hub story")', () => {
    const seed = post(['This Wellbeing Hub story has been going round the office:-', '', P1, '', P2]);
    expect(only(extract(seed)).source.kind).toBe('unknown');
  });
});

describe('rule: an article title', () => {
  it('is the first line when it reads as a headline', () => {
    const seed = post(['This came round by email:-', '', 'Hostel Places To Be Cut By A Third', '', P1, '', P2]);
    const article = only(extract(seed));
    expect(article.title).toBe('Hostel Places To Be Cut By A Third');
    expect(article.spans[0]).toMatchObject({ line: seed.lineOf('Hostel Places'), endLine: seed.lineOf(P2) });
    expect(article.evidence).toContain('title from its first line');
  });

  it('skips an addressee line ("To all staff") and takes the headline after it', () => {
    const seed = post([
      'This came round by email:-',
      '',
      'To all staff',
      '',
      'Changes To Weekend Reporting Arrangements',
      '',
      P1,
      '',
      P2,
    ]);
    const article = only(extract(seed));
    expect(article.title).toBe('Changes To Weekend Reporting Arrangements');
    expect(article.spans[0]).toMatchObject({ line: seed.lineOf('To all staff'), endLine: seed.lineOf(P2) });
    expect(article.evidence).toContain('title from the line after the addressee line');
  });

  it('is null when the first line is a sentence', () => {
    const seed = post(['This came round by email:-', '', P1, '', P2]);
    expect(only(extract(seed)).title).toBeNull();
  });

  it('comes from a headline= parameter of a link', () => {
    const seed = post(
      ['A short post.'],
      [['https://www.example.co.uk/story?id=42&headline=Council%20closes%20its%20last%20hostel']],
    );
    const [link] = links(extract(seed));
    expect(link).toMatchObject({ kind: 'link', title: 'Council closes its last hostel' });
  });

  it("comes from a link's slug, made readable", () => {
    const seed = post(
      ['A short post.'],
      [['https://www.example.org/news/2019/06/minister-s-plan-for-hostels-delayed/']],
    );
    const [link] = links(extract(seed));
    expect(link).toMatchObject({ kind: 'link', title: "Minister's plan for hostels delayed" });
  });
});

describe('rule: pasted text ends where the writer quotes the thread', () => {
  const BODY = 'The new arrangements will be reviewed by an independent panel before the end of the year.';

  it('ends before a line that is wholly a quote of the post', () => {
    const quoting = '"The new arrangements will be reviewed by an independent panel"';
    const seed = post([BODY], [['Passed on by a colleague today:-', '', P1, '', P2, '', quoting, '', P3]]);
    const result = extract(seed);
    const article = only(result);
    expect(article.spans[0]).toMatchObject({ line: seed.lineOf(P1), endLine: seed.lineOf(P2) });
    expect(article.evidence).toContain('ends where the writer quotes the thread');
    expect(result.quotes.map((q) => q.span)).toEqual([expect.objectContaining({ line: seed.lineOf(quoting) })]);
  });

  it('runs on over a quoted line that quotes nothing in the thread', () => {
    const quoting = '"Nothing like these words appears anywhere else in this thread"';
    const seed = post([BODY], [['Passed on by a colleague today:-', '', P1, '', quoting, '', P3]]);
    const article = only(extract(seed));
    expect(article.spans[0]).toMatchObject({ line: seed.lineOf(P1), endLine: seed.lineOf(P3) });
  });

  it('is not stopped by a quote of the thread inside a line (only a whole quoted line ends it)', () => {
    const inside =
      'Officials repeated that "the new arrangements will be reviewed by an independent panel" at the briefing.';
    const seed = post([BODY], [['Passed on by a colleague today:-', '', P1, '', inside, '', P3]]);
    const article = only(extract(seed));
    expect(article.spans[0]).toMatchObject({ line: seed.lineOf(P1), endLine: seed.lineOf(P3) });
  });
});

describe('rule: a quoted headline with its source after a dash', () => {
  it('a quoted headline with an unknown short source is an article from that outlet', () => {
    const seed = post(
      ['A short post.'],
      [
        [
          'The local paper has been on to it as well.',
          '',
          '"Hostel funding cut for third year running" - Westshire Gazette',
        ],
      ],
    );
    const article = only(extract(seed));
    expect(article).toMatchObject({
      title: 'Hostel funding cut for third year running',
      source: { name: 'Westshire Gazette', kind: 'outlet' },
    });
    expect(article.spans[0]).toMatchObject({
      line: seed.lineOf('Hostel funding cut'),
      endLine: seed.lineOf('Hostel funding cut'),
    });
  });

  it('an unquoted headline with a known source is an article from that source', () => {
    const seed = post(
      ['A short post.'],
      [['The national news has it too.', '', 'Ministers announce review of hostel funding - BBC News']],
    );
    const article = only(extract(seed));
    expect(article).toMatchObject({
      title: 'Ministers announce review of hostel funding',
      source: { name: 'BBC News', kind: 'outlet' },
    });
  });

  it('one article per headline line in a list of them', () => {
    const seed = post(
      ['A short post.'],
      [
        [
          'How it was reported:',
          '',
          '"Hostel funding cut again" - Westshire Gazette',
          '',
          'Ministers announce review of hostel funding - FT',
        ],
      ],
    );
    const found = pasted(extract(seed));
    expect(found.map((a) => [a.source.name, a.spans[0]!.line])).toEqual([
      ['Westshire Gazette', seed.lineOf('Westshire Gazette')],
      ['Financial Times', seed.lineOf(' - FT')],
    ]);
  });

  it('a line of prose with " - " in it is not an article', () => {
    const seed = post(
      ['A short post.'],
      [
        [
          'I mentioned it to my manager at supervision - she had no idea either',
          '',
          'Nobody asked the staff what they thought - as usual',
        ],
      ],
    );
    expect(pasted(extract(seed))).toEqual([]);
  });
});

describe('rule: a URL-only comment whose replies hold the text', () => {
  it('makes one article spanning the comment and its reply (full URL)', () => {
    const url = 'https://sub.example.org.uk/news/2019/06/probation-hostel-review-published';
    const seed = post(['A short post.'], [{ lines: [url], replies: [[P1, '', P2]] }]);
    const result = extract(seed);
    const article = only(result);
    expect(article).toMatchObject({
      url,
      source: { name: 'example.org.uk', kind: 'website', site: 'example.org.uk' },
      title: 'Probation hostel review published',
      location: { part: 'comments', commentIds: ['1', '1.1'] },
    });
    expect(article.spans).toEqual([
      { part: 'comment', commentId: '1.1', from: 0, to: 2, line: seed.lineOf(P1), endLine: seed.lineOf(P2) },
    ]);
    expect(links(result)).toEqual([]);
  });

  it('makes one article over two replies (partial URL)', () => {
    const url = '.example.org.uk/hostel-places-cut-again/';
    const seed = post(
      ['A short post.'],
      [
        {
          lines: [url],
          replies: [
            [P1, '', P2],
            [P3, '', P4],
          ],
        },
      ],
    );
    const article = only(extract(seed));
    expect(article).toMatchObject({
      url,
      source: { site: 'example.org.uk' },
      title: 'Hostel places cut again',
      location: { part: 'comments', commentIds: ['1', '1.1', '1.2'] },
    });
    expect(article.spans.map((s) => [s.part === 'comment' && s.commentId, s.line, s.endLine])).toEqual([
      ['1.1', seed.lineOf(P1), seed.lineOf(P2)],
      ['1.2', seed.lineOf(P3), seed.lineOf(P4)],
    ]);
    expect(article.text).toBe([P1, '', P2, '', P3, '', P4].join('\n'));
    expect(article.evidence).toContain('continues in the next reply');
  });

  it('keeps the short tail of an article split over two replies', () => {
    const url = '.example.org.uk/hostel-places-cut-again/';
    const seed = post(['A short post.'], [{ lines: [url], replies: [[P1, '', P2, '', P4], [P3]] }]);
    const article = only(extract(seed));
    expect(article.location).toEqual({ part: 'comments', commentIds: ['1', '1.1', '1.2'] });
    expect(article.text.endsWith(P3)).toBe(true);
  });

  it('stops at a reply that is an answer, not pasted text', () => {
    const url = '.example.org.uk/hostel-places-cut-again/';
    const seed = post(
      ['A short post.'],
      [{ lines: [url], replies: [[P1, '', P2], ['Thanks for posting this, very useful.']] }],
    );
    const article = only(extract(seed));
    expect(article.location).toEqual({ part: 'comments', commentIds: ['1', '1.1'] });
  });

  it('is only a link when the only reply is a short answer', () => {
    const url = 'https://www.example.org.uk/hostel-places-cut-again';
    const seed = post(['A short post.'], [{ lines: [url], replies: [['Thanks, I had missed that one.']] }]);
    const result = extract(seed);
    expect(pasted(result)).toEqual([]);
    expect(links(result)).toHaveLength(1);
    expect(links(result)[0]).toMatchObject({ url, location: { part: 'comments', commentIds: ['1'] } });
  });

  it("is only a link when the only reply is a long answer in the replier's own voice", () => {
    const url = 'https://www.example.org.uk/hostel-places-cut-again';
    const answer = [
      'I read this yesterday and honestly I think it misses the point entirely, because the closures were decided long before any review took place.',
      '',
      'In my area the hostel has been half empty for a year simply because referrals were blocked from above, so of course the occupancy figures look poor.',
      '',
      'I would be interested to hear whether anyone else has seen the same thing happen where they work.',
    ];
    expect(answer.join('\n').length).toBeGreaterThan(300);
    const seed = post(['A short post.'], [{ lines: [url], replies: [answer] }]);
    const result = extract(seed);
    expect(pasted(result)).toEqual([]);
    expect(links(result)).toMatchObject([{ url, location: { part: 'comments', commentIds: ['1'] } }]);
  });
});

describe('rule: a comment that is a URL followed by the pasted text', () => {
  it('is one article in that comment, with the URL and a title from it', () => {
    const url = 'https://news.example.org.uk/2019/06/hostel-places-cut-again';
    const seed = post(['A short post.'], [[url, '', P1, '', P2, '', P3]]);
    const result = extract(seed);
    const article = only(result);
    expect(article).toMatchObject({
      url,
      title: 'Hostel places cut again',
      location: { part: 'comments', commentIds: ['1'] },
    });
    expect(article.spans).toEqual([
      { part: 'comment', commentId: '1', from: 2, to: 6, line: seed.lineOf(P1), endLine: seed.lineOf(P3) },
    ]);
    expect(article.evidence).toContain('a URL, then the text pasted under it');
    expect(links(result)).toEqual([]);
  });
});

describe('rule: a pasted news item with its own headline and no intro', () => {
  it('is an article titled by its headline', () => {
    const seed = post(['A short post.'], [['Hostel Closures Spread Across The Region', '', P1, '', P2, '', P3]]);
    const article = only(extract(seed));
    expect(article).toMatchObject({ title: 'Hostel Closures Spread Across The Region', intro: null });
    expect(article.spans[0]).toMatchObject({ line: seed.lineOf('Hostel Closures'), endLine: seed.lineOf(P3) });
    expect(article.evidence).toContain('a headline line, then a news item in the third person, with no intro');
  });

  it('a short first line followed by first-person writing is not a news item', () => {
    const seed = post(
      ['A short post.'],
      [
        [
          'Another bad week',
          '',
          'I went into the office on Monday and found that my caseload had doubled overnight, without a word from anyone in management about why.',
          '',
          'Two of the officers who sat near me have handed in their notice, and the agency cover we were promised has still not materialised at all.',
          '',
          'If anyone from head office is reading this, the situation on the ground is far worse than the figures you keep publishing would suggest.',
        ],
      ],
    );
    expect(pasted(extract(seed))).toEqual([]);
  });
});

describe('rule: a quoted passage with no intro', () => {
  it('a long quoted paragraph is an article', () => {
    const quoted = `"${P1} ${P2}"`;
    const seed = post(
      ['A short post.'],
      [['Worth remembering what was promised back then.', '', quoted, '', 'Nothing of the sort happened, of course.']],
    );
    const article = only(extract(seed));
    expect(article.spans[0]).toMatchObject({ line: seed.lineOf(P1), endLine: seed.lineOf(P1) });
    expect(article.text).toBe(quoted);
    expect(article.evidence).toContain('a long quoted passage that quotes nothing in the thread');
  });

  it('a quotation over several paragraphs runs to its closing quote mark', () => {
    const seed = post(
      ['A short post.'],
      [
        [
          'Worth remembering what was promised back then.',
          '',
          `“${P1}`,
          '',
          `${P2}”`,
          '',
          'Nothing of the sort happened.',
        ],
      ],
    );
    const article = only(extract(seed));
    expect(article.spans[0]).toMatchObject({ line: seed.lineOf(P1), endLine: seed.lineOf(P2) });
  });

  it('short scare quotes are nothing', () => {
    const seed = post(
      ['A short post.'],
      [
        [
          'The so-called "reforms" have been a disaster for everyone involved, and the "market" they promised never appeared.',
          '',
          '"Modernisation", they called it.',
        ],
      ],
    );
    const result = extract(seed);
    expect(result.articles).toEqual([]);
    expect(result.quotes).toEqual([]);
  });
});

describe('rule: internal quotes (a comment quoting the post or another comment)', () => {
  const BODY = 'The new arrangements will be reviewed by an independent panel before the end of the year.';

  it('a comment quoting the post in straight quotes (whole line)', () => {
    const seed = post(
      [BODY],
      [
        [
          '"The new arrangements will be reviewed by an independent panel"',
          '',
          'Who sits on that panel, and who appoints them?',
        ],
      ],
    );
    const result = extract(seed);
    expect(pasted(result)).toEqual([]);
    expect(result.quotes).toHaveLength(1);
    expect(result.quotes[0]).toMatchObject({
      text: 'The new arrangements will be reviewed by an independent panel',
      span: { part: 'comment', commentId: '1', line: seed.lineOf('"The new arrangements') },
      target: { part: 'body', line: seed.lineOf(BODY), endLine: seed.lineOf(BODY) },
    });
  });

  it('a comment quoting the post in curly quotes, inside its own sentence', () => {
    const seed = post(
      [BODY],
      [['So they say “the new arrangements will be reviewed by an independent panel” and we are meant to believe it.']],
    );
    const result = extract(seed);
    expect(result.quotes).toHaveLength(1);
    expect(result.quotes[0]).toMatchObject({
      text: 'the new arrangements will be reviewed by an independent panel',
      target: { part: 'body', line: seed.lineOf(BODY) },
    });
  });

  it('a reply quoting another comment', () => {
    const seed = post(
      ['A short post.'],
      [
        ['Our office lost four experienced officers in a single month and nobody replaced them.'],
        {
          lines: ['Same story everywhere.'],
          replies: [['“lost four experienced officers in a single month” - that happened to us as well.']],
        },
      ],
    );
    const result = extract(seed);
    expect(pasted(result)).toEqual([]);
    expect(result.quotes).toHaveLength(1);
    expect(result.quotes[0]).toMatchObject({
      span: { part: 'comment', commentId: '2.1' },
      target: { part: 'comment', commentId: '1', line: seed.comment('1').line },
    });
  });

  it('a quote cut with "..." still finds what it quotes', () => {
    const seed = post(
      ['A short post.'],
      [
        ['Our office lost four experienced officers in a single month and nobody replaced them.'],
        ['"Our office lost four experienced officers ... nobody replaced them"'],
      ],
    );
    const result = extract(seed);
    expect(result.quotes).toHaveLength(1);
    expect(result.quotes[0]).toMatchObject({
      text: 'Our office lost four experienced officers ... nobody replaced them',
      span: { commentId: '2' },
      target: { part: 'comment', commentId: '1' },
    });
  });

  it('a quote cut with "…" (one character) still finds what it quotes', () => {
    const seed = post(
      ['A short post.'],
      [
        ['Our office lost four experienced officers in a single month and nobody replaced them.'],
        ['“Our office lost four experienced officers… nobody replaced them”'],
      ],
    );
    expect(extract(seed).quotes).toMatchObject([
      { span: { commentId: '2' }, target: { part: 'comment', commentId: '1' } },
    ]);
  });

  it("a quote that writes the post's curly apostrophe as a straight one still finds it", () => {
    const seed = post(
      ['Nobody has looked at the service’s workload figures since the contracts were signed.'],
      [['"Nobody has looked at the service\'s workload figures" - really?']],
    );
    expect(extract(seed).quotes).toMatchObject([
      { target: { part: 'body', line: seed.lineOf('since the contracts were signed') } },
    ]);
  });

  it('a long thread (quotes looked up through a word index) still finds a late comment quoting an early one', () => {
    // Enough quoted passages × comments that findQuoteCandidates indexes the thread's words.
    const early = 'Our office lost four experienced officers in a single month, and the café downstairs closed.';
    const fillers = Array.from({ length: 600 }, (_, i) => [
      `Remark ${i}: they keep saying "nothing quoted ${i} matches anywhere in this thread" as usual.`,
    ]);
    const seed = post(
      ['A short post.'],
      [
        [early],
        ...fillers.slice(0, 300),
        [early],
        ...fillers.slice(300),
        // Cut mid-word at the start, stemmed variants ("offices", "closing"), a non-ASCII interior word, cut at "…".
        ['“ffice lost four experienced officers… the café downstairs closing” — the same happened here.'],
      ],
    );
    const result = extract(seed);
    const late = result.quotes.filter((q) => q.span.part === 'comment' && q.span.commentId === '603');
    expect(late).toMatchObject([{ target: { part: 'comment', commentId: '1' } }]);
  });

  it('a three-word quote is nothing', () => {
    const seed = post(
      ['They promised a fresh start for the whole service.'],
      [['They called it "a fresh start" at the time, if I remember rightly.']],
    );
    expect(extract(seed).quotes).toEqual([]);
  });

  it('a quote of the thread inside a pasted article is not an internal quote', () => {
    const seed = post(
      [BODY],
      [
        [
          'The trade press picked this up today:-',
          '',
          'A spokesperson told reporters that "the new arrangements will be reviewed by an independent panel" and declined to comment on the staffing figures.',
          '',
          P2,
        ],
      ],
    );
    const result = extract(seed);
    expect(pasted(result)).toHaveLength(1);
    expect(result.quotes).toEqual([]);
  });
});

describe('rule: links', () => {
  it('a URL with no pasted text is listed once, even when repeated', () => {
    const url = 'https://www.example.org/reports/hostel-review';
    const seed = post(
      [`The full report is at ${url} for anyone interested.`],
      [[`Same link again: ${url}.`], [`And again ${url}`]],
    );
    const result = extract(seed);
    expect(pasted(result)).toEqual([]);
    expect(links(result)).toHaveLength(1);
    expect(links(result)[0]).toMatchObject({
      url,
      location: { part: 'body', line: seed.lineOf('The full report'), endLine: seed.lineOf('The full report') },
    });
  });

  it('a URL inside a pasted article is also listed as a link', () => {
    const url = 'https://www.example.gov.uk/guidance/hostel-referrals';
    const seed = post(['This came round by email:-', '', P1, '', `Full details are at ${url} for all staff.`, '', P2]);
    const result = extract(seed);
    const article = only(result);
    expect(article.spans[0]).toMatchObject({ line: seed.lineOf(P1), endLine: seed.lineOf(P2) });
    expect(links(result)).toHaveLength(1);
    expect(links(result)[0]).toMatchObject({ url, location: { part: 'body', line: seed.lineOf('Full details') } });
  });

  it('articles and links come in reading order with ids counting from 1', () => {
    const seed = post(
      ['This came round by email:-', '', P1, '', P2],
      [['https://www.example.org/reports/hostel-review']],
    );
    const result = extract(seed);
    expect(result.articles.map((a) => [a.id, a.kind])).toEqual([
      [`${seed.post.id}#a1`, 'article'],
      [`${seed.post.id}#a2`, 'link'],
    ]);
  });
});

describe('rule: same-article grouping', () => {
  const article = (id: string, fields: Partial<Article>): PlacedArticle => ({
    postId: id.split('#')[0]!,
    article: {
      id,
      kind: 'article',
      source: { name: null, kind: 'unknown', site: null },
      title: null,
      url: null,
      intro: null,
      location: { part: 'body', line: 5, endLine: 5 },
      spans: [{ part: 'body', line: 5, endLine: 5 }],
      text: '',
      confidence: 0.9,
      evidence: ['test'],
      ...fields,
    },
  });
  const LONG = PROSE.join(' ');
  const OTHER =
    'Volunteers at the food bank on the high street say demand has doubled since the winter, with families queueing before the doors open each morning. ' +
    'The organisers have appealed for donations of tinned goods and nappies, and for drivers who can collect surplus stock from supermarkets on weekday evenings. ' +
    'A survey of users found that most had been referred by their doctor or a school, and that nearly half had never needed help of this kind before last year. ' +
    'Councillors plan to debate a motion next month calling for emergency funding, though the finance committee has warned that reserves are already stretched.';

  it('urlKey ignores scheme, www, trailing slash and tracking parameters', () => {
    const key = urlKey('https://www.example.org/news/hostel-cuts/');
    expect(key).toBe('example.org/news/hostel-cuts');
    expect(urlKey('http://example.org/news/hostel-cuts')).toBe(key);
    expect(urlKey('https://example.org/news/hostel-cuts?utm_source=twitter&utm_medium=social')).toBe(key);
    expect(urlKey('.example.org/news/hostel-cuts/')).toBe(key);
    expect(urlKey('https://example.org/news/hostel-cuts?page=2')).not.toBe(key);
  });

  it('groups the same URL written with and without www, trailing slash or utm parameters', () => {
    const groups = groupSameArticles([
      article('p1#a1', { kind: 'link', url: 'https://www.example.org/news/hostel-cuts/', spans: [] }),
      article('p2#a1', { kind: 'link', url: 'http://example.org/news/hostel-cuts?utm_source=twitter', spans: [] }),
      article('p3#a1', { url: 'example.org/news/hostel-cuts', text: 'short' }),
      article('p4#a1', { kind: 'link', url: 'https://www.example.org/news/other-story', spans: [] }),
    ]);
    expect(new Set(groups.get('p1#a1'))).toEqual(new Set(['p2#a1', 'p3#a1']));
    expect(groups.has('p4#a1')).toBe(false);
  });

  it('groups near-identical long texts with a few words changed', () => {
    const edited = LONG.replace('sixty per cent', 'sixty percent')
      .replace('four million', '4 million')
      .replace('new year', 'spring');
    expect(edited).not.toBe(LONG);
    const groups = groupSameArticles([article('p1#a1', { text: LONG }), article('p2#a3', { text: edited })]);
    expect(groups.get('p1#a1')).toEqual(['p2#a3']);
    expect(groups.get('p2#a3')).toEqual(['p1#a1']);
  });

  it('does not group different texts', () => {
    const groups = groupSameArticles([article('p1#a1', { text: LONG }), article('p2#a1', { text: OTHER })]);
    expect(groups.size).toBe(0);
  });

  it('lists each group once, by its members, leaving single articles out', () => {
    const keys = [
      { id: 'p3#a1', urlKey: 'example.org/shared', fingerprint: null },
      { id: 'p1#a1', urlKey: 'example.org/shared', fingerprint: null },
      { id: 'p9#a1', urlKey: 'example.org/alone', fingerprint: null },
      { id: 'p2#a1', urlKey: 'example.org/shared', fingerprint: null },
    ];
    expect(groupsOfKeys(keys)).toEqual([['p3#a1', 'p1#a1', 'p2#a1']]);
    // Two thousand copies of one link: one group of them all, each member's others the rest.
    const many = Array.from({ length: 2000 }, (_, i) => ({
      id: `p${i}#a1`,
      urlKey: 'example.org/one',
      fingerprint: null,
    }));
    const [only, ...none] = groupsOfKeys(many);
    expect(none).toEqual([]);
    expect(only).toHaveLength(2000);
    expect(groupByKeys(many).get('p7#a1')).toHaveLength(1999);
  });

  it('does not group short texts by their words alone', () => {
    const short = 'The hostel on the ring road will close in the autumn, staff were told at a meeting on Friday.';
    const groups = groupSameArticles([article('p1#a1', { text: short }), article('p2#a1', { text: short })]);
    expect(groups.size).toBe(0);
  });
});

describe('rule: the source table is consistent', () => {
  const names = (entry: KnownSource) => [entry.name, ...entry.aliases];

  it('every name and alias resolves to its own entry through knownSource', () => {
    const wrong = SOURCE_TABLE.flatMap((entry) =>
      names(entry)
        .filter((name) => knownSource(name) !== entry)
        .map((name) => `${name} → ${knownSource(name)?.name ?? 'nothing'} (expected ${entry.name})`),
    );
    expect(wrong).toEqual([]);
  });

  it('no name or alias is shared by two entries', () => {
    const owners = new Map<string, Set<string>>();
    for (const entry of SOURCE_TABLE)
      for (const name of names(entry))
        owners.set(sourceKey(name), (owners.get(sourceKey(name)) ?? new Set()).add(entry.name));
    expect([...owners].filter(([, set]) => set.size > 1).map(([key, set]) => `${key}: ${[...set].join(', ')}`)).toEqual(
      [],
    );
  });

  it('every site is a registrable domain and names only one entry', () => {
    const seen = new Map<string, string>();
    const wrong: string[] = [];
    for (const entry of SOURCE_TABLE) {
      for (const site of entry.sites) {
        if (getDomain(site) !== site) wrong.push(`${entry.name}: ${site} → ${getDomain(site)}`);
        if (siteOf(`https://www.${site}/some/page`) !== site)
          wrong.push(`${entry.name}: siteOf(www.${site}) → ${siteOf(`https://www.${site}/some/page`)}`);
        if (seen.has(site)) wrong.push(`${site} is on ${seen.get(site)} and ${entry.name}`);
        seen.set(site, entry.name);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("rule: pasted text ends where the writer's voice resumes after a single blank line", () => {
  // First-person text standing in for a pasted testimony (a reader's letter to a paper).
  const TESTIMONY = [
    'When my order ended I was handed a leaflet and told to ring a number that nobody ever answered. My last officer had left the month before and nobody had been given my case.',
    'I went back to the office twice to ask who my new officer would be. Both times the receptionist took my name and said someone would write to me, and both times nobody did.',
  ];

  it('ends at an "I" paragraph after a report in the third person', () => {
    const own = "I'm told the same thing happened in two other counties last winter, and nobody was sacked.";
    const seed = post(['This came round by email:-', '', P1, '', P2, '', own]);
    const article = only(extract(seed));
    expect(article.spans[0]).toMatchObject({ line: seed.lineOf(P1), endLine: seed.lineOf(P2) });
    expect(article.evidence.some((e) => e.startsWith("ends where the writer's voice resumes"))).toBe(true);
  });

  it('ends at a paragraph that looks back at the pasted pieces, after first-person text', () => {
    const own =
      'Two pieces, and the same message in both: the people on the receiving end saw this coming long before anyone else.';
    const seed = post([
      'And this from a small blog run by a former client:-',
      '',
      ...[TESTIMONY[0]!, '', TESTIMONY[1]!],
      '',
      own,
    ]);
    const article = only(extract(seed));
    expect(article.spans[0]).toMatchObject({ line: seed.lineOf(TESTIMONY[0]!), endLine: seed.lineOf(TESTIMONY[1]!) });
  });

  it('ends at a question that answers the pasted text ("So what does this tell us?")', () => {
    const own = 'So what does this tell us? Mostly that the review was written by people who have never run a hostel.';
    const seed = post(['This came round by email:-', '', P3, '', P4, '', own]);
    expect(only(extract(seed)).spans[0]).toMatchObject({ line: seed.lineOf(P3), endLine: seed.lineOf(P4) });
  });

  it('ends at a paragraph that opens with a contraction after a formal notice', () => {
    const own = "It's difficult to see what else the staff could have been expected to do about any of it.";
    const seed = post(['The notice went out to all offices on Monday:-', '', P5, '', P6, '', own]);
    expect(only(extract(seed)).spans[0]).toMatchObject({ line: seed.lineOf(P5), endLine: seed.lineOf(P6) });
  });

  it('ends at an "I" paragraph after a bylined report (a byline does not make "I" the report\'s)', () => {
    const own = "I'm told the staff heard about it from a notice on the kitchen door.";
    const seed = post(['A piece in the Guardian this morning:-', '', 'By Dominic Ashworth', '', P1, '', P2, '', own]);
    expect(only(extract(seed)).spans[0]).toMatchObject({ line: seed.lineOf('By Dominic'), endLine: seed.lineOf(P2) });
  });

  it('ends at a look back after a single short paragraph of pasted text', () => {
    const own = 'Two letters like that from one office in a month. Somebody upstairs should be worried.';
    const seed = post(['A colleague writes:-', '', 'I am not leaving yet, but I have started looking.', '', own]);
    const article = only(extract(seed));
    expect(article.spans[0]).toMatchObject({
      line: seed.lineOf('I am not leaving'),
      endLine: seed.lineOf('I am not leaving'),
    });
  });

  it('ends at "Discuss."', () => {
    const seed = post(['This came round by email:-', '', P1, '', P2, '', 'Discuss.']);
    expect(only(extract(seed)).spans[0]).toMatchObject({ line: seed.lineOf(P1), endLine: seed.lineOf(P2) });
  });

  it('runs on over first-person paragraphs of a letter that opens "Dear colleagues,"', () => {
    const mine =
      'I know many of you have been waiting for this news, and I am grateful for your patience while the details were settled.';
    const seed = post([
      'The regional office sent this round today:-',
      '',
      'Dear colleagues,',
      '',
      P1,
      '',
      P2,
      '',
      mine,
    ]);
    expect(only(extract(seed)).spans[0]).toMatchObject({
      line: seed.lineOf('Dear colleagues,'),
      endLine: seed.lineOf(mine),
    });
  });

  it('runs on over first-person paragraphs when the intro names the person writing', () => {
    const mine = 'I want to thank every member who gave up an evening to come to the meetings this spring.';
    const seed = post(['The latest from Jo Pettigrew, Branch Secretary:-', '', P1, '', P2, '', mine]);
    expect(only(extract(seed)).spans[0]).toMatchObject({ line: seed.lineOf(P1), endLine: seed.lineOf(mine) });
  });

  it('runs on over quoted speech in the first person', () => {
    const speech =
      '"I have never seen morale this low," one officer said. The union said it would raise the figures with ministers next week.';
    const seed = post(['This came round by email:-', '', P1, '', P2, '', speech]);
    expect(only(extract(seed)).spans[0]).toMatchObject({ line: seed.lineOf(P1), endLine: seed.lineOf(speech) });
  });

  it('runs on over a subheading of an article that has subheadings ("So where next?")', () => {
    const seed = post(['This came round by email:-', '', P1, '', 'Staffing', '', P2, '', 'So where next?', '', P3]);
    expect(only(extract(seed)).spans[0]).toMatchObject({ line: seed.lineOf(P1), endLine: seed.lineOf(P3) });
  });
});

describe("rule: a letter's sign-off ends it and names who wrote it", () => {
  const OWN = "That's the official line, anyway. We'll see how long it lasts.";

  it('"Dear colleague," … "Regards," and a name: ends at the name, which is the source', () => {
    const seed = post([
      'Passed on by a reader this afternoon:-',
      '',
      'Dear colleague,',
      '',
      P1,
      '',
      P2,
      '',
      'Regards,',
      'Marcus Ilori',
      '',
      OWN,
    ]);
    const article = only(extract(seed));
    expect(article.spans[0]).toMatchObject({
      line: seed.lineOf('Dear colleague,'),
      endLine: seed.lineOf('Marcus Ilori'),
    });
    expect(article.source).toEqual({ name: 'Marcus Ilori', kind: 'person', site: null });
    expect(article.title).toBeNull();
    expect(article.evidence).toContain("ends after the letter's sign-off");
  });

  it("a name and role after a message from a body: the person, with the body's site kept", () => {
    const seed = post([
      'And here is the view from Napo HQ:-',
      '',
      P3,
      '',
      P4,
      '',
      'Joanna Pettigrew',
      'Assistant General Secretary',
      '',
      OWN,
    ]);
    const article = only(extract(seed));
    expect(article.spans[0]).toMatchObject({
      line: seed.lineOf(P3),
      endLine: seed.lineOf('Assistant General Secretary'),
    });
    expect(article.source).toEqual({ name: 'Joanna Pettigrew', kind: 'person', site: 'napo.org.uk' });
  });

  it('a short line that is not a signature does not end a report', () => {
    const seed = post(['This came round by email:-', '', P1, '', 'Hostel Review', '', P2]);
    expect(only(extract(seed)).spans[0]).toMatchObject({ line: seed.lineOf(P1), endLine: seed.lineOf(P2) });
  });
});

describe('rule: a byline names who wrote the article', () => {
  it('"By NAME" under the headline: the person, when the intro names only a body', () => {
    const seed = post([
      'The latest briefing from Napo HQ:-',
      '',
      'Hostel Closures: What Members Need To Know',
      'By Dominic Ashworth',
      '',
      P1,
      '',
      P2,
    ]);
    const article = only(extract(seed));
    expect(article.source).toMatchObject({ name: 'Dominic Ashworth', kind: 'person', site: 'napo.org.uk' });
    expect(article.title).toBe('Hostel Closures: What Members Need To Know');
    expect(article.evidence).toContain('source from the byline "Dominic Ashworth"');
  });

  it('"NAME, Role" as the first line is a byline and never the title', () => {
    const seed = post(['This came round by email:-', '', 'Dominic Ashworth, Branch Secretary', '', P1, '', P2]);
    const article = only(extract(seed));
    expect(article.source).toMatchObject({ name: 'Dominic Ashworth', kind: 'person' });
    expect(article.title).toBeNull();
  });

  it("an outlet named in the intro stays the source over its journalist's byline", () => {
    const seed = post(['A piece in the Guardian this morning:-', '', 'By Dominic Ashworth', '', P1, '', P2]);
    expect(only(extract(seed)).source.name).toBe('The Guardian');
  });
});

describe('rule: who an article is from, named by role or not named at all', () => {
  it('"from Napo\'s General Secretary NAME" is the person, with the body\'s site', () => {
    const seed = post(["Here's the message from Napo's General Secretary Rhiannon Yates:-", '', P1, '', P2]);
    expect(only(extract(seed)).source).toEqual({ name: 'Rhiannon Yates', kind: 'person', site: 'napo.org.uk' });
  });

  it('"by the chief inspector, NAME" is the person', () => {
    const seed = post(['A statement by the chief inspector, Rhiannon Yates:-', '', P1, '', P2]);
    expect(only(extract(seed)).source).toMatchObject({ name: 'Rhiannon Yates', kind: 'person' });
  });

  it('"an email from a reader" is a person nobody names', () => {
    const seed = post(["and here's an email from a reader:-", '', P1, '', P2]);
    expect(only(extract(seed)).source).toEqual({ name: null, kind: 'person', site: null });
  });

  it('"passed on by a colleague" is not who wrote it', () => {
    const seed = post(["I've had this passed on by a colleague in the North East:-", '', P1, '', P2]);
    expect(only(extract(seed)).source.kind).toBe('unknown');
  });

  it('an unnamed reader who signs the text is named by the signature', () => {
    const seed = post(['A reader writes:-', '', P1, '', P2, '', '', 'Marcus Ilori']);
    expect(only(extract(seed)).source).toMatchObject({ name: 'Marcus Ilori', kind: 'person' });
  });
});

describe('rule: a title never comes from an id in the URL', () => {
  it('a slug that is a section and an id ("uk-wales-50712345") gives no title to a link', () => {
    const seed = post(['A short post.'], [['https://www.bbc.co.uk/news/uk-wales-50712345']]);
    expect(links(extract(seed))[0]).toMatchObject({ kind: 'link', title: null });
  });

  it('a trailing id is dropped from a readable slug', () => {
    const seed = post(
      ['A short post.'],
      [['https://www.example.co.uk/news/hostel-places-cut-by-a-third-a7412345.html']],
    );
    expect(links(extract(seed))[0]).toMatchObject({ title: 'Hostel places cut by a third' });
  });

  it("the pasted text's headline line beats the URL for a link whose replies hold the text", () => {
    const url = 'https://www.bbc.co.uk/news/uk-wales-50712345';
    const seed = post(
      ['A short post.'],
      [{ lines: [url], replies: [['Hostel Places Cut By A Third', '', P1, '', P2]] }],
    );
    const article = only(extract(seed));
    expect(article).toMatchObject({ url, title: 'Hostel Places Cut By A Third' });
    expect(article.evidence).toContain('title from the headline line of the pasted text');
  });
});
