/**
 * Splitting text into sentences to read aloud one at a time: at ".", "!" or "?" (with any closing
 * quotes or brackets) followed by white space, and at a blank line or a line break, which in the
 * blog's text ends a paragraph or a list item. Not after a title or common abbreviation
 * ("Mr.", "e.g.", "No. 10"), a single initial ("J. Smith") or inside a number ("2.5").
 */

/** A sentence: its words, and where they are in the text it was split from ([start, end)). */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof st rev sr jr gen col capt lt sgt hon cllr no nos vol pp p fig etc vs cf eg ie al approx dept est inc ltd co govt'.split(
    ' ',
  ),
);

/** Whether the word ending at a full stop is an abbreviation or an initial, so the stop does not end the sentence. */
function isAbbreviation(before: string): boolean {
  const word = /([A-Za-z.]+)\.$/.exec(before)?.[1] ?? '';
  const bare = word.replace(/\./g, '').toLowerCase();
  if (!bare) return false;
  if (word.includes('.')) return true; // "e.g", "U.K"
  if (bare.length === 1 && /[A-Z]/.test(word)) return true; // an initial
  return ABBREVIATIONS.has(bare);
}

/** The sentences of a text, in order, trimmed; none for text with no words. */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  const push = (from: number, to: number) => {
    const raw = text.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (/[\p{L}\p{N}]/u.test(body)) sentences.push({ text: body, start: from + lead, end: from + lead + body.length });
  };
  let start = 0;
  const boundary = /([.!?…]+["'”’)\]]*)(\s+)|\n/gu;
  let match: RegExpExecArray | null;
  while ((match = boundary.exec(text))) {
    if (match[0] === '\n') {
      push(start, match.index);
      start = match.index + 1;
      continue;
    }
    const end = match.index + match[1]!.length;
    if (match[1]!.startsWith('.') && match[1]!.length === 1 && isAbbreviation(text.slice(start, end))) continue;
    push(start, end);
    start = end;
    // A line break in the white space after the stop is a boundary of its own: already taken.
    boundary.lastIndex = end + match[2]!.length;
  }
  push(start, text.length);
  return sentences;
}
