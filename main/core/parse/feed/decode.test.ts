import { describe, expect, it } from 'vitest';
import { ChunkDecoder } from './decode';

/** Decodes `bytes` in chunks of `size`, returning the text and where the first bad byte landed in it. */
function decodeInChunks(bytes: Uint8Array, size: number): { text: string; badAt: number } {
  const decoder = new ChunkDecoder();
  let text = '';
  let badAt = -1;
  for (let at = 0; at < bytes.length || at === 0; at += size) {
    const end = Math.min(bytes.length, at + size);
    const part = decoder.decode(bytes.subarray(at, end), end === bytes.length);
    if (badAt < 0 && decoder.badAt >= 0) badAt = text.length + decoder.badAt;
    text += part;
    if (end === bytes.length) break;
  }
  return { text, badAt };
}

describe('ChunkDecoder', () => {
  const sample = 'Fees: £40 – “quoted” 🙂 é\n';

  it('decodes UTF-8 split anywhere, a BOM dropped', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(sample)]);
    for (const size of [1, 2, 3, 4, 5, 7, 1024])
      expect(decodeInChunks(bytes, size)).toEqual({ text: sample, badAt: -1 });
  });

  it('reads a byte that is not UTF-8 as Windows-1252 and says where it was', () => {
    const bytes = Buffer.concat([Buffer.from('ab\n'), Buffer.from([0x93, 0xa3]), Buffer.from(' £ ok')]);
    for (const size of [1, 3, 64]) expect(decodeInChunks(bytes, size)).toEqual({ text: 'ab\n“£ £ ok', badAt: 3 });
  });

  it('reads a cut sequence at the end of the file as Windows-1252', () => {
    expect(decodeInChunks(Buffer.from([0x61, 0xe2, 0x80]), 2)).toEqual({ text: 'aâ€', badAt: 1 });
  });

  it('honours a single-byte encoding in the XML declaration, and a UTF-16 BOM', () => {
    const latin = Buffer.from("<?xml version='1.0' encoding='ISO-8859-1'?><a>caf\u00e9</a>", 'latin1');
    expect(decodeInChunks(latin, 5).text).toBe("<?xml version='1.0' encoding='ISO-8859-1'?><a>caf\u00e9</a>");
    const wide = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(sample, 'utf16le').swap16()]);
    expect(decodeInChunks(wide, 3)).toEqual({ text: sample, badAt: -1 });
  });
});
