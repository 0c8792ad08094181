import { fileURLToPath } from 'node:url';
import { isAppUrl, parseUrl, type AppPages } from './app-origin';
import { isInside } from './renderer-files';

/** What the request filter needs to know about this run. */
export interface RequestRules extends AppPages {
  /** The built renderer folder that app://threadline serves. */
  rendererDir: string;
}

/**
 * Whether the session lets a request through: nothing may reach the network.
 * - the app's own page (app://threadline, or the dev server when not packaged);
 * - devtools:// when not packaged, so the developer tools open while developing;
 * - data: URLs, which carry their content in the URL and reach nothing (what the page may
 *   do with them is the Content-Security-Policy's to say: images only);
 * - file:// URLs inside the renderer folder: the app:// handler reads the built files with
 *   net.fetch, whose requests pass through this session's webRequest handlers too.
 */
export function isAllowedRequest(url: string, rules: RequestRules): boolean {
  if (isAppUrl(url, rules)) return true;
  const parsed = parseUrl(url);
  if (!parsed) return false;
  if (parsed.protocol === 'devtools:') return !rules.packaged;
  if (parsed.protocol === 'data:') return true;
  if (parsed.protocol === 'file:') return isRendererFile(parsed, rules.rendererDir);
  return false;
}

function isRendererFile(url: URL, rendererDir: string): boolean {
  try {
    return isInside(fileURLToPath(url), rendererDir);
  } catch {
    return false;
  }
}
