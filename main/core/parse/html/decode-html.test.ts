import { describe, expect, it } from 'vitest';
import { declaredCharset, decodeHtml } from './decode-html';

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

describe('decoding a saved page', () => {
  it('finds the charset in <meta charset>, http-equiv and an XML declaration', () => {
    expect(declaredCharset(bytes('<html><head><meta charset="ISO-8859-1"></head>'))).toBe('iso-8859-1');
    expect(declaredCharset(bytes('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'))).toBe(
      'windows-1252',
    );
    expect(declaredCharset(bytes("<?xml version='1.0' encoding='UTF-8'?><html>"))).toBe('utf-8');
    expect(declaredCharset(bytes('<html><body>charset=koi8-r</body>'))).toBeNull();
  });

  it('lets a byte-order mark win over the declaration', () => {
    const text = '<meta charset="windows-1252"><p>café</p>';
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    expect(decodeHtml(utf16, 'a.html')).toEqual({ text, problems: [] });
    const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(text, 'utf8')]);
    expect(decodeHtml(utf8, 'a.html')).toEqual({ text, problems: [] });
  });

  it('reads a declared ISO-8859-1 page as Windows-1252, so curly quotes survive', () => {
    const page = new Uint8Array([...bytes('<meta charset="iso-8859-1"><p>'), 0x93, 0x41, 0x94, 0xa3]);
    expect(decodeHtml(page, 'a.html')).toEqual({ text: '<meta charset="iso-8859-1"><p>“A”£', problems: [] });
  });

  it('reads other declared charsets it knows, and warns of one it does not', () => {
    const koi = new Uint8Array([...bytes('<meta charset="koi8-r"><p>'), 0xd0, 0xd2, 0xc9]);
    expect(decodeHtml(koi, 'a.html').text).toBe('<meta charset="koi8-r"><p>при');
    const odd = decodeHtml(bytes('<meta charset="x-made-up"><p>plain</p>'), 'a.html');
    expect(odd.text).toBe('<meta charset="x-made-up"><p>plain</p>');
    expect(odd.problems).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining('"x-made-up"') }),
    ]);
  });
});
