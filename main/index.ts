import { app, type BrowserWindow } from 'electron';
import { createService } from './core/service';
import { chooseFolder, chooseImportFile, chooseSaveFile, showOpenError } from './app/dialogs';
import { registerIpc } from './app/ipc';
import { installAppMenu } from './app/menu';
import { bundledSeedsPath, electronSqliteBinding, folderFromArgs, rendererDir } from './app/paths';
import { registerAppScheme, serveRenderer } from './app/protocol';
import { installSecurity, openExternal } from './app/security';
import { createMainWindow } from './app/window';

let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) app.quit();
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

async function open(path: string): Promise<void> {
  try {
    await service.openLibrary(path);
  } catch (error) {
    showError((error as Error).message);
  }
}

app.on('second-instance', (_event, argv, workingDirectory) => {
  const folder = folderFromArgs(argv, workingDirectory);
  if (folder) void open(folder);
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
});

app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => void service.close());

void app.whenReady().then(async () => {
  serveRenderer(rendererDir());
  installSecurity();
  registerIpc(service, () => mainWindow);
  await installAppMenu(service, (path) => void open(path), showError);
  // A folder named on the command line, else the one open last time (while it is still there), else the seeds.
  await open(folderFromArgs(process.argv) ?? (await service.lastLibrary()) ?? bundledSeedsPath());
  mainWindow = createMainWindow();
  mainWindow.on('closed', () => (mainWindow = null));
});
