/**
 * Where pasted text gives way to the writer again after a single blank line: nothing marks the
 * change but the voice. The paragraph after the gap is compared with the pasted text before it.
 */
import { isSalutation } from './attribution';

/** Speech in quote marks ("…", “…”) is someone quoted, not the voice of the text around it. */
const QUOTED_SPEECH = /["“][^"“”]*(?:["”]|$)/g;
/** First person singular, at the start of a sentence too. */
const ME = /\b(?:I|I['’](?:m|ve|d|ll)|[Mm]y|[Mm]e|[Mm]yself)\b/;
/** First person plural or the reader spoken to: a text written by someone to someone, not a report. */
const PERSONAL = /\b(?:[Ww]e|[Ww]e['’](?:re|ve|d|ll)|[Oo]urs?|[Uu]s|[Yy]ou|[Yy]our|[Yy]ou['’](?:re|ve|d|ll))\b/;
/** First person plural. */
const WE = /\b(?:[Ww]e|[Ww]e['’](?:re|ve|d|ll)|[Oo]urs?|[Uu]s)\b/;
/** A contraction or an exclamation mark: the blog's register, not a report's or a notice's. */
const CASUAL = /\w['’](?:t|re|ll|ve|d|m)\b|\b(?:it|that|there|what|who|here|let|he|she)['’]s\b|!/i;
/**
 * The paragraph looks back at the pasted pieces as things: "Three pieces, and…", "So what does
 * this tell us?", "The document itself can be found here … and is worth reading in full".
 */
const LOOKS_BACK =
  /\b(?:(?:all|both|these)\s+(?:two|three|four|five|six|several)?\s*(?:pieces|articles|extracts|items|stories|releases|statements|letters)|(?:two|three|four|five|six|several)\s+(?:pieces|articles|extracts|items|stories|releases|statements|letters)|the\s+above|(?:this|that|which|it)\s+(?:tells?|shows?)\s+us|(?:is|are)\s+worth\s+reading|can\s+be\s+(?:found|read)\s+(?:here|in\s+full))\b/i;
/** The blogger talking to readers: "Discuss.", "As ever, …" opening a paragraph, "Keep it coming", "Stay safe everyone". */
const TO_READERS =
  /^(?:discuss|as ever)\b|\b(?:keep (?:it|them|those \w+) coming|keep sending|do keep|stay safe|look after (?:each other|yourselves)|comments? (?:are )?welcome|watch this space|more (?:to follow|later|soon)|this blog|the blog|dear readers|any of you|those of you|you lot|folks|(?:thanks|cheers|morning|evening|night),? (?:everyone|all))\b|\bthoughts\?/i;
/** A paragraph that opens as a reply to what came before: "So …", "Well, …", "Enough …", "Meanwhile …". */
const REPLY_OPENER =
  /^(?:so(?=,|\s+(?:what|where|who|how|why|there|here|now|then)\b)|well|anyway|enough|meanwhile|interesting|hmm+|oh|still|and so|now then|there we (?:are|have it)|there you (?:go|have it))\b/i;

const withoutSpeech = (text: string) => (/["“]/.test(text) ? text.replace(QUOTED_SPEECH, ' ') : text);
/** The first few words of a paragraph: where a contraction says the register changed ("It's hard to know…"). */
const openingWords = (text: string) => text.trim().split(/\s+/).slice(0, 6).join(' ');

/** The voice of a pasted text so far: what its own words (speech aside) do. */
export interface PastedVoice {
  /** Its prose, in characters (headline and salutation lines left out). */
  length: number;
  /** Its paragraphs of prose. */
  paragraphs: number;
  /** Short lines of their own between its paragraphs of prose: an article's subheadings ("Victory"). */
  subheadings: number;
  me: boolean;
  personal: boolean;
  casual: boolean;
  asks: boolean;
}

/** A headline or subheading: one short line that is not a sentence ("Victory", "So where next?"). */
const isSubheading = (text: string) => text.length <= 120 && !/[.!]["”’)]?$/.test(text) && !/\?.*\s\S+\s\S+/.test(text);

/** The voice of nothing yet: add paragraphs with addToVoice. */
export const emptyVoice = (): PastedVoice => ({
  length: 0,
  paragraphs: 0,
  subheadings: 0,
  me: false,
  personal: false,
  casual: false,
  asks: false,
});

/**
 * Adds one paragraph of pasted text (its lines joined) to its voice. A headline line and a
 * salutation ("Dear colleague,") is not prose; it marks a letter, whose first person is the
 * letter's own.
 */
export function addToVoice(voice: PastedVoice, paragraph: string): PastedVoice {
  const text = paragraph.trim();
  if (isSalutation(text)) {
    voice.me = voice.personal = true;
    return voice;
  }
  if (isSubheading(text)) {
    if (voice.paragraphs) voice.subheadings++;
    return voice;
  }
  voice.length += text.length;
  voice.paragraphs++;
  if (voice.me && voice.personal && voice.casual && voice.asks) return voice;
  const said = withoutSpeech(text);
  voice.me ||= ME.test(said);
  voice.personal ||= PERSONAL.test(said);
  voice.casual ||= CASUAL.test(said);
  voice.asks ||= said.includes('?');
  return voice;
}

/** Pasted text shows its voice in this many paragraphs of prose and characters; before that, only a look back or words to readers end it. */
const MIN_VOICE_PARAGRAPHS = 2;
const MIN_VOICE = 300;

/**
 * Does this paragraph, after a single blank line inside pasted text, read as the writer again
 * rather than the pasted text going on? Signs (two points end the text):
 * - it looks back at the pasted pieces ("Three pieces, and one message…", "So what does this tell us?") (2);
 * - it talks to the blog's readers ("Discuss.", "Keep it coming", "Stay safe everyone") (2);
 * - "I" where the pasted text is a report (no first person, no "we" or "you") (2), or where it
 *   has no "I" but does speak as "we" or to "you" (1);
 * - it opens with a contraction where the pasted text is formal (no contraction, "I" or question:
 *   the blog's register after a notice or a report) (2), or holds one later (1);
 * - "we" where the pasted text is a report (1);
 * - a question where the pasted text asks none (1); an opener that answers what came before ("So",
 *   "Well", "Enough") (1).
 * The first two need one paragraph of pasted text before; the others compare with its voice, so
 * they wait for two paragraphs and 300 characters of it. Returns the reason, or null when the
 * pasted text goes on.
 */
export function writerResumes(before: PastedVoice, paragraph: string): string | null {
  if (!before.paragraphs) return null;
  // A short line in an article that has subheadings is its next subheading ("So where next?").
  if (before.subheadings && isSubheading(paragraph.trim()) && paragraph.length <= 60) return null;
  const said = withoutSpeech(paragraph.trim());
  const opening = openingWords(said);
  const reasons: string[] = [];
  let points = 0;
  if (LOOKS_BACK.test(said)) {
    points += 2;
    reasons.push('looks back at the pasted text');
  }
  if (TO_READERS.test(said)) {
    points += 2;
    reasons.push("speaks to the blog's readers");
  }
  // The other signs contrast the paragraph with the pasted text, which takes a few lines to show its voice.
  if (before.paragraphs < MIN_VOICE_PARAGRAPHS || before.length < MIN_VOICE)
    return points >= 2 ? reasons.join(', ') : null;
  if (!before.me && ME.test(said)) {
    points += before.personal ? 1 : 2;
    reasons.push('says "I" where the pasted text does not');
  }
  if (!before.personal && !before.me && WE.test(said)) {
    points++;
    reasons.push('says "we" where the pasted text is a report');
  }
  if (!before.casual && !before.me && !before.asks && CASUAL.test(said)) {
    points += CASUAL.test(opening) ? 2 : 1;
    reasons.push('turns informal after formal text');
  }
  if (!before.asks && said.includes('?')) {
    points++;
    reasons.push('asks where the pasted text does not');
  }
  if (REPLY_OPENER.test(said)) {
    points++;
    reasons.push('opens as a reply to it');
  }
  return points >= 2 ? reasons.join(', ') : null;
}
