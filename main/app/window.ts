import { app, BrowserWindow, screen } from 'electron';
import { join } from 'node:path';
import { appEntryUrl } from './app-origin';
import { appIconPath, appPages } from './paths';
import { clampToDisplays, MIN_WINDOW, readWindowState, trackWindowState, writeWindowState } from './window-state';

/** Creates the reader window and loads the renderer: app://threadline/index.html, or the dev server while developing. */
export function createMainWindow(): BrowserWindow {
  // Where it was last time, put back on a display that is still there.
  const profileDir = app.getPath('userData');
  const remembered = readWindowState(profileDir);
  if (remembered.warning) console.warn(remembered.warning);
  const primary = screen.getPrimaryDisplay();
  const workAreas = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
  const bounds = clampToDisplays(remembered.value?.bounds ?? null, workAreas);
  const window = new BrowserWindow({
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: bounds.height,
    minWidth: MIN_WINDOW.width,
    minHeight: MIN_WINDOW.height,
    title: 'Threadline',
    show: false,
    icon: appIconPath(),
    // Electron's security checklist, written out where the window is made so that a reader (and a scanner such as
    // Electronegativity) sees each setting: isolated, sandboxed, no Node, no webviews, no middle-click new windows.
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      preload: join(import.meta.dirname, '../preload/index.cjs'),
    },
  });
  // Maximised before it is first shown, so it never flashes at its normal size.
  if (remembered.value?.maximised) window.once('ready-to-show', () => window.maximize());
  trackWindowState(window, (state) => writeWindowState(profileDir, state), console.warn);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(appEntryUrl(appPages()));
  return window;
}
