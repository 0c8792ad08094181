/** One physical line of a seed file, with what the grammar needs to know about it. */
export interface SourceLine {
  /** The line without its line end. */
  text: string;
  /** 1-based line number. */
  number: number;
  /** Indentation in columns: a space is one, a tab two (one grammar level). */
  indent: number;
  /** Index in `text` where the content after the indentation starts. */
  contentStart: number;
  /** True when the line holds only whitespace (NBSP included). */
  blank: boolean;
}

export const WHITESPACE_ONLY = /^[\s\u00a0]*$/;

/** Splits decoded text into lines (CRLF, LF or a lone CR end a line). */
export function splitLines(text: string): SourceLine[] {
  const raw = text.split(/\r\n|\n|\r/);
  if (raw.length > 1 && raw[raw.length - 1] === '') raw.pop();
  return raw.map((lineText, index) => {
    let indent = 0;
    let i = 0;
    for (; i < lineText.length; i++) {
      const ch = lineText.charCodeAt(i);
      if (ch === 32) indent += 1;
      else if (ch === 9) indent += 2;
      else break;
    }
    return { text: lineText, number: index + 1, indent, contentStart: i, blank: WHITESPACE_ONLY.test(lineText) };
  });
}

/** Removes up to `columns` columns of indentation, keeping anything deeper. */
export function dedent(line: SourceLine, columns: number): string {
  let taken = 0;
  let i = 0;
  while (i < line.contentStart && taken < columns) {
    taken += line.text.charCodeAt(i) === 9 ? 2 : 1;
    i++;
  }
  return line.text.slice(i);
}

/** Joins lines as text, dropping leading and trailing blank lines. */
export function joinTrimmed(lines: string[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && WHITESPACE_ONLY.test(lines[start]!)) start++;
  while (end > start && WHITESPACE_ONLY.test(lines[end - 1]!)) end--;
  return lines.slice(start, end).join('\n');
}
