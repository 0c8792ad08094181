import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { appEntryUrl } from './app-origin';
import { appPages } from './paths';
import { secureWebPreferences } from './security';

/** Creates the reader window and loads the renderer: app://threadline/index.html, or the dev server while developing. */
export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 760,
    minHeight: 480,
    title: 'Threadline',
    show: false,
    webPreferences: { ...secureWebPreferences, preload: join(import.meta.dirname, '../preload/index.cjs') },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(appEntryUrl(appPages()));
  return window;
}
