/** A user's query made safe for FTS5, and what had to be left out. */
export interface FtsQuery {
  /** The FTS5 MATCH expression; "" when nothing searchable was typed. */
  match: string;
  /** The words and phrases searched for, for highlighting and display; a prefix ends in "*" ("privat*"). */
  terms: string[];
  /** Characters or operators that were ignored, to tell the user ("the unmatched quote", "NEAR("). */
  dropped: string[];
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu;
/** FTS5 keywords typed as words: searched as plain words, never as operators. */
const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'NEAR']);

/** Letters a prefix search needs before its `*`. */
export const MIN_PREFIX = 3;

const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;

/**
 * Turns whatever a user typed into an FTS5 query that cannot fail: words become quoted terms
 * (all must match), `"…"` phrases stay phrases, a trailing `*` on a word is a prefix search.
 * Operators and stray punctuation (`(`, `:`, `^`, an unmatched `"`) are dropped and reported.
 */
export function toFtsQuery(input: string): FtsQuery {
  const parts: string[] = [];
  const terms: string[] = [];
  const dropped: string[] = [];
  const text = input.normalize('NFC');
  const quotes = (text.match(/"/g) ?? []).length;
  const balanced = quotes % 2 === 0 ? text : text.replace(/"(?![^"]*")/, ' ');
  if (quotes % 2 === 1) dropped.push('an unmatched "');
  for (const token of balanced.matchAll(/"([^"]*)"|(\S+)/g)) {
    if (token[1] !== undefined) {
      const words = token[1].match(WORD) ?? [];
      if (words.length) {
        parts.push(quote(words.join(' ')));
        terms.push(words.join(' '));
      }
      continue;
    }
    const raw = token[2]!;
    const words = raw.match(WORD) ?? [];
    if (!words.length) {
      dropped.push(raw);
      continue;
    }
    if (words.length === 1 && KEYWORDS.has(raw.replace(/\($/, ''))) dropped.push(`${raw} (searched as a word)`);
    let prefix = /\*$/.test(raw) && words.length === 1;
    if (prefix && [...words[0]!].length < MIN_PREFIX) {
      // A one- or two-letter prefix matches most of a library; it is searched as a word.
      dropped.push(`${raw} (a prefix search needs ${MIN_PREFIX} letters or more; searched as a word)`);
      prefix = false;
    }
    const rest = raw.replace(WORD, '').replace(/\*$/, '');
    if (rest.replace(/[.,;!?]/g, '').length) dropped.push(rest);
    if (words.length === 1) {
      parts.push(prefix ? `${quote(words[0]!)}*` : quote(words[0]!));
      terms.push(prefix ? `${words[0]!}*` : words[0]!);
    } else {
      // "e-mail", "grayling's": keep the pieces together as a phrase.
      parts.push(quote(words.join(' ')));
      terms.push(words.join(' '));
    }
  }
  return { match: parts.join(' '), terms, dropped: [...new Set(dropped)] };
}

/** Whether the query holds a prefix term (`"privat"*`), which costs more to rank. */
export function hasPrefix(query: FtsQuery): boolean {
  return /\*$/.test(query.match) || query.match.includes('* ');
}
