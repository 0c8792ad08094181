import { asSource, EDITION, findMentions, knownSource, PRESS_MODIFIERS, PRESS_NOUN } from './sources';
import type { Source } from './types';

/** A source together with the words that say how it was found. */
export interface Attribution {
  source: Source;
  evidence: string;
  /** "named": the intro says whose text it is; "mentioned": a known body merely appears in the intro. */
  strength?: 'named' | 'mentioned';
}

const NAME_WORD = String.raw`[A-Z][\p{L}'’.&-]*`;
const NAME = String.raw`${NAME_WORD}(?:\s+(?:(?:of|for|and|&)\s+)?${NAME_WORD})*`;
/** "in the Daily Telegraph", "on the Johnny Void website", "From the BBC", "from today's Times": a name after "the" or an edition. */
const THE_NAME = new RegExp(
  String.raw`\b(?:[Ii]n|[Oo]n|[Ff]rom|[Aa]t|[Vv]ia|[Bb]y) (?:the|${EDITION}) (${NAME})(?:\s+(website|blog|site|page|newspaper|paper|magazine)\b)?`,
  'u',
);
/** "this Guardian article", "an earlier Observer editorial", "the Fenland Chronicle's report": a name inside a noun phrase for something published. */
const NAME_BEFORE_PRESS_NOUN = new RegExp(
  String.raw`\b(?:[Tt]he|[Tt]his|[Tt]hat|[Aa]n?|[Oo]ne|[Aa]nother|${EDITION})\s+${PRESS_MODIFIERS}(${NAME})(?:['’]s)?\s+${PRESS_NOUN}\b`,
  'gu',
);
/** "this piece in Inside Time", "an article on Community Care": a name after something published. */
const PRESS_NOUN_BEFORE_NAME = new RegExp(String.raw`\b${PRESS_NOUN}\s+(?:in|on|from|by)\s+(${NAME})`, 'gu');
/** The last word of a paper's or broadcaster's name ("Fenland Chronicle", "Teesside Courier"). */
const PRESS_NAME_WORD =
  /\s(?:Chronicle|Gazette|Herald|Times|Post|News|Echo|Mail|Mirror|Express|Standard|Argus|Courier|Journal|Telegraph|Advertiser|Star|Record|Press|Tribune|Examiner|Sentinel|Observer|Guardian|Magazine|Weekly|Bulletin|Reporter|Citizen|Dispatch|Messenger|Mercury|Today|Online|Radio|TV|FM)$/;
/** "from Pat Waterman, Chair of …", "by Jane Smith": a person named after from/by. */
const PERSON = new RegExp(String.raw`\b(?:from|by)\s+(${NAME_WORD}(?:\s+${NAME_WORD}){1,2})(?=[\s,.;:()'’-]|$)`, 'u');
/** "their local paper, the Fenland Chronicle", "a small blog called Through The Revolving Door". */
const APPOSITIVE = new RegExp(
  String.raw`\b(newspaper|paper|magazine|journal|website|blog|site)(?:,\s+|\s+called\s+|\s+named\s+)(?:the\s+)?(${NAME_WORD}(?:\s+(?:(?:of|for|and|the|&)\s+)?${NAME_WORD})*)`,
  'u',
);
/** A role held by a named person ("General Secretary", "chief inspector", "Divisional Director"). */
const ROLE = String.raw`(?:[Ss]ecretary|[Dd]irector|[Cc]hair(?:man|woman|person)?|[Pp]resident|[Oo]fficer|[Ee]xecutive|[Cc]hief|[Ii]nspector|[Gg]overnor|[Mm]inister|[Mm]anager|[Hh]ead|[Ll]ead|[Oo]rgani[sz]er|[Rr]epresentative|[Ss]pokes(?:man|woman|person)|[Ee]ditor|[Cc]orrespondent|[Cc]ommissioner|[Cc]o-?ordinator|[Dd]eputy|[Cc]onvenor|[Tt]reasurer|[Tt]rustee|[Ff]ounder|[Aa]dvis[eo]r|[Ll]eader|[Cc]lerk)`;
/** "from Napo's General Secretary Ian Lawrence", "by the chief inspector, Justin Russell": a person named after their role. */
const ROLE_THEN_PERSON = new RegExp(
  String.raw`\b(?:from|by)\s+(?:the\s+)?(?:(${NAME})['’]s\s+)?(?:[\p{L}-]+\s+){0,3}?${ROLE}(?:\s+[Gg]eneral)?(?:\s+(?:of|for|at)\s+(?:the\s+)?(${NAME}))?,?\s+(${NAME_WORD}(?:\s+${NAME_WORD}){1,2})(?=[\s,.;:()'’-]|$)`,
  'u',
);

/** Someone the intro does not name: "a reader", "a practitioner in the North", "one long-serving PO". */
const SOMEONE = String.raw`(?:reader|colleague|member|officer|practitioner|worker|manager|friend|contributor|commenter|correspondent|PO|PSO|SPO|insider|whistle-?blower|prisoner|client|service user|student|trainee|probation officer|member of staff|staff member|employee|mum|mother|father|partner|victim)s?`;
const SOMEONE_WORDS = String.raw`(?:a|an|one|another|this|one of (?:our|my|the) )\s*(?:[\p{Ll}-]+\s+){0,2}`;
/**
 * "an email from a reader", "sent in by a practitioner", "A reader writes", "One colleague has
 * sent this"; not "passed on by a colleague", who only passed it on.
 */
const ANONYMOUS_PERSON = new RegExp(
  String.raw`(?<!\b(?:passed|handed|sent)\s+on\s+|\b(?:forwarded|shared|pointed\s+out|passed)\s+)\b(?:from|by)\s+${SOMEONE_WORDS}${SOMEONE}\b|(?:^|[.!?]\s+|\b(?:and|so|as)\s+)${SOMEONE_WORDS.replace('(?:a|an|', '(?:[Aa]|[Aa]n|[Oo]ne|[Aa]nother|')}${SOMEONE}\s+(?:(?:has|have|had)\s+)?(?:writes|wrote|written|says|said|sends|sent|emails|emailed|tells|told|puts it)\b`,
  'u',
);

/** Words that say outside text comes next. */
const POINTING =
  /\b(?:here['’]?s|here is|here are|this|these|following|below|latest|article|piece|report|notice|notices|statement|letter|e-?mail|press release|blog|website|news|says|said|writes|wrote|reports|reported|publish(?:ed|es)?|announced?|according|quote[ds]?|quoting|extract|excerpt|tweet|circular|bulletin|briefing|update|memo|guidance|message)\b/i;

const NOT_A_PERSON =
  /^(?:The|This|That|These|Those|Our|Your|His|Her|Their|My|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\b/;

/** A line that introduces pasted text the blogger's way: it ends with ":-". */
export const isDashIntro = (line: string): boolean => /:-\s*$/.test(line);

/** Is the name at this place spoken to (", Napo," / "Napo, …") rather than named as a source? */
function isVocative(text: string, index: number, length: number): boolean {
  const before = text.slice(0, index);
  const after = text.slice(index + length);
  return /(?:^|,\s*)$/.test(before) && /^\s*[,!]/.test(after);
}

/** A line ending ":" that names a source or points at what follows ("…putting out contract notices…:"). */
export function isColonIntro(line: string): boolean {
  const trimmed = line.trim();
  if (!/[^:]:\s*$/.test(trimmed) || trimmed.length < 20) return false;
  if (/^(?:\d+[.)]|[-—–•*]|[A-Z][.)])\s/.test(trimmed)) return false; // a list item of the text itself
  return POINTING.test(trimmed) || findMentions(trimmed).length > 0 || THE_NAME.test(trimmed);
}

/** The writer's own voice pointing at what follows ("And here's the follow-up they sent:"). */
const WRITER_POINTING = /\b(?:here['’]?s|here is|here are|I|I['’]ve|we['’]ve)\b/;

/** A ":" line in the writer's own voice that introduces more pasted text: it ends the text before it. */
export function isWriterColonIntro(line: string): boolean {
  return isColonIntro(line) && WRITER_POINTING.test(line);
}

/** A ":" line strong enough to end one pasted text and start another: it names who the next is from. */
export function isStrongColonIntro(line: string): boolean {
  return isColonIntro(line) && sourceFromIntro(line) !== null;
}

/** The paper or body named inside a noun phrase for something published: "this Guardian article", "today's Times leader". */
function publishedBy(intro: string): Attribution | null {
  const phrases = [...intro.matchAll(NAME_BEFORE_PRESS_NOUN), ...intro.matchAll(PRESS_NOUN_BEFORE_NAME)];
  for (const match of phrases.sort((a, b) => a.index - b.index)) {
    const name = match[1]!.replace(/['’]s$/, '');
    if (NOT_A_PERSON.test(name) && !knownSource(name)) continue;
    const known = knownSource(name);
    if (known)
      return { source: asSource(known), evidence: `intro names "${name}" as the publisher`, strength: 'named' };
    if (PRESS_NAME_WORD.test(name))
      return { source: { name, kind: 'outlet', site: null }, evidence: `intro names the ${name}`, strength: 'named' };
  }
  return null;
}

/** The last intros asked about: an intro is asked several times (where a run ends, its voice, its source). */
const introMemo = new Map<string, Attribution | null>();
const INTRO_MEMO_SIZE = 64;

/**
 * Who an intro line says the text is from: a name after "in/on/from the" (a known outlet, a
 * website), a person after "from/by", or an outlet or body the table knows named anywhere in it.
 */
export function sourceFromIntro(intro: string): Attribution | null {
  let found = introMemo.get(intro);
  if (found === undefined) {
    found = sourceOf(intro);
    if (introMemo.size >= INTRO_MEMO_SIZE) introMemo.clear();
    introMemo.set(intro, found);
  }
  return found && { ...found, source: { ...found.source } };
}

function sourceOf(intro: string): Attribution | null {
  const the = THE_NAME.exec(intro);
  if (the) {
    const name = the[1]!.replace(/['’]s$/, '');
    const siteWord = the[2];
    const known = knownSource(name);
    if (known) return { source: asSource(known), evidence: `intro names "${name}"`, strength: 'named' };
    if (siteWord && /website|blog|site|page/.test(siteWord))
      return {
        source: { name, kind: 'website', site: null },
        evidence: `intro names the ${name} ${siteWord}`,
        strength: 'named',
      };
    if (siteWord)
      return {
        source: { name, kind: 'outlet', site: null },
        evidence: `intro names the ${name} ${siteWord}`,
        strength: 'named',
      };
    if (PRESS_NAME_WORD.test(name))
      return { source: { name, kind: 'outlet', site: null }, evidence: `intro names the ${name}`, strength: 'named' };
  }
  const appositive = APPOSITIVE.exec(intro);
  if (appositive) {
    const [, what, name] = appositive;
    const known = knownSource(name!);
    const kind = /website|blog|site/.test(what!) ? 'website' : 'outlet';
    return {
      source: known ? asSource(known) : { name: name!, kind, site: null },
      evidence: `intro names the ${what} ${name}`,
      strength: 'named',
    };
  }
  const published = publishedBy(intro);
  if (published) return published;
  const role = ROLE_THEN_PERSON.exec(intro);
  if (role) {
    const name = role[3]!;
    if (!NOT_A_PERSON.test(name) && !knownSource(name) && !findMentions(name).length && !ROLE_WORD.test(name)) {
      const body = knownSource(role[1] ?? role[2] ?? '');
      return {
        source: { name, kind: 'person', site: body?.sites[0] ?? null },
        evidence: `intro says it is from ${name}${body ? ` of ${body.name}` : ''}`,
        strength: 'named',
      };
    }
  }
  const mentions = findMentions(intro);
  const person = PERSON.exec(intro);
  if (person) {
    const start = person.index + person[0].indexOf(person[1]!);
    const atSamePlace = mentions.find((m) => m.index === start);
    if (atSamePlace)
      return {
        source: asSource(atSamePlace.entry),
        evidence: `intro says it is from ${atSamePlace.text}`,
        strength: 'named',
      };
    if (!NOT_A_PERSON.test(person[1]!) && !knownSource(person[1]!) && !findMentions(person[1]!).length)
      return {
        source: { name: person[1]!, kind: 'person', site: null },
        evidence: `intro says it is from ${person[1]}`,
        strength: 'named',
      };
  }
  if (ANONYMOUS_PERSON.test(intro))
    return {
      source: { name: null, kind: 'person', site: null },
      evidence: 'intro says it is from someone it does not name',
      strength: 'named',
    };
  // "So there you go, Napo, here's …" speaks to Napo; it does not say the text is Napo's.
  const mention = mentions.find((m) => !isVocative(intro, m.index, m.text.length));
  if (mention)
    return { source: asSource(mention.entry), evidence: `intro mentions ${mention.text}`, strength: 'mentioned' };
  return null;
}

/** "Pat Waterman": a line that is only a person's name. */
const NAME_LINE = /^[A-Z][\p{L}'’-]+(?:\s+(?:[A-Z][\p{L}'’.-]*|de|van|von|du)){1,3}$/u;
/** "Branch Chair", "General Secretary, Napo": a short role line under a name. */
const ROLE_LINE = /^[A-Z][\p{L}\s,&'’()-]{2,60}$/u;
/** The word that makes a line a role ("Divisional Director, Wales", "Branch Secretary"). */
const ROLE_WORD = new RegExp(String.raw`\b${ROLE}\b`);

const isName = (line: string | undefined): line is string =>
  line !== undefined && line.length <= 40 && NAME_LINE.test(line) && !NOT_A_PERSON.test(line) && !knownSource(line);
const isRole = (line: string) => ROLE_LINE.test(line) && line.split(/\s+/).length <= 8;

/** A sign-off found at the end of some lines: the name, how many lines it takes, and whether it gives a role. */
interface SignOff {
  name: string;
  lineCount: number;
  role: string | null;
}

function signOffOf(lines: string[]): SignOff | null {
  const last = lines.map((l) => l.trim()).filter(Boolean);
  const n = last.length;
  if (n >= 2 && isName(last[n - 2]) && isRole(last[n - 1]!))
    return { name: last[n - 2]!, lineCount: 2, role: last[n - 1]! };
  if (n >= 1 && isName(last[n - 1])) return { name: last[n - 1]!, lineCount: 1, role: null };
  // "Maria Okafor, Branch Chair" on one line.
  const comma = n >= 1 ? last[n - 1]!.indexOf(',') : -1;
  if (comma > 0) {
    const [name, role] = [last[n - 1]!.slice(0, comma).trim(), last[n - 1]!.slice(comma + 1).trim()];
    if (isName(name) && isRole(role)) return { name, lineCount: 1, role };
  }
  return null;
}

/**
 * A sign-off at the end of pasted text: a name line, optionally followed by a role line, as
 * the last one or two non-blank lines. Returns the name and how many lines it takes.
 */
export function signOff(lines: string[]): { name: string; lineCount: number } | null {
  const found = signOffOf(lines);
  return found && { name: found.name, lineCount: found.lineCount };
}

/** "Dear colleague,", "Dear all", "Hi everyone,": the line a letter opens with. */
export const isSalutation = (line: string): boolean => /^(?:dear|hi|hello)\b[^.!?]{0,60}[,:]?$/i.test(line.trim());

/** "Regards", "Best wishes,", "Yours sincerely", "In solidarity": the line before a letter's signature. */
const VALEDICTION =
  /^(?:(?:with\s+)?(?:best|kind|warm|warmest|many|all\s+good)\s+(?:wishes|regards|thanks)|(?:kind\s+)?regards|best|yours(?:\s+(?:sincerely|faithfully|truly|ever|in\s+solidarity))?|(?:sincerely|faithfully)(?:\s+yours)?|in\s+solidarity|(?:many\s+)?thanks(?:\s+again)?|thank\s+you|all\s+the\s+best|take\s+care)[,.!]?$/i;

/**
 * Does this paragraph (its lines) close a letter, so that text after it is no longer the
 * letter's? It ends with a signature: a name after a valediction ("Regards," / "Karen Holt"), a
 * name with a role ("Gareth Pryce" / "Divisional Director, Wales", "Ian Lawrence, General
 * Secretary"), or, in a letter that opened "Dear …", a name alone.
 */
export function endsLetter(lines: string[], letter: boolean): boolean {
  // A signature's last line is a name or a role: short. Most paragraphs end in a long line of prose.
  if ((lines[lines.length - 1]?.length ?? 0) > 70) return false;
  const found = signOffOf(lines);
  if (!found) return false;
  const trimmed = lines.map((l) => l.trim()).filter(Boolean);
  const before = trimmed[trimmed.length - found.lineCount - 1];
  if (before !== undefined && VALEDICTION.test(before)) return true;
  if (found.role && ROLE_WORD.test(found.role)) return true;
  return letter && trimmed.length === found.lineCount;
}

/** "By Jane Smith", "By Jane Smith, Chief Inspector", "Ian Lawrence, General Secretary": an author line at the top of a text. */
export function byline(line: string): string | null {
  const text = line.trim();
  const by = /^[Bb]y\s+([^,]+?)(?:,\s*(.+))?$/.exec(text);
  if (by) return isName(by[1]!.trim()) && (!by[2] || isRole(by[2].trim())) ? by[1]!.trim() : null;
  const found = signOffOf([text]);
  return found?.role && ROLE_WORD.test(found.role) ? found.name : null;
}

/** A known outlet or body named in the first sentence of a text ("The Ministry of Justice intends…"). */
export function sourceFromOpening(text: string): Attribution | null {
  const first = text.trim().split(/(?<=[.!?])\s+(?=[A-Z"“])/)[0] ?? '';
  const [mention] = findMentions(first.slice(0, 300));
  return mention ? { source: asSource(mention.entry), evidence: `first sentence names ${mention.text}` } : null;
}

/** "TO: NAPO MEMBERS", "Dear colleagues,": a line addressing readers, never a headline. */
const ADDRESSEE = /^(?:to|dear|attn|fao|for the attention of)\b[\s:,]/i;

/** A line that reads as a headline: short, a few words, not a sentence or an address. */
export function isHeadline(line: string): boolean {
  const text = line.trim();
  return (
    text.length >= 3 &&
    text.length <= 120 &&
    text.split(/\s+/).length <= 18 &&
    /^[\p{Lu}\p{N}"“‘']/u.test(text) &&
    !/[.:,;]$/.test(text) &&
    !ADDRESSEE.test(text) &&
    !/https?:|www\./i.test(text)
  );
}

/** Is this an addressee line ("TO: NAPO MEMBERS") that comes before a headline? */
export const isAddressee = (line: string): boolean => ADDRESSEE.test(line.trim());
