import nodePath from 'node:path';
import { isAppOrigin, parseUrl } from './app-origin';

/** The parts of node:path used here; tests pass path.posix or path.win32 to check both. */
export type PathApi = Pick<typeof nodePath, 'isAbsolute' | 'join' | 'relative' | 'sep'>;

/** True when file lies strictly inside dir (not dir itself, not beside or above it). */
export function isInside(file: string, dir: string, path: PathApi = nodePath): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

/**
 * The file of the built renderer that an app://threadline/ URL asks for, or null when the
 * URL is for another origin or its path could name anything outside rendererDir.
 *
 * The URL parser has already resolved literal and %2e dot segments (as Chromium does
 * before a request reaches the handler), so what is checked is the decoded path: it may
 * not hold "..", a backslash, a colon (a drive letter or a Windows stream name), a NUL,
 * be absolute, or end in "/" (a folder: file:// would answer with a listing).
 */
export function rendererFileFor(url: string, rendererDir: string, path: PathApi = nodePath): string | null {
  const parsed = parseUrl(url);
  if (!parsed || !isAppOrigin(parsed)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  const wanted = decoded === '' || decoded === '/' ? 'index.html' : decoded.slice(1);
  if (/[\\:\0]/.test(wanted) || wanted.endsWith('/') || path.isAbsolute(wanted)) return null;
  if (wanted.split('/').some((segment) => segment === '..' || segment === '.')) return null;
  const file = path.join(rendererDir, wanted);
  return isInside(file, rendererDir, path) ? file : null;
}
