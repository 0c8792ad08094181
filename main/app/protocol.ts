import { net, protocol } from 'electron';
import { stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { APP_SCHEME } from './app-origin';
import { CONTENT_SECURITY_POLICY } from './csp';
import { rendererFileFor } from './renderer-files';

/**
 * Makes app:// a standard, secure scheme, so the page has a real origin (app://threadline,
 * which 'self' in the CSP and the sender check name), relative URLs resolve, and it is a
 * secure context like https. Electron allows this only before the app is ready, once.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isFile(),
    () => false,
  );
}

/**
 * Serves app://threadline/<path> from the built renderer folder (renderer-files.ts says
 * which file, or none); anything else is a 404. The response carries the CSP header
 * itself: session.webRequest's header hooks are not promised to run for custom schemes.
 */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = rendererFileFor(request.url, rendererDir);
    if (!file || !(await isFile(file)))
      return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  });
}
