import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, appEntryUrl, isAppUrl, type AppPages } from './app-origin';

const packaged: AppPages = { devServerUrl: undefined, packaged: true };
const developing: AppPages = { devServerUrl: 'http://localhost:5173', packaged: false };
const packagedWithDevEnv: AppPages = { devServerUrl: 'http://localhost:5173', packaged: true };

describe('isAppUrl: which URL is the app’s own page', () => {
  it.each([
    ['app://threadline/index.html', 'the entry page'],
    ['app://threadline/', 'the origin’s root'],
    ['app://threadline', 'the bare origin'],
    ['app://threadline/assets/index-abc.js?v=1#top', 'a built file, with query and fragment'],
    [
      'APP://THREADLINE/index.html',
      'the same origin written in capitals (Chromium lower-cases a standard scheme’s host)',
    ],
  ])('trusts %s (%s)', (url) => {
    expect(isAppUrl(url, packaged)).toBe(true);
    expect(isAppUrl(url, developing)).toBe(true);
  });

  it.each([
    ['app://threadline.evil/index.html', 'a host that only starts with threadline'],
    ['app://threadline@evil/index.html', 'threadline as a user name in front of another host'],
    ['app://evil@threadline/index.html', 'a user name in front of the host'],
    ['app://user:pass@threadline/index.html', 'credentials in front of the host'],
    ['app://threadline:8080/index.html', 'a port'],
    ['app://threadline./index.html', 'a trailing dot (another host to Chromium)'],
    ['app://evil/threadline/index.html', 'another host with threadline in the path'],
    ['app:///index.html', 'no host'],
    ['app:threadline/index.html', 'no authority at all'],
    ['apps://threadline/index.html', 'another scheme'],
    ['https://threadline/index.html', 'https with the same host'],
    ['file:///opt/threadline/out/renderer/index.html', 'the built page as a file (the old way of loading it)'],
    ['file://threadline/index.html', 'a file URL with the host'],
    ['javascript:alert(1)', 'javascript:'],
    ['data:text/html,<script>alert(1)</script>', 'data:'],
    ['blob:app://threadline/1c4f', 'a blob: URL made by the page'],
    ['about:blank', 'about:blank'],
    ['devtools://devtools/bundled/inspector.html', 'the developer tools'],
    ['', 'an empty string'],
    ['threadline', 'not a URL'],
  ])('does not trust %s (%s)', (url) => {
    expect(isAppUrl(url, packaged)).toBe(false);
    expect(isAppUrl(url, developing)).toBe(false);
  });

  it.each([
    ['http://localhost:5173/', true],
    ['http://localhost:5173', true],
    ['http://localhost:5173/src/main.tsx?t=1', true],
    ['http://LOCALHOST:5173/', true],
    ['http://localhost:5174/', false],
    ['https://localhost:5173/', false],
    ['http://localhost/', false],
    ['http://127.0.0.1:5173/', false],
    ['http://localhost:5173.evil.example/', false],
    ['http://localhost:5173@evil.example/', false],
    ['ws://localhost:5173/', false],
  ])('trusts the dev server’s exact origin while developing: %s → %s', (url, trusted) => {
    expect(isAppUrl(url, developing)).toBe(trusted);
  });

  it('trusts no dev server in a packaged app, even when the environment names one', () => {
    expect(isAppUrl('http://localhost:5173/', packagedWithDevEnv)).toBe(false);
    expect(isAppUrl('app://threadline/index.html', packagedWithDevEnv)).toBe(true);
  });

  it('trusts nothing more when the dev server URL is missing or not an http(s) URL', () => {
    for (const devServerUrl of [undefined, '', 'not a url', 'file:///tmp/index.html', 'javascript:alert(1)']) {
      const pages = { devServerUrl, packaged: false };
      expect(isAppUrl('http://localhost:5173/', pages)).toBe(false);
      expect(isAppUrl('file:///tmp/index.html', pages)).toBe(false);
      expect(isAppUrl('null', pages)).toBe(false);
    }
  });
});

describe('appEntryUrl: what the window loads', () => {
  it('loads the built renderer from app://threadline when packaged or when no dev server runs', () => {
    expect(APP_ENTRY_URL).toBe('app://threadline/index.html');
    expect(appEntryUrl(packaged)).toBe(APP_ENTRY_URL);
    expect(appEntryUrl(packagedWithDevEnv)).toBe(APP_ENTRY_URL);
    expect(appEntryUrl({ devServerUrl: undefined, packaged: false })).toBe(APP_ENTRY_URL);
  });

  it('loads the dev server while developing, and the page it loads is one the app trusts', () => {
    expect(appEntryUrl(developing)).toBe('http://localhost:5173');
    expect(isAppUrl(appEntryUrl(developing), developing)).toBe(true);
    expect(isAppUrl(appEntryUrl(packaged), packaged)).toBe(true);
  });
});
