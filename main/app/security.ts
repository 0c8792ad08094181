import { app, session, shell, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from './csp';
import { appPages, rendererDir } from './paths';
import { isAllowedRequest } from './request-filter';

function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * App-wide guards: no navigation, no new windows, no webviews, no permission grants, the
 * CSP on every response, and no request leaves for the network (request-filter.ts) except
 * what the user opens in the system browser (shell.openExternal, which does not pass
 * through this session).
 */
export function installSecurity(): void {
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  const rules = { ...appPages(), rendererDir: rendererDir() };
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url, rules) }));
}

/** Opens a link the user clicked in the system browser. */
export async function openExternal(url: string): Promise<void> {
  await shell.openExternal(url, { activate: true });
}
