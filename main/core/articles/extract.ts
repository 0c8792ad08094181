import type { Comment, Post } from '../parse';
import {
  byline,
  endsLetter,
  isAddressee,
  isColonIntro,
  isSalutation,
  isDashIntro,
  isHeadline,
  isStrongColonIntro,
  isWriterColonIntro,
  signOff,
  sourceFromIntro,
  sourceFromOpening,
  type Attribution,
} from './attribution';
import { findQuoteCandidates, wholeLineQuotes, type LineSet, type QuoteCandidate } from './quotes';
import { asSource, findMentions, knownSource, sourceOfUrl } from './sources';
import { bodyPart, commentPart, CLOSE_QUOTE, OPEN_QUOTE, spanOf, spanText, wordCount, type Part } from './text';
import { placedLinks, urlFromIntroLink } from './links';
import { findUrls, isOnlyUrl, titleFromUrl } from './urls';
import { addToVoice, emptyVoice, writerResumes } from './voice';
import type { Article, ArticleLocation, InternalQuote, PostArticles, Source, TextSpan } from './types';

const UNKNOWN: Source = { name: null, kind: 'unknown', site: null };
/** "(cont)", "(continued)", "cont'd": the pasted text goes on. */
const CONTINUED = /^\(?\s*cont(?:inued|'d|’d|d)?\.?\s*\)?\.?$/i;
/** "(Jim: …)", "[Ed: …]": a paragraph wholly in brackets is the writer's aside, not the pasted text. */
const ASIDE = /^[([].*[)\]]$/;
/** First-person singular: the commenter's own voice, not a pasted news item. */
const FIRST_PERSON = /\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|my|me)\b/;
/** Pasted text after a ":" intro must be this long (characters) … */
const MIN_COLON_RUN = 200;
/** … and have a line this long among its first three: prose, not the commenter's own list. */
const MIN_PROSE_LINE = 100;
/** A quoted paragraph with no intro is outside writing only when this long. */
const MIN_QUOTED_PARAGRAPH = 200;
/** A news item with its own headline has at least this many characters after the headline. */
const MIN_NEWS_ITEM = 300;
/** A reply holds pasted text from the link above it when at least this long. */
const MIN_PASTED_REPLY = 300;
/** Text beside a URL in a "link comment" ("Out of Red Pepper … papa") stays under this length. */
const MAX_LINK_COMMENT_TEXT = 250;

type Draft = Omit<Article, 'id'>;

/** Indexes [from, to] into part.lines of a run of pasted text. */
interface Run {
  from: number;
  to: number;
  evidence: string[];
}

const nonBlank = (part: Part, from: number, to = part.lines.length - 1): number[] => {
  const found: number[] = [];
  for (let i = from; i <= to; i++) if (!part.lines[i]!.blank) found.push(i);
  return found;
};
const nextNonBlank = (part: Part, from: number): number => {
  let i = from;
  while (i < part.lines.length && part.lines[i]!.blank) i++;
  return i;
};
const runText = (part: Part, run: Run) =>
  part.lines
    .slice(run.from, run.to + 1)
    .map((l) => l.text)
    .join('\n');

/** What every dash headline holds: a dash with space on both sides. Testing it first skips the costly pattern on most lines. */
const SPACED_DASH = /\s[-–—]\s/;

/** `"Probation services renationalised" - FT`: a quoted headline with its source after a dash. */
export function dashHeadline(line: string): { headline: string; attribution: Attribution } | null {
  if (!SPACED_DASH.test(line)) return null;
  const match = /^(.*\S)\s+[-–—]\s+(\S.{0,39})$/.exec(line.trim());
  if (!match) return null;
  const left = match[1]!;
  const right = match[2]!.trim().replace(/[.!]$/, '');
  const quoted = /^["“‘'](.+)["”’']$/.exec(left);
  const headline = (quoted ? quoted[1]! : left).trim();
  if (wordCount(headline) < 3 || headline.length > 200 || /[:;]$/.test(headline)) return null;
  const known = knownSource(right) ?? knownSource(right.replace(/\s+(?:union|news|online|website|report)$/i, ''));
  if (known)
    return { headline, attribution: { source: asSource(known), evidence: `source after the dash: "${right}"` } };
  if (quoted && /^[A-Z][\p{L}\p{N}.&'’-]*(?:\s+[A-Z][\p{L}\p{N}.&'’-]*){0,3}$/u.test(right))
    return {
      headline,
      attribution: {
        source: { name: right, kind: 'outlet', site: null },
        evidence: `source after the dash: "${right}"`,
      },
    };
  return null;
}

/** Does everything from `from` on (up to the part's end) read as a sign-off? */
function signOffFrom(part: Part, from: number): number | null {
  const rest = nonBlank(part, from);
  if (!rest.length || rest.length > 2) return null;
  const found = signOff(rest.map((i) => part.lines[i]!.text));
  return found && found.lineCount === rest.length ? rest[rest.length - 1]! : null;
}

/** Texts written in someone's own voice: after an intro naming one, "I" in the text is theirs. */
const OWN_VOICE_TEXT =
  /\b(?:letter|e-?mail|message|blog(?:\s+post)?|post|column|diary|account|testimony|speech|memo|note|tweet|open letter)s?\b/i;

/** What an intro says of the voice to come: a person's text, or a letter, email or blog post, speaks as "I". */
function introducedVoice(intro: string | null) {
  const voice = emptyVoice();
  if (!intro) return voice;
  if (sourceFromIntro(intro)?.source.kind === 'person') voice.me = voice.personal = true;
  else if (OWN_VOICE_TEXT.test(intro)) voice.personal = true;
  return voice;
}

/** The lines of the paragraph that starts at line `from` (up to the next blank line), joined. */
const paragraphAt = (part: Part, from: number): string => {
  const lines: string[] = [];
  for (let k = from; k < part.lines.length && !part.lines[k]!.blank; k++) lines.push(part.lines[k]!.text.trim());
  return lines.join(' ');
};

/**
 * The pasted text that starts at line `start`: up to the next intro line, a gap of two or more
 * blank lines (the writer's own words resuming; a "(cont)" line or a sign-off after the gap
 * still belongs), a letter's sign-off with more text after it, a paragraph in the writer's
 * voice after a single blank line (see writerResumes), a comment's own quote of the thread, or
 * the end of the part.
 */
function plainRun(part: Part, start: number, stops: LineSet, intro: string | null = null): Run {
  const evidence: string[] = [];
  let last = start;
  let blanks = 0;
  const voice = introducedVoice(intro);
  let paragraph: string[] = [part.lines[start]!.text.trim()];
  const letter = isSalutation(part.lines[start]!.text);
  for (let k = start + 1; k < part.lines.length; k++) {
    const line = part.lines[k]!;
    if (line.blank) {
      blanks++;
      continue;
    }
    const text = line.text.trim();
    if (isDashIntro(text) || isStrongColonIntro(text) || isWriterColonIntro(text)) {
      evidence.push('ends at the next intro line');
      return { from: start, to: last, evidence };
    }
    if (ASIDE.test(text) && !CONTINUED.test(text)) {
      evidence.push("ends at the writer's own bracketed aside");
      return { from: start, to: last, evidence };
    }
    if (stops.has(k)) {
      evidence.push('ends where the writer quotes the thread');
      return { from: start, to: last, evidence };
    }
    if (blanks >= 2 && !CONTINUED.test(text)) {
      const signed = signOffFrom(part, k);
      if (signed !== null) {
        evidence.push('takes the sign-off after the gap');
        return { from: start, to: signed, evidence };
      }
      evidence.push("ends at a gap where the writer's own words resume");
      return { from: start, to: last, evidence };
    }
    if (blanks) {
      if (endsLetter(paragraph, letter)) {
        evidence.push("ends after the letter's sign-off");
        return { from: start, to: last, evidence };
      }
      // Line by line: pasted text written without blank lines is one line per paragraph.
      for (const written of paragraph) addToVoice(voice, written);
      paragraph = [];
      const resumes = CONTINUED.test(text) ? null : writerResumes(voice, paragraphAt(part, k));
      if (resumes) {
        evidence.push(`ends where the writer's voice resumes (${resumes})`);
        return { from: start, to: last, evidence };
      }
    }
    if (CONTINUED.test(text)) evidence.push('"(cont)" continues it');
    paragraph.push(text);
    last = k;
    blanks = 0;
  }
  evidence.push(part.comment ? 'runs to the end of the comment' : 'runs to the end of the post');
  return { from: start, to: last, evidence };
}

/** A run that opens with a quote mark ends at the line that closes it. */
function quotedRun(part: Part, start: number): Run | null {
  for (let k = start; k < part.lines.length; k++) {
    const line = part.lines[k]!;
    if (line.blank) continue;
    const text = line.text.trim();
    if (k > start && (isDashIntro(text) || isStrongColonIntro(text))) return null;
    if (CLOSE_QUOTE.test(text) && (k > start || text.length > 1))
      return { from: start, to: k, evidence: ['quoted text, to its closing quote mark'] };
  }
  return null;
}

/** Is this run substantial prose rather than a writer's own short list? */
function isProse(part: Part, run: Run): boolean {
  const lines = nonBlank(part, run.from, run.to).map((i) => part.lines[i]!.text.trim());
  const length = lines.reduce((n, l) => n + l.length, 0);
  return length >= MIN_COLON_RUN && lines.slice(0, 3).some((l) => l.length >= MIN_PROSE_LINE);
}

/** Does a run open in the writer's own voice ("I was told…", quoted speech aside)? Then a ":" line introduced their own words. */
function opensInFirstPerson(part: Part, run: Run): boolean {
  const opening = nonBlank(part, run.from, run.to)
    .slice(0, 2)
    .map((i) => part.lines[i]!.text.replace(/["“][^"“”]*(?:["”]|$)/g, ''))
    .join(' ');
  return FIRST_PERSON.test(opening);
}

/** "1)", "1.", "(1)", "1:": a numbered list item, with its number. */
const LIST_ITEM = /^\(?(\d{1,2})[.):]\s+\S/;
/** A writer's own list item stays under this length (characters); a pasted notice's points run longer. */
const MAX_OWN_ITEM = 300;
/** Words in an intro that say outside text comes next: then a list after it is pasted, whatever its voice. */
const OUTSIDE_TEXT =
  /\b(?:article|piece|report|notice|statement|letter|e-?mail|press release|release|circular|bulletin|briefing|memo|guidance|message|announcement|minutes|document|leaflet|instructions?|consultation|survey|questionnaire|white paper|green paper|extract|excerpt|tweet|newsletter|published|issued|sent|received|circulated|forwarded|leaked|writes|wrote|reports|reported|quoted?|quoting)\b/gi;
/** "…about the announcement", "…since the report": outside text as the topic, not what comes next. */
const TOPIC_BEFORE =
  /\b(?:about|since|on|over|regarding|concerning|after|before|around|behind)\s+(?:(?:the|this|that|their|its|his|her|a|an|latest|new|recent|[\p{L}-]+['’]s)\s+){0,3}$/iu;

/** Does an intro point at outside text coming next ("the press release sets it out:-", "I was sent this:-")? */
const pointsAtOutsideText = (intro: string): boolean =>
  [...intro.matchAll(OUTSIDE_TEXT)].some((m) => !TOPIC_BEFORE.test(intro.slice(0, m.index)));

/** Lines only pasted releases and notices hold: "Notes to editors", "ENDS", a press contact. */
const RELEASE_LINE =
  /^(?:notes? to editors?|-?\s*ends\s*-?$|for (?:further|more) information\b|press office\b|media enquiries\b|contact:)/i;
/** The writer's own framing of a list: "there are several answers", "my suggestions". */
const OWN_FRAMING =
  /\b(?:answers?|suggestions?|thoughts|ideas|solutions|questions|views|opinions?|predictions|proposals|possibilities|remedies|lessons|observations|points|concerns|fears|wishes|priorities|tips|reasons|options|things)\b/i;
/** First person singular, at the start of a sentence too ("My three:-"). */
const ME = /\b(?:I|I['’](?:m|ve|d|ll)|[Mm]y|[Mm]e|[Mm]ine)\b/;
/** First person plural, as the blog writes ("we", "our"). */
const WE = /\b(?:[Ww]e|[Ww]e['’](?:re|ve|d|ll)|[Oo]ur|[Uu]s)\b/;
/** Informal register: a contraction or an exclamation mark. */
const CASUAL = /\b\w+n['’]t\b|\b(?:it|that|there|what|who|here|let)['’]s\b|\w['’](?:re|ll|ve)\b|!/i;

/** The numbered list a run opens with ("1) …", "2) …"; a line straight after an item continues it), or null. */
function leadingList(part: Part, run: Run): string[] | null {
  const items: string[] = [];
  let previous = -1;
  for (const i of nonBlank(part, run.from, run.to)) {
    const text = part.lines[i]!.text.trim();
    const item = LIST_ITEM.exec(text);
    if (item) {
      if (Number(item[1]) !== items.length + 1) return items.length >= 2 ? items : null;
      items.push(text);
    } else if (items.length && i === previous + 1) items[items.length - 1] += ` ${text}`;
    else break;
    previous = i;
  }
  return items.length >= 2 ? items : null;
}

/**
 * Is the text after an intro the writer's own numbered list ("…there are several answers:-"
 * then "1) … 2) …") rather than pasted text? Its shape: it opens with short items numbered from
 * 1, with no quote mark, release line ("Notes to editors") or sign-off. Its voice: the intro
 * points at no outside text and names no source, and the intro and items together speak as the
 * writer (first person, the writer's own framing, questions to readers, an informal register).
 */
function isWritersOwnList(part: Part, run: Run, intro: string): boolean {
  const items = leadingList(part, run);
  if (!items || items.some((item) => item.length > MAX_OWN_ITEM)) return false;
  if (pointsAtOutsideText(intro) || sourceFromIntro(intro)) return false;
  const unnumbered = (line: string) => line.trim().replace(/^\(?\d{1,2}[.):]\s+/, '');
  if (items.some((item) => OPEN_QUOTE.test(unnumbered(item)))) return false;
  const lines = nonBlank(part, run.from, run.to).map((i) => unnumbered(part.lines[i]!.text));
  if (lines.some((line) => RELEASE_LINE.test(line)) || signOff(lines.slice(-2))) return false;
  const said = items.join(' ').replace(/["“][^"“”]*(?:["”]|$)/g, '');
  let voice = 0;
  if (ME.test(intro) || WE.test(intro)) voice++;
  if (OWN_FRAMING.test(intro)) voice++;
  if (/\?/.test(intro)) voice++;
  if (ME.test(said)) voice += 2;
  else if (WE.test(said)) voice++;
  if (/\?/.test(said)) voice++;
  if (CASUAL.test(said)) voice++;
  return voice >= 2;
}

/** A headline as the first line of pasted text, skipping an addressee line ("TO: NAPO MEMBERS") or a byline. */
function titleOf(part: Part, run: Run): { title: string | null; evidence: string | null } {
  const lines = nonBlank(part, run.from, run.to).map((i) => part.lines[i]!.text.trim());
  let first = 0;
  if (lines[0] && (isAddressee(lines[0]) || byline(lines[0]))) first = 1;
  const candidate = lines[first];
  if (candidate && lines.length > first + 1 && isHeadline(candidate) && !CONTINUED.test(candidate))
    return {
      title: candidate,
      evidence: first ? 'title from the line after the addressee line' : 'title from its first line',
    };
  return { title: null, evidence: null };
}

/** An author line among the first lines of pasted text ("By Jane Smith", "Ian Lawrence, General Secretary"). */
function bylineOf(text: string): string | null {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 3);
  for (const line of lines) {
    const name = byline(line);
    if (name) return name;
  }
  return null;
}

/**
 * Who pasted text is from, best evidence first: the intro, a sign-off or a byline, its first
 * sentence. A person who signs or bylines a text the intro credits to a body ("from Napo HQ",
 * "the view from HMPPS") or to someone unnamed ("an email from a reader") is its source, with
 * the body's site kept.
 */
function attribute(intro: string | null, text: string): { source: Source; evidence: string[] } {
  const evidence: string[] = [];
  const fromIntro = intro ? sourceFromIntro(intro) : null;
  const signed = signOff(text.split('\n').slice(-4));
  const author = signed?.name ?? bylineOf(text);
  const how = signed ? `source from the sign-off "${author}"` : `source from the byline "${author}"`;
  if (
    fromIntro &&
    author &&
    (fromIntro.strength === 'mentioned' ||
      fromIntro.source.kind === 'organisation' ||
      (fromIntro.source.kind === 'person' && fromIntro.source.name === null)) &&
    !knownSource(author)
  ) {
    // A circular "from Napo HQ" signed "Ian Lawrence" is Ian Lawrence's: the body publishes, the person writes.
    const site = fromIntro.source.kind === 'organisation' ? fromIntro.source.site : null;
    return { source: { name: author, kind: 'person', site }, evidence: [fromIntro.evidence, how] };
  }
  if (fromIntro) {
    evidence.push(fromIntro.evidence);
    if (signed && fromIntro.source.kind === 'person' && signed.name === fromIntro.source.name)
      evidence.push(`signed off by ${signed.name}`);
    return { source: fromIntro.source, evidence };
  }
  if (author) return { source: { name: author, kind: 'person', site: null }, evidence: [how] };
  const opening = sourceFromOpening(text);
  if (opening) return { source: opening.source, evidence: [opening.evidence] };
  return { source: UNKNOWN, evidence: ['source unknown'] };
}

function locationOf(part: Part, span: TextSpan): ArticleLocation {
  return part.comment
    ? { part: 'comments', commentIds: [part.comment.id] }
    : { part: 'body', line: span.line, endLine: span.endLine };
}

/** An article from a run of one part. */
function articleFromRun(
  part: Part,
  run: Run,
  options: { intro: number | null; confidence: number; evidence: string[]; url?: string | null; title?: string | null },
): Draft | null {
  const span = spanOf(part, run.from, run.to);
  if (!span) return null;
  const text = spanText(part, span);
  const introLine = options.intro === null ? null : part.lines[options.intro]!;
  const intro = introLine ? { text: introLine.text.trim(), line: introLine.fileLine } : null;
  let { source, evidence: sourceEvidence } = attribute(intro?.text ?? null, text);
  if (options.url && source.kind === 'unknown') {
    const fromUrl = sourceOfUrl(options.url);
    if (fromUrl) [source, sourceEvidence] = [fromUrl, ['source from the URL domain']];
  }
  const found =
    options.title === undefined
      ? titleOf(part, run)
      : { title: options.title, evidence: options.title ? 'title from its headline line' : null };
  const evidence = [...options.evidence, ...run.evidence, ...sourceEvidence];
  if (found.evidence) evidence.push(found.evidence);
  const confidence = source.kind === 'unknown' ? options.confidence * 0.9 : options.confidence;
  return {
    kind: 'article',
    source,
    title: found.title,
    url: options.url ?? null,
    intro,
    location: locationOf(part, span),
    spans: [span],
    text,
    confidence,
    evidence,
  };
}

/** A comment that opens with a short headline and goes on as a third-person news item ("Napo members celebrate"). */
function newsItem(part: Part, start: number, stops: LineSet): Draft | null {
  const headline = part.lines[start]!.text.trim();
  if (
    !isHeadline(headline) ||
    headline.length > 80 ||
    wordCount(headline) < 2 ||
    wordCount(headline) > 12 ||
    /[?]$/.test(headline)
  )
    return null;
  if (dashHeadline(headline) || OPEN_QUOTE.test(headline)) return null;
  const bodyStart = nextNonBlank(part, start + 1);
  if (bodyStart >= part.lines.length) return null;
  const run = plainRun(part, bodyStart, stops);
  const lines = nonBlank(part, run.from, run.to).map((i) => part.lines[i]!.text);
  if (lines.length < 3 || lines.join(' ').length < MIN_NEWS_ITEM || lines.slice(0, 3).some((l) => FIRST_PERSON.test(l)))
    return null;
  const draft = articleFromRun(
    part,
    { from: start, to: run.to, evidence: run.evidence },
    {
      intro: null,
      confidence: 0.6,
      evidence: ['a headline line, then a news item in the third person, with no intro'],
      title: headline,
    },
  );
  if (draft && draft.source.kind === 'unknown') {
    const [mention] = findMentions(headline);
    if (mention) {
      draft.source = asSource(mention.entry);
      draft.evidence = [...draft.evidence.filter((e) => e !== 'source unknown'), `headline names ${mention.text}`];
      draft.confidence = 0.6;
    }
  }
  return draft;
}

/**
 * The articles in one part (the body, or one comment not already taken whole), reading its
 * lines in order: intro lines and the text they introduce, quoted headlines with a source
 * after a dash, long quoted paragraphs, and (first line of a comment) a URL followed by its
 * text or a news item with its own headline.
 */
function scanPart(part: Part, stops: LineSet): Draft[] {
  const drafts: Draft[] = [];
  const firstLine = nextNonBlank(part, 0);
  for (let i = firstLine; i < part.lines.length; i = nextNonBlank(part, i + 1)) {
    // A line quoting the thread starts nothing. Each rule below asks stops.has(i) only before it
    // takes the line (a costly question, and most lines are taken by no rule); until then a
    // rule only looks, so asking late gives the same articles as asking first.
    const text = part.lines[i]!.text.trim();
    const dash = dashHeadline(text);
    if (dash) {
      if (stops.has(i)) continue;
      const span = spanOf(part, i, i)!;
      drafts.push({
        kind: 'article',
        source: dash.attribution.source,
        title: dash.headline,
        url: null,
        intro: null,
        location: locationOf(part, span),
        spans: [span],
        text: spanText(part, span),
        confidence: 0.85,
        evidence: ['a quoted headline with its source after a dash', dash.attribution.evidence],
      });
      continue;
    }
    const dashIntro = isDashIntro(text);
    if (dashIntro || isColonIntro(text)) {
      const start = nextNonBlank(part, i + 1);
      if (start < part.lines.length && !dashHeadline(part.lines[start]!.text)) {
        const run =
          (OPEN_QUOTE.test(part.lines[start]!.text.trim()) && quotedRun(part, start)) ||
          plainRun(part, start, stops, text);
        if (
          (dashIntro || (isProse(part, run) && !opensInFirstPerson(part, run))) &&
          !isWritersOwnList(part, run, text)
        ) {
          const draft = articleFromRun(part, run, {
            intro: i,
            confidence: dashIntro ? 0.9 : 0.75,
            evidence: [dashIntro ? 'intro line ends ":-"' : 'intro line ends ":" and points at what follows'],
          });
          // Text that opens with a quote of the thread is the writer's reply, not pasted text.
          if (draft && !stops.has(start)) {
            if (stops.has(i)) continue;
            drafts.push(draft);
            i = run.to;
            continue;
          }
        }
      }
    }
    if (part.comment && i === firstLine) {
      if (isOnlyUrl(text)) {
        const start = nextNonBlank(part, i + 1);
        if (start < part.lines.length) {
          const run = plainRun(part, start, stops);
          if (nonBlank(part, run.from, run.to).length >= 2 && runText(part, run).length >= MIN_PASTED_REPLY) {
            const url = findUrls(text)[0]!;
            const draft = articleFromRun(part, run, {
              intro: null,
              confidence: 0.7,
              evidence: ['a URL, then the text pasted under it'],
              url,
            });
            if (draft) {
              if (stops.has(i)) continue;
              if (!draft.title) draft.title = titleFromUrl(url);
              drafts.push(draft);
              i = run.to;
              continue;
            }
          }
        }
      }
      const item = newsItem(part, i, stops);
      if (item) {
        if (stops.has(i)) continue;
        drafts.push(item);
        i = part.lines.findIndex((l) => l.fileLine === item.spans[0]!.endLine);
        continue;
      }
    }
    if (OPEN_QUOTE.test(text)) {
      const run = quotedRun(part, i);
      if (run && runText(part, run).length >= MIN_QUOTED_PARAGRAPH) {
        const draft = articleFromRun(part, run, {
          intro: null,
          confidence: 0.55,
          evidence: ['a long quoted passage that quotes nothing in the thread'],
          title: null,
        });
        if (draft) {
          if (stops.has(i)) continue;
          drafts.push(draft);
          i = run.to;
        }
      }
    }
  }
  return drafts;
}

/** Does a reply read as pasted text rather than an answer? The first must be substantial; a later one continues it when it is third-person prose. */
function isPastedReply(reply: Comment, first: boolean): boolean {
  const paragraphs = reply.text.split(/\n\s*\n/).filter((p) => p.trim()).length;
  // Speech quoted in a news report ("I am about to start…") is not the replier's own voice.
  const opening = reply.text.split(/\n\s*\n/)[0]!.replace(/["“][^"“”]*(?:["”]|$)/g, '');
  if (FIRST_PERSON.test(opening)) return false;
  if (first)
    return reply.text.length >= MIN_PASTED_REPLY && (paragraphs >= 2 || reply.text.length >= 2 * MIN_PASTED_REPLY);
  return reply.text.length >= MIN_PASTED_REPLY / 2 && !/^@|^\w+[,:]\s/.test(reply.text);
}

/**
 * A comment that is (nearly) only a URL, whose first replies hold the text of what it links
 * to: one article spanning the comment and those replies.
 */
function linkWithReplies(comment: Comment): Draft | null {
  const urls = findUrls(comment.text);
  if (urls.length !== 1 || !comment.replies.length) return null;
  const url = urls[0]!;
  const beside = comment.text.replace(url, '').trim();
  if (beside.length > MAX_LINK_COMMENT_TEXT) return null;
  const pasted: Comment[] = [];
  for (const reply of comment.replies) {
    if (!isPastedReply(reply, pasted.length === 0) || findUrls(reply.text).length) break;
    pasted.push(reply);
  }
  if (!pasted.length) return null;
  const parts = pasted.map(commentPart);
  const spans = parts.map((p) => spanOf(p, 0, p.lines.length - 1)).filter((s): s is TextSpan => s !== null);
  const fromUrl = sourceOfUrl(url);
  const evidence = [
    isOnlyUrl(comment.text) ? 'a comment that is only a URL' : 'a comment that is a URL with a few words',
    `its text is pasted in ${pasted.length === 1 ? 'the reply' : `${pasted.length} replies`} below`,
  ];
  if (pasted.length > 1) evidence.push('continues in the next reply');
  let source = fromUrl ?? UNKNOWN;
  evidence.push(fromUrl ? 'source from the URL domain' : 'source unknown');
  if (fromUrl?.kind === 'website') {
    const [mention] = findMentions(beside);
    if (mention) {
      source = { ...asSource(mention.entry), site: fromUrl.site };
      evidence.push(`the comment names ${mention.text}`);
    }
  }
  // The pasted text's own headline beats the URL's slug ("uk-wales-50712345").
  const first = parts[0]!;
  const headline = titleOf(first, { from: 0, to: first.lines.length - 1, evidence: [] }).title;
  const title = headline ?? titleFromUrl(url);
  if (headline) evidence.push('title from the headline line of the pasted text');
  else if (title) evidence.push('title from the URL');
  return {
    kind: 'article',
    source,
    title,
    url,
    intro: beside ? { text: comment.text.trim(), line: comment.textLine } : null,
    location: { part: 'comments', commentIds: [comment.id, ...pasted.map((r) => r.id)] },
    spans,
    text: pasted.map((r) => r.text).join('\n\n'),
    confidence: isOnlyUrl(comment.text) ? 0.8 : 0.7,
    evidence,
  };
}

function link(url: string, location: ArticleLocation): Draft {
  const source = sourceOfUrl(url) ?? UNKNOWN;
  const title = titleFromUrl(url);
  return {
    kind: 'link',
    source,
    title,
    url,
    intro: null,
    location,
    spans: [],
    text: '',
    confidence: 0.95,
    evidence: [
      'a URL with no pasted text',
      source.kind === 'unknown' ? 'source unknown' : 'source from the URL domain',
      ...(title ? ['title from the URL'] : []),
    ],
  };
}

const allComments = (post: Post): Comment[] => post.comments.flatMap((c) => [c, ...c.replies]);
const orderOf = (draft: Draft, post: Post): number => {
  if (draft.spans[0]) return draft.spans[0].line - (draft.kind === 'link' ? 0.5 : 0);
  const location = draft.location;
  if (location.part === 'body') return location.line;
  return allComments(post).find((c) => c.id === location.commentIds[0])?.line ?? Infinity;
};

/**
 * Every quoted external article in a post and its comments, every bare link, and every
 * internal quote (a comment quoting the post or another comment). Pure and heuristic: each
 * article says how sure it is and why, and points at the original lines, which stay as written.
 */
export function extractArticles(post: Post): PostArticles {
  const commentParts = allComments(post).map(commentPart);
  const candidates = findQuoteCandidates(post, commentParts);
  const stopsOf = (part: Part) =>
    new Set(candidates.filter((c) => c.part === part && c.wholeLine).map((c) => c.lineIndex));
  const articles = articlesWith(post, commentParts, stopsOf);
  return { articles, quotes: internalQuotes(post, candidates, articles) };
}

/**
 * The same articles as extractArticles(), without the internal quotes (what the library index
 * stores): a comment line quoting the thread, where pasted text stops, is looked for only where
 * pasted text runs, rather than every quoted passage of the thread being matched.
 */
export function articlesOf(post: Post): Article[] {
  const commentParts = allComments(post).map(commentPart);
  return articlesWith(post, commentParts, wholeLineQuotes(post, commentParts));
}

/** The articles, given the comment lines that quote the thread (pasted text stops at them). */
function articlesWith(post: Post, commentParts: Part[], stopsOf: (part: Part) => LineSet): Article[] {
  const comments = commentParts.map((part) => part.comment!);
  const drafts: Draft[] = scanPart(bodyPart(post), new Set());
  const taken = new Set<string>();
  for (const comment of post.comments) {
    const article = linkWithReplies(comment);
    if (!article) continue;
    drafts.push(article);
    for (const id of (article.location as { commentIds: string[] }).commentIds) taken.add(id);
  }
  for (const part of commentParts) if (!taken.has(part.comment!.id)) drafts.push(...scanPart(part, stopsOf(part)));

  // A saved HTML page keeps link targets beside the text: an intro's link gives its article a URL.
  const pageLinks = placedLinks(post);
  if (pageLinks.length) for (const draft of drafts) urlFromIntroLink(draft, pageLinks);

  // Links: every URL no article already carries, once per post.
  const seen = new Set(drafts.map((d) => d.url).filter(Boolean));
  for (const block of post.body) {
    block.text.split('\n').forEach((text, offset) => {
      for (const url of findUrls(text)) {
        if (seen.has(url)) continue;
        seen.add(url);
        const line = block.line + offset;
        const draft = link(url, { part: 'body', line, endLine: line });
        drafts.push(draft);
      }
    });
  }
  for (const comment of comments) {
    for (const url of findUrls(comment.text)) {
      if (seen.has(url)) continue;
      seen.add(url);
      drafts.push(link(url, { part: 'comments', commentIds: [comment.id] }));
    }
  }
  for (const placed of pageLinks) {
    // A link that reads as its URL was found in the text above.
    if (seen.has(placed.link.href) || isOnlyUrl(placed.link.text)) continue;
    seen.add(placed.link.href);
    drafts.push(link(placed.link.href, placed.location));
  }

  const ordered = drafts.map((draft) => ({ draft, order: orderOf(draft, post) })).sort((a, b) => a.order - b.order);
  return ordered.map(({ draft }, index) => ({ id: `${post.id}#a${index + 1}`, ...draft }));
}

/** Internal quotes, minus those inside pasted outside text (that text quoting someone is not the commenter quoting the thread). */
function internalQuotes(post: Post, candidates: QuoteCandidate[], articles: Article[]): InternalQuote[] {
  const insideArticle = (c: QuoteCandidate) => {
    const line = c.part.lines[c.lineIndex]!.fileLine;
    return articles.some((a) =>
      a.spans.some(
        (s) => s.part === 'comment' && s.commentId === c.part.comment!.id && line >= s.line && line <= s.endLine,
      ),
    );
  };
  return candidates
    .filter((c) => !insideArticle(c))
    .map((c, index) => ({
      id: `${post.id}#q${index + 1}`,
      span: spanOf(c.part, c.lineIndex, c.lineIndex)!,
      text: c.text,
      target: c.target,
    }));
}
