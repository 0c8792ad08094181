/**
 * Turns a post's lines into the bytes of a seed file: line ends (LF or CRLF), encoding (UTF-8,
 * with or without a BOM, or Windows-1252), and the small untidiness of real archives: tabs in
 * indentation and trailing spaces.
 */
import type { Rng } from './random';

export interface FileStyle {
  lineEnd: 'lf' | 'crlf';
  encoding: 'utf-8' | 'windows-1252';
  bom: boolean;
  /** Some indents written with tabs (a tab is one grammar level: two columns). */
  tabs: boolean;
  /** Some lines end in spaces, a tab or a non-breaking space. */
  trailingSpaces: boolean;
  /** The real seeds end without a final line end; some files have one. */
  finalNewline: boolean;
}

export const PLAIN_STYLE: FileStyle = {
  lineEnd: 'lf',
  encoding: 'utf-8',
  bom: false,
  tabs: false,
  trailingSpaces: false,
  finalNewline: false,
};

/** Windows-1252 bytes 0x80–0x9F (WHATWG index); 0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned. */
const WIN1252_HIGH = [
  0x20ac, 0, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0, 0x17d, 0, 0, 0x2018,
  0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0, 0x17e, 0x178,
];
const TO_WIN1252 = new Map<number, number>();
WIN1252_HIGH.forEach((code, i) => {
  if (code) TO_WIN1252.set(code, 0x80 + i);
});

/** Encodes text as Windows-1252; throws on a character the code page cannot hold. */
export function encodeWindows1252(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) out[i] = code;
    else {
      const byte = TO_WIN1252.get(code);
      if (byte === undefined)
        throw new Error(
          `Windows-1252 cannot encode U+${code.toString(16).padStart(4, '0')} in "${text.slice(Math.max(0, i - 20), i + 20)}"`,
        );
      out[i] = byte;
    }
  }
  return out;
}

const UTF8_BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
const TRAILERS = [' ', '  ', ' ', '\t', '\u00a0', '   '];

/** Rewrites indentation and line ends per the style (in place) and encodes the file. */
export function renderFile(lines: string[], style: FileStyle, rng: Rng): Uint8Array {
  if (style.tabs || style.trailingSpaces) {
    for (let i = 0; i < lines.length; i++) {
      let line = lines[i]!;
      if (style.tabs && line.startsWith('  ') && rng.chance(0.5)) {
        const spaces = line.length - line.trimStart().length;
        if (spaces % 2 === 0 && line.charCodeAt(spaces) !== 9) line = '\t'.repeat(spaces / 2) + line.slice(spaces);
      }
      if (style.trailingSpaces && rng.chance(0.12)) line += rng.pick(TRAILERS);
      lines[i] = line;
    }
  }
  const eol = style.lineEnd === 'crlf' ? '\r\n' : '\n';
  const text = lines.join(eol) + (style.finalNewline ? eol : '');
  if (style.encoding === 'windows-1252') return encodeWindows1252(text);
  const bytes = Buffer.from(text, 'utf8');
  if (!style.bom) return bytes;
  const out = new Uint8Array(bytes.length + 3);
  out.set(UTF8_BOM, 0);
  out.set(bytes, 3);
  return out;
}
