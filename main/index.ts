import { app, type BrowserWindow } from 'electron';
import { createService } from './core/service';
import { chooseFolder, chooseImportFile, chooseSaveFile, showOpenError } from './app/dialogs';
import { registerIpc } from './app/ipc';
import { runLifecycle } from './app/lifecycle';
import { installAppMenu } from './app/menu';
import { bundledSeedsPath, electronSqliteBinding, folderFromArgs, rendererDir } from './app/paths';
import { registerAppScheme, serveRenderer } from './app/protocol';
import { installSecurity, openExternal } from './app/security';
import { createMainWindow } from './app/window';

// A second launch quits here, before any of the instance below is made (Electron's single-instance pattern).
runLifecycle(app, () => {
  let mainWindow: BrowserWindow | null = null;
  app.enableSandbox();
  registerAppScheme();

  const service = createService({
    defaultLibrary: bundledSeedsPath(),
    // Library indexes are a cache in the user-data folder, apart from anything the user makes.
    profileDir: app.getPath('userData'),
    nativeBinding: electronSqliteBinding(),
    openExternal,
    chooseFolder: () => chooseFolder(mainWindow),
    saveFile: (name) => chooseSaveFile(mainWindow, name),
    chooseFile: () => chooseImportFile(mainWindow),
  });

  const showError = (message: string) => showOpenError(mainWindow, message);

  // One opening at a time, in the order asked: a later launch's folder is not overtaken by the first library.
  let opening: Promise<unknown> = Promise.resolve();
  const open = (path: string): Promise<void> => {
    const next = opening.then(() => service.openLibrary(path)).then(
      () => undefined,
      (error: Error) => showError(error.message),
    );
    opening = next;
    return next;
  };

  return {
    async ready() {
      serveRenderer(rendererDir());
      installSecurity();
      registerIpc(service, () => mainWindow);
      await installAppMenu(service, (path) => void open(path), showError);
      await open(folderFromArgs(process.argv) ?? bundledSeedsPath());
      mainWindow = createMainWindow();
      mainWindow.on('closed', () => (mainWindow = null));
    },
    openFolder: open,
    folderFromArgs,
    showWindow() {
      if (mainWindow?.isMinimized()) mainWindow.restore();
      mainWindow?.focus();
    },
    close: () => service.close(),
    report: (what, error) => console.error(`${what} failed:`, error),
  };
});
