/**
 * Which URL is the app's own page. The built renderer is served from a privileged scheme
 * (protocol.ts) at one origin, app://threadline; electron-vite's dev server stands in for it
 * only in an unpackaged app. The IPC sender check and the request filter both ask here.
 * No 'electron' import: the rules are tested in plain Node.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'threadline';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** What the window loads when no dev server is trusted. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Where the app's page may come from in this run. */
export interface AppPages {
  /** electron-vite's dev server (ELECTRON_RENDERER_URL), when one was started. */
  devServerUrl: string | undefined;
  /** Electron's app.isPackaged: a packaged app trusts no dev server, whatever its environment says. */
  packaged: boolean;
}

/** The URL parsed, or null when it is not one. */
export function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True for a URL on app://threadline itself: no port, no user name, no other host.
 * Chromium lower-cases the host of a standard scheme, so the host is compared the same
 * way; Node keeps a custom scheme's host as written, and its URL.origin is always "null"
 * for one, so the parts are compared rather than origins.
 */
export function isAppOrigin(url: URL): boolean {
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname.toLowerCase() === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}

/** The dev server's origin when it is to be trusted (unpackaged, an http(s) URL), else null. */
function trustedDevOrigin(pages: AppPages): string | null {
  if (pages.packaged || !pages.devServerUrl) return null;
  const dev = parseUrl(pages.devServerUrl);
  return dev && (dev.protocol === 'http:' || dev.protocol === 'https:') ? dev.origin : null;
}

/** True exactly for URLs of the app's own page: origin app://threadline, or the dev server's exact origin when not packaged. */
export function isAppUrl(url: string, pages: AppPages): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  if (isAppOrigin(parsed)) return true;
  const dev = trustedDevOrigin(pages);
  return dev !== null && parsed.origin === dev;
}

/** The URL the window loads: the dev server when it is trusted, else the built renderer on app://threadline. */
export function appEntryUrl(pages: AppPages): string {
  return trustedDevOrigin(pages) !== null ? pages.devServerUrl! : APP_ENTRY_URL;
}
