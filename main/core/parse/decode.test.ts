import { describe, expect, it } from 'vitest';
import { controlProblem, decodeSeed } from './decode';
import { parseSeed } from './parse-seed';

const utf8 = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: (Uint8Array | number[])[]) => {
  const out: number[] = [];
  for (const part of parts) out.push(...part);
  return new Uint8Array(out);
};
/** Latin-1 style: one byte per char code (only for chars < 256). */
const bytes = (text: string) => new Uint8Array([...text].map((ch) => ch.charCodeAt(0)));
const utf16le = (text: string) => {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    out[2 + i * 2] = text.charCodeAt(i) & 0xff;
    out[3 + i * 2] = text.charCodeAt(i) >> 8;
  }
  return out;
};

const SEED = 'Monday 20 May 2019\n\nA Title\n\nBody text.\n';

describe('decodeSeed', () => {
  it('reads plain UTF-8 without problems', () => {
    expect(decodeSeed(utf8('Cost £4 — “quoted”\n'), 'a.txt')).toEqual({ text: 'Cost £4 — “quoted”\n', problems: [] });
  });

  it('strips a UTF-8 byte order mark', () => {
    expect(decodeSeed(concat([0xef, 0xbb, 0xbf], utf8('Monday 20 May 2019\n')), 'a.txt')).toEqual({
      text: 'Monday 20 May 2019\n',
      problems: [],
    });
  });

  it('reads Windows-1252 bytes (£ and curly quotes) and warns on the line of the first bad byte', () => {
    const input = concat(
      bytes('line one\nline two\nIt cost '),
      [0xa3],
      bytes('5 and he said '),
      [0x93],
      bytes('hi'),
      [0x94],
      bytes('\n'),
    );
    const decoded = decodeSeed(input, 'old.txt');
    expect(decoded.text).toBe('line one\nline two\nIt cost £5 and he said “hi”\n');
    expect(decoded.problems).toEqual([
      { file: 'old.txt', line: 3, severity: 'warning', message: expect.stringContaining('Windows-1252') },
    ]);
  });

  it('maps every Windows-1252 byte from 0x80 to 0x9F to its character, not to a control code', () => {
    const all = new Uint8Array(32).map((_, i) => 0x80 + i);
    expect(decodeSeed(concat(all, [0x0a]), 'a.txt').text).toBe(
      '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ\n',
    );
  });

  it('reads UTF-16LE with a byte order mark', () => {
    expect(decodeSeed(utf16le('Monday 20 May 2019\r\n£ “x”\r\n'), 'a.txt')).toEqual({
      text: 'Monday 20 May 2019\r\n£ “x”\r\n',
      problems: [],
    });
  });

  it('refuses binary data full of NUL bytes', () => {
    const binary = new Uint8Array(1000);
    for (let i = 0; i < binary.length; i += 3) binary[i] = 0x41 + (i % 26);
    const decoded = decodeSeed(binary, 'image.png');
    expect(decoded.text).toBeNull();
    expect(decoded.problems).toEqual([
      { file: 'image.png', line: null, severity: 'error', message: expect.stringContaining('binary data') },
    ]);
  });

  it('reads a text with a few stray NUL bytes, and refuses one with a hundredth of them in its head, counting runs of NULs byte by byte', () => {
    const text = (nuls: number) => {
      const bytes = new Uint8Array(2000).fill(0x61);
      // A run at the start, at the end of the 8 KB head's reach here, and one in the middle.
      for (let i = 0; i < nuls; i++) bytes[i < 3 ? i : i < 6 ? 1997 + (i - 3) : 1000 + i] = 0;
      return decodeSeed(bytes, 'a.txt');
    };
    expect(text(20).text).toHaveLength(2000); // 20 of 2,000: exactly a hundredth, still text
    expect(text(21).text).toBeNull();
    expect(text(21).problems[0]!.message).toContain('binary data');
  });

  it('reads an empty file as empty text', () => {
    expect(decodeSeed(new Uint8Array(0), 'a.txt')).toEqual({ text: '', problems: [] });
  });
});

describe('parseSeed on bytes and odd text', () => {
  it('parses a seed given as UTF-8 bytes with a byte order mark', () => {
    const { post, problems } = parseSeed(concat([0xef, 0xbb, 0xbf], utf8(SEED)), 'a.txt');
    expect(post?.date).toBe('2019-05-20');
    expect(post?.dateText).toBe('Monday 20 May 2019');
    expect(post?.title).toBe('A Title');
    expect(problems).toEqual([]);
  });

  it('parses a seed given as a string that starts with U+FEFF', () => {
    const { post, problems } = parseSeed('\uFEFF' + SEED, 'a.txt');
    expect(post?.date).toBe('2019-05-20');
    expect(post?.title).toBe('A Title');
    expect(problems).toEqual([]);
  });

  it('parses Windows-1252 bytes, keeping £ and curly quotes, with a located warning', () => {
    const input = concat(
      bytes('Monday 20 May 2019\n\nA Title\n\nIt cost '),
      [0xa3],
      bytes('4 billion, '),
      [0x93],
      bytes('they said'),
      [0x94],
      bytes('.\n'),
    );
    const { post, problems } = parseSeed(input, 'old.txt');
    expect(post?.title).toBe('A Title');
    expect(post?.body).toEqual([{ text: 'It cost £4 billion, “they said”.', line: 5, endLine: 5 }]);
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'old.txt',
        line: 5,
        severity: 'warning',
        message: expect.stringContaining('Windows-1252'),
      }),
    ]);
  });

  it('parses UTF-16LE bytes with a byte order mark', () => {
    const { post, problems } = parseSeed(
      utf16le('Monday 20 May 2019\r\n\r\nA Title\r\n\r\nCaf\u00e9 \u00a3 text.\r\n'),
      'a.txt',
    );
    expect(post?.title).toBe('A Title');
    expect(post?.body).toEqual([{ text: 'Café £ text.', line: 5, endLine: 5 }]);
    expect(problems).toEqual([]);
  });

  it('gives an error and no post for binary data', () => {
    const binary = new Uint8Array(4096);
    binary.set(utf8('Monday 20 May 2019\n'));
    const { post, problems } = parseSeed(binary, 'bin.txt');
    expect(post).toBeNull();
    expect(problems).toEqual([expect.objectContaining({ file: 'bin.txt', line: null, severity: 'error' })]);
  });

  it('gives an error and no post for an empty file', () => {
    for (const input of [new Uint8Array(0), '']) {
      const { post, problems } = parseSeed(input, 'empty.txt');
      expect(post).toBeNull();
      expect(problems).toEqual([
        expect.objectContaining({
          file: 'empty.txt',
          line: null,
          severity: 'error',
          message: expect.stringContaining('empty'),
        }),
      ]);
    }
  });

  it('gives an error and no post for a file of only whitespace, BOM and line ends', () => {
    for (const input of ['   \n\t\n\r\n\u00a0\n', '\uFEFF\n\n', concat([0xef, 0xbb, 0xbf], utf8(' \r\n \r\n'))]) {
      const { post, problems } = parseSeed(input, 'blank.txt');
      expect(post).toBeNull();
      expect(problems).toEqual([
        expect.objectContaining({ severity: 'error', message: expect.stringContaining('empty') }),
      ]);
    }
  });

  it('reads CRLF line ends as single line ends, with the same line numbers as LF', () => {
    const lf =
      'Monday 20 May 2019\n\nA Title\n\nFirst para\nstill first.\n\nSecond.\n\n1 comment:\n\n  1. Hello\n    there\n\n    ReplyDelete\n';
    const crlf = parseSeed(lf.replace(/\n/g, '\r\n'), 'a.txt');
    expect(crlf).toEqual(parseSeed(lf, 'a.txt'));
    expect(crlf.post?.body).toEqual([
      { text: 'First para\nstill first.', line: 5, endLine: 6 },
      { text: 'Second.', line: 8, endLine: 8 },
    ]);
    expect(crlf.post?.comments[0]).toMatchObject({ text: 'Hello\nthere', line: 12, endLine: 15 });
    expect(crlf.problems).toEqual([]);
  });

  it('reads old Mac lone-CR line ends', () => {
    const { post } = parseSeed('Monday 20 May 2019\r\rA Title\r\rBody.\r', 'a.txt');
    expect(post?.title).toBe('A Title');
    expect(post?.body).toEqual([{ text: 'Body.', line: 5, endLine: 5 }]);
  });

  it('reads a file with no final newline', () => {
    const { post, problems } = parseSeed(
      'Monday 20 May 2019\n\nA Title\n\nBody.\n\n1 comment:\n\n  1. Last words\n\n    ReplyDelete',
      'a.txt',
    );
    expect(post?.body).toEqual([{ text: 'Body.', line: 5, endLine: 5 }]);
    expect(post?.comments).toEqual([expect.objectContaining({ id: '1', text: 'Last words', line: 9, endLine: 11 })]);
    expect(problems).toEqual([]);
  });
});

describe('telling binary data from text by its control characters', () => {
  const withControls = (count: number, length = 10_000) => {
    const bytes = new Uint8Array(length).fill(0x61);
    for (let i = 0; i < count; i++) bytes[i * 7] = 0x01 + (i % 8);
    // Only the head is looked at: the same controls again after it change nothing.
    for (let i = 8192; i < length; i++) bytes[i] = 0x01;
    return decodeSeed(bytes, 'a.bin');
  };

  it('reads a text where one in a hundred characters of the 8 KiB head is a control code, and refuses one with more', () => {
    expect(withControls(81).text).toHaveLength(10_000);
    expect(withControls(82).text).toBeNull();
    expect(withControls(82).problems).toEqual([
      {
        file: 'a.bin',
        line: null,
        severity: 'error',
        message: expect.stringContaining(
          'binary data, not text (more than one in a hundred of its first 8192 characters',
        ),
      },
    ]);
  });

  it('lets a short text hold up to 8 control codes', () => {
    expect(withControls(8, 20).text).toHaveLength(20);
    expect(withControls(9, 70).text).toBeNull();
  });

  it('does not count tabs, line ends, vertical tabs and form feeds', () => {
    const bytes = new Uint8Array(1000).map((_, i) => [9, 10, 11, 12, 13][i % 5]!);
    expect(decodeSeed(bytes, 'a.txt').text).toHaveLength(1000);
  });

  it('refuses UTF-16 that decodes to broken characters', () => {
    const bytes = new Uint8Array(2002);
    bytes.set([0xff, 0xfe]);
    // Lone low surrogates: each becomes U+FFFD.
    for (let i = 2; i < bytes.length; i += 2) bytes.set([0x00, 0xdc], i);
    expect(controlProblem(new TextDecoder('utf-16le').decode(bytes.subarray(2)), 'a.txt')).not.toBeNull();
    expect(decodeSeed(bytes, 'a.txt').text).toBeNull();
  });
});
