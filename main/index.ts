import { app, clipboard, shell, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { createService } from './core/service';
import { openCrashLog } from './app/crash-log';
import { chooseFolder, chooseImportFile, chooseSaveFile, showOpenError } from './app/dialogs';
import { handleFailures } from './app/failures';
import { registerIpc, sendEvent } from './app/ipc';
import { linkFromArgs, runLifecycle } from './app/lifecycle';
import { printHtmlToPdf } from './app/print-pdf';
import { registerProtocolClient } from './app/protocol-client';
import { installAppMenu } from './app/menu';
import { bundledSeedsPath, electronSqliteBinding, folderFromArgs, rendererDir } from './app/paths';
import { registerAppScheme, serveRenderer } from './app/protocol';
import { installSecurity, openExternal } from './app/security';
import { createMainWindow } from './app/window';

/** How many times a crashed window is reloaded in one run: a page that crashes on every load is not reloaded forever. */
const MAX_RELOADS = 3;

// A second launch quits here, before any of the instance below is made (Electron's single-instance pattern).
runLifecycle(app, () => {
  let mainWindow: BrowserWindow | null = null;
  app.enableSandbox();
  registerAppScheme();

  const profileDir = app.getPath('userData');
  const crashLog = openCrashLog({ dir: join(profileDir, 'logs') });
  const service = createService({
    defaultLibrary: bundledSeedsPath(),
    // Library indexes are a cache in the user-data folder, apart from anything the user makes.
    profileDir,
    nativeBinding: electronSqliteBinding(),
    openExternal,
    chooseFolder: () => chooseFolder(mainWindow),
    saveFile: (name) => chooseSaveFile(mainWindow, name),
    chooseFile: () => chooseImportFile(mainWindow),
    copyText: async (text) => clipboard.writeText(text),
    printToPdf: printHtmlToPdf,
  });
  registerProtocolClient();
  // Started by the system or `threadline open` with a link: the window asks for it once it is up.
  const startLink = linkFromArgs(process.argv);
  if (startLink) service.receiveLink(startLink);

  let reloads = 0;
  handleFailures(
    { process, app },
    {
      log: (heading, detail) => crashLog.write(heading, detail),
      notify: (notice, afterReload) => service.session.failed(notice, afterReload),
      reloadWindow: (webContents) => {
        if (!mainWindow || mainWindow.isDestroyed() || webContents !== mainWindow.webContents) return;
        if (reloads++ < MAX_RELOADS) mainWindow.webContents.reload();
      },
    },
  );

  const showError = (message: string) => showOpenError(mainWindow, message);

  // One opening at a time, in the order asked: a later launch's folder is not overtaken by the first library.
  let opening: Promise<unknown> = Promise.resolve();
  const open = (path: string): Promise<boolean> => {
    const next = opening
      .then(() => service.openLibrary(path))
      .then(
        () => true,
        (error: Error) => {
          showError(error.message);
          return false;
        },
      );
    opening = next;
    return next;
  };
  /**
   * The folder the command line names, else the one open last time (while it is still there), else the bundled
   * seeds; the seeds when the first choice cannot be opened.
   */
  const openFirst = async () => {
    const first = folderFromArgs(process.argv) ?? (await service.lastLibrary());
    if (!(await open(first ?? bundledSeedsPath())) && first) await open(bundledSeedsPath());
  };

  return {
    async ready() {
      serveRenderer(rendererDir());
      installSecurity();
      registerIpc(service, () => mainWindow);
      // The window opens at once and says which library is on its way; the library opens behind it.
      void openFirst();
      mainWindow = createMainWindow();
      mainWindow.on('closed', () => (mainWindow = null));
      await installAppMenu(
        service,
        (path) => void open(path),
        showError,
        () => void shell.openPath(crashLog.dir),
        (id) => sendEvent(mainWindow, 'shell.command', { id }),
      );
    },
    openFolder: async (path) => void (await open(path)),
    openLink: (url) => service.receiveLink(url),
    folderFromArgs,
    showWindow() {
      if (mainWindow?.isMinimized()) mainWindow.restore();
      mainWindow?.focus();
    },
    close: () => service.close(),
    report: (what, error) => crashLog.write(`${what} failed`, error),
  };
});
