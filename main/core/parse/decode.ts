import type { Problem } from './types';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');
const win1252 = new TextDecoder('windows-1252');
const utf16le = new TextDecoder('utf-16le');
const utf16be = new TextDecoder('utf-16be');

export interface Decoded {
  /** The decoded text, or null when the bytes are not text at all. */
  text: string | null;
  problems: Problem[];
}

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Turns a seed file's bytes into text: strips a UTF-8 BOM, reads UTF-16 when it has a BOM,
 * and falls back to Windows-1252 (what old Windows tools saved) when the bytes are not
 * valid UTF-8 — reporting where the first bad byte sits, so £ and curly quotes survive.
 */
export function decodeSeed(bytes: Uint8Array, file: string): Decoded {
  const head = bytes.subarray(0, 8192);
  if (head[0] === 0xff && head[1] === 0xfe) return { text: utf16le.decode(bytes.subarray(2)), problems: [] };
  if (head[0] === 0xfe && head[1] === 0xff) return { text: utf16be.decode(bytes.subarray(2)), problems: [] };
  let nuls = 0;
  for (const byte of head) if (byte === 0) nuls++;
  // A stray NUL can sit in a damaged text file; many of them mean the file is not text.
  if (nuls > Math.max(4, head.length / 100)) {
    return {
      text: null,
      problems: [
        {
          file,
          line: null,
          severity: 'error',
          message: 'Reading the file failed: it holds binary data (NUL bytes), not text. Remove it from the library folder or replace it with the saved text of the post.',
        },
      ],
    };
  }
  const body = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: utf8.decode(body), problems: [] };
  } catch {
    const lenient = utf8Lenient.decode(body);
    const line = lineOfOffset(lenient, lenient.indexOf('\uFFFD'));
    return {
      text: win1252.decode(body),
      problems: [
        {
          file,
          line,
          severity: 'warning',
          message: 'The file is not valid UTF-8; it was read as Windows-1252. Check that £, quotes and accented letters look right, and re-save the file as UTF-8 to silence this.',
        },
      ],
    };
  }
}
