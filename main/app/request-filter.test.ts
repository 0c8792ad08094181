import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAllowedRequest, type RequestRules } from './request-filter';

const rendererDir = join('/opt', 'Threadline', 'out', 'renderer');
const packaged: RequestRules = { devServerUrl: undefined, packaged: true, rendererDir };
const developing: RequestRules = { devServerUrl: 'http://localhost:5173', packaged: false, rendererDir };

describe('isAllowedRequest: nothing leaves for the network', () => {
  it.each([
    'app://threadline/index.html',
    'app://threadline/assets/index-CzGrcx6j.js',
    'data:image/png;base64,iVBORw0KGgo=',
    pathToFileURL(join(rendererDir, 'index.html')).href,
    pathToFileURL(join(rendererDir, 'assets', 'a b.css')).href,
  ])('lets %s through, packaged or not', (url) => {
    expect(isAllowedRequest(url, packaged)).toBe(true);
    expect(isAllowedRequest(url, developing)).toBe(true);
  });

  it.each([
    'https://example.com/',
    'http://localhost:5173/',
    'ws://localhost:5173/',
    'app://threadline.evil/index.html',
    'app://evil/index.html',
    'file:///etc/passwd',
    pathToFileURL(rendererDir).href,
    pathToFileURL(join(rendererDir, '..', 'main', 'index.js')).href,
    `${pathToFileURL(rendererDir).href}/../main/index.js`,
    pathToFileURL(`${rendererDir}-other/index.html`).href,
    'file://server/share/index.html',
    'devtools://devtools/bundled/inspector.html',
    'chrome-extension://abc/page.html',
    'blob:https://example.com/1c4f',
    'not a url',
  ])('cancels %s in a packaged app', (url) => {
    expect(isAllowedRequest(url, packaged)).toBe(false);
  });

  it('lets the dev server and the developer tools through only while developing', () => {
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', developing)).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', developing)).toBe(true);
    expect(isAllowedRequest('http://localhost:5174/', developing)).toBe(false);
    expect(isAllowedRequest('https://example.com/', developing)).toBe(false);
    expect(isAllowedRequest('http://localhost:5173/', { ...packaged, devServerUrl: 'http://localhost:5173' })).toBe(
      false,
    );
  });
});
