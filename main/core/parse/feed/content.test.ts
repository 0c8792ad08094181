import { describe, expect, it } from 'vitest';
import { htmlParagraphs, textParagraphs } from './content';

describe('htmlParagraphs: entry HTML as the paragraphs a text copy shows', () => {
  it('splits at two line breaks and keeps one as a line break inside the paragraph', () => {
    expect(htmlParagraphs('First.<br /><br />Second<br>line two<BR/><br/>Third')).toEqual([
      'First.',
      'Second\nline two',
      'Third',
    ]);
  });

  it('splits as a browser copies: paragraphs and headings apart, block lines together, empty ones dropped', () => {
    expect(htmlParagraphs('<p>One</p><div><br></div><blockquote>Quoted</blockquote><h3>Head</h3>tail')).toEqual([
      'One',
      'Quoted',
      'Head',
      'tail',
    ]);
    expect(htmlParagraphs('<ul><li>a</li><li>b</li></ul>')).toEqual(['a\nb']);
  });

  it('collapses white space but keeps non-breaking spaces and <pre> lines (not their indentation)', () => {
    expect(htmlParagraphs('  spread \n  over\tlines&nbsp;here  ')).toEqual(['spread over lines\u00a0here']);
    expect(htmlParagraphs('<pre>a\n  b\n\nc</pre>')).toEqual(['a\nb', 'c']);
  });

  it('takes a line of only non-breaking spaces as blank, as the text reader does', () => {
    expect(htmlParagraphs('one<br />&nbsp;<br />two')).toEqual(['one', 'two']);
  });

  it('decodes entities and leaves out scripts, styles and markup', () => {
    expect(
      htmlParagraphs(
        '<style>p{}</style><script>alert(1)</script><b>Bold</b> &amp; <a href="x">link</a> &pound;5 &ndash; ok',
      ),
    ).toEqual(['Bold & link £5 – ok']);
  });

  it('reads nothing from empty or broken markup without throwing', () => {
    expect(htmlParagraphs('')).toEqual([]);
    expect(htmlParagraphs('<p><div><<>>&#x0;</p')).toEqual(['<<>>\ufffd']);
  });
});

describe('textParagraphs', () => {
  it('splits plain text at blank lines, whatever the line ends', () => {
    expect(textParagraphs('a\r\nb\r\n\r\nc')).toEqual(['a\nb', 'c']);
  });
});
