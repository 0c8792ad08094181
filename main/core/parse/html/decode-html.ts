import { Parser } from 'htmlparser2';
import { decodeSeed, decodeWindows1252, type Decoded } from '../decode';

/** Labels a page may declare that are read as Windows-1252 (as browsers do for all of them). */
const WINDOWS_1252 = new Set([
  'windows-1252',
  'cp1252',
  'x-cp1252',
  'iso-8859-1',
  'iso8859-1',
  'iso_8859-1',
  'latin1',
  'l1',
  'us-ascii',
  'ascii',
  'ansi_x3.4-1968',
]);

/** How far into the file a charset declaration is looked for (the HTML standard's prescan reads 1024 bytes). */
const PRESCAN_BYTES = 4096;

/** The charset a page's <meta> declares in its first bytes, lower-cased; null when none. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, PRESCAN_BYTES));
  let charset: string | null = null;
  const parser = new Parser({
    onprocessinginstruction(name, data) {
      // An XHTML page's own declaration: <?xml version="1.0" encoding="windows-1252"?>.
      if (charset !== null || name.toLowerCase() !== '?xml') return;
      const encoding = /\bencoding\s*=\s*["']([^"']{1,40})["']/i.exec(data);
      if (encoding) charset = encoding[1]!.trim().toLowerCase();
    },
    onopentag(name, attribs) {
      if (charset !== null || name !== 'meta') return;
      if (attribs['charset']) charset = attribs['charset'].trim().toLowerCase();
      else if (attribs['http-equiv']?.trim().toLowerCase() === 'content-type' && attribs['content']) {
        const content = attribs['content'].toLowerCase();
        const at = content.indexOf('charset=');
        if (at >= 0)
          charset =
            content
              .slice(at + 8)
              .split(';')[0]!
              .trim()
              .replace(/^["']|["']$/g, '') || null;
      }
    },
  });
  parser.write(head);
  parser.end();
  return charset;
}

/**
 * A saved page's bytes as text: a byte-order mark wins, then the charset its <meta> declares
 * (Windows-1252 and its aliases read by hand, so curly quotes survive), else UTF-8 — and bytes that
 * are not UTF-8 are read as Windows-1252 with a located warning, as for text copies.
 */
export function decodeHtml(bytes: Uint8Array, file: string): Decoded {
  const seed = decodeSeed(bytes, file);
  if (seed.text === null) return seed;
  const bom =
    (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) ||
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (bom) return seed;
  const charset = declaredCharset(bytes);
  if (charset && WINDOWS_1252.has(charset)) return { text: decodeWindows1252(bytes), problems: [] };
  if (!charset || charset === 'utf-8' || charset === 'utf8') return seed;
  let decoder: TextDecoder | null;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    decoder = null;
  }
  if (decoder) {
    try {
      return { text: decoder.decode(bytes), problems: [] };
    } catch {
      // Not in the declared charset after all: what the bytes are read as is said below.
    }
  }
  return {
    text: seed.text,
    problems: [
      ...seed.problems,
      {
        file,
        line: null,
        severity: 'warning',
        message: `The page declares the character set "${charset.slice(0, 40)}", which could not be used; it was read as ${seed.problems.length ? 'Windows-1252' : 'UTF-8'}. Check that accented letters look right.`,
      },
    ],
  };
}
