import { parseHtmlPage } from '../../main/core/parse/html';

/** A hostile saved page and what it stresses. */
interface HostilePage {
  name: string;
  bytes: Uint8Array;
}

const post = (body: string) =>
  `<!DOCTYPE html><html><body><h2 class="date-header">Monday, 20 May 2019</h2><div class="post"><h3 class="post-title">Hostile</h3><div class="post-body">${body}</div></div></body></html>`;

/** The pages the HTML reader must read in bounded time: deep, wide, long and cut short. */
export function hostilePages(): HostilePage[] {
  const encode = (text: string) => new TextEncoder().encode(text);
  const deep = 100_000;
  return [
    { name: '100,000 nested divs', bytes: encode(post('<div>'.repeat(deep) + 'x' + '</div>'.repeat(deep))) },
    { name: '100,000 unclosed divs', bytes: encode(post('<div class="x">'.repeat(deep))) },
    {
      name: '50,000 divs, 50,000 stray end tags',
      bytes: encode(post('<div>'.repeat(50_000) + '</span>'.repeat(50_000))),
    },
    { name: '10 MB on one line', bytes: encode(post('word '.repeat(2_000_000))) },
    {
      name: '20,000 nested replies',
      bytes: encode(
        post('Body.') +
          '<div id="comments"><ol>' +
          '<li class="comment"><p class="comment-content">r</p><div class="comment-replies"><ol>'.repeat(20_000),
      ),
    },
  ];
}

/** Milliseconds to read each hostile page, `runs` times each, by page name. */
export function timeHostilePages(runs: number): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const page of hostilePages()) {
    parseHtmlPage(page.bytes, 'hostile.html'); // warm, not counted
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      parseHtmlPage(page.bytes, 'hostile.html');
      times.push(performance.now() - start);
    }
    out[page.name] = times;
  }
  return out;
}
