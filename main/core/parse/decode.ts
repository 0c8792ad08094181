import type { Problem } from './types';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');
const utf16le = new TextDecoder('utf-16le');
const utf16be = new TextDecoder('utf-16be');

export interface Decoded {
  /** The decoded text, or null when the bytes are not text at all. */
  text: string | null;
  problems: Problem[];
}

/**
 * Windows-1252 bytes 0x80–0x9F (WHATWG index); every other byte is its own code point.
 * Decoded by hand because Node's TextDecoder('windows-1252') reads these bytes as Latin-1
 * control characters on some versions (nodejs/node#60888), which would lose curly quotes.
 */
const WIN1252_C1 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

const latin1 = new TextDecoder('latin1');
const C1 = /[\u0080-\u009f]/g;

export function decodeWindows1252(bytes: Uint8Array): string {
  // The native decoder, then the 0x80–0x9F range put right by hand (whatever this Node made of it).
  return latin1.decode(bytes).replace(C1, (char) => String.fromCharCode(WIN1252_C1[char.charCodeAt(0) - 0x80]!));
}

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The warning for a file read as Windows-1252 (its bytes after any BOM), at the line of its first byte that is not UTF-8. */
export function notUtf8Warning(body: Uint8Array, file: string): Problem {
  const lenient = utf8Lenient.decode(body);
  return {
    file,
    line: lineOfOffset(lenient, lenient.indexOf('\uFFFD')),
    severity: 'warning',
    message:
      'The file is not valid UTF-8; it was read as Windows-1252. Check that £, quotes and accented letters look right, and re-save the file as UTF-8 to silence this.',
  };
}

/** How much of a file is looked at to tell text from binary data: its head, as for NUL bytes. */
const SAMPLE = 8192;

/** A C0 control character other than tab, line feed, vertical tab, form feed and carriage return, or DEL. */
const isControl = (c: number) => (c < 0x20 && (c < 9 || c > 13)) || c === 0x7f;

/** The control characters in the first `length` of a text, counted up to `limit` + 1. */
function controlChars(text: string, length: number, limit: number): number {
  let controls = 0;
  for (let i = 0; i < length && controls <= limit; i++) {
    const c = text.charCodeAt(i);
    if (isControl(c) || c === 0xfffd) controls++;
  }
  return controls;
}

const CONTROL_BYTES = Array.from({ length: 128 }, (_, b) => b).filter(isControl);

/** The control bytes in the first `length` bytes, counted up to `limit` + 1: a native search per byte value, as text has next to none. */
function controlBytes(bytes: Uint8Array, length: number, limit: number): number {
  const head = bytes.subarray(0, length);
  let controls = 0;
  for (const control of CONTROL_BYTES)
    for (let at = head.indexOf(control); at >= 0; at = head.indexOf(control, at + 1))
      if (++controls > limit) return controls;
  return controls;
}

/**
 * The error for data that is not text: more than one in a hundred of the first 8 KiB (and more than 8)
 * are control characters that text never holds, or the replacement character that broken UTF-16
 * decodes to. Random bytes hold about one in ten. Given bytes, it counts bytes, which are those
 * characters in UTF-8 and Windows-1252 alike; given UTF-16 text, it counts characters.
 */
export function controlProblem(data: Uint8Array | string, file: string): Problem | null {
  const length = Math.min(data.length, SAMPLE);
  const limit = Math.max(8, length / 100);
  const controls = typeof data === 'string' ? controlChars(data, length, limit) : controlBytes(data, length, limit);
  if (controls <= limit) return null;
  return {
    file,
    line: null,
    severity: 'error',
    message: `Reading the file failed: it holds binary data, not text (more than one in a hundred of its first ${length} characters are control codes). Remove it from the library folder, or replace it with the saved text of the page.`,
  };
}

/**
 * Turns a seed file's bytes into text: strips a UTF-8 BOM, reads UTF-16 when it has a BOM,
 * and falls back to Windows-1252 (what old Windows tools saved) when the bytes are not
 * valid UTF-8 — reporting where the first bad byte sits, so £ and curly quotes survive.
 */
export function decodeSeed(bytes: Uint8Array, file: string): Decoded {
  const head = bytes.subarray(0, 8192);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    const text = (head[0] === 0xff ? utf16le : utf16be).decode(bytes.subarray(2));
    const controls = controlProblem(text, file);
    return controls ? { text: null, problems: [controls] } : { text, problems: [] };
  }
  // Counted by the native search: most files have none, and a loop over 8 KB of every file costs
  // more than decoding it.
  let nuls = 0;
  for (let at = head.indexOf(0); at >= 0; at = head.indexOf(0, at + 1)) nuls++;
  // A stray NUL can sit in a damaged text file; many of them (or a tenth of a short file) mean it is not text.
  if (nuls > Math.max(4, head.length / 100) || nuls > head.length / 10) {
    return {
      text: null,
      problems: [
        {
          file,
          line: null,
          severity: 'error',
          message:
            'Reading the file failed: it holds binary data (NUL bytes), not text. Remove it from the library folder or replace it with the saved text of the post.',
        },
      ],
    };
  }
  const body = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? bytes.subarray(3) : bytes;
  const controls = controlProblem(body, file);
  if (controls) return { text: null, problems: [controls] };
  try {
    return { text: utf8.decode(body), problems: [] };
  } catch {
    return { text: decodeWindows1252(body), problems: [notUtf8Warning(body, file)] };
  }
}
